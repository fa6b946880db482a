package library

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"panelpapers/docs"
)

// movableLibrary makes a library with a paper (its file named by its hash),
// a note, a question draft, a backup, and the derived folders a move skips.
func movableLibrary(t *testing.T) (dir string, v *docs.Version) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "library")
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	pdf := []byte("%PDF-1.4\nnot really a PDF, but the move does not read it\n%%EOF\n")
	sum := sha256.Sum256(pdf)
	v = addTestVersion(t, lib, "0", 0, testPages(), testAgenda())
	// addTestVersion names the version by a made-up hash; give this one
	// a real file under its real hash instead.
	v = &docs.Version{SHA256: hex.EncodeToString(sum[:]), Title: "Reports pack", Committee: testPanel, Date: "2023-10-27",
		Kind: docs.KindAgenda, Pages: 4, Agenda: testAgenda()}
	v.Document = DocumentKey(v.Committee, v.Date, v.Kind, v.Title)
	if _, err := lib.record(v, testPages(), nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(lib.FilePath(v.SHA256), pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.AddNote(docs.Note{Version: v.SHA256, Page: 3, Quote: "reserves strategy", Comment: "Ask"}); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.SaveDraft(docs.Draft{Title: "Waiting times on 101", Body: "What steps…"}); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.AutoBackup(); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"index", "downloads"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, d, "part"), []byte("derived"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir, v
}

// contents is what a member would miss if it were lost.
type contents struct {
	Titles []string
	Notes  []string
	Drafts []string
	PDF    []byte
	Backup int
}

func libraryContents(t *testing.T, dir, sha string) contents {
	t.Helper()
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	var c contents
	vs, err := lib.Versions(true)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		c.Titles = append(c.Titles, v.Title)
	}
	notes, err := lib.Notes(docs.NoteFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		c.Notes = append(c.Notes, n.Comment)
	}
	drafts, err := lib.Drafts()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drafts {
		c.Drafts = append(c.Drafts, d.Title)
	}
	c.PDF, _ = os.ReadFile(lib.FilePath(sha))
	backups, _ := os.ReadDir(lib.BackupDir())
	c.Backup = len(backups)
	return c
}

func TestMoveLibrary(t *testing.T) {
	from, v := movableLibrary(t)
	want := libraryContents(t, from, v.SHA256)
	if len(want.Notes) != 1 || len(want.Drafts) != 1 || want.PDF == nil || want.Backup != 1 {
		t.Fatalf("the library to move is not as made: %+v", want)
	}
	to := filepath.Join(t.TempDir(), "elsewhere", "Panel Papers")
	config := filepath.Join(t.TempDir(), "config")
	var last, total int64
	if err := MoveLibrary(from, to, config, func(d, n int64) { last, total = d, n }); err != nil {
		t.Fatal(err)
	}
	if last != total || total == 0 {
		t.Errorf("progress ended at %d of %d", last, total)
	}
	if got, err := ReadDataPointer(config); err != nil || got != to {
		t.Errorf("pointer %q (%v), want %q", got, err, to)
	}
	if got := libraryContents(t, to, v.SHA256); !reflect.DeepEqual(got, want) {
		t.Errorf("moved library holds %+v, want %+v", got, want)
	}
	for _, skipped := range []string{"index", "downloads", "window.lock"} {
		if _, err := os.Stat(filepath.Join(to, skipped)); err == nil {
			t.Errorf("%s was copied", skipped)
		}
	}
	if _, err := os.Stat(from); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the old folder is still there (%v)", err)
	}
}

func TestMoveLibraryRefuses(t *testing.T) {
	from, v := movableLibrary(t)
	want := libraryContents(t, from, v.SHA256)
	full := filepath.Join(t.TempDir(), "full")
	if err := os.MkdirAll(full, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(full, "holiday.jpg"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		to   string
		free int64
		want error
	}{
		{"into itself", filepath.Join(from, "files", "moved"), -1, ErrMoveOverlap},
		{"to itself", from, -1, ErrMoveOverlap},
		{"to a folder that holds it", filepath.Dir(from), -1, ErrMoveOverlap},
		{"to a folder with things in it", full, -1, ErrMoveNotEmpty},
		{"to a full disk", filepath.Join(t.TempDir(), "new"), 1 << 10, ErrMoveNoSpace},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			diskFree = func(string) int64 { return c.free }
			defer func() { diskFree = freeSpace }()
			config := t.TempDir()
			err := MoveLibrary(from, c.to, config, nil)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if p, _ := ReadDataPointer(config); p != "" {
				t.Errorf("pointer written: %q", p)
			}
			if got := libraryContents(t, from, v.SHA256); !reflect.DeepEqual(got, want) {
				t.Errorf("library now holds %+v", got)
			}
		})
	}

	t.Run("while a window has it open", func(t *testing.T) {
		lock, err := LockInstance(from)
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Release()
		if err := MoveLibrary(from, filepath.Join(t.TempDir(), "new"), t.TempDir(), nil); !errors.Is(err, docs.ErrAlreadyOpen) {
			t.Errorf("got %v, want ErrAlreadyOpen", err)
		}
	})
}

