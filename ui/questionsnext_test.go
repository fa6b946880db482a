package ui

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/questions"
	"panelpapers/search"
)

// fakeComing is a council's site listing the followed panel's meetings.
type fakeComing struct {
	mu       sync.Mutex
	meetings []docs.Meeting
	block    chan struct{} // when not nil, ComingMeetings waits for it to close
	asked    int
}

var followedPanel = docs.Committee{Site: "https://democracy.carmarthenshire.gov.wales", ID: 193, Title: samplePanel}

func (c *fakeComing) Followed() ([]docs.Committee, error) {
	return []docs.Committee{followedPanel}, nil
}

func (c *fakeComing) ComingMeetings(ctx context.Context, com docs.Committee, from, to time.Time) ([]docs.Meeting, error) {
	c.mu.Lock()
	c.asked++
	block := c.block
	c.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []docs.Meeting
	for _, m := range c.meetings {
		if m.Date >= from.Format(time.DateOnly) && m.Date <= to.Format(time.DateOnly) {
			out = append(out, m)
		}
	}
	return out, nil
}

func meetingOn(date string, status docs.MeetingStatus) docs.Meeting {
	return docs.Meeting{Site: followedPanel.Site, CommitteeID: 193, Committee: samplePanel, Date: date, Status: status}
}

// afterTheSamplePack is a day after the sample pack's meeting (27 October
// 2023): every paper in the library is for a past meeting.
var afterTheSamplePack = london(2023, time.November, 6, 9, 0)

// label is how the meeting select names a meeting of the sample panel.
func label(day string) string { return samplePanel + " — " + day }

// TestNewQuestionOffersComingMeetings: a new question is for the panel's
// next meeting, from the meetings the last sync saw and, when the window
// can ask, the council's site; past meetings are not offered.
func TestNewQuestionOffersComingMeetings(t *testing.T) {
	t.Run("from the library", func(t *testing.T) {
		f := newQFixture(t)
		f.now = afterTheSamplePack
		f.drafts.meetings = []*docs.Meeting{ptr(meetingOn("2024-02-02", docs.StatusConfirmed)), ptr(meetingOn("2023-07-14", docs.StatusConfirmed))}
		f.newQuestion()
		q := f.q
		if q.meeting.Selected != label("Friday 2 February 2024") {
			t.Errorf("meeting %q, want the next one", q.meeting.Selected)
		}
		want := []string{label("Friday 2 February 2024"), "Another date…", "No meeting chosen yet"}
		if !slices.Equal(q.meeting.Options, want) {
			t.Errorf("options %q, want %q", q.meeting.Options, want)
		}
		if strings.Contains(q.deadline.Text, "passed") {
			t.Errorf("deadline %q", q.deadline.Text)
		}
	})
	t.Run("from the council's site", func(t *testing.T) {
		coming := &fakeComing{meetings: []docs.Meeting{meetingOn("2023-12-08", docs.StatusConfirmed),
			meetingOn("2024-02-02", docs.StatusCancelled), meetingOn("2024-03-22", docs.StatusConfirmed)}}
		f := newQFixtureWith(t, func(d *Deps, _ *qFixture) { d.Coming = coming })
		f.now = afterTheSamplePack
		f.drafts.meetings = []*docs.Meeting{ptr(meetingOn("2024-02-02", docs.StatusConfirmed))}
		f.newQuestion()
		q := f.q
		want := []string{label("Friday 8 December 2023"), label("Friday 22 March 2024"), "Another date…", "No meeting chosen yet"}
		if !slices.Equal(q.meeting.Options, want) {
			t.Errorf("options %q, want %q (the cancelled 2 February left out)", q.meeting.Options, want)
		}
		if q.meeting.Selected != label("Friday 8 December 2023") {
			t.Errorf("meeting %q, want the next one", q.meeting.Selected)
		}
		test.Type(q.body, "Why?")
		f.settle()
		if d := f.drafts.only(t); d.Meeting != "2023-12-08" || d.Committee != samplePanel {
			t.Errorf("stored for %q %q", d.Committee, d.Meeting)
		}
		f.openQuestions()
		if coming.asked != 1 {
			t.Errorf("the site was asked %d times within the hour", coming.asked)
		}
	})
}

func ptr[T any](v T) *T { return &v }

