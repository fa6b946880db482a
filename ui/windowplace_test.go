package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// fakeScreen is a screen with one work area, remembering where the window
// was moved.
type fakeScreen struct {
	at    fyne.Position
	area  fyne.Size
	known bool
	moves []fyne.Position
}

func (s *fakeScreen) WorkArea() (fyne.Position, fyne.Size, bool) { return s.at, s.area, s.known }
func (s *fakeScreen) Place() (fyne.Position, bool) {
	if len(s.moves) == 0 {
		return fyne.Position{}, false
	}
	return s.moves[len(s.moves)-1], true
}
func (s *fakeScreen) Move(p fyne.Position) { s.moves = append(s.moves, p) }

func TestFitWindow(t *testing.T) {
	at := func(x, y float32) *fyne.Position { p := fyne.NewPos(x, y); return &p }
	cases := []struct {
		name     string
		want     fyne.Size
		place    *fyne.Position
		areaAt   fyne.Position
		area     fyne.Size
		wantSize fyne.Size
		wantAt   fyne.Position
	}{
		// A 1366×768 laptop: a 40-point taskbar and a 30-point title bar.
		{"laptop, first start", roomySize, nil, fyne.NewPos(0, 30), fyne.NewSize(1366, 698), fyne.NewSize(1200, 698), fyne.NewPos(83, 30)},
		// A 1024×600 netbook, panel at the top.
		{"netbook", roomySize, nil, fyne.NewPos(0, 64), fyne.NewSize(1024, 536), fyne.NewSize(1024, 536), fyne.NewPos(0, 64)},
		{"a big screen", roomySize, nil, fyne.NewPos(0, 30), fyne.NewSize(1920, 1010), roomySize, fyne.NewPos(360, 145)},
		{"the place it had", fyne.NewSize(900, 500), at(200, 100), fyne.NewPos(0, 30), fyne.NewSize(1366, 698), fyne.NewSize(900, 500), fyne.NewPos(200, 100)},
		// Last on a second screen, now unplugged: brought back whole.
		{"place off the screen", fyne.NewSize(900, 500), at(2500, 900), fyne.NewPos(0, 30), fyne.NewSize(1366, 698), fyne.NewSize(900, 500), fyne.NewPos(466, 228)},
		{"a second screen on the left", fyne.NewSize(900, 500), at(-1500, 100), fyne.NewPos(-1920, 0), fyne.NewSize(1920, 1050), fyne.NewSize(900, 500), fyne.NewPos(-1500, 100)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			size, pos := fitWindow(c.want, c.place, c.areaAt, c.area)
			if size != c.wantSize || pos != c.wantAt {
				t.Errorf("got %v at %v, want %v at %v", size, pos, c.wantSize, c.wantAt)
			}
		})
	}
}

// TestWindowFitsAndComesBack checks the window fits the screen it opens on,
// and opens at its last size and place.
func TestWindowFitsAndComesBack(t *testing.T) {
	a := test.NewTempApp(t)
	lib := newFakeLib(t)
	open := func(scr Screen) (*UI, fyne.Window) {
		w := test.NewTempWindow(t, nil)
		u := newUI(a, w, Deps{Library: lib, Pages: &fakePages{lib: lib}, Screen: scr}, newAsync(true))
		t.Cleanup(u.Close)
		u.async.settle(u.renderer.Wait)
		return u, w
	}
	netbook := &fakeScreen{at: fyne.NewPos(0, 64), area: fyne.NewSize(1024, 536), known: true}
	_, w := open(netbook)
	if got := w.Canvas().Size(); got != fyne.NewSize(1024, 536) {
		t.Errorf("on a 1024×600 screen the window is %v", got)
	}

	// Unknown screen: the small size.
	u, w := open(&fakeScreen{})
	if got := w.Canvas().Size(); got != smallSize {
		t.Errorf("with the screen unknown the window is %v, want %v", got, smallSize)
	}
	if _, w := open(nil); w.Canvas().Size() != smallSize {
		t.Error("with no screen at all the window is not the small size")
	}

	// Resized and moved by the member, then closed: it comes back so.
	laptop := &fakeScreen{at: fyne.NewPos(0, 30), area: fyne.NewSize(1366, 698), known: true}
	u, w = open(laptop)
	w.Resize(fyne.NewSize(900, 500))
	laptop.Move(fyne.NewPos(200, 100))
	u.onQuit()
	laptop.moves = nil
	_, w = open(laptop)
	if got := w.Canvas().Size(); got != fyne.NewSize(900, 500) {
		t.Errorf("reopened at %v, want the 900×500 it had", got)
	}
	if p, _ := laptop.Place(); p != fyne.NewPos(200, 100) {
		t.Errorf("reopened at %v, want (200, 100)", p)
	}
	// The same size on the netbook is kept within its screen.
	_, w = open(netbook)
	if got := w.Canvas().Size(); got != fyne.NewSize(900, 500) {
		t.Errorf("on the netbook %v", got)
	}
	a.Preferences().SetFloat(prefWindowWidth, 1300)
	a.Preferences().SetFloat(prefWindowHeight, 700)
	_, w = open(netbook)
	if got := w.Canvas().Size(); got != fyne.NewSize(1024, 536) {
		t.Errorf("a size larger than the screen gives %v", got)
	}
}

