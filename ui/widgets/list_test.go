package widgets

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Tap does what a click on a row does: the list has the keyboard on that
// row, in Fyne's reckoning as in ours, so that the keys go on from it.
func TestListTapMovesTheKeyboard(t *testing.T) {
	test.NewTempApp(t)
	var chosen []widget.ListItemID
	l := NewList(func() int { return 10 }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject, _ bool) { o.(*widget.Label).SetText(strconv.Itoa(id)) })
	l.OnChosen = func(id widget.ListItemID) {
		chosen = append(chosen, id)
		l.Unselect(id)
	}
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(200, 400))

	for _, tc := range []struct{ tap, want widget.ListItemID }{{6, 7}, {2, 3}, {9, 9}, {12, 9}} {
		chosen = nil
		l.Tap(w.Canvas(), tc.tap)
		if w.Canvas().Focused() != l {
			t.Errorf("tap on %d: the list does not have the keyboard", tc.tap)
		}
		// Down then Enter: the row after the one tapped, in Fyne's list too.
		l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		l.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		want := []widget.ListItemID{tc.tap, tc.want}
		if tc.tap >= 10 {
			want = []widget.ListItemID{tc.want} // no such row: nothing chosen, the keyboard stays
		}
		if len(chosen) != len(want) || chosen[len(chosen)-1] != tc.want || l.Cursor() != tc.want {
			t.Errorf("tap on %d, Down, Enter: chose %v, cursor %d; want %v", tc.tap, chosen, l.Cursor(), want)
		}
	}
}
