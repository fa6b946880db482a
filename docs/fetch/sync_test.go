package fetch

import (
	"context"
	"errors"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/fetch/fetchtest"
)

// testMaxSize is the size cap in tests: far above the test PDFs (a few KB).
const testMaxSize = 256 << 10

func testClient(t *testing.T) *Client {
	t.Helper()
	c, err := NewClient()
	if err != nil {
		t.Fatal(err)
	}
	c.Timeout = 10 * time.Second
	c.Retries = 0
	c.Backoff = time.Millisecond
	c.MaxSize = testMaxSize
	return c
}

type harness struct {
	site   *fetchtest.Site
	store  *memStore
	syncer *Syncer
	tmp    string
}

// newHarness is a fake council site, an empty library and a syncer whose
// clock stands at 1 March 2026 (the fixtures' meetings are in January and
// February 2026).
func newHarness(t *testing.T) *harness {
	t.Helper()
	site := fetchtest.NewSite(t)
	site.SetMaxSize(testMaxSize)
	store := newMemStore()
	tmp := t.TempDir()
	return &harness{site: site, store: store, tmp: tmp, syncer: &Syncer{
		Client: testClient(t), Store: store, TempDir: tmp,
		Now: func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) },
	}}
}

// follow does what `panelpapers follow SITE audit` does.
func (h *harness) follow(t *testing.T, query string) docs.Committee {
	t.Helper()
	site, err := NormalizeSite(h.site.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	list, err := h.syncer.Client.Committees(context.Background(), site)
	if err != nil {
		t.Fatal(err)
	}
	c, err := FindCommittee(list, query)
	if err != nil {
		t.Fatal(err)
	}
	h.store.mu.Lock()
	h.store.followed = append(h.store.followed, c)
	h.store.mu.Unlock()
	return c
}

func (h *harness) sync(t *testing.T) (*Report, error) {
	t.Helper()
	return h.syncer.Sync(context.Background(), time.Time{}, nil)
}

// mustSync is a sync that must succeed.
func (h *harness) mustSync(t *testing.T) *Report {
	t.Helper()
	rep, err := h.sync(t)
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return rep
}

// leftovers lists the files a sync left in its temporary folder.
func (h *harness) leftovers(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(h.tmp)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func (h *harness) requestsFor(uri string) []fetchtest.Request {
	var out []fetchtest.Request
	for _, r := range h.site.Requests() {
		if r.URI == uri {
			out = append(out, r)
		}
	}
	return out
}

func arrivedNames(rep *Report) []string {
	var out []string
	for _, a := range rep.Arrived {
		out = append(out, a.Document.Title)
	}
	sort.Strings(out)
	return out
}

func TestFollowAndFirstSync(t *testing.T) {
	h := newHarness(t)
	c := h.follow(t, "audit")
	if c.ID != 144 || c.Title != "Audit Committee" || c.Site != h.site.URL {
		t.Fatalf("followed %+v", c)
	}
	ctx := context.Background()
	plan, err := h.syncer.Plan(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Meetings) != 2 || len(plan.Failures) != 0 {
		t.Fatalf("plan: %d meetings, failures %v", len(plan.Meetings), plan.Failures)
	}
	sizes := map[string]int64{}
	for _, d := range plan.Downloads {
		sizes[d.Document.Title] = d.Size
		if d.Known {
			t.Errorf("%s known before any sync", d.Document.Title)
		}
	}
	wantSizes := map[string]int64{
		"Public reports pack": 3_000_000, // from the page's "PDF 3 MB"
		"Printed minutes":     283_000,
		// no size on the page: a HEAD request
		"Supplementary Agenda Item 9 - Work Programme": int64(len(h.site.Body(fetchtest.URISupp))),
	}
	if len(sizes) != len(wantSizes) {
		t.Fatalf("planned %v, want %v", sizes, wantSizes)
	}
	for k, v := range wantSizes {
		if sizes[k] != v {
			t.Errorf("planned size of %s = %d, want %d", k, sizes[k], v)
		}
	}
	if e := plan.New(); e.Count != 3 || e.Unsized != 0 || e.Bytes != 3_283_000+int64(len(h.site.Body(fetchtest.URISupp))) {
		t.Errorf("estimate %+v", e)
	}
	if len(plan.First) != 1 || plan.First[0] != c || plan.NeedsChoice() {
		t.Errorf("first=%v needsChoice=%v, want a first sync small enough not to ask", plan.First, plan.NeedsChoice())
	}

	var last = map[string]Progress{}
	rep, err := h.syncer.Run(ctx, plan, func(p Progress) { last[p.Document.Title] = p })
	if err != nil {
		t.Fatal(err)
	}
	if got := arrivedNames(rep); strings.Join(got, "|") != "Printed minutes|Public reports pack|Supplementary Agenda Item 9 - Work Programme" {
		t.Errorf("arrived %q", got)
	}
	news := rep.News()
	if len(news) != 1 || MeetingLabel(news[0].Meeting) != "Audit Committee, 10 February" || len(news[0].Papers) != 3 {
		t.Errorf("news %+v", news)
	}
	for title, p := range last {
		if p.Done != p.Total || p.Count != 3 {
			t.Errorf("last progress of %s: %+v", title, p)
		}
	}

	// The library got the three papers as the meeting's, with their kinds.
	kinds := map[string]docs.Kind{}
	for _, v := range h.store.versions {
		kinds[v.Contents] = v.Kind
		if v.Meeting != h.site.URL+"#4967" {
			t.Errorf("%s filed under %s", v.Contents, v.Meeting)
		}
	}
	want := map[string]docs.Kind{"pack, version 1": docs.KindAgenda, "supplement, version 1": docs.KindSupplement, "minutes, version 1": docs.KindMinutes}
	if len(kinds) != len(want) {
		t.Errorf("library holds %v", kinds)
	}
	for k, v := range want {
		if kinds[k] != v {
			t.Errorf("%s: kind %q, want %q", k, kinds[k], v)
		}
	}
	for _, r := range h.store.remotes {
		if r.ETag == "" || r.LastModified == "" || len(r.SHA256) != 64 {
			t.Errorf("remote not recorded fully: %+v", r)
		}
	}

	// The service's facts were saved, the cancelled meeting as cancelled.
	m := h.store.meetings[h.site.URL+"#4967"]
	if m.Date != "2026-02-10" || m.Time != "10:00" || m.Committee != "Audit Committee" || m.CommitteeID != 144 ||
		m.Venue != "Council Antechamber, Level 2, Town Hall Extension" || !m.MinutesPublished || m.Status != docs.StatusConfirmed {
		t.Errorf("meeting 4967 saved as %+v", m)
	}
	if len(m.Items) != 2 || m.Items[1].Number != "9" || m.Items[1].Title != "Work Programme" {
		t.Errorf("items %+v", m.Items)
	}
	if m.URL != h.site.URL+"/ieListDocuments.aspx?CId=144&MId=4967" {
		t.Errorf("meeting page %q", m.URL)
	}
	cancelled := h.store.meetings[h.site.URL+"#4966"]
	if !cancelled.Cancelled() || len(cancelled.Documents) != 0 || cancelled.Date != "2026-01-13" {
		t.Errorf("meeting 4966 saved as %+v", cancelled)
	}

	// Only what was needed was asked for, as a browser asks.
	for _, r := range h.site.Requests() {
		if r.UserAgent != DefaultUserAgent {
			t.Errorf("%s sent User-Agent %q", r.URI, r.UserAgent)
		}
		for _, never := range []string{"MId=4966", fetchtest.URIFront, fetchtest.URIItem1, fetchtest.URIItem9, "Decisions"} {
			if strings.Contains(r.URI, never) {
				t.Errorf("asked for %s", r.URI)
			}
		}
	}
	if left := h.leftovers(t); len(left) != 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

func TestSecondSyncDownloadsNothing(t *testing.T) {
	for _, validators := range []bool{true, false} {
		name := map[bool]string{true: "conditional GET answered 304", false: "server without validators"}[validators]
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			h.site.SetValidators(validators)
			h.follow(t, "144")
			h.mustSync(t)
			before := h.store.snapshot()
			h.site.ResetLog()

			rep := h.mustSync(t)
			if len(rep.Arrived) != 0 || rep.Unchanged != 3 {
				t.Errorf("second sync: arrived %v, unchanged %d", arrivedNames(rep), rep.Unchanged)
			}
			if after := h.store.snapshot(); after != before {
				t.Errorf("store changed:\n%s\nwas\n%s", after, before)
			}
			for _, uri := range []string{fetchtest.URIPack, fetchtest.URISupp, fetchtest.URIMinutes} {
				rs := h.requestsFor(uri)
				if len(rs) != 1 {
					t.Fatalf("%s asked %d times", uri, len(rs))
				}
				if validators && (rs[0].Status != 304 || rs[0].IfNoneMatch == "") {
					t.Errorf("%s: %+v, want a conditional GET answered 304", uri, rs[0])
				}
			}
			if left := h.leftovers(t); len(left) != 0 {
				t.Errorf("left in the temporary folder: %v", left)
			}
		})
	}
}

func TestRepublishedPackIsANewVersion(t *testing.T) {
	h := newHarness(t)
	h.follow(t, "Audit Committee")
	h.mustSync(t)
	h.site.Republish(fetchtest.URIPack)
	rep := h.mustSync(t)
	if len(rep.Arrived) != 1 || !rep.Arrived[0].Changed || rep.Arrived[0].Document.Title != "Public reports pack" {
		t.Fatalf("arrived %+v", rep.Arrived)
	}
	if len(h.store.versions) != 4 || h.store.version("pack, version 1") == nil || h.store.version("pack, version 2") == nil {
		t.Errorf("library holds %+v", h.store.versions)
	}
	r := h.store.remotes[h.site.URL+fetchtest.URIPack]
	if r.SHA256 != h.store.version("pack, version 2").SHA256 {
		t.Errorf("remote still describes the old pack: %+v", r)
	}
}

func TestSyncFaults(t *testing.T) {
	isStatus := func(code int) func(error) bool {
		return func(err error) bool {
			var se *StatusError
			return errors.As(err, &se) && se.Code == code
		}
	}
	is := func(target error) func(error) bool { return func(err error) bool { return errors.Is(err, target) } }
	cases := []struct {
		name  string
		fault fetchtest.Fault
		setup func(h *harness)
		want  func(error) bool
		// resumes: the failed attempt leaves a .part the next sync continues
		resumes bool
	}{
		{name: "connection dropped mid-body", fault: fetchtest.FaultDrop, want: is(ErrDropped), resumes: true},
		{name: "server error", fault: fetchtest.Fault500, want: isStatus(500)},
		{name: "stalls past the timeout", fault: fetchtest.FaultStall, want: is(ErrStalled), resumes: true,
			setup: func(h *harness) { h.syncer.Client.Timeout = 500 * time.Millisecond }},
		{name: "web page instead of the PDF", fault: fetchtest.FaultHTML, want: is(docs.ErrLooksHTML)},
		{name: "redirect to a login page", fault: fetchtest.FaultLogin, want: is(docs.ErrLooksHTML)},
		{name: "over the size cap", fault: fetchtest.FaultHuge, want: is(docs.ErrFileTooLarge)},
		{name: "over the size cap, no length given", fault: fetchtest.FaultHugeChunked, want: is(docs.ErrFileTooLarge)},
		{name: "redirect to plain http", fault: fetchtest.FaultInsecure, want: is(ErrInsecure)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			if tc.setup != nil {
				tc.setup(h)
			}
			h.follow(t, "audit")
			h.mustSync(t)
			before := h.store.snapshot()

			// The council republishes the pack, and this time the site misbehaves.
			h.site.Republish(fetchtest.URIPack)
			h.site.SetFault(fetchtest.URIPack, tc.fault, 1)
			rep, err := h.sync(t)
			if err == nil || !tc.want(err) {
				t.Fatalf("sync error %v", err)
			}
			var f Failure
			if !errors.As(err, &f) || f.Document == nil || f.Document.Title != "Public reports pack" {
				t.Errorf("failure does not name the pack: %v", err)
			}
			if len(rep.Arrived) != 0 || rep.Unchanged != 2 {
				t.Errorf("arrived %v, unchanged %d; want the other two papers checked", arrivedNames(rep), rep.Unchanged)
			}
			if after := h.store.snapshot(); after != before {
				t.Errorf("store changed:\n%s\nwas\n%s", after, before)
			}
			left := h.leftovers(t)
			if tc.resumes {
				if len(left) != 2 || !strings.HasSuffix(left[0], ".part") || !strings.HasSuffix(left[1], ".part.json") {
					t.Errorf("left %v, want a .part and its validators", left)
				}
			} else if len(left) != 0 {
				t.Errorf("left in the temporary folder: %v", left)
			}

			// The site recovers: the next sync brings the new pack.
			h.site.ResetLog()
			rep = h.mustSync(t)
			if len(rep.Arrived) != 1 || !rep.Arrived[0].Changed || h.store.version("pack, version 2") == nil {
				t.Fatalf("after recovery: arrived %+v", rep.Arrived)
			}
			rs := h.requestsFor(fetchtest.URIPack)
			if len(rs) != 1 {
				t.Fatalf("pack asked %d times after recovery", len(rs))
			}
			if tc.resumes && (rs[0].Status != 206 || !strings.HasPrefix(rs[0].Range, "bytes=") || rs[0].IfRange == "") {
				t.Errorf("did not resume: %+v", rs[0])
			}
			if !tc.resumes && rs[0].Range != "" {
				t.Errorf("asked for a range with nothing to resume: %+v", rs[0])
			}
			if left := h.leftovers(t); len(left) != 0 {
				t.Errorf("left in the temporary folder: %v", left)
			}
		})
	}
}

