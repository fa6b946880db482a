package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/ui/widgets"
)

// AgendaPanel lists a paper's agenda items with their printed pages, and
// the questions on notice under the item they belong to. Choosing an item
// goes to its first page; the item being read is highlighted.
type AgendaPanel struct {
	rows    []*agendaRow
	current int // index in rows of the highlighted item, or -1

	meeting *widget.Label // date, time and place
	box     *fyne.Container
	scroll  *container.Scroll
	empty   *widget.Label
	root    fyne.CanvasObject

	onJump func(page int)
}

func newAgendaPanel(onJump func(page int)) *AgendaPanel {
	a := &AgendaPanel{current: -1, onJump: onJump}
	title := widget.NewLabel(lang.L("Agenda"))
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.SizeName = theme.SizeNameSubHeadingText
	a.meeting = widget.NewLabel("")
	a.meeting.Wrapping = fyne.TextWrapWord
	a.empty = widget.NewLabel(lang.L("No agenda items were found in this paper."))
	a.empty.Wrapping = fyne.TextWrapWord
	a.box = container.NewVBox()
	a.scroll = container.NewVScroll(container.NewVBox(a.meeting, a.box, a.empty))
	a.root = widgets.Border(title, nil, nil, nil, a.scroll)
	return a
}

// set shows the agenda of a paper.
func (a *AgendaPanel) set(ag docs.Agenda) {
	a.rows = a.rows[:0]
	a.current = -1
	when := []string{}
	if ag.Date != "" {
		when = append(when, meetingTitle(ag.Date))
	}
	a.meeting.SetText(strings.Join(nonEmpty(strings.Join(when, ""), ag.Time, ag.Venue), " · "))
	a.meeting.Hidden = a.meeting.Text == ""

	placed := map[int]bool{}
	for i := range ag.Items {
		it := ag.Items[i]
		a.rows = append(a.rows, newAgendaItemRow(it, a.onRowTapped))
		for qi, q := range ag.Questions {
			if !placed[qi] && q.Item != "" && sameItem(q.Item, it.Number) {
				placed[qi] = true
				a.rows = append(a.rows, newQuestionRow(q, max(q.Page, it.First), a.onRowTapped))
			}
		}
	}
	var loose []docs.Question
	for qi, q := range ag.Questions {
		if !placed[qi] {
			loose = append(loose, q)
		}
	}
	if len(loose) > 0 {
		head := newHeadingRow(lang.L("Questions on notice"))
		a.rows = append(a.rows, head)
		for _, q := range loose {
			a.rows = append(a.rows, newQuestionRow(q, q.Page, a.onRowTapped))
		}
	}
	objs := make([]fyne.CanvasObject, len(a.rows))
	for i, r := range a.rows {
		objs[i] = r.row
	}
	a.box.Objects = objs
	a.empty.Hidden = len(ag.Items) > 0 || len(ag.Questions) > 0
	a.box.Refresh()
	a.scroll.ScrollToTop()
}

// sameItem compares item numbers as printed ("4", "4.", "4 a").
func sameItem(a, b string) bool {
	norm := func(s string) string {
		return strings.ReplaceAll(strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), "."), " ", "")
	}
	return norm(a) == norm(b)
}

func (a *AgendaPanel) onRowTapped(r *agendaRow) {
	if r.page > 0 && a.onJump != nil {
		a.onJump(r.page)
	}
}

// setPage highlights the item that page (a PDF page) belongs to.
func (a *AgendaPanel) setPage(page int) {
	cur := -1
	best := 0
	for i, r := range a.rows {
		if r.item == nil || r.item.First <= 0 || r.item.First > page {
			continue
		}
		if r.item.Last > 0 && page > r.item.Last {
			continue
		}
		if r.item.First >= best { // the innermost item when ranges nest
			cur, best = i, r.item.First
		}
	}
	if cur == a.current {
		return
	}
	if a.current >= 0 && a.current < len(a.rows) {
		a.rows[a.current].row.SetSelected(false)
	}
	a.current = cur
	if cur < 0 {
		return
	}
	r := a.rows[cur].row
	r.SetSelected(true)
	// Keep the highlighted item in sight.
	y := r.Position().Y + a.box.Position().Y
	top, h := a.scroll.Offset.Y, a.scroll.Size().Height
	if y < top || y+r.Size().Height > top+h {
		a.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y-h/3)))
	}
}

