package ui

import (
	"math"

	"fyne.io/fyne/v2"
)

// Screen is what the window can learn of the screen it is on; main adapts
// the windowing system to it, as Fyne has no way to ask. Any answer may be
// unknown (ok false): some systems keep the window's place to themselves
// (Wayland), and there is no screen before the window has one.
type Screen interface {
	// WorkArea is the part of the screen the window is on that its content
	// may fill: the screen less taskbars and docks and the window's own
	// title bar and borders, with where it starts on the desktop, in the
	// window's units.
	WorkArea() (at fyne.Position, size fyne.Size, ok bool)
	// Place is where the window's content starts on the desktop.
	Place() (fyne.Position, bool)
	// Move puts the window's content at p on the desktop.
	Move(p fyne.Position)
}

// The window's size and place, kept in Fyne's preferences: they belong to
// this computer's screen, not to the library (which may be on a stick).
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
	prefWindowX      = "window.x"
	prefWindowY      = "window.y"
)

var (
	// roomySize is the size the window opens at the first time, when the
	// screen has room for it.
	roomySize = fyne.NewSize(1200, 780)
	// smallSize is the size it opens at when the screen cannot be told: it
	// fits a 1024×600 screen (a small laptop) with a taskbar and a title
	// bar. The headless tests draw the window at this size.
	smallSize = fyne.NewSize(1000, 520)
)

// fitWindow is the window's size and place on a work area: the size
// wanted, no larger than the area, at place (or centred when place is
// nil), moved to lie wholly within the area.
func fitWindow(want fyne.Size, place *fyne.Position, areaAt fyne.Position, area fyne.Size) (fyne.Size, fyne.Position) {
	size := fyne.NewSize(min(want.Width, area.Width), min(want.Height, area.Height))
	at := areaAt.Add(fyne.NewPos((area.Width-size.Width)/2, (area.Height-size.Height)/2))
	if place != nil {
		at = *place
	}
	at.X = min(max(at.X, areaAt.X), areaAt.X+area.Width-size.Width)
	at.Y = min(max(at.Y, areaAt.Y), areaAt.Y+area.Height-size.Height)
	return size, at
}

// savedWindow is the size and place the window had when last closed on
// this computer (nil when not known).
func (u *UI) savedWindow() (size *fyne.Size, place *fyne.Position) {
	p := u.app.Preferences()
	if w, h := p.Float(prefWindowWidth), p.Float(prefWindowHeight); w > 0 && h > 0 {
		size = &fyne.Size{Width: float32(w), Height: float32(h)}
	}
	x, y := p.FloatWithFallback(prefWindowX, math.NaN()), p.FloatWithFallback(prefWindowY, math.NaN())
	if !math.IsNaN(x) && !math.IsNaN(y) {
		place = &fyne.Position{X: float32(x), Y: float32(y)}
	}
	return size, place
}

// placeWindow sizes and places the window for the screen it opens on: the
// size and place it had last time, or a roomy size in the middle, within
// the part of the screen windows may use; with no screen to ask, the last
// size or one that fits a small laptop. New calls it before the window
// shows and again once it has (when its screen and title bar are known).
func (u *UI) placeWindow() {
	saved, place := u.savedWindow()
	scr := u.deps.Screen
	if scr == nil {
		u.win.Resize(orSize(saved, smallSize))
		return
	}
	if place != nil {
		scr.Move(*place) // first: the work area is that of the screen it is then on
	}
	areaAt, area, ok := scr.WorkArea()
	if !ok || area.Width <= 0 || area.Height <= 0 {
		u.win.Resize(orSize(saved, smallSize))
		return
	}
	size, at := fitWindow(orSize(saved, roomySize), place, areaAt, area)
	u.win.Resize(size)
	scr.Move(at)
}

// rememberWindow keeps the window's size and place for the next start.
func (u *UI) rememberWindow() {
	p := u.app.Preferences()
	s := u.win.Canvas().Size()
	if s.Width <= 0 || s.Height <= 0 {
		return
	}
	p.SetFloat(prefWindowWidth, float64(s.Width))
	p.SetFloat(prefWindowHeight, float64(s.Height))
	if u.deps.Screen == nil {
		return
	}
	if at, ok := u.deps.Screen.Place(); ok {
		p.SetFloat(prefWindowX, float64(at.X))
		p.SetFloat(prefWindowY, float64(at.Y))
	}
}

func orSize(s *fyne.Size, def fyne.Size) fyne.Size {
	if s == nil {
		return def
	}
	return *s
}
