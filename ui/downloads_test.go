package ui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/fetch"
	"panelpapers/docs/library"
)

// fixtureSite is the address in docs/fetch's ModernGov fixtures, which
// councilSite rewrites to its own.
const fixtureSite = "https://democracy.manchester.gov.uk"

// councilSite is a tiny ModernGov site: the web service answers from
// docs/fetch/testdata (Manchester's Audit Committee: a meeting cancelled on
// 13 January 2026 and one on 10 February), meeting 4967's page, and the
// generated sample papers for its links.
type councilSite struct {
	t   *testing.T
	srv *httptest.Server
	URL string

	mu    sync.Mutex
	xml   map[string]string // "committees", "meetings", "meeting/4966", "meeting/4967"
	page  string            // meeting 4967's page
	html  bool              // papers come as a web page (a login page, say)
	extra map[string][]byte // more files by path
}

func readFetchTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "docs", "fetch", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func newCouncilSite(t *testing.T) *councilSite {
	t.Helper()
	s := &councilSite{t: t, xml: map[string]string{}, extra: map[string][]byte{}}
	for key, name := range map[string]string{
		"committees":   "committees.xml",
		"meetings":     "meetings.xml",
		"meeting/4966": "meeting_no_minutes.xml",
		"meeting/4967": "meeting_with_minutes.xml",
	} {
		s.xml[key] = readFetchTestdata(t, name)
	}
	s.page = readFetchTestdata(t, "ieListDocuments_4967.html")
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	t.Cleanup(s.srv.Close)
	return s
}

// paper is the sample paper the site serves at an address: the pack for
// the reports pack, and so on.
func (s *councilSite) paper(uri string) []byte {
	p := samplePacks(s.t)
	switch {
	case strings.Contains(uri, "reports%20pack"), strings.Contains(uri, "frontsheet"):
		return p["pack"].PDF
	case strings.Contains(uri, "Supplementary"):
		return p["supplement"].PDF
	case strings.Contains(uri, "minutes"):
		return p["minutes"].PDF
	}
	return p["report"].PDF
}

