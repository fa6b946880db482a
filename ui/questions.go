package ui

import (
	"context"
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
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/questions"
	"panelpapers/search"
	"panelpapers/ui/widgets"
)

// QuestionStore is what the questions view needs from the library: the
// member's drafts, the responses linked to them, the panels' deadline
// rules and the meetings the library knows of. *library.Library implements it.
type QuestionStore interface {
	Drafts() ([]docs.Draft, error)
	SaveDraft(d docs.Draft) (docs.Draft, error)
	DeleteDraft(id string) error
	MarkSent(ids []string, at time.Time) ([]docs.Draft, error)
	Answer(draftID string) (questions.Answer, error)
	LinkAnswers(v *docs.Version, pages []docs.Page) ([]questions.Answer, error)
	// OwnRule is a panel's deadline rule, and whether it is the panel's
	// own (set by the member) rather than the default.
	OwnRule(committee string) (r questions.DeadlineRule, own bool, err error)
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

// committeeKey is how committees' titles are compared (docs.CommitteeKey):
// one rule, one word limit and one list heading per committee.
func committeeKey(c string) string { return docs.CommitteeKey(c) }

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
	meeting meetingRef
	// auto is set when the meeting is the next one the window knows of,
	// not one the member chose: it moves with what the sites say.
	auto     bool
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
	answers  map[string]questions.Answer       // by draft id
	rules    map[string]questions.DeadlineRule // the panels' own rules, by committee key
	limits   map[string]int                    // word limits by committee key
	known    []meetingRef                      // the meetings the library knows of
	online   sitesAnswer                       // what the councils' sites said this session
	meetings []meetingRef                      // both: coming meetings first, then past ones newest first
	options  []meetingRef                      // the meetings the select offers
	versions []*docs.Version
	linked   map[string]bool // papers whose responses were linked this session

	// The draft being edited: its working copy (the truth while the member
	// types) and the slot its saves go through.
	draft   *docs.Draft
	slot    *draftSlot
	loading bool // the editor is being filled: its changes are not the member's
	simGen  int
	// autoMeeting is set while the draft's meeting is the next one the
	// window knew of, not one the member chose.
	autoMeeting bool

	// Asking the councils' sites for coming meetings: when last asked,
	// the asks in flight (tests wait on them), and their context, ended
	// when the window closes.
	sitesAsked time.Time
	sites      sync.WaitGroup
	ctx        context.Context
	cancel     context.CancelFunc

	list       *fyne.Container
	listEmpty  *widget.Label
	newB       *widget.Button
	backB      *widget.Button
	rulesB     *widget.Button
	deadline   *widget.Label
	ruleNote   *widget.Label
	ruleB      *widget.Button
	meeting    *widget.Select
	dateEntry  *widgets.EditEntry
	dateHint   *widget.Label
	dateRow    *fyne.Container
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

	// What the window shows while a question is sent: the confirmation
	// asked once the deadline has passed, and what to do when no e-mail
	// program opened.
	late     *dialog.ConfirmDialog
	lateNote *widget.Label
	noMail   *noMailDialog

	// Seams for tests: how mailto: links are opened (an error when no
	// e-mail program opened) and notifications sent.
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
		linked: map[string]bool{}, openURL: openMailLink, notify: u.app.SendNotification,
		stopChecks: make(chan struct{})}
	v.ctx, v.cancel = context.WithCancel(context.Background())
	v.saveLater = &debouncer{a: u.async, delay: draftSaveDelay}
	v.simLater = &debouncer{a: u.async, delay: similarDelay}
	if u.async.manual {
		v.saveLater.delay, v.simLater.delay = 0, 0
	}

	v.newB = widget.NewButtonWithIcon(lang.L("New question"), theme.ContentAddIcon(), func() {
		v.startQuestion(questionSeed{meeting: v.nextMeeting(""), auto: true})
	})
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
	v.ruleNote = widget.NewLabel("")
	v.ruleNote.Wrapping = fyne.TextWrapWord
	v.ruleB = widget.NewButtonWithIcon(lang.L("Set this panel's rule…"), theme.SettingsIcon(), v.onRules)
	v.meeting = widget.NewSelect(nil, v.onMeetingSelected)
	v.dateEntry = widgets.NewEditEntry(v.flush)
	v.dateEntry.SetPlaceHolder(lang.L("The meeting's date"))
	v.dateEntry.OnChanged = v.onDateTyped
	v.dateHint = widget.NewLabel("")
	v.dateHint.Wrapping = fyne.TextWrapWord
	v.dateRow = container.NewVBox(v.dateEntry, v.dateHint)
	v.dateRow.Hide()
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
		widget.NewFormItem(lang.L("Meeting"), container.NewVBox(v.meeting, v.dateRow)),
		widget.NewFormItem(lang.L("Status"), v.status),
		widget.NewFormItem(lang.L("To"), v.addressee),
		widget.NewFormItem(lang.L("Asked by"), v.asker),
		widget.NewFormItem(lang.L("Title"), v.title),
	)
	send := container.NewVBox(container.New(widgets.NewFlow(), v.copyB, v.saveAsB, v.emailB),
		container.NewHBox(v.sentB, layout.NewSpacer(), v.deleteB))
	// The buttons that send the question stay in view under it, however
	// small the window; the rest scrolls.
	v.editor = widgets.Border(nil, container.NewVBox(widget.NewSeparator(), send, v.message), nil, nil,
		container.NewVScroll(container.NewVBox(v.deadline, widgets.Border(nil, nil, nil, container.NewVBox(v.ruleB), v.ruleNote),
			form, v.body, v.words, v.citations, v.answer, container.NewHBox(v.answerB))))
	noneLabel := widget.NewLabel(lang.L("Choose a question on the left, or start a new one."))
	v.noDraft = container.NewCenter(noneLabel)

	simTitle := widget.NewLabel(lang.L("Has this been asked before?"))
	simTitle.TextStyle = fyne.TextStyle{Bold: true}
	v.simSummary = widget.NewLabel("")
	v.simSummary.Wrapping = fyne.TextWrapWord
	v.similar = container.NewVBox()
	right := widgets.Border(container.NewVBox(simTitle, v.simSummary), nil, nil, nil,
		container.NewVScroll(v.similar))

	middle := container.NewStack(v.editor, v.noDraft)
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
	v.askSites()
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
	meetings []meetingRef // those the library knows of
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
		if r, own, err := store.OwnRule(c); err == nil && own {
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

// meetingChoices lists the meetings the library knows of: those the
// councils' sites listed at the last sync and those the papers are for,
// coming ones first (soonest first), then past ones (newest first).
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
	sortMeetings(out, today)
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
	v.known, v.versions = data.meetings, data.versions
	v.meetings = mergeMeetings(v.known, v.online, v.today())
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
	if v.draft != nil {
		v.followNextMeeting()
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

// --- deadlines ---------------------------------------------------------------------

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
