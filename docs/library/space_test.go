package library

import (
	"bytes"
	"errors"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"panelpapers/docs"
)

// removalLog remembers what it was asked to remove.
type removalLog struct {
	mu      sync.Mutex
	removed []string
	fail    error
}

func (x *removalLog) Add(*docs.Version, []docs.Page) error { return nil }

func (x *removalLog) Remove(sha string) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.removed = append(x.removed, sha)
	return x.fail
}

// putPaper records a paper of the given meeting date with a file of size
// bytes; its SHA-256 is digit repeated.
func putPaper(t *testing.T, l *Library, digit, date, title string, size int, minute int) *docs.Version {
	t.Helper()
	pages := []docs.Page{{Number: 1, Text: "The Panel is asked to note the report.\nRESOLVED that the report be noted."}}
	v := &docs.Version{SHA256: strings.Repeat(digit, 64), Title: title, Committee: "Audit Committee", Date: date,
		Kind: docs.KindAgenda, Pages: 1, Size: int64(size), Added: time.Date(2024, 1, 1, 12, minute, 0, 0, time.UTC)}
	v.Document = DocumentKey(v.Committee, v.Date, v.Kind, v.Title)
	if err := os.WriteFile(l.FilePath(v.SHA256), append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), size-9)...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := l.record(v, pages, nil); err != nil {
		t.Fatal(err)
	}
	got, err := l.Version(v.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// spaceLibrary holds: an old pack republished (two versions), an old
// report with a note, a newer pack and an undated paper.
func spaceLibrary(t *testing.T) (l *Library, oldV1, oldV2, noted, newer, undated *docs.Version) {
	l = openTestLibrary(t)
	oldV1 = putPaper(t, l, "a", "2023-10-27", "Reports pack", 1000, 0)
	oldV2 = putPaper(t, l, "b", "2023-10-27", "Reports pack", 1200, 1)
	noted = putPaper(t, l, "c", "2023-06-01", "Annual report", 500, 2)
	newer = putPaper(t, l, "d", "2024-03-01", "Reports pack", 800, 3)
	undated = putPaper(t, l, "e", "", "Budget notes", 300, 4)
	if _, err := l.AddNote(docs.Note{Version: noted.SHA256, Page: 1, Quote: "note the report", Comment: "Ask why"}); err != nil {
		t.Fatal(err)
	}
	oldV1, _ = l.Version(oldV1.SHA256) // now superseded
	return l, oldV1, oldV2, noted, newer, undated
}

func shas(vs []*docs.Version) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.SHA256[:1]
	}
	return out
}

func TestSpaceUsed(t *testing.T) {
	l, _, _, _, _, _ := spaceLibrary(t)
	s, err := (&Papers{Lib: l}).SpaceUsed()
	if err != nil {
		t.Fatal(err)
	}
	if s.Count != 5 || s.Papers != 1000+1200+500+800+300 {
		t.Errorf("papers: %d files, %d bytes", s.Count, s.Papers)
	}
	if s.Total <= s.Papers {
		t.Errorf("total %d should include the records beside %d of papers", s.Total, s.Papers)
	}
}

func TestOldPapers(t *testing.T) {
	l, oldV1, oldV2, noted, _, _ := spaceLibrary(t)
	cases := []struct {
		before     string
		remove     string // first hex digit of each, in removal order
		kept       string
		bytes      int64
		wantErrMsg string
	}{
		{"2023-01-01", "", "", 0, ""},
		{"2023-10-27", "", "c", 0, ""}, // the meeting on the day stays
		{"2024-01-01", "ab", "c", 2200, ""},
		{"2025-01-01", "adb", "c", 3000, ""}, // superseded versions first,
		{"January", "", "", 0, "yyyy-mm-dd"},
	}
	for _, tc := range cases {
		t.Run(tc.before, func(t *testing.T) {
			c, err := (&Papers{Lib: l}).OldPapers(tc.before)
			if tc.wantErrMsg != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErrMsg) {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(shas(c.Remove), ""); got != tc.remove {
				t.Errorf("remove %q, want %q", got, tc.remove)
			}
			if got := strings.Join(shas(c.Kept), ""); got != tc.kept {
				t.Errorf("kept %q, want %q", got, tc.kept)
			}
			if c.Bytes != tc.bytes {
				t.Errorf("bytes %d, want %d", c.Bytes, tc.bytes)
			}
		})
	}
	_, _, _ = oldV1, oldV2, noted
}

func TestRemoveOldKeepsNotesAndDownloadRecords(t *testing.T) {
	l, oldV1, oldV2, noted, newer, undated := spaceLibrary(t)
	const url = "https://democracy.example.gov.uk/documents/g1/pack.pdf"
	if err := l.SetRemote(docs.Remote{URL: url, ETag: `"x"`, SHA256: oldV2.SHA256}); err != nil {
		t.Fatal(err)
	}
	idx := &removalLog{}
	p := &Papers{Lib: l, Index: idx}
	c, err := p.RemoveOld("2024-01-01")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(shas(c.Remove), ""); got != "ab" || c.Bytes != 2200 {
		t.Errorf("removed %q (%d bytes)", got, c.Bytes)
	}
	// Older version first, so nothing was made current and indexed again.
	if got := strings.Join(idx.removed, ","); got != oldV1.SHA256+","+oldV2.SHA256 {
		t.Errorf("index removals %q", got)
	}
	all, err := l.Versions(true)
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].SHA256 < all[j].SHA256 })
	if got := strings.Join(shas(all), ""); got != "cde" {
		t.Errorf("library holds %q", got)
	}
	for _, v := range []*docs.Version{oldV1, oldV2} {
		if _, err := os.Stat(l.FilePath(v.SHA256)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("file of %s still there: %v", v.SHA256[:1], err)
		}
	}
	for _, v := range []*docs.Version{noted, newer, undated} {
		if _, err := os.Stat(l.FilePath(v.SHA256)); err != nil {
			t.Errorf("file of %s gone: %v", v.SHA256[:1], err)
		}
	}
	if r, ok, err := l.Remote(url); err != nil || !ok || r.SHA256 != oldV2.SHA256 {
		t.Errorf("download record after removal: %+v %v %v", r, ok, err)
	}

	// An index that cannot follow does not stop the removal.
	idx.fail = errors.New("index closed")
	c, err = p.RemoveOld("2025-01-01")
	if !errors.Is(err, docs.ErrIndexBehind) || len(c.Remove) != 1 {
		t.Errorf("with a failing index: %v, removed %d", err, len(c.Remove))
	}
	if _, err := l.Version(newer.SHA256); !errors.Is(err, docs.ErrNotFound) {
		t.Errorf("newer pack still there: %v", err)
	}
}
