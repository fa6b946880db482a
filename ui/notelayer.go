package ui

import (
	"errors"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/notes"
	"panelpapers/ui/widgets"
)

// Colours of notes on the page (which is white whatever the theme), and of
// words being selected.
var (
	noteColours = map[docs.Colour]color.NRGBA{
		docs.Yellow: {R: 255, G: 214, B: 0, A: 115},
		docs.Green:  {R: 60, G: 200, B: 90, A: 100},
		docs.Blue:   {R: 60, G: 150, B: 255, A: 100},
		docs.Pink:   {R: 255, G: 90, B: 180, A: 100},
	}
	selectColour = color.NRGBA{R: 40, G: 110, B: 255, A: 70}
	pinOutline   = color.NRGBA{R: 60, G: 60, B: 60, A: 255}
)

func noteColour(c docs.Colour) color.NRGBA {
	if col, ok := noteColours[c]; ok {
		return col
	}
	return noteColours[docs.Yellow]
}

// colourName is a colour as the member reads it: "Yellow", "Melyn".
func colourName(c docs.Colour) string {
	switch c {
	case docs.Yellow:
		return lang.L("Yellow")
	case docs.Green:
		return lang.L("Green")
	case docs.Blue:
		return lang.L("Blue")
	case docs.Pink:
		return lang.L("Pink")
	}
	return upperFirst(string(c))
}

// pinSize is the side of a pin's square on the page, in points.
const pinSize = 12

// charPagesKept bounds the pages whose character boxes the layer keeps.
const charPagesKept = 12

// noteLayer lies over the reader's pages: it draws the notes of the paper
// in their colours, and turns a drag across a page into a selection of its
// words (PDFium's character boxes decide which), a click on a note into its
// menu, and a right click into the page's menu. A wheel scroll falls
// through to the pages below, as the layer does not scroll.
type noteLayer struct {
	widget.BaseWidget
	r *ReaderView

	sha   string      // the paper whose notes are loaded
	notes []docs.Note // its notes placed on the version shown
	gen   int         // bumped per load, to drop stale answers
	found map[string][]docs.Rect
	chars map[int][]docs.CharBox // page → PDFium's characters, for the version shown
	asked map[int]bool           // pages whose characters are being read
	order []int                  // pages in chars, oldest first

	sel      *selection
	dragFrom fyne.Position
	popup    *widget.PopUpMenu
	menu     *fyne.Menu // the menu last shown, for tests

	rects []*canvas.Rectangle
	hits  []noteHit // what each drawn note covers, for clicks
	root  *fyne.Container
}

// noteHit is where a note is drawn, in the layer's coordinates.
type noteHit struct {
	id   string
	area []fyne.Position // pairs: top-left, bottom-right
}

// selection is words being selected on a page: character indexes into the
// page's characters, inclusive.
type selection struct {
	page       int
	from, to   fyne.Position // in page points, PDF's way up
	start, end int           // -1 until the characters are read
}

func newNoteLayer(r *ReaderView) *noteLayer {
	l := &noteLayer{r: r, found: map[string][]docs.Rect{}, chars: map[int][]docs.CharBox{}, asked: map[int]bool{}}
	l.ExtendBaseWidget(l)
	// Leave the scroll bars to the pages below.
	l.root = container.New(&widgets.InsetLayout{Right: theme.ScrollBarSize(), Bottom: theme.ScrollBarSize()}, l)
	return l
}

// store is where notes are kept, or nil.
func (l *noteLayer) store() NoteStore { return l.r.u.deps.Notes }

// refresh follows the reader: a new paper loads its notes, a move or zoom
// redraws them.
func (l *noteLayer) refresh() {
	r := l.r
	if r.doc == nil || r.version == nil {
		if l.sha != "" {
			l.sha, l.notes, l.sel = "", nil, nil
			l.found, l.chars, l.asked, l.order = map[string][]docs.Rect{}, map[int][]docs.CharBox{}, map[int]bool{}, nil
			l.gen++
		}
		l.redraw()
		return
	}
	if r.version.SHA256 != l.sha {
		l.sha, l.notes, l.sel = r.version.SHA256, nil, nil
		l.found, l.chars, l.asked, l.order = map[string][]docs.Rect{}, map[int][]docs.CharBox{}, map[int]bool{}, nil
		l.load()
	}
	l.redraw()
}

