package library_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/internal/doctest"
	"panelpapers/docs/library"
	"panelpapers/docs/packgen"
)

// packExtractor gives the pages of a generated pack, so that a library test
// needs no PDF engine.
type packExtractor struct{ pages []docs.Page }

func (x packExtractor) Extract(context.Context, string, string, func(int, int)) ([]docs.Page, error) {
	out := make([]docs.Page, len(x.pages))
	for i, p := range x.pages {
		out[i] = docs.Page{Number: p.Number, Text: p.Text, Engine: docs.EnginePDFium}
	}
	return out, nil
}

// importPack adds the pages of s to the library as if from a PDF named name.
func importPack(t testing.TB, p *library.Papers, name string, pack *packgen.Pack) *library.ImportResult {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte("%PDF-1.4 "+name), 0o644); err != nil {
		t.Fatal(err)
	}
	p.Extractor = packExtractor{pack.Pages}
	res, err := p.Import(context.Background(), path, library.ImportOptions{})
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return res
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// sentence returns sentence k of paragraph n of page pg of item i of s.
func sentence(s packgen.Spec, item, pg, par, k int) string {
	text := s.Items[item].Pages[pg][par]
	parts := strings.SplitAfter(text, ". ")
	return strings.TrimSpace(parts[k])
}

// pagesWith lists the pages of pack whose text holds quote (spacing aside).
func pagesWith(pack *packgen.Pack, quote string) []int {
	var out []int
	for _, p := range pack.Pages {
		if strings.Contains(collapse(p.Text), collapse(quote)) {
			out = append(out, p.Number)
		}
	}
	return out
}

// pageIn returns the page of item that holds quote, or 0.
func pageIn(pack *packgen.Pack, quote, item string) int {
	for _, n := range pagesWith(pack, quote) {
		if pack.Pages[n-1].Item == item {
			return n
		}
	}
	return 0
}

// stockPhrase finds words of item's first page that are printed, word for
// word, on some other page of the pack too: a stock phrase of the kind that
// must not pull a note somewhere else when its own page is gone.
func stockPhrase(t *testing.T, s packgen.Spec, pack *packgen.Pack, item int) string {
	t.Helper()
	words := strings.Fields(s.Items[item].Pages[0][0])
	for n := 10; n >= 6; n-- {
		for i := 0; i+n <= len(words); i++ {
			q := strings.Join(words[i:i+n], " ")
			if len(pagesWith(pack, q)) > 1 {
				return q
			}
		}
	}
	t.Fatal("no stock phrase found")
	return ""
}

