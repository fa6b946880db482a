package fetch

import (
	"context"
	"os"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/fetch/fetchtest"
	"panelpapers/docs/library"
)

// onePage stands in for the PDF engine: what a paper is comes from the
// web service here, so its text does not matter.
type onePage struct{}

func (onePage) Extract(context.Context, string, string, func(int, int)) ([]docs.Page, error) {
	return []docs.Page{{Number: 1, Text: "Audit Committee papers", Engine: docs.EnginePDFium}}, nil
}

// libraryStore is the real library as a sync uses it (as main wires it).
type libraryStore struct {
	*library.Library
	*library.Papers
}

// TestSyncIntoLibrary runs follow → sync → sync again against the real
// bbolt library rather than the in-memory store.
func TestSyncIntoLibrary(t *testing.T) {
	site := fetchtest.NewSite(t)
	site.SetMaxSize(testMaxSize)
	dir := t.TempDir()
	lib, err := library.OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	papers := &library.Papers{Lib: lib, Extractor: onePage{}}
	s := &Syncer{Client: testClient(t), Store: libraryStore{lib, papers}, TempDir: t.TempDir(),
		Now: func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }}

	list, err := s.Client.Committees(context.Background(), site.URL)
	if err != nil {
		t.Fatal(err)
	}
	c, err := FindCommittee(list, "audit")
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.Follow(c); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Sync(context.Background(), time.Time{}, nil)
	if err != nil || rep.Err() != nil {
		t.Fatalf("sync: %v %v", err, rep.Err())
	}
	if len(rep.Arrived) == 0 {
		t.Fatal("nothing arrived")
	}
	vs, err := lib.Versions(true)
	if err != nil || len(vs) != len(rep.Arrived) {
		t.Fatalf("library holds %d versions for %d arrivals (%v)", len(vs), len(rep.Arrived), err)
	}
	for _, v := range vs {
		// The service's facts win over the (meaningless) text.
		if v.Committee != "Audit Committee" || v.Date != "2026-02-10" {
			t.Errorf("%s: committee %q date %q", v.Title, v.Committee, v.Date)
		}
		if _, err := os.Stat(lib.FilePath(v.SHA256)); err != nil {
			t.Errorf("%s: file missing: %v", v.Title, err)
		}
	}
	ms, err := lib.Meetings()
	if err != nil || len(ms) != 2 {
		t.Fatalf("want 2 meetings recorded, got %d (%v)", len(ms), err)
	}

	again, err := s.Sync(context.Background(), time.Time{}, nil)
	if err != nil || len(again.Arrived) != 0 || again.Unchanged != len(rep.Arrived) {
		t.Fatalf("second sync: %v, %d arrived, %d unchanged", err, len(again.Arrived), again.Unchanged)
	}
	if vs2, _ := lib.Versions(true); len(vs2) != len(vs) {
		t.Errorf("second sync changed the library: %d versions, had %d", len(vs2), len(vs))
	}
}
