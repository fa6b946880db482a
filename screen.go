//go:build !nowindow

package main

import (
	"reflect"
	"unsafe"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// glfwScreen tells the window about its screen (ui.Screen) from GLFW, which
// Fyne draws with but does not expose: Fyne 2.7 can neither say how large
// the screen is nor where a window is. This file is that sharp edge, alone:
//
//   - The screens' work areas are GLFW's (glfw.GetMonitors), safe once
//     Fyne has made a window (it starts GLFW then).
//   - The window's own GLFW handle is Fyne's private field "viewport",
//     read by reflection and checked for its type, so that a Fyne that
//     renames it leaves the window unplaced (ok false), never broken.
//     Before the window is shown there is no handle: the screen is then
//     the primary one and the title bar is guessed.
//   - GLFW calls must run on the main thread; Fyne calls the window's
//     callbacks and lifecycle hooks there. go-gl panics on GLFW errors it
//     does not expect; each call turns that into "unknown".
//
// Positions are the desktop's, divided by the window's scale, as sizes are.
type glfwScreen struct{ w fyne.Window }

// guessedFrame is a title bar and borders, in pixels, before the window
// exists to say.
const guessedFrameTop, guessedFrameSide = 40, 8

// view is the window's GLFW handle, or nil.
func (s glfwScreen) view() *glfw.Window {
	v := reflect.ValueOf(s.w)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("viewport")
	if !f.IsValid() || f.Type() != reflect.TypeOf((*glfw.Window)(nil)) {
		return nil
	}
	return *(**glfw.Window)(unsafe.Pointer(f.UnsafeAddr()))
}

// scale is how many desktop pixels a unit of the window covers.
func (s glfwScreen) scale() float32 {
	if sc := s.w.Canvas().Scale(); sc > 0 {
		return sc
	}
	return 1
}

// safely runs f, reporting false if GLFW complained (go-gl panics).
func safely(f func()) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	f()
	return true
}

// monitor is the screen holding the middle of the window, or the primary.
func (s glfwScreen) monitor() *glfw.Monitor {
	if view := s.view(); view != nil {
		x, y := view.GetPos()
		w, h := view.GetSize()
		cx, cy := x+w/2, y+h/2
		for _, m := range glfw.GetMonitors() {
			mx, my := m.GetPos()
			mode := m.GetVideoMode()
			if mode != nil && cx >= mx && cx < mx+mode.Width && cy >= my && cy < my+mode.Height {
				return m
			}
		}
	}
	return glfw.GetPrimaryMonitor()
}

// WorkArea is the screen's work area less the window's title bar and borders.
func (s glfwScreen) WorkArea() (at fyne.Position, size fyne.Size, ok bool) {
	ok = safely(func() {
		m := s.monitor()
		if m == nil {
			return
		}
		x, y, w, h := m.GetWorkarea()
		left, top, right, bottom := guessedFrameSide, guessedFrameTop, guessedFrameSide, guessedFrameSide
		if view := s.view(); view != nil {
			left, top, right, bottom = view.GetFrameSize()
		}
		sc := s.scale()
		at = fyne.NewPos(float32(x+left)/sc, float32(y+top)/sc)
		size = fyne.NewSize(float32(w-left-right)/sc, float32(h-top-bottom)/sc)
	})
	return at, size, ok && size.Width > 0 && size.Height > 0
}

// Place is where the window's content is on the desktop.
func (s glfwScreen) Place() (at fyne.Position, ok bool) {
	view := s.view()
	if view == nil || !canPlace {
		return at, false
	}
	ok = safely(func() {
		x, y := view.GetPos()
		sc := s.scale()
		at = fyne.NewPos(float32(x)/sc, float32(y)/sc)
	})
	return at, ok
}

// Move puts the window's content at p on the desktop.
func (s glfwScreen) Move(p fyne.Position) {
	view := s.view()
	if view == nil || !canPlace {
		return
	}
	safely(func() {
		sc := s.scale()
		view.SetPos(int(p.X*sc+0.5), int(p.Y*sc+0.5))
	})
}
