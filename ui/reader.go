package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/pdf"
	"panelpapers/ui/widgets"
)

// fitMode says how the zoom follows the window.
type fitMode int

const (
	fitNone  fitMode = iota // a zoom the member chose
	fitWidth                // the page's width fills the view
	fitPage                 // the whole page is in view
)

// Zoom limits, as factors of a page's size in points.
const (
	minZoom = 0.25
	maxZoom = 4.0
)

// zoomSteps are the zooms Zoom in and Zoom out go through.
var zoomSteps = []float32{0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4}

// Drawing limits: pages are drawn at the screen's resolution, but never
// larger than 16 megapixels (a step down at a time): 64 MB for the
// drawing and as much again for its copy on the graphics card. Past that
// (an A4 page at about 400 dpi) the graphics card enlarges it.
const (
	dpiStep   = 12
	minDPI    = 24
	maxDPI    = 600
	maxPixels = 16 << 20
)

// Pages drawn ahead of the view (and behind it) into the renderer's cache;
// how far from the view a page keeps its tile; and how far a tile keeps
// its drawing. Fyne uploads every shown image to the graphics card, off
// screen or not, so only the pages in view hold one: the others wait in
// the cache, and a page scrolled into view is given its drawing in the
// same frame (requestPages runs on every scroll).
const (
	prefetchAhead  = 3
	prefetchBehind = 2
	keepAround     = 4
	drawnAround    = 0
)

// scanNotice is shown on a page with no text layer.
func scanNotice() string { return lang.L("This page is a scan and cannot be searched") }

// unreadNotice is said on a page the engines gave up reading when it was
// added (too slow or too greedy): it can be looked at, not searched.
func unreadNotice() string {
	return lang.L("Panel Papers could not read this page's words in time, so it cannot be searched")
}

// ReaderView shows a paper's pages beside its agenda: zoom and fit,
// scrolling, going to a page by its printed or PDF number, finding words
// in the paper, and the words of a search marked on the page. It reopens a
// paper where the member left it.
type ReaderView struct {
	u   *UI
	gen int // bumped whenever another paper is opened, to drop stale results

	version  *docs.Version
	pages    []docs.Page    // stored pages, by PDF page - 1 (may be short)
	printed  map[string]int // printed page number → PDF page
	doc      PageDoc
	numPages int
	sizes    []fyne.Size // page sizes in points
	password string

	zoom    float32
	fit     fitMode
	current int      // the PDF page being read
	saved   position // the position last stored

	marksPage int // page whose words are marked, 0 none
	markCount int // boxes marked there
	findHits  []findHit
	findAt    int
	openedAt  time.Time
	// fromResults is set while the paper shows a search result: "Back to
	// results" is offered, and F3 goes on to the next result.
	fromResults bool
	firstShown  time.Duration // from open to the first page drawn on screen

	pagesView *pagesView
	notes     *noteLayer // the member's notes over the pages
	agenda    *AgendaPanel
	split     *container.Split
	agendaB   *widget.Button
	resultsB  *widget.Button // "Back to results", after opening a search result
	tools     *widgets.Bar   // the toolbar's left part, whose buttons fold into More
	zoomOut   *widget.Button
	zoomIn    *widget.Button
	zoomLabel *widget.Label
	fitWidthB *widget.Button
	fitPageB  *widget.Button
	goTo      *widgets.KeyEntry
	pageInfo  *widget.Label
	pageError *widget.Label // sayPageError shows it
	findB     *widget.Button
	textB     *widget.Button // "Page text": the page's words in a plain view
	text      *pageTextView
	textMode  bool
	textPage  int           // the page the text view shows
	keys      *pageKeys     // the pages' stop in the Tab order
	message   *widget.Label // "Opening…", or why the paper cannot be shown
	messageUI *fyne.Container
	backB     *widget.Button
	findBar   *fyne.Container
	findEntry *widgets.KeyEntry
	findInfo  *widget.Label

	saver     positionSaver
	saveLater *debouncer
	findLater *debouncer
	root      *fyne.Container
}