// load reads the paper's notes off the UI thread.
func (l *noteLayer) load() {
	store, v := l.store(), l.r.version
	if store == nil || v == nil {
		return
	}
	l.gen++
	gen, sha := l.gen, v.SHA256
	l.r.u.async.run(func() func() {
		entries, err := store.List(docs.NoteFilter{Document: v.Document})
		return func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				l.r.sayPageError(lang.L("Your notes on this paper could not be read:") + " " + l.r.u.explain(err))
				return
			}
			l.notes = l.notes[:0]
			for _, e := range entries {
				if e.Version == sha && e.Status == docs.NotePlaced {
					l.notes = append(l.notes, e.Note)
				}
			}
			l.found = map[string][]docs.Rect{}
			l.redraw()
		}
	})
}

// reload reads the notes again after a change, and the notes view too.
func (l *noteLayer) reload() {
	if l.sha != "" {
		l.load()
	}
	l.r.u.Notes.changed()
}

// pageOrigin is where page n's top-left corner is, in the layer's
// coordinates, and how many units a point takes.
func (l *noteLayer) pageOrigin(n int) (fyne.Position, float32) {
	pv := l.r.pagesView
	col := pv.col
	size := col.pageSize(n)
	x := max((pv.column.Size().Width-size.Width)/2, pageGap)
	off := pv.scroll.Offset
	return fyne.NewPos(x-off.X, col.top(n)-off.Y), col.zoom
}

// toPage turns a position on the layer into a page and a point on it in
// PDF points (origin bottom-left); page is 0 off the pages.
func (l *noteLayer) toPage(p fyne.Position) (page int, x, y float64) {
	pv := l.r.pagesView
	if len(pv.tiles) == 0 {
		return 0, 0, 0
	}
	n := pv.col.pageAt(p.Y + pv.scroll.Offset.Y)
	o, z := l.pageOrigin(n)
	size := pv.col.sizes[n-1]
	px, py := (p.X-o.X)/z, (p.Y-o.Y)/z
	if px < 0 || py < 0 || px > size.Width || py > size.Height {
		return 0, 0, 0
	}
	return n, float64(px), float64(size.Height - py)
}

// fromPage turns a box on page n (PDF points) into the layer's coordinates.
func (l *noteLayer) fromPage(n int, b docs.Rect) (fyne.Position, fyne.Size) {
	o, z := l.pageOrigin(n)
	h := l.r.pagesView.col.sizes[n-1].Height
	const grow = 1.5 // as the marks of a search: letters are not cut
	pos := fyne.NewPos(o.X+float32(b.Left-grow)*z, o.Y+(h-float32(b.Top+grow))*z)
	return pos, fyne.NewSize(float32(b.Right-b.Left+2*grow)*z, float32(b.Top-b.Bottom+2*grow)*z)
}

