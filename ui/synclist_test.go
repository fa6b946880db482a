package ui

import (
	"errors"
	"strings"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/fetch"
)

// supplementPath is the supplement's address on councilSite, as its
// meeting page lists it.
const supplementPath = "/documents/b4967/Supplementary Agenda Item 9 - Work Programme Tuesday 10-Feb-2026 10.00 Audit Committee.pdf"

// rowsUnder lists the rows under a meeting's heading (its date), up to the
// next meeting or committee, as "kind|text|detail".
func (f *dlFixture) rowsUnder(meeting string) []string {
	var out []string
	in := false
	for _, r := range f.u.Library.rows {
		switch {
		case r.kind == rowMeeting && r.text == meeting:
			in = true
			continue
		case r.kind == rowMeeting || r.kind == rowCommittee:
			in = false
		}
		if in {
			out = append(out, r.text+"|"+r.detail)
		}
	}
	return out
}

// A sync that could not download one of a meeting's papers says so at the
// foot of the window, naming the meeting, and the papers list says under
// the meeting how many papers are still to download; the next check
// brings the paper, and the notice goes.
func TestSyncSaysWhatIsStillToDownload(t *testing.T) {
	site := newCouncilSite(t)
	site.edit(func(s *councilSite) {
		s.extra[supplementPath] = []byte("<!DOCTYPE html><html><head><title>Sign in</title></head><body></body></html>")
	})
	f := newDLFixture(t)
	f.follow(site.URL)
	d := f.u.Downloads
	d.onTick()
	f.settle()

	want := "Audit Committee, 10 February: 1 paper still to download; the next check tries again. The council's site sent a web page instead of the PDF."
	if !strings.HasPrefix(d.status.Text, want) || !d.retry.Visible() {
		t.Errorf("the foot says %q (retry %v), want %q…", d.status.Text, d.retry.Visible(), want)
	}
	under := strings.Join(f.rowsUnder("Tuesday 10 February 2026"), "\n")
	if !strings.Contains(under, "1 paper still to download|Not all of this meeting's papers arrived. The next check for new papers tries again.") {
		t.Errorf("under the meeting:\n%s", under)
	}
	if row := f.hasRow(rowToDownload, "still to download"); row == nil || f.hasRow(rowPaper, "Reports pack") == nil {
		t.Errorf("rows:\n%s", strings.Join(f.rows(), "\n"))
	}

	// The council's site mends the paper: the next check brings it.
	site.edit(func(s *councilSite) { delete(s.extra, supplementPath) })
	f.now = f.now.Add(fetch.DefaultSyncEvery)
	d.onTick()
	f.settle()
	if f.hasRow(rowToDownload, "") != nil {
		t.Errorf("still to download after the paper arrived:\n%s", strings.Join(f.rows(), "\n"))
	}
	if !strings.HasPrefix(d.status.Text, "New papers: Audit Committee, 10 February") {
		t.Errorf("the foot says %q", d.status.Text)
	}
	if f.hasRow(rowPaper, "Supplement") == nil {
		t.Errorf("the supplement did not arrive:\n%s", strings.Join(f.rows(), "\n"))
	}
}

// The papers list reads what is still to download from the library's
// record of each meeting, for the committees the member follows: a meeting
// none of whose papers arrived is listed for it.
func TestStillToDownloadFromTheLibrary(t *testing.T) {
	f := newDLFixture(t)
	c := f.follow("https://democracy.example.gov.uk")
	m := &docs.Meeting{Site: c.Site, CommitteeID: c.ID, ID: 7001, Committee: c.Title, Date: "2026-02-10"}
	other := &docs.Meeting{Site: c.Site, CommitteeID: 999, ID: 7002, Committee: "Planning Committee", Date: "2026-02-11"}
	for _, x := range []*docs.Meeting{m, other} {
		if err := f.lib.RecordMeeting(x, []string{c.Site + "/documents/a.pdf", c.Site + "/documents/b.pdf"}); err != nil {
			t.Fatal(err)
		}
	}
	f.u.Library.reload()
	f.settle()
	under := f.rowsUnder("Tuesday 10 February 2026")
	if len(under) != 1 || !strings.HasPrefix(under[0], "2 papers still to download|") {
		t.Errorf("under the followed committee's meeting: %q\n%s", under, strings.Join(f.rows(), "\n"))
	}
	if f.hasRow(rowMeeting, "Wednesday 11 February 2026") != nil {
		t.Errorf("a meeting of a committee not followed is listed for its papers still to download:\n%s", strings.Join(f.rows(), "\n"))
	}
	// All arrived (the next sync records none left): the notice goes.
	if err := f.lib.RecordMeeting(m, nil); err != nil {
		t.Fatal(err)
	}
	f.u.Library.reload()
	f.settle()
	if f.hasRow(rowToDownload, "") != nil || f.hasRow(rowMeeting, "Tuesday 10 February 2026") != nil {
		t.Errorf("rows after every paper arrived:\n%s", strings.Join(f.rows(), "\n"))
	}
}

// failingIndex is a search index that cannot be written.
type failingIndex struct{}

func (failingIndex) Add(*docs.Version, []docs.Page) error { return errors.New("index: disk error") }
func (failingIndex) Remove(string) error                  { return nil }

// Papers that arrived while search could not be updated: the foot says
// they are in, and that search finds them after a restart.
func TestSyncSaysSearchIsBehind(t *testing.T) {
	site := newCouncilSite(t)
	f := newDLFixture(t)
	f.papers.Index = failingIndex{}
	f.follow(site.URL)
	d := f.u.Downloads
	d.onTick()
	f.settle()
	if !strings.HasPrefix(d.status.Text, "New papers: Audit Committee, 10 February") ||
		!strings.HasSuffix(d.status.Text, " · Search will find the new papers the next time Panel Papers starts.") {
		t.Errorf("the foot says %q", d.status.Text)
	}
	if f.hasRow(rowPaper, "Reports pack") == nil {
		t.Errorf("the papers are not listed:\n%s", strings.Join(f.rows(), "\n"))
	}
}

// The foot's words for what is still to download, one meeting or several.
func TestToDownloadText(t *testing.T) {
	a := &docs.Meeting{Committee: "Audit Committee", Date: "2026-02-10"}
	b := &docs.Meeting{Committee: "Cabinet", Date: "2026-02-12"}
	one := []fetch.Unfinished{{Meeting: a, Papers: make([]docs.MeetingDocument, 2)}}
	if got, want := toDownloadText(one), "Audit Committee, 10 February: 2 papers still to download; the next check tries again."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	two := append(one, fetch.Unfinished{Meeting: b, Papers: make([]docs.MeetingDocument, 1)})
	if got, want := toDownloadText(two), "3 papers still to download; the next check tries again."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	inWelsh(t)
	if got, want := toDownloadText(one), "Audit Committee, 10 Chwefror: 2 bapur i'w lawrlwytho o hyd; bydd y gwiriad nesaf yn rhoi cynnig arall arni."; got != want {
		t.Errorf("in Welsh: %q, want %q", got, want)
	}
}