func TestSyncRetries(t *testing.T) {
	cases := []struct {
		name  string
		fault fetchtest.Fault
		times int
		// statuses the pack's requests got, in order
		want []int
	}{
		{"500 then success", fetchtest.Fault500, 2, []int{500, 500, 200}},
		{"dropped, then resumed within the same sync", fetchtest.FaultDrop, 1, []int{200, 206}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.syncer.Client.Retries = 2
			h.follow(t, "audit")
			h.site.SetFault(fetchtest.URIPack, tc.fault, tc.times)
			rep := h.mustSync(t)
			if len(rep.Arrived) != 3 {
				t.Errorf("arrived %v", arrivedNames(rep))
			}
			var got []int
			for _, r := range h.requestsFor(fetchtest.URIPack) {
				if r.Method == "GET" {
					got = append(got, r.Status)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("statuses %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("statuses %v, want %v", got, tc.want)
				}
			}
			v := h.store.version("pack, version 1")
			if v == nil || v.Size != len(h.site.Body(fetchtest.URIPack)) {
				t.Errorf("pack in the library: %+v", v)
			}
		})
	}
}

func TestResumeWhereTheServerIgnoresRange(t *testing.T) {
	h := newHarness(t)
	h.follow(t, "audit")
	h.site.SetFault(fetchtest.URIPack, fetchtest.FaultDrop, 1)
	if _, err := h.sync(t); !errors.Is(err, ErrDropped) {
		t.Fatalf("first sync: %v", err)
	}
	h.site.SetFault(fetchtest.URIPack, fetchtest.FaultNoRange, 1)
	h.site.ResetLog()
	rep := h.mustSync(t)
	rs := h.requestsFor(fetchtest.URIPack)
	if len(rs) != 1 || rs[0].Range == "" || rs[0].Status != 200 {
		t.Fatalf("requests %+v, want one asking for a range and given the whole file", rs)
	}
	v := h.store.version("pack, version 1")
	if len(rep.Arrived) != 1 || v == nil || v.Size != len(h.site.Body(fetchtest.URIPack)) {
		t.Errorf("arrived %v, pack %+v", arrivedNames(rep), v)
	}
	if left := h.leftovers(t); len(left) != 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

func TestSyncBadServiceAnswers(t *testing.T) {
	cases := []struct {
		name, op, body string
	}{
		{"malformed XML", "GetMeetings", `<?xml version="1.0" encoding="utf-8"?><getmeetings><committee><committeeid>144</committeeid><committeemeetings><meeting><meetingid>49`},
		{"web page instead of XML", "GetMeetings", `<!DOCTYPE html><html><head><title>Error</title></head><body>Service unavailable</body></html>`},
		{"meeting answered with another element", "GetMeeting", `<?xml version="1.0"?><error>Meeting not found</error>`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.follow(t, "audit")
			h.mustSync(t)
			before := h.store.snapshot()
			h.site.SetXMLFault(tc.op, tc.body)
			rep, err := h.sync(t)
			if !errors.Is(err, ErrBadResponse) {
				t.Fatalf("sync error %v, want ErrBadResponse", err)
			}
			if len(rep.Arrived) != 0 {
				t.Errorf("arrived %v", arrivedNames(rep))
			}
			if after := h.store.snapshot(); after != before {
				t.Errorf("store changed:\n%s\nwas\n%s", after, before)
			}
		})
	}
}