// redraw lays the rectangles of the notes and the selection on the pages
// in view.
func (l *noteLayer) redraw() {
	l.rects = l.rects[:0]
	l.hits = l.hits[:0]
	r := l.r
	if r.doc == nil || len(r.pagesView.tiles) == 0 {
		l.Refresh()
		return
	}
	first, last := r.pagesView.visible()
	bounds := l.Size()
	add := func(page int, b docs.Rect, c color.Color, hit *noteHit) *canvas.Rectangle {
		pos, size := l.fromPage(page, b)
		// Clip to the layer: nothing is drawn over the toolbar.
		x0, y0 := max(pos.X, 0), max(pos.Y, 0)
		x1, y1 := min(pos.X+size.Width, bounds.Width), min(pos.Y+size.Height, bounds.Height)
		if x1 <= x0 || y1 <= y0 {
			return nil
		}
		rc := canvas.NewRectangle(c)
		rc.Move(fyne.NewPos(x0, y0))
		rc.Resize(fyne.NewSize(x1-x0, y1-y0))
		l.rects = append(l.rects, rc)
		if hit != nil {
			hit.area = append(hit.area, fyne.NewPos(x0, y0), fyne.NewPos(x1, y1))
		}
		return rc
	}
	for _, n := range l.notes {
		if n.Page < first || n.Page > last || n.Page > r.numPages {
			continue
		}
		hit := noteHit{id: n.ID}
		switch {
		case n.Kind == docs.NotePin && n.Spot != nil:
			s := n.Spot
			if rc := add(n.Page, docs.Rect{Left: s.X, Right: s.X + pinSize, Top: s.Y, Bottom: s.Y - pinSize}, opaque(noteColour(n.Colour)), &hit); rc != nil {
				// A yellow square alone is 1.5:1 on the white page; its
				// outline makes the pin stand out (see TestContrast).
				rc.StrokeColor, rc.StrokeWidth = pinOutline, 1.5
			}
		case n.Kind == docs.NoteHighlight:
			for _, b := range l.boxesOf(n) {
				add(n.Page, b, noteColour(n.Colour), &hit)
			}
		}
		if len(hit.area) > 0 {
			l.hits = append(l.hits, hit)
		}
	}
	if s := l.sel; s != nil && s.start >= 0 && s.page >= first && s.page <= last {
		for _, b := range lineBoxes(l.chars[s.page][s.start : s.end+1]) {
			add(s.page, b, selectColour, nil)
		}
	}
	l.Refresh()
}

// opaque is a note's colour made solid, for a pin.
func opaque(c color.NRGBA) color.NRGBA {
	c.A = 230
	return c
}

// boxesOf is where a highlight is on its page: the boxes the window
// measured, or, for a note carried to a new version, its words found again
// among the page's characters (read when first needed).
func (l *noteLayer) boxesOf(n docs.Note) []docs.Rect {
	if len(n.Boxes) > 0 {
		return n.Boxes
	}
	if bs, ok := l.found[n.ID]; ok {
		return bs
	}
	chars, ok := l.chars[n.Page]
	if !ok {
		l.wantChars(n.Page)
		return nil
	}
	text, at := charsText(chars)
	var boxes []docs.Rect
	if start, end, ok := notes.LocateQuote(text, n.Quote, n.Before, n.After, -1); ok && end > start {
		boxes = lineBoxes(chars[at[start] : at[end-1]+1])
	}
	l.found[n.ID] = boxes
	return boxes
}

// wantChars reads a page's characters off the UI thread, then redraws.
func (l *noteLayer) wantChars(page int) {
	if l.asked[page] || l.r.doc == nil {
		return
	}
	l.asked[page] = true
	doc, gen := l.r.doc, l.gen
	l.r.u.async.run(func() func() {
		chars, err := doc.CharBoxes(page)
		return func() {
			if gen != l.gen || l.r.doc != doc {
				return
			}
			if err != nil {
				chars = nil // drawn without: the page has no text to select
			}
			l.keepChars(page, chars)
			if s := l.sel; s != nil && s.page == page {
				l.updateSelection()
			}
			l.redraw()
		}
	})
}

// keepChars remembers a page's characters, forgetting the oldest page's
// beyond charPagesKept.
func (l *noteLayer) keepChars(page int, chars []docs.CharBox) {
	if _, ok := l.chars[page]; !ok {
		l.order = append(l.order, page)
	}
	l.chars[page] = chars
	for len(l.order) > charPagesKept {
		old := l.order[0]
		l.order = l.order[1:]
		if s := l.sel; s != nil && s.page == old {
			l.order = append(l.order, old)
			continue
		}
		delete(l.chars, old)
		delete(l.asked, old)
	}
}

// --- selecting words -----------------------------------------------------------

// Dragged selects the words between where the drag began and the pointer,
// on the page it began on.
func (l *noteLayer) Dragged(e *fyne.DragEvent) {
	if l.r.doc == nil {
		return
	}
	if l.sel == nil {
		start := e.Position.Subtract(e.Dragged)
		page, x, y := l.toPage(start)
		if page == 0 {
			return
		}
		l.hidePopup()
		l.sel = &selection{page: page, from: fyne.NewPos(float32(x), float32(y)), start: -1, end: -1}
		l.sel.to = l.sel.from
	}
	l.dragFrom = e.AbsolutePosition
	_, x, y := l.toPageClamped(l.sel.page, e.Position)
	l.sel.to = fyne.NewPos(float32(x), float32(y))
	if _, ok := l.chars[l.sel.page]; !ok {
		l.wantChars(l.sel.page)
		return
	}
	l.updateSelection()
	l.redraw()
}

