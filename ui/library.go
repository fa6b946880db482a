package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
	"panelpapers/docs/library"
	"panelpapers/ui/filedialog"
	"panelpapers/ui/widgets"
)

// newFor is how long a paper that was never opened counts as new.
const newFor = 7 * 24 * time.Hour

// watchEvery is how often the papers list looks for papers that arrived
// by another way (the command line, a sync): a stat of the store.
const watchEvery = 2 * time.Second

// Changes tells whether the library was written, perhaps by another
// program: Stamp differs after every write. *library.Library implements it.
type Changes interface {
	Stamp() (string, error)
}

var _ Changes = (*library.Library)(nil)

// LibraryView lists the papers in the library, grouped by committee and
// meeting, newest meeting first, each paper with whether it is new, unread
// or how far it was read, and papers still on their way in with progress.
type LibraryView struct {
	u *UI

	papers    []*docs.Version
	positions map[string]position // by SHA-256: where each paper was left
	recent    map[string]position // positions the reader noted this session, newer than the store may be
	progress  map[string]Progress // papers on their way in, by Key
	rows      []libRow
	headingH  float32 // height of a committee's row
	paperH    float32 // height of the other rows

	meetings map[meetingKey]meetingRecord // what councils' sites said about meetings

	stamp     string        // the library's Stamp when last read
	stopWatch chan struct{} // ends watch

	list   *widgets.List // Enter opens a paper; the row with the keyboard has a ring
	menu   *fyne.Menu    // a paper's menu (a right click on its row), the last shown
	popup  *widget.PopUpMenu
	count  *widget.Label
	addB   *widget.Button
	linkB  *widget.Button  // "Add from link…"
	empty  *fyne.Container // the first run's welcome, while there are no papers
	status *widget.Label   // a failure to read the library
	root   *fyne.Container
}

// rowKind is what a row of the papers list shows.
type rowKind int

const (
	rowCommittee rowKind = iota
	rowMeeting
	rowPaper
	rowProgress
	rowNotice     // what a council's site says of a meeting: a restricted item
	rowToDownload // a meeting's papers that a sync has still to download
)

// libRow is one row of the papers list.
type libRow struct {
	kind     rowKind
	text     string // heading, meeting or paper title
	detail   string // the line under it
	badge    string // "New", "Unread", "Read to page 23"
	badgeImp widget.Importance
	bold     bool // the badge says what needs reading

	version  *docs.Version // rowPaper
	progress *Progress     // rowProgress
}

func newLibraryView(u *UI) *LibraryView {
	v := &LibraryView{u: u, positions: map[string]position{}, recent: map[string]position{}, progress: map[string]Progress{}}
	v.list = widgets.NewList(
		func() int { return len(v.rows) },
		func() fyne.CanvasObject { return newLibRowView() },
		func(i widget.ListItemID, o fyne.CanvasObject, focused bool) {
			r := o.(*libRowView)
			r.set(v.rows[i])
			r.setFocused(focused)
			r.onTap = func() { v.list.Tap(u.win.Canvas(), i) }
			r.onMenu = func(at fyne.Position) { v.onRowMenu(i, at) }
		},
	)
	v.list.OnChosen = v.onSelected
	v.count = widget.NewLabel("")
	v.addB = widget.NewButtonWithIcon(lang.L("Add papers…"), theme.ContentAddIcon(), v.onAdd)
	if u.deps.Papers == nil {
		v.addB.Hide()
	}
	v.linkB = widget.NewButtonWithIcon(lang.L("Add from link…"), theme.DownloadIcon(), func() { u.Downloads.onAddFromLink() })
	if u.deps.Downloader == nil {
		v.linkB.Hide()
	}
	v.status = widget.NewLabel("")
	v.status.Importance = widget.DangerImportance
	v.status.Wrapping = fyne.TextWrapWord
	v.status.Hide()

	v.empty = container.NewStack(u.FirstRun.root)
	v.empty.Hide()

	top := widgets.Border(nil, nil, v.count, container.NewHBox(v.linkB, v.addB))
	v.root = widgets.Border(container.NewVBox(top, v.status), nil, nil, nil, container.NewStack(v.list, v.empty))
	return v
}

