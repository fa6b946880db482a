package ui

import (
	"fyne.io/fyne/v2"
)

// UI is the main window of Panel Papers.
type UI struct {
	app     fyne.App
	win     fyne.Window
	Library *LibraryView
}

// New builds the main window's content in w from the library.
func New(a fyne.App, w fyne.Window, lib Library) *UI {
	u := &UI{app: a, win: w, Library: NewLibraryView(lib)}
	w.SetContent(u.Library.Content())
	w.Resize(fyne.NewSize(900, 640))
	return u
}
