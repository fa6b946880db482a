package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"panelpapers/docs"
)

// A simulated power cut, at the library's own file layer (fsys).
//
// No honest power cut can be had from the kernel on this machine: it has no
// device-mapper (dm-flakey, dm-log-writes) to drop a disk's unflushed
// writes, and `kill -9` keeps everything the kernel already holds, synced or
// not. So the library's files are written through crashLayer, which writes
// to the real disk (the library works as usual) and keeps apart what a power
// cut would keep: each file's bytes as of its last Sync, and each folder's
// names as of its last SyncDir. powerCut then puts the folders back to that:
// a name never made durable goes, a file's unsynced bytes go. It models the
// rules POSIX file systems give (ext4 with data=ordered keeps more; a
// program must not count on that). The store, library.db, is bbolt's and
// not simulated: bbolt syncs each transaction, which
// TestStoreIsOpenedWithSync checks the library leaves on.

// crashLayer is a fileLayer that remembers what a power cut would keep.
type crashLayer struct {
	mu      sync.Mutex
	next    int
	names   map[string]map[string]int // folder → name → file, as now
	durable map[string]map[string]int // folder → name → file, as of its last SyncDir
	synced  map[int][]byte            // file → its bytes as of its last Sync
}

func newCrashLayer() *crashLayer {
	return &crashLayer{names: map[string]map[string]int{}, durable: map[string]map[string]int{}, synced: map[int][]byte{}}
}

// install puts the layer under the library for the rest of the test.
func (c *crashLayer) install(t *testing.T) {
	old := fsys
	fsys = c
	t.Cleanup(func() { fsys = old })
}

func (c *crashLayer) folder(m map[string]map[string]int, dir string) map[string]int {
	if m[dir] == nil {
		m[dir] = map[string]int{}
	}
	return m[dir]
}

func (c *crashLayer) CreateTemp(dir, pattern string) (writeFile, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.next++
	dir, name := filepath.Split(f.Name())
	c.folder(c.names, filepath.Clean(dir))[name] = c.next
	return &crashFile{File: f, layer: c, id: c.next}, nil
}

func (c *crashLayer) Rename(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	fd, fn := filepath.Split(from)
	td, tn := filepath.Split(to)
	src := c.folder(c.names, filepath.Clean(fd))
	id, ok := src[fn]
	if !ok {
		return nil // not a file the layer made
	}
	delete(src, fn)
	c.folder(c.names, filepath.Clean(td))[tn] = id
	return nil
}

func (c *crashLayer) SyncDir(dir string) error {
	if err := (osLayer{}).SyncDir(dir); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	dir = filepath.Clean(dir)
	now := map[string]int{}
	for name, id := range c.names[dir] {
		now[name] = id
	}
	c.durable[dir] = now
	return nil
}

