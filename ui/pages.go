package ui

import (
	"image"
	"image/color"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/ui/widgets"
)

// pageGap is the space between pages and around them, in Fyne units.
const pageGap = 16

// Colours drawn on the page itself, which is white whatever the theme.
var (
	markColour    = color.NRGBA{R: 255, G: 200, B: 0, A: 110}   // a matched word
	currentColour = color.NRGBA{R: 255, G: 120, B: 0, A: 140}   // the match being looked at
	noticeColour  = color.NRGBA{R: 40, G: 40, B: 48, A: 220}    // behind a page's notice
	paperColour   = color.NRGBA{R: 255, G: 255, B: 255, A: 255} // a page not drawn yet
	edgeColour    = color.NRGBA{R: 0, G: 0, B: 0, A: 60}
	// pageLabelColour writes "Page 23" on a page not drawn yet: 4.5:1 on
	// the white paper (see TestContrast).
	pageLabelColour = color.NRGBA{R: 110, G: 110, B: 110, A: 255}
)

// pagesView is the column of pages in a scroll area. Every page has a tile
// sized to the page at the current zoom, so the scroll bar is true from the
// start; only the tiles near the view hold a drawing.
type pagesView struct {
	scroll *container.Scroll
	column *fyne.Container
	col    *columnLayout
	tiles  []*pageTile
	root   *fyne.Container

	onResized  func()
	onScrolled func()
	onTapped   func()
}

func newPagesView() *pagesView {
	p := &pagesView{col: &columnLayout{}}
	p.column = container.New(p.col)
	p.scroll = container.NewScroll(p.column)
	p.scroll.OnScrolled = func(fyne.Position) {
		if p.onScrolled != nil {
			p.onScrolled()
		}
	}
	// The desk the pages lie on, so that white pages stand out in a light
	// theme too.
	desk := widgets.NewThemedRect(theme.ColorNameInputBackground)
	p.root = container.New(&sizeWatcher{onResize: func() {
		if p.onResized != nil {
			p.onResized()
		}
	}}, desk, p.scroll)
	return p
}

// setPages makes one tile per page, sized as given (in points).
func (p *pagesView) setPages(sizes []fyne.Size) {
	p.tiles = make([]*pageTile, len(sizes))
	objs := make([]fyne.CanvasObject, len(sizes))
	for i := range sizes {
		t := newPageTile(i + 1)
		t.Hide() // until near the view: see keepOnly
		t.onTapped = func() {
			if p.onTapped != nil {
				p.onTapped()
			}
		}
		p.tiles[i], objs[i] = t, t
	}
	p.col.sizes = append(p.col.sizes[:0], sizes...)
	p.column.Objects = objs
	p.col.recompute()
}

// clear removes every page, letting go of their drawings at once (Fyne
// keeps a removed widget's renderer, and so its image, for a while).
func (p *pagesView) clear() {
	for _, t := range p.tiles {
		t.clearImage()
	}
	p.tiles = nil
	p.col.sizes = nil
	p.col.recompute()
	p.column.Objects = nil
	p.scroll.Offset = fyne.Position{}
	p.relayout()
}

// setZoom lays the pages out at zoom (units per point).
func (p *pagesView) setZoom(zoom float32) {
	p.col.zoom = zoom
	p.col.recompute()
	p.relayout()
}

// setSizes changes page sizes (points) once they are all known.
func (p *pagesView) setSizes(sizes []fyne.Size) {
	copy(p.col.sizes, sizes)
	p.col.recompute()
	p.relayout()
}

// relayout resizes the column to its pages and lays them out now, so that
// offsets set straight after are not clamped to the old size.
func (p *pagesView) relayout() {
	p.column.Resize(p.column.MinSize().Max(p.scroll.Size()))
	p.column.Refresh()
	p.scroll.Refresh()
}

// viewport is the visible part of the column: its top and height.
func (p *pagesView) viewport() (top, height float32) {
	return p.scroll.Offset.Y, p.scroll.Size().Height
}

// scrollTo puts y (in column units) at the top of the view, within limits.
func (p *pagesView) scrollTo(x, y float32) {
	size := p.scroll.Size()
	content := p.column.MinSize()
	y = min(y, content.Height-size.Height)
	x = min(x, content.Width-size.Width)
	p.scroll.ScrollToOffset(fyne.NewPos(max(x, 0), max(y, 0)))
}

// visible returns the first and last pages (from 1) in the view, or 0, 0
// when there are none.
func (p *pagesView) visible() (first, last int) {
	if len(p.tiles) == 0 {
		return 0, 0
	}
	top, h := p.viewport()
	return p.col.pageAt(top), p.col.pageAt(top + max(h, 1) - 1)
}

