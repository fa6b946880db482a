package ui

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/questions"
	"panelpapers/search"
	"panelpapers/ui/widgets"
)

// QuestionStore is what the questions view needs from the library: the
// member's drafts, the responses linked to them, the panels' deadline
// rules and the meetings the library knows of. *docs.Library implements it.
type QuestionStore interface {
	Drafts() ([]docs.Draft, error)
	SaveDraft(d docs.Draft) (docs.Draft, error)
	DeleteDraft(id string) error
	MarkSent(ids []string, at time.Time) ([]docs.Draft, error)
	Answer(draftID string) (questions.Answer, error)
	LinkAnswers(v *docs.Version, pages []docs.Page) ([]questions.Answer, error)
	RuleFor(committee string) (questions.DeadlineRule, error)
	SetRule(committee string, r questions.DeadlineRule) error
	Meetings() ([]*docs.Meeting, error)
}

// PastQuestions finds the questions asked before that are closest in
// wording to a draft; *search.Questions implements it.
type PastQuestions interface {
	Similar(req search.SimilarRequest) ([]search.PastQuestion, error)
}

// Timings of the questions view.
const (
	draftSaveDelay   = 400 * time.Millisecond // autosave after a pause in typing (at most 500 ms)
	similarDelay     = 700 * time.Millisecond // "asked before?" after a longer pause
	deadlineInterval = time.Hour              // how often unsent drafts are checked against their deadlines
	similarShown     = 5
)

// Settings the questions view keeps in the library.
const (
	wordLimitPrefix = "questions/word-limit/" // + committee key: the panel's word limit, "" for none
	notifiedPrefix  = "questions/notified/"   // + draft id: the deadline day last warned about
)

// committeeKey compares committee titles without regard to case or spacing,
// as the library does.
func committeeKey(c string) string { return strings.ToLower(strings.Join(strings.Fields(c), " ")) }

// meetingRef is a meeting a question can be put to.
type meetingRef struct {
	committee string
	date      string // yyyy-mm-dd
}

func (m meetingRef) label() string {
	return strings.Join(nonEmpty(m.committee, meetingTitle(m.date)), " — ")
}

// questionSeed is what a new question starts from: a meeting, and perhaps
// a title (an agenda item), words and a cited page.
type questionSeed struct {
	meeting  meetingRef
	title    string
	body     string
	citation *docs.Citation
}

// QuestionsView is where the member writes questions on notice: the drafts
// by meeting, and an editor that saves every change, keeps the deadline in
// view, counts words against the panel's limit, shows questions asked
// before in like words, and sends the question (copy, file, e-mail).
type QuestionsView struct {
	u     *UI
	store QuestionStore
	past  PastQuestions

	drafts   []docs.Draft
	answers  map[string]questions.Answer // by draft id
	rules    map[string]questions.DeadlineRule
	limits   map[string]int // word limits by committee key
	meetings []meetingRef   // coming meetings first, then past ones newest first
	versions []*docs.Version
	linked   map[string]bool // papers whose responses were linked this session

	// The draft being edited: its working copy (the truth while the member
	// types) and the slot its saves go through.
	draft   *docs.Draft
	slot    *draftSlot
	loading bool // the editor is being filled: its changes are not the member's
	simGen  int

	list       *fyne.Container
	listEmpty  *widget.Label
	newB       *widget.Button
	backB      *widget.Button
	rulesB     *widget.Button
	deadline   *widget.Label
	meeting    *widget.Select
	status     *widget.Select
	title      *widgets.EditEntry
	addressee  *widgets.EditEntry
	asker      *widgets.EditEntry
	body       *widgets.EditEntry
	words      *widget.Label
	citations  *fyne.Container
	answer     *widget.Label
	answerB    *widget.Button
	message    *widget.Label
	copyB      *widget.Button
	saveAsB    *widget.Button
	emailB     *widget.Button
	sentB      *widget.Button
	deleteB    *widget.Button
	editor     *fyne.Container
	noDraft    *fyne.Container
	similar    *fyne.Container
	simSummary *widget.Label
	simRows    []*choiceRow
	rows       []*choiceRow // the list's draft rows, in order
	root       *container.Split

	saveLater *debouncer
	simLater  *debouncer

	// Seams for tests: how URLs are opened and notifications sent.
	openURL func(*url.URL) error
	notify  func(*fyne.Notification)

	stopChecks chan struct{}
	stopOnce   sync.Once
}

// defaultAddressee is whom a new question is put to, in the window's
// language (docs.DefaultAddressee in English).
func defaultAddressee() string { return lang.L("the Police and Crime Commissioner") }

// meetingChoiceNone is the meeting select's choice for a question not yet
// put to a meeting.
func meetingChoiceNone() string { return lang.L("No meeting chosen yet") }

// statusChoice is a status the member can set, as they read it.
type statusChoice struct {
	label  string
	status docs.DraftStatus
}

// statusChoices are the statuses the member can set.
func statusChoices() []statusChoice {
	return []statusChoice{
		{lang.L("Draft"), docs.DraftWriting},
		{lang.L("Ready to send"), docs.DraftReady},
		{lang.L("Sent"), docs.DraftSent},
		{lang.L("Answered"), docs.DraftAnswered},
	}
}