// TestComingMeetingsNeverBlockTheEditor: while the council's site is slow
// the editor is ready with the meetings the library knows; the site's
// answer is taken in when it comes, moving a question whose meeting the
// member has not chosen to the sooner meeting.
func TestComingMeetingsNeverBlockTheEditor(t *testing.T) {
	coming := &fakeComing{block: make(chan struct{}), meetings: []docs.Meeting{meetingOn("2023-12-08", docs.StatusConfirmed)}}
	f := newQFixtureWith(t, func(d *Deps, _ *qFixture) { d.Coming = coming })
	f.now = afterTheSamplePack
	f.drafts.meetings = []*docs.Meeting{ptr(meetingOn("2024-02-02", docs.StatusConfirmed))}
	q := f.q
	settled := make(chan struct{})
	go func() {
		q.open()
		f.settle() // the test's goroutine waits: it touches no widget meanwhile
		test.Tap(q.newB)
		f.settle()
		close(settled)
	}()
	select {
	case <-settled:
	case <-time.After(10 * time.Second):
		close(coming.block)
		t.Fatal("the editor waited for the council's site")
	}
	if q.draft == nil || q.meeting.Selected != label("Friday 2 February 2024") {
		t.Fatalf("before the site answers, meeting %q; want the library's next meeting", q.meeting.Selected)
	}
	close(coming.block)
	q.sites.Wait()
	f.settle()
	if q.meeting.Selected != label("Friday 8 December 2023") || q.draft.Meeting != "2023-12-08" {
		t.Errorf("after the site answered, meeting %q (%s); want the sooner one", q.meeting.Selected, q.draft.Meeting)
	}

	t.Run("a meeting the member chose stays", func(t *testing.T) {
		q.meeting.SetSelected(label("Friday 2 February 2024"))
		q.sitesAsked = time.Time{}
		f.openQuestions()
		if q.draft.Meeting != "2024-02-02" {
			t.Errorf("meeting %q after the site answered again", q.draft.Meeting)
		}
	})
}

// TestTypeAMeetingDate: "Another date…" takes a date the member types, in
// the forms councils print them, for the draft's panel.
func TestTypeAMeetingDate(t *testing.T) {
	f := newQFixture(t)
	f.now = afterTheSamplePack
	f.newQuestion() // no coming meeting known
	q := f.q
	if q.meeting.Selected != "No meeting chosen yet" || !slices.Equal(q.meeting.Options, []string{"Another date…", "No meeting chosen yet"}) {
		t.Fatalf("meeting %q of %q", q.meeting.Selected, q.meeting.Options)
	}
	test.Type(q.body, "Why?")
	q.meeting.SetSelected("Another date…")
	if q.dateRow.Hidden || !strings.Contains(q.dateHint.Text, "Type the meeting's date") {
		t.Fatalf("no box for the date (hint %q)", q.dateHint.Text)
	}
	test.Type(q.dateEntry, "31 February")
	if !strings.HasPrefix(q.dateHint.Text, "That is not a date") || q.dateHint.Importance != widget.WarningImportance {
		t.Errorf("hint %q", q.dateHint.Text)
	}
	q.dateEntry.SetText("")
	test.Type(q.dateEntry, "Friday 8 December 2023")
	f.settle()
	if q.dateHint.Text != "Friday 8 December 2023" {
		t.Errorf("hint %q", q.dateHint.Text)
	}
	d := f.drafts.only(t)
	if d.Meeting != "2023-12-08" || d.Committee != samplePanel {
		t.Errorf("stored for %q %q, want the sample panel's meeting of 8 December", d.Committee, d.Meeting)
	}
	if !strings.HasPrefix(q.deadline.Text, "Deadline: Monday 4 December, 5 pm") {
		t.Errorf("deadline %q", q.deadline.Text)
	}
	// Shown again, the typed meeting is one of the choices.
	q.showDraft(nil)
	f.openQuestions()
	if q.meeting.Selected != label("Friday 8 December 2023") || !q.dateRow.Hidden {
		t.Errorf("reopened: meeting %q", q.meeting.Selected)
	}
}