// keepOnly shows the tiles of pages from to to (from 1) and hides the
// others; only the tiles from drawnFrom to drawnTo keep their drawings.
// Fyne paints every visible object, scrolled out of sight or not, so a
// 300-page pack must not have 300 tiles to paint, and a drawing on a tile
// is a texture as large as itself.
func (p *pagesView) keepOnly(from, to, drawnFrom, drawnTo int) {
	for i, t := range p.tiles {
		n := i + 1
		if n < drawnFrom || n > drawnTo {
			t.clearImage()
		}
		if n < from || n > to {
			if t.Visible() {
				t.Hide()
			}
		} else if !t.Visible() {
			t.Show()
		}
	}
}

// columnLayout stacks the pages, each centred, with a gap around them. Its
// sizes are in points and zoom turns points into units.
type columnLayout struct {
	sizes []fyne.Size
	zoom  float32
	tops  []float32 // top of each page in units
	width float32   // widest page in units
	total float32
}

func (l *columnLayout) recompute() {
	if l.zoom <= 0 {
		l.zoom = 1
	}
	l.tops = l.tops[:0]
	y := float32(pageGap)
	l.width = 0
	for _, s := range l.sizes {
		l.tops = append(l.tops, y)
		y += s.Height*l.zoom + pageGap
		l.width = max(l.width, s.Width*l.zoom)
	}
	l.total = y
}

// pageSize is page n's size (from 1) in units.
func (l *columnLayout) pageSize(n int) fyne.Size {
	s := l.sizes[n-1]
	return fyne.NewSize(s.Width*l.zoom, s.Height*l.zoom)
}

// top is the y of page n's top edge (from 1) in units.
func (l *columnLayout) top(n int) float32 { return l.tops[n-1] }

// pageAt is the page at height y, the page before a gap counting for it.
func (l *columnLayout) pageAt(y float32) int {
	i := sort.Search(len(l.tops), func(i int) bool { return l.tops[i] > y })
	return max(i, 1)
}

// MinSize is the column at the current zoom.
func (l *columnLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(l.width+2*pageGap, l.total)
}

// Layout centres each page in the width given.
func (l *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for i, o := range objs {
		if i >= len(l.sizes) {
			break
		}
		s := l.pageSize(i + 1)
		x := max((size.Width-s.Width)/2, pageGap)
		o.Move(fyne.NewPos(x, l.tops[i]))
		o.Resize(s)
	}
}

// sizeWatcher fills its space with its one object and reports when that
// space changes, so that fitted zooms follow the window.
type sizeWatcher struct {
	size     fyne.Size
	onResize func()
}

// MinSize is small: the view takes the space it is given.
func (w *sizeWatcher) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(100, 100)
}

// Layout fills the space and reports a change of size.
func (w *sizeWatcher) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
	if size != w.size {
		w.size = size
		w.onResize()
	}
}

// pageTile is one page: white paper, the drawing when there is one, the
// words marked on it, and a notice for a scanned page.
type pageTile struct {
	widget.BaseWidget
	n int

	paper   *canvas.Rectangle
	img     *canvas.Image
	label   *canvas.Text // "Page 23" until drawn, or why it cannot be
	notice  *canvas.Text
	noticeB *canvas.Rectangle
	marks   []mark
	rects   []*canvas.Rectangle

	dpi      int       // resolution of the drawing shown; 0 none, -1 a stand-in
	pageSize fyne.Size // in points, for placing marks
	onTapped func()
}

// mark is a box on the page (PDF points, origin bottom-left) to colour.
type mark struct {
	box     docs.Rect
	current bool
}

func newPageTile(n int) *pageTile {
	t := &pageTile{n: n}
	t.paper = canvas.NewRectangle(paperColour)
	t.paper.StrokeColor = edgeColour
	t.paper.StrokeWidth = 1
	t.img = canvas.NewImageFromImage(nil)
	t.img.Hide() // an image without pixels would still be painted, blank
	t.img.FillMode = canvas.ImageFillStretch
	// The drawing is made at the screen's resolution: scaling on the GPU
	// costs nothing, scaling it in software first would stall the window.
	t.img.ScaleMode = canvas.ImageScaleFastest
	t.label = canvas.NewText(lang.L("Page {{.Page}}", tv{"Page": n}), pageLabelColour)
	t.label.Alignment = fyne.TextAlignCenter
	t.notice = canvas.NewText("", color.White)
	t.notice.Alignment = fyne.TextAlignCenter
	t.noticeB = canvas.NewRectangle(noticeColour)
	t.noticeB.CornerRadius = 6
	t.notice.Hide()
	t.noticeB.Hide()
	t.ExtendBaseWidget(t)
	return t
}

// setImage shows a drawing made at dpi (-1 for a stand-in at another
// resolution).
func (t *pageTile) setImage(img image.Image, dpi int) {
	t.img.Image = img
	t.dpi = dpi
	t.label.Hide()
	t.img.Show()
	t.img.Refresh()
}