func TestNotesFollowRepublication(t *testing.T) {
	base := packgen.SamplePack()
	old := doctest.Generated(t, base)

	// Variants of the pack as a council republishes it.
	removed := packgen.SamplePack()
	removed.Items[5].Pages = nil // the complaints report withdrawn
	edited := packgen.SamplePack()
	edited.Items[4].Pages = append(packgen.NewProse(99).Pages(2), edited.Items[4].Pages...) // two pages inserted
	smallEdit := sentence(base, 4, 2, 1, 1)
	words := strings.Fields(smallEdit)
	words[len(words)/2] = "notably"
	edited.Items[4].Pages[2+2][1] = strings.Replace(edited.Items[4].Pages[2+2][1], smallEdit, strings.Join(words, " "), 1)

	// The notes a member made on the first edition.
	type want struct {
		quote     string // what the note quotes after the move ("" for the same)
		attention bool
		newBoxes  bool // the window must find the boxes again: the page changed
	}
	box := []docs.Rect{{Left: 72, Bottom: 400, Right: 500, Top: 412}}
	type noteCase struct {
		name string
		note docs.Note
		// want per variant
		want map[string]want
		ref  string // for a pin: words on its page
	}
	stock := stockPhrase(t, base, old, 5)
	q5a := sentence(base, 4, 0, 0, 1)
	q5c := sentence(base, 4, 2, 0, 1)
	q6 := sentence(base, 5, 0, 1, 1)
	q7changed := sentence(base, 6, 0, 0, 0)
	q7 := sentence(base, 6, 0, 1, 1)
	pageOf := func(quote string) int {
		ps := pagesWith(old, quote)
		if len(ps) != 1 {
			t.Fatalf("%q is on pages %v of the first edition", quote, ps)
		}
		return ps[0]
	}
	question := "What steps is the Commissioner taking to reduce the time callers wait"
	cases := []noteCase{
		{"question before the changes", docs.Note{Quote: question, Page: pageIn(old, question, "4"), Comment: "ask about Powys", Colour: docs.Pink}, nil, ""},
		{"first page of the annual report", docs.Note{Quote: q5a}, nil, ""},
		// The small edit is on the same page: there the page changed.
		{"annual report after the insertion", docs.Note{Quote: q5c, Tags: []string{"finance"}, Boxes: box}, map[string]want{"edited": {newBoxes: true}}, ""},
		{"small edit", docs.Note{Quote: smallEdit, Boxes: box}, map[string]want{"edited": {quote: strings.Join(words, " "), newBoxes: true}}, ""},
		{"complaints report", docs.Note{Quote: q6}, map[string]want{"removed": {attention: true}}, ""},
		{"stock phrase in the complaints report", docs.Note{Quote: stock, Page: pageIn(old, stock, "6")}, map[string]want{"removed": {attention: true}}, ""},
		{"pin on the complaints report", docs.Note{Kind: docs.NotePin, Page: pageOf(q6), Spot: &docs.Point{X: 100, Y: 500}}, map[string]want{"removed": {attention: true}}, q6},
		{"pin on the annual report", docs.Note{Kind: docs.NotePin, Page: pageOf(q5c), Spot: &docs.Point{X: 72, Y: 700}}, nil, q5c},
		{"paragraph rewritten", docs.Note{Quote: q7changed}, map[string]want{"republished": {attention: true}}, ""},
		{"paragraph kept", docs.Note{Quote: q7}, nil, ""},
		{"whole item", docs.Note{Kind: docs.NoteItem, Item: "6", Comment: "declare an interest"}, nil, ""},
	}

	variants := []struct {
		name string
		spec packgen.Spec
	}{
		{"republished", packgen.Republish(base)},
		{"removed", removed},
		{"edited", edited},
	}
	for _, vt := range variants {
		t.Run(vt.name, func(t *testing.T) {
			neu := doctest.Generated(t, vt.spec)
			p, _ := newNotePapers(t)
			first := importPack(t, p, "pack.pdf", old).Version
			notes := map[string]docs.Note{}
			for _, c := range cases {
				n := c.note
				n.Version = first.SHA256
				if n.Kind == "" && n.Page == 0 {
					n.Page = pageOf(n.Quote)
				}
				added, err := p.Lib.AddNote(n)
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				notes[c.name] = added
			}
			res := importPack(t, p, "pack-republished.pdf", neu)
			if res.Superseded == nil || res.Superseded.SHA256 != first.SHA256 {
				t.Fatalf("the second edition did not supersede the first: %+v", res)
			}
			second := res.Version
			entries, err := p.Lib.Notes(docs.NoteFilter{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]docs.NoteEntry{}
			for _, e := range entries {
				got[e.ID] = e
			}
			if len(got) != len(cases) {
				t.Errorf("%d notes after republication, want %d: none may be dropped", len(got), len(cases))
			}
			for _, c := range cases {
				before := notes[c.name]
				e, ok := got[before.ID]
				if !ok {
					t.Errorf("%s: the note is gone", c.name)
					continue
				}
				if e.Version != second.SHA256 {
					t.Errorf("%s: on version %.12s, want the current %.12s", c.name, e.Version, second.SHA256)
				}
				w := c.want[vt.name]
				if w.attention {
					if e.Status != docs.NoteNeedsAttention || e.Reason == "" {
						t.Errorf("%s: status %q (%q) on page %d, want needs attention", c.name, e.Status, e.Reason, e.Page)
					}
					if e.Comment != before.Comment || e.Quote != before.Quote {
						t.Errorf("%s: needing attention lost its words: %+v", c.name, e.Note)
					}
					continue
				}
				if e.Status != docs.NotePlaced {
					t.Errorf("%s: %s (%s), want placed", c.name, e.Status, e.Reason)
					continue
				}
				if e.Moved == nil || e.Moved.From != first.SHA256 || e.Moved.Page != before.Page {
					t.Errorf("%s: moved = %+v, want from page %d of the first edition", c.name, e.Moved, before.Page)
				}
				switch before.Kind {
				case docs.NoteItem:
					if e.Item != "6" {
						t.Errorf("%s: item %q", c.name, e.Item)
					}
					continue
				case docs.NotePin:
					// The pin's page moved unchanged: it is where its text went.
					text := neu.Pages[e.Page-1].Text
					if !strings.Contains(collapse(text), collapse(c.ref)) {
						t.Errorf("%s: on page %d, which does not hold its page's text", c.name, e.Page)
					}
					if e.Spot == nil || *e.Spot != *before.Spot {
						t.Errorf("%s: spot %v, want %v", c.name, e.Spot, before.Spot)
					}
					continue
				}
				quote := before.Quote
				if w.quote != "" {
					quote = w.quote
					if e.Moved.Quote != before.Quote {
						t.Errorf("%s: moved.quote = %q, want the old words %q", c.name, e.Moved.Quote, before.Quote)
					}
				}
				var wantPages []int
				for _, pg := range pagesWith(neu, quote) {
					if neu.Pages[pg-1].Item == before.Item {
						wantPages = append(wantPages, pg)
					}
				}
				if len(wantPages) != 1 || e.Page != wantPages[0] {
					t.Errorf("%s: on page %d, want %v", c.name, e.Page, wantPages)
					continue
				}
				if at := collapse(runes(neu.Pages[e.Page-1].Text, e.Start, e.End)); at != collapse(quote) {
					t.Errorf("%s: range %d-%d holds %q, want %q", c.name, e.Start, e.End, at, quote)
				}
				if collapse(e.Quote) != collapse(quote) {
					t.Errorf("%s: quote %q, want %q", c.name, e.Quote, quote)
				}
				if e.Comment != before.Comment || e.Colour != before.Colour || strings.Join(e.Tags, ",") != strings.Join(before.Tags, ",") {
					t.Errorf("%s: comment, colour or tags changed: %+v", c.name, e.Note)
				}
				if keep := before.Boxes != nil && !w.newBoxes; keep != (e.Boxes != nil) {
					t.Errorf("%s: boxes %v after the move, want them kept: %v", c.name, e.Boxes, keep)
				}
				if e.Printed != neu.Pages[e.Page-1].Printed {
					t.Errorf("%s: printed page %q, want %q", c.name, e.Printed, neu.Pages[e.Page-1].Printed)
				}
			}
			// What needs attention can be placed again by hand.
			for _, e := range entries {
				if e.Status != docs.NoteNeedsAttention || e.Kind != docs.NoteHighlight {
					continue
				}
				n := e.Note
				n.Quote, n.Page = q7, pagesWith(neu, q7)[0]
				placed, err := p.Lib.SaveNote(n)
				if err != nil || placed.Status != docs.NotePlaced || placed.Reason != "" {
					t.Errorf("placing %q again: %+v, %v", e.Quote, placed, err)
				}
				break
			}
		})
	}
}

// newNotePapers makes the import flow on a new library, with an index that
// takes notes too.
func newNotePapers(t *testing.T) (*library.Papers, *noteIndex) {
	t.Helper()
	lib, err := library.OpenLibrary(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	idx := &noteIndex{notes: map[string]docs.NoteEntry{}}
	return &library.Papers{Lib: lib, Index: idx}, idx
}

// noteIndex is an index that remembers what it was given.
type noteIndex struct {
	versions []string
	notes    map[string]docs.NoteEntry
	fail     bool
}

func (x *noteIndex) Add(v *docs.Version, _ []docs.Page) error {
	x.versions = append(x.versions, v.SHA256)
	return nil
}
func (x *noteIndex) Remove(string) error { return nil }
func (x *noteIndex) IndexNote(e docs.NoteEntry) error {
	if x.fail {
		return errors.New("index full")
	}
	x.notes[e.ID] = e
	return nil
}
func (x *noteIndex) RemoveNote(id string) error {
	if x.fail {
		return errors.New("index full")
	}
	delete(x.notes, id)
	return nil
}

func TestCarriedNotesAreReindexed(t *testing.T) {
	old := doctest.Generated(t, packgen.SamplePack())
	neu := doctest.Generated(t, packgen.Republish(packgen.SamplePack()))
	p, idx := newNotePapers(t)
	first := importPack(t, p, "pack.pdf", old).Version
	nb := &library.Notebook{Lib: p.Lib, Index: idx}
	q := sentence(packgen.SamplePack(), 4, 2, 0, 1)
	n, err := nb.Add(docs.Note{Version: first.SHA256, Page: pagesWith(old, q)[0], Quote: q, Comment: "ask about reserves"})
	if err != nil {
		t.Fatal(err)
	}
	if e := idx.notes[n.ID]; e.Version != first.SHA256 || !strings.Contains(e.SearchText(), "ask about reserves") || e.Paper == "" {
		t.Fatalf("indexed %+v", e)
	}
	second := importPack(t, p, "pack-2.pdf", neu).Version
	if e := idx.notes[n.ID]; e.Version != second.SHA256 || e.Page != pagesWith(neu, q)[0] {
		t.Errorf("after republication the index has the note on %.12s page %d, want %.12s page %v",
			e.Version, e.Page, second.SHA256, pagesWith(neu, q))
	}
}

func TestAddNoteRefuses(t *testing.T) {
	old := doctest.Generated(t, packgen.SamplePack())
	p, _ := newNotePapers(t)
	v := importPack(t, p, "pack.pdf", old).Version
	tests := []struct {
		name string
		note docs.Note
		want error
	}{
		{"quote not on the page", docs.Note{Page: 1, Quote: "the budget for 2024/25"}, docs.ErrQuoteNotFound},
		{"quote on another page", docs.Note{Page: 1, Quote: "What steps is the Commissioner taking"}, docs.ErrQuoteNotFound},
		{"highlight without words", docs.Note{Page: 1}, docs.ErrBadNote},
		{"no such page", docs.Note{Page: 999, Quote: "Carmarthenshire"}, docs.ErrBadNote},
		{"unknown colour", docs.Note{Page: 1, Quote: "Carmarthenshire", Colour: "red"}, docs.ErrBadNote},
		{"unknown kind", docs.Note{Kind: "sticker", Page: 1}, docs.ErrBadNote},
		{"no such item", docs.Note{Kind: docs.NoteItem, Item: "99"}, docs.ErrBadNote},
		{"no such paper", docs.Note{Version: strings.Repeat("0", 64), Page: 1, Quote: "Panel"}, docs.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := tt.note
			if n.Version == "" {
				n.Version = v.SHA256
			}
			got, err := p.Lib.AddNote(n)
			if !errors.Is(err, tt.want) {
				t.Errorf("AddNote = %+v, %v; want %v", got, err, tt.want)
			}
		})
	}
	if all, err := p.Lib.Notes(docs.NoteFilter{}); err != nil || len(all) != 0 {
		t.Errorf("after refused notes: %d notes, %v", len(all), err)
	}
}

// BenchmarkRepublishWithNotes imports a republished 200-page pack over the
// first edition, with no notes and with 100 notes to carry: the difference
// is what carrying costs.
func BenchmarkRepublishWithNotes(b *testing.B) {
	spec := packgen.LargePack(200, 5)
	old, neu := doctest.Generated(b, spec), doctest.Generated(b, packgen.Republish(spec))
	var quotes []docs.Note
	for i := 0; len(quotes) < 100; i++ {
		pg := old.Pages[(i*7)%len(old.Pages)]
		w := strings.Fields(pg.Text)
		if len(w) < 40 {
			continue
		}
		k := (i * 13) % (len(w) - 12)
		quotes = append(quotes, docs.Note{Page: pg.Number, Quote: strings.Join(w[k:k+4+i%9], " ")})
	}
	for _, n := range []int{0, 100} {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			placed := 0
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				lib, err := library.OpenLibrary(b.TempDir())
				if err != nil {
					b.Fatal(err)
				}
				p := &library.Papers{Lib: lib}
				first := importPack(b, p, "a.pdf", old).Version
				for _, q := range quotes[:n] {
					q.Version = first.SHA256
					if _, err := lib.AddNote(q); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				importPack(b, p, "b.pdf", neu)
				b.StopTimer()
				all, _ := lib.Notes(docs.NoteFilter{Status: docs.NotePlaced})
				placed = len(all)
				b.StartTimer()
			}
			b.ReportMetric(float64(placed), "placed")
		})
	}
}

