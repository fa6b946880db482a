//go:build linux && cgo

package filedialog

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPattern(t *testing.T) {
	if got := pattern("pdf"); got != "*.[pP][dD][fF]" {
		t.Errorf("pattern(pdf) = %q", got)
	}
	if got := pattern("7z"); got != "*.7[zZ]" {
		t.Errorf("pattern(7z) = %q", got)
	}
}

// TestNoDisplay checks that without a display the dialogs say they are
// unavailable (so the window uses its own) rather than failing or
// crashing. It runs in a child process: GTK is loaded once per process.
func TestNoDisplay(t *testing.T) {
	if os.Getenv("PP_FILEDIALOG_CHILD") == "nodisplay" {
		_, err := new(Native).Open(Open{Title: "Add papers"})
		if !errors.Is(err, ErrUnavailable) {
			t.Fatalf("Open without a display: %v", err)
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoDisplay$", "-test.v")
	cmd.Env = append(withoutDisplay(os.Environ()), "PP_FILEDIALOG_CHILD=nodisplay")
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "PASS") {
		t.Fatalf("child: %v\n%s", err, out)
	}
}

func withoutDisplay(env []string) []string {
	var out []string
	for _, e := range env {
		if !strings.HasPrefix(e, "DISPLAY=") && !strings.HasPrefix(e, "WAYLAND_DISPLAY=") {
			out = append(out, e)
		}
	}
	return out
}

// TestGTKDialogsOnScreen shows the real GTK dialogs on the display (run it
// under xvfb-run: `xvfb-run -a go test -run OnScreen -v ./ui/filedialog`),
// drives them with xdotool as a member would (typing a path, Enter,
// Escape), and keeps screenshots in $PANELPAPERS_SCREENSHOTS when set.
func TestGTKDialogsOnScreen(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no display: run under xvfb-run")
	}
	for _, tool := range []string{"xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	if os.Getenv("GSETTINGS_BACKEND") == "" {
		// The file chooser remembers its settings; with no session bus
		// (xvfb) keep them in memory rather than warn about dconf.
		t.Setenv("GSETTINGS_BACKEND", "memory")
	}
	dir := t.TempDir()
	for _, name := range []string{"Reports pack.pdf", "Cofnodion.pdf", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("%PDF-1.4\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	shots := os.Getenv("PANELPAPERS_SCREENSHOTS")
	n := new(Native)
	pdfs := []Filter{{Name: "PDF files", Extensions: []string{"pdf"}}}

	// Open, several files allowed: Ctrl+A selects both PDFs (the filter
	// hides the text file), Enter opens them.
	type answer struct {
		paths []string
		err   error
	}
	got := make(chan answer, 1)
	go func() {
		p, err := n.Open(Open{Title: "Add papers", Dir: dir, Multiple: true, Filters: pdfs, Accept: "Add", Cancel: "Cancel"})
		got <- answer{p, err}
	}()
	win := waitWindow(t, "Add papers")
	screenshot(t, shots, "filedialog-open.png")
	press(t, win, "ctrl+a")
	press(t, win, "Return")
	a := wait(t, got)
	want := []string{filepath.Join(dir, "Cofnodion.pdf"), filepath.Join(dir, "Reports pack.pdf")}
	if slices.Sort(a.paths); a.err != nil || !slices.Equal(a.paths, want) {
		t.Errorf("Open chose %q (%v), want %q", a.paths, a.err, want)
	}

	// Escape cancels: no files, no error.
	go func() {
		p, err := n.Open(Open{Title: "Add papers", Dir: dir, Filters: pdfs})
		got <- answer{p, err}
	}()
	win = waitWindow(t, "Add papers")
	press(t, win, "Escape")
	if a := wait(t, got); a.err != nil || a.paths != nil {
		t.Errorf("cancelled Open gave %q, %v", a.paths, a.err)
	}

	// Save suggests a name in the folder given; Enter saves it, and the
	// extension of the first filter is kept.
	saved := make(chan answer, 1)
	go func() {
		p, err := n.Save(Save{Title: "Save the notes", Dir: dir, Name: "Notes for 27 Oct 2023.txt",
			Filters: []Filter{{Name: "Text documents", Extensions: []string{"txt", "md"}}}, Accept: "Save"})
		saved <- answer{[]string{p}, err}
	}()
	win = waitWindow(t, "Save the notes")
	screenshot(t, shots, "filedialog-save.png")
	press(t, win, "Return")
	if a := wait(t, saved); a.err != nil || a.paths[0] != filepath.Join(dir, "Notes for 27 Oct 2023.txt") {
		t.Errorf("Save gave %q, %v", a.paths, a.err)
	}

	// Folder: typing a path and Enter chooses it.
	go func() {
		p, err := n.Folder(Folder{Title: "Move the library to", Dir: dir, Accept: "Choose"})
		saved <- answer{[]string{p}, err}
	}()
	win = waitWindow(t, "Move the library to")
	screenshot(t, shots, "filedialog-folder.png")
	press(t, win, "Return")
	if a := wait(t, saved); a.err != nil || a.paths[0] != dir {
		t.Errorf("Folder gave %q, %v", a.paths, a.err)
	}
}

// waitWindow waits for a window with the title to be on screen.
func waitWindow(t *testing.T, title string) string {
	t.Helper()
	for range 100 {
		out, err := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+title+"$").Output()
		if id := strings.Fields(string(out)); err == nil && len(id) > 0 {
			time.Sleep(700 * time.Millisecond) // drawn and listing the folder
			return id[len(id)-1]
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no window %q appeared", title)
	return ""
}

// press focuses the window (there is no window manager under xvfb to do
// it) and presses a key in it.
func press(t *testing.T, win, key string) {
	t.Helper()
	xdo(t, "windowfocus", "--sync", win)
	time.Sleep(200 * time.Millisecond)
	xdo(t, "key", "--clearmodifiers", key)
	time.Sleep(200 * time.Millisecond)
}

func xdo(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		t.Fatalf("xdotool %v: %v %s", args, err, out)
	}
}

func wait[T any](t *testing.T, c chan T) T {
	t.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(20 * time.Second):
		t.Fatal("the dialog did not answer")
	}
	var zero T
	return zero
}

// screenshot keeps the whole screen in dir/name, when dir is set.
func screenshot(t *testing.T, dir, name string) {
	t.Helper()
	if dir == "" {
		return
	}
	if out, err := exec.Command("import", "-window", "root", filepath.Join(dir, name)).CombinedOutput(); err != nil {
		t.Errorf("screenshot: %v %s", err, out)
	}
}