// freeDrawing has Fyne free an image's texture at the next frame: the
// refresh of a canvas.Image does so. A variable, for a test to see it done.
var freeDrawing = canvas.Refresh

// clearImage lets go of the drawing of a page away from the view, and of
// its texture: without freeDrawing the texture (a page's worth of pixels)
// stays until Fyne's cache expires it a minute or more later.
func (t *pageTile) clearImage() {
	if t.img.Image == nil {
		return
	}
	t.img.Image = nil
	t.img.Hide()
	freeDrawing(t.img)
	t.dpi = 0
	t.label.Text = lang.L("Page {{.Page}}", tv{"Page": t.n})
	t.label.Show()
}

// setFailed says the page could not be drawn.
func (t *pageTile) setFailed(msg string) {
	t.img.Image = nil
	t.img.Hide()
	t.dpi = 0
	t.label.Text = msg
	t.label.Show()
	t.Refresh()
}

// setNotice shows a line across the top of the page ("This page is a
// scan…"), or hides it for "".
func (t *pageTile) setNotice(s string) {
	t.notice.Text = s
	t.notice.Hidden = s == ""
	t.noticeB.Hidden = s == ""
	t.Refresh()
}

// setMarks colours boxes on the page; pageSize is the page in points.
func (t *pageTile) setMarks(marks []mark, pageSize fyne.Size) {
	t.marks = marks
	t.pageSize = pageSize
	t.Refresh()
}

// Tapped gives the keyboard back to the pages.
func (t *pageTile) Tapped(*fyne.PointEvent) {
	if t.onTapped != nil {
		t.onTapped()
	}
}

// CreateRenderer draws the tile.
func (t *pageTile) CreateRenderer() fyne.WidgetRenderer {
	r := &tileRenderer{t: t}
	r.Refresh()
	return r
}

type tileRenderer struct {
	t    *pageTile
	objs []fyne.CanvasObject
}

// Destroy has nothing to free.
func (r *tileRenderer) Destroy() {}

// MinSize is small: the column sets a tile's size from its page.
func (r *tileRenderer) MinSize() fyne.Size { return fyne.NewSize(10, 10) }

// Objects are the paper, the drawing, the label, the marks and the notice.
func (r *tileRenderer) Objects() []fyne.CanvasObject { return r.objs }

// Layout fills the tile and places the marks from page points.
func (r *tileRenderer) Layout(size fyne.Size) {
	t := r.t
	t.paper.Resize(size)
	t.img.Resize(size)
	t.label.TextSize = theme.TextSize() * 1.2
	ls := t.label.MinSize()
	t.label.Move(fyne.NewPos(0, (size.Height-ls.Height)/2))
	t.label.Resize(fyne.NewSize(size.Width, ls.Height))
	t.notice.TextSize = theme.TextSize()
	ns := t.notice.MinSize()
	pad := theme.Padding() * 2
	bw := min(ns.Width+2*pad, size.Width-2*pad)
	t.noticeB.Move(fyne.NewPos((size.Width-bw)/2, pad))
	t.noticeB.Resize(fyne.NewSize(bw, ns.Height+pad))
	t.notice.Move(fyne.NewPos((size.Width-bw)/2, pad+pad/2))
	t.notice.Resize(fyne.NewSize(bw, ns.Height))
	if t.pageSize.Width <= 0 || t.pageSize.Height <= 0 {
		return
	}
	sx := size.Width / t.pageSize.Width
	sy := size.Height / t.pageSize.Height
	const grow = 1.5 // points added around a word so the colour does not cut letters
	for i, m := range t.marks {
		if i >= len(r.t.rects) {
			break
		}
		b := m.box
		x := float32(b.Left-grow) * sx
		y := (t.pageSize.Height - float32(b.Top+grow)) * sy
		r.t.rects[i].Move(fyne.NewPos(x, y))
		r.t.rects[i].Resize(fyne.NewSize(float32(b.Right-b.Left+2*grow)*sx, float32(b.Top-b.Bottom+2*grow)*sy))
	}
}

// Refresh rebuilds the marks and redraws.
func (r *tileRenderer) Refresh() {
	t := r.t
	t.rects = t.rects[:0]
	for _, m := range t.marks {
		c := markColour
		if m.current {
			c = currentColour
		}
		t.rects = append(t.rects, canvas.NewRectangle(c))
	}
	r.objs = append(r.objs[:0], t.paper, t.img, t.label)
	for _, rc := range t.rects {
		r.objs = append(r.objs, rc)
	}
	r.objs = append(r.objs, t.noticeB, t.notice)
	r.Layout(t.Size())
	for _, o := range r.objs {
		canvas.Refresh(o)
	}
}