func TestMoveLibraryFailsMidway(t *testing.T) {
	from, v := movableLibrary(t)
	want := libraryContents(t, from, v.SHA256)
	cases := []struct {
		name    string
		prepare func(t *testing.T, to string)
		created bool  // the destination did not exist before
		want    error // what the move's error must wrap, if anything in particular
	}{
		{"a copy error", func(t *testing.T, to string) {
			moveFileHook = func(rel string) error {
				if filepath.Dir(rel) == "files" {
					return errors.New("the disk was unplugged")
				}
				return nil
			}
			t.Cleanup(func() { moveFileHook = nil })
		}, true, nil},
		{"a paper damaged in the library", func(t *testing.T, to string) {
			moveFileHook = func(rel string) error {
				if filepath.Dir(rel) == "files" {
					return os.WriteFile(filepath.Join(from, rel), append([]byte(nil), want.PDF[:10]...), 0o600)
				}
				return nil
			}
			// The move refuses rather than copy the damage; the rest of
			// the library must still be there, so mend the paper after.
			t.Cleanup(func() { moveFileHook = nil })
		}, true, nil},
		// A folder the member cannot write in. Mode 0555 stops everyone but
		// root, and CI runs as root: there the folder is made immutable as
		// well (chattr +i), which stops root too. Write the data pointer
		// before the copy instead of after it, and this fails.
		{"a read-only destination", func(t *testing.T, to string) {
			if runtime.GOOS == "windows" {
				t.Skip("mode 0555 does not stop writes in a folder on Windows")
			}
			if err := os.Mkdir(to, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(to, 0o755) })
			if os.Geteuid() == 0 {
				undo, err := makeImmutable(to)
				if err != nil {
					t.Skipf("running as root, and the folder cannot be made immutable here (%v): root writes through mode 0555", err)
				}
				t.Cleanup(func() {
					if err := undo(); err != nil {
						t.Errorf("chattr -i: %v", err)
					}
				})
			}
			if f, err := os.Create(filepath.Join(to, "probe")); err == nil {
				f.Close()
				t.Fatal("the folder meant to be read-only took a new file")
			}
		}, false, fs.ErrPermission},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			to := filepath.Join(t.TempDir(), "new")
			c.prepare(t, to)
			config := t.TempDir()
			err := MoveLibrary(from, to, config, nil)
			if err == nil {
				t.Fatal("the move did not fail")
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("got %v, want %v", err, c.want)
			}
			if p, _ := ReadDataPointer(config); p != "" {
				t.Errorf("pointer written: %q", p)
			}
			entries, err := os.ReadDir(to)
			if c.created && !errors.Is(err, os.ErrNotExist) || !c.created && len(entries) > 0 {
				t.Errorf("partial copy left: %v (%v)", entries, err)
			}
			moveFileHook = nil
			_ = os.WriteFile(filepath.Join(from, "files", v.SHA256+".pdf"), want.PDF, 0o600)
			if got := libraryContents(t, from, v.SHA256); !reflect.DeepEqual(got, want) {
				t.Errorf("library now holds %+v", got)
			}
		})
	}
}

func TestDataPointer(t *testing.T) {
	config := filepath.Join(t.TempDir(), "panelpapers")
	if got, err := ReadDataPointer(config); got != "" || err != nil {
		t.Fatalf("no pointer yet: %q, %v", got, err)
	}
	dir := filepath.Join(t.TempDir(), "Papers")
	for range 2 { // a second move replaces the first
		if err := WriteDataPointer(config, dir); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := ReadDataPointer(config); got != dir || err != nil {
		t.Errorf("got %q, %v; want %q", got, err, dir)
	}
	if err := os.WriteFile(filepath.Join(config, dataPointerName), []byte("relative/place\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadDataPointer(config); err == nil {
		t.Error("a relative pointer was accepted")
	}
}
