package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ThemedRect is a rectangle filled with a theme colour, kept right when the
// system switches between light and dark.
type ThemedRect struct {
	widget.BaseWidget
	name fyne.ThemeColorName
	rect *canvas.Rectangle
}

// NewThemedRect makes a rectangle in the theme's colour name.
func NewThemedRect(name fyne.ThemeColorName) *ThemedRect {
	r := &ThemedRect{name: name, rect: canvas.NewRectangle(theme.Color(name))}
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer draws the rectangle.
func (r *ThemedRect) CreateRenderer() fyne.WidgetRenderer {
	return &themedRectRenderer{r: r}
}

type themedRectRenderer struct{ r *ThemedRect }

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

// FocusRing marks what has the keyboard: an outline in the theme's primary
// colour (3:1 and more against the window) on bg, whose fill stays light
// enough that text on it, primary-coloured or not, stays readable. The
// caller refreshes bg.
func FocusRing(bg *canvas.Rectangle, focused bool) {
	if focused {
		bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		bg.StrokeWidth = 2
		return
	}
	bg.StrokeWidth = 0
}