func newQuestionsView(u *UI) *QuestionsView {
	v := &QuestionsView{u: u, store: u.deps.Questions, past: u.deps.Past,
		answers: map[string]questions.Answer{}, rules: map[string]questions.DeadlineRule{}, limits: map[string]int{},
		linked: map[string]bool{}, openURL: u.app.OpenURL, notify: u.app.SendNotification,
		stopChecks: make(chan struct{})}
	v.saveLater = &debouncer{a: u.async, delay: draftSaveDelay}
	v.simLater = &debouncer{a: u.async, delay: similarDelay}
	if u.async.manual {
		v.saveLater.delay, v.simLater.delay = 0, 0
	}

	v.newB = widget.NewButtonWithIcon(lang.L("New question"), theme.ContentAddIcon(), func() { v.startQuestion(questionSeed{meeting: v.nextMeeting("")}) })
	v.rulesB = widget.NewButtonWithIcon(lang.L("Deadline rules…"), theme.SettingsIcon(), v.onRules)
	v.backB = widget.NewButtonWithIcon(lang.L("Back to the paper"), theme.NavigateBackIcon(), v.onBack)
	v.backB.Hide()
	v.list = container.NewVBox()
	v.listEmpty = widget.NewLabel(lang.L("No questions yet. Choose New question, or cite a page from a paper you are reading."))
	v.listEmpty.Wrapping = fyne.TextWrapWord
	left := widgets.Border(container.NewVBox(v.backB, v.newB, v.rulesB, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(container.NewVBox(v.list, v.listEmpty)))

	v.deadline = widget.NewLabel("")
	v.deadline.TextStyle = fyne.TextStyle{Bold: true}
	v.deadline.Wrapping = fyne.TextWrapWord
	v.meeting = widget.NewSelect(nil, func(string) { v.onEdited() })
	v.status = widget.NewSelect(statusLabels(), func(string) { v.onEdited() })
	v.title = widgets.NewEditEntry(v.flush)
	v.title.SetPlaceHolder(lang.L("A short title, for your list"))
	v.title.OnChanged = func(string) { v.onEdited(); v.similarLater() }
	v.addressee = widgets.NewEditEntry(v.flush)
	v.addressee.SetPlaceHolder(defaultAddressee())
	v.addressee.OnChanged = func(string) { v.onEdited() }
	v.asker = widgets.NewEditEntry(v.flush)
	v.asker.SetPlaceHolder(lang.L("Your name, as the panel prints it"))
	v.asker.OnChanged = func(string) { v.onEdited() }
	v.body = widgets.NewEditEntry(v.flush)
	v.body.MultiLine = true
	v.body.Wrapping = fyne.TextWrapWord
	v.body.SetMinRowsVisible(10)
	v.body.SetPlaceHolder(lang.L("Write your question here. It is saved as you type."))
	v.body.OnChanged = func(string) { v.onEdited(); v.similarLater() }
	v.words = widget.NewLabel("")
	v.citations = container.NewVBox()
	v.answer = widget.NewLabel("")
	v.answer.Wrapping = fyne.TextWrapWord
	v.answerB = widget.NewButtonWithIcon(lang.L("Show the response"), theme.NavigateNextIcon(), v.onShowAnswer)
	v.message = widget.NewLabel("")
	v.message.Wrapping = fyne.TextWrapWord
	v.copyB = widget.NewButtonWithIcon(lang.L("Copy"), theme.ContentCopyIcon(), v.onCopy)
	v.saveAsB = widget.NewButtonWithIcon(lang.L("Save as…"), theme.DocumentSaveIcon(), v.onSaveAs)
	v.emailB = widget.NewButtonWithIcon(lang.L("E-mail to the officer"), theme.MailSendIcon(), v.onEmail)
	v.sentB = widget.NewButtonWithIcon(lang.L("Mark as sent"), theme.ConfirmIcon(), v.onMarkSent)
	v.deleteB = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), v.onDelete)

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Meeting"), v.meeting),
		widget.NewFormItem(lang.L("Status"), v.status),
		widget.NewFormItem(lang.L("To"), v.addressee),
		widget.NewFormItem(lang.L("Asked by"), v.asker),
		widget.NewFormItem(lang.L("Title"), v.title),
	)
	send := container.NewVBox(container.NewHBox(v.copyB, v.saveAsB, v.emailB),
		container.NewHBox(v.sentB, layout.NewSpacer(), v.deleteB))
	v.editor = container.NewVBox(v.deadline, form, v.body, v.words, v.citations,
		send, v.message, v.answer, container.NewHBox(v.answerB))
	noneLabel := widget.NewLabel(lang.L("Choose a question on the left, or start a new one."))
	v.noDraft = container.NewCenter(noneLabel)

	simTitle := widget.NewLabel(lang.L("Has this been asked before?"))
	simTitle.TextStyle = fyne.TextStyle{Bold: true}
	v.simSummary = widget.NewLabel("")
	v.simSummary.Wrapping = fyne.TextWrapWord
	v.similar = container.NewVBox()
	right := widgets.Border(container.NewVBox(simTitle, v.simSummary), nil, nil, nil,
		container.NewVScroll(v.similar))

	middle := container.NewStack(container.NewVScroll(v.editor), v.noDraft)
	inner := container.NewHSplit(middle, right)
	inner.Offset = 0.66
	v.root = container.NewHSplit(left, inner)
	v.root.Offset = 0.24
	v.showDraft(nil)
	if u.deps.Questions == nil {
		v.newB.Disable()
		v.rulesB.Disable()
	} else {
		v.checkDeadlines()
		if !u.async.manual {
			go v.checkHourly()
		}
	}
	return v
}

func statusLabels() []string {
	choices := statusChoices()
	out := make([]string, len(choices))
	for i, c := range choices {
		out[i] = c.label
	}
	return out
}

func statusLabel(s docs.DraftStatus) string {
	for _, c := range statusChoices() {
		if c.status == s {
			return c.label
		}
	}
	return statusChoices()[0].label
}

func statusOf(label string) docs.DraftStatus {
	for _, c := range statusChoices() {
		if c.label == label {
			return c.status
		}
	}
	return docs.DraftWriting
}

// setPast hands over the index of questions once it is open.
func (v *QuestionsView) setPast(p PastQuestions) {
	v.past = p
	v.similarLater()
}

// SetPastQuestions hands over the index of past questions ("Has this been
// asked before?") once it is open; safe to call from any goroutine.
func (u *UI) SetPastQuestions(p PastQuestions) {
	u.async.post(func() { u.Questions.setPast(p) })
}

// open shows the questions view, reading the drafts afresh. The paper
// being read stays open, for the way back to it.
func (v *QuestionsView) open() {
	if v.u.view != v.root {
		v.u.show(v.root)
	}
	v.backB.Hidden = v.u.Reader.doc == nil
	v.backB.Refresh()
	v.reload()
}

// onBack goes back to the paper being read.
func (v *QuestionsView) onBack() {
	v.flush()
	if v.u.Reader.doc != nil {
		v.u.show(v.u.Reader.root)
		v.u.win.Canvas().Unfocus()
	}
}

// questionsData is what reload reads off the UI thread.
type questionsData struct {
	drafts   []docs.Draft
	answers  map[string]questions.Answer
	rules    map[string]questions.DeadlineRule
	limits   map[string]int
	meetings []meetingRef
	versions []*docs.Version
	linked   []string
	err      error
}

// reload reads the drafts, their rules and responses, and the meetings
// they can be put to, keeping the draft being edited (or showing the
// first). Responses in papers that arrived since are linked first.
func (v *QuestionsView) reload() { v.reloadThen(nil) }

// reloadThen is reload, then calls then (if not nil) on the UI thread once
// the data is shown.
func (v *QuestionsView) reloadThen(then func()) {
	if v.store == nil {
		v.message.SetText(lang.L("Questions cannot be written here: the library is not open."))
		if then != nil {
			then()
		}
		return
	}
	store, lib, today := v.store, v.u.deps.Library, v.u.now().In(docs.London).Format(time.DateOnly)
	linked := make(map[string]bool, len(v.linked))
	for k := range v.linked {
		linked[k] = true
	}
	v.u.async.run(func() func() {
		data := loadQuestions(store, lib, today, linked)
		return func() {
			v.onLoaded(data)
			if then != nil {
				then()
			}
		}
	})
}

func loadQuestions(store QuestionStore, lib Library, today string, linked map[string]bool) questionsData {
	var data questionsData
	data.versions, _ = lib.Versions(false)
	drafts, err := store.Drafts()
	if err != nil {
		data.err = err
		return data
	}
	data.linked = linkAnswers(store, lib, drafts, data.versions, linked)
	if len(data.linked) > 0 {
		if again, err := store.Drafts(); err == nil {
			drafts = again
		}
	}
	data.drafts = drafts
	data.answers = map[string]questions.Answer{}
	for _, d := range drafts {
		if d.Status == docs.DraftAnswered {
			if a, err := store.Answer(d.ID); err == nil {
				data.answers[d.ID] = a
			}
		}
	}
	data.meetings = meetingChoices(data.versions, store, today)
	data.rules, data.limits = map[string]questions.DeadlineRule{}, map[string]int{}
	committees := map[string]string{}
	for _, d := range drafts {
		committees[committeeKey(d.Committee)] = d.Committee
	}
	for _, m := range data.meetings {
		committees[committeeKey(m.committee)] = m.committee
	}
	for k, c := range committees {
		if r, err := store.RuleFor(c); err == nil {
			data.rules[k] = r
		}
		if raw, err := lib.Setting(wordLimitPrefix + k); err == nil {
			if n, err := strconv.Atoi(raw); err == nil && n > 0 {
				data.limits[k] = n
			}
		}
	}
	return data
}

// linkAnswers looks for the responses to sent drafts in the papers of
// their meetings and after (minutes, or the next pack that carries them),
// skipping papers already looked at; it returns the papers looked at.
func linkAnswers(store QuestionStore, lib Library, drafts []docs.Draft, versions []*docs.Version, done map[string]bool) []string {
	earliest := ""
	for _, d := range drafts {
		if d.Status == docs.DraftSent && d.Meeting != "" && (earliest == "" || d.Meeting < earliest) {
			earliest = d.Meeting
		}
	}
	if earliest == "" {
		return nil
	}
	var looked []string
	for _, v := range versions {
		if done[v.SHA256] || v.Date < earliest || !recordsResponses(v) {
			continue
		}
		pages, _ := lib.Pages(v.SHA256)
		if _, err := store.LinkAnswers(v, pages); err == nil {
			looked = append(looked, v.SHA256)
		}
	}
	return looked
}

