package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FocusRow is a row of a list that does something when chosen: by a
// click, or by Enter or Space once it has the keyboard (Tab, or the arrow
// keys when OnMove moves them). It shows the pointer over it and the
// keyboard in it with the theme's hover tint (the focus adds FocusRing's
// outline), and the row chosen with the selection tint (SetSelected).
//
// A row with no action (OnTapped nil) is only shown: no tint, no pointing
// hand, and Tab passes it by.
type FocusRow struct {
	widget.BaseWidget

	// OnTapped is what choosing the row does; nil makes the row inert.
	OnTapped func()
	// OnMove, when set, takes the Down (+1) and Up (-1) keys, to move the
	// keyboard to the next or previous row.
	OnMove func(dir int)

	content  fyne.CanvasObject
	bg       *canvas.Rectangle
	selected bool
	hovered  bool
	focused  bool
}

// NewFocusRow makes a row showing content that calls onTapped when chosen.
func NewFocusRow(content fyne.CanvasObject, onTapped func()) *FocusRow {
	r := &FocusRow{OnTapped: onTapped, content: content}
	r.bg = canvas.NewRectangle(theme.Color(theme.ColorNameHover))
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.bg.Hide()
	r.ExtendBaseWidget(r)
	return r
}

// SetSelected marks the row as the one chosen (the agenda item being read,
// the draft open), or clears the mark.
func (r *FocusRow) SetSelected(on bool) {
	r.selected = on
	r.refreshBackground()
}

// Selected reports whether the row is marked as chosen.
func (r *FocusRow) Selected() bool { return r.selected }

// Focused reports whether the row has the keyboard.
func (r *FocusRow) Focused() bool { return r.focused }

// choosable reports whether the row does anything.
func (r *FocusRow) choosable() bool { return r.OnTapped != nil }

func (r *FocusRow) refreshBackground() {
	switch {
	case r.selected:
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
		r.bg.Show()
	case (r.hovered || r.focused) && r.choosable():
		// Text in the primary colour stays readable on the hover tint (on
		// the selection tint it would not: 4.3:1).
		r.bg.FillColor = theme.Color(theme.ColorNameHover)
		r.bg.Show()
	default:
		r.bg.Hide()
	}
	FocusRing(r.bg, r.focused)
	r.bg.Refresh()
}

// Tapped does what the row is for.
func (r *FocusRow) Tapped(*fyne.PointEvent) {
	if r.OnTapped != nil {
		r.OnTapped()
	}
}

// FocusGained shows the row has the keyboard.
func (r *FocusRow) FocusGained() { r.focused = true; r.refreshBackground() }

// FocusLost clears the focus mark.
func (r *FocusRow) FocusLost() { r.focused = false; r.refreshBackground() }

// TypedRune is needed for fyne.Focusable.
func (r *FocusRow) TypedRune(rune) {}

// TypedKey does what the row is for with Enter or Space; Down and Up go to
// OnMove.
func (r *FocusRow) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		r.Tapped(nil)
	case fyne.KeyDown:
		if r.OnMove != nil {
			r.OnMove(1)
		}
	case fyne.KeyUp:
		if r.OnMove != nil {
			r.OnMove(-1)
		}
	}
}

// Disabled keeps Tab from stopping at a row that does nothing.
func (r *FocusRow) Disabled() bool { return !r.choosable() }

// Enable is needed for fyne.Disableable; OnTapped decides.
func (r *FocusRow) Enable() {}

// Disable: see Enable.
func (r *FocusRow) Disable() {}

// MouseIn shows the row can be chosen.
func (r *FocusRow) MouseIn(*desktop.MouseEvent) { r.hovered = true; r.refreshBackground() }

// MouseMoved is needed for desktop.Hoverable.
func (r *FocusRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut ends the hover.
func (r *FocusRow) MouseOut() { r.hovered = false; r.refreshBackground() }

// Cursor is a pointing hand over a row that does something.
func (r *FocusRow) Cursor() desktop.Cursor {
	if r.choosable() {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// CreateRenderer lays the content over the background.
func (r *FocusRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.bg, r.content))
}
