package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// List is widget.List as a keyboard user needs it: Enter chooses the row
// that has the keyboard, as Space does, and each row is told whether it has
// the keyboard, so that it can draw FocusRing round itself (Fyne marks it
// only with the faint hover tint).
//
// Fyne keeps the row with the keyboard to itself; List follows it by doing
// what Fyne does with the same keys and taps.
type List struct {
	widget.List

	// OnChosen is called with the row chosen by a click, Enter or Space.
	OnChosen func(id widget.ListItemID)

	focused bool              // the list has the keyboard
	cursor  widget.ListItemID // the row that has it within the list
}

// NewList makes a list of length rows made by create and filled by update,
// which is told whether the row has the keyboard.
func NewList(length func() int, create func() fyne.CanvasObject, update func(id widget.ListItemID, o fyne.CanvasObject, focused bool)) *List {
	l := &List{}
	l.Length = length
	l.CreateItem = create
	l.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) { update(id, o, l.focused && l.cursor == id) }
	l.List.OnSelected = l.onSelected
	l.ExtendBaseWidget(l)
	return l
}

// Cursor is the row that has the keyboard when the list has it.
func (l *List) Cursor() widget.ListItemID { return l.cursor }

// HasFocus reports whether the list has the keyboard.
func (l *List) HasFocus() bool { return l.focused }

// onSelected follows the row chosen (a click gives it the keyboard too).
func (l *List) onSelected(id widget.ListItemID) {
	l.cursor = id
	if l.OnChosen != nil {
		l.OnChosen(id)
	}
}

// Tap does what a click on row id does in Fyne's list: the list takes the
// keyboard (in canvas c), on that row, and the row is chosen. A row that
// takes clicks itself, to have a menu on a right click (Fyne's rows have
// none), calls it: Fyne's row then never sees the click.
func (l *List) Tap(c fyne.Canvas, id widget.ListItemID) {
	if n := l.Length; id < 0 || n == nil || id >= n() {
		return
	}
	if c != nil {
		c.Focus(l)
	}
	// Fyne keeps the row with the keyboard to itself: its arrow keys move
	// it there, as they move ours.
	for l.cursor < id {
		l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	for l.cursor > id {
		l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	}
	l.Select(id)
}

// FocusGained marks the row that has the keyboard.
func (l *List) FocusGained() {
	l.focused = true
	l.List.FocusGained()
}

// FocusLost clears the mark.
func (l *List) FocusLost() {
	l.focused = false
	l.List.FocusLost()
}

// TypedKey chooses the row with Enter, and moves with Up and Down as Fyne
// does, keeping count.
func (l *List) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		e = &fyne.KeyEvent{Name: fyne.KeySpace, Physical: e.Physical}
	case fyne.KeyDown:
		if n := l.Length; n == nil || l.cursor >= n()-1 {
			return
		}
		l.cursor++
	case fyne.KeyUp:
		if l.cursor <= 0 {
			return
		}
		l.cursor--
	}
	l.List.TypedKey(e)
}