func TestParseMeetingDate(t *testing.T) {
	now := london(2023, time.November, 6, 9, 0)
	for _, tc := range []struct{ in, want string }{
		{"2024-02-02", "2024-02-02"},
		{"2/2/2024", "2024-02-02"},
		{"02.02.24", "2024-02-02"},
		{"2 February 2024", "2024-02-02"},
		{"Friday, 2nd February 2024", "2024-02-02"},
		{"2 Feb", "2024-02-02"},      // no year: the next 2 February
		{"8 December", "2023-12-08"}, // this year's, still to come
		{"Dydd Gwener 2 Chwefror 2024", "2024-02-02"},
		{"14 Mawrth 2024", "2024-03-14"},
		{"6 November", "2023-11-06"}, // today
		{"31 February 2024", ""},
		{"2024-13-01", ""},
		{"next Friday", ""},
		{"", ""},
	} {
		got, ok := parseMeetingDate(tc.in, now)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("parseMeetingDate(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

// TestPastMeetingStaysForExistingDraft: a draft written for a meeting now
// past keeps it, and the member can choose it again after trying another.
func TestPastMeetingStaysForExistingDraft(t *testing.T) {
	f := newQFixture(t)
	f.now = afterTheSamplePack
	f.drafts.meetings = []*docs.Meeting{ptr(meetingOn("2024-02-02", docs.StatusConfirmed))}
	f.drafts.drafts["1"] = docs.Draft{ID: "1", Committee: samplePanel, Meeting: "2023-10-27", Body: "Why?", Status: docs.DraftWriting}
	f.openQuestions()
	q := f.q
	past := label("Friday 27 October 2023")
	if q.meeting.Selected != past || !slices.Contains(q.meeting.Options, past) {
		t.Fatalf("meeting %q of %q", q.meeting.Selected, q.meeting.Options)
	}
	if !strings.HasSuffix(q.deadline.Text, "passed") {
		t.Errorf("deadline %q", q.deadline.Text)
	}
	q.meeting.SetSelected(label("Friday 2 February 2024"))
	f.settle()
	if d := f.drafts.only(t); d.Meeting != "2024-02-02" {
		t.Errorf("stored %q", d.Meeting)
	}
	q.meeting.SetSelected(past)
	f.settle()
	if d := f.drafts.only(t); d.Meeting != "2023-10-27" {
		t.Errorf("the past meeting could not be chosen again: stored %q", d.Meeting)
	}
}

// TestQuestionFromPastPaperGoesToNextMeeting: citing a page of a paper
// whose meeting is past starts a question for the panel's next meeting.
func TestQuestionFromPastPaperGoesToNextMeeting(t *testing.T) {
	f := newQFixture(t)
	f.now = afterTheSamplePack
	f.drafts.meetings = []*docs.Meeting{ptr(meetingOn("2024-02-02", docs.StatusConfirmed))}
	f.openQuestions()
	f.openFromList(f.pack)
	f.u.Reader.goToPage(9)
	f.settle()
	f.menuItem("Cite this page in a question").Action()
	f.settle()
	d := f.drafts.only(t)
	if d.Meeting != "2024-02-02" || d.Committee != samplePanel || len(d.Citations) != 1 {
		t.Errorf("question for %q %q with %d citations; want the next meeting", d.Committee, d.Meeting, len(d.Citations))
	}
	if !strings.Contains(d.Body, "page 9 of the 27 October 2023 pack") {
		t.Errorf("body %q", d.Body)
	}
}

// TestDeadlineRuleSaysWhenDefault: the editor says when a deadline follows
// the usual rule because the panel's own is not set, and where to set it;
// once set, it names the panel's rule. One rule per committee, however its
// name is written.
func TestDeadlineRuleSaysWhenDefault(t *testing.T) {
	f := newQFixture(t)
	delete(f.drafts.rules, committeeKey(samplePanel))
	f.newQuestion()
	q := f.q
	if !strings.Contains(q.ruleNote.Text, "usual rule of 10 clear working days") || !strings.Contains(q.ruleNote.Text, "Set this panel's rule…") ||
		q.ruleNote.Hidden || q.ruleB.Hidden || q.ruleNote.Importance != widget.WarningImportance {
		t.Fatalf("note %q (hidden %v, button hidden %v)", q.ruleNote.Text, q.ruleNote.Hidden, q.ruleB.Hidden)
	}
	if q.deadline.Text != "Deadline: Thursday 12 October — passed" {
		t.Errorf("deadline %q under the usual rule", q.deadline.Text)
	}
	test.Tap(q.ruleB)
	form := q.newRuleForm()
	if form.committee.Selected != samplePanel || form.days.Text != "10" {
		t.Errorf("the form is for %q with %q days", form.committee.Selected, form.days.Text)
	}
	form.days.SetText("3")
	form.cutoff.SetText("17:00")
	if !form.submit() {
		t.Fatal(form.problem.Text)
	}
	f.settle()
	if q.ruleNote.Text != "The rule of Dyfed-Powys Police and Crime Panel: 3 clear working days before the meeting, by 5 pm." || !q.ruleB.Hidden {
		t.Errorf("note %q (button hidden %v)", q.ruleNote.Text, q.ruleB.Hidden)
	}
	// The same panel written otherwise has the same rule.
	if r, own, _ := f.drafts.OwnRule("DYFED-POWYS  POLICE AND CRIME PANEL"); !own || r.ClearDays != 3 {
		t.Errorf("another spelling has rule %+v (own %v)", r, own)
	}
	q.draft.Committee = "dyfed-powys police and crime panel"
	q.refreshDeadline()
	if !strings.HasPrefix(q.ruleNote.Text, "The rule of dyfed-powys police and crime panel: 3 clear") {
		t.Errorf("another spelling: note %q", q.ruleNote.Text)
	}
}

// TestPastDeadlineAsksBeforeSending: once the deadline has passed, e-mailing
// or marking as sent first asks the member, and does nothing unless they
// accept.
func TestPastDeadlineAsksBeforeSending(t *testing.T) {
	f := newQFixture(t)
	f.newQuestion()
	q := f.q
	var opened int
	q.openURL = func(*url.URL) error { opened++; return nil }
	test.Type(q.body, "How many rural crime officers are there?")
	f.settle()
	f.now = london(2023, time.October, 24, 9, 0) // the deadline was Monday 23rd, 5 pm

	test.Tap(q.emailB)
	f.settle()
	if opened != 0 || q.late == nil {
		t.Fatalf("e-mailed without asking (%d)", opened)
	}
	for _, want := range []string{"27 October 2023", "Monday 23 October 2023, 5 pm", "E-mail it all the same?"} {
		if !strings.Contains(q.lateNote.Text, want) {
			t.Errorf("the question asked lacks %q", want)
		}
	}
	q.late.Dismiss()
	f.settle()
	if opened != 0 {
		t.Error("e-mailed though the member said no")
	}
	test.Tap(q.emailB)
	q.late.Confirm()
	f.settle()
	if opened != 1 {
		t.Errorf("opened %d times after the member accepted", opened)
	}

	q.late = nil
	test.Tap(q.sentB)
	f.settle()
	if q.late == nil || f.drafts.only(t).Status == docs.DraftSent {
		t.Fatal("marked as sent without asking")
	}
	if !strings.Contains(q.lateNote.Text, "Mark it as sent all the same?") {
		t.Errorf("asked %q", q.lateNote.Text)
	}
	q.late.Confirm()
	f.settle()
	if d := f.drafts.only(t); d.Status != docs.DraftSent {
		t.Errorf("status %q after the member accepted", d.Status)
	}

	t.Run("before the deadline nothing is asked", func(t *testing.T) {
		g := newQFixture(t)
		g.newQuestion()
		g.q.openURL = func(*url.URL) error { return nil }
		test.Type(g.q.body, "Why?")
		test.Tap(g.q.emailB)
		g.settle()
		if g.q.late != nil {
			t.Error("asked before the deadline")
		}
	})
}

// TestEmailWithoutMailProgram: when no e-mail program opens, the window
// says so (not that the e-mail is showing) and offers to copy the address
// and the text, or to save an e-mail file, saying which was done.
func TestEmailWithoutMailProgram(t *testing.T) {
	f := newQFixture(t)
	f.newQuestion()
	q := f.q
	q.openURL = func(*url.URL) error { return errNoMailProgram }
	test.Type(q.asker, "Siân Ŵyn")
	test.Type(q.body, "How long do callers wait on 101 in Ceredigion?")
	f.settle()
	test.Tap(q.emailB)
	f.settle()
	if strings.Contains(q.message.Text, "should now show") || strings.Contains(q.message.Text, "is open") ||
		!strings.HasPrefix(q.message.Text, "No e-mail program opened") || q.noMail == nil {
		t.Fatalf("message %q, other ways offered %v", q.message.Text, q.noMail != nil)
	}
	n := q.noMail
	mailWant := questions.QuestionEmail(f.pack.Agenda.Officer, []docs.Draft{*q.draft})

	test.Tap(n.copyTo)
	if clip := f.u.app.Clipboard().Content(); clip != "SRees@carmarthenshire.gov.uk" {
		t.Errorf("clipboard %q after copying the address", clip)
	}
	if !strings.HasPrefix(q.message.Text, "The address SRees@carmarthenshire.gov.uk is copied") || n.done.Text != q.message.Text {
		t.Errorf("said %q / %q", q.message.Text, n.done.Text)
	}
	test.Tap(n.copyText)
	if clip := f.u.app.Clipboard().Content(); clip != mailWant.Body {
		t.Errorf("clipboard %q after copying the text", clip)
	}
	if !strings.HasPrefix(q.message.Text, "The e-mail's text is copied") || !strings.Contains(q.message.Text, mailWant.Subject) {
		t.Errorf("said %q", q.message.Text)
	}

	w := &memWriter{uri: fakeURI("Question for 27 October 2023.eml")}
	q.writeEML(n, w)
	if !w.closed || q.message.Text != "The e-mail is saved as Question for 27 October 2023.eml in /tmp. Open that file to send it from your e-mail program. Once you have sent it, choose Mark as sent." {
		t.Errorf("said %q (closed %v)", q.message.Text, w.closed)
	}
	m, err := mail.ReadMessage(bytes.NewReader([]byte(w.String())))
	if err != nil {
		t.Fatalf("the .eml file does not parse: %v", err)
	}
	if to, err := m.Header.AddressList("To"); err != nil || len(to) != 1 || to[0].Address != "SRees@carmarthenshire.gov.uk" {
		t.Errorf("To %v (%v)", to, err)
	}
	if subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject")); subject != mailWant.Subject {
		t.Errorf("Subject %q", subject)
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(m.Body))
	if !strings.Contains(string(body), "Siân Ŵyn") || !strings.Contains(string(body), "wait on 101 in Ceredigion?") {
		t.Errorf("body %q", body)
	}

	t.Run("the opener works", func(t *testing.T) {
		q.noMail = nil
		q.openURL = func(*url.URL) error { return nil }
		test.Tap(q.emailB)
		f.settle()
		if q.noMail != nil || !strings.HasPrefix(q.message.Text, "Your e-mail program is open with the e-mail to SRees@") {
			t.Errorf("message %q", q.message.Text)
		}
	})
	t.Run("no address in the papers", func(t *testing.T) {
		q.showNoMail(questions.Email{Subject: "Question", Body: "Why?"}, "No e-mail program opened.")
		if !q.noMail.copyTo.Disabled() {
			t.Error("an empty address can be copied")
		}
	})
}

// TestAskedBeforeInTheWindow: the window answers "Has this been asked
// before?" from the kept index of questions: the July question on 101
// calls, carried in the October pack's copy of the July minutes, is an
// entry of its own with its date and recorded response, as the command
// line gives it, and the same after the window is opened again.
func TestAskedBeforeInTheWindow(t *testing.T) {
	dir := t.TempDir()
	const draft = "How long do callers wait on the 101 number?"
	var first []string
	for run := 1; run <= 2; run++ {
		var qs *search.Questions
		f := newQFixtureWith(t, func(d *Deps, qf *qFixture) {
			var err error
			qs, err = search.OpenQuestions(dir, questionSource{qf.lib})
			if err != nil {
				t.Fatal(err)
			}
			d.Past = qs
		})
		f.newQuestion()
		test.Type(f.q.body, draft)
		f.settle()
		var rows []string
		for _, r := range f.q.simRows {
			rows = append(rows, r.title.Text+" | "+r.detail.Text)
		}
		if len(rows) == 0 || !strings.HasPrefix(rows[0], "Friday 14 July 2023 — Councillor Jane Roberts-Jones | What steps is the Commissioner") ||
			!strings.Contains(rows[0], "Response: The average wait on 101 fell") {
			t.Fatalf("run %d: rows %q", run, rows)
		}
		for _, r := range rows {
			if strings.Contains(r, "14 July") && strings.Contains(r, "No response recorded") {
				t.Errorf("run %d: a July question without its recorded response: %q", run, r)
			}
		}
		want, _ := qs.Similar(search.SimilarRequest{Text: draft, Before: "2023-10-27", Limit: similarShown})
		if len(want) != len(rows) {
			t.Errorf("run %d: the window shows %d questions, the index %d", run, len(rows), len(want))
		}
		if run == 1 {
			first = rows
		} else if !slices.Equal(rows, first) {
			t.Errorf("run 2 shows\n%q\nrun 1 showed\n%q", rows, first)
		}
		f.u.Close()
		qs.Close()
	}
}

// questionSource is the fake library as the index of questions reads it.
type questionSource struct{ *fakeLib }

func (s questionSource) CurrentVersions() ([]*docs.Version, error)     { return s.Versions(false) }
func (questionSource) Notes(docs.NoteFilter) ([]docs.NoteEntry, error) { return nil, nil }
func (questionSource) Drafts() ([]docs.Draft, error)                   { return nil, nil }