func recordsResponses(v *docs.Version) bool {
	for _, q := range v.Agenda.Questions {
		if q.Response != "" {
			return true
		}
	}
	return false
}

// meetingChoices lists the meetings a question can be put to: those the
// council's site lists and those the papers are for, coming ones first
// (soonest first), then past ones (newest first).
func meetingChoices(versions []*docs.Version, store QuestionStore, today string) []meetingRef {
	seen := map[meetingRef]bool{}
	var out []meetingRef
	add := func(committee, date string) {
		if date == "" {
			return
		}
		m := meetingRef{strings.TrimSpace(committee), date}
		key := meetingRef{committeeKey(committee), date}
		if !seen[key] {
			seen[key] = true
			out = append(out, m)
		}
	}
	if ms, err := store.Meetings(); err == nil {
		for _, m := range ms {
			if m.Status != docs.StatusCancelled {
				add(m.Committee, m.Date)
			}
		}
	}
	for _, v := range versions {
		add(v.Committee, v.Date)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		ac, bc := a.date >= today, b.date >= today
		switch {
		case ac != bc:
			return ac
		case a.date != b.date && ac:
			return a.date < b.date
		case a.date != b.date:
			return a.date > b.date
		}
		return a.committee < b.committee
	})
	return out
}

// onLoaded shows what reload read.
func (v *QuestionsView) onLoaded(data questionsData) {
	if data.err != nil {
		v.message.SetText(lang.L("Your questions could not be read.") + " " + v.u.explain(data.err))
		return
	}
	for _, sha := range data.linked {
		v.linked[sha] = true
	}
	v.drafts, v.answers, v.rules, v.limits = data.drafts, data.answers, data.rules, data.limits
	v.meetings, v.versions = data.meetings, data.versions
	if v.draft != nil && v.draft.ID != "" {
		// The list may know of changes made elsewhere (a response linked);
		// the member's own typing stays as it is.
		for _, d := range v.drafts {
			if d.ID == v.draft.ID && d.Status != v.draft.Status && d.Status == docs.DraftAnswered {
				v.draft.Status = d.Status
			}
		}
		v.upsert(*v.draft)
	}
	v.rebuildList()
	switch {
	case v.draft != nil:
		v.fillEditor()
	case len(v.drafts) > 0:
		d := v.drafts[0]
		v.showDraft(&d)
	}
}

// upsert puts a draft into the list, replacing the one with its id.
func (v *QuestionsView) upsert(d docs.Draft) {
	if d.ID == "" {
		return
	}
	for i := range v.drafts {
		if v.drafts[i].ID == d.ID {
			v.drafts[i] = d
			return
		}
	}
	v.drafts = append(v.drafts, d)
}

// rebuildList lists the drafts by meeting, newest meeting first.
func (v *QuestionsView) rebuildList() {
	sorted := append([]docs.Draft(nil), v.drafts...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if a.Meeting != b.Meeting {
			return newerDate(a.Meeting, b.Meeting)
		}
		return a.Created.Before(b.Created)
	})
	var objs []fyne.CanvasObject
	v.rows = v.rows[:0]
	var last *meetingRef
	for _, d := range sorted {
		m := meetingRef{d.Committee, d.Meeting}
		if last == nil || committeeKey(last.committee) != committeeKey(m.committee) || last.date != m.date {
			label := m.label()
			if m.date == "" {
				label = strings.Join(nonEmpty(m.committee, meetingChoiceNone()), " — ")
			}
			head := widget.NewLabel(label)
			head.TextStyle = fyne.TextStyle{Bold: true}
			head.Wrapping = fyne.TextWrapWord
			objs = append(objs, head)
			last = &m
		}
		id := d.ID
		row := newChoiceRow(draftTitle(d), v.draftDetail(d), nil, func() { v.onChooseDraft(id) })
		row.key = id
		if dl, ok := v.deadlineOf(d); ok && unsent(d) {
			row.detail.Importance = deadlineImportance(dl.Urgency(v.u.now()))
		}
		row.row.SetSelected(v.draft != nil && v.draft.ID == id)
		v.rows = append(v.rows, row)
		objs = append(objs, row.row)
	}
	v.list.Objects = objs
	v.list.Refresh()
	v.listEmpty.Hidden = len(v.drafts) > 0
	v.listEmpty.Refresh()
}

// draftTitle is what the list calls a draft: its title, or its first words.
func draftTitle(d docs.Draft) string {
	if t := strings.TrimSpace(d.Title); t != "" {
		return t
	}
	if b := strings.TrimSpace(d.Body); b != "" {
		return ellipsis(b, 60)
	}
	return lang.L("Untitled question")
}

// draftDetail is the line under a draft in the list: its status and, while
// it is not sent, its deadline.
func (v *QuestionsView) draftDetail(d docs.Draft) string {
	status := statusLabel(d.Status)
	if d.Status == docs.DraftSent && d.SentOn != "" {
		status = lang.L("Sent on {{.Date}}", tv{"Date": shortDay(d.SentOn)})
	}
	if dl, ok := v.deadlineOf(d); ok && unsent(d) {
		return status + " · " + deadlineWhen(dl, v.u.now())
	}
	return status
}

func unsent(d docs.Draft) bool { return d.Status == docs.DraftWriting || d.Status == docs.DraftReady }

// shortDay writes yyyy-mm-dd as "12 October 2023", "12 Hydref 2023".
func shortDay(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return dayMonthYear(t)
}

// describeDeadline is a deadline as the editor shows it: "Deadline:
// Friday 20 October, 5 pm — 3 working days left".
func describeDeadline(d questions.Deadline, now time.Time) string {
	return lang.L("Deadline: {{.When}}", tv{"When": deadlineWhen(d, now)})
}

// deadlineWhen is a deadline's day and how far off it is: "Friday 20
// October, 5 pm — 3 working days left" (the year added when not this year).
func deadlineWhen(d questions.Deadline, now time.Time) string {
	var b strings.Builder
	b.WriteString(weekdayDayMonth(d.Day))
	if d.Day.Year() != now.In(docs.London).Year() {
		fmt.Fprintf(&b, " %d", d.Day.Year())
	}
	if d.HasCutoff {
		b.WriteString(", " + clockTime(d.Day))
	}
	b.WriteString(" — ")
	switch left := d.WorkingDaysLeft(now); {
	case d.Passed(now):
		b.WriteString(lang.L("passed"))
	case left == 0:
		b.WriteString(lang.L("today"))
	default:
		b.WriteString(plural("count.working-days-left", "{{.Count}} working days left", left, tv{"Count": left}))
	}
	return b.String()
}

// deadlineOf is the deadline of a draft's meeting under its panel's rule.
func (v *QuestionsView) deadlineOf(d docs.Draft) (questions.Deadline, bool) {
	if d.Meeting == "" {
		return questions.Deadline{}, false
	}
	rule, ok := v.rules[committeeKey(d.Committee)]
	if !ok {
		rule = questions.DeadlineRule{ClearDays: questions.DefaultClearDays}
	}
	dl, err := rule.DeadlineOn(d.Meeting)
	return dl, err == nil
}

