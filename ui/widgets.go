package ui

import (
	"context"
	"errors"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs/pdf"
)

// keyEntry is an entry that lets its view handle some keys first (Escape,
// arrows, F3) before the entry does.
type keyEntry struct {
	widget.Entry
	onKey func(*fyne.KeyEvent) bool // true: handled
}

func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey offers the key to the view, then to the entry.
func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(k) {
		return
	}
	e.Entry.TypedKey(k)
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

// PDFiumPages draws pages with PDFium: Open waits for engine (which starts
// in the background at launch, see docs.StartPDFiumInBackground) and opens
// the file in it.
func PDFiumPages(engine func(context.Context) (*pdf.PDFium, error)) PageSource {
	return pdfiumPages{engine: engine}
}

type pdfiumPages struct {
	engine func(context.Context) (*pdf.PDFium, error)
}

// Ready reports whether the engine has started, so that the reader can say
// it is starting rather than leave the member looking at "Opening…".
func (p pdfiumPages) Ready() bool {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := p.engine(ctx)
	return !errors.Is(err, context.Canceled)
}

// Open reads the file and opens it in the engine.
func (p pdfiumPages) Open(ctx context.Context, path, password string) (PageDoc, error) {
	eng, err := p.engine(ctx)
	if err != nil {
		return nil, fmt.Errorf("start the PDF engine: %w", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("open paper: %w", err)
	}
	d, err := eng.Open(data, password)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// themedRect is a rectangle filled with a theme colour, kept right when the
// system switches between light and dark.
type themedRect struct {
	widget.BaseWidget
	name fyne.ThemeColorName
	rect *canvas.Rectangle
}

func newThemedRect(name fyne.ThemeColorName) *themedRect {
	r := &themedRect{name: name, rect: canvas.NewRectangle(theme.Color(name))}
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer draws the rectangle.
func (r *themedRect) CreateRenderer() fyne.WidgetRenderer {
	return &themedRectRenderer{r: r}
}

type themedRectRenderer struct{ r *themedRect }

// Destroy has nothing to free.
func (t *themedRectRenderer) Destroy() {}

// Layout fills the space.
func (t *themedRectRenderer) Layout(s fyne.Size) { t.r.rect.Resize(s) }

// MinSize is none: the rectangle is a background.
func (t *themedRectRenderer) MinSize() fyne.Size { return fyne.Size{} }

// Objects is the rectangle.
func (t *themedRectRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{t.r.rect} }

// Refresh takes the colour from the theme now in use.
func (t *themedRectRenderer) Refresh() {
	t.r.rect.FillColor = theme.Color(t.r.name)
	t.r.rect.Refresh()
}

// border is container.NewBorder with its parts in reading order (top,
// left, centre, right, bottom): the order Tab moves through them. Fyne's
// own puts the centre first, so Tab would skip the bar above a view.
func border(top, bottom, left, right fyne.CanvasObject, centre ...fyne.CanvasObject) *fyne.Container {
	var all []fyne.CanvasObject
	for _, o := range []fyne.CanvasObject{top, left} {
		if o != nil {
			all = append(all, o)
		}
	}
	for _, o := range centre {
		if o != nil {
			all = append(all, o)
		}
	}
	for _, o := range []fyne.CanvasObject{right, bottom} {
		if o != nil {
			all = append(all, o)
		}
	}
	return container.New(layout.NewBorderLayout(top, bottom, left, right), all...)
}

// focusRing marks a row that has the keyboard: an outline in the theme's
// primary colour (3:1 and more against the window, see TestContrast) on a
// light fill, so that the row's text, primary-coloured or not, stays
// readable.
func focusRing(bg *canvas.Rectangle, focused bool) {
	if focused {
		bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		bg.StrokeWidth = 2
		return
	}
	bg.StrokeWidth = 0
}