// overflow lists the buttons drawn outside the canvas (not inside a
// scroll, whose content may run on): a button the member cannot reach.
func overflow(c fyne.Canvas) []string {
	var out []string
	size := c.Size()
	var visit func(o fyne.CanvasObject, at fyne.Position)
	visit = func(o fyne.CanvasObject, at fyne.Position) {
		if o == nil || !o.Visible() {
			return
		}
		pos := at.Add(o.Position())
		if b, ok := o.(*widget.Button); ok {
			if pos.X+b.Size().Width > size.Width+0.5 || pos.Y+b.Size().Height > size.Height+0.5 || pos.X < -0.5 {
				out = append(out, b.Text)
			}
		}
		switch o := o.(type) {
		case *container.Scroll:
			return
		case *fyne.Container:
			for _, ch := range o.Objects {
				visit(ch, pos)
			}
		case fyne.Widget:
			for _, ch := range test.WidgetRenderer(o).Objects() {
				visit(ch, pos)
			}
		}
	}
	visit(c.Content(), fyne.Position{})
	for _, o := range c.Overlays().List() {
		visit(o, fyne.Position{})
	}
	return out
}

// TestNothingCutOffOnASmallScreen shows each view in a window the size of
// a 1024×600 laptop's: no button is cut off, the views need no more room
// than that, and the selection menu's Copy is on the window.
func TestNothingCutOffOnASmallScreen(t *testing.T) {
	f := newQFixture(t)
	c := f.w.Canvas()
	if c.Size() != smallSize {
		t.Fatalf("window %v, want %v", c.Size(), smallSize)
	}
	check := func(view string) {
		t.Helper()
		f.settle()
		layOut(c.Content())
		layOut(c.Content())
		if m := c.Content().MinSize(); m.Width > smallSize.Width || m.Height > smallSize.Height {
			t.Errorf("%s needs %v, more than the window", view, m)
		}
		if cut := overflow(c); len(cut) > 0 {
			t.Errorf("%s: cut off: %q", view, cut)
		}
	}
	check("papers")
	f.openAt(9)
	check("reader")
	f.menuItem("Notes for this meeting").Action()
	check("notes")
	f.menuItem("Search all papers").Action()
	test.Type(f.u.Search.query, "Tywi")
	check("search")
	f.newQuestion()
	check("questions")

	// Words selected low on the page: the menu stays on the window.
	f.openAt(9)
	l := f.u.Reader.notes
	l.showMenu(l.selectionMenu(), fyne.NewPos(smallSize.Width-20, smallSize.Height-20))
	if l.popup == nil {
		t.Fatal("no menu")
	}
	if p, s := l.popup.Position(), l.popup.Size(); p.Y+s.Height > smallSize.Height+0.5 || p.X+s.Width > smallSize.Width+0.5 {
		t.Errorf("the selection menu at %v, %v runs off the window", p, s)
	}
}
