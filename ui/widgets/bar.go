package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Bar is a row of tools that never cuts one off: when the row is too
// narrow for them all, the buttons that do not fit go, from the last, into
// a menu behind a "More" button at the end of the row, where the keyboard
// reaches them as well. Other tools (a box, a label, a choice) stay in the
// row, and a separator goes when the buttons after it have gone.
//
// Give a Bar the width it may use (the centre of a Border, a row of a
// VBox): in an HBox it would get only its minimum, and keep only its fixed
// tools.
type Bar struct {
	widget.BaseWidget

	tools     []fyne.CanvasObject
	labels    map[*widget.Button]string
	more      *widget.Button
	collapsed []*widget.Button // in the menu, in the row's order
	popup     *widget.PopUpMenu
}

// NewBar makes a bar of tools whose menu button says more.
func NewBar(more string, tools ...fyne.CanvasObject) *Bar {
	b := &Bar{tools: tools, labels: map[*widget.Button]string{}}
	b.more = widget.NewButtonWithIcon(more, theme.MoreHorizontalIcon(), b.showMenu)
	b.ExtendBaseWidget(b)
	return b
}

// SetMenuLabel names a button in the menu: one that shows only an icon in
// the row.
func (b *Bar) SetMenuLabel(btn *widget.Button, label string) { b.labels[btn] = label }

// Collapsed lists the buttons in the menu, in the row's order.
func (b *Bar) Collapsed() []*widget.Button { return b.collapsed }

// MoreButton is the button that opens the menu; it is hidden while every
// tool fits.
func (b *Bar) MoreButton() *widget.Button { return b.more }

// Menu is what the More button offers: the buttons that did not fit, each
// as a menu item doing what the button does, disabled as it is.
func (b *Bar) Menu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, btn := range b.collapsed {
		if !btn.Visible() {
			continue
		}
		label := btn.Text
		if l, ok := b.labels[btn]; ok {
			label = l
		}
		it := fyne.NewMenuItem(label, btn.OnTapped)
		it.Icon = btn.Icon
		it.Disabled = btn.Disabled()
		items = append(items, it)
	}
	return fyne.NewMenu("", items...)
}

// showMenu opens the menu under the More button.
func (b *Bar) showMenu() {
	c := fyne.CurrentApp().Driver().CanvasForObject(b.more)
	if c == nil || len(b.collapsed) == 0 {
		return
	}
	b.popup = widget.NewPopUpMenu(b.Menu(), c)
	b.popup.ShowAtRelativePosition(fyne.NewPos(0, b.more.Size().Height), b.more)
}

// CreateRenderer lays the tools out in a row.
func (b *Bar) CreateRenderer() fyne.WidgetRenderer {
	r := &barRenderer{b: b}
	r.objects = append(append([]fyne.CanvasObject{}, b.tools...), b.more)
	b.more.Hide()
	return r
}

type barRenderer struct {
	b       *Bar
	objects []fyne.CanvasObject // the tools in the row (and those hidden), and More
}

// Destroy has nothing to free.
func (r *barRenderer) Destroy() {}

// Objects are the tools in the row and the More button.
func (r *barRenderer) Objects() []fyne.CanvasObject { return r.objects }

// collapsible reports whether a tool can go into the menu (a button) or
// away (a separator).
func collapsible(o fyne.CanvasObject) bool {
	switch o.(type) {
	case *widget.Button, *widget.Separator:
		return true
	}
	return false
}

// MinSize is the row of the tools that cannot go, and the More button.
func (r *barRenderer) MinSize() fyne.Size {
	pad := theme.Padding()
	more := r.b.more.MinSize()
	w, h := more.Width, more.Height
	for _, t := range r.b.tools {
		if !t.Visible() {
			continue
		}
		m := t.MinSize()
		h = max(h, m.Height)
		if !collapsible(t) {
			w += m.Width + pad
		}
	}
	return fyne.NewSize(w, h)
}

// Layout puts as many tools in the row as fit, from the first, moving the
// buttons that do not into the menu.
func (r *barRenderer) Layout(size fyne.Size) {
	var shown []fyne.CanvasObject
	for _, t := range r.b.tools {
		if t.Visible() {
			shown = append(shown, t)
		}
	}
	gone := map[fyne.CanvasObject]bool{}
	row := rowOf(shown, gone)
	if width(row) > size.Width {
		room := size.Width - r.b.more.MinSize().Width - theme.Padding()
		for i := len(shown) - 1; i >= 0 && width(row) > room; i-- {
			if btn, ok := shown[i].(*widget.Button); ok {
				gone[btn] = true
				row = rowOf(shown, gone)
			}
		}
	}
	r.b.collapsed = r.b.collapsed[:0]
	for _, t := range shown {
		if gone[t] {
			r.b.collapsed = append(r.b.collapsed, t.(*widget.Button))
		}
	}
	var x float32
	for _, t := range row {
		w := t.MinSize().Width
		t.Move(fyne.NewPos(x, 0))
		t.Resize(fyne.NewSize(w, size.Height))
		x += w + theme.Padding()
	}
	// Hidden tools stay among the objects, undrawn, so that Fyne lays the
	// row out again when one is shown.
	inRow := map[fyne.CanvasObject]bool{}
	for _, t := range row {
		inRow[t] = true
	}
	r.objects = r.objects[:0]
	for _, t := range r.b.tools {
		if !t.Visible() || inRow[t] {
			r.objects = append(r.objects, t)
		}
	}
	r.objects = append(r.objects, r.b.more)
	if len(r.b.collapsed) > 0 {
		r.b.more.Move(fyne.NewPos(x, 0))
		r.b.more.Resize(fyne.NewSize(r.b.more.MinSize().Width, size.Height))
		r.b.more.Show()
	} else {
		r.b.more.Hide()
	}
}

// rowOf is the row of the tools shown less those gone: a separator stays
// only between two tools still in the row.
func rowOf(shown []fyne.CanvasObject, gone map[fyne.CanvasObject]bool) []fyne.CanvasObject {
	var row []fyne.CanvasObject
	for _, t := range shown {
		if gone[t] || isSeparator(t) && (len(row) == 0 || isSeparator(row[len(row)-1])) {
			continue
		}
		row = append(row, t)
	}
	for len(row) > 0 && isSeparator(row[len(row)-1]) {
		row = row[:len(row)-1]
	}
	return row
}

// width is a row's width at its tools' minimum sizes.
func width(row []fyne.CanvasObject) float32 {
	var w float32
	for i, t := range row {
		if i > 0 {
			w += theme.Padding()
		}
		w += t.MinSize().Width
	}
	return w
}

func isSeparator(o fyne.CanvasObject) bool {
	_, ok := o.(*widget.Separator)
	return ok
}

// Refresh lays the row out again: a tool may have been shown or hidden.
func (r *barRenderer) Refresh() {
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}
