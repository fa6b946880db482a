package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// tabOrder moves the keyboard with Tab from nothing focused, n times, and
// returns what had it at each step.
func tabOrder(c fyne.Canvas, n int) []fyne.Focusable {
	c.Unfocus()
	var out []fyne.Focusable
	for range n {
		c.FocusNext()
		out = append(out, c.Focused())
	}
	return out
}

func indexOf(order []fyne.Focusable, want fyne.Focusable) int {
	for i, f := range order {
		if f == want {
			return i
		}
	}
	return -1
}

// TestTabOrderFollowsReading checks Tab goes as a member reads: the bar
// first (the way home, the search box), then the view's own bar, then its
// content, in the papers list and in the reader; and that every stop can
// be worked from the keyboard.
func TestTabOrderFollowsReading(t *testing.T) {
	f := newFixture(t, nil)
	c := f.w.Canvas()
	order := tabOrder(c, 2)
	if order[0] != f.u.Search.query || order[1] != f.u.Library.list {
		t.Errorf("papers view: Tab goes to %T then %T; want the search box, then the list", order[0], order[1])
	}

	f.openFromList(f.pack)
	r := f.u.Reader
	var item5 *agendaRow
	for _, row := range r.agenda.rows {
		if row.item != nil && row.item.Number == "5" {
			item5 = row
		}
	}
	order = tabOrder(c, 60)
	want := []struct {
		name string
		obj  fyne.Focusable
	}{
		{"the way back to the papers", f.u.home},
		{"the search box", f.u.Search.query},
		{"the agenda button", r.agendaB},
		{"go to page", r.goTo},
		{"page text", r.textB},
		{"agenda item 5", item5.row},
		{"the pages", r.keys},
	}
	last := -1
	for _, w := range want {
		i := indexOf(order, w.obj)
		if i < 0 {
			t.Errorf("Tab never reaches %s", w.name)
			continue
		}
		if i < last {
			t.Errorf("Tab reaches %s before what is above or left of it", w.name)
		}
		last = i
	}

	// An agenda item chosen from the keyboard.
	c.Focus(item5.row)
	if !item5.row.Focused() {
		t.Error("the agenda row does not have the keyboard")
	}
	item5.row.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.settle()
	if r.current != 9 {
		t.Errorf("Enter on item 5 went to page %d, want 9", r.current)
	}

	// The pages, reached with Tab, take the reading keys.
	c.Focus(r.keys)
	if r.keys.ring.StrokeWidth == 0 {
		t.Error("the pages show no focus")
	}
	r.keys.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	f.settle()
	if r.current != r.numPages {
		t.Errorf("End on the pages went to page %d of %d", r.current, r.numPages)
	}
}
