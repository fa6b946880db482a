package ui

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"panelpapers/ui/filedialog"
)

// fakeFiles stands in for the computer's own file dialogs: it answers each
// dialog with what the test put in, and keeps what it was asked.
type fakeFiles struct {
	mu      sync.Mutex
	open    []string // the files "chosen" in an open dialog
	save    string   // the file "chosen" in a save dialog
	folder  string   // the folder "chosen"
	err     error    // the dialogs cannot be shown
	opens   []filedialog.Open
	saves   []filedialog.Save
	folders []filedialog.Folder
}

func (f *fakeFiles) Open(o filedialog.Open) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opens = append(f.opens, o)
	return f.open, f.err
}

func (f *fakeFiles) Save(s filedialog.Save) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saves = append(f.saves, s)
	return f.save, f.err
}

func (f *fakeFiles) Folder(fo filedialog.Folder) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.folders = append(f.folders, fo)
	return f.folder, f.err
}

// withFiles gives the fixture's window fake native dialogs and a Documents
// folder.
func (f *dlFixture) withFiles() (*fakeFiles, string) {
	fake := &fakeFiles{}
	docsDir := filepath.Join(f.t.TempDir(), "Documents")
	if err := os.MkdirAll(docsDir, 0o755); err != nil {
		f.t.Fatal(err)
	}
	f.u.deps.Documents = docsDir
	f.u.files.native = fake
	return fake, docsDir
}

