package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestFocusRowKeyboard(t *testing.T) {
	test.NewTempApp(t)
	chosen := 0
	row := NewFocusRow(widget.NewLabel("Audit Committee — Friday 27 October 2023"), func() { chosen++ })
	row.FocusGained()
	if !row.bg.Visible() || row.bg.StrokeWidth == 0 {
		t.Error("a focused row shows no focus")
	}
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeySpace, fyne.KeyA, fyne.KeyDown} {
		row.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if chosen != 2 {
		t.Errorf("chosen %d times by Enter, Space, A and Down", chosen)
	}
	row.FocusLost()
	if row.bg.Visible() {
		t.Error("the focus mark stays")
	}
	test.Tap(row)
	if chosen != 3 {
		t.Error("a click does not choose the row")
	}
}

func TestFocusRowArrowsMove(t *testing.T) {
	test.NewTempApp(t)
	var moves []int
	row := NewFocusRow(widget.NewLabel("a result"), func() {})
	row.OnMove = func(dir int) { moves = append(moves, dir) }
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyUp, fyne.KeyLeft} {
		row.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if len(moves) != 2 || moves[0] != 1 || moves[1] != -1 {
		t.Errorf("moves %v, want [1 -1]", moves)
	}
}

// TestFocusRowTints checks the tints: the selection wins over the hover,
// and a row that does nothing shows neither hover nor pointer and is
// passed by Tab.
func TestFocusRowTints(t *testing.T) {
	test.NewTempApp(t)
	row := NewFocusRow(widget.NewLabel("Item 5"), func() {})
	row.MouseIn(nil)
	if !row.bg.Visible() || row.bg.FillColor != theme.Color(theme.ColorNameHover) {
		t.Error("hovering shows no hover tint")
	}
	row.SetSelected(true)
	if !row.Selected() || row.bg.FillColor != theme.Color(theme.ColorNameSelection) {
		t.Error("the selected row is not in the selection tint")
	}
	row.MouseOut()
	row.SetSelected(false)
	if row.bg.Visible() {
		t.Error("a row neither hovered, focused nor selected is tinted")
	}

	inert := NewFocusRow(widget.NewLabel("Questions on notice"), nil)
	inert.MouseIn(nil)
	if inert.bg.Visible() || inert.Cursor() != desktop.DefaultCursor || !inert.Disabled() {
		t.Error("a heading looks choosable")
	}
	inert.Tapped(nil) // does nothing, and does not panic
	inert.SetSelected(true)
	if !inert.bg.Visible() {
		t.Error("a heading cannot be shown as the current one")
	}
	if row.Disabled() || row.Cursor() != desktop.PointerCursor {
		t.Error("a row that does something is not offered as one")
	}
}

func TestKeyEntrySeesKeysFirst(t *testing.T) {
	test.NewTempApp(t)
	e := NewKeyEntry()
	var seen []fyne.KeyName
	e.OnKey = func(k *fyne.KeyEvent) bool {
		seen = append(seen, k.Name)
		return k.Name == fyne.KeyEscape
	}
	test.Type(e, "ab")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if e.Text != "a" || len(seen) != 2 {
		t.Errorf("text %q, keys seen %v", e.Text, seen)
	}
}

func TestEditEntryTellsWhenLeft(t *testing.T) {
	test.NewTempApp(t)
	left := 0
	e := NewEditEntry(func() { left++ })
	w := test.NewTempWindow(t, e)
	w.Canvas().Focus(e)
	w.Canvas().Unfocus()
	if left != 1 {
		t.Errorf("told %d times", left)
	}
}

func TestBorderKeepsReadingOrder(t *testing.T) {
	top, left, centre, right, bottom := widget.NewLabel("t"), widget.NewLabel("l"), widget.NewLabel("c"), widget.NewLabel("r"), widget.NewLabel("b")
	c := Border(top, bottom, left, right, centre)
	want := []fyne.CanvasObject{top, left, centre, right, bottom}
	for i, o := range c.Objects {
		if o != want[i] {
			t.Fatalf("object %d out of reading order", i)
		}
	}
	if len(Border(nil, nil, nil, nil, nil).Objects) != 0 {
		t.Error("nil parts are kept")
	}
}

func TestInsetLayout(t *testing.T) {
	o := widget.NewLabel("x")
	(&InsetLayout{Right: 10, Bottom: 5}).Layout([]fyne.CanvasObject{o}, fyne.NewSize(100, 50))
	if o.Size() != fyne.NewSize(90, 45) {
		t.Errorf("size %v", o.Size())
	}
}

func TestProseEntryAndEditEntryLeaveTab(t *testing.T) {
	test.NewTempApp(t)
	for _, e := range []fyne.Tabbable{NewProseEntry(), NewEditEntry(nil)} {
		if e.AcceptsTab() {
			t.Errorf("%T keeps Tab", e)
		}
	}
	if !NewProseEntry().MultiLine {
		t.Error("a ProseEntry has one line")
	}
}

func TestListEnterAndFocusedRow(t *testing.T) {
	test.NewTempApp(t)
	focusedRow := map[widget.ListItemID]bool{}
	l := NewList(func() int { return 3 }, func() fyne.CanvasObject { return widget.NewLabel("row") },
		func(id widget.ListItemID, o fyne.CanvasObject, focused bool) { focusedRow[id] = focused })
	var chosen []widget.ListItemID
	l.OnChosen = func(id widget.ListItemID) { chosen = append(chosen, id); l.Unselect(id) }
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(200, 300))
	w.Canvas().Focus(l)
	if !focusedRow[0] {
		t.Error("row 0 not told it has the keyboard")
	}
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyDown, fyne.KeyUp} {
		l.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if l.Cursor() != 1 || !focusedRow[1] || focusedRow[2] || focusedRow[0] {
		t.Errorf("cursor %d, rows told %v; want row 1 alone", l.Cursor(), focusedRow)
	}
	l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	l.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if len(chosen) != 2 || chosen[0] != 1 || chosen[1] != 1 {
		t.Errorf("chosen %v, want row 1 by Enter then Space", chosen)
	}
	w.Canvas().Unfocus()
	if focusedRow[1] || l.HasFocus() {
		t.Error("row 1 still told it has the keyboard")
	}
}
