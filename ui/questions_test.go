package ui

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
	"panelpapers/docs/library"
	"panelpapers/docs/questions"
	"panelpapers/search"
)

// fakeDrafts keeps drafts, rules and responses in memory, as the library
// does: ids numbered from 1, the status "draft" and the addressee filled
// in, the sent date set when a draft is sent.
type fakeDrafts struct {
	mu       sync.Mutex
	drafts   map[string]docs.Draft
	rules    map[string]questions.DeadlineRule
	answers  map[string]questions.Answer
	meetings []*docs.Meeting
	saves    int
	nextID   int
	failSave error
}

func newFakeDrafts() *fakeDrafts {
	return &fakeDrafts{drafts: map[string]docs.Draft{}, rules: map[string]questions.DeadlineRule{}, answers: map[string]questions.Answer{}}
}

func (s *fakeDrafts) Drafts() ([]docs.Draft, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []docs.Draft
	for _, d := range s.drafts {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (s *fakeDrafts) SaveDraft(d docs.Draft) (docs.Draft, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failSave != nil {
		return docs.Draft{}, s.failSave
	}
	s.saves++
	if d.ID == "" {
		s.nextID++
		d.ID = strconv.Itoa(s.nextID)
	} else if _, ok := s.drafts[d.ID]; !ok {
		return docs.Draft{}, fmt.Errorf("save question draft %s: %w", d.ID, docs.ErrNotFound)
	}
	if d.Status == "" {
		d.Status = docs.DraftWriting
	}
	if strings.TrimSpace(d.Addressee) == "" {
		d.Addressee = docs.DefaultAddressee
	}
	d.Citations = append([]docs.Citation(nil), d.Citations...)
	s.drafts[d.ID] = d
	return d, nil
}

func (s *fakeDrafts) DeleteDraft(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.drafts, id)
	return nil
}

func (s *fakeDrafts) MarkSent(ids []string, at time.Time) ([]docs.Draft, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []docs.Draft
	for _, id := range ids {
		d, ok := s.drafts[id]
		if !ok {
			return out, docs.ErrNotFound
		}
		d.Status, d.SentOn = docs.DraftSent, at.In(docs.London).Format(time.DateOnly)
		s.drafts[id] = d
		out = append(out, d)
	}
	return out, nil
}

func (s *fakeDrafts) Answer(id string) (questions.Answer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.answers[id]
	if !ok {
		return a, docs.ErrNotFound
	}
	return a, nil
}

func (s *fakeDrafts) LinkAnswers(*docs.Version, []docs.Page) ([]questions.Answer, error) {
	return nil, nil
}

func (s *fakeDrafts) RuleFor(c string) (questions.DeadlineRule, error) {
	r, _, err := s.OwnRule(c)
	return r, err
}

func (s *fakeDrafts) OwnRule(c string) (questions.DeadlineRule, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.rules[docs.CommitteeKey(c)]; ok {
		return r, true, nil
	}
	return questions.DeadlineRule{ClearDays: questions.DefaultClearDays}, false, nil
}

func (s *fakeDrafts) SetRule(c string, r questions.DeadlineRule) error {
	if err := r.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rules[docs.CommitteeKey(c)] = r
	return nil
}

func (s *fakeDrafts) Meetings() ([]*docs.Meeting, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.meetings, nil
}

// only returns the one draft the store holds.
func (s *fakeDrafts) only(t *testing.T) docs.Draft {
	t.Helper()
	ds, _ := s.Drafts()
	if len(ds) != 1 {
		t.Fatalf("%d drafts stored, want 1: %+v", len(ds), ds)
	}
	return ds[0]
}

// fakePast finds the past questions that share a word of five letters or
// more with the draft.
type fakePast struct {
	mu    sync.Mutex
	asked []search.PastQuestion
	last  search.SimilarRequest
}

func (p *fakePast) Similar(req search.SimilarRequest) ([]search.PastQuestion, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.last = req
	words := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(req.Text)) {
		if len(w) >= 5 {
			words[strings.Trim(w, ".,?")] = true
		}
	}
	out := []search.PastQuestion{}
	for _, q := range p.asked {
		for _, w := range strings.Fields(strings.ToLower(q.Text)) {
			if words[strings.Trim(w, ".,?")] {
				out = append(out, q)
				break
			}
		}
	}
	return out, nil
}

// The sample panel, and the day its rule's deadline falls on in these
// tests: 3 clear working days before Friday 27 October 2023, by 5 pm.
const samplePanel = "Dyfed-Powys Police and Crime Panel"

