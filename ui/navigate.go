package ui

import (
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// zoomFor is the zoom a fit mode gives in the current view.
func (r *ReaderView) zoomFor(fit fitMode, zoom float32) float32 {
	if fit == fitNone || len(r.sizes) == 0 {
		return clampZoom(zoom)
	}
	vw, vh := r.pagesView.scroll.Size().Width, r.pagesView.scroll.Size().Height
	if vw <= 0 || vh <= 0 {
		return clampZoom(zoom)
	}
	var widest float32
	for _, s := range r.sizes {
		widest = max(widest, s.Width)
	}
	// A unit to spare, so that rounding never makes the page a little too
	// wide and the view scroll sideways.
	vw, vh = vw-2*pageGap-1, vh-2*pageGap-1
	z := vw / widest
	if fit == fitPage {
		s := r.sizes[max(r.current, 1)-1]
		z = min(vw/s.Width, vh/s.Height)
	}
	return clampZoom(z)
}

func clampZoom(z float32) float32 {
	if z <= 0 || math.IsNaN(float64(z)) {
		return 1
	}
	return min(max(z, minZoom), maxZoom)
}

// applyZoom sets the zoom, keeping the place being read in view when
// keep is set.
func (r *ReaderView) applyZoom(z float32, fit fitMode, keep bool) {
	z = r.snapZoom(z)
	page, frac := r.anchor()
	r.zoom, r.fit = z, fit
	r.pagesView.setZoom(z)
	if keep && r.doc != nil {
		r.scrollToAnchor(page, frac)
		r.refreshVisible()
		r.savePositionLater()
	}
	r.updateControls()
}

// anchor is the page at the top of the view and how far down it the view
// starts, as a fraction of its height.
func (r *ReaderView) anchor() (int, float32) {
	if len(r.pagesView.tiles) == 0 {
		return 1, 0
	}
	top, _ := r.pagesView.viewport()
	col := r.pagesView.col
	p := col.pageAt(top)
	return p, (top - col.top(p)) / col.pageSize(p).Height
}

func (r *ReaderView) scrollToAnchor(page int, frac float32) {
	col := r.pagesView.col
	if page < 1 || page > len(col.sizes) {
		return
	}
	y := col.top(page) + frac*col.pageSize(page).Height
	r.pagesView.scrollTo(r.centreX(), y)
}

// centreX is the horizontal offset that centres the pages.
func (r *ReaderView) centreX() float32 {
	return max(0, (r.pagesView.column.MinSize().Width-r.pagesView.scroll.Size().Width)/2)
}

// goToPage puts PDF page n at the top of the view.
func (r *ReaderView) goToPage(n int) {
	if r.doc == nil || r.numPages == 0 {
		return
	}
	n = min(max(n, 1), r.numPages)
	if r.textMode {
		r.textPage = n
	}
	if r.fit == fitPage {
		r.current = n // fit page fits the page being gone to
		r.applyZoom(r.zoomFor(fitPage, r.zoom), fitPage, false)
	}
	r.pagesView.scrollTo(r.centreX(), r.pagesView.col.top(n)-pageGap/2)
	r.current = 0
	r.refreshVisible()
}

func (r *ReaderView) onZoomIn() {
	for _, z := range zoomSteps {
		if z > r.zoom+0.005 {
			r.applyZoom(z, fitNone, true)
			return
		}
	}
}

func (r *ReaderView) onZoomOut() {
	for i := len(zoomSteps) - 1; i >= 0; i-- {
		if z := zoomSteps[i]; z < r.zoom-0.005 {
			r.applyZoom(z, fitNone, true)
			return
		}
	}
}

func (r *ReaderView) onActualSize() { r.applyZoom(1, fitNone, true) }

func (r *ReaderView) onFitWidth() { r.applyZoom(r.zoomFor(fitWidth, r.zoom), fitWidth, true) }

func (r *ReaderView) onFitPage() {
	r.applyZoom(r.zoomFor(fitPage, r.zoom), fitPage, true)
	r.goToPage(max(r.current, 1))
}

func (r *ReaderView) onToggleAgenda() {
	if r.agenda.root.Visible() {
		r.agenda.root.Hide()
	} else {
		r.agenda.root.Show()
	}
	r.split.Refresh()
}

// onAgendaJump goes to the first page of the item chosen.
func (r *ReaderView) onAgendaJump(page int) {
	r.goToPage(page)
	r.u.win.Canvas().Unfocus()
}

// onItemStep goes to the next (+1) or previous (-1) agenda item.
func (r *ReaderView) onItemStep(dir int) {
	firsts := r.agenda.itemPages()
	if dir > 0 {
		for _, p := range firsts {
			if p > r.current {
				r.goToPage(p)
				return
			}
		}
		return
	}
	for i := len(firsts) - 1; i >= 0; i-- {
		if firsts[i] < r.current {
			r.goToPage(firsts[i])
			return
		}
	}
}

// onKey moves through the paper with the keyboard.
func (r *ReaderView) onKey(k fyne.KeyName) {
	if r.doc == nil {
		return
	}
	if r.textMode {
		r.onTextKey(k)
		return
	}
	top, h := r.pagesView.viewport()
	switch k {
	case fyne.KeyPageDown, fyne.KeySpace:
		r.screenDown(top, h)
	case fyne.KeyPageUp:
		r.screenUp(top, h)
	case fyne.KeyHome:
		r.goToPage(1)
	case fyne.KeyEnd:
		r.goToPage(r.numPages)
	case fyne.KeyDown:
		r.scrollBy(h / 10)
	case fyne.KeyUp:
		r.scrollBy(-h / 10)
	case fyne.KeyRight:
		r.goToPage(r.current + 1)
	case fyne.KeyLeft:
		r.goToPage(r.current - 1)
	case fyne.KeyF3:
		r.u.onNextMatch(r.u.direction())
	}
}

// screenDown moves down a screenful, stopping at the top of the next page
// if it is in view, so that pages line up.
func (r *ReaderView) screenDown(top, h float32) {
	col := r.pagesView.col
	p := col.pageAt(top + 1)
	if p < r.numPages {
		if next := col.top(p+1) - pageGap/2; next > top+1 && next <= top+h {
			r.pagesView.scrollTo(r.pagesView.scroll.Offset.X, next)
			r.refreshVisible()
			return
		}
	}
	r.scrollBy(h * 0.9)
}

// screenUp moves up a screenful, stopping at the top of the page above if
// it is within one.
func (r *ReaderView) screenUp(top, h float32) {
	col := r.pagesView.col
	p := col.pageAt(top - 1)
	if prev := col.top(p) - pageGap/2; prev < top-1 && prev >= top-h {
		r.pagesView.scrollTo(r.pagesView.scroll.Offset.X, prev)
		r.refreshVisible()
		return
	}
	r.scrollBy(-h * 0.9)
}

func (r *ReaderView) scrollBy(dy float32) {
	off := r.pagesView.scroll.Offset
	r.pagesView.scrollTo(off.X, off.Y+dy)
	r.refreshVisible()
}

// onGoToPageFocus puts the cursor in the go-to-page box.
func (r *ReaderView) onGoToPageFocus() { r.u.win.Canvas().Focus(r.goTo) }

// onGoTo goes to the page typed: a printed number ("Page 23", "p23", or
// just 23 when a page is printed so) or a PDF page ("PDF 40", "#40").
func (r *ReaderView) onGoTo(text string) {
	n, msg := parsePageRef(text, r.printed, r.numPages)
	if msg != "" {
		r.sayPageError(msg)
		return
	}
	r.sayPageError("")
	r.goTo.SetText("")
	r.goToPage(n)
	r.u.win.Canvas().Unfocus()
}

// parsePageRef reads a page reference; it returns the PDF page, or a
// sentence saying why there is no such page.
func parsePageRef(text string, printed map[string]int, numPages int) (int, string) {
	s := strings.ToLower(strings.TrimSpace(text))
	if s == "" {
		return 0, lang.L("Type a page number.")
	}
	pdf := false
	for _, pre := range []string{"pdf page", "tudalen pdf", "pdf", "#"} {
		if rest, ok := strings.CutPrefix(s, pre); ok {
			s, pdf = strings.TrimSpace(rest), true
			break
		}
	}
	isPrinted := false
	if !pdf {
		// English and Welsh ("tudalen", "tud."), whichever the window speaks.
		for _, pre := range []string{"page", "tudalen", "tud.", "tud", "pg", "p.", "p"} {
			if rest, ok := strings.CutPrefix(s, pre); ok {
				s, isPrinted = strings.TrimSpace(rest), true
				break
			}
		}
	}
	s = strings.TrimSpace(strings.TrimPrefix(s, "."))
	if s == "" {
		return 0, lang.L("Type a page number.")
	}
	if !pdf {
		if n, ok := printed[s]; ok {
			return n, ""
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, lang.L("“{{.Text}}” is not a page number.", tv{"Text": text})
	}
	if isPrinted && len(printed) > 0 {
		return 0, lang.L("No page is printed with the number {{.Page}} in this paper.", tv{"Page": n})
	}
	if n < 1 || n > numPages {
		return 0, lang.L("There is no page {{.Page}}: this paper has pages 1 to {{.Pages}}.", tv{"Page": n, "Pages": numPages})
	}
	return n, ""
}