// reload reads the papers and their reading positions off the UI thread,
// then shows them.
func (v *LibraryView) reload() {
	lib, ml := v.u.deps.Library, v.u.deps.Meetings
	v.u.async.run(func() func() {
		stamp := stampOf(lib) // before reading: a write meanwhile is seen next time
		papers, err := lib.Versions(false)
		meetings := readMeetings(ml)
		positions := map[string]position{}
		if err == nil {
			for _, p := range papers {
				raw, perr := lib.Setting(positionKey(p.SHA256))
				if perr == nil {
					if pos, ok := parsePosition(raw); ok {
						positions[p.SHA256] = pos
					}
				}
			}
		}
		return func() {
			if err != nil {
				v.status.SetText(lang.L("The list of papers could not be read.") + " " + v.u.explain(err))
				v.status.Show()
				return
			}
			v.status.Hide()
			v.stamp = stamp
			// A position being saved may not have reached the store yet.
			for sha, p := range v.recent {
				positions[sha] = p
			}
			v.papers, v.positions, v.meetings = papers, positions, meetings
			v.u.Search.setCommittees(committeesOf(papers))
			v.rebuild()
		}
	})
}

// stampOf is the library's stamp, or "" when it cannot say.
func stampOf(lib Library) string {
	ch, ok := lib.(Changes)
	if !ok {
		return ""
	}
	s, err := ch.Stamp()
	if err != nil {
		return ""
	}
	return s
}

// checkChanged reads the list again if the library was written since it
// was last read, while the list is on show (going back to it reads it
// anyway): papers added by the command line or a sync appear by
// themselves, in their place.
func (v *LibraryView) checkChanged() {
	if v.u.view != v.root {
		return
	}
	lib, seen := v.u.deps.Library, v.stamp
	v.u.async.run(func() func() {
		s := stampOf(lib)
		if s == "" || s == seen {
			return nil
		}
		return func() {
			if v.stamp == seen {
				v.reload()
			}
		}
	})
}

// watch checks for changes every so often, until unwatch.
func (v *LibraryView) watch(every time.Duration) {
	if _, ok := v.u.deps.Library.(Changes); !ok {
		return
	}
	v.stopWatch = make(chan struct{})
	stop := v.stopWatch
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				v.u.async.post(v.checkChanged)
			case <-stop:
				return
			}
		}
	}()
}

// unwatch stops watch.
func (v *LibraryView) unwatch() {
	if v.stopWatch != nil {
		close(v.stopWatch)
		v.stopWatch = nil
	}
}

// rebuild regroups the rows from what the view knows.
func (v *LibraryView) rebuild() {
	v.rows = groupPapers(v.papers, v.progress, v.positions, v.meetings, v.u.now())
	v.count.SetText(pluralPapers(len(v.papers)))
	v.count.Hidden = len(v.papers) == 0 // the welcome says it better
	// The list keeps heights by row number, so every row's is set afresh.
	heading, paper := v.rowHeights()
	for i, r := range v.rows {
		if r.kind == rowCommittee {
			v.list.SetItemHeight(i, heading)
		} else {
			v.list.SetItemHeight(i, paper)
		}
	}
	if len(v.rows) == 0 {
		v.empty.Show()
		v.list.Hide()
		v.u.FirstRun.refresh()
	} else {
		v.empty.Hide()
		v.list.Show()
	}
	v.list.Refresh()
}

// rowHeights are the heights of a committee's row (one line of heading)
// and of the other rows (a title and a line under it).
func (v *LibraryView) rowHeights() (heading, paper float32) {
	if v.headingH == 0 {
		r := newLibRowView()
		r.set(libRow{kind: rowCommittee, text: "Committee"})
		v.headingH = r.MinSize().Height + theme.Padding()
		r.set(libRow{kind: rowPaper, text: "Paper", detail: "Details", badge: "New"})
		v.paperH = r.MinSize().Height
	}
	return v.headingH, v.paperH
}

// noteRead records where the member left a paper, for its badge.
func (v *LibraryView) noteRead(sha string, p position) {
	v.recent[sha] = p
	v.positions[sha] = p
}

// onSelected opens the paper chosen in the list.
func (v *LibraryView) onSelected(id widget.ListItemID) {
	v.list.Unselect(id)
	if id < 0 || id >= len(v.rows) {
		return
	}
	r := v.rows[id]
	if r.kind == rowPaper {
		v.u.openPaper(r.version, nil)
	}
}