func newReaderView(u *UI) *ReaderView {
	r := &ReaderView{u: u, zoom: 1, fit: fitWidth}
	r.saveLater = &debouncer{a: u.async, delay: time.Second}
	r.findLater = &debouncer{a: u.async, delay: 150 * time.Millisecond}
	if u.async.manual {
		r.saveLater.delay, r.findLater.delay = 0, 0
	}
	r.pagesView = newPagesView()
	r.pagesView.onScrolled = r.onScrolled
	r.pagesView.onResized = r.onResized
	r.pagesView.onTapped = func() { u.win.Canvas().Unfocus() }
	r.agenda = newAgendaPanel(r.onAgendaJump)

	// A click on a button leaves the keyboard where it was: give it back to
	// the pages, so that Page Down works straight after.
	keysToPages := func(f func()) func() {
		return func() {
			f()
			u.win.Canvas().Unfocus()
		}
	}
	r.resultsB = widget.NewButtonWithIcon(lang.L("Back to results"), theme.NavigateBackIcon(), u.backToResults)
	r.resultsB.Hide()
	r.agendaB = widget.NewButtonWithIcon(lang.L("Agenda"), theme.ListIcon(), keysToPages(r.onToggleAgenda))
	r.zoomOut = widget.NewButtonWithIcon("", theme.ZoomOutIcon(), keysToPages(r.onZoomOut))
	r.zoomIn = widget.NewButtonWithIcon("", theme.ZoomInIcon(), keysToPages(r.onZoomIn))
	r.zoomLabel = widget.NewLabel("100%")
	r.fitWidthB = widget.NewButton(lang.L("Fit width"), keysToPages(r.onFitWidth))
	r.fitPageB = widget.NewButton(lang.L("Fit page"), keysToPages(r.onFitPage))
	r.goTo = widgets.NewKeyEntry()
	r.goTo.SetPlaceHolder(lang.L("Go to page"))
	r.goTo.OnSubmitted = r.onGoTo
	r.goTo.OnKey = func(k *fyne.KeyEvent) bool {
		if k.Name == fyne.KeyEscape {
			r.goTo.SetText("")
			r.sayPageError("")
			u.win.Canvas().Unfocus()
			return true
		}
		return false
	}
	r.pageInfo = widget.NewLabel("")
	r.pageError = widget.NewLabel("")
	r.pageError.Importance = widget.DangerImportance
	r.pageError.Hide()
	r.findB = widget.NewButtonWithIcon(lang.L("Find in paper"), theme.SearchIcon(), r.openFind)
	r.textB = widget.NewButtonWithIcon(lang.L("Page text"), theme.FileTextIcon(), r.onToggleText)

	goBox := container.NewGridWrap(fyne.NewSize(130, r.goTo.MinSize().Height), r.goTo)
	// On a small screen the buttons that do not fit go into a More menu,
	// the fit buttons first (the View menu has them too).
	r.tools = widgets.NewBar(lang.L("More"),
		r.resultsB, r.agendaB, widget.NewSeparator(),
		container.NewHBox(r.zoomOut, r.zoomLabel, r.zoomIn), r.fitWidthB, r.fitPageB, widget.NewSeparator(),
		goBox, r.pageInfo, r.pageError,
	)
	toolbar := widgets.Border(nil, nil, nil, container.NewHBox(r.textB, r.findB), r.tools)

	r.findEntry = widgets.NewKeyEntry()
	r.findEntry.SetPlaceHolder(lang.L("Find in this paper"))
	r.findEntry.OnChanged = func(string) { r.findLater.call(r.runFind) }
	r.findEntry.OnSubmitted = func(string) { r.onFindNext() }
	r.findEntry.OnKey = func(k *fyne.KeyEvent) bool {
		switch k.Name {
		case fyne.KeyEscape:
			r.closeFind()
			return true
		case fyne.KeyF3:
			r.onFindNext()
			return true
		}
		return false
	}
	r.findInfo = widget.NewLabel("")
	prev := widget.NewButtonWithIcon("", theme.MoveUpIcon(), r.onFindPrevious)
	next := widget.NewButtonWithIcon("", theme.MoveDownIcon(), r.onFindNext)
	closeB := widget.NewButtonWithIcon("", theme.CancelIcon(), r.closeFind)
	r.findBar = widgets.Border(nil, nil, nil, container.NewHBox(r.findInfo, prev, next, closeB), r.findEntry)
	r.findBar.Hide()

	r.message = widget.NewLabel("")
	r.message.Alignment = fyne.TextAlignCenter
	r.backB = widget.NewButtonWithIcon(lang.L("Back to papers"), theme.HomeIcon(), u.onHome)
	r.backB.Hide()
	r.messageUI = container.NewCenter(container.NewVBox(r.message, container.NewCenter(r.backB)))
	r.messageUI.Hide()

	r.notes = newNoteLayer(r)
	r.text = newPageTextView()
	r.text.root.Hide()
	r.keys = newPageKeys(u.onTypedKey)
	pagesArea := widgets.Border(r.findBar, nil, nil, nil, container.NewStack(r.pagesView.root, r.notes.root, r.text.root, r.keys, r.messageUI))
	r.split = container.NewHSplit(r.agenda.root, pagesArea)
	r.split.Offset = 0.26
	r.root = widgets.Border(container.NewVBox(toolbar, widget.NewSeparator()), nil, nil, nil, r.split)
	r.updateControls()
	return r
}