func TestSyncAgendaNotYetPublished(t *testing.T) {
	h := newHarness(t)
	h.follow(t, "audit")
	h.site.Edit("meeting/4967", "<agendapublished>True", "<agendapublished>False")
	h.site.Edit("meeting/4967", "<minutepublished>True", "<minutepublished>False")
	rep := h.mustSync(t)
	if len(rep.Arrived) != 0 || len(h.store.versions) != 0 {
		t.Fatalf("downloaded papers of an unpublished agenda: %v", arrivedNames(rep))
	}
	for _, r := range h.site.Requests() {
		if strings.Contains(r.URI, "ieListDocuments") {
			t.Errorf("read the meeting page of an unpublished agenda: %s", r.URI)
		}
	}
	if m := h.store.meetings[h.site.URL+"#4967"]; m.AgendaPublished || m.Date != "2026-02-10" {
		t.Errorf("saved %+v", m)
	}

	// Published a week later: the next sync brings it.
	h.site.Edit("meeting/4967", "<agendapublished>False", "<agendapublished>True")
	h.site.Edit("meeting/4967", "<minutepublished>False", "<minutepublished>True")
	if rep := h.mustSync(t); len(rep.Arrived) != 3 {
		t.Errorf("after publication: arrived %v", arrivedNames(rep))
	}
	if m := h.store.meetings[h.site.URL+"#4967"]; !m.AgendaPublished {
		t.Errorf("saved %+v", m)
	}
}