// deadlineImportance colours a deadline: amber in its last two working
// days, red once passed.
func deadlineImportance(u questions.Urgency) widget.Importance {
	switch u {
	case questions.UrgencySoon:
		return widget.WarningImportance
	case questions.UrgencyPassed:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// nextMeeting is the first coming meeting of a committee ("" for any).
func (v *QuestionsView) nextMeeting(committee string) meetingRef {
	today := v.u.now().In(docs.London).Format(time.DateOnly)
	for _, m := range v.meetings {
		if m.date >= today && (committee == "" || committeeKey(m.committee) == committeeKey(committee)) {
			return m
		}
	}
	return meetingRef{committee: committee}
}

// startQuestion opens a new draft from a seed; it is saved at once when
// the seed holds words or a citation, else at the member's first change.
func (v *QuestionsView) startQuestion(seed questionSeed) {
	v.flush()
	d := &docs.Draft{Committee: seed.meeting.committee, Meeting: seed.meeting.date, Title: seed.title, Body: seed.body,
		Addressee: defaultAddressee(), Status: docs.DraftWriting}
	if seed.citation != nil {
		d.Citations = []docs.Citation{*seed.citation}
	}
	v.showDraft(d)
	if d.Body != "" || len(d.Citations) > 0 {
		v.save()
	}
	v.rebuildList()
	v.u.win.Canvas().Focus(v.body)
}

// onChooseDraft shows a draft from the list.
func (v *QuestionsView) onChooseDraft(id string) {
	if v.draft != nil && v.draft.ID == id {
		return
	}
	v.flush()
	for i := range v.drafts {
		if v.drafts[i].ID == id {
			d := v.drafts[i]
			v.showDraft(&d)
		}
	}
	v.rebuildList()
}

// showDraft puts a draft in the editor (nil: none).
func (v *QuestionsView) showDraft(d *docs.Draft) {
	v.saveLater.cancel()
	v.simLater.cancel()
	v.draft = d
	v.slot = &draftSlot{}
	if d != nil {
		v.slot.id = d.ID
	}
	v.message.SetText("")
	if d == nil {
		v.editor.Hide()
		v.noDraft.Show()
		v.showSimilar(nil, "")
		return
	}
	v.noDraft.Hide()
	v.editor.Show()
	v.fillEditor()
	v.similarLater()
}

// fillEditor shows the working copy in the editor's boxes.
func (v *QuestionsView) fillEditor() {
	d := v.draft
	v.loading = true
	defer func() { v.loading = false }()
	opts := []string{meetingChoiceNone()}
	sel := meetingChoiceNone()
	found := false
	for _, m := range v.meetings {
		opts = append(opts, m.label())
		if d.Meeting == m.date && committeeKey(d.Committee) == committeeKey(m.committee) {
			sel, found = m.label(), true
		}
	}
	if !found && d.Meeting != "" {
		own := meetingRef{d.Committee, d.Meeting}
		opts = append(opts, own.label())
		sel = own.label()
	}
	v.meeting.Options = opts
	v.meeting.SetSelected(sel)
	v.status.SetSelected(statusLabel(d.Status))
	setEntry(v.title, d.Title)
	setEntry(v.addressee, d.Addressee)
	setEntry(v.asker, d.Asker)
	setEntry(v.body, d.Body)
	v.refreshDraftInfo()
}

func setEntry(e *widgets.EditEntry, s string) {
	if e.Text != s {
		e.SetText(s)
	}
}

// refreshDraftInfo updates what follows from the draft: its deadline, word
// count, citations, response and the buttons that apply.
func (v *QuestionsView) refreshDraftInfo() {
	d := v.draft
	if d == nil {
		return
	}
	v.refreshDeadline()
	v.refreshWords()
	v.refreshCitations()
	v.refreshStatus()
}

// refreshStatus shows what the draft's status brings: when it was sent, the
// response once linked, and whether it can still be marked as sent.
func (v *QuestionsView) refreshStatus() {
	d := v.draft
	a, answered := v.answers[d.ID]
	switch {
	case d.Status == docs.DraftAnswered && answered:
		v.answer.SetText(lang.L("Answered at the meeting on {{.Date}}.", tv{"Date": shortDay(a.Meeting)}) + " " + ellipsis(a.Response, 300))
		v.answer.Show()
		v.answerB.Show()
	case d.Status == docs.DraftAnswered:
		v.answer.SetText(lang.L("Answered."))
		v.answer.Show()
		v.answerB.Hide()
	case d.Status == docs.DraftSent:
		v.answer.SetText(lang.L("Sent on {{.Date}}. When the minutes arrive, the response is linked here.", tv{"Date": shortDay(d.SentOn)}))
		v.answer.Show()
		v.answerB.Hide()
	default:
		v.answer.Hide()
		v.answerB.Hide()
	}
	if d.Status == docs.DraftSent || d.Status == docs.DraftAnswered {
		v.sentB.Disable()
	} else {
		v.sentB.Enable()
	}
}

// refreshDeadline shows the deadline of the draft's meeting, coloured by
// how close it is; a sent question needs no deadline.
func (v *QuestionsView) refreshDeadline() {
	d := v.draft
	if d == nil {
		return
	}
	dl, ok := v.deadlineOf(*d)
	switch {
	case d.Meeting == "":
		v.deadline.SetText(lang.L("Choose the meeting this question is for to see its deadline."))
		v.deadline.Importance = widget.MediumImportance
	case !ok:
		v.deadline.SetText(lang.L("The deadline cannot be worked out: check this panel's deadline rules."))
		v.deadline.Importance = widget.WarningImportance
	case !unsent(*d):
		v.deadline.SetText(describeDeadline(dl, v.u.now()) + " " + lang.L("(sent)"))
		v.deadline.Importance = widget.MediumImportance
	default:
		v.deadline.SetText(describeDeadline(dl, v.u.now()))
		v.deadline.Importance = deadlineImportance(dl.Urgency(v.u.now()))
	}
	v.deadline.Refresh()
}

// refreshWords counts the body's words against the panel's limit.
func (v *QuestionsView) refreshWords() {
	n := len(strings.Fields(v.body.Text))
	limit := v.limits[committeeKey(v.draft.Committee)]
	text := plural("count.words", "{{.Count}} words", n, tv{"Count": n})
	v.words.Importance = widget.MediumImportance
	switch {
	case limit > 0 && n > limit:
		text = lang.L("{{.Count}} words: {{.Over}} over the panel's limit of {{.Limit}}", tv{"Count": n, "Over": n - limit, "Limit": limit})
		v.words.Importance = widget.DangerImportance
	case limit > 0:
		text = lang.L("{{.Count}} of {{.Limit}} words", tv{"Count": n, "Limit": limit})
	}
	v.words.SetText(text)
}

// refreshCitations lists the pages the draft cites, each opening its page.
func (v *QuestionsView) refreshCitations() {
	var objs []fyne.CanvasObject
	for i, c := range v.draft.Citations {
		i, c := i, c
		label := lang.L("Cited: {{.Where}}", tv{"Where": v.citationLabel(c)})
		row := newChoiceRow(label, ellipsis(c.Text, 160), nil, func() { v.u.openBySHA(c.Pack, &place{page: c.Page}) })
		remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { v.removeCitation(i) })
		objs = append(objs, widgets.Border(nil, nil, nil, remove, row.row))
	}
	v.citations.Objects = objs
	v.citations.Refresh()
}

// citationLabel names a cited page the way the member cites it; the
// printed page number is known when the paper is open in the reader.
func (v *QuestionsView) citationLabel(c docs.Citation) string {
	for _, ver := range v.versions {
		if ver.SHA256 != c.Pack {
			continue
		}
		p := docs.Page{Number: c.Page}
		if r := v.u.Reader; r.version != nil && r.version.SHA256 == c.Pack {
			p.Printed = r.printedOf(c.Page)
		}
		return citationText(ver, p)
	}
	return lang.L("PDF page {{.Page}}", tv{"Page": c.Page})
}

// citationText names a page the way a member cites it in a question (see
// docs.CitationText), in the window's language: "Performance report, item
// 6, page 23 of the 27 October 2023 pack"; "…, eitem 6, tudalen 23 o becyn
// 27 Hydref 2023".
func citationText(v *docs.Version, p docs.Page) string {
	if currentLanguage() == LangEnglish {
		return questions.CitationText(v, p)
	}
	var parts []string
	if p.Item != "" {
		for _, it := range v.Agenda.Items {
			if it.Number == p.Item && strings.TrimSpace(it.Title) != "" {
				parts = append(parts, strings.TrimSpace(it.Title))
				break
			}
		}
		parts = append(parts, lang.L("item {{.Number}}", tv{"Number": p.Item}))
	}
	titled := p.Item == "" && v.Kind == docs.KindReport && v.Title != ""
	if titled {
		parts = append(parts, v.Title)
	}
	page := p.Printed
	if page == "" {
		page = strconv.Itoa(p.Number)
	}
	where := lang.L("page {{.Page}}", tv{"Page": page})
	date := v.Date
	if date == "" {
		date = v.Agenda.Date
	}
	if t, err := time.Parse(time.DateOnly, date); err == nil {
		data := tv{"Page": page, "Date": dayMonthYear(t)}
		switch v.Kind {
		case docs.KindAgenda:
			where = lang.L("page {{.Page}} of the {{.Date}} pack", data)
		case docs.KindSupplement:
			where = lang.L("page {{.Page}} of the {{.Date}} supplementary pack", data)
		case docs.KindMinutes:
			where = lang.L("page {{.Page}} of the {{.Date}} minutes", data)
		case docs.KindReport:
			where = lang.L("page {{.Page}} of the {{.Date}} report", data)
		default:
			where = lang.L("page {{.Page}} of the {{.Date}} papers", data)
		}
	} else if !titled && v.Title != "" {
		where = lang.L("page {{.Page}} of “{{.Title}}”", tv{"Page": page, "Title": v.Title})
	}
	return upperFirst(strings.Join(append(parts, where), ", "))
}

func (v *QuestionsView) removeCitation(i int) {
	if v.draft == nil || i >= len(v.draft.Citations) {
		return
	}
	v.draft.Citations = append(v.draft.Citations[:i:i], v.draft.Citations[i+1:]...)
	v.refreshCitations()
	v.save()
}

// onEdited takes what the member changed into the working copy and saves
// it after a pause.
func (v *QuestionsView) onEdited() {
	if v.loading || v.draft == nil {
		return
	}
	d := v.draft
	v.slot.pending = true
	d.Title, d.Addressee, d.Asker, d.Body = v.title.Text, v.addressee.Text, v.asker.Text, v.body.Text
	if s := statusOf(v.status.Selected); s != d.Status {
		d.Status = s
		if s == docs.DraftWriting || s == docs.DraftReady {
			d.SentOn = ""
		}
	}
	if m, ok := v.chosenMeeting(); ok {
		d.Committee, d.Meeting = m.committee, m.date
	}
	v.refreshDeadline()
	v.refreshWords()
	v.refreshStatus()
	v.saveLater.call(v.save)
}

// chosenMeeting is the meeting the select shows; false when it shows the
// draft's own meeting unchanged.
func (v *QuestionsView) chosenMeeting() (meetingRef, bool) {
	if v.meeting.Selected == meetingChoiceNone() {
		return meetingRef{committee: v.draft.Committee}, true
	}
	for _, m := range v.meetings {
		if m.label() == v.meeting.Selected {
			return m, true
		}
	}
	return meetingRef{}, false
}

// flush saves at once what is waiting for a pause in typing: the member
// left a box, or another draft or view is being shown.
func (v *QuestionsView) flush() {
	if v.draft == nil || v.loading {
		return
	}
	v.saveLater.cancel()
	if v.slot.pending {
		v.save()
	}
}

// save stores the working copy off the UI thread. Saves of one draft go
// through its slot in order, so a new draft gets one id however many
// saves are in flight.
func (v *QuestionsView) save() {
	if v.draft == nil || v.store == nil {
		return
	}
	snapshot := v.snapshot()
	slot, seq := v.slot, v.slot.next()
	store := v.store
	v.u.async.run(func() func() {
		saved, wrote, err := slot.write(store, snapshot, seq)
		return func() { v.onSaved(slot, saved, wrote, err) }
	})
}

// snapshot is a copy of the working copy for a save off the UI thread.
func (v *QuestionsView) snapshot() docs.Draft {
	d := *v.draft
	d.Citations = append([]docs.Citation(nil), v.draft.Citations...)
	return d
}

// onSaved takes the library's part of a saved draft (its id and history)
// into the working copy, if it is still the one shown.
func (v *QuestionsView) onSaved(slot *draftSlot, saved docs.Draft, wrote bool, err error) {
	if err != nil {
		if slot == v.slot {
			v.message.SetText(lang.L("Your question could not be saved:") + " " + v.u.explain(err) + " " + lang.L("Keep this window open and try again."))
			v.message.Importance = widget.DangerImportance
			v.message.Refresh()
		}
		return
	}
	if !wrote {
		return
	}
	if slot == v.slot && v.draft != nil {
		v.draft.ID, v.draft.Created, v.draft.Updated, v.draft.History = saved.ID, saved.Created, saved.Updated, saved.History
		if v.draft.SentOn == "" && saved.Status == v.draft.Status {
			v.draft.SentOn = saved.SentOn
		}
		if v.message.Importance == widget.DangerImportance {
			v.message.SetText("")
			v.message.Importance = widget.MediumImportance
		}
		saved = *v.draft
	}
	v.listDraft(saved)
}

// listDraft brings the list in step with a draft saved: its row is updated,
// or the list regrouped when the draft is new or moved to another meeting.
func (v *QuestionsView) listDraft(d docs.Draft) {
	regroup := true
	for _, old := range v.drafts {
		if old.ID == d.ID {
			regroup = old.Meeting != d.Meeting || committeeKey(old.Committee) != committeeKey(d.Committee)
		}
	}
	v.upsert(d)
	if regroup {
		v.rebuildList()
		return
	}
	for _, r := range v.rows {
		if r.key == d.ID {
			r.title.SetText(draftTitle(d))
			r.detail.SetText(v.draftDetail(d))
			if dl, ok := v.deadlineOf(d); ok && unsent(d) {
				r.detail.Importance = deadlineImportance(dl.Urgency(v.u.now()))
			} else {
				r.detail.Importance = widget.MediumImportance
			}
			r.detail.Refresh()
		}
	}
}

// saveNow stores the working copy before returning: the window is
// closing, and a save still in flight on another goroutine might not get
// to the disk before the process ends. A draft saved before and unchanged
// since is written again harmlessly (the library skips a save that
// changes nothing).
func (v *QuestionsView) saveNow() {
	if v.draft == nil || v.store == nil || (!v.slot.pending && v.slot.seq == 0) {
		return
	}
	v.saveLater.cancel()
	if _, _, err := v.slot.write(v.store, v.snapshot(), v.slot.next()); err != nil {
		v.u.lastError = v.u.explain(err) // nowhere left to show it: the window has closed
	}
}

// close saves what is unsaved and stops the deadline checks.
func (v *QuestionsView) close() {
	v.saveNow()
	v.stopOnce.Do(func() { close(v.stopChecks) })
}

// draftSlot orders the saves of one draft being edited: a save started
// earlier never overwrites a later one, and all of them use the id the
// first one was given.
type draftSlot struct {
	seq     uint64 // the last number handed out; UI thread only
	pending bool   // a change waits for a pause in typing; UI thread only

	mu      sync.Mutex
	id      string
	written uint64
}

// next numbers a save; called on the UI thread.
func (s *draftSlot) next() uint64 {
	s.seq++
	s.pending = false
	return s.seq
}

// write saves d unless a newer save was done; wrote is false then.
func (s *draftSlot) write(store QuestionStore, d docs.Draft, seq uint64) (saved docs.Draft, wrote bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq <= s.written {
		return docs.Draft{}, false, nil
	}
	if d.ID == "" {
		d.ID = s.id
	}
	saved, err = store.SaveDraft(d)
	if err != nil {
		return docs.Draft{}, false, err
	}
	s.written, s.id = seq, saved.ID
	return saved, true, nil
}

// --- asked before? -------------------------------------------------------------

// similarLater looks for past questions like the draft once typing pauses.
func (v *QuestionsView) similarLater() {
	if v.draft == nil {
		return
	}
	v.simLater.call(v.runSimilar)
}

// runSimilar asks the index of questions for the past questions closest in
// wording to the draft, before its meeting.
func (v *QuestionsView) runSimilar() {
	if v.draft == nil {
		return
	}
	text := strings.TrimSpace(v.title.Text + "\n" + v.body.Text)
	v.simGen++
	gen := v.simGen
	switch {
	case len(strings.Fields(text)) < 3:
		v.showSimilar(nil, lang.L("As you write, questions asked before in like words are shown here."))
		return
	case v.past == nil:
		v.showSimilar(nil, lang.L("Earlier questions are still being gathered from your papers…"))
		return
	}
	past, req := v.past, search.SimilarRequest{Text: text, Before: v.draft.Meeting, Limit: similarShown}
	v.u.async.run(func() func() {
		res, err := past.Similar(req)
		return func() {
			if gen != v.simGen {
				return
			}
			if err != nil {
				v.showSimilar(nil, lang.L("Earlier questions could not be searched.")+" "+v.u.explain(err))
				return
			}
			msg := lang.L("No question asked before is close to this one.")
			if len(res) > 0 {
				msg = lang.L("Questions asked before in like words (choose one to read it in its paper):")
			}
			v.showSimilar(res, msg)
		}
	})
}

// showSimilar lists past questions: meeting, asker, the question and the
// response, each opening the page that records it.
func (v *QuestionsView) showSimilar(res []search.PastQuestion, summary string) {
	v.simSummary.SetText(summary)
	v.simRows = v.simRows[:0]
	var objs []fyne.CanvasObject
	for _, q := range res {
		q := q
		head := meetingTitle(q.Meeting)
		if q.Asker != "" {
			head += " — " + q.Asker
		}
		detail := ellipsis(q.Text, 220)
		if q.Response != "" {
			detail += "\n" + lang.L("Response: {{.Text}}", tv{"Text": ellipsis(q.Response, 260)})
		} else {
			detail += "\n" + lang.L("No response recorded in the papers.")
		}
		page := q.Page
		if q.ResponsePage > 0 {
			page = q.ResponsePage
		}
		row := newChoiceRow(head, detail, nil, func() { v.u.openBySHA(q.Pack, &place{page: page}) })
		v.simRows = append(v.simRows, row)
		objs = append(objs, row.row, widget.NewSeparator())
	}
	v.similar.Objects = objs
	v.similar.Refresh()
}

// --- citations and new questions from the reader ----------------------------------

// citeFromReader cites the page being read in a question: the draft being
// edited when it is for the paper's meeting, else a new one.
func (v *QuestionsView) citeFromReader(quote string) {
	r := v.u.Reader
	if r.version == nil || r.doc == nil {
		return
	}
	ver, page := r.version, r.current
	p := docs.Page{Number: page, Printed: r.printedOf(page)}
	for _, sp := range r.pages {
		if sp.Number == page {
			p = sp
		}
	}
	citeText := citationText(ver, p)
	c := docs.Citation{Pack: ver.SHA256, Page: page, Text: strings.Join(strings.Fields(quote), " ")}
	text := "(" + citeText + ")"
	if c.Text != "" {
		text = "“" + c.Text + "” " + text
	}
	m := meetingRef{ver.Committee, ver.Date}
	v.open()
	if d := v.draft; d != nil && unsent(*d) && d.Meeting == m.date && committeeKey(d.Committee) == committeeKey(m.committee) {
		body := strings.TrimRight(v.body.Text, " \n")
		if body != "" {
			body += " "
		}
		d.Citations = append(d.Citations, c)
		v.body.SetText(body + text) // saved through onEdited
		v.refreshCitations()
		v.u.win.Canvas().Focus(v.body)
		return
	}
	if m.date == "" {
		m = v.nextMeeting(ver.Committee)
	}
	v.startQuestion(questionSeed{meeting: m, body: text + " ", citation: &c})
}

// askAboutItem starts a question on the agenda item being read.
func (v *QuestionsView) askAboutItem() {
	r := v.u.Reader
	if r.version == nil {
		return
	}
	seed := questionSeed{meeting: meetingRef{r.version.Committee, r.version.Date}}
	if it := r.agenda.currentItem(); it != nil {
		seed.title = tidyItemTitle(it)
	}
	v.open()
	v.startQuestion(seed)
}

// askForMeeting starts a question for the meeting of the paper being read,
// or the next meeting when no paper is open.
func (v *QuestionsView) askForMeeting() {
	seed := questionSeed{meeting: v.nextMeeting("")}
	if r := v.u.Reader; r.version != nil && v.u.view == r.root {
		seed.meeting = meetingRef{r.version.Committee, r.version.Date}
	}
	v.open()
	v.startQuestion(seed)
}

func tidyItemTitle(it *docs.AgendaItem) string {
	t := strings.Join(strings.Fields(it.Title), " ")
	if it.Number != "" {
		return itemLabel(it.Number, t)
	}
	return t
}

// --- sending ----------------------------------------------------------------------

// exportText is the draft in the panel's form.
func (v *QuestionsView) exportText(f questions.ExportFormat) string {
	return questions.ExportQuestions([]docs.Draft{*v.draft}, f)
}

func (v *QuestionsView) say(msg string) {
	v.message.Importance = widget.MediumImportance
	v.message.SetText(msg)
}

// onCopy copies the question, in the panel's form, to the clipboard.
func (v *QuestionsView) onCopy() {
	if v.draft == nil {
		return
	}
	v.flush()
	v.u.app.Clipboard().SetContent(v.exportText(questions.ExportText))
	v.say(lang.L("Copied. Paste it into an e-mail or the council's form."))
}

// onSaveAs writes the question to a file: Markdown for a .md name, plain
// text otherwise.
func (v *QuestionsView) onSaveAs() {
	if v.draft == nil {
		return
	}
	v.flush()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			v.u.showError(lang.L("The question could not be saved"), err)
			return
		}
		if w == nil {
			return
		}
		v.writeExport(w)
	}, v.u.win)
	d.SetFileName(exportFileName(*v.draft) + ".txt")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".txt", ".md"}))
	d.Show()
}