func (s *councilSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := r.URL.Query()
	switch p := r.URL.Path; {
	case strings.HasPrefix(p, "/mgWebService.asmx/"):
		var key string
		switch strings.TrimPrefix(p, "/mgWebService.asmx/") {
		case "GetCommittees":
			key = "committees"
		case "GetMeetings":
			key = "meetings"
		case "GetMeeting":
			key = "meeting/" + q.Get("lMeetingId")
		}
		body, ok := s.xml[key]
		if !ok {
			http.Error(w, "System.ArgumentException", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		fmt.Fprint(w, strings.ReplaceAll(body, fixtureSite, s.URL))
	case p == "/ieListDocuments.aspx" && q.Get("MId") == "4967":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, s.page)
	case s.html:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form></form></body></html>")
	case s.extra[p] != nil:
		http.ServeContent(w, r, "paper.pdf", time.Time{}, bytes.NewReader(s.extra[p]))
	case strings.HasPrefix(p, "/documents/") || p == "/mgConvert2PDF.aspx":
		http.ServeContent(w, r, "paper.pdf", time.Time{}, bytes.NewReader(s.paper(r.RequestURI)))
	default:
		http.NotFound(w, r)
	}
}

// edit changes a fixture as the council's data would change.
func (s *councilSite) edit(f func(s *councilSite)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

// samplePages stands in for the PDF engine: it knows the pages of the
// generated sample papers by their SHA-256.
type samplePages map[string][]docs.Page

func newSamplePages(t *testing.T) samplePages {
	out := samplePages{}
	for _, p := range samplePacks(t) {
		sum := sha256.Sum256(p.PDF)
		out[hex.EncodeToString(sum[:])] = p.Pages
	}
	return out
}

func (x samplePages) Extract(_ context.Context, path, _ string, progress func(done, total int)) ([]docs.Page, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	pages, ok := x[hex.EncodeToString(sum[:])]
	if !ok {
		return nil, docs.ErrDamaged
	}
	if progress != nil {
		progress(len(pages), len(pages))
	}
	return pages, nil
}

// noPages is a PageSource for tests that never open a paper.
type noPages struct{}

func (noPages) Open(context.Context, string, string) (PageDoc, error) {
	return nil, errors.New("no pages in this test")
}

func (noPages) Ready() bool { return true }

// dlFixture is a window on a real (temporary) library with the real
// downloader, whose clock stands at 1 February 2026.
type dlFixture struct {
	t       *testing.T
	u       *UI
	w       fyne.Window
	lib     *library.Library
	papers  *library.Papers
	fetcher *Fetcher
	now     time.Time
}

func newDLFixture(t *testing.T) *dlFixture {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	dir := t.TempDir()
	lib, err := library.OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	papers := &library.Papers{Lib: lib, Extractor: newSamplePages(t)}
	client, err := fetch.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	client.Retries, client.Backoff, client.Timeout = 0, time.Millisecond, 10*time.Second
	f := &dlFixture{t: t, w: w, lib: lib, papers: papers, now: time.Date(2026, 2, 1, 9, 30, 0, 0, time.Local)}
	f.fetcher = NewFetcher(client, papers, filepath.Join(dir, "downloads"))
	f.fetcher.syncer.Now = func() time.Time { return f.now }
	f.u = newUI(a, w, Deps{Library: lib, Pages: noPages{}, Papers: papers, Downloader: f.fetcher, Storage: papers,
		Meetings: lib, Backups: lib, DataDir: lib.Dir()}, newAsync(true))
	f.u.now = func() time.Time { return f.now }
	t.Cleanup(f.u.Close)
	f.settle()
	return f
}

func (f *dlFixture) settle() { f.u.async.settle(f.u.renderer.Wait) }

// follow follows the site's Audit Committee, as the settings would.
func (f *dlFixture) follow(site string) docs.Committee {
	f.t.Helper()
	c := docs.Committee{Site: site, ID: 144, Title: "Audit Committee"}
	if err := f.lib.Follow(c); err != nil {
		f.t.Fatal(err)
	}
	return c
}

// rows describes the papers list: one line a row, "kind|text|detail|badge".
func (f *dlFixture) rows() []string {
	var out []string
	for _, r := range f.u.Library.rows {
		out = append(out, fmt.Sprintf("%d|%s|%s|%s", r.kind, r.text, r.detail, r.badge))
	}
	return out
}

func (f *dlFixture) hasRow(kind rowKind, text string) *libRow {
	for i, r := range f.u.Library.rows {
		if r.kind == kind && strings.Contains(r.text, text) {
			return &f.u.Library.rows[i]
		}
	}
	return nil
}

// addFromLink does what the member does: the menu, the link, Add.
func (f *dlFixture) addFromLink(link string) {
	f.t.Helper()
	d := f.u.Downloads
	d.onAddFromLink()
	if d.link == nil || d.linkDialog == nil {
		f.t.Fatal("no dialog for the link")
	}
	d.link.SetText(link)
	d.linkDialog.Submit()
	f.settle()
}

func TestAddFromLinkAddsThePaper(t *testing.T) {
	site := newCouncilSite(t)
	f := newDLFixture(t)
	link := site.URL + "/documents/g1/Public%20reports%20pack%2027th-Oct-2023.pdf"
	f.u.app.Clipboard().SetContent(link)

	d := f.u.Downloads
	d.onAddFromLink()
	if d.link.Text != link {
		t.Errorf("the link on the clipboard was not offered: %q", d.link.Text)
	}
	d.linkDialog.Submit()
	f.settle()

	if f.u.lastError != "" {
		t.Fatalf("error: %q", f.u.lastError)
	}
	row := f.hasRow(rowPaper, "Reports pack")
	if row == nil {
		t.Fatalf("the paper is not in the list (%q):\n%s", f.u.Library.status.Text, strings.Join(f.rows(), "\n"))
	}
	if row.version.Committee != "Dyfed-Powys Police and Crime Panel" || row.version.Date != "2023-10-27" {
		t.Errorf("added as %q of %q", row.version.Committee, row.version.Date)
	}
	if f.hasRow(rowProgress, "") != nil {
		t.Error("the download's progress row is still shown")
	}
	if r, ok, err := f.lib.Remote(link); err != nil || !ok || r.SHA256 != row.version.SHA256 {
		t.Errorf("download record: %+v %v %v", r, ok, err)
	}

	// The same link again: said, not added twice.
	f.addFromLink(link)
	if top := f.w.Canvas().Overlays().Top(); top == nil || !strings.Contains(overlayText(top), "already in the library") {
		t.Error("no word that the paper is already in the library")
	}
	if n := len(f.u.Library.papers); n != 1 {
		t.Errorf("%d papers after adding the same link twice", n)
	}
}

// overlayText gathers the text of the labels in a dialog.
func overlayText(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, x := range test.LaidOutObjects(o) {
		if l, ok := x.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}

func TestAddFromLinkSaysWhatWentWrong(t *testing.T) {
	site := newCouncilSite(t)
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()
	cases := []struct {
		name string
		link string
		html bool
		want string
	}{
		{"a web page instead of the PDF", site.URL + "/documents/g1/pack.pdf", true, "The council's site sent a web page instead of the PDF"},
		{"no such paper", site.URL + "/nothing.pdf", false, "has nothing at this address"},
		{"offline", gone.URL + "/documents/g1/pack.pdf", false, "offline"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			site.edit(func(s *councilSite) { s.html = tc.html })
			f := newDLFixture(t)
			f.addFromLink(tc.link)
			if !strings.Contains(f.u.lastError, tc.want) {
				t.Errorf("dialog says %q, want %q", f.u.lastError, tc.want)
			}
			top := f.w.Canvas().Overlays().Top()
			if top == nil || !strings.Contains(overlayText(top), tc.want) {
				t.Error("the sentence is not in a dialog")
			}
			if len(f.u.Library.papers) != 0 || f.hasRow(rowProgress, "") != nil {
				t.Errorf("rows after a failure:\n%s", strings.Join(f.rows(), "\n"))
			}
			if left, _ := os.ReadDir(f.fetcher.tmp); len(left) != 0 {
				t.Errorf("left in the downloads folder: %v", left)
			}
		})
	}

	t.Run("not a secure address", func(t *testing.T) {
		f := newDLFixture(t)
		d := f.u.Downloads
		d.onAddFromLink()
		d.link.SetText("http://democracy.example.gov.uk/pack.pdf")
		err := d.link.Validate()
		if err == nil || !strings.Contains(err.Error(), "https://") {
			t.Errorf("validation: %v", err)
		}
		d.linkDialog.Submit() // refused while the link is not valid
		f.settle()
		if f.hasRow(rowProgress, "") != nil || len(f.u.Library.papers) != 0 {
			t.Error("an insecure link was fetched")
		}
	})
}

func TestBackgroundCheckNotifiesNewPapers(t *testing.T) {
	site := newCouncilSite(t)
	site.edit(func(s *councilSite) {
		// Item 9 is exempt information.
		x := s.xml["meeting/4967"]
		i := strings.Index(x, "<agendaitemtitle>Work Programme")
		s.xml["meeting/4967"] = x[:i] + strings.Replace(x[i:], "<isrestricted>False", "<isrestricted>True", 1)
	})
	f := newDLFixture(t)
	f.follow(site.URL)

	test.AssertNotificationSent(t, &fyne.Notification{Title: "Panel Papers", Content: "New papers: Audit Committee, 10 February"}, func() {
		f.u.Downloads.onTick() // the first tick after the window opens checks
		f.settle()
	})
	d := f.u.Downloads
	if !strings.HasPrefix(d.status.Text, "New papers: Audit Committee, 10 February") || !d.bar.Visible() {
		t.Errorf("status %q (shown %v)", d.status.Text, d.bar.Visible())
	}
	rows := strings.Join(f.rows(), "\n")
	for _, want := range []*struct {
		kind rowKind
		text string
	}{{rowPaper, "Reports pack"}, {rowPaper, "Minutes"}, {rowPaper, "Supplement"}} {
		if f.hasRow(want.kind, want.text) == nil {
			t.Errorf("no row %q in\n%s", want.text, rows)
		}
	}
	cancelled := f.hasRow(rowMeeting, "Tuesday 13 January 2026")
	if cancelled == nil || cancelled.badge != "Cancelled" || !strings.Contains(cancelled.detail, "Cancelled") {
		t.Errorf("cancelled meeting shown as %+v in\n%s", cancelled, rows)
	}
	restricted := f.hasRow(rowNotice, "Work Programme")
	if restricted == nil || restricted.text != "Item 9: Work Programme" || restricted.detail != "Restricted (not published)" {
		t.Errorf("restricted item shown as %+v in\n%s", restricted, rows)
	}
	if last, _ := f.lib.Setting(fetch.SettingLastSync); last == "" {
		t.Error("the time of the check was not kept")
	}

	// Not due again until the interval has passed; then nothing new.
	if d.due() {
		t.Error("a check is due straight after one")
	}
	f.now = f.now.Add(fetch.DefaultSyncEvery)
	if !d.due() {
		t.Error("no check due after the interval")
	}
	test.AssertNotificationSent(t, nil, func() {
		d.onTick()
		f.settle()
	})
	if !strings.HasPrefix(d.status.Text, "Papers up to date") {
		t.Errorf("status after a check with nothing new: %q", d.status.Text)
	}
}

func TestFirstLargeSyncAsks(t *testing.T) {
	cases := []struct {
		answer  string
		now     time.Time
		papers  int
		since   string
		running bool
	}{
		// Five papers, four of them different: the test site serves the
		// same sample report for both items' papers.
		{"Download all", time.Date(2026, 3, 1, 9, 0, 0, 0, time.Local), 4, "", false},
		{"Only coming meetings", time.Date(2026, 3, 1, 9, 0, 0, 0, time.Local), 0, "2026-03-01", false},
		{"Only coming meetings", time.Date(2026, 2, 1, 9, 0, 0, 0, time.Local), 4, "2026-02-01", false},
		{"Not now", time.Date(2026, 3, 1, 9, 0, 0, 0, time.Local), 0, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.answer+" on "+tc.now.Format(time.DateOnly), func(t *testing.T) {
			site := newCouncilSite(t)
			// No reports pack: the front sheet, the items' papers, the
			// supplement and the minutes, more than a first sync takes unasked.
			site.edit(func(s *councilSite) { s.page = readFetchTestdata(t, "ieListDocuments_4967_nopack.html") })
			f := newDLFixture(t)
			f.now = tc.now
			f.follow(site.URL)
			d := f.u.Downloads
			d.onCheckNow()
			f.settle()
			if d.choice == nil {
				t.Fatal("not asked")
			}
			if text := overlayText(f.w.Canvas().Overlays().Top()); !strings.Contains(text, "5 papers of Audit Committee (about ") {
				t.Errorf("question: %q", text)
			}
			buttons := map[string]*widget.Button{"Download all": d.choiceAll, "Only coming meetings": d.choiceNew, "Not now": d.choiceNot}
			test.Tap(buttons[tc.answer])
			f.settle()
			if n := len(f.u.Library.papers); n != tc.papers {
				t.Errorf("%d papers downloaded, want %d", n, tc.papers)
			}
			followed, err := f.lib.Followed()
			if err != nil || len(followed) != 1 || followed[0].Since != tc.since {
				t.Errorf("followed %+v (%v), want since %q", followed, err, tc.since)
			}
			if d.running != tc.running || d.choice != nil {
				t.Errorf("running %v, question still open %v", d.running, d.choice != nil)
			}
		})
	}
}

func TestOfflineCheckIsQuiet(t *testing.T) {
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close()
	f := newDLFixture(t)
	// A paper already downloaded.
	pdf := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(pdf, samplePacks(t)["pack"].PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := f.papers.Import(context.Background(), pdf, library.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	f.u.Library.reload()
	f.follow(gone.URL)

	test.AssertNotificationSent(t, nil, func() {
		f.u.Downloads.check(false)
		f.settle()
	})
	d := f.u.Downloads
	if d.status.Text != "Offline — showing papers already downloaded" || !d.bar.Visible() || !d.retry.Visible() {
		t.Errorf("status %q (shown %v, retry %v)", d.status.Text, d.bar.Visible(), d.retry.Visible())
	}
	if f.u.lastError != "" || f.w.Canvas().Overlays().Top() != nil {
		t.Errorf("a dialog for a background check: %q", f.u.lastError)
	}
	if f.hasRow(rowPaper, "Reports pack") == nil {
		t.Errorf("the papers already downloaded are not listed:\n%s", strings.Join(f.rows(), "\n"))
	}
	if !d.due() {
		t.Error("an offline check should be tried again at the next tick")
	}
	// A check the member asks for says so at the foot too, without a dialog.
	d.onCheckNow()
	f.settle()
	if f.w.Canvas().Overlays().Top() != nil || !strings.HasPrefix(d.status.Text, "Offline") {
		t.Errorf("asked while offline: status %q", d.status.Text)
	}
}

func TestCheckWithNothingFollowed(t *testing.T) {
	f := newDLFixture(t)
	d := f.u.Downloads
	d.check(false)
	f.settle()
	if d.bar.Visible() || f.w.Canvas().Overlays().Top() != nil {
		t.Error("a background check with nothing followed should say nothing")
	}
	// Ctrl+R reads the list again and says so at the foot, with what
	// following would bring: no message to dismiss.
	d.onCheckNow()
	f.settle()
	if f.w.Canvas().Overlays().Top() != nil {
		t.Error("Ctrl+R with nothing followed shows a message to dismiss")
	}
	if !d.bar.Visible() || !strings.Contains(d.status.Text, "up to date") || !strings.Contains(d.status.Text, "follow your committees") {
		t.Errorf("the foot says %q", d.status.Text)
	}
}

func TestNewsText(t *testing.T) {
	meeting := func(c, date string) *docs.Meeting { return &docs.Meeting{Committee: c, Date: date} }
	cases := []struct {
		name string
		news []fetch.News
		want string
	}{
		{"one", []fetch.News{{Meeting: meeting("Police and Crime Panel", "2023-10-27")}},
			"New papers: Police and Crime Panel, 27 October"},
		{"two", []fetch.News{{Meeting: meeting("Audit Committee", "2026-02-10")}, {Meeting: meeting("Cabinet", "2026-02-12")}},
			"New papers: Audit Committee, 10 February; Cabinet, 12 February"},
		{"many", []fetch.News{{Meeting: meeting("A", "2026-02-10")}, {Meeting: meeting("B", "2026-02-11")},
			{Meeting: meeting("C", "2026-02-12")}, {Meeting: meeting("D", "2026-02-13")}},
			"New papers: A, 10 February; B, 11 February; and 2 more meetings"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := newsText(tc.news); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDownloadProgressRow(t *testing.T) {
	f := newDLFixture(t)
	f.u.ReportProgress(Progress{Key: "k", Title: "Public reports pack", Verb: "Downloading", Done: 1_200_000, Total: 3_400_000,
		Detail: fetch.ProgressLine(1_200_000, 3_400_000, 3*time.Second)})
	f.settle()
	row := f.hasRow(rowProgress, "Reports pack") // one name for "Public reports pack"
	if row == nil || row.detail != "Downloading… 1.2 MB of 3.4 MB  400 KB/s  6 s left" {
		t.Errorf("progress row %+v", row)
	}
}

func TestDownloadErrorsInWords(t *testing.T) {
	f := newDLFixture(t)
	cases := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("download x: %w", docs.ErrLooksHTML), "sent a web page instead of the PDF"},
		{fmt.Errorf("download x: %w: dial tcp", fetch.ErrOffline), "offline"},
		{fmt.Errorf("download x: %w: 400 MB", docs.ErrFileTooLarge), "too large"},
		{fmt.Errorf("download x: %w", fetch.ErrInsecure), "https://"},
		{fmt.Errorf("download x: %w", docs.ErrNotPDF), "not to a PDF"},
		{fmt.Errorf("download x: %w", fetch.ErrStalled), "stopped responding"},
		{fmt.Errorf("download x: %w", fetch.ErrDropped), "connection dropped"},
		{&fetch.StatusError{URL: "x", Code: 404}, "nothing at this address"},
		{&fetch.StatusError{URL: "x", Code: 403}, "signed-in users"},
		{&fetch.StatusError{URL: "x", Code: 503}, "answered 503"},
		{fmt.Errorf("list committees: %w", fetch.ErrBadResponse), "ModernGov"},
	}
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			if got := f.u.Downloads.explain(tc.err); !strings.Contains(got, tc.want) {
				t.Errorf("%v: %q", tc.err, got)
			}
		})
	}
}

func TestCheckIsDue(t *testing.T) {
	f := newDLFixture(t)
	d := f.u.Downloads
	cases := []struct {
		name    string
		every   time.Duration
		last    time.Duration // before now; 0: never
		running bool
		want    bool
	}{
		{"at start", 4 * time.Hour, 0, false, true},
		{"soon after a check", 4 * time.Hour, time.Hour, false, false},
		{"interval passed", 4 * time.Hour, 5 * time.Hour, false, true},
		{"only when asked", 0, 0, false, false},
		{"already checking", 4 * time.Hour, 0, true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d.every, d.running, d.last = tc.every, tc.running, time.Time{}
			if tc.last > 0 {
				d.last = f.now.Add(-tc.last)
			}
			if got := d.due(); got != tc.want {
				t.Errorf("due = %v, want %v", got, tc.want)
			}
		})
	}
	d.running = false
}

func TestLinkTitle(t *testing.T) {
	cases := map[string]string{
		"https://democracy.example.gov.uk/documents/g4967/Public%20reports%20pack%20Tuesday%2010-Feb-2026.pdf?T=10": "Public reports pack Tuesday 10-Feb-2026",
		"https://democracy.example.gov.uk/mgConvert2PDF.aspx?ID=60860":                                              "mgConvert2PDF.aspx",
		"https://democracy.example.gov.uk/":                                                                         "Paper from https://democracy.example.gov.uk/",
	}
	for in, want := range cases {
		if got := linkTitle(in); got != want {
			t.Errorf("linkTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

var _ Downloader = (*Fetcher)(nil)
var _ Storage = (*library.Papers)(nil)
var _ MeetingLister = (*library.Library)(nil)