var sampleRule = questions.DeadlineRule{ClearDays: 3, Cutoff: "17:00"}

// london is a wall-clock time in Europe/London.
func london(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, docs.London)
}

// qFixture is a window with questions and notes on fakes.
type qFixture struct {
	*fixture
	drafts *fakeDrafts
	past   *fakePast
	notes  *fakeNotes
	q      *QuestionsView
}

// newQFixture opens a window on the sample reports pack on Tuesday 17
// October 2023, ten days before its meeting, with the sample rule set.
func newQFixture(t *testing.T) *qFixture {
	t.Helper()
	return newQFixtureWith(t, nil)
}

// newQFixtureWith is newQFixture with deps changed by with (when not nil)
// before the window opens.
func newQFixtureWith(t *testing.T, with func(d *Deps, f *qFixture)) *qFixture {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	f := &fixture{t: t, w: w, lib: newFakeLib(t), now: london(2023, time.October, 17, 9, 0)}
	f.pack = f.lib.add(t, samplePacks(t)["pack"], f.now.AddDate(0, -1, 0))
	f.pack.Document = "doc:" + f.pack.SHA256[:8]
	f.pages = &fakePages{lib: f.lib}
	f.search = &fakeSearch{lib: f.lib}
	qf := &qFixture{fixture: f, drafts: newFakeDrafts(), past: &fakePast{}, notes: newFakeNotes(f.lib)}
	qf.drafts.rules[committeeKey(samplePanel)] = sampleRule
	deps := Deps{Library: f.lib, Pages: f.pages, Search: f.search,
		Questions: qf.drafts, Past: qf.past, Notes: qf.notes}
	if with != nil {
		with(&deps, qf)
	}
	u := newUI(a, w, deps, newAsync(true))
	u.now = func() time.Time { return f.now }
	t.Cleanup(u.Close)
	f.u, qf.q = u, u.Questions
	f.settle()
	return qf
}

// openQuestions shows the questions view and lets it read the library
// and hear from the councils' sites.
func (f *qFixture) openQuestions() {
	f.q.open()
	f.settle()
	f.q.sites.Wait()
	f.settle()
}

// newQuestion starts a question from the button, as the member would.
func (f *qFixture) newQuestion() {
	f.t.Helper()
	f.openQuestions()
	test.Tap(f.q.newB)
	f.settle()
	if f.q.draft == nil {
		f.t.Fatal("no draft in the editor")
	}
}

func TestQuestionEditorSavesEveryChange(t *testing.T) {
	f := newQFixture(t)
	f.newQuestion()
	q := f.q
	if q.meeting.Selected != samplePanel+" — Friday 27 October 2023" {
		t.Errorf("meeting = %q, want the coming meeting", q.meeting.Selected)
	}
	if n := len(f.drafts.drafts); n != 0 {
		t.Fatalf("an empty question was stored (%d)", n)
	}

	test.Type(q.title, "Rural crime")
	test.Type(q.body, "How many rural crime officers are there?")
	f.settle()
	d := f.drafts.only(t)
	if d.Body != "How many rural crime officers are there?" || d.Title != "Rural crime" {
		t.Errorf("stored %q / %q", d.Title, d.Body)
	}
	if d.Committee != samplePanel || d.Meeting != "2023-10-27" || d.Addressee != docs.DefaultAddressee {
		t.Errorf("stored meeting %q %q, addressee %q", d.Committee, d.Meeting, d.Addressee)
	}
	if q.draft.ID != d.ID {
		t.Errorf("editor holds id %q, store %q", q.draft.ID, d.ID)
	}
	if q.words.Text != "7 words" {
		t.Errorf("words = %q", q.words.Text)
	}
	if len(q.rows) != 1 || q.rows[0].title.Text != "Rural crime" {
		t.Errorf("list rows %d", len(q.rows))
	}

	t.Run("on leaving the box", func(t *testing.T) {
		q.saveLater.delay = time.Hour // a pause that never ends
		f.w.Canvas().Focus(q.body)
		test.Type(q.body, " In each county?")
		f.settle()
		if got := f.drafts.only(t).Body; strings.HasSuffix(got, "county?") {
			t.Fatal("saved before the pause; the test needs the pause")
		}
		f.w.Canvas().Focus(q.title) // the body loses the keyboard
		f.settle()
		if got := f.drafts.only(t).Body; !strings.HasSuffix(got, "In each county?") {
			t.Errorf("after leaving the box, stored %q", got)
		}
	})
	t.Run("on closing", func(t *testing.T) {
		test.Type(q.body, " Please.")
		q.close()
		if got := f.drafts.only(t).Body; !strings.HasSuffix(got, "Please.") {
			t.Errorf("after closing, stored %q", got)
		}
	})
}

