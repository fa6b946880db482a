package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
)

// newFor is how long a paper that was never opened counts as new.
const newFor = 7 * 24 * time.Hour

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

	list   *widget.List
	count  *widget.Label
	addB   *widget.Button
	linkB  *widget.Button // "Add from link…"
	empty  *fyne.Container
	status *widget.Label // a failure to read the library
	root   *fyne.Container
}

// rowKind is what a row of the papers list shows.
type rowKind int

const (
	rowCommittee rowKind = iota
	rowMeeting
	rowPaper
	rowProgress
	rowNotice // what a council's site says of a meeting: a restricted item
)

// libRow is one row of the papers list.
type libRow struct {
	kind     rowKind
	text     string // heading, meeting or paper title
	detail   string // the line under it
	badge    string // "New", "Unread", "Read to page 23"
	badgeImp widget.Importance
	version  *docs.Version // rowPaper
	progress *Progress     // rowProgress
}

func newLibraryView(u *UI) *LibraryView {
	v := &LibraryView{u: u, positions: map[string]position{}, recent: map[string]position{}, progress: map[string]Progress{}}
	v.list = widget.NewList(
		func() int { return len(v.rows) },
		func() fyne.CanvasObject { return newLibRowView() },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*libRowView).set(v.rows[i]) },
	)
	v.list.OnSelected = v.onSelected
	v.count = widget.NewLabel("")
	v.addB = widget.NewButtonWithIcon("Add papers…", theme.ContentAddIcon(), v.onAdd)
	if u.deps.Papers == nil {
		v.addB.Hide()
	}
	v.linkB = widget.NewButtonWithIcon("Add from link…", theme.DownloadIcon(), func() { u.Downloads.onAddFromLink() })
	if u.deps.Downloader == nil {
		v.linkB.Hide()
	}
	v.status = widget.NewLabel("")
	v.status.Importance = widget.DangerImportance
	v.status.Wrapping = fyne.TextWrapWord
	v.status.Hide()

	hint := "Choose Add papers… or drop PDF files on this window."
	if u.deps.Papers == nil {
		hint = "Add an agenda pack from the command line: panelpapers add FILE.pdf"
	}
	title := widget.NewLabel("No papers yet")
	title.SizeName = theme.SizeNameSubHeadingText
	title.Alignment = fyne.TextAlignCenter
	hintLabel := widget.NewLabel(hint)
	hintLabel.Alignment = fyne.TextAlignCenter
	v.empty = container.NewCenter(container.NewVBox(title, hintLabel))
	v.empty.Hide()

	top := container.NewBorder(nil, nil, v.count, container.NewHBox(v.linkB, v.addB))
	v.root = container.NewBorder(container.NewVBox(top, v.status), nil, nil, nil, container.NewStack(v.list, v.empty))
	return v
}