func TestNotebookIndexFailure(t *testing.T) {
	old := doctest.Generated(t, packgen.SamplePack())
	p, idx := newNotePapers(t)
	v := importPack(t, p, "pack.pdf", old).Version
	nb := &library.Notebook{Lib: p.Lib, Index: idx}
	idx.fail = true
	n, err := nb.Add(docs.Note{Version: v.SHA256, Page: 1, Quote: "Carmarthenshire County Council"})
	if !errors.Is(err, docs.ErrNoteIndexBehind) || n.ID == "" {
		t.Fatalf("add with a failing index: %+v, %v; want the note saved and ErrNoteIndexBehind", n, err)
	}
	if _, err := p.Lib.Note(n.ID); err != nil {
		t.Errorf("the note was not saved: %v", err)
	}
	idx.fail = false
	if err := nb.Delete(n.ID); err != nil || len(idx.notes) != 0 {
		t.Errorf("delete: %v; index holds %d notes", err, len(idx.notes))
	}
	if ch, err := nb.Undo(); err != nil || ch.Note == nil || idx.notes[n.ID].Quote != n.Quote {
		t.Errorf("undo of the delete: %+v, %v; index %+v", ch, err, idx.notes)
	}
}
func runes(s string, start, end int) string { return string([]rune(s)[start:end]) }