func TestQuestionWordLimit(t *testing.T) {
	f := newQFixture(t)
	f.lib.SetSetting(wordLimitPrefix+committeeKey(samplePanel), "5")
	f.newQuestion()
	q := f.q
	test.Type(q.body, "One two three four.")
	if q.words.Text != "4 of 5 words" || q.words.Importance == widget.DangerImportance {
		t.Errorf("words = %q (%v)", q.words.Text, q.words.Importance)
	}
	test.Type(q.body, " Five six seven")
	if q.words.Text != "7 words: 2 over the panel's limit of 5" || q.words.Importance != widget.DangerImportance {
		t.Errorf("words = %q (%v)", q.words.Text, q.words.Importance)
	}
}

func TestDeadlineShownWithUrgency(t *testing.T) {
	f := newQFixture(t)
	f.newQuestion()
	q := f.q
	cases := []struct {
		name string
		now  time.Time
		text string
		imp  widget.Importance
	}{
		{"ok", london(2023, time.October, 17, 9, 0), "Deadline: Monday 23 October, 5 pm — 4 working days left", widget.MediumImportance},
		{"soon", london(2023, time.October, 20, 9, 0), "Deadline: Monday 23 October, 5 pm — 1 working day left", widget.WarningImportance},
		{"today", london(2023, time.October, 23, 16, 59), "Deadline: Monday 23 October, 5 pm — today", widget.WarningImportance},
		{"passed", london(2023, time.October, 23, 17, 0), "Deadline: Monday 23 October, 5 pm — passed", widget.DangerImportance},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f.now = c.now
			q.refreshDeadline()
			if q.deadline.Text != c.text || q.deadline.Importance != c.imp {
				t.Errorf("deadline %q (%v), want %q (%v)", q.deadline.Text, q.deadline.Importance, c.text, c.imp)
			}
		})
	}
}

func TestSimilarQuestionsShownAndOpened(t *testing.T) {
	f := newQFixture(t)
	f.past.asked = []search.PastQuestion{{PackQuestion: agenda.PackQuestion{
		Question: docs.Question{Asker: "Councillor Jones", Text: "What is being done about rural crime in Powys?",
			Response: "The Commissioner has funded two more rural crime officers.", Page: 4},
		Meeting: "2023-07-14", Committee: samplePanel, Pack: f.pack.SHA256, ResponsePage: 5}}}
	f.newQuestion()
	q := f.q
	test.Type(q.body, "How many rural officers patrol Ceredigion?")
	f.settle()
	if len(q.simRows) != 1 {
		t.Fatalf("%d similar questions shown, want 1 (%q)", len(q.simRows), q.simSummary.Text)
	}
	row := q.simRows[0]
	if row.title.Text != "Friday 14 July 2023 — Councillor Jones" || !strings.Contains(row.detail.Text, "Response: The Commissioner has funded") {
		t.Errorf("row %q / %q", row.title.Text, row.detail.Text)
	}
	if f.past.last.Before != "2023-10-27" {
		t.Errorf("asked for questions before %q, want the meeting's day", f.past.last.Before)
	}
	test.Tap(row.row)
	f.settle()
	if f.u.view != f.u.Reader.root || f.u.Reader.current != 5 {
		t.Errorf("tapping opened page %d (reader shown %v), want the response's page 5", f.u.Reader.current, f.u.view == f.u.Reader.root)
	}
}

func TestEmailToTheOfficer(t *testing.T) {
	f := newQFixture(t)
	f.newQuestion()
	q := f.q
	var opened []string
	q.openURL = func(u *url.URL) error {
		opened = append(opened, u.String())
		return nil
	}
	test.Type(q.body, "How many rural crime officers are there?")
	f.settle()
	test.Tap(q.emailB)
	f.settle()
	want := questions.QuestionEmail(f.pack.Agenda.Officer, []docs.Draft{*q.draft}).MailtoURL()
	if len(opened) != 1 || opened[0] != want {
		t.Fatalf("opened %q, want %q", opened, want)
	}
	if !strings.HasPrefix(want, "mailto:SRees@carmarthenshire.gov.uk?subject=Question%20on%20notice") {
		t.Errorf("link %q", want)
	}

	t.Run("too long", func(t *testing.T) {
		opened = nil
		q.body.SetText(strings.Repeat("Why? ", 500))
		test.Tap(q.emailB)
		if len(opened) != 0 {
			t.Error("a link too long for mail programs was opened")
		}
		if !strings.Contains(q.message.Text, "too long") || q.noMail == nil {
			t.Fatalf("message %q, no other way offered", q.message.Text)
		}
		test.Tap(q.noMail.copyText)
		if clip := f.u.app.Clipboard().Content(); !strings.Contains(clip, "Why? Why?") {
			t.Errorf("clipboard %q", clip)
		}
	})
}