// toPageClamped is toPage for a given page, the point held to its edges: a
// drag that runs off the page selects to its end.
func (l *noteLayer) toPageClamped(page int, p fyne.Position) (int, float64, float64) {
	o, z := l.pageOrigin(page)
	size := l.r.pagesView.col.sizes[page-1]
	px := min(max((p.X-o.X)/z, 0), size.Width)
	py := min(max((p.Y-o.Y)/z, 0), size.Height)
	return page, float64(px), float64(size.Height - py)
}

// updateSelection finds the characters nearest the drag's two ends.
func (l *noteLayer) updateSelection() {
	s := l.sel
	chars := l.chars[s.page]
	a := charAt(chars, float64(s.from.X), float64(s.from.Y))
	b := charAt(chars, float64(s.to.X), float64(s.to.Y))
	if a < 0 || b < 0 {
		s.start, s.end = -1, -1
		return
	}
	s.start, s.end = wordAround(chars, min(a, b), max(a, b))
}

// DragEnd offers what can be done with the words selected.
func (l *noteLayer) DragEnd() {
	s := l.sel
	if s == nil {
		return
	}
	if s.start < 0 || strings.TrimSpace(l.selectedText()) == "" {
		l.sel = nil
		l.redraw()
		return
	}
	l.showMenu(l.selectionMenu(), l.dragFrom)
}

// selectedText is the words selected, spaced as on the page.
func (l *noteLayer) selectedText() string {
	s := l.sel
	if s == nil || s.start < 0 {
		return ""
	}
	text, _ := charsText(l.chars[s.page][s.start : s.end+1])
	return strings.Join(strings.Fields(text), " ")
}