// powerCut puts every folder the layer wrote in back to what a power cut
// would have left: names not made durable go, and each file holds only
// the bytes it had at its last Sync.
func (c *crashLayer) powerCut(t *testing.T) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	for dir, names := range c.names {
		for name := range names {
			if _, kept := c.durable[dir][name]; !kept {
				if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
					t.Fatal(err)
				}
			}
		}
	}
	for dir, names := range c.durable {
		for name, id := range names {
			if err := os.WriteFile(filepath.Join(dir, name), c.synced[id], 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// crashFile is a file written through the layer.
type crashFile struct {
	*os.File
	layer   *crashLayer
	id      int
	written []byte
}

func (f *crashFile) Write(p []byte) (int, error) {
	n, err := f.File.Write(p)
	f.written = append(f.written, p[:n]...)
	return n, err
}

func (f *crashFile) Sync() error {
	if err := f.File.Sync(); err != nil {
		return err
	}
	f.layer.mu.Lock()
	f.layer.synced[f.id] = append([]byte(nil), f.written...)
	f.layer.mu.Unlock()
	return nil
}

// TestAcknowledgedWritesSurviveAPowerCut adds papers, notes and drafts and
// writes backups through crashLayer, cuts the power, and checks that every
// paper whose import returned is whole under its name, every backup that
// returned holds the notes and drafts acknowledged before it, and the store
// opens. Acknowledged saves are counted as records checked.
//
// Fails when the staging copy is not synced before its rename (drop the
// fsync: tmp.Sync in stage), when the files folder is not synced after the
// rename (drop the folder fsync: fsys.SyncDir in Import), or when a backup
// is not synced or its folder not synced after the rename (the same in
// writeFileAtomic).
func TestAcknowledgedWritesSurviveAPowerCut(t *testing.T) {
	crash := newCrashLayer()
	crash.install(t)
	dir := t.TempDir()
	opened, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := &Papers{Lib: opened, Extractor: fakeExtractor{pages: testPages()}}
	src := t.TempDir()

	type paper struct{ sha, path string }
	var papers []paper
	var notes, drafts int
	var backups []string
	for i := 0; i < 6; i++ {
		pdf := filepath.Join(src, fmt.Sprintf("pack-%d.pdf", i))
		body := []byte(fmt.Sprintf("%%PDF-1.4 pack %d\n%s\n", i, strings.Repeat("x", 4096*(i+1))))
		if err := os.WriteFile(pdf, body, 0o600); err != nil {
			t.Fatal(err)
		}
		res, err := p.Import(context.Background(), pdf, ImportOptions{Source: fmt.Sprintf("Pack %d.pdf", i)})
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(body)
		if res.Version.SHA256 != hex.EncodeToString(h[:]) {
			t.Fatalf("import %d recorded %s", i, res.Version.SHA256)
		}
		papers = append(papers, paper{res.Version.SHA256, pdf})
		if _, err := p.Lib.AddNote(docs.Note{Version: res.Version.SHA256, Page: 3, Quote: "reserves strategy", Comment: fmt.Sprintf("note %d", i)}); err != nil {
			t.Fatal(err)
		}
		notes++
		if _, err := p.Lib.SaveDraft(docs.Draft{Title: fmt.Sprintf("Question %d", i), Body: "How many officers patrol Powys at night?"}); err != nil {
			t.Fatal(err)
		}
		drafts++
		if i%2 == 1 {
			path, err := p.Lib.AutoBackup()
			if err != nil || path == "" {
				t.Fatalf("backup: %q, %v", path, err)
			}
			backups = append(backups, path)
		}
	}
	if _, err := p.Lib.BackupTo(filepath.Join(dir, "exported.json")); err != nil {
		t.Fatal(err)
	}
	backups = append(backups, filepath.Join(dir, "exported.json"))

	crash.powerCut(t)

	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatalf("the store does not open after the power cut: %v", err)
	}
	checked := 0
	for _, pp := range papers {
		if _, err := lib.Version(pp.sha); err != nil {
			t.Errorf("paper %.12s: %v", pp.sha, err)
			continue
		}
		raw, err := os.ReadFile(lib.FilePath(pp.sha))
		h := sha256.Sum256(raw)
		if err != nil || hex.EncodeToString(h[:]) != pp.sha {
			t.Errorf("paper %.12s acknowledged, but after the power cut its file is missing or not whole (%d bytes, %v)", pp.sha, len(raw), err)
			continue
		}
		checked++
	}
	all, err := lib.Notes(docs.NoteFilter{})
	if err != nil || len(all) != notes {
		t.Errorf("%d notes after the power cut, %d acknowledged (%v)", len(all), notes, err)
	}
	checked += len(all)
	ds, err := lib.Drafts()
	if err != nil || len(ds) != drafts {
		t.Errorf("%d drafts after the power cut, %d acknowledged (%v)", len(ds), drafts, err)
	}
	checked += len(ds)
	for i, path := range backups {
		f, err := os.Open(path)
		if err != nil {
			t.Errorf("backup %s acknowledged, gone after the power cut: %v", filepath.Base(path), err)
			continue
		}
		b, err := ReadBackup(f)
		f.Close()
		// The i-th automatic backup was taken after 2(i+1) of each; the
		// export after all of them.
		want := 2 * (i + 1)
		if i == len(backups)-1 {
			want = notes
		}
		if err != nil || len(b.Notes) != want || len(b.Drafts) != want {
			t.Errorf("backup %s after the power cut: %v, %d notes and %d drafts, want %d of each", filepath.Base(path), err, lenOr(b, true), lenOr(b, false), want)
			continue
		}
		checked += len(b.Notes) + len(b.Drafts)
	}
	t.Logf("%d acknowledged records checked after the power cut", checked)
}

func lenOr(b *Backup, notes bool) int {
	if b == nil {
		return -1
	}
	if notes {
		return len(b.Notes)
	}
	return len(b.Drafts)
}

// TestStoreIsOpenedWithSync checks that every write of the store syncs:
// bbolt skips its fsyncs when NoSync is set, and then a power cut can lose
// or damage acknowledged notes. Fails when the store is opened with NoSync.
func TestStoreIsOpenedWithSync(t *testing.T) {
	lib, err := OpenLibrary(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	db, err := lib.open(false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.NoSync {
		t.Error("the store is opened with NoSync: its writes are not synced")
	}
}
