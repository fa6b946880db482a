package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/ui/widgets"
)

// pageTextView shows a page's stored text as plain, selectable text in the
// theme's type, over the drawn pages. Fyne has no screen-reader support, so
// this is the way to read a page's words at any text size, to copy them, or
// to hand them to another program that reads aloud.
type pageTextView struct {
	heading *widget.Label // which page
	body    *widget.Label // its words
	scroll  *container.Scroll
	root    *fyne.Container
}

func newPageTextView() *pageTextView {
	v := &pageTextView{heading: widget.NewLabel(""), body: widget.NewLabel("")}
	v.heading.TextStyle = fyne.TextStyle{Bold: true}
	v.heading.SizeName = theme.SizeNameSubHeadingText
	v.heading.Wrapping = fyne.TextWrapWord
	v.body.Wrapping = fyne.TextWrapWord
	v.body.Selectable = true
	v.scroll = container.NewVScroll(container.NewVBox(v.heading, v.body))
	v.root = container.NewStack(widgets.NewThemedRect(theme.ColorNameBackground), v.scroll)
	return v
}

// set shows a page's words under a line naming the page.
func (v *pageTextView) set(heading, text string, scanned bool) {
	v.heading.SetText(heading)
	text = strings.TrimSpace(text)
	switch {
	case text == "" && scanned:
		text = scanNotice() + "."
	case text == "":
		text = lang.L("This page has no text.")
	}
	if v.body.Text != text {
		v.body.SetText(text)
		v.scroll.ScrollToTop()
	}
}

// onToggleText shows the page being read as text, or the drawn pages again.
func (r *ReaderView) onToggleText() {
	if r.doc == nil && !r.textMode {
		return
	}
	r.textMode = !r.textMode
	if r.textMode {
		r.textPage = max(r.current, 1)
		r.text.root.Show()
		r.textB.Importance = widget.HighImportance
		r.showText()
	} else {
		r.text.root.Hide()
		r.textB.Importance = widget.MediumImportance
	}
	r.u.win.Canvas().Unfocus() // the reading keys move through the pages
	r.textB.Refresh()
}

// leaveText goes back to the drawn pages (another paper is opened).
func (r *ReaderView) leaveText() {
	if r.textMode {
		r.onToggleText()
	}
}

// showText puts the text of the page being read in the text view.
func (r *ReaderView) showText() {
	if !r.textMode || r.doc == nil {
		return
	}
	n := r.textPage
	scanned := false
	for _, p := range r.pages {
		if p.Number == n {
			scanned = p.Scanned
		}
	}
	r.text.set(r.pageLabel(n), r.pageText(n), scanned)
}

// onTextKey moves a page at a time while the text is shown.
func (r *ReaderView) onTextKey(k fyne.KeyName) {
	n := r.textPage
	switch k {
	case fyne.KeyPageDown, fyne.KeyRight, fyne.KeySpace:
		n++
	case fyne.KeyPageUp, fyne.KeyLeft:
		n--
	case fyne.KeyHome:
		n = 1
	case fyne.KeyEnd:
		n = r.numPages
	case fyne.KeyDown, fyne.KeyUp:
		s := r.text.scroll
		step := s.Size().Height / 10
		if k == fyne.KeyUp {
			step = -step
		}
		y := min(max(s.Offset.Y+step, 0), max(s.Content.MinSize().Height-s.Size().Height, 0))
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, y))
		return
	default:
		return
	}
	r.goToPage(n)
	r.showText()
}

// pageKeys gives the pages a place in the Tab order: with the keyboard
// there, the reading keys (Page Down, arrows, Home, End) move through the
// paper, as they do when nothing has the keyboard, and an outline round
// the pages shows it. It takes no clicks: they reach the pages below.
type pageKeys struct {
	widget.BaseWidget
	onKey   func(*fyne.KeyEvent)
	ring    *canvas.Rectangle
	focused bool
	// onShift, when set, hears Shift pressed (true) and let go (false).
	onShift func(bool)
}

func newPageKeys(onKey func(*fyne.KeyEvent)) *pageKeys {
	k := &pageKeys{onKey: onKey, ring: canvas.NewRectangle(color.Transparent)}
	k.ExtendBaseWidget(k)
	return k
}

// FocusGained outlines the pages.
func (k *pageKeys) FocusGained() {
	k.focused = true
	widgets.FocusRing(k.ring, true)
	k.ring.Refresh()
}

// FocusLost takes the outline away.
func (k *pageKeys) FocusLost() {
	k.focused = false
	widgets.FocusRing(k.ring, false)
	k.ring.Refresh()
}

// TypedRune is needed for fyne.Focusable.
func (k *pageKeys) TypedRune(rune) {}

// TypedKey moves through the paper.
func (k *pageKeys) TypedKey(e *fyne.KeyEvent) { k.onKey(e) }

// KeyDown follows Shift, for Shift+F3.
func (k *pageKeys) KeyDown(e *fyne.KeyEvent) {
	if k.onShift != nil && isShift(e.Name) {
		k.onShift(true)
	}
}

// KeyUp follows Shift.
func (k *pageKeys) KeyUp(e *fyne.KeyEvent) {
	if k.onShift != nil && isShift(e.Name) {
		k.onShift(false)
	}
}

// CreateRenderer draws the outline.
func (k *pageKeys) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(k.ring) }

// MinSize is none: the outline fits the pages.
func (k *pageKeys) MinSize() fyne.Size { return fyne.Size{} }
