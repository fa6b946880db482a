package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"panelpapers/docs"
)

// mountSmallDisk mounts a tmpfs of size bytes at a new folder and returns
// it; it is unmounted when the test ends. It skips the test where a tmpfs
// cannot be mounted (not Linux, not root: CI runs as root).
func mountSmallDisk(t *testing.T, size int) string {
	t.Helper()
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs Linux and root")
	}
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d", size), "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// fillDisk writes a file in dir until the disk holding it has at most
// leave bytes free, and returns its path.
func fillDisk(t *testing.T, dir string, leave int64) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	for freeSpace(dir) > leave+int64(len(chunk)) {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	return path
}

// bigPagesExtractor gives pages with much text: recording them needs room
// in the store.
type bigPagesExtractor struct{}

func (bigPagesExtractor) Extract(context.Context, string, string, func(int, int)) ([]docs.Page, error) {
	var pages []docs.Page
	for i := 1; i <= 40; i++ {
		pages = append(pages, docs.Page{Number: i, Text: strings.Repeat(fmt.Sprintf("Page %d of the reserves strategy. ", i), 600)})
	}
	return pages, nil
}

// TestImportOnAFullDisk adds papers to a library on a small tmpfs that
// fills up: when the copy of the PDF does not fit, and when the PDF fits
// but its record does not. Each time the error is the full disk (which
// the command line and the window put as one sentence), and the library
// holds the whole paper or none of it: no record without its file, no
// file or staging copy without its record, and the store opens. Once
// space is freed the paper goes in whole.
//
// Fails when an import leaves its file when the record fails (drop the
// os.Remove(final) after record in Import), or its staging copy on a
// failed copy (drop the os.Remove in stage).
func TestImportOnAFullDisk(t *testing.T) {
	disk := mountSmallDisk(t, 2<<20)
	dir := filepath.Join(disk, "library")
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx := &recordingIndex{}
	small := &Papers{Lib: lib, Extractor: fakeExtractor{pages: testPages()}, Index: idx}
	src := t.TempDir()
	pdf := func(name string, size int) string {
		p := filepath.Join(src, name)
		body := append([]byte("%PDF-1.4 "+name+"\n"), []byte(strings.Repeat("0", size))...)
		if err := os.WriteFile(p, body, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if _, err := small.Import(context.Background(), pdf("first.pdf", 10<<10), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	before, _ := lib.Versions(true)

	// The copy does not fit.
	filler := fillDisk(t, disk, 64<<10)
	_, err = small.Import(context.Background(), pdf("too-big.pdf", 512<<10), ImportOptions{})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("a PDF larger than the free space: %v, want the disk full", err)
	}
	checkWholeOrNone(t, lib, len(before))

	// The copy fits, the pages' record does not.
	os.Remove(filler)
	fillDisk(t, disk, 160<<10)
	big := &Papers{Lib: lib, Extractor: bigPagesExtractor{}, Index: idx}
	_, err = big.Import(context.Background(), pdf("fits.pdf", 64<<10), ImportOptions{})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("a PDF whose record does not fit: %v, want the disk full", err)
	}
	if !strings.HasPrefix(err.Error(), "record ") {
		t.Errorf("the PDF was to fit and its record not, but: %v", err)
	}
	checkWholeOrNone(t, lib, len(before))

	// Space is freed: the paper goes in whole.
	os.Remove(filepath.Join(disk, "filler"))
	res, err := big.Import(context.Background(), pdf("fits.pdf", 64<<10), ImportOptions{})
	if err != nil || !res.Added {
		t.Fatalf("after freeing space: %+v, %v", res, err)
	}
	checkWholeOrNone(t, lib, len(before)+1)
}

// checkWholeOrNone checks that the library holds want versions, each with
// its whole file, and nothing else in files/.
func checkWholeOrNone(t *testing.T, lib *Library, want int) {
	t.Helper()
	if _, err := OpenLibrary(lib.Dir()); err != nil {
		t.Fatalf("the store does not open: %v", err)
	}
	vs, err := lib.Versions(true)
	if err != nil || len(vs) != want {
		t.Fatalf("%d versions (%v), want %d", len(vs), err, want)
	}
	have := map[string]bool{}
	for _, v := range vs {
		fi, err := os.Stat(lib.FilePath(v.SHA256))
		if err != nil || fi.Size() != v.Size {
			t.Errorf("paper %.12s recorded, its file %v", v.SHA256, err)
		}
		have[filepath.Base(lib.FilePath(v.SHA256))] = true
	}
	entries, _ := os.ReadDir(filepath.Join(lib.Dir(), "files"))
	for _, e := range entries {
		if !have[e.Name()] {
			t.Errorf("files/ holds %s, which no record names", e.Name())
		}
	}
}

// failingIndex is a search index on a full disk.
type failingIndex struct{}

func (failingIndex) Add(*docs.Version, []docs.Page) error {
	return &os.PathError{Op: "write", Path: "index/store", Err: syscall.ENOSPC}
}
func (failingIndex) Remove(string) error { return nil }

// TestIndexOnAFullDiskLagsBehind checks that a paper is in when only the
// search index could not be written (its disk full): the import says so
// with ErrIndexBehind, which the member is told, and search catches up
// from the library at the next start (search.Open). Fails when an index
// failure undoes the import, or is given as a plain full disk ("nothing
// was added" would then be untrue).
func TestIndexOnAFullDiskLagsBehind(t *testing.T) {
	lib, err := OpenLibrary(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p := &Papers{Lib: lib, Extractor: fakeExtractor{pages: testPages()}, Index: failingIndex{}}
	path := tempFileWith(t, "pack.pdf", "%PDF-1.4 pack\n")
	res, err := p.Import(context.Background(), path, ImportOptions{})
	if res == nil || !res.Added || !errors.Is(err, docs.ErrIndexBehind) {
		t.Fatalf("import with the index's disk full: %+v, %v; want the paper in and ErrIndexBehind", res, err)
	}
	if _, err := lib.Version(res.Version.SHA256); err != nil {
		t.Errorf("the paper is not in the library: %v", err)
	}
}
