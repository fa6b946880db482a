package library

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"panelpapers/docs"

	bolt "go.etcd.io/bbolt"
)

// fakeExtractor gives fixed pages, so store tests need no PDF engine.
type fakeExtractor struct {
	pages []docs.Page
	err   error
}

func (f fakeExtractor) Extract(_ context.Context, _, _ string, _ func(int, int)) ([]docs.Page, error) {
	return f.pages, f.err
}

// recordingIndex remembers what the library asked of it.
type recordingIndex struct{ added, removed []string }

func (r *recordingIndex) Add(v *docs.Version, _ []docs.Page) error {
	r.added = append(r.added, v.SHA256)
	return nil
}
func (r *recordingIndex) Remove(sha string) error { r.removed = append(r.removed, sha); return nil }

func minutesPages(extra string) []docs.Page {
	return []docs.Page{
		{Number: 1, Text: "Dyfed-Powys Police and Crime Panel\nMinutes of the meeting held on Friday, 14 July 2023 at 10.00 am\n" + extra, Engine: docs.EnginePDFium},
		{Number: 2, Text: "Question from Councillor Jane Roberts-Jones\nWhat is being done about rural crime?\nPage 2", Engine: docs.EnginePDFium},
	}
}

func tempFileWith(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func newPapers(t *testing.T, ex docs.TextExtractor) (*Papers, *recordingIndex) {
	t.Helper()
	lib, err := OpenLibrary(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	idx := &recordingIndex{}
	return &Papers{Lib: lib, Extractor: ex, Index: idx}, idx
}

func TestImportVersionsAndRemove(t *testing.T) {
	ctx := context.Background()
	p, idx := newPapers(t, fakeExtractor{pages: minutesPages("")})
	// Identity comes from the parsed agenda; pin it with facts so that this
	// test is about the store, not the parser.
	meeting := &docs.Meeting{Committee: "Dyfed-Powys Police and Crime Panel", Date: "2023-07-14"}
	paper := &docs.MeetingDocument{Title: "Printed minutes", Kind: docs.KindMinutes}
	first, err := p.Import(ctx, tempFileWith(t, "minutes.pdf", "%PDF-1.4 first"), ImportOptions{Meeting: meeting, Document: paper})
	if err != nil || !first.Added {
		t.Fatalf("first import: %+v %v", first, err)
	}
	again, err := p.Import(ctx, tempFileWith(t, "copy.pdf", "%PDF-1.4 first"), ImportOptions{})
	if err != nil || again.Added || again.Version.SHA256 != first.Version.SHA256 {
		t.Fatalf("re-adding the same bytes must be a no-op: %+v %v", again, err)
	}

	// Same document (same parsed committee, date, kind, title), new content.
	p.Extractor = fakeExtractor{pages: minutesPages("Corrected version")}
	second, err := p.Import(ctx, tempFileWith(t, "minutes-v2.pdf", "%PDF-1.4 second"), ImportOptions{Meeting: meeting, Document: paper})
	if err != nil || !second.Added {
		t.Fatalf("second import: %+v %v", second, err)
	}
	if second.Superseded == nil || second.Superseded.SHA256 != first.Version.SHA256 {
		t.Fatalf("second version should supersede the first, got %+v", second.Superseded)
	}
	cur, _ := p.Lib.Versions(false)
	all, _ := p.Lib.Versions(true)
	if len(cur) != 1 || len(all) != 2 || cur[0].SHA256 != second.Version.SHA256 {
		t.Fatalf("want 1 current of 2 versions, got %d of %d", len(cur), len(all))
	}
	if strings.Join(idx.removed, ",") != first.Version.SHA256 {
		t.Errorf("superseded version should leave the index, removed %v", idx.removed)
	}

	// A different paper is a new document.
	p.Extractor = fakeExtractor{pages: []docs.Page{{Number: 1, Text: "Something else entirely"}}}
	other, err := p.Import(ctx, tempFileWith(t, "Budget report.pdf", "%PDF-1.4 other"), ImportOptions{})
	if err != nil || other.Superseded != nil {
		t.Fatalf("other import: %+v %v", other, err)
	}
	if cur, _ := p.Lib.Versions(false); len(cur) != 2 {
		t.Fatalf("want 2 current documents, got %d", len(cur))
	}

	// Removing the current version brings the older one back.
	if err := p.Remove(second.Version.SHA256); err != nil {
		t.Fatal(err)
	}
	v, err := p.Lib.Version(first.Version.SHA256)
	if err != nil || !v.Current() {
		t.Fatalf("first version should be current again: %+v %v", v, err)
	}
	if _, err := os.Stat(p.Lib.FilePath(second.Version.SHA256)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("removed version's file should be gone: %v", err)
	}
	if idx.added[len(idx.added)-1] != first.Version.SHA256 {
		t.Errorf("restored version should be indexed again, added %v", idx.added)
	}
}

func TestImportFailureLeavesLibraryUnchanged(t *testing.T) {
	p, idx := newPapers(t, fakeExtractor{err: docs.ErrDamaged})
	_, err := p.Import(context.Background(), tempFileWith(t, "bad.pdf", "%PDF-1.4 truncated"), ImportOptions{})
	if !errors.Is(err, docs.ErrDamaged) {
		t.Fatalf("want ErrDamaged, got %v", err)
	}
	if vs, _ := p.Lib.Versions(true); len(vs) != 0 {
		t.Errorf("nothing should be recorded, got %d versions", len(vs))
	}
	files, _ := os.ReadDir(filepath.Join(p.Lib.Dir(), "files"))
	if len(files) != 0 {
		t.Errorf("nothing should be left in files/, found %v", files)
	}
	if len(idx.added) != 0 {
		t.Errorf("nothing should be indexed")
	}
	_, err = p.Import(context.Background(), tempFileWith(t, "empty.pdf", ""), ImportOptions{})
	if !errors.Is(err, docs.ErrEmptyFile) {
		t.Fatalf("want ErrEmptyFile, got %v", err)
	}
}

func TestResolve(t *testing.T) {
	lib, err := OpenLibrary(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mk := func(sha string, added time.Time) {
		v := &docs.Version{SHA256: sha, Document: sha, Title: sha[:4], Added: added, Kind: docs.KindOther}
		if _, err := lib.record(v, []docs.Page{{Number: 1}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	base := time.Date(2023, 10, 27, 9, 0, 0, 0, time.UTC)
	mk(strings.Repeat("ab", 32), base)
	mk("abcd1234"+strings.Repeat("0", 56), base.Add(time.Hour))
	mk("abcd1299"+strings.Repeat("0", 56), base.Add(-time.Hour))

	for _, tc := range []struct {
		ref, want string
		err       error
	}{
		{"latest", "abcd1234", nil},
		{"ABCD1234", "abcd1234", nil},
		{"abababab", "abababab", nil},
		{"abcd12", "", docs.ErrNotFound},   // too short
		{"abcd1", "", docs.ErrNotFound},    // too short
		{"abcd12zz", "", docs.ErrNotFound}, // not hex
		{"ffffffff", "", docs.ErrNotFound}, // no match
		{"abcd", "", docs.ErrNotFound},     // too short even if it matches
		{"abcd12", "", docs.ErrNotFound},   // prefix of two, but too short
		{strings.Repeat("ab", 32), "abababab", nil},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			v, err := lib.Resolve(tc.ref)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("want %v, got %v (%v)", tc.err, err, v)
				}
				return
			}
			if err != nil || !strings.HasPrefix(v.SHA256, tc.want) {
				t.Fatalf("want %s…, got %v %v", tc.want, v, err)
			}
		})
	}
	mk("abcd1299aa"+strings.Repeat("0", 54), base)
	if _, err := lib.Resolve("abcd1299"); !errors.Is(err, docs.ErrAmbiguous) {
		t.Errorf("two matches should be ambiguous, got %v", err)
	}
}

func TestSecondWindowIsRefusedAtOnce(t *testing.T) {
	dir := t.TempDir()
	lock, err := LockInstance(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LockInstance(dir); !errors.Is(err, docs.ErrAlreadyOpen) {
		t.Fatalf("second lock: want ErrAlreadyOpen, got %v", err)
	}
	// The library itself stays usable while the window is open.
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.SetSetting("k", "v"); err != nil {
		t.Fatal(err)
	}
	if got, _ := lib.Setting("k"); got != "v" {
		t.Errorf("setting: got %q", got)
	}
	lock.Release()
	again, err := LockInstance(dir)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again.Release()
}

func TestNewerStoreIsRefused(t *testing.T) {
	dir := t.TempDir()
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte("99")) }); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenLibrary(dir); err == nil || !strings.Contains(err.Error(), "newer Panel Papers") {
		t.Fatalf("want a refusal naming a newer release, got %v", err)
	}
}

func TestTitleFromFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Public%20reports%20pack%2013th-Mar-2025%2015.00%20Cabinet.pdf?T=10": "Public reports pack 13th-Mar-2025 15.00 Cabinet",
		"/tmp/budget_report.pdf": "budget report",
		".pdf":                   "Untitled paper",
	} {
		if got := titleFromFileName(in); got != want {
			t.Errorf("titleFromFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWelshAndEnglishAreTwoDocuments: a council's Welsh and English minutes
// of one meeting are two papers; neither supersedes the other.
func TestWelshAndEnglishAreTwoDocuments(t *testing.T) {
	welsh := strings.Repeat("Cynhaliwyd cyfarfod o'r Cyngor yn Neuadd y Sir ac mae'r cofnodion wedi eu cadarnhau gan y Cadeirydd ar ran y cyngor. ", 6)
	english := strings.Repeat("The meeting of the Council was held in County Hall and the minutes were confirmed by the Chair on behalf of the council. ", 6)
	meeting := &docs.Meeting{Committee: "Manordeilo and Salem Community Council", Date: "2015-12-09"}
	paper := &docs.MeetingDocument{Title: "Minutes", Kind: docs.KindMinutes}
	p, _ := newPapers(t, fakeExtractor{pages: []docs.Page{{Number: 1, Text: welsh}}})
	cy, err := p.Import(context.Background(), tempFileWith(t, "cy.pdf", "%PDF-1.4 cy"), ImportOptions{Meeting: meeting, Document: paper})
	if err != nil {
		t.Fatal(err)
	}
	p.Extractor = fakeExtractor{pages: []docs.Page{{Number: 1, Text: english}}}
	en, err := p.Import(context.Background(), tempFileWith(t, "en.pdf", "%PDF-1.4 en"), ImportOptions{Meeting: meeting, Document: paper})
	if err != nil {
		t.Fatal(err)
	}
	if en.Superseded != nil || cy.Version.Title == en.Version.Title {
		t.Fatalf("Welsh %q and English %q should be two documents (superseded %v)", cy.Version.Title, en.Version.Title, en.Superseded)
	}
	if !strings.HasSuffix(cy.Version.Title, "(Cymraeg)") {
		t.Errorf("Welsh title %q", cy.Version.Title)
	}
	if cur, _ := p.Lib.Versions(false); len(cur) != 2 {
		t.Errorf("want both current, got %d", len(cur))
	}
}

// TestStampChangesWithThePapers checks the stamp the window watches: the
// same while nothing is written, different once a paper is added by
// another handle on the folder (as the command line is another program).
func TestStampChangesWithThePapers(t *testing.T) {
	p, _ := newPapers(t, fakeExtractor{pages: minutesPages("")})
	before, err := p.Lib.Stamp()
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := p.Lib.Stamp(); again != before {
		t.Fatal("the stamp changed with nothing written")
	}
	other, err := OpenLibrary(p.Lib.Dir())
	if err != nil {
		t.Fatal(err)
	}
	cli := &Papers{Lib: other, Extractor: fakeExtractor{pages: minutesPages("")}}
	if _, err := cli.Import(context.Background(), tempFileWith(t, "minutes.pdf", "%PDF-1.4 stamp"), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if after, _ := p.Lib.Stamp(); after == before {
		t.Error("a paper added elsewhere left the stamp unchanged")
	}
}