func TestCopyAndSaveAs(t *testing.T) {
	f := newQFixture(t)
	f.newQuestion()
	q := f.q
	test.Type(q.asker, "Jane Roberts")
	test.Type(q.body, "Is *this* working?")
	test.Tap(q.copyB)
	if clip := f.u.app.Clipboard().Content(); clip != questions.ExportQuestions([]docs.Draft{*q.draft}, questions.ExportText) ||
		!strings.Contains(clip, "Question from Councillor Jane Roberts:") {
		t.Errorf("clipboard %q", clip)
	}
	for _, c := range []struct{ name, want string }{
		{"question.md", `Is \*this\* working?`},
		{"question.txt", "Is *this* working?"},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := &memWriter{uri: fakeURI(c.name)}
			q.writeExport(w)
			if !strings.Contains(w.String(), c.want) || !w.closed {
				t.Errorf("wrote %q (closed %v)", w.String(), w.closed)
			}
		})
	}
}

func TestMarkAsSent(t *testing.T) {
	f := newQFixture(t)
	f.newQuestion()
	q := f.q
	test.Type(q.body, "Will the Commissioner publish the figures?")
	f.settle()
	test.Tap(q.sentB)
	f.settle()
	d := f.drafts.only(t)
	if d.Status != docs.DraftSent || d.SentOn != "2023-10-17" {
		t.Errorf("stored status %q sent on %q", d.Status, d.SentOn)
	}
	if q.status.Selected != "Sent" || !q.sentB.Disabled() {
		t.Errorf("editor shows %q, button disabled %v", q.status.Selected, q.sentB.Disabled())
	}
	if !strings.Contains(q.rows[0].detail.Text, "Sent on 17 October 2023") {
		t.Errorf("list says %q", q.rows[0].detail.Text)
	}
}

func TestAnsweredQuestionJumpsToResponse(t *testing.T) {
	f := newQFixture(t)
	f.drafts.drafts["1"] = docs.Draft{ID: "1", Committee: samplePanel, Meeting: "2023-10-27", Title: "Rural crime",
		Body: "How many?", Status: docs.DraftAnswered, SentOn: "2023-10-10"}
	f.drafts.answers["1"] = questions.Answer{Draft: "1", Pack: f.pack.SHA256, Page: 7, Meeting: "2023-10-27",
		Response: "Twelve officers."}
	f.openQuestions()
	q := f.q
	if q.draft == nil || q.draft.ID != "1" {
		t.Fatal("the answered question is not shown")
	}
	if !strings.HasPrefix(q.answer.Text, "Answered at the meeting on 27 October 2023. Twelve officers.") || q.answerB.Hidden {
		t.Errorf("answer %q, button hidden %v", q.answer.Text, q.answerB.Hidden)
	}
	test.Tap(q.answerB)
	f.settle()
	if f.u.Reader.current != 7 {
		t.Errorf("response opened at page %d, want 7", f.u.Reader.current)
	}
}

func TestDeadlineNotifications(t *testing.T) {
	f := newQFixture(t)
	add := func(id, meeting string, status docs.DraftStatus) {
		f.drafts.drafts[id] = docs.Draft{ID: id, Committee: samplePanel, Meeting: meeting, Title: "Question " + id, Body: "Why?", Status: status}
	}
	add("1", "2023-10-27", docs.DraftWriting) // deadline Monday 23rd: a working day away on Friday 20th
	add("2", "2023-10-27", docs.DraftSent)
	add("3", "2023-11-24", docs.DraftReady) // far off
	var got []*fyne.Notification
	f.q.notify = func(n *fyne.Notification) { got = append(got, n) }

	f.now = london(2023, time.October, 20, 10, 0)
	f.q.checkDeadlines()
	f.settle()
	if len(got) != 1 || got[0].Title != "Question not sent yet: Question 1" ||
		got[0].Content != "Deadline: Monday 23 October, 5 pm — 1 working day left" {
		t.Fatalf("notifications %+v", got)
	}
	f.q.checkDeadlines() // the next hour: already warned
	f.settle()
	if len(got) != 1 {
		t.Errorf("warned again: %+v", got[1:])
	}
}