// onRowMenu shows what can be done with the paper of row id, at a right
// click: open it, or correct its details.
func (v *LibraryView) onRowMenu(id widget.ListItemID, at fyne.Position) {
	if id < 0 || id >= len(v.rows) || v.rows[id].kind != rowPaper {
		return
	}
	p := v.rows[id].version
	chosen := func(f func()) func() {
		return func() {
			if v.popup != nil {
				v.popup.Hide()
			}
			f()
		}
	}
	items := []*fyne.MenuItem{fyne.NewMenuItem(lang.L("Open"), chosen(func() { v.u.openPaper(p, nil) }))}
	if v.u.deps.Corrector != nil {
		items = append(items, fyne.NewMenuItem(lang.L("Edit details…"), chosen(func() { v.u.editDetails(p) })))
	}
	v.menu = fyne.NewMenu("", items...)
	v.popup = widget.NewPopUpMenu(v.menu, v.u.win.Canvas())
	v.popup.ShowAtPosition(at)
}

// cursorPaper is the paper whose row has the keyboard in the list, or nil.
func (v *LibraryView) cursorPaper() *docs.Version {
	if i := v.list.Cursor(); i >= 0 && i < len(v.rows) && v.rows[i].kind == rowPaper {
		return v.rows[i].version
	}
	return nil
}

// onProgress shows, updates or removes a paper on its way in.
func (v *LibraryView) onProgress(p Progress) {
	if p.Finished {
		delete(v.progress, p.Key)
	} else {
		v.progress[p.Key] = p
	}
	v.rebuild()
}

// onAdd asks for PDFs to add, several at once.
func (v *LibraryView) onAdd() {
	if v.u.deps.Papers == nil {
		return
	}
	o := filedialog.Open{Title: lang.L("Add papers"), Multiple: true, Filters: pdfFilter(), Accept: lang.L("Add")}
	v.u.files.open(v.u.win, o, func(paths []string) {
		for _, p := range paths {
			v.add(p)
		}
	})
}

// add imports the PDF at path off the UI thread, showing its progress in
// the list, and asks for a password if the PDF needs one.
func (v *LibraryView) add(path string) { v.addWithPassword(path, "", nil) }

// addWithPassword imports the PDF at path with a password (or none); done,
// when set, is called on the UI thread once it is over, with the result
// (nil when the PDF could not be added).
func (v *LibraryView) addWithPassword(path, password string, done func(*library.ImportResult)) {
	papers := v.u.deps.Papers
	if papers == nil {
		return
	}
	name := filepath.Base(path)
	key := "add:" + path
	v.onProgress(Progress{Key: key, Title: name, Verb: VerbReading})
	v.u.async.run(func() func() {
		progress := func(done, total int) {
			v.u.async.post(func() {
				if _, ok := v.progress[key]; ok {
					v.onProgress(Progress{Key: key, Title: name, Verb: VerbReading, Done: int64(done), Total: int64(total)})
				}
			})
		}
		res, err := papers.Import(context.Background(), path, library.ImportOptions{Password: password, Progress: progress})
		return func() {
			v.onProgress(Progress{Key: key, Finished: true})
			defer func() {
				if done != nil {
					done(res)
				}
			}()
			switch {
			case res == nil && (errors.Is(err, docs.ErrEncrypted) || errors.Is(err, docs.ErrBadPassword)):
				next := done
				done = nil // the next try reports instead
				v.u.askPassword(name, errors.Is(err, docs.ErrBadPassword), func(pw string) { v.addWithPassword(path, pw, next) })
				return
			case res == nil:
				v.u.showError(lang.L("{{.Name}} could not be added", tv{"Name": name}), err)
				return
			case !res.Added:
				v.u.inform(v.u.win, lang.L("Already in the library"), lang.L("{{.Name}} is already in the library.", tv{"Name": name}))
			}
			v.reload()
		}
	})
}

// meetingKey groups papers of one meeting.
type meetingKey struct{ committee, date string }