// writeExport writes the question to w, in the format its name asks for.
func (v *QuestionsView) writeExport(w fyne.URIWriteCloser) {
	f := questions.ExportText
	if strings.EqualFold(w.URI().Extension(), ".md") {
		f = questions.ExportMarkdown
	}
	_, err := w.Write([]byte(v.exportText(f)))
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		v.u.showError(lang.L("The question could not be saved"), err)
		return
	}
	v.say(lang.L("Saved to {{.Name}}.", tv{"Name": w.URI().Name()}))
}

// exportFileName is "Question for 27 October 2023", or the title.
func exportFileName(d docs.Draft) string {
	name := lang.L("Question")
	if d.Meeting != "" {
		name = lang.L("Question for {{.Date}}", tv{"Date": shortDay(d.Meeting)})
	}
	return safeFileName(name)
}

// safeFileName replaces the characters file systems refuse in a name.
func safeFileName(name string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, name)
}

// officerFor is the democratic services officer the papers of a meeting
// name, or the last one the committee's papers named.
func (v *QuestionsView) officerFor(d docs.Draft) *docs.Officer {
	var best *docs.Officer
	bestDate := ""
	for _, ver := range v.versions {
		o := ver.Agenda.Officer
		if o == nil || o.Email == "" || committeeKey(ver.Committee) != committeeKey(d.Committee) {
			continue
		}
		if ver.Date == d.Meeting {
			return o
		}
		if best == nil || ver.Date > bestDate {
			best, bestDate = o, ver.Date
		}
	}
	return best
}

