package search

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"panelpapers/docs"
)

func TestAddAndRemove(t *testing.T) {
	lib := newLibrary(t, "dpp-agenda")
	x, _ := openTest(t, lib)
	all := newLibrary(t)
	vs, _ := all.CurrentVersions()
	var supp *docs.Version
	for _, v := range vs {
		if v.Document == "kent-supp" {
			supp = v
		}
	}
	suppPages, _ := all.Pages(supp.SHA256)

	steps := []struct {
		name  string
		do    func() error
		query string
		want  []string
	}{
		{"before adding", nil, "stalking", []string{"dpp-agenda/1", "dpp-agenda/2"}},
		{"after adding", func() error { lib.add(supp, suppPages); return x.Add(supp, suppPages) },
			"stalking", []string{"dpp-agenda/1", "dpp-agenda/2", "kent-supp/2"}},
		{"adding again replaces", func() error { return x.Add(supp, suppPages[:1]) },
			"stalking OR devolution", []string{"dpp-agenda/1", "dpp-agenda/2", "kent-supp/1"}},
		{"after removing", func() error { lib.remove(supp.SHA256); return x.Remove(supp.SHA256) },
			"stalking OR devolution", []string{"dpp-agenda/1", "dpp-agenda/2"}},
		{"removing twice is fine", func() error { return x.Remove(supp.SHA256) },
			"devolution", nil},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if s.do != nil {
				if err := s.do(); err != nil {
					t.Fatal(err)
				}
			}
			res := search(t, x, Request{Query: s.query})
			got := sorted(labels(t, all, res))
			if !slices.Equal(got, sorted(s.want)) {
				t.Errorf("%q found %v, want %v", s.query, got, s.want)
			}
			if res.Total != uint64(len(s.want)) {
				t.Errorf("total %d, want %d", res.Total, len(s.want))
			}
		})
	}
}

// TestBlankPagesLeftOut checks that pages with no words take no room.
func TestBlankPagesLeftOut(t *testing.T) {
	lib := newLibrary(t, "dpp-agenda")
	x, _ := openTest(t, lib)
	res := search(t, x, Request{Query: "-zzzz", Limit: 100})
	if res.Total != 4 { // five pages, one blank
		t.Errorf("the index holds %d pages of dpp-agenda, want 4", res.Total)
	}
}

// breakers damage a closed index in the ways a crash or a disk can.
var breakers = []struct {
	name   string
	wreck  func(t *testing.T, dir string)
	intact bool // the index itself is whole: no rebuild needed
}{
	{"index folder deleted", func(t *testing.T, dir string) { removeAll(t, dir) }, false},
	{"bleve folder deleted", func(t *testing.T, dir string) { removeAll(t, filepath.Join(dir, bleveName)) }, false},
	{"segment truncated", func(t *testing.T, dir string) { truncate(t, glob(t, dir, "bleve/store/*.zap"), 100) }, false},
	{"segment emptied", func(t *testing.T, dir string) { truncate(t, glob(t, dir, "bleve/store/*.zap"), 0) }, false},
	{"segment deleted", func(t *testing.T, dir string) { removeAll(t, glob(t, dir, "bleve/store/*.zap")) }, false},
	{"root.bolt truncated", func(t *testing.T, dir string) { truncate(t, filepath.Join(dir, "bleve/store/root.bolt"), 4096) }, false},
	{"root.bolt garbage", func(t *testing.T, dir string) { scribble(t, filepath.Join(dir, "bleve/store/root.bolt")) }, false},
	{"index_meta.json truncated", func(t *testing.T, dir string) { truncate(t, filepath.Join(dir, "bleve/index_meta.json"), 10) }, false},
	{"lock file garbage", func(t *testing.T, dir string) { scribble(t, filepath.Join(dir, lockName)) }, true},
	{"half-built rebuild left behind", func(t *testing.T, dir string) {
		if err := os.MkdirAll(filepath.Join(dir, rebuildName, "store"), 0o700); err != nil {
			t.Fatal(err)
		}
		removeAll(t, filepath.Join(dir, bleveName))
	}, false},
}