// groupPapers lays out the papers list: committees (the one met most
// recently first), their meetings newest first, and each meeting's papers
// (reports pack, supplements, minutes, reports) with their state. From the
// councils' records, meetings of followed committees that are cancelled, or
// whose papers are still to download, are listed even without papers, and
// under each meeting the papers still to download and restricted items.
func groupPapers(papers []*docs.Version, progress map[string]Progress, positions map[string]position, records map[meetingKey]meetingRecord, now time.Time) []libRow {
	type meeting struct {
		key    meetingKey
		papers []*docs.Version
		coming []Progress
	}
	meetings := map[meetingKey]*meeting{}
	get := func(k meetingKey) *meeting {
		m := meetings[k]
		if m == nil {
			m = &meeting{key: k}
			meetings[k] = m
		}
		return m
	}
	for _, p := range papers {
		m := get(meetingKey{p.Committee, p.Date})
		m.papers = append(m.papers, p)
	}
	for _, p := range progress {
		m := get(meetingKey{p.Committee, p.Date})
		m.coming = append(m.coming, p)
	}
	for k, rec := range records {
		if rec.Cancelled() && rec.followed || rec.stillToDownload() {
			get(k)
		}
	}
	byCommittee := map[string][]*meeting{}
	for _, m := range meetings {
		byCommittee[m.key.committee] = append(byCommittee[m.key.committee], m)
	}
	committees := make([]string, 0, len(byCommittee))
	latest := map[string]string{}
	for c, ms := range byCommittee {
		committees = append(committees, c)
		sort.Slice(ms, func(i, j int) bool { return newerDate(ms[i].key.date, ms[j].key.date) })
		latest[c] = ms[0].key.date
	}
	sort.Slice(committees, func(i, j int) bool {
		a, b := committees[i], committees[j]
		if (a == "") != (b == "") {
			return b == "" // papers of no known committee last
		}
		if latest[a] != latest[b] {
			return newerDate(latest[a], latest[b])
		}
		return a < b
	})
	var rows []libRow
	for _, c := range committees {
		name := c
		if name == "" {
			name = lang.L("Other papers")
		}
		rows = append(rows, libRow{kind: rowCommittee, text: name})
		for _, m := range byCommittee[c] {
			rec := records[m.key]
			row := libRow{kind: rowMeeting, text: meetingTitle(m.key.date), detail: meetingDetail(m.papers)}
			if rec.Meeting != nil && rec.Cancelled() {
				cancelled := lang.L("Cancelled")
				row.detail, row.badge, row.badgeImp = strings.Join(nonEmpty(cancelled, row.detail), " · "), cancelled, widget.DangerImportance
			}
			rows = append(rows, row)
			sort.SliceStable(m.papers, func(i, j int) bool {
				a, b := m.papers[i], m.papers[j]
				if a.Kind.Rank() != b.Kind.Rank() {
					return a.Kind.Rank() < b.Kind.Rank()
				}
				return a.Title < b.Title
			})
			for _, p := range m.papers {
				rows = append(rows, paperRow(p, positions, now))
			}
			sort.Slice(m.coming, func(i, j int) bool { return m.coming[i].Key < m.coming[j].Key })
			for i := range m.coming {
				p := m.coming[i]
				rows = append(rows, libRow{kind: rowProgress, text: paperTitle(&docs.Version{Title: p.Title, Kind: p.Kind}), detail: progressText(p), progress: &p})
			}
			rows = append(rows, meetingNotices(rec)...)
		}
	}
	return rows
}

// newerDate orders meeting dates newest first, undated last.
func newerDate(a, b string) bool {
	if (a == "") != (b == "") {
		return b == ""
	}
	return a > b
}

func paperRow(p *docs.Version, positions map[string]position, now time.Time) libRow {
	r := libRow{kind: rowPaper, text: paperTitle(p), version: p}
	var details []string
	if r.text != kindName(p.Kind) {
		details = append(details, kindName(p.Kind))
	}
	details = append(details, pagesText(p.Pages))
	if !p.Added.IsZero() {
		details = append(details, arrivedText(p))
	}
	r.detail = strings.Join(details, " · ")
	pos, read := positions[p.SHA256]
	switch {
	case read && pos.page >= p.Pages && p.Pages > 0:
		r.badge, r.badgeImp = lang.L("Read"), widget.MediumImportance
	case read:
		r.badge, r.badgeImp = lang.L("Read to page {{.Page}}", tv{"Page": pos.page}), widget.MediumImportance
	case !p.Added.IsZero() && now.Sub(p.Added) < newFor:
		r.badge, r.badgeImp, r.bold = lang.L("New"), widget.HighImportance, true
	default:
		r.badge, r.badgeImp, r.bold = lang.L("Unread"), widget.MediumImportance, true
	}
	return r
}

// arrivedText says how and when a paper came: "downloaded 16 Oct 2023"
// from a council's site, "added 16 Oct 2023" from a file on the computer.
func arrivedText(p *docs.Version) string {
	src := strings.ToLower(p.SourceName)
	if strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "http://") {
		return lang.L("downloaded {{.Date}}", tv{"Date": shortDate(p.Added)})
	}
	return lang.L("added {{.Date}}", tv{"Date": shortDate(p.Added)})
}

