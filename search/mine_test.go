package search

import (
	"testing"

	"panelpapers/docs"
)

// mineLibrary is a library with the member's notes and drafts as well.
type mineLibrary struct {
	*fakeLibrary
	notes  []docs.NoteEntry
	drafts []docs.Draft
}

func (m *mineLibrary) Notes(docs.NoteFilter) ([]docs.NoteEntry, error) { return m.notes, nil }
func (m *mineLibrary) Drafts() ([]docs.Draft, error)                   { return m.drafts, nil }

func TestNotesAndDraftsAreSearched(t *testing.T) {
	lib := &mineLibrary{fakeLibrary: newLibrary(t)}
	lib.notes = []docs.NoteEntry{{
		Note:  docs.Note{ID: "n1", Version: "ab12cd34ef56ab12cd34ef56", Page: 4, Quote: "custody suite inspection", Comment: "Ask about the backlog of zebrafish reports"},
		Paper: "Reports pack", Committee: "Dyfed-Powys Police and Crime Panel", Date: "2023-10-27", Printed: "4",
	}}
	lib.drafts = []docs.Draft{{ID: "7", Title: "Rural response times", Body: "How will the Commissioner cut waits for quokka sightings?", Meeting: "2023-10-27", Committee: "Dyfed-Powys Police and Crime Panel"}}
	x, _ := openTest(t, lib)

	res := search(t, x, Request{Query: "zebrafish"})
	if res.Total != 1 || res.Hits[0].Kind != "note" || res.Hits[0].Page != 4 || res.Hits[0].Pack != "ab12cd34ef56" {
		t.Fatalf("note: %+v", res)
	}
	if h := res.Hits[0]; h.Note != "n1" || h.Draft != "" {
		t.Errorf("note hit names note %q, draft %q; want note n1", h.Note, h.Draft)
	}
	res = search(t, x, Request{Query: "quokka", Kind: "question"})
	if res.Total != 1 || res.Hits[0].Title != "Rural response times" {
		t.Fatalf("draft: %+v", res)
	}
	if h := res.Hits[0]; h.Draft != "7" || h.Note != "" {
		t.Errorf("draft hit names draft %q, note %q; want draft 7", h.Draft, h.Note)
	}
	if res := search(t, x, Request{Query: "custody"}); len(res.Hits) == 0 || res.Hits[0].Note != "n1" {
		t.Errorf("custody: %+v", res)
	}
	if res := search(t, x, Request{Query: "quokka", Kind: "note"}); res.Total != 0 {
		t.Errorf("kind filter let a draft through as a note")
	}

	// Edits and deletions reach the index at once, and a catch-up drops
	// what the library no longer has.
	lib.drafts[0].Body = "Nothing about marsupials now"
	if err := x.IndexDraft(lib.drafts[0]); err != nil {
		t.Fatal(err)
	}
	if res := search(t, x, Request{Query: "quokka"}); res.Total != 0 {
		t.Errorf("edited draft still found by its old words")
	}
	lib.notes = nil
	if err := x.catchUp(lib, nil); err != nil {
		t.Fatal(err)
	}
	if res := search(t, x, Request{Query: "zebrafish"}); res.Total != 0 {
		t.Errorf("deleted note still found")
	}
}
