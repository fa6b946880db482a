package ui

import "errors"

// errNoMailProgram is what opening a mailto: link gives when no e-mail
// program took it: none is set up, or the system's opener failed. Fyne's
// OpenURL cannot tell (on Linux it starts xdg-open and never hears how it
// ended), so the questions view opens mailto: links with openMailLink,
// which may take a few seconds: call it off the UI thread.
var errNoMailProgram = errors.New("no e-mail program opened")