// titleText names the open paper in the window's bar.
func (r *ReaderView) titleText() string {
	v := r.version
	if v == nil {
		return ""
	}
	parts := []string{paperTitle(v)}
	if v.Committee != "" {
		parts = append(parts, v.Committee)
	}
	if v.Date != "" {
		parts = append(parts, meetingTitle(v.Date))
	}
	return strings.Join(parts, " — ")
}

// loaded is what opening a paper found, off the UI thread.
type loaded struct {
	pages  []docs.Page
	pos    position
	hasPos bool
	doc    PageDoc
	first  fyne.Size // size of the page to show first, in points
	err    error
}

// open shows v, at the given place or where the member left it. The time
// to its first page is measured from the member's click (clicked).
func (r *ReaderView) open(v *docs.Version, at *place, clicked time.Time) {
	r.openedAt = clicked
	r.fromResults = at != nil && at.fromResults
	r.resultsB.Hidden = !r.fromResults
	r.tools.Refresh()
	if r.version != nil && r.version.SHA256 == v.SHA256 && r.doc != nil {
		if at != nil {
			r.show(at)
		}
		return
	}
	r.leave()
	r.openWith(v, at, "")
}

func (r *ReaderView) openWith(v *docs.Version, at *place, password string) {
	r.gen++
	gen := r.gen
	r.version, r.password = v, password
	r.firstShown = 0
	r.agenda.set(v.Agenda)
	if len(v.Agenda.Items) == 0 && len(v.Agenda.Questions) == 0 {
		r.agenda.root.Hide()
	} else {
		r.agenda.root.Show()
	}
	r.split.Refresh()
	r.showMessage(lang.L("Opening {{.Title}}…", tv{"Title": paperTitle(v)}), false)
	r.updateControls()
	lib, src := r.u.deps.Library, r.u.deps.Pages
	wantPos := at == nil
	waiting := func() {
		r.u.async.post(func() {
			if gen == r.gen && r.doc == nil {
				r.showMessage(lang.L("Starting the page viewer… (the first start after an update takes a few seconds)"), false)
			}
		})
	}
	r.u.async.run(func() func() {
		res := loadPaper(lib, src, v.SHA256, wantPos, at, password, waiting)
		return func() { r.onLoaded(gen, v, res, at) }
	})
}