// reload reads the papers and their reading positions off the UI thread,
// then shows them.
func (v *LibraryView) reload() {
	lib := v.u.deps.Library
	v.u.async.run(func() func() {
		papers, err := lib.Versions(false)
		meetings := readMeetings(lib)
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
				v.status.SetText("The list of papers could not be read. " + v.u.explain(err))
				v.status.Show()
				return
			}
			v.status.Hide()
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

// rebuild regroups the rows from what the view knows.
func (v *LibraryView) rebuild() {
	v.rows = groupPapers(v.papers, v.progress, v.positions, v.meetings, v.u.now())
	switch n := len(v.papers); n {
	case 1:
		v.count.SetText("1 paper")
	default:
		v.count.SetText(fmt.Sprintf("%d papers", n))
	}
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

// onProgress shows, updates or removes a paper on its way in.
func (v *LibraryView) onProgress(p Progress) {
	if p.Finished {
		delete(v.progress, p.Key)
	} else {
		v.progress[p.Key] = p
	}
	v.rebuild()
}

// onAdd asks for a PDF to add.
func (v *LibraryView) onAdd() {
	if v.u.deps.Papers == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.u.showError("The file could not be opened", err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		v.add(path)
	}, v.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf", ".PDF"}))
	d.Show()
}

// add imports the PDF at path off the UI thread, showing its progress in
// the list, and asks for a password if the PDF needs one.
func (v *LibraryView) add(path string) { v.addWithPassword(path, "") }

func (v *LibraryView) addWithPassword(path, password string) {
	papers := v.u.deps.Papers
	if papers == nil {
		return
	}
	name := filepath.Base(path)
	key := "add:" + path
	v.onProgress(Progress{Key: key, Title: name, Verb: "Reading"})
	v.u.async.run(func() func() {
		progress := func(done, total int) {
			v.u.async.post(func() {
				if _, ok := v.progress[key]; ok {
					v.onProgress(Progress{Key: key, Title: name, Verb: "Reading", Done: int64(done), Total: int64(total)})
				}
			})
		}
		res, err := papers.Import(context.Background(), path, docs.ImportOptions{Password: password, Progress: progress})
		return func() {
			v.onProgress(Progress{Key: key, Finished: true})
			switch {
			case res == nil && (errors.Is(err, docs.ErrEncrypted) || errors.Is(err, docs.ErrBadPassword)):
				v.u.askPassword(name, errors.Is(err, docs.ErrBadPassword), func(pw string) { v.addWithPassword(path, pw) })
				return
			case res == nil:
				v.u.showError(name+" could not be added", err)
				return
			case !res.Added:
				dialog.ShowInformation("Already in the library", name+" is already in the library.", v.u.win)
			}
			v.reload()
		}
	})
}

// position is where a member left a paper: a PDF page and how it was
// zoomed.
type position struct {
	page int
	zoom float32 // when fit is fitNone
	fit  fitMode
}

// positionKey is the setting that keeps a paper's reading position.
func positionKey(sha256 string) string { return "position/" + sha256 }

// String is the setting's value: "page zoom", the zoom a factor ("1.25")
// or "width" or "page" for the fitted zooms.
func (p position) String() string {
	switch p.fit {
	case fitWidth:
		return strconv.Itoa(p.page) + " width"
	case fitPage:
		return strconv.Itoa(p.page) + " page"
	}
	return strconv.Itoa(p.page) + " " + strconv.FormatFloat(float64(p.zoom), 'f', 2, 32)
}

// parsePosition reads a setting written by position.String.
func parsePosition(s string) (position, bool) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return position{}, false
	}
	page, err := strconv.Atoi(f[0])
	if err != nil || page < 1 {
		return position{}, false
	}
	p := position{page: page, fit: fitWidth}
	if len(f) > 1 {
		switch f[1] {
		case "width":
		case "page":
			p.fit = fitPage
		default:
			z, err := strconv.ParseFloat(f[1], 32)
			if err == nil && z >= minZoom && z <= maxZoom {
				p.fit, p.zoom = fitNone, float32(z)
			}
		}
	}
	return p, true
}

// meetingKey groups papers of one meeting.
type meetingKey struct{ committee, date string }

// groupPapers lays out the papers list: committees (the one met most
// recently first), their meetings newest first, and each meeting's papers
// (reports pack, supplements, minutes, reports) with their state. From the
// councils' records, cancelled meetings of followed committees are listed
// too, and restricted items under their meeting.
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
		if rec.Cancelled() && rec.followed {
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
			name = "Other papers"
		}
		rows = append(rows, libRow{kind: rowCommittee, text: name})
		for _, m := range byCommittee[c] {
			rec := records[m.key]
			row := libRow{kind: rowMeeting, text: meetingTitle(m.key.date), detail: meetingDetail(m.papers)}
			if rec.Meeting != nil && rec.Cancelled() {
				row.detail, row.badge, row.badgeImp = strings.Join(nonEmpty("Cancelled", row.detail), " · "), "Cancelled", widget.DangerImportance
			}
			rows = append(rows, row)
			sort.SliceStable(m.papers, func(i, j int) bool {
				a, b := m.papers[i], m.papers[j]
				if kindRank(a.Kind) != kindRank(b.Kind) {
					return kindRank(a.Kind) < kindRank(b.Kind)
				}
				return a.Title < b.Title
			})
			for _, p := range m.papers {
				rows = append(rows, paperRow(p, positions, now))
			}
			sort.Slice(m.coming, func(i, j int) bool { return m.coming[i].Key < m.coming[j].Key })
			for i := range m.coming {
				p := m.coming[i]
				rows = append(rows, libRow{kind: rowProgress, text: orDefault(p.Title, kindName(p.Kind)), detail: progressText(p), progress: &p})
			}
			rows = append(rows, meetingNotices(rec.Meeting)...)
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
		details = append(details, "downloaded "+shortDate(p.Added))
	}
	r.detail = strings.Join(details, " · ")
	pos, read := positions[p.SHA256]
	switch {
	case read && pos.page >= p.Pages && p.Pages > 0:
		r.badge, r.badgeImp = "Read", widget.MediumImportance
	case read:
		r.badge, r.badgeImp = fmt.Sprintf("Read to page %d", pos.page), widget.MediumImportance
	case !p.Added.IsZero() && now.Sub(p.Added) < newFor:
		r.badge, r.badgeImp = "New", widget.HighImportance
	default:
		r.badge, r.badgeImp = "Unread", widget.MediumImportance
	}
	return r
}