func TestDeadlineRuleForm(t *testing.T) {
	f := newQFixture(t)
	f.newQuestion()
	q := f.q
	form := q.newRuleForm()
	if form.committee.Selected != samplePanel || form.days.Text != "3" || form.cutoff.Text != "17:00" {
		t.Fatalf("form shows %q %q %q", form.committee.Selected, form.days.Text, form.cutoff.Text)
	}
	for _, c := range []struct{ days, cutoff, closed, problem string }{
		{"three", "", "", `“three” is not a number of days.`},
		{"3", "5pm", "", `Cut-off “5pm” is not a time like 17:00.`},
		{"3", "00:00", "", `A cut-off of 00:00 is the end of the day before; leave the cut-off empty for the end of the day.`},
		{"3", "", "27/12/2023", `Closed day “27/12/2023” is not a date like 2023-12-27.`},
		{"99", "", "", "Clear working days must be from 0 to 30, not 99."},
	} {
		form.days.SetText(c.days)
		form.cutoff.SetText(c.cutoff)
		form.closed.SetText(c.closed)
		if form.submit() || form.problem.Text != c.problem {
			t.Errorf("%+v: problem %q", c, form.problem.Text)
		}
	}
	form.days.SetText("2")
	form.cutoff.SetText("12:00")
	form.closed.SetText("2023-10-25, 2023-10-26")
	form.words.SetText("150")
	if !form.submit() {
		t.Fatalf("a good rule refused: %q", form.problem.Text)
	}
	f.settle()
	want := questions.DeadlineRule{ClearDays: 2, Cutoff: "12:00", Closed: []string{"2023-10-25", "2023-10-26"}}
	if got, _ := f.drafts.RuleFor(samplePanel); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("stored %+v", got)
	}
	if f.lib.setting(wordLimitPrefix+committeeKey(samplePanel)) != "150" || q.words.Text != "0 of 150 words" {
		t.Errorf("word limit not kept: %q", q.words.Text)
	}
	// Two clear days (Tuesday and the closed Wednesday and Thursday do not
	// count): Friday 20th, by noon.
	if q.deadline.Text != "Deadline: Friday 20 October, 12 noon — 3 working days left" {
		t.Errorf("deadline %q", q.deadline.Text)
	}
}

func TestCiteThisPage(t *testing.T) {
	f := newQFixture(t)
	f.openFromList(f.pack)
	f.u.Reader.goToPage(9)
	f.settle()
	f.menuItem("Cite this page in a question").Action()
	f.settle()
	q := f.q
	if f.u.view != q.root || q.draft == nil {
		t.Fatal("no question started")
	}
	d := f.drafts.only(t)
	if len(d.Citations) != 1 || d.Citations[0].Pack != f.pack.SHA256 || d.Citations[0].Page != 9 {
		t.Errorf("citations %+v", d.Citations)
	}
	if !strings.Contains(d.Body, "page 9 of the 27 October 2023 pack") {
		t.Errorf("body %q", d.Body)
	}
	if q.backB.Hidden {
		t.Error("no way back to the paper")
	}
	// A second citation goes into the same question.
	test.Tap(q.backB)
	f.u.Reader.goToPage(12)
	f.settle()
	f.menuItem("Cite this page in a question").Action()
	f.settle()
	if d := f.drafts.only(t); len(d.Citations) != 2 || !strings.Contains(d.Body, "page 12 of") {
		t.Errorf("after a second citation: %+v", d)
	}
}

func TestSaveFailureIsShown(t *testing.T) {
	f := newQFixture(t)
	f.newQuestion()
	f.drafts.failSave = errors.New("disk full")
	test.Type(f.q.body, "Why?")
	f.settle()
	if !strings.Contains(f.q.message.Text, "could not be saved") {
		t.Errorf("message %q", f.q.message.Text)
	}
	f.drafts.failSave = nil
	test.Type(f.q.body, " Because.")
	f.settle()
	if f.q.message.Text != "" || f.drafts.only(t).Body != "Why? Because." {
		t.Errorf("after recovery: message %q", f.q.message.Text)
	}
}

// memWriter is a file being saved, in memory.
type memWriter struct {
	strings.Builder
	uri    fyne.URI
	closed bool
}

func (w *memWriter) URI() fyne.URI { return w.uri }
func (w *memWriter) Close() error  { w.closed = true; return nil }

// fakeURI is a file URI of a name in the temp folder; nothing is written
// there.
func fakeURI(name string) fyne.URI { return storage.NewFileURI("/tmp/" + name) }

// The real types satisfy the questions' interfaces (main asserts these too).
var (
	_ QuestionStore = (*library.Library)(nil)
	_ PastQuestions = (*search.Questions)(nil)
)
