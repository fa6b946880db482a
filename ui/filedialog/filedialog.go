// Package filedialog shows the computer's own file dialogs, with the
// member's Documents, Downloads and Desktop folders, typing a path, and
// choosing several files at once: GTK's on Linux, the common dialogs on
// Windows, the Cocoa panels on macOS.
//
// GTK is loaded when a dialog is first asked for (dlopen), never when the
// program starts: the command line and a window that never opens a dialog
// pay nothing, and a computer without GTK, or without a display, simply has
// no dialogs here (ErrUnavailable), so the window uses its own. On Windows
// and macOS the dialogs are github.com/sqweek/dialog's (on Windows pure Go,
// no cgo), except choosing several files on Windows, which sqweek/dialog
// cannot do: that is the same GetOpenFileName call with
// OFN_ALLOWMULTISELECT.
//
// Every call blocks until the member answers, so call it off the window's
// thread. The dialogs run one at a time, on one thread of their own (GTK
// keeps to the thread that started it).
package filedialog

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// ErrUnavailable says the computer's own dialogs cannot be shown here: no
// GTK, no display, or a platform without them. Use another dialog.
var ErrUnavailable = errors.New("the computer's own file dialogs are not available")

// Filter is a kind of file a dialog offers: "PDF files", "pdf".
type Filter struct {
	Name       string
	Extensions []string // without the dot: "pdf", "md"
}

// Open asks for one file or several to open.
type Open struct {
	Title          string
	Dir            string // the folder it starts in; "" for the system's choice
	Multiple       bool   // several files may be chosen
	Filters        []Filter
	Accept, Cancel string // the buttons' words, where the dialog takes them (GTK)
}

// Save asks where to save a file.
type Save struct {
	Title          string
	Dir            string
	Name           string // the name it suggests, with its extension
	Filters        []Filter
	Accept, Cancel string
}

// Folder asks for a folder.
type Folder struct {
	Title          string
	Dir            string
	Accept, Cancel string
}

// Native is the computer's own dialogs. The zero value is ready to use;
// it is safe for concurrent use (the dialogs are shown one after another).
type Native struct {
	once sync.Once
	work chan func()
}

// Open shows an open dialog and returns the files chosen, none when the
// member cancelled.
func (n *Native) Open(o Open) (paths []string, err error) {
	err = n.do(func() error {
		var e error
		paths, e = openFiles(o)
		return e
	})
	return paths, err
}

// Save shows a save dialog and returns the file chosen, "" when the member
// cancelled. A name typed without an extension gets the first filter's.
func (n *Native) Save(s Save) (path string, err error) {
	err = n.do(func() error {
		var e error
		path, e = saveFile(s)
		return e
	})
	if path != "" {
		path = WithExtension(path, s.Filters)
	}
	return path, err
}

// Folder shows a folder dialog and returns the folder chosen, "" when the
// member cancelled.
func (n *Native) Folder(f Folder) (dir string, err error) {
	err = n.do(func() error {
		var e error
		dir, e = chooseFolder(f)
		return e
	})
	return dir, err
}

// do runs f on the dialogs' own thread and waits for it. A panic in a
// dialog library (sqweek/dialog panics when GTK could not start) is
// ErrUnavailable.
func (n *Native) do(f func() error) error {
	n.once.Do(func() {
		n.work = make(chan func())
		go func() {
			runtime.LockOSThread() // GTK stays on the thread it started on
			for job := range n.work {
				job()
			}
		}()
	})
	done := make(chan error, 1)
	n.work <- func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("%w: %v", ErrUnavailable, r)
			}
		}()
		done <- f()
	}
	return <-done
}

// WithExtension adds the first filter's first extension to a path whose
// extension is none of the filters': native save dialogs keep the name as
// typed, so "briefing" would be saved without one, and the extension is
// what says how the file is written.
func WithExtension(path string, filters []Filter) string {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	first := ""
	for _, f := range filters {
		for _, e := range f.Extensions {
			if e == "*" {
				return path
			}
			if first == "" {
				first = e
			}
			if strings.EqualFold(e, ext) {
				return path
			}
		}
	}
	if first == "" {
		return path
	}
	return path + "." + first
}