// onEmail opens the member's e-mail program with the question addressed to
// the officer; a message too long for a mailto: link is copied instead.
func (v *QuestionsView) onEmail() {
	if v.draft == nil {
		return
	}
	v.flush()
	officer := v.officerFor(*v.draft)
	mail := questions.QuestionEmail(officer, []docs.Draft{*v.draft})
	link := mail.MailtoURL()
	to := lang.L("the democratic services officer")
	if mail.To != "" {
		to = mail.To
	}
	if len(link) > questions.MailtoMaxLen {
		v.u.app.Clipboard().SetContent(mail.Body)
		v.say(lang.L("This question is too long to open in your e-mail program directly, so it has been copied instead. Start a new e-mail to {{.To}} with the subject “{{.Subject}}” and paste it in.",
			tv{"To": to, "Subject": mail.Subject}))
		return
	}
	u, err := url.Parse(link)
	if err == nil {
		err = v.openURL(u)
	}
	if err != nil {
		v.u.app.Clipboard().SetContent(mail.Body)
		v.say(lang.L("Your e-mail program could not be opened, so the e-mail has been copied instead. Paste it into a new e-mail to {{.To}}.", tv{"To": to}))
		return
	}
	msg := lang.L("Your e-mail program should now show the e-mail to {{.To}}. Once you have sent it, choose Mark as sent.", tv{"To": to})
	if mail.To == "" {
		msg = lang.L("The papers do not give the officer's e-mail address: add it in your e-mail program. Once you have sent it, choose Mark as sent.")
	}
	v.say(msg)
}

