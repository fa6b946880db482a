//go:build nowindow

package main

import (
	"fmt"
	"io"

	"panelpapers/ui/session"
)

// runGUI is what a build without the window (go build -tags nowindow: the
// command line alone, which links neither Fyne nor its start-up work) says
// when asked to open one.
func runGUI(dir string, movable bool, f session.Folders, stderr io.Writer) int {
	fmt.Fprintln(stderr, "This build of Panel Papers has no window; give it a command (see 'panelpapers --help').")
	return 1
}