// currentItem is the highlighted item, or nil.
func (a *AgendaPanel) currentItem() *docs.AgendaItem {
	if a.current < 0 {
		return nil
	}
	return a.rows[a.current].item
}

// itemPages lists the first pages of the items, in order, for stepping.
func (a *AgendaPanel) itemPages() []int {
	var out []int
	for _, r := range a.rows {
		if r.item != nil && r.item.First > 0 {
			out = append(out, r.item.First)
		}
	}
	return out
}

// agendaRow is an agenda item, a question under it, or a heading; row is
// what goes in the panel.
type agendaRow struct {
	row      *widgets.FocusRow
	item     *docs.AgendaItem // nil for a question or heading
	question *docs.Question
	page     int // where choosing it goes; 0 nowhere

	title  *widget.Label
	detail *widget.Label
}

func newAgendaItemRow(it docs.AgendaItem, onTapped func(*agendaRow)) *agendaRow {
	r := &agendaRow{item: &it, page: it.First}
	num := strings.TrimSuffix(it.Number, ".")
	text := it.Title
	if num != "" {
		text = num + ".  " + text
	}
	r.build(text, itemPagesText(it), onTapped)
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	if r.page == 0 {
		// Nothing to go to: set apart by style, in colours as readable as
		// the rest (Fyne's low importance is the disabled grey, 1.3:1).
		r.title.TextStyle = fyne.TextStyle{Italic: true}
		r.detail.TextStyle = fyne.TextStyle{Italic: true}
	}
	return r
}

func newQuestionRow(q docs.Question, page int, onTapped func(*agendaRow)) *agendaRow {
	r := &agendaRow{question: &q, page: page}
	who := lang.L("Question")
	if q.Asker != "" {
		who = lang.L("Question from {{.Asker}}", tv{"Asker": q.Asker})
	}
	r.build("      "+who, "      "+ellipsis(q.Text, 140), onTapped)
	r.title.TextStyle = fyne.TextStyle{Italic: true}
	return r
}

func newHeadingRow(text string) *agendaRow {
	r := &agendaRow{}
	r.build(text, "", nil)
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	return r
}

// build makes the row's title over its pages line; a row with a page goes
// there when chosen (a heading, or an item without papers, is only shown).
func (r *agendaRow) build(title, detail string, onTapped func(*agendaRow)) {
	var text *fyne.Container
	r.title, r.detail, text = rowLabels(title, detail)
	var choose func()
	if r.page > 0 && onTapped != nil {
		choose = func() { onTapped(r) }
	}
	r.row = widgets.NewFocusRow(text, choose)
}

// itemPagesText is an item's pages as the agenda prints them.
func itemPagesText(it docs.AgendaItem) string {
	switch {
	case it.PrintedFirst > 0 && it.PrintedLast > it.PrintedFirst:
		return lang.L("Pages {{.First}} – {{.Last}}", tv{"First": it.PrintedFirst, "Last": it.PrintedLast})
	case it.PrintedFirst > 0:
		return lang.L("Page {{.Printed}}", tv{"Printed": it.PrintedFirst})
	case it.First > 0 && it.Last > it.First:
		return lang.L("PDF pages {{.First}} – {{.Last}}", tv{"First": it.First, "Last": it.Last})
	case it.First > 0:
		return lang.L("PDF page {{.Page}}", tv{"Page": it.First})
	}
	return lang.L("No papers for this item")
}

func ellipsis(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}