// selectionMenu is what can be done with selected words.
func (l *noteLayer) selectionMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, c := range docs.Colours {
		c := c
		items = append(items, fyne.NewMenuItem(lang.L("Highlight in {{.Colour}}", tv{"Colour": strings.ToLower(colourName(c))}), func() { l.highlight(c, false) }))
	}
	items = append(items,
		fyne.NewMenuItem(lang.L("Highlight and add a comment…"), func() { l.highlight(docs.Colours[0], true) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Ask a question about this"), l.onAskAboutSelection),
		fyne.NewMenuItem(lang.L("Copy"), l.onCopySelection),
	)
	return fyne.NewMenu("", items...)
}

// highlightNote is the note the selection makes: its words, where they are
// in the page's stored text (a hint for the library), and their boxes.
func (l *noteLayer) highlightNote(c docs.Colour) docs.Note {
	s := l.sel
	chars := l.chars[s.page]
	quote := l.selectedText()
	whole, at := charsText(chars)
	before, after := "", ""
	for i, ci := range at {
		if ci == s.start {
			before = lastWords(whole[:byteOffset(whole, i)], notes.ContextWords)
		}
		if ci == s.end {
			after = firstWords(whole[byteOffset(whole, i+1):], notes.ContextWords)
		}
	}
	n := docs.Note{Kind: docs.NoteHighlight, Version: l.sha, Page: s.page, Quote: quote, Colour: c,
		Boxes: lineBoxes(chars[s.start : s.end+1])}
	if start, end, ok := notes.LocateQuote(l.r.pageText(s.page), quote, before, after, -1); ok {
		n.Start, n.End = start, end
	}
	return n
}

// highlight stores the selection as a note in colour c; with comment set,
// the note's editor opens on it.
func (l *noteLayer) highlight(c docs.Colour, comment bool) {
	l.hidePopup()
	if l.sel == nil || l.sel.start < 0 {
		return
	}
	n := l.highlightNote(c)
	l.sel = nil
	l.notes = append(l.notes, n) // shown at once; replaced by the stored note
	l.redraw()
	l.add(n, comment)
}

// add stores a new note off the UI thread; with edit set, its editor opens
// once it is stored.
func (l *noteLayer) add(n docs.Note, edit bool) {
	store := l.store()
	if store == nil {
		l.r.u.showError(lang.L("Notes cannot be kept"), errors.New(lang.L("the library is not open")))
		return
	}
	l.r.u.async.run(func() func() {
		saved, err := store.Add(n)
		return func() {
			if !noteSaved(err) {
				l.reload()
				l.r.u.showError(lang.L("The note could not be saved"), err)
				return
			}
			l.reload()
			if edit {
				l.edit(saved)
			}
		}
	})
}

func (l *noteLayer) onAskAboutSelection() {
	l.hidePopup()
	quote := l.selectedText()
	l.sel = nil
	l.redraw()
	l.r.u.Questions.citeFromReader(quote)
}

func (l *noteLayer) onCopySelection() {
	l.hidePopup()
	l.r.u.app.Clipboard().SetContent(l.selectedText())
	l.sel = nil
	l.redraw()
}

// --- clicks ------------------------------------------------------------------------

// Tapped opens the menu of the note under the pointer; elsewhere it clears
// the selection and gives the keyboard back to the pages.
func (l *noteLayer) Tapped(e *fyne.PointEvent) {
	l.hidePopup()
	if id := l.noteAt(e.Position); id != "" {
		l.showMenu(l.noteMenu(id), e.AbsolutePosition)
		return
	}
	if l.sel != nil {
		l.sel = nil
		l.redraw()
	}
	l.r.u.win.Canvas().Unfocus()
}

// TappedSecondary opens the page's menu: a note on this spot, on the
// agenda item, or a question citing the page; the paper's details.
func (l *noteLayer) TappedSecondary(e *fyne.PointEvent) {
	l.hidePopup()
	if id := l.noteAt(e.Position); id != "" {
		l.showMenu(l.noteMenu(id), e.AbsolutePosition)
		return
	}
	page, x, y := l.toPage(e.Position)
	if page == 0 {
		return
	}
	items := []*fyne.MenuItem{
		fyne.NewMenuItem(lang.L("Add a note here…"), func() { l.hidePopup(); l.addPin(page, x, y) }),
	}
	if it := l.itemOf(page); it != nil {
		items = append(items, fyne.NewMenuItem(lang.L("Note agenda item {{.Number}}…", tv{"Number": it.Number}), func() { l.hidePopup(); l.addItemNote(it.Number) }))
	}
	items = append(items,
		fyne.NewMenuItem(lang.L("Cite this page in a question"), func() { l.hidePopup(); l.r.u.Questions.citeFromReader("") }),
		fyne.NewMenuItem(lang.L("Notes for this meeting"), func() { l.hidePopup(); l.r.u.Notes.openForReader() }),
	)
	if u := l.r.u; u.deps.Corrector != nil && l.r.version != nil {
		v := l.r.version
		items = append(items, fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem(lang.L("Edit details…"), func() { l.hidePopup(); u.editDetails(v) }))
	}
	l.showMenu(fyne.NewMenu("", items...), e.AbsolutePosition)
}

// noteAt is the note drawn at p, the last drawn winning, or "".
func (l *noteLayer) noteAt(p fyne.Position) string {
	for i := len(l.hits) - 1; i >= 0; i-- {
		a := l.hits[i].area
		for j := 0; j+1 < len(a); j += 2 {
			if p.X >= a[j].X && p.X <= a[j+1].X && p.Y >= a[j].Y && p.Y <= a[j+1].Y {
				return l.hits[i].id
			}
		}
	}
	return ""
}

func (l *noteLayer) noteByID(id string) (docs.Note, bool) {
	for _, n := range l.notes {
		if n.ID == id {
			return n, true
		}
	}
	return docs.Note{}, false
}

// noteMenu is what can be done with a note: edit its comment, recolour,
// delete.
func (l *noteLayer) noteMenu(id string) *fyne.Menu {
	n, _ := l.noteByID(id)
	items := []*fyne.MenuItem{fyne.NewMenuItem(lang.L("Edit the note…"), func() { l.hidePopup(); l.edit(n) })}
	for _, c := range docs.Colours {
		c := c
		if c == n.Colour {
			continue
		}
		items = append(items, fyne.NewMenuItem(lang.L("Make it {{.Colour}}", tv{"Colour": strings.ToLower(colourName(c))}), func() {
			l.hidePopup()
			m := n
			m.Colour = c
			l.save(m)
		}))
	}
	items = append(items, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Delete the note"), func() { l.hidePopup(); l.r.u.Notes.deleteNote(n.ID) }))
	return fyne.NewMenu("", items...)
}

// itemOf is the agenda item page belongs to, or nil.
func (l *noteLayer) itemOf(page int) *docs.AgendaItem {
	v := l.r.version
	if v == nil {
		return nil
	}
	for _, p := range l.r.pages {
		if p.Number == page && p.Item != "" {
			for i := range v.Agenda.Items {
				if sameItem(v.Agenda.Items[i].Number, p.Item) {
					return &v.Agenda.Items[i]
				}
			}
		}
	}
	var best *docs.AgendaItem
	for i := range v.Agenda.Items {
		it := &v.Agenda.Items[i]
		if it.First > 0 && it.First <= page && (it.Last == 0 || page <= it.Last) && (best == nil || it.First >= best.First) {
			best = it
		}
	}
	return best
}

// addPin drops a note on a spot of a page and opens its editor.
func (l *noteLayer) addPin(page int, x, y float64) {
	l.add(docs.Note{Kind: docs.NotePin, Version: l.sha, Page: page, Spot: &docs.Point{X: x, Y: y}, Colour: docs.Colours[0]}, true)
}

// addItemNote notes a whole agenda item and opens its editor.
func (l *noteLayer) addItemNote(number string) {
	l.add(docs.Note{Kind: docs.NoteItem, Version: l.sha, Item: number, Colour: docs.Colours[0]}, true)
}

// save stores changes to a note off the UI thread.
func (l *noteLayer) save(n docs.Note) {
	l.r.u.Notes.saveNote(n)
}

func (l *noteLayer) showMenu(m *fyne.Menu, at fyne.Position) {
	l.menu = m
	l.popup = widget.NewPopUpMenu(m, l.r.u.win.Canvas())
	l.popup.ShowAtPosition(at)
}

func (l *noteLayer) hidePopup() {
	if l.popup != nil {
		l.popup.Hide()
		l.popup = nil
	}
}

// edit opens the editor of a note: its comment and colour.
func (l *noteLayer) edit(n docs.Note) { l.r.u.Notes.edit(n) }

// Cursor is the text cursor: the pages' words can be selected.
func (l *noteLayer) Cursor() desktop.Cursor { return desktop.TextCursor }

// MouseIn is needed for desktop.Hoverable.
func (l *noteLayer) MouseIn(*desktop.MouseEvent) {}

// MouseMoved reads the characters of the page under the pointer, so that a
// drag starting there selects at once.
func (l *noteLayer) MouseMoved(e *desktop.MouseEvent) {
	if page, _, _ := l.toPage(e.Position); page > 0 {
		if _, ok := l.chars[page]; !ok {
			l.wantChars(page)
		}
	}
}

// MouseOut is needed for desktop.Hoverable.
func (l *noteLayer) MouseOut() {}

// CreateRenderer draws the notes' rectangles.
func (l *noteLayer) CreateRenderer() fyne.WidgetRenderer { return &noteLayerRenderer{l: l} }

type noteLayerRenderer struct {
	l    *noteLayer
	objs []fyne.CanvasObject
	size fyne.Size
}

func (r *noteLayerRenderer) Destroy() {}

// Layout redraws when the layer's size changes (the window, or the agenda
// beside the pages): the pages may have moved without the reader knowing.
func (r *noteLayerRenderer) Layout(size fyne.Size) {
	if size != r.size {
		r.size = size
		r.l.redraw()
	}
}

// MinSize is none: the layer covers the pages.
func (r *noteLayerRenderer) MinSize() fyne.Size { return fyne.Size{} }

func (r *noteLayerRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *noteLayerRenderer) Refresh() {
	r.objs = r.objs[:0]
	for _, rc := range r.l.rects {
		r.objs = append(r.objs, rc)
	}
	for _, o := range r.objs {
		canvas.Refresh(o)
	}
}
