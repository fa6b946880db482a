package search

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"panelpapers/docs"
)

// fixture is a version with its pages, as testdata/library.json holds them.
type fixture struct {
	Version docs.Version `json:"version"`
	Pages   []docs.Page  `json:"pages"`
}

// fakeLibrary is a Source over fixtures, safe for concurrent use.
type fakeLibrary struct {
	mu       sync.Mutex
	versions []*docs.Version
	pages    map[string][]docs.Page
	reads    int // Pages calls, to tell a rebuild from a plain open
}

func (l *fakeLibrary) CurrentVersions() ([]*docs.Version, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]*docs.Version(nil), l.versions...), nil
}

func (l *fakeLibrary) Pages(sha string) ([]docs.Page, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reads++
	p, ok := l.pages[sha]
	if !ok {
		return nil, fmt.Errorf("pages of %s: %w", sha, docs.ErrNotFound)
	}
	return p, nil
}

// Notes and Drafts: the fixtures hold none (mineLibrary adds some).
func (l *fakeLibrary) Notes(docs.NoteFilter) ([]docs.NoteEntry, error) { return nil, nil }
func (l *fakeLibrary) Drafts() ([]docs.Draft, error)                   { return nil, nil }

func (l *fakeLibrary) add(v *docs.Version, pages []docs.Page) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.versions = append(l.versions, v)
	l.pages[v.SHA256] = pages
}

func (l *fakeLibrary) remove(sha string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, v := range l.versions {
		if v.SHA256 == sha {
			l.versions = append(l.versions[:i], l.versions[i+1:]...)
			break
		}
	}
	delete(l.pages, sha)
}

func (l *fakeLibrary) pageReads() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.reads
}

// loadFixtures reads testdata/library.json.
func loadFixtures(t testing.TB) []fixture {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "library.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fs []fixture
	if err := json.Unmarshal(raw, &fs); err != nil {
		t.Fatal(err)
	}
	return fs
}

// newLibrary returns a fake library holding the fixtures whose document
// keys are given, or all of them.
func newLibrary(t testing.TB, only ...string) *fakeLibrary {
	t.Helper()
	l := &fakeLibrary{pages: map[string][]docs.Page{}}
	for _, f := range loadFixtures(t) {
		if len(only) > 0 && !contains(only, f.Version.Document) {
			continue
		}
		v := f.Version
		l.add(&v, f.Pages)
	}
	return l
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// openTest opens an index over lib in a temporary folder and closes it
// when the test ends.
func openTest(t testing.TB, lib Source) (*Index, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Open(dir, lib, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = x.Close() })
	return x, dir
}

// labels names hits "document/page" (the fixture's document key), in order.
func labels(t testing.TB, lib *fakeLibrary, res *Result) []string {
	t.Helper()
	byID := map[string]string{}
	vs, _ := lib.CurrentVersions()
	for _, v := range vs {
		byID[v.ID()] = v.Document
	}
	out := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		doc, ok := byID[h.Pack]
		if !ok {
			doc = h.Pack
		}
		out = append(out, fmt.Sprintf("%s/%d", doc, h.Page))
	}
	return out
}

func sorted(ss []string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	return out
}

func search(t testing.TB, x *Index, req Request) *Result {
	t.Helper()
	res, err := x.Search(req)
	if err != nil {
		t.Fatalf("Search(%+v): %v", req, err)
	}
	return res
}