// paperTitle is what a paper is called in the window: a standard paper by
// its name in the window's language, whatever language its title is in
// ("Pecyn adroddiadau" and "Public reports pack" are both "Reports pack",
// or both "Pecyn adroddiadau" in Welsh), an unusual title as printed, and
// its kind when the title says no more. A paper written in Welsh, kept
// apart from its English twin, says so.
func paperTitle(p *docs.Version) string {
	t := agenda.ReadTitle(p.Title)
	name := standardPaperName(t)
	if name == "" {
		name = t.Printed
		if name == "" || strings.EqualFold(name, string(p.Kind)) || strings.EqualFold(name, kindName(p.Kind)) || strings.EqualFold(name, kindNamesEnglish[p.Kind]) {
			name = kindName(p.Kind)
		}
	}
	if t.Welsh {
		return lang.L("{{.Title}} (in Welsh)", tv{"Title": name})
	}
	return name
}

// standardPaperName is a standard paper's name in the window's language, or
// "" for an unusual title.
func standardPaperName(t agenda.Title) string {
	switch t.Name {
	case agenda.NameReportsPack:
		return lang.L("Reports pack")
	case agenda.NameFrontsheet:
		return lang.L("Agenda frontsheet")
	case agenda.NameAgenda:
		return lang.X("paper.agenda", "Agenda")
	case agenda.NameSupplement:
		switch len(t.Items) {
		case 0:
			return lang.L("Supplement")
		case 1:
			return lang.L("Supplement: item {{.Number}}", tv{"Number": t.Items[0]})
		}
		return lang.L("Supplement: items {{.Numbers}}", tv{"Numbers": joinAnd(t.Items)})
	case agenda.NameMinutes:
		return lang.L("Minutes")
	case agenda.NameDecisions:
		return lang.L("Decisions")
	}
	return ""
}

func pagesText(n int) string {
	return plural("count.pages", "{{.Count}} pages", n, tv{"Count": n})
}

func progressText(p Progress) string {
	verb := verbText(p.Verb)
	switch {
	case p.Err != nil:
		return lang.L("{{.Verb}} failed: {{.Reason}}", tv{"Verb": verb, "Reason": explain(p.Err)})
	case p.Detail != "":
		return verb + "… " + p.Detail
	case p.Total > 0 && p.Verb == VerbReading:
		return lang.L("Reading page {{.Done}} of {{.Total}}…", tv{"Done": p.Done, "Total": p.Total})
	case p.Total > 0:
		return fmt.Sprintf("%s… %d%%", verb, p.Done*100/p.Total)
	}
	return verb + "…"
}

// meetingTitle is a meeting's date as a member reads it: "Friday 27
// October 2023", "Dydd Gwener 27 Hydref 2023".
func meetingTitle(date string) string {
	if date == "" {
		return lang.L("Date not stated")
	}
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return longDate(t)
}

// meetingDetail is the time and place of a meeting, from its papers.
func meetingDetail(papers []*docs.Version) string {
	for _, p := range papers {
		a := p.Agenda
		if a.Time == "" && a.Venue == "" {
			continue
		}
		return strings.Join(nonEmpty(a.Time, a.Venue), " · ")
	}
	return ""
}

// kindNamesEnglish are the kinds' names in English, which papers recorded
// by the command line may carry as their titles.
var kindNamesEnglish = map[docs.Kind]string{docs.KindAgenda: "Reports pack", docs.KindSupplement: "Supplement",
	docs.KindMinutes: "Minutes", docs.KindReport: "Report", docs.KindOther: "Paper",
	docs.KindQuestions: "Questions and answers", docs.KindDecisions: "Decisions"}

// kindName is how a member calls a kind of paper.
func kindName(k docs.Kind) string {
	switch k {
	case docs.KindAgenda:
		return lang.L("Reports pack")
	case docs.KindSupplement:
		return lang.L("Supplement")
	case docs.KindMinutes:
		return lang.L("Minutes")
	case docs.KindReport:
		return lang.L("Report")
	case docs.KindQuestions:
		return lang.L("Questions and answers")
	case docs.KindDecisions:
		return lang.L("Decisions")
	}
	return lang.L("Paper")
}