// onMarkSent records that the question was sent today.
func (v *QuestionsView) onMarkSent() {
	if v.draft == nil || v.store == nil {
		return
	}
	if strings.TrimSpace(v.draft.Body) == "" {
		v.say(lang.L("Write the question first: an empty question cannot be sent."))
		return
	}
	v.saveLater.cancel()
	store, slot, now := v.store, v.slot, v.u.now()
	snapshot, seq := v.snapshot(), slot.next()
	v.u.async.run(func() func() {
		// The member's last words are saved first, so that what is marked
		// sent is what was sent, and a new draft has its id.
		if _, _, err := slot.write(store, snapshot, seq); err != nil {
			return func() { v.u.showError(lang.L("The question could not be marked as sent"), err) }
		}
		slot.mu.Lock()
		id := slot.id
		slot.mu.Unlock()
		ds, err := store.MarkSent([]string{id}, now)
		return func() {
			if err != nil || len(ds) == 0 {
				v.u.showError(lang.L("The question could not be marked as sent"), orErr(err))
				return
			}
			if slot == v.slot && v.draft != nil {
				v.draft.Status, v.draft.SentOn, v.draft.History = ds[0].Status, ds[0].SentOn, ds[0].History
				v.loading = true
				v.status.SetSelected(statusLabel(v.draft.Status))
				v.loading = false
				v.refreshDraftInfo()
				v.say(lang.L("Marked as sent on {{.Date}}.", tv{"Date": shortDay(ds[0].SentOn)}))
			}
			v.listDraft(ds[0])
		}
	})
}

func orErr(err error) error {
	if err == nil {
		return errors.New(lang.L("the library did not record it"))
	}
	return err
}

// onDelete deletes the draft after asking.
func (v *QuestionsView) onDelete() {
	if v.draft == nil {
		return
	}
	d, slot := v.draft, v.slot
	dialog.ShowConfirm(lang.L("Delete this question?"), lang.L("“{{.Title}}” will be deleted. This cannot be undone.", tv{"Title": draftTitle(*d)}), func(ok bool) {
		if ok {
			v.deleteDraft(slot)
		}
	}, v.u.win)
}

func (v *QuestionsView) deleteDraft(slot *draftSlot) {
	v.saveLater.cancel()
	store := v.store
	v.u.async.run(func() func() {
		slot.mu.Lock()
		id := slot.id
		slot.written = ^uint64(0) // no save in flight writes it back
		slot.mu.Unlock()
		var err error
		if id != "" {
			err = store.DeleteDraft(id)
		}
		return func() {
			if err != nil && !errors.Is(err, docs.ErrNotFound) {
				v.u.showError(lang.L("The question could not be deleted"), err)
				return
			}
			kept := v.drafts[:0]
			for _, d := range v.drafts {
				if d.ID != id {
					kept = append(kept, d)
				}
			}
			v.drafts = kept
			if slot == v.slot {
				v.showDraft(nil)
			}
			v.rebuildList()
		}
	})
}

// onShowAnswer opens the page where the response is recorded.
func (v *QuestionsView) onShowAnswer() {
	if v.draft == nil {
		return
	}
	if a, ok := v.answers[v.draft.ID]; ok {
		v.u.openBySHA(a.Pack, &place{page: a.Page})
	}
}

// --- deadlines ---------------------------------------------------------------------

// checkHourly checks the deadlines every hour until the window closes.
func (v *QuestionsView) checkHourly() {
	t := time.NewTicker(deadlineInterval)
	defer t.Stop()
	for {
		select {
		case <-v.stopChecks:
			return
		case <-t.C:
			v.u.async.post(v.checkDeadlines)
		}
	}
}

// checkDeadlines warns, with a notification, of every draft not yet sent
// whose deadline is a working day away or today; each deadline once. The
// deadline shown is brought up to date too.
func (v *QuestionsView) checkDeadlines() {
	store, lib, now := v.store, v.u.deps.Library, v.u.now()
	if store == nil {
		return
	}
	v.u.async.run(func() func() {
		notes := dueNotifications(store, lib, now)
		return func() {
			for _, n := range notes {
				v.notify(n)
			}
			if v.draft != nil {
				v.refreshDeadline()
			}
			if v.u.view == v.root {
				v.rebuildList()
			}
		}
	})
}

// dueNotifications finds the drafts to warn about and records that they
// were warned of, off the UI thread.
func dueNotifications(store QuestionStore, lib Library, now time.Time) []*fyne.Notification {
	drafts, err := store.Drafts()
	if err != nil {
		return nil
	}
	var out []*fyne.Notification
	for _, d := range drafts {
		if !unsent(d) || d.Meeting == "" || d.ID == "" {
			continue
		}
		rule, err := store.RuleFor(d.Committee)
		if err != nil {
			continue
		}
		dl, err := rule.DeadlineOn(d.Meeting)
		if err != nil || dl.Passed(now) || dl.WorkingDaysLeft(now) > 1 {
			continue
		}
		day := dl.Day.Format(time.DateOnly)
		if seen, _ := lib.Setting(notifiedPrefix + d.ID); seen == day {
			continue
		}
		if err := lib.SetSetting(notifiedPrefix+d.ID, day); err != nil {
			continue // better to warn next hour than twice
		}
		out = append(out, fyne.NewNotification(lang.L("Question not sent yet: {{.Title}}", tv{"Title": draftTitle(d)}), describeDeadline(dl, now)))
	}
	return out
}

// --- the panel's rule ------------------------------------------------------------

// ruleForm is the small form that sets a panel's deadline rule and word
// limit.
type ruleForm struct {
	v         *QuestionsView
	committee *widget.Select
	days      *widget.Entry
	cutoff    *widget.Entry
	closed    *widget.Entry
	words     *widget.Entry
	problem   *widget.Label
	dialog    dialog.Dialog
	parent    fyne.Window // the window the form is shown on
}

// onRules opens the deadline rules form, for the draft's panel.
func (v *QuestionsView) onRules() {
	f := v.newRuleForm()
	f.dialog.Show()
}

// openRulesOn reads the panels the member writes to, then opens the
// deadline rules form on parent (the settings window); then, if set, is
// called with the form.
func (v *QuestionsView) openRulesOn(parent fyne.Window, then func(*ruleForm)) {
	v.reloadThen(func() {
		f := v.newRuleForm()
		f.parent = parent
		f.build()
		f.dialog.Show()
		if then != nil {
			then(f)
		}
	})
}

