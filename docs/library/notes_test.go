package library

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"panelpapers/docs"

	bolt "go.etcd.io/bbolt"
)

const testPanel = "Dyfed-Powys Police and Crime Panel"

// testPages are the pages of a small agenda: a front sheet, item 4 on page
// 2 and item 5 on pages 3 and 4.
func testPages() []docs.Page {
	return []docs.Page{
		{Number: 1, Printed: "1", Text: "Dyfed-Powys Police and Crime Panel\nFriday, 27 October 2023\nAGENDA\n4. Questions\n5. Annual report\nPage 1"},
		{Number: 2, Printed: "2", Item: "4", Text: "Agenda Item 4\nQuestion from Councillor Jane Roberts-Jones:\nWhat steps is the Commissioner taking to reduce the time callers wait on the\n101 non-emergency number?\nPage 2"},
		{Number: 3, Printed: "3", Item: "5", Text: "Agenda Item 5\nThe reserves strategy sets aside £2.1m for the estate. The Chief Constable\nchallenged the assumptions behind the collaboration agreement with the fire service.\nPage 3"},
		{Number: 4, Printed: "4", Item: "5", Text: "The Panel is asked to note the report.\nRESOLVED that the report be noted.\nPage 4"},
	}
}

func testAgenda() docs.Agenda {
	return docs.Agenda{Title: "Agenda", Kind: docs.KindAgenda, Committee: testPanel, Date: "2023-10-27", Items: []docs.AgendaItem{
		{Number: "4", Title: "Members' questions to the Police and Crime Commissioner", First: 2, Last: 2},
		{Number: "5", Title: "Annual report 2022/23", First: 3, Last: 4},
	}}
}