func TestRebuildWhenBroken(t *testing.T) {
	for _, b := range breakers {
		t.Run(b.name, func(t *testing.T) {
			lib := newLibrary(t)
			dir := filepath.Join(t.TempDir(), "index")
			x, err := Open(dir, lib, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := x.Close(); err != nil {
				t.Fatal(err)
			}
			b.wreck(t, dir)

			var calls, lastDone, lastTotal int
			x, err = Open(dir, lib, func(done, total int) { calls, lastDone, lastTotal = calls+1, done, total })
			if err != nil {
				t.Fatalf("Open after %s: %v", b.name, err)
			}
			defer x.Close()
			if b.intact {
				if calls != 0 {
					t.Errorf("rebuilt an index that was whole (%d progress calls)", calls)
				}
			} else if calls == 0 || lastDone != lastTotal || lastTotal < 10 {
				t.Errorf("progress: %d calls, last %d of %d; want a rebuild reported to the end", calls, lastDone, lastTotal)
			}
			res := search(t, x, Request{Query: "stalking"})
			if got := sorted(labels(t, lib, res)); !slices.Equal(got, []string{"dpp-agenda/1", "dpp-agenda/2", "kent-supp/2"}) {
				t.Errorf("after the rebuild stalking finds %v", got)
			}
			if _, err := os.Stat(filepath.Join(dir, rebuildName)); !os.IsNotExist(err) {
				t.Errorf("%s is left behind (%v)", rebuildName, err)
			}
		})
	}
}

// TestRebuildWhenOutdated checks the schema version in Bleve's internal
// storage: another version means a rebuild, the same one means none.
func TestRebuildWhenOutdated(t *testing.T) {
	for _, tc := range []struct {
		schema  string
		rebuild bool
	}{
		{schemaVersion, false},
		{"0", true},
		{"", true},
	} {
		t.Run("schema "+tc.schema, func(t *testing.T) {
			lib := newLibrary(t)
			dir := filepath.Join(t.TempDir(), "index")
			x, err := Open(dir, lib, nil)
			if err != nil {
				t.Fatal(err)
			}
			x.mu.RLock()
			err = x.idx.SetInternal(keySchema, []byte(tc.schema))
			x.mu.RUnlock()
			if err != nil {
				t.Fatal(err)
			}
			if err := x.Close(); err != nil {
				t.Fatal(err)
			}
			before := lib.pageReads()
			x, err = Open(dir, lib, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			if rebuilt := lib.pageReads() > before; rebuilt != tc.rebuild {
				t.Errorf("rebuilt: %v, want %v", rebuilt, tc.rebuild)
			}
			x.mu.RLock()
			v, _ := x.idx.GetInternal(keySchema)
			x.mu.RUnlock()
			if string(v) != schemaVersion {
				t.Errorf("schema after open: %q", v)
			}
			if res := search(t, x, Request{Query: "precept"}); res.Total != 2 {
				t.Errorf("precept: %d hits, want 2", res.Total)
			}
		})
	}
}

// TestCatchUp checks that opening brings an index up to date with papers
// added or removed while it was not listening.
func TestCatchUp(t *testing.T) {
	lib := newLibrary(t, "dpp-agenda", "kent-qpr")
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Open(dir, lib, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	all := newLibrary(t)
	vs, _ := all.CurrentVersions()
	for _, v := range vs {
		switch v.Document {
		case "kent-supp":
			p, _ := all.Pages(v.SHA256)
			lib.add(v, p)
		case "kent-qpr":
			lib.remove(v.SHA256)
		}
	}
	x, err = Open(dir, lib, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for q, want := range map[string][]string{
		"stalking": {"dpp-agenda/1", "dpp-agenda/2", "kent-supp/2"},
		"gritting": nil,
	} {
		if got := sorted(labels(t, all, search(t, x, Request{Query: q}))); !slices.Equal(got, want) {
			t.Errorf("%s finds %v, want %v", q, got, want)
		}
	}
}

func TestExplicitRebuild(t *testing.T) {
	lib := newLibrary(t)
	x, _ := openTest(t, lib)
	var mu sync.Mutex
	var seen [][2]int
	err := x.Rebuild(lib, func(done, total int) {
		mu.Lock()
		seen = append(seen, [2]int{done, total})
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	last := seen[len(seen)-1]
	if seen[0][0] != 0 || last[0] != last[1] || last[1] != 12 {
		t.Errorf("progress went %v; want 0 to 12 of 12 pages", seen)
	}
	for i := 1; i < len(seen); i++ {
		if seen[i][0] < seen[i-1][0] {
			t.Errorf("progress went backwards: %v", seen)
		}
	}
	if res := search(t, x, Request{Query: "stalking"}); res.Total != 3 {
		t.Errorf("after Rebuild stalking has %d hits, want 3", res.Total)
	}
}

// TestLocked checks that a second opener gives up quickly with ErrLocked,
// and that the first one's index is untouched.
func TestLocked(t *testing.T) {
	lib := newLibrary(t)
	x, dir := openTest(t, lib)
	start := time.Now()
	y, err := Open(dir, lib, nil)
	if err == nil {
		_ = y.Close()
		t.Fatal("a second Open of a held index succeeded")
	}
	if !errors.Is(err, docs.ErrLocked) {
		t.Errorf("second Open: %v, want docs.ErrLocked", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("second Open took %v", d)
	}
	if res := search(t, x, Request{Query: "stalking"}); res.Total != 3 {
		t.Errorf("the first index lost pages: %d hits", res.Total)
	}
}

// TestBleveLockHeld checks the Bleve store's own lock: held elsewhere
// (without the folder lock), opening reports docs.ErrLocked and never
// deletes the index.
func TestBleveLockHeld(t *testing.T) {
	lib := newLibrary(t)
	x, dir := openTest(t, lib)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	held, err := bleve.OpenUsing(filepath.Join(dir, bleveName), runtimeConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	_, err = Open(dir, lib, nil)
	if !errors.Is(err, docs.ErrLocked) {
		t.Fatalf("Open while Bleve's lock is held: %v, want docs.ErrLocked", err)
	}
	if n, err := held.DocCount(); err != nil || n == 0 {
		t.Errorf("the held index has %d entries (%v)", n, err)
	}
}

// TestConcurrentUse runs searches while papers come and go and the index
// is rebuilt; run with -race.
func TestConcurrentUse(t *testing.T) {
	lib := newLibrary(t)
	x, _ := openTest(t, lib)
	vs, _ := lib.CurrentVersions()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for g := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				q := []string{"stalking", "gwasanaethau", "polic*", "comissioner~"}[(g+i)%4]
				if _, err := x.Search(Request{Query: q}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 10 {
			v := vs[i%len(vs)]
			p, _ := lib.Pages(v.SHA256)
			if err := x.Remove(v.SHA256); err != nil {
				errs <- err
			}
			if err := x.Add(v, p); err != nil {
				errs <- err
			}
		}
		if err := x.Rebuild(lib, nil); err != nil {
			errs <- err
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if res := search(t, x, Request{Query: "stalking"}); res.Total != 3 {
		t.Errorf("afterwards stalking has %d hits, want 3", res.Total)
	}
}

func TestClosed(t *testing.T) {
	lib := newLibrary(t)
	x, _ := openTest(t, lib)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := x.Search(Request{Query: "stalking"}); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("Search on a closed index: %v", err)
	}
	if err := x.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestOpenWithoutSource(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := Open(dir, nil, nil); err == nil {
		t.Fatal("Open of a missing index with no library succeeded")
	}
}

func removeAll(t *testing.T, path string) {
	t.Helper()
	if err := os.RemoveAll(path); err != nil {
		t.Fatal(err)
	}
}

func truncate(t *testing.T, path string, size int64) {
	t.Helper()
	if err := os.Truncate(path, size); err != nil {
		t.Fatal(err)
	}
}

// scribble overwrites the start of a file with junk, keeping its size.
func scribble(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt([]byte(strings.Repeat("not a database ", 300)), 0); err != nil {
		t.Fatal(err)
	}
}

func glob(t *testing.T, dir, pattern string) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil || len(m) == 0 {
		t.Fatalf("no %s in %s (%v)", pattern, dir, err)
	}
	return m[0]
}

// Opening an index that is in step writes nothing, and a search-only open
// is read-only: once every open indexed every note and draft again (a new
// segment each, merged in the background of a process about to exit).
// Recording nothing of a note's entry (its fingerprint) fails this test.
func TestOpenInStepWritesNothing(t *testing.T) {
	lib := &mineLibrary{fakeLibrary: newLibrary(t),
		notes:  []docs.NoteEntry{{Note: docs.Note{ID: "n1", Comment: "zebrafish"}, Paper: "Minutes"}},
		drafts: []docs.Draft{{ID: "d1", Title: "Quokka", Body: "How many quokkas?"}}}
	dir := t.TempDir()
	x, err := Open(dir, lib, nil)
	if err != nil {
		t.Fatal(err)
	}
	x.Close()
	x, err = Open(dir, lib, nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := x.lagBehind(lib)
	if err != nil || !l.none() {
		t.Fatalf("an index just brought up to date lags: %+v, %v", l, err)
	}
	x.Close()

	r, err := OpenToSearch(dir, lib, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res := search(t, r, Request{Query: "zebrafish"}); res.Total != 1 {
		t.Errorf("read-only open finds %d notes", res.Total)
	}
	if err := r.IndexNote(lib.notes[0]); err == nil {
		t.Error("a search-only index took a change")
	}
	r.Close()

	// A changed note is not left behind: the search-only open catches up.
	lib.notes[0].Comment = "axolotl"
	r, err = OpenToSearch(dir, lib, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if res := search(t, r, Request{Query: "axolotl"}); res.Total != 1 {
		t.Errorf("a changed note is not found after a search-only open")
	}
}