// loadPaper opens a paper's PDF and reads what the reader needs first;
// waiting is called if the PDF engine has still to start.
func loadPaper(lib Library, src PageSource, sha string, wantPos bool, at *place, password string, waiting func()) loaded {
	var res loaded
	res.pages, _ = lib.Pages(sha) // the pages can be shown without their text
	page := 1
	if at != nil {
		page = at.page
	}
	if wantPos {
		if raw, err := lib.Setting(positionKey(sha)); err == nil {
			res.pos, res.hasPos = parsePosition(raw)
			if res.hasPos {
				page = res.pos.page
			}
		}
	}
	if src == nil {
		res.err = errors.New(lang.L("pages cannot be shown: the PDF engine is missing"))
		return res
	}
	if !src.Ready() {
		waiting()
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	doc, err := src.Open(ctx, lib.FilePath(sha), password)
	if err != nil {
		res.err = err
		return res
	}
	if doc.NumPages() < 1 {
		doc.Close()
		res.err = fmt.Errorf("open paper: %w", docs.ErrNoPages)
		return res
	}
	page = min(max(page, 1), doc.NumPages())
	w, h, err := doc.PageSize(page)
	if err != nil || w <= 0 || h <= 0 {
		w, h = 595, 842 // A4, until the real sizes are read
	}
	res.doc, res.first = doc, fyne.NewSize(float32(w), float32(h))
	return res
}

// onLoaded shows a paper once its PDF is open.
func (r *ReaderView) onLoaded(gen int, v *docs.Version, res loaded, at *place) {
	if gen != r.gen {
		if res.doc != nil {
			r.closeDoc(res.doc)
		}
		return
	}
	if res.err != nil {
		if errors.Is(res.err, docs.ErrEncrypted) || errors.Is(res.err, docs.ErrBadPassword) {
			r.showMessage(lang.L("This paper is protected by a password."), true)
			r.u.askPassword(paperTitle(v), errors.Is(res.err, docs.ErrBadPassword), func(pw string) { r.openWith(v, at, pw) })
			return
		}
		r.showMessage(lang.L("This paper cannot be shown.")+" "+r.u.explain(res.err), true)
		r.u.showError(lang.L("This paper cannot be shown"), res.err)
		return
	}
	r.doc, r.pages = res.doc, res.pages
	r.numPages = res.doc.NumPages()
	r.printed = printedIndex(res.pages)
	r.sizes = make([]fyne.Size, r.numPages)
	for i := range r.sizes {
		r.sizes[i] = res.first
	}
	r.pagesView.setPages(r.sizes)
	for _, p := range r.pages {
		if p.Number < 1 || p.Number > r.numPages {
			continue
		}
		switch {
		case p.Unread:
			r.pagesView.tiles[p.Number-1].setNotice(unreadNotice())
		case p.Scanned:
			r.pagesView.tiles[p.Number-1].setNotice(scanNotice())
		}
	}
	r.hideMessage()
	page := 1
	switch {
	case at != nil:
		page = at.page
	case res.hasPos:
		page = res.pos.page
		r.fit, r.zoom = res.pos.fit, res.pos.zoom
	default:
		r.fit = fitWidth
	}
	r.current = 0
	r.saved = position{page: page, zoom: r.zoom, fit: r.fit}
	r.applyZoom(r.zoomFor(r.fit, r.zoom), r.fit, false)
	r.goToPage(page)
	r.markPlace(at)
	r.updateControls()
}

// show goes to a place in the open paper and marks its words.
func (r *ReaderView) show(at *place) {
	r.goToPage(at.page)
	r.clearMarks()
	r.markPlace(at)
}

// loadSizes reads every page's size off the UI thread, and lays the pages
// out again if any differs from the first (a landscape appendix).
func (r *ReaderView) loadSizes(gen int) {
	doc, n, first := r.doc, r.numPages, r.sizes[0]
	r.u.async.run(func() func() {
		sizes := make([]fyne.Size, n)
		differ := false
		for i := range sizes {
			w, h, err := doc.PageSize(i + 1)
			if err != nil || w <= 0 || h <= 0 {
				sizes[i] = first
				continue
			}
			sizes[i] = fyne.NewSize(float32(w), float32(h))
			differ = differ || sizes[i] != first
		}
		if !differ {
			return nil
		}
		return func() {
			if gen != r.gen {
				return
			}
			page, frac := r.anchor()
			copy(r.sizes, sizes)
			r.pagesView.setSizes(sizes)
			r.applyZoom(r.zoomFor(r.fit, r.zoom), r.fit, false)
			r.scrollToAnchor(page, frac)
			r.refreshVisible()
			if r.marksPage > 0 {
				r.pagesView.tiles[r.marksPage-1].pageSize = r.sizes[r.marksPage-1]
			}
		}
	})
}

// printedIndex maps printed page numbers to PDF pages (the first page
// printed with a number wins).
func printedIndex(pages []docs.Page) map[string]int {
	m := map[string]int{}
	for _, p := range pages {
		if p.Printed != "" {
			if _, dup := m[p.Printed]; !dup {
				m[p.Printed] = p.Number
			}
		}
	}
	return m
}

// leave saves where the member is (off the UI thread: the library may be
// busy) and closes the paper.
func (r *ReaderView) leave() {
	r.savePosition()
	r.saveLater.cancel()
	r.closeFind()
	r.leaveText()
	r.gen++
	if r.doc != nil {
		r.u.renderer.Want("", nil, 0, nil, nil)
		r.closeDoc(r.doc)
	}
	r.doc, r.pages, r.printed, r.numPages, r.sizes = nil, nil, nil, 0, nil
	r.marksPage, r.markCount, r.current = 0, 0, 0
	r.pagesView.clear()
	r.notes.refresh()
	releaseMemory()
}

// close is leave for the window closing: the position is saved before
// returning, as nothing runs after.
func (r *ReaderView) close() {
	r.savePositionNow()
	r.leave()
}

// closeDoc closes a PDF off the UI thread: a page may be being drawn.
func (r *ReaderView) closeDoc(d PageDoc) {
	r.u.async.run(func() func() {
		d.Close()
		return nil
	})
}

func (r *ReaderView) showMessage(msg string, withBack bool) {
	r.message.SetText(msg)
	r.backB.Hidden = !withBack
	r.messageUI.Show()
	r.messageUI.Refresh()
}

func (r *ReaderView) hideMessage() { r.messageUI.Hide() }

// sayPageError shows a problem beside the page number ("" hides it).
func (r *ReaderView) sayPageError(msg string) {
	r.pageError.SetText(msg)
	r.pageError.Hidden = msg == ""
	r.tools.Refresh()
}

// onScrolled follows the member scrolling.
func (r *ReaderView) onScrolled() { r.refreshVisible() }

// onResized refits the pages to the view.
func (r *ReaderView) onResized() {
	if r.doc == nil || r.fit == fitNone {
		return
	}
	r.applyZoom(r.zoomFor(r.fit, r.zoom), r.fit, true)
}

// refreshVisible updates the page being read, the agenda highlight and the
// drawings wanted, after any move.
func (r *ReaderView) refreshVisible() {
	if r.doc == nil || len(r.pagesView.tiles) == 0 {
		return
	}
	first, last := r.pagesView.visible()
	top, h := r.pagesView.viewport()
	cur := r.pagesView.col.pageAt(top + h/3)
	if first == last {
		cur = first
	}
	if cur != r.current {
		r.current = cur
		r.agenda.setPage(cur)
		r.updatePageInfo()
		r.savePositionLater()
	}
	r.requestPages(first, last)
	r.notes.refresh()
}

// pixelScale is how many screen pixels a Fyne unit covers (the user's
// scale times the screen's).
func (r *ReaderView) pixelScale() float32 {
	px, _ := r.u.win.Canvas().PixelCoordinateForPosition(fyne.NewPos(1000, 0))
	if px <= 0 {
		return 1
	}
	return float32(px) / 1000
}

// snapZoom rounds a zoom to one that PDFium can draw exactly a pixel per
// screen pixel: a whole number of dots per inch.
func (r *ReaderView) snapZoom(z float32) float32 {
	s := r.pixelScale()
	d := float32(math.Floor(float64(72 * z * s)))
	if d < 1 {
		return z
	}
	return d / (72 * s)
}

// dpi is the resolution that draws pages one pixel per screen pixel at the
// current zoom, within limits.
func (r *ReaderView) dpi() int {
	d := int(math.Round(72 * float64(r.zoom) * float64(r.pixelScale())))
	d = min(max(d, minDPI), maxDPI)
	if len(r.sizes) > 0 {
		s := r.sizes[max(r.current, 1)-1]
		for d > minDPI && pagePixels(s, d) > maxPixels {
			d -= dpiStep
		}
	}
	return d
}

// pagePixels is how many pixels a page of size s (points) is drawn in at dpi.
func pagePixels(s fyne.Size, dpi int) float64 {
	return float64(s.Width) * float64(s.Height) * float64(dpi*dpi) / (72 * 72)
}

// pageBytes is the size of the current page's drawing at dpi.
func (r *ReaderView) pageBytes(dpi int) int64 {
	if len(r.sizes) == 0 {
		return 0
	}
	return int64(pagePixels(r.sizes[max(r.current, 1)-1], dpi)) * 4
}

// requestPages shows the drawings the cache has for the pages in view and
// asks the renderer for the others, and for a few pages either side.
// Drawings far from the view are let go.
func (r *ReaderView) requestPages(first, last int) {
	dpi := r.dpi()
	sha := r.version.SHA256
	var want []int
	add := func(n int) {
		if n < 1 || n > r.numPages {
			return
		}
		t := r.pagesView.tiles[n-1]
		shown := n >= first-drawnAround && n <= last+drawnAround
		// Asked first, so that the cache counts every page near the view
		// as recently used, those on show included: a page let go while
		// on show would be drawn again when scrolled back to.
		img, exact := r.u.renderer.Cached(sha, n, dpi)
		switch {
		case t.dpi == dpi && (exact || shown):
			return
		case exact && shown:
			t.setImage(img, dpi)
			r.notePageShown(time.Now())
			return
		case exact:
			return // drawn ahead: the cache keeps it until it comes near
		case img != nil && shown && t.img.Image == nil:
			t.setImage(img, -1)
		}
		want = append(want, n)
	}
	for n := first; n <= last; n++ {
		add(n)
	}
	for i := 1; i <= prefetchAhead; i++ {
		add(last + i)
		if i <= prefetchBehind {
			add(first - i)
		}
	}
	r.pagesView.keepOnly(first-keepAround, last+keepAround, first-drawnAround, last+drawnAround)
	// Room for the pages in view, those drawn ahead and behind, and one
	// more, at this size: with less, a page drawn ahead is let go before
	// it is reached and drawn again, and every page turn waits for it.
	if freed := r.u.renderer.SetRoom(int64(last-first+1+prefetchAhead+prefetchBehind+1) * r.pageBytes(dpi)); freed >= releaseAfter {
		releaseMemory() // zoomed out: the larger drawings are garbage now
	}
	if len(want) == 0 {
		return
	}
	gen := r.gen
	r.u.renderer.Want(sha, r.doc, dpi, want, func(p pdf.RenderedPage) {
		at := time.Now()
		r.u.async.post(func() { r.onPageDrawn(gen, p, at) })
	})
}

// onPageDrawn shows a page the renderer drew (at the time given), if it is
// still wanted.
func (r *ReaderView) onPageDrawn(gen int, p pdf.RenderedPage, at time.Time) {
	if gen != r.gen || p.Page < 1 || p.Page > len(r.pagesView.tiles) {
		return
	}
	t := r.pagesView.tiles[p.Page-1]
	if p.Err != nil {
		msg := lang.L("This page could not be drawn.")
		if errors.Is(p.Err, docs.ErrPageTimeout) || errors.Is(p.Err, docs.ErrPageOutOfMemory) || errors.Is(p.Err, docs.ErrPageTooLarge) {
			msg = r.u.explain(p.Err) // and why, when the engine gave up on it
		}
		t.setFailed(msg)
		return
	}
	first, last := r.pagesView.visible()
	if p.Page < first-drawnAround || p.Page > last+drawnAround {
		return // drawn ahead, into the cache
	}
	if p.DPI == r.dpi() || t.img.Image == nil {
		t.setImage(p.Image, p.DPI)
		if p.Page >= first && p.Page <= last {
			r.notePageShown(at)
		}
	}
}

// notePageShown measures the time from opening to the first page drawn,
// when the drawing was handed to the UI thread (at), and then reads every
// page's size: that waits until the member has something to read.
func (r *ReaderView) notePageShown(at time.Time) {
	if r.firstShown != 0 {
		return
	}
	r.firstShown = max(at.Sub(r.openedAt), time.Nanosecond)
	r.loadSizes(r.gen)
}

// updatePageInfo says which page is being read: its printed number and
// its place in the PDF.
func (r *ReaderView) updatePageInfo() {
	if r.doc == nil {
		r.pageInfo.SetText("")
		return
	}
	r.pageInfo.SetText(r.pageLabel(r.current))
	if r.textMode {
		r.showText()
	}
}

// pageLabel says which page n is: "Page 23  (PDF page 25 of 120)", or
// "Page 25 of 120" when no number is printed on it.
func (r *ReaderView) pageLabel(n int) string {
	if pr := r.printedOf(n); pr != "" {
		return lang.L("Page {{.Printed}}  (PDF page {{.Page}} of {{.Pages}})", tv{"Printed": pr, "Page": n, "Pages": r.numPages})
	}
	return lang.L("Page {{.Page}} of {{.Pages}}", tv{"Page": n, "Pages": r.numPages})
}

// printedOf is the printed number of PDF page n, or "".
func (r *ReaderView) printedOf(n int) string {
	if n >= 1 && n <= len(r.pages) && r.pages[n-1].Number == n {
		return r.pages[n-1].Printed
	}
	for _, p := range r.pages {
		if p.Number == n {
			return p.Printed
		}
	}
	return ""
}

// pageText is the stored text of PDF page n, or "".
func (r *ReaderView) pageText(n int) string {
	if n >= 1 && n <= len(r.pages) && r.pages[n-1].Number == n {
		return r.pages[n-1].Text
	}
	for _, p := range r.pages {
		if p.Number == n {
			return p.Text
		}
	}
	return ""
}

// updateControls enables what can be used and shows the zoom.
func (r *ReaderView) updateControls() {
	open := r.doc != nil
	for _, b := range []*widget.Button{r.zoomIn, r.zoomOut, r.fitWidthB, r.fitPageB, r.findB, r.textB} {
		if open {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if open {
		r.goTo.Enable()
	} else {
		r.goTo.Disable()
	}
	r.zoomLabel.SetText(fmt.Sprintf("%.0f%%", r.zoom*100))
	r.fitWidthB.Importance = widget.MediumImportance
	r.fitPageB.Importance = widget.MediumImportance
	switch r.fit {
	case fitWidth:
		r.fitWidthB.Importance = widget.HighImportance
	case fitPage:
		r.fitPageB.Importance = widget.HighImportance
	}
	r.fitWidthB.Refresh()
	r.fitPageB.Refresh()
	r.updatePageInfo()
}

// askPassword asks for the password of a protected PDF and calls then with
// it; cancelling does nothing.
func (u *UI) askPassword(name string, wrong bool, then func(password string)) {
	pw := widget.NewPasswordEntry()
	msg := lang.L("{{.Name}} is protected by a password. Type it to open the paper.", tv{"Name": name})
	if wrong {
		msg = lang.L("That password does not open {{.Name}}. Try again.", tv{"Name": name})
	}
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm(lang.L("Password needed"), lang.L("Open"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem("", text), widget.NewFormItem(lang.L("Password"), pw)},
		func(ok bool) {
			if ok && pw.Text != "" {
				then(pw.Text)
			}
		}, u.win)
	d.Resize(fyne.NewSize(420, 200))
	d.Show()
	u.win.Canvas().Focus(pw)
}
