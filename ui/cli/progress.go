package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"panelpapers/docs/fetch"
)

// isTerminal reports whether w is a terminal, where progress may redraw a line.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progress returns a reporter of pages done that keeps one line on stderr
// up to date: it redraws in place on a terminal and prints every tenth
// otherwise.
func (e *env) progress(what string) func(done, total int) { return e.progressOf(what, "pages") }

// progressOf is progress counting units ("pages", "papers").
func (e *env) progressOf(what, units string) func(done, total int) {
	tty := isTerminal(e.errw)
	last := -1
	return func(done, total int) {
		if total <= 0 {
			return
		}
		if tty {
			fmt.Fprintf(e.errw, "\r%s: %d of %d %s", what, done, total, units)
			if done >= total {
				fmt.Fprint(e.errw, "\n")
			}
			return
		}
		tenth := done * 10 / total
		if tenth != last || done == total {
			last = tenth
			fmt.Fprintf(e.errw, "%s: %d of %d %s\n", what, done, total, units)
		}
	}
}

// byteProgress draws a download's progress bar on stderr: in place on a
// terminal, otherwise not at all (logs need no bars).
func (e *env) byteProgress(label string) func(done, total int64) {
	if !isTerminal(e.errw) {
		return nil
	}
	start := time.Now()
	return func(done, total int64) {
		fmt.Fprintf(e.errw, "\r\033[K%s  %s", label, fetch.ProgressLine(done, total, time.Since(start)))
	}
}

func (e *env) clearLine() {
	if isTerminal(e.errw) {
		fmt.Fprint(e.errw, "\r\033[K")
	}
}