func committeesOf(papers []*docs.Version) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range papers {
		if p.Committee != "" && !seen[p.Committee] {
			seen[p.Committee] = true
			out = append(out, p.Committee)
		}
	}
	sort.Strings(out)
	return out
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// libRowView draws any kind of row of the papers list; the list reuses
// these as it scrolls.
type libRowView struct {
	widget.BaseWidget
	heading  *widget.Label
	icon     *widget.Icon
	title    *widget.Label
	detail   *widget.Label
	badge    *widget.Label
	progress *widget.ProgressBar
	indent   *canvas.Rectangle // sets a meeting's papers in under it
	paper    *fyne.Container
	ring     *canvas.Rectangle // round the row that has the keyboard

	// onTap and onMenu are a click and a right click on the row: the row
	// takes clicks itself, for a right click to open a paper's menu.
	onTap  func()
	onMenu func(at fyne.Position)
}

func newLibRowView() *libRowView {
	r := &libRowView{
		heading:  widget.NewLabel(""),
		icon:     widget.NewIcon(theme.DocumentIcon()),
		title:    widget.NewLabel(""),
		detail:   widget.NewLabel(""),
		badge:    widget.NewLabel(""),
		progress: widget.NewProgressBar(),
	}
	r.heading.TextStyle = fyne.TextStyle{Bold: true}
	r.heading.SizeName = theme.SizeNameSubHeadingText
	r.heading.Truncation = fyne.TextTruncateEllipsis
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	right := container.NewStack(r.badge, container.NewCenter(container.NewGridWrap(fyne.NewSize(140, r.progress.MinSize().Height), r.progress)))
	text := container.New(widgets.NewTightVBox(), r.title, r.detail)
	r.indent = canvas.NewRectangle(color.Transparent)
	r.indent.SetMinSize(fyne.NewSize(5*theme.Padding(), 1))
	r.paper = widgets.Border(nil, nil, container.NewHBox(r.indent, r.icon), right, text)
	r.ring = canvas.NewRectangle(color.Transparent)
	r.ring.CornerRadius = theme.SelectionRadiusSize()
	r.ring.Hide()
	r.ExtendBaseWidget(r)
	return r
}

func (r *libRowView) set(row libRow) {
	r.heading.Hide()
	r.paper.Hide()
	r.progress.Hide()
	r.badge.Hide()
	r.indent.Show()
	r.icon.SetResource(theme.DocumentIcon())
	switch row.kind {
	case rowCommittee:
		r.heading.SetText(row.text)
		r.heading.Show()
		return
	case rowMeeting:
		r.indent.Hide()
		r.icon.SetResource(theme.CalendarIcon())
		if row.badge != "" {
			r.badge.Text, r.badge.Importance, r.badge.TextStyle = row.badge, row.badgeImp, fyne.TextStyle{}
			r.badge.Show()
			r.badge.Refresh()
		}
	case rowNotice:
		r.icon.SetResource(theme.VisibilityOffIcon())
	case rowToDownload:
		r.icon.SetResource(theme.WarningIcon())
	case rowProgress:
		r.icon.SetResource(theme.DownloadIcon())
		if p := row.progress; p.Total > 0 && p.Err == nil {
			r.progress.SetValue(float64(p.Done) / float64(p.Total))
			r.progress.Show()
		}
	case rowPaper:
		r.badge.Text = row.badge
		r.badge.Importance = row.badgeImp
		// Bold for what needs reading; how far a paper was read is plain.
		r.badge.TextStyle = fyne.TextStyle{Bold: row.bold}
		r.badge.Show()
		r.badge.Refresh()
	}
	r.title.SetText(row.text)
	r.detail.SetText(row.detail)
	r.paper.Show()
}

// setFocused rings the row when it has the keyboard (WCAG 2.4.7: the
// list's own mark, its hover tint, is too faint to see).
func (r *libRowView) setFocused(on bool) {
	widgets.FocusRing(r.ring, on)
	r.ring.Hidden = !on
	r.ring.Refresh()
}

// Tapped chooses the row, as a click on a row of Fyne's list does.
func (r *libRowView) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

// TappedSecondary opens the row's menu (a paper's).
func (r *libRowView) TappedSecondary(e *fyne.PointEvent) {
	if r.onMenu != nil {
		r.onMenu(e.AbsolutePosition)
	}
}

// CreateRenderer lays the row's parts over one another; set shows one.
func (r *libRowView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.ring, r.heading, r.paper))
}