// addTestVersion records a version of the test agenda whose SHA-256 is
// digit repeated, added at the given minute past noon.
func addTestVersion(t *testing.T, l *Library, digit string, minute int, pages []docs.Page, agenda docs.Agenda) *docs.Version {
	t.Helper()
	v := &docs.Version{SHA256: strings.Repeat(digit, 64), Title: agenda.Title, Committee: agenda.Committee, Date: agenda.Date,
		Kind: agenda.Kind, Pages: len(pages), SourceName: "pack-" + digit + ".pdf", Agenda: agenda,
		Added: time.Date(2023, 10, 20, 12, minute, 0, 0, time.UTC)}
	v.Document = DocumentKey(v.Committee, v.Date, v.Kind, v.Title)
	if _, err := l.record(v, pages, nil); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestNoteLifecycle(t *testing.T) {
	lib := openTestLibrary(t)
	v := addTestVersion(t, lib, "a", 0, testPages(), testAgenda())

	hl, err := lib.AddNote(docs.Note{Version: v.SHA256, Page: 3, Quote: "challenged the  assumptions behind\nthe collaboration agreement",
		Comment: "Ask for the figures", Tags: []string{"finance", " Finance ", "fire"}})
	if err != nil {
		t.Fatal(err)
	}
	wantQuote := "challenged the assumptions behind the collaboration agreement"
	if hl.ID == "" || hl.Kind != docs.NoteHighlight || hl.Colour != docs.Yellow || hl.Status != docs.NotePlaced || hl.Item != "5" ||
		hl.Quote != wantQuote || hl.Document != v.Document || hl.Created.IsZero() {
		t.Fatalf("new highlight = %+v", hl)
	}
	if got := strings.Join(strings.Fields(string([]rune(testPages()[2].Text)[hl.Start:hl.End])), " "); got != wantQuote {
		t.Errorf("range %d-%d holds %q", hl.Start, hl.End, got)
	}
	if hl.Before != "aside £2.1m for the estate. The Chief Constable" || hl.After != "with the fire service. Page 3" {
		t.Errorf("context %q … %q", hl.Before, hl.After)
	}
	if !reflect.DeepEqual(hl.Tags, []string{"finance", "fire"}) {
		t.Errorf("tags %q", hl.Tags)
	}
	pin, err := lib.AddNote(docs.Note{Kind: docs.NotePin, Version: v.SHA256, Page: 2, Spot: &docs.Point{X: 300, Y: 420}, Colour: "Blue", Comment: "Powys?"})
	if err != nil {
		t.Fatal(err)
	}
	item, err := lib.AddNote(docs.Note{Kind: docs.NoteItem, Version: v.SHA256, Item: "4", Colour: docs.Green, Comment: "Declare an interest"})
	if err != nil {
		t.Fatal(err)
	}
	if pin.Colour != docs.Blue || pin.Item != "4" || item.Page != 2 || item.Item != "4" {
		t.Errorf("pin %+v\nitem note %+v", pin, item)
	}

	// Saving what is stored writes nothing.
	same, err := lib.SaveNote(hl)
	if err != nil || !same.Updated.Equal(hl.Updated) {
		t.Errorf("saving an unchanged note: %+v, %v", same, err)
	}
	edited := hl
	edited.Colour, edited.Comment, edited.Tags = docs.Pink, "Ask for the 2022 figures", []string{"reserves"}
	edited, err = lib.SaveNote(edited)
	if err != nil {
		t.Fatal(err)
	}
	if edited.Colour != docs.Pink || edited.Comment != "Ask for the 2022 figures" || edited.Start != hl.Start || !edited.Created.Equal(hl.Created) {
		t.Errorf("edited = %+v", edited)
	}
	// Re-selecting moves the highlight on its page.
	moved := edited
	moved.Quote, moved.Start, moved.End = "The reserves strategy", 0, 0
	if moved, err = lib.SaveNote(moved); err != nil || moved.Start != strings.Index(testPages()[2].Text, "The reserves") {
		t.Errorf("re-selected = %+v, %v", moved, err)
	}
	// Boxes the window measures are kept, and are not a change to undo.
	box := []docs.Rect{{Left: 72, Bottom: 600, Right: 300, Top: 612}}
	if err := lib.SetNoteBoxes(moved.ID, moved.Version, box); err != nil {
		t.Fatal(err)
	}
	if err := lib.SetNoteBoxes(moved.ID, strings.Repeat("9", 64), nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := lib.Note(moved.ID); !reflect.DeepEqual(got.Boxes, box) || !got.Updated.Equal(moved.Updated) {
		t.Errorf("after SetNoteBoxes: boxes %v, updated %v (was %v)", got.Boxes, got.Updated, moved.Updated)
	}
	if err := lib.DeleteNote(pin.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Note(pin.ID); !errors.Is(err, docs.ErrNotFound) {
		t.Errorf("a deleted note: %v", err)
	}
	if err := lib.DeleteNote(pin.ID); !errors.Is(err, docs.ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}

	// Undo goes back one change at a time: the delete, the move, the edit,
	// then the adds.
	steps := []struct {
		id    string
		check func(n *docs.Note) bool
	}{
		{pin.ID, func(n *docs.Note) bool { return n != nil && n.Comment == "Powys?" }},
		{hl.ID, func(n *docs.Note) bool { return n != nil && n.Quote == wantQuote && n.Colour == docs.Pink }},
		{hl.ID, func(n *docs.Note) bool {
			return n != nil && n.Colour == docs.Yellow && n.Comment == "Ask for the figures"
		}},
		{item.ID, func(n *docs.Note) bool { return n == nil }},
		{pin.ID, func(n *docs.Note) bool { return n == nil }},
		{hl.ID, func(n *docs.Note) bool { return n == nil }},
	}
	for i, s := range steps {
		ch, err := lib.UndoLastNoteChange()
		if err != nil {
			t.Fatalf("undo %d: %v", i+1, err)
		}
		if ch.ID != s.id || !s.check(ch.Note) {
			t.Errorf("undo %d: %s %+v", i+1, ch.ID, ch.Note)
		}
		stored, err := lib.Note(s.id)
		if (ch.Note == nil) != errors.Is(err, docs.ErrNotFound) || (ch.Note != nil && stored.Comment != ch.Note.Comment) {
			t.Errorf("undo %d: the store has %+v, %v", i+1, stored, err)
		}
	}
	if _, err := lib.UndoLastNoteChange(); !errors.Is(err, docs.ErrNothingToUndo) {
		t.Errorf("undo with nothing left: %v", err)
	}
}

func TestUndoAfterRepublication(t *testing.T) {
	lib := openTestLibrary(t)
	v1 := addTestVersion(t, lib, "a", 0, testPages(), testAgenda())
	n, err := lib.AddNote(docs.Note{Version: v1.SHA256, Page: 4, Quote: "RESOLVED that the report be noted."})
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.DeleteNote(n.ID); err != nil {
		t.Fatal(err)
	}
	// A page is inserted before the report's last page and the paper
	// republished; undoing the delete puts the note on the new version.
	pages := testPages()
	pages = append(pages[:3:3], docs.Page{Number: 4, Item: "5", Text: "ADDENDUM\nCorrected figures for the estate.\nPage 4"}, pages[3])
	pages[4].Number, pages[4].Text = 5, strings.Replace(pages[4].Text, "Page 4", "Page 5", 1)
	v2 := addTestVersion(t, lib, "b", 1, pages, testAgenda())
	ch, err := lib.UndoLastNoteChange()
	if err != nil {
		t.Fatal(err)
	}
	if ch.Note == nil || ch.Note.Version != v2.SHA256 || ch.Note.Page != 5 || ch.Note.Status != docs.NotePlaced {
		t.Errorf("restored note = %+v, want on page 5 of the new version", ch.Note)
	}
}

func TestNoteFilters(t *testing.T) {
	lib := openTestLibrary(t)
	v := addTestVersion(t, lib, "a", 0, testPages(), testAgenda())
	other := testAgenda()
	other.Date = "2024-01-26"
	w := addTestVersion(t, lib, "c", 2, testPages(), other)
	add := func(v *docs.Version, page int, quote string, c docs.Colour, tags ...string) docs.Note {
		n, err := lib.AddNote(docs.Note{Version: v.SHA256, Page: page, Quote: quote, Colour: c, Tags: tags})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	a := add(v, 3, "reserves strategy", docs.Yellow, "finance")
	b := add(v, 2, "101 non-emergency number", docs.Pink)
	c := add(w, 4, "note the report", docs.Pink, "Finance")
	// A note restored from a backup before its paper was downloaded.
	lost := docs.Note{ID: "0123456789ab", Kind: docs.NoteHighlight, Document: DocumentKey(testPanel, "2023-07-14", docs.KindMinutes, "Minutes"),
		Version: strings.Repeat("f", 64), Page: 2, Quote: "rural crime", Colour: docs.Green, Status: docs.NotePlaced, Created: time.Now()}
	if err := lib.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketNotes)
		if err != nil {
			return err
		}
		return putNote(b, &lost)
	}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		f    docs.NoteFilter
		want []string
	}{
		{"all, newest meeting first, then by page", docs.NoteFilter{}, []string{c.ID, b.ID, a.ID, lost.ID}},
		{"colour", docs.NoteFilter{Colour: docs.Pink}, []string{c.ID, b.ID}},
		{"tag in any case", docs.NoteFilter{Tag: "FINANCE"}, []string{c.ID, a.ID}},
		{"meeting", docs.NoteFilter{Committee: "dyfed-powys police and crime  panel", Date: "2023-10-27"}, []string{b.ID, a.ID}},
		{"paper", docs.NoteFilter{Document: w.Document}, []string{c.ID}},
		{"needs attention", docs.NoteFilter{Status: docs.NoteNeedsAttention}, []string{lost.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, err := lib.Notes(tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range es {
				got = append(got, e.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	es, _ := lib.Notes(docs.NoteFilter{Status: docs.NoteNeedsAttention})
	if len(es) == 1 && (es[0].Reason == "" || es[0].Date != "2023-07-14" || es[0].PaperKind != docs.KindMinutes) {
		t.Errorf("a note whose paper is missing: %+v", es[0])
	}
	if es, _ := lib.Notes(docs.NoteFilter{Document: v.Document}); len(es) > 0 && (es[0].Printed != "2" || es[0].Paper != "Agenda") {
		t.Errorf("entry %+v lacks its paper or printed page", es[0])
	}
}

// noteWriterEnv names the library folder the note-writing child process of
// TestNotesSurviveKill writes to.
const noteWriterEnv = "PANELPAPERS_NOTE_WRITER"

// TestNoteWriterProcess is the child process of TestNotesSurviveKill, not a
// test of its own: it adds and edits notes as fast as it can and prints
// "ack ID I" after each call returns.
func TestNoteWriterProcess(t *testing.T) {
	dir := os.Getenv(noteWriterEnv)
	if dir == "" {
		t.Skip("the child process of TestNotesSurviveKill")
	}
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := lib.Versions(false)
	if err != nil || len(vs) != 1 {
		t.Fatalf("versions %v, %v", vs, err)
	}
	quotes := []string{"reserves strategy", "Chief Constable", "collaboration agreement", "fire service"}
	var notes []docs.Note
	for i := 0; i < 100000; i++ {
		var n docs.Note
		if i%3 == 2 {
			n = notes[i%len(notes)]
			n.Comment = "save " + strconv.Itoa(i)
			n, err = lib.SaveNote(n)
		} else {
			n, err = lib.AddNote(docs.Note{Version: vs[0].SHA256, Page: 3, Quote: quotes[i%len(quotes)], Comment: "save " + strconv.Itoa(i)})
			notes = append(notes, n)
		}
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("ack %s %d\n", n.ID, i)
	}
}

func TestNotesSurviveKill(t *testing.T) {
	dir := t.TempDir()
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	addTestVersion(t, lib, "a", 0, testPages(), testAgenda())
	acked := killWriter(t, "TestNoteWriterProcess", noteWriterEnv, dir, 150)
	all, err := lib.Notes(docs.NoteFilter{})
	if err != nil {
		t.Fatalf("list after kill: %v", err)
	}
	stored := map[string]docs.NoteEntry{}
	for _, n := range all {
		stored[n.ID] = n
	}
	for id, i := range acked {
		n, ok := stored[id]
		if !ok {
			t.Errorf("acknowledged note %s (save %d) is gone", id, i)
			continue
		}
		j, err := strconv.Atoi(strings.TrimPrefix(n.Comment, "save "))
		if err != nil || j < i || n.Status != docs.NotePlaced || n.End <= n.Start {
			t.Errorf("note %s holds %+v, older than acknowledged save %d", id, n.Note, i)
		}
	}
	if _, err := lib.AddNote(docs.Note{Version: strings.Repeat("a", 64), Page: 4, Quote: "noted"}); err != nil {
		t.Errorf("add after kill: %v", err)
	}
	t.Logf("%d notes acknowledged before the kill, %d stored", len(acked), len(all))
}