func (v *QuestionsView) newRuleForm() *ruleForm {
	f := &ruleForm{v: v, parent: v.u.win}
	f.build()
	return f
}

// build lays out the form's widgets and dialog on f.parent.
func (f *ruleForm) build() {
	v := f.v
	var names []string
	seen := map[string]bool{}
	addName := func(c string) {
		if c != "" && !seen[committeeKey(c)] {
			seen[committeeKey(c)] = true
			names = append(names, c)
		}
	}
	if v.draft != nil {
		addName(v.draft.Committee)
	}
	for _, m := range v.meetings {
		addName(m.committee)
	}
	for _, d := range v.drafts {
		addName(d.Committee)
	}
	f.committee = widget.NewSelect(names, f.onCommittee)
	f.days = widget.NewEntry()
	f.days.SetPlaceHolder(strconv.Itoa(questions.DefaultClearDays))
	f.cutoff = widget.NewEntry()
	f.cutoff.SetPlaceHolder(lang.L("17:00, or empty for any time that day"))
	f.closed = widget.NewMultiLineEntry()
	f.closed.SetPlaceHolder("2023-12-27\n2023-12-28")
	f.closed.SetMinRowsVisible(3)
	f.words = widget.NewEntry()
	f.words.SetPlaceHolder(lang.L("Empty for no limit"))
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	explainL := widget.NewLabel(lang.L("Questions must reach the clerk this many clear working days before the meeting (weekends and bank holidays are not counted). Add the days the council's offices are closed."))
	explainL.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Panel"), f.committee),
		widget.NewFormItem(lang.L("Clear working days"), f.days),
		widget.NewFormItem(lang.L("Cut-off time"), f.cutoff),
		widget.NewFormItem(lang.L("Offices closed on"), f.closed),
		widget.NewFormItem(lang.L("Word limit"), f.words),
	)
	save := widget.NewButtonWithIcon(lang.L("Save"), theme.ConfirmIcon(), func() { f.submit() })
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { f.dialog.Hide() })
	content := container.NewVBox(explainL, form, f.problem, container.NewHBox(layout.NewSpacer(), cancel, save))
	f.dialog = dialog.NewCustomWithoutButtons(lang.L("Deadline rules"), content, f.parent)
	f.dialog.Resize(fyne.NewSize(560, 440))
	if len(names) > 0 {
		f.committee.SetSelected(names[0])
	}
}

// onCommittee fills the form with the rule of the panel chosen.
func (f *ruleForm) onCommittee(name string) {
	k := committeeKey(name)
	rule, ok := f.v.rules[k]
	if !ok {
		rule = questions.DeadlineRule{ClearDays: questions.DefaultClearDays}
	}
	f.days.SetText(strconv.Itoa(rule.ClearDays))
	f.cutoff.SetText(rule.Cutoff)
	f.closed.SetText(strings.Join(rule.Closed, "\n"))
	f.words.SetText("")
	if n := f.v.limits[k]; n > 0 {
		f.words.SetText(strconv.Itoa(n))
	}
	f.problem.SetText("")
}

// rule reads the form; the error says what to correct.
func (f *ruleForm) rule() (questions.DeadlineRule, int, error) {
	var r questions.DeadlineRule
	days := strings.TrimSpace(f.days.Text)
	if days == "" {
		days = strconv.Itoa(questions.DefaultClearDays)
	}
	n, err := strconv.Atoi(days)
	if err != nil {
		return r, 0, errors.New(lang.L("“{{.Text}}” is not a number of days", tv{"Text": days}))
	}
	r.ClearDays, r.Cutoff = n, strings.TrimSpace(f.cutoff.Text)
	r.Closed = strings.FieldsFunc(f.closed.Text, func(r rune) bool { return r == '\n' || r == ',' || r == ' ' || r == ';' })
	limit := 0
	if w := strings.TrimSpace(f.words.Text); w != "" {
		if limit, err = strconv.Atoi(w); err != nil || limit < 0 {
			return r, 0, errors.New(lang.L("the word limit “{{.Text}}” is not a number of words", tv{"Text": w}))
		}
	}
	if err := r.Validate(); err != nil {
		return r, 0, ruleMistake(r, err)
	}
	return r, limit, nil
}

// ruleMistake says in the window's language which part of a rule the
// library refused (err), asking the library of each part on its own.
func ruleMistake(r questions.DeadlineRule, err error) error {
	if (questions.DeadlineRule{ClearDays: r.ClearDays}).Validate() != nil {
		return errors.New(lang.L("clear working days must be from 0 to {{.Max}}, not {{.Days}}", tv{"Max": questions.MaxClearDays, "Days": r.ClearDays}))
	}
	if (questions.DeadlineRule{Cutoff: r.Cutoff}).Validate() != nil {
		if t, perr := time.Parse("15:04", r.Cutoff); perr == nil && t.Hour() == 0 && t.Minute() == 0 {
			return errors.New(lang.L("a cut-off of 00:00 is the end of the day before; leave the cut-off empty for the end of the day"))
		}
		return errors.New(lang.L("cut-off “{{.Text}}” is not a time like 17:00", tv{"Text": r.Cutoff}))
	}
	for _, c := range r.Closed {
		if (questions.DeadlineRule{Closed: []string{c}}).Validate() != nil {
			return errors.New(lang.L("closed day “{{.Text}}” is not a date like 2023-12-27", tv{"Text": c}))
		}
	}
	return err
}

// submit checks and saves the rule; a mistake is shown in the form, which
// stays open. It reports whether the form was accepted.
func (f *ruleForm) submit() bool {
	name := f.committee.Selected
	if name == "" {
		f.problem.SetText(lang.L("Choose the panel first."))
		return false
	}
	r, limit, err := f.rule()
	if err != nil {
		f.problem.SetText(ruleProblem(err))
		return false
	}
	f.problem.SetText("")
	f.dialog.Hide()
	v := f.v
	k := committeeKey(name)
	v.rules[k] = r
	if limit > 0 {
		v.limits[k] = limit
	} else {
		delete(v.limits, k)
	}
	v.refreshDraftInfo()
	v.rebuildList()
	store, lib := v.store, v.u.deps.Library
	v.u.async.run(func() func() {
		err := store.SetRule(name, r)
		if err == nil {
			val := ""
			if limit > 0 {
				val = strconv.Itoa(limit)
			}
			err = lib.SetSetting(wordLimitPrefix+k, val)
		}
		if err != nil {
			return func() { v.u.showError(lang.L("The deadline rule could not be saved"), err) }
		}
		return nil
	})
	return true
}

// ruleProblem is a rule's mistake as a sentence.
func ruleProblem(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, questions.ErrBadRule.Error()+": "); i >= 0 {
		msg = msg[i+len(questions.ErrBadRule.Error())+2:]
	}
	return upperFirst(msg) + "."
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// questionsMenu lists what the member can do with questions on notice.
func (u *UI) questionsMenu() *fyne.Menu {
	q := u.Questions
	inReader := func(f func()) func() {
		return func() {
			if u.view == u.Reader.root && u.Reader.doc != nil {
				f()
			}
		}
	}
	return fyne.NewMenu(lang.L("Questions"),
		item(lang.L("Show my questions"), shortcut(fyne.KeyQ, fyne.KeyModifierShift), q.open),
		item(lang.L("New question for this meeting"), nil, q.askForMeeting),
		item(lang.L("Ask about this agenda item"), nil, inReader(q.askAboutItem)),
		item(lang.L("Cite this page in a question"), nil, inReader(func() { q.citeFromReader("") })),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Deadline rules…"), nil, func() {
			q.open()
			q.onRules()
		}),
	)
}