// writePDF writes a sample paper into dir under name.
func writePDF(t *testing.T, dir, name, sample string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, samplePacks(t)[sample].PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func (f *dlFixture) count() int {
	f.t.Helper()
	vs, err := f.lib.Versions(true)
	if err != nil {
		f.t.Fatal(err)
	}
	return len(vs)
}

// TestAddSeveralPapers chooses two PDFs at once in the system's dialog.
func TestAddSeveralPapers(t *testing.T) {
	f := newDLFixture(t)
	fake, _ := f.withFiles()
	dir := t.TempDir()
	fake.open = []string{writePDF(t, dir, "pack.pdf", "pack"), writePDF(t, dir, "Cofnodion.PDF", "minutes")}
	test.Tap(f.u.Library.addB)
	f.settle()
	if n := f.count(); n != 2 {
		t.Fatalf("%d papers in the library, want 2 (error %q)", n, f.u.lastError)
	}
	o := fake.opens[0]
	if !o.Multiple || o.Title != "Add papers" || o.Accept != "Add" || o.Cancel != "Cancel" ||
		len(o.Filters) != 1 || o.Filters[0].Extensions[0] != "pdf" {
		t.Errorf("asked %+v", o)
	}
	// Cancelling adds nothing and says nothing.
	fake.open = nil
	test.Tap(f.u.Library.addB)
	f.settle()
	if n := f.count(); n != 2 || f.w.Canvas().Overlays().Top() != nil {
		t.Errorf("after cancelling: %d papers, overlay %v", n, f.w.Canvas().Overlays().Top())
	}
}

// TestNativeDialogsFallBack: where the system's dialogs cannot open (no
// GTK, no display), Fyne's own is shown, and the system's is not asked
// again.
func TestNativeDialogsFallBack(t *testing.T) {
	f := newDLFixture(t)
	fake, _ := f.withFiles()
	fake.err = fmt.Errorf("%w: GTK could not start (no display?)", filedialog.ErrUnavailable)
	test.Tap(f.u.Library.addB)
	f.settle()
	if f.w.Canvas().Overlays().Top() == nil {
		t.Fatal("no file dialog after the system's failed")
	}
	if f.u.files.native != nil {
		t.Error("the system's dialogs are still asked for")
	}
	f.w.Canvas().Overlays().Remove(f.w.Canvas().Overlays().Top())
	test.Tap(f.u.Library.addB)
	f.settle()
	if len(fake.opens) != 1 || f.w.Canvas().Overlays().Top() == nil {
		t.Errorf("asked the system %d times; Fyne's dialog shown: %v", len(fake.opens), f.w.Canvas().Overlays().Top() != nil)
	}

	// Any other failure falls back this once only.
	f2 := newDLFixture(t)
	fake2, _ := f2.withFiles()
	fake2.err = errors.New("CommDlgExtendedError 0x3003")
	f2.u.files.folder(f2.w, filedialog.Folder{Title: "Choose"}, func(string) { t.Error("a folder was chosen") })
	f2.settle()
	if f2.w.Canvas().Overlays().Top() == nil || f2.u.files.native == nil {
		t.Errorf("fallback shown %v, native kept %v", f2.w.Canvas().Overlays().Top() != nil, f2.u.files.native != nil)
	}
}

// TestDropPapers drops PDFs (one saved without its extension, as
// ModernGov's mgConvert2PDF links are) and a Word file on the window.
func TestDropPapers(t *testing.T) {
	f := newDLFixture(t)
	dir := t.TempDir()
	pack := writePDF(t, dir, "pack.pdf", "pack")
	bare := writePDF(t, dir, "mgConvert2PDF", "minutes")
	word := filepath.Join(dir, "Letter to the Chair.docx")
	if err := os.WriteFile(word, []byte("PK\x03\x04 not a pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.u.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(pack), storage.NewFileURI(bare), storage.NewFileURI(word)})
	f.settle()
	if n := f.count(); n != 2 {
		t.Errorf("%d papers added, want 2 (error %q)", n, f.u.lastError)
	}
	if text := overlayText(f.w.Canvas().Overlays().Top()); !strings.Contains(text, "These are not PDF files, so they were not added: Letter to the Chair.docx.") {
		t.Errorf("said %q", text)
	}
}

// TestSaveToDocuments saves as the notes and question exports do: the
// dialog starts in Documents, a name typed without an extension gets one,
// and the window says in full where the file went, with a button that opens
// its folder. The next save starts where the last one went.
func TestSaveToDocuments(t *testing.T) {
	f := newDLFixture(t)
	fake, docsDir := f.withFiles()
	var opened []string
	f.u.files.openURL = func(u *url.URL) error { opened = append(opened, u.String()); return nil }
	fake.save = filepath.Join(docsDir, "Notes for 27 Oct 2023") // typed without .txt
	write := func(w fyne.URIWriteCloser) bool {
		_, err := w.Write([]byte("# Notes for Friday 27 October 2023\n"))
		return w.Close() == nil && err == nil
	}
	f.u.files.save(f.w, filedialog.Save{Title: "Save the notes", Name: "Notes for 27 Oct 2023.txt", Filters: textFilter()}, write)
	f.settle()
	want := filepath.Join(docsDir, "Notes for 27 Oct 2023.txt")
	if b, err := os.ReadFile(want); err != nil || !strings.HasPrefix(string(b), "# Notes for") {
		t.Fatalf("%s: %q, %v", want, b, err)
	}
	if s := fake.saves[0]; s.Dir != docsDir || s.Name != "Notes for 27 Oct 2023.txt" || s.Filters[0].Name != "Text documents" {
		t.Errorf("asked %+v", s)
	}
	if text := overlayText(f.w.Canvas().Overlays().Top()); !strings.Contains(text, "Saved to "+want) {
		t.Fatalf("said %q", text)
	}
	d, ok := f.u.files.saved.(*dialog.ConfirmDialog)
	if !ok {
		t.Fatal("no saved dialog")
	}
	d.Confirm() // "Open the folder"
	if len(opened) != 1 || opened[0] != storage.NewFileURI(docsDir).String() {
		t.Errorf("opened %q, want the folder %s", opened, docsDir)
	}

	// Saved elsewhere, the next save starts there.
	other := t.TempDir()
	fake.save = filepath.Join(other, "Question for 27 Oct 2023.md")
	f.u.files.save(f.w, filedialog.Save{Name: "Question.txt", Filters: textFilter()}, write)
	f.settle()
	f.u.files.save(f.w, filedialog.Save{Name: "Question.txt", Filters: textFilter()}, write)
	f.settle()
	if got := fake.saves[2].Dir; got != other {
		t.Errorf("the third save started in %s, want %s", got, other)
	}
	if _, err := os.Stat(fake.save); err != nil {
		t.Errorf("the .md name was not kept: %v", err)
	}
}

// TestMoveDataFolderButton moves the library with the settings' button:
// a folder chosen in the system's dialog, a fake mover reporting its
// progress, then the message that Panel Papers will close.
func TestMoveDataFolderButton(t *testing.T) {
	for _, c := range []struct {
		name      string
		chosen    func(t *testing.T) string
		into      func(chosen string) string
		err       error
		wantError string
	}{
		{"an empty folder", func(t *testing.T) string { return t.TempDir() }, func(c string) string { return c }, nil, ""},
		{"a folder with things in it", func(t *testing.T) string {
			d := t.TempDir()
			if err := os.WriteFile(filepath.Join(d, "letter.txt"), []byte("x"), 0o600); err != nil {
				t.Fatal(err)
			}
			return d
		}, func(c string) string { return filepath.Join(c, "Panel Papers") }, nil, ""},
		{"the move fails", func(t *testing.T) string { return t.TempDir() }, func(c string) string { return c },
			errors.New("copy library.db: input/output error"), "The library could not be moved, and is still where it was."},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newDLFixture(t)
			fake, _ := f.withFiles()
			fake.folder = c.chosen(t)
			var movedTo string
			f.u.Settings.MoveData = func(to string, progress func(done, total int64)) error {
				movedTo = to
				progress(5_000_000, 20_000_000)
				if c.err != nil {
					return c.err
				}
				progress(20_000_000, 20_000_000)
				return nil
			}
			quit := 0
			f.u.Settings.Quit = func() { quit++ }
			v := f.openSettings()
			if !v.moveB.Visible() || v.moveB.Disabled() || v.moveB.Text != "Move to another folder…" {
				t.Fatalf("button %q visible %v disabled %v", v.moveB.Text, v.moveB.Visible(), v.moveB.Disabled())
			}
			test.Tap(v.moveB)
			f.settle()
			if len(fake.folders) != 1 || fake.folders[0].Dir != filepath.Dir(f.lib.Dir()) {
				t.Fatalf("asked %+v", fake.folders)
			}
			want := c.into(fake.folder)
			if v.moveConfirm == nil || !strings.Contains(overlayText(v.win.Canvas().Overlays().Top()), "Move the library to "+want+"?") {
				t.Fatalf("not asked to confirm moving to %s", want)
			}
			v.moveConfirm.Confirm()
			f.settle()
			if movedTo != want {
				t.Errorf("moved to %q, want %q", movedTo, want)
			}
			if c.err != nil {
				if !strings.HasPrefix(f.u.lastError, c.wantError) || v.moveDone != nil || quit != 0 {
					t.Errorf("said %q, done %v, quit %d", f.u.lastError, v.moveDone, quit)
				}
				return
			}
			if v.moveProgress.Value != 1 || !strings.Contains(v.moveCopied.Text, "Copied 20.0 MB of 20.0 MB to "+want) {
				t.Errorf("progress %v, %q", v.moveProgress.Value, v.moveCopied.Text)
			}
			if v.moveDone == nil {
				t.Fatal("no message that Panel Papers will close")
			}
			v.moveDone.Hide()
			if quit != 1 {
				t.Errorf("quit %d times", quit)
			}
		})
	}
}

// TestMoveDataFolderNamedAtStart: a folder named by --data or
// PANELPAPERS_DATA cannot be moved from the window (the name would win over
// the new place next time); the button says so rather than vanish.
func TestMoveDataFolderNamedAtStart(t *testing.T) {
	f := newDLFixture(t)
	v := f.openSettings()
	if !v.moveB.Visible() || !v.moveB.Disabled() {
		t.Errorf("button visible %v disabled %v", v.moveB.Visible(), v.moveB.Disabled())
	}
	if text := overlayText(v.tabs[len(v.tabs)-1]); !strings.Contains(text, "PANELPAPERS_DATA") {
		t.Errorf("no reason given: %q", text)
	}
}

// TestSaveNotesAsTextDocument saves a meeting's notes from "Prepare for
// meeting": the button speaks of a text document, the dialog starts in
// Documents with a .txt name, and the view says where the file went.
func TestSaveNotesAsTextDocument(t *testing.T) {
	f := newQFixture(t)
	f.openAt(9)
	f.dragOver(9, "the Chair expressed concern")
	f.choose("Highlight in green")
	f.menuItem("Prepare for meeting…").Action()
	f.settle()
	v := f.u.Notes
	if v.mdB.Text != "Save as a text document…" {
		t.Errorf("button %q", v.mdB.Text)
	}
	docsDir := t.TempDir()
	fake := &fakeFiles{save: filepath.Join(docsDir, "Notes for 27 Oct 2023.txt")}
	f.u.deps.Documents, f.u.files.native = docsDir, fake
	test.Tap(v.mdB)
	f.settle()
	if len(fake.saves) != 1 || fake.saves[0].Dir != docsDir || !strings.HasSuffix(fake.saves[0].Name, ".txt") {
		t.Fatalf("asked %+v", fake.saves)
	}
	b, err := os.ReadFile(fake.save)
	if err != nil || !strings.HasPrefix(string(b), "# Notes for") || !strings.Contains(string(b), "the Chair expressed concern") {
		t.Fatalf("saved %q, %v", b, err)
	}
	if v.summary.Text != "Saved to "+fake.save {
		t.Errorf("summary %q", v.summary.Text)
	}
}

// TestAddStartsInDownloads: adding papers starts in the member's Downloads
// folder, then where they last added from.
func TestAddStartsInDownloads(t *testing.T) {
	f := newDLFixture(t)
	fake, _ := f.withFiles()
	downloads, elsewhere := t.TempDir(), t.TempDir()
	f.u.deps.Downloads = downloads
	fake.open = []string{writePDF(t, elsewhere, "pack.pdf", "pack")}
	test.Tap(f.u.Library.addB)
	f.settle()
	fake.open = nil
	test.Tap(f.u.Library.addB)
	f.settle()
	if len(fake.opens) != 2 || fake.opens[0].Dir != downloads || fake.opens[1].Dir != elsewhere {
		t.Errorf("started in %+v", fake.opens)
	}
}