// paperTitle is what a paper is called in lists: its own title unless that
// only repeats its kind.
func paperTitle(p *docs.Version) string {
	t := strings.TrimSpace(p.Title)
	if t == "" || strings.EqualFold(t, string(p.Kind)) || strings.EqualFold(t, kindName(p.Kind)) {
		return kindName(p.Kind)
	}
	return t
}

func pagesText(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}

func progressText(p Progress) string {
	switch {
	case p.Err != nil:
		return p.Verb + " failed: " + explain(p.Err)
	case p.Detail != "":
		return p.Verb + "… " + p.Detail
	case p.Total > 0 && p.Verb == "Reading":
		return fmt.Sprintf("Reading page %d of %d…", p.Done, p.Total)
	case p.Total > 0:
		return fmt.Sprintf("%s… %d%%", p.Verb, p.Done*100/p.Total)
	}
	return p.Verb + "…"
}

// meetingTitle is a meeting's date as a member reads it.
func meetingTitle(date string) string {
	if date == "" {
		return "Date not stated"
	}
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return date
	}
	return t.Format("Monday 2 January 2006")
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

func shortDate(t time.Time) string { return t.Local().Format("2 Jan 2006") }

// kindRank orders a meeting's papers as the council publishes them.
func kindRank(k docs.Kind) int {
	switch k {
	case docs.KindAgenda:
		return 0
	case docs.KindSupplement:
		return 1
	case docs.KindMinutes:
		return 2
	case docs.KindReport:
		return 3
	}
	return 4
}

// kindName is how a member calls a kind of paper.
func kindName(k docs.Kind) string {
	switch k {
	case docs.KindAgenda:
		return "Reports pack"
	case docs.KindSupplement:
		return "Supplement"
	case docs.KindMinutes:
		return "Minutes"
	case docs.KindReport:
		return "Report"
	}
	return "Paper"
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
	text := container.New(newTightVBox(), r.title, r.detail)
	r.indent = canvas.NewRectangle(color.Transparent)
	r.indent.SetMinSize(fyne.NewSize(5*theme.Padding(), 1))
	r.paper = container.NewBorder(nil, nil, container.NewHBox(r.indent, r.icon), right, text)
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
		r.badge.TextStyle = fyne.TextStyle{Bold: row.badge == "New" || row.badge == "Unread"}
		r.badge.Show()
		r.badge.Refresh()
	}
	r.title.SetText(row.text)
	r.detail.SetText(row.detail)
	r.paper.Show()
}

// CreateRenderer lays the row's parts over one another; set shows one.
func (r *libRowView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.heading, r.paper))
}

// newTightVBox stacks a title and the line under it closer than a VBox
// would, as one item.
func newTightVBox() fyne.Layout { return layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()) }
