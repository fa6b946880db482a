package ui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"panelpapers/ui/widgets"
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

// pressKey sends a key to canvas c as the desktop driver does: Tab moves
// the keyboard on unless the focused widget takes Tab itself; other keys
// go to the focused widget, or to the window when nothing is focused.
func pressKey(c fyne.Canvas, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	f := c.Focused()
	if k == fyne.KeyTab {
		if t, ok := f.(fyne.Tabbable); !ok || !t.AcceptsTab() {
			c.FocusNext()
			return
		}
	}
	if f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// walk calls fn on o and everything inside it, shown or hidden.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	fn(o)
	switch o := o.(type) {
	case *fyne.Container:
		for _, c := range o.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(o).Objects() {
			walk(c, fn)
		}
	}
}

// TestTabLeavesEveryTextField checks that no text field of the window
// keeps Tab (none holds code): in every view, the settings and the note
// and deadline-rule dialogs; and that Tab in the question box moves on
// and types nothing.
func TestTabLeavesEveryTextField(t *testing.T) {
	f := newQFixture(t)
	f.newQuestion()
	f.u.Settings.onOpen()
	f.settle()
	f.q.onRules()
	l := f.openAt(9)
	f.dragOver(9, "the Chair expressed concern")
	f.choose("Highlight and add a comment…")
	_ = l

	var roots []fyne.CanvasObject
	roots = append(roots, f.u.Library.root, f.u.Reader.root, f.u.Search.root, f.u.Questions.root, f.u.Notes.root,
		f.w.Canvas().Content(), f.u.Settings.root)
	roots = append(roots, f.w.Canvas().Overlays().List()...)
	seen := 0
	for _, r := range roots {
		walk(r, func(o fyne.CanvasObject) {
			if e, ok := o.(fyne.Tabbable); ok {
				seen++
				if e.AcceptsTab() {
					t.Errorf("%T keeps Tab: it types a tab character instead of moving on", o)
				}
			}
		})
	}
	if seen < 10 {
		t.Errorf("only %d text fields found: the walk misses some", seen)
	}
	f.u.Notes.editor.dialog.Hide()
	for _, o := range f.w.Canvas().Overlays().List() {
		o.Hide()
	}

	// The question box, as the issue found it.
	f.u.Questions.open()
	f.settle()
	c := f.w.Canvas()
	c.Focus(f.q.body)
	test.Type(f.q.body, "Dyfed-Pow")
	pressKey(c, fyne.KeyTab)
	if strings.Contains(f.q.body.Text, "\t") {
		t.Errorf("Tab typed into the question: %q", f.q.body.Text)
	}
	if c.Focused() == f.q.body {
		t.Error("Tab left the keyboard in the question box")
	}
}

// TestEnterAndEscapeCloseDialogs checks the keys close a message as OK
// does, over the window and over the settings, and that the settings
// close with Escape (from a box too) and with their Close button.
func TestEnterAndEscapeCloseDialogs(t *testing.T) {
	f := newFixture(t, nil)
	c := f.w.Canvas()
	for _, k := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn, fyne.KeyEnter} {
		f.u.showError("This paper cannot be opened", errors.New("gone"))
		if c.Overlays().Top() == nil {
			t.Fatal("no message shown")
		}
		pressKey(c, k)
		if c.Overlays().Top() != nil {
			t.Errorf("%s left the message open", k)
		}
	}
	// With no message open, Escape is the window's again.
	f.menuItem("Search all papers").Action()
	f.u.showError("Search", errors.New("x"))
	c.Unfocus()
	pressKey(c, fyne.KeyEscape)
	if f.u.view != f.u.Search.root {
		t.Error("the Escape that closed the message also closed search")
	}
	pressKey(c, fyne.KeyEscape)
	if f.u.view == f.u.Search.root {
		t.Error("Escape did not close search once the message was gone")
	}

	s := f.u.Settings
	s.onOpen()
	f.settle()
	sc := s.win.Canvas()
	s.showError("The committees could not be listed", errors.New("offline"))
	pressKey(sc, fyne.KeyEscape)
	if s.win == nil || sc.Overlays().Top() != nil {
		t.Fatal("Escape over a message in the settings should close the message alone")
	}
	pressKey(sc, fyne.KeyEscape)
	if s.win != nil {
		t.Error("Escape did not close the settings")
	}
	s.onOpen()
	test.Tap(s.closeB)
	if s.win != nil {
		t.Error("Close did not close the settings")
	}
	s.onOpen()
	if s.site != nil {
		s.win.Canvas().Focus(s.site)
		pressKey(s.win.Canvas(), fyne.KeyEscape)
		if s.win != nil {
			t.Error("Escape in the site's box did not close the settings")
		}
	}
}

// ringed lists the papers-list rows drawn with the focus ring.
func ringed(l *widgets.List) []*libRowView {
	var out []*libRowView
	walk(l, func(o fyne.CanvasObject) {
		if r, ok := o.(*libRowView); ok && r.Visible() && r.ring.StrokeWidth > 0 {
			out = append(out, r)
		}
	})
	return out
}

// TestPapersListKeyboard checks the row with the keyboard has a ring that
// follows the arrow keys, and that Enter opens the paper.
func TestPapersListKeyboard(t *testing.T) {
	f := newFixture(t, nil)
	c := f.w.Canvas()
	l := f.u.Library.list
	layOut(c.Content())
	c.Focus(l)
	if got := ringed(l); len(got) != 1 || got[0].heading.Text != samplePanel {
		t.Fatalf("with the keyboard in the list, %d rows ringed; want the committee's", len(got))
	}
	pressKey(c, fyne.KeyDown) // the meeting
	pressKey(c, fyne.KeyDown) // its reports pack
	got := ringed(l)
	if len(got) != 1 || got[0].title.Text != paperTitle(f.pack) {
		t.Fatalf("%d rows ringed after Down, Down; want the reports pack's", len(got))
	}
	if b := got[0].ring.StrokeColor; b != theme.Color(theme.ColorNamePrimary) {
		t.Errorf("ring in %v, want the primary colour (3:1 against the row, TestContrast)", b)
	}
	pressKey(c, fyne.KeyReturn)
	f.settle()
	if f.u.view != f.u.Reader.root || f.u.Reader.version == nil || f.u.Reader.version.SHA256 != f.pack.SHA256 {
		t.Fatal("Enter did not open the paper")
	}
	c.Focus(l)
	c.Unfocus()
	if len(ringed(l)) != 0 {
		t.Error("the ring stays once the list has lost the keyboard")
	}
}

// TestCtrlQQuits checks Quit is in the Papers menu with Ctrl+Q, standing
// in for Fyne's own Quit (which has no shortcut).
func TestCtrlQQuits(t *testing.T) {
	f := newFixture(t, nil)
	quits := 0
	f.u.quit = func() { quits++ }
	want := (&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}).ShortcutName()
	first := f.u.menu.Items[0].Items
	last := first[len(first)-1]
	if !last.IsQuit || last.Shortcut == nil || last.Shortcut.ShortcutName() != want {
		t.Fatalf("the Papers menu ends with %q (quit %v), want Quit with Ctrl+Q", last.Label, last.IsQuit)
	}
	last.Action()
	if quits != 1 {
		t.Errorf("Quit quit %d times", quits)
	}
}