func TestSyncCancelledMeetingWithPapers(t *testing.T) {
	h := newHarness(t)
	h.follow(t, "audit")
	// Cancelled after its agenda went out: still nothing to download.
	h.site.Edit("meeting/4966", "<agendapublished>False", "<agendapublished>True")
	h.site.SetPage("4966", strings.ReplaceAll(h.site.Page("4967"), "g4967", "g4966"))
	h.mustSync(t)
	for _, r := range h.site.Requests() {
		if strings.Contains(r.URI, "4966") && !strings.Contains(r.URI, "GetMeeting") {
			t.Errorf("asked for %s of a cancelled meeting", r.URI)
		}
	}
	if m := h.store.meetings[h.site.URL+"#4966"]; !m.Cancelled() {
		t.Errorf("saved %+v", m)
	}
}

func TestSyncWithoutPackRestrictedAndChoice(t *testing.T) {
	h := newHarness(t)
	h.follow(t, "audit")
	nopack := fetchtest.Fixture(t, "ieListDocuments_4967_nopack.html")
	h.site.SetPage("4967", nopack)
	// Item 9's report is exempt information.
	x := h.site.XML("meeting/4967")
	i := strings.Index(x, "ID=60909</url>")
	h.site.SetXML("meeting/4967", x[:i]+strings.Replace(x[i:], "<isrestricted>False", "<isrestricted>True", 1))

	ctx := context.Background()
	plan, err := h.syncer.Plan(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, d := range plan.Downloads {
		titles = append(titles, d.Document.Title)
	}
	sort.Strings(titles)
	want := "6 - CHAIR APPROVED Minutes Audit Committee 25 Nov 2025|Agenda frontsheet|Printed minutes|Supplementary Agenda Item 9 - Work Programme"
	if strings.Join(titles, "|") != want {
		t.Fatalf("planned %q\nwant %q", titles, want)
	}
	if !plan.NeedsChoice() {
		t.Errorf("a first sync of %d papers should ask", plan.New().Count)
	}

	// The member chooses only coming meetings: the facts are saved, no paper fetched.
	rep, err := h.syncer.Run(ctx, plan.From("2026-03-01"), nil)
	if err != nil || len(rep.Arrived) != 0 || len(h.store.versions) != 0 {
		t.Fatalf("coming only: %v, arrived %v", err, arrivedNames(rep))
	}
	m := h.store.meetings[h.site.URL+"#4967"]
	var restricted []string
	for _, d := range m.Documents {
		if d.Restricted {
			restricted = append(restricted, d.Title)
		}
	}
	if len(restricted) != 1 || restricted[0] != "DRAFT WP FEBRUARY 2026" {
		t.Errorf("restricted documents saved: %q", restricted)
	}

	// Then all of them.
	rep, err = h.syncer.Run(ctx, plan, nil)
	if err != nil || len(rep.Arrived) != 4 {
		t.Fatalf("all: %v, arrived %v", err, arrivedNames(rep))
	}
	if v := h.store.version("item1, version 1"); v == nil || v.Item != "1" || v.Kind != docs.KindReport {
		t.Errorf("item document stored as %+v", v)
	}
	if h.store.version("item9, version 1") != nil || len(h.requestsFor(fetchtest.URIItem9)) != 0 {
		t.Error("fetched a restricted document")
	}
}

func TestSyncSince(t *testing.T) {
	cases := []struct {
		name      string
		since     time.Time
		committee string // the committee's own Since
		want      int
	}{
		{"whole window", time.Time{}, "", 3},
		{"since before the meeting", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), "", 3},
		{"since after the meeting", time.Date(2026, 2, 11, 0, 0, 0, 0, time.UTC), "", 0},
		{"committee followed for coming meetings only", time.Time{}, "2026-02-11", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.follow(t, "audit")
			h.store.followed[0].Since = tc.committee
			plan, err := h.syncer.Plan(context.Background(), tc.since)
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.Downloads) != tc.want || len(plan.Meetings) != 2 {
				t.Errorf("%d downloads of %d meetings, want %d of 2", len(plan.Downloads), len(plan.Meetings), tc.want)
			}
		})
	}
}

func TestSyncOffline(t *testing.T) {
	h := newHarness(t)
	h.follow(t, "audit")
	h.mustSync(t)
	before := h.store.snapshot()
	h.site.Close()
	rep, err := h.sync(t)
	if !errors.Is(err, ErrOffline) || rep != nil {
		t.Fatalf("sync: %v, %v", rep, err)
	}
	if after := h.store.snapshot(); after != before {
		t.Errorf("store changed:\n%s\nwas\n%s", after, before)
	}
}

func TestSyncLibraryRefusesFile(t *testing.T) {
	h := newHarness(t)
	h.follow(t, "audit")
	h.store.importErr = docs.ErrEncrypted
	rep, err := h.sync(t)
	if !errors.Is(err, docs.ErrEncrypted) || len(rep.Failures) != 3 {
		t.Fatalf("sync: %v", err)
	}
	if len(h.store.remotes) != 0 {
		t.Errorf("remembered papers the library refused: %v", h.store.remotes)
	}
	if left := h.leftovers(t); len(left) != 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}
