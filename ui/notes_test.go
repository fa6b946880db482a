package ui

import (
	"fmt"
	"image/color"
	"sort"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"panelpapers/docs"
	"panelpapers/docs/library"
	"panelpapers/docs/notes"
)

// fakeNotes keeps notes in memory as the notebook does: a highlight's
// words must be on its page, the library fills in the document, the
// agenda item and the status, and every change can be undone.
type fakeNotes struct {
	lib *fakeLib

	mu    sync.Mutex
	notes map[string]docs.Note
	undos []noteChange
	next  int
}

type noteChange struct{ before, after *docs.Note }

func newFakeNotes(lib *fakeLib) *fakeNotes {
	return &fakeNotes{lib: lib, notes: map[string]docs.Note{}}
}

func (s *fakeNotes) Add(n docs.Note) (docs.Note, error) {
	v, err := s.lib.Version(n.Version)
	if err != nil {
		return docs.Note{}, err
	}
	pages, _ := s.lib.Pages(n.Version)
	if n.Kind == "" {
		n.Kind = docs.NoteHighlight
	}
	switch n.Kind {
	case docs.NoteItem:
		for _, it := range v.Agenda.Items {
			if it.Number == n.Item {
				n.Page = it.First
			}
		}
	default:
		if n.Page < 1 || n.Page > len(pages) {
			return docs.Note{}, fmt.Errorf("%w: no page %d", docs.ErrBadNote, n.Page)
		}
		p := pages[n.Page-1]
		n.Item = p.Item
		if n.Kind == docs.NoteHighlight {
			start, end, ok := notes.LocateQuote(p.Text, n.Quote, "", "", -1)
			if !ok {
				return docs.Note{}, docs.ErrQuoteNotFound
			}
			n.Start, n.End = start, end
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	n.ID = fmt.Sprintf("n%d", s.next)
	n.Document, n.Status = v.Document, docs.NotePlaced
	if n.Colour == "" {
		n.Colour = docs.Yellow
	}
	s.notes[n.ID] = n
	s.undos = append(s.undos, noteChange{after: &n})
	return n, nil
}

func (s *fakeNotes) Save(n docs.Note) (docs.Note, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.notes[n.ID]
	if !ok {
		return docs.Note{}, docs.ErrNotFound
	}
	next := old
	next.Colour, next.Comment, next.Tags = n.Colour, n.Comment, n.Tags
	s.notes[n.ID] = next
	s.undos = append(s.undos, noteChange{before: &old, after: &next})
	return next, nil
}

func (s *fakeNotes) Delete(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.notes[id]
	if !ok {
		return docs.ErrNotFound
	}
	delete(s.notes, id)
	s.undos = append(s.undos, noteChange{before: &old})
	return nil
}

func (s *fakeNotes) Undo() (docs.NoteChange, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.undos) == 0 {
		return docs.NoteChange{}, docs.ErrNothingToUndo
	}
	ch := s.undos[len(s.undos)-1]
	s.undos = s.undos[:len(s.undos)-1]
	if ch.before == nil {
		delete(s.notes, ch.after.ID)
		return docs.NoteChange{ID: ch.after.ID}, nil
	}
	s.notes[ch.before.ID] = *ch.before
	return docs.NoteChange{ID: ch.before.ID, Note: ch.before}, nil
}

func (s *fakeNotes) List(f docs.NoteFilter) ([]docs.NoteEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []docs.NoteEntry
	for _, n := range s.notes {
		if f.Document != "" && n.Document != f.Document {
			continue
		}
		v, _ := s.lib.Version(n.Version)
		e := docs.NoteEntry{Note: n}
		if v != nil {
			e.Paper, e.PaperKind, e.Committee, e.Date = v.Title, v.Kind, v.Committee, v.Date
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// MeetingNotes groups the meeting's notes by item, in item order.
func (s *fakeNotes) MeetingNotes(committee, date string) (*notes.Briefing, error) {
	all, _ := s.List(docs.NoteFilter{})
	b := &notes.Briefing{Committee: committee, Date: date}
	for _, e := range all {
		if e.Date != date || committeeKey(e.Committee) != committeeKey(committee) {
			continue
		}
		if e.Status != docs.NotePlaced {
			b.Attention = append(b.Attention, e)
			continue
		}
		i := 0
		for i < len(b.Items) && b.Items[i].Number != e.Item {
			i++
		}
		if i == len(b.Items) {
			b.Items = append(b.Items, notes.BriefingItem{Number: e.Item})
		}
		b.Items[i].Notes = append(b.Items[i].Notes, e)
	}
	sort.Slice(b.Items, func(i, j int) bool { return b.Items[i].Number < b.Items[j].Number })
	return b, nil
}

func (s *fakeNotes) all() []docs.Note {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []docs.Note
	for _, n := range s.notes {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (s *fakeNotes) only(t *testing.T) docs.Note {
	t.Helper()
	all := s.all()
	if len(all) != 1 {
		t.Fatalf("%d notes stored, want 1: %+v", len(all), all)
	}
	return all[0]
}

// openAt opens the sample pack at a page, the notes layer laid out.
func (f *qFixture) openAt(page int) *noteLayer {
	f.t.Helper()
	f.openFromList(f.pack)
	f.u.Reader.goToPage(page)
	f.settle()
	return f.u.Reader.notes
}

// dragOver selects words on a page as a mouse would: pressed on the first
// character of words and released on their last, as the page's
// characters place them.
func (f *qFixture) dragOver(page int, words string) {
	f.t.Helper()
	l := f.u.Reader.notes
	chars, err := f.u.Reader.doc.CharBoxes(page)
	if err != nil {
		f.t.Fatal(err)
	}
	var runes []rune
	for _, c := range chars {
		runes = append(runes, c.Rune)
	}
	i := strings.Index(string(runes), words)
	if i < 0 {
		f.t.Fatalf("%q not on page %d", words, page)
	}
	first := len([]rune(string(runes)[:i]))
	last := first + len([]rune(words)) - 1
	centre := func(b docs.Rect) fyne.Position {
		pos, size := l.fromPage(page, b)
		return pos.Add(fyne.NewPos(size.Width/2, size.Height/2))
	}
	from, to := centre(chars[first].Box), centre(chars[last].Box)
	// Fyne reports a drag once it has moved a little, then as it goes.
	mid := from.Add(fyne.NewPos(3, 0))
	l.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid, AbsolutePosition: mid}, Dragged: fyne.NewDelta(3, 0)})
	f.settle() // the page's characters are read
	l.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to, AbsolutePosition: to}, Dragged: fyne.NewDelta(to.X-mid.X, to.Y-mid.Y)})
	l.DragEnd()
}

// choose runs the item of the layer's last menu with the given label.
func (f *qFixture) choose(label string) {
	f.t.Helper()
	l := f.u.Reader.notes
	if l.menu == nil {
		f.t.Fatalf("no menu shown to choose %q from", label)
	}
	for _, it := range l.menu.Items {
		if it.Label == label {
			it.Action()
			f.settle()
			return
		}
	}
	var labels []string
	for _, it := range l.menu.Items {
		labels = append(labels, it.Label)
	}
	f.t.Fatalf("no %q in the menu %q", label, labels)
}

// drawn lists the colours of the rectangles the layer draws.
func drawn(l *noteLayer) []color.Color {
	var out []color.Color
	for _, r := range l.rects {
		out = append(out, r.FillColor)
	}
	return out
}

func TestSelectHighlightCommentReopen(t *testing.T) {
	f := newQFixture(t)
	l := f.openAt(9)
	f.dragOver(9, "the Chair expressed concern")
	if got := l.selectedText(); got != "the Chair expressed concern" {
		t.Fatalf("selected %q", got)
	}
	if len(l.rects) == 0 || l.rects[0].FillColor != selectColour {
		t.Error("the selection is not shown")
	}
	f.choose("Highlight and add a comment…")
	n := f.notes.only(t)
	if n.Quote != "the Chair expressed concern" || n.Page != 9 || n.Colour != docs.Yellow || len(n.Boxes) != 1 {
		t.Errorf("stored %+v", n)
	}
	ed := f.u.Notes.editor
	if ed == nil || ed.note.ID != n.ID {
		t.Fatal("the note's editor did not open")
	}
	ed.comment.SetText("Ask what the hub costs.")
	ed.colour.SetSelected("Green")
	f.u.Notes.saveEditor(ed)
	f.settle()
	if n := f.notes.only(t); n.Comment != "Ask what the hub costs." || n.Colour != docs.Green {
		t.Errorf("after the editor: %+v", n)
	}

	// Close the paper and open it again: the highlight is back, in green,
	// where the words are.
	f.u.onHome()
	f.settle()
	if len(l.rects) != 0 {
		t.Error("notes still drawn with no paper open")
	}
	l = f.openAt(9)
	if len(l.notes) != 1 || l.notes[0].Comment != "Ask what the hub costs." {
		t.Fatalf("notes on reopening: %+v", l.notes)
	}
	if got := drawn(l); len(got) != 1 || got[0] != noteColours[docs.Green] {
		t.Errorf("drawn %v, want one green box", got)
	}
	want, _ := l.fromPage(9, n.Boxes[0])
	if got := l.rects[0].Position(); abs(got.X-want.X) > 0.5 || abs(got.Y-want.Y) > 0.5 {
		t.Errorf("box at %v, want %v", got, want)
	}
}

func abs(x float32) float32 { return max(x, -x) }

func TestNoteMenuRecoloursDeletesAndUndoes(t *testing.T) {
	f := newQFixture(t)
	l := f.openAt(9)
	f.dragOver(9, "community hub")
	f.choose("Highlight in pink")
	if n := f.notes.only(t); n.Colour != docs.Pink {
		t.Fatalf("stored %+v", n)
	}
	// A click on the highlight opens its menu.
	box := l.rects[0]
	at := box.Position().Add(fyne.NewPos(box.Size().Width/2, box.Size().Height/2))
	l.Tapped(&fyne.PointEvent{Position: at, AbsolutePosition: at})
	f.choose("Make it blue")
	if n := f.notes.only(t); n.Colour != docs.Blue {
		t.Errorf("recoloured to %q", n.Colour)
	}
	if got := drawn(l); len(got) != 1 || got[0] != noteColours[docs.Blue] {
		t.Errorf("drawn %v", got)
	}
	l.Tapped(&fyne.PointEvent{Position: at, AbsolutePosition: at})
	f.choose("Delete the note")
	if len(f.notes.all()) != 0 || len(l.rects) != 0 {
		t.Fatal("the note was not deleted")
	}
	// Ctrl+Z, with no box holding the cursor, brings it back.
	f.w.Canvas().Unfocus()
	f.menuItem("Undo the last change to a note").Action()
	f.settle()
	if n := f.notes.only(t); n.Colour != docs.Blue {
		t.Errorf("undone to %+v", n)
	}
	if len(l.rects) != 1 {
		t.Error("the note brought back is not drawn")
	}
}

func TestPinAndItemNotes(t *testing.T) {
	f := newQFixture(t)
	l := f.openAt(9)
	// High on the page, in view in a small window.
	pos, _ := l.fromPage(9, docs.Rect{Left: 300, Right: 300, Top: 700, Bottom: 700}) // less the margin a box is drawn with
	l.TappedSecondary(&fyne.PointEvent{Position: pos, AbsolutePosition: pos})
	f.choose("Add a note here…")
	pin := f.notes.only(t)
	if pin.Kind != docs.NotePin || pin.Spot == nil || abs(float32(pin.Spot.X-300)) > 2 || abs(float32(pin.Spot.Y-700)) > 2 {
		t.Fatalf("pin %+v spot %+v", pin, pin.Spot)
	}
	f.u.Notes.editor.comment.SetText("Compare with last year")
	f.u.Notes.saveEditor(f.u.Notes.editor)
	f.settle()

	l.TappedSecondary(&fyne.PointEvent{Position: pos.Add(fyne.NewPos(0, 60)), AbsolutePosition: pos})
	f.choose("Note agenda item 5…")
	all := f.notes.all()
	if len(all) != 2 || all[1].Kind != docs.NoteItem || all[1].Item != "5" {
		t.Fatalf("notes %+v", all)
	}
	if got := drawn(l); len(got) != 1 {
		t.Errorf("drawn %d, want the pin alone (an item note has no place on the page)", len(got))
	}
}

func TestNotesPanelAndPrepareForMeeting(t *testing.T) {
	f := newQFixture(t)
	f.openAt(9)
	f.dragOver(9, "the Chair expressed concern")
	f.choose("Highlight in green")
	f.u.Reader.goToPage(15)
	f.settle()
	f.dragOver(15, strings.Fields(f.lib.pages[f.pack.SHA256][14].Text)[0])
	f.choose("Highlight in yellow")

	f.menuItem("Notes for this meeting").Action()
	f.settle()
	v := f.u.Notes
	if f.u.view != v.root || v.pick.Selected != samplePanel+" — Friday 27 October 2023" {
		t.Fatalf("notes view for %q", v.pick.Selected)
	}
	if len(v.rows) != 2 || v.rows[0].title.Text != "Reports pack, page 9" || !strings.Contains(v.rows[0].detail.Text, "the Chair expressed concern") {
		var got []string
		for _, r := range v.rows {
			got = append(got, r.title.Text)
		}
		t.Fatalf("rows %q", got)
	}
	// Filtered by colour: only the green one, then all again.
	v.colour.SetSelected("Green")
	if len(v.rows) != 1 || v.rows[0].title.Text != "Reports pack, page 9" {
		t.Errorf("green only: %d rows", len(v.rows))
	}
	v.colour.SetSelected("Any colour")
	if len(v.rows) != 2 {
		t.Errorf("any colour: %d rows", len(v.rows))
	}
	test.Tap(v.rows[1].row)
	f.settle()
	if f.u.view != f.u.Reader.root || f.u.Reader.current != 15 {
		t.Errorf("the note opened page %d", f.u.Reader.current)
	}

	f.menuItem("Prepare for meeting…").Action()
	f.settle()
	test.Tap(v.copyB)
	if clip := f.u.app.Clipboard().Content(); !strings.Contains(clip, "the Chair expressed concern") || !strings.HasPrefix(clip, "# Notes for") {
		t.Errorf("clipboard %q", clip)
	}
	for _, c := range []struct{ name, starts string }{{"notes.md", "# Notes for"}, {"notes.pdf", "%PDF-"}} {
		w := &memWriter{uri: fakeURI(c.name)}
		v.writeBriefing(w)
		if !strings.HasPrefix(w.String(), c.starts) || !w.closed {
			t.Errorf("%s starts %q", c.name, w.String()[:min(20, w.Len())])
		}
	}
}

func TestCharsTextSpacesLines(t *testing.T) {
	box := func(x, top float64) docs.Rect { return docs.Rect{Left: x, Right: x + 5, Top: top, Bottom: top - 10} }
	ch := func(r rune, b docs.Rect) docs.CharBox { return docs.CharBox{Rune: r, Box: b} }
	chars := []docs.CharBox{ch('a', box(0, 100)), ch('b', box(6, 100)), ch('c', box(0, 88)), ch(' ', docs.Rect{}), ch('d', box(12, 88))}
	text, at := charsText(chars)
	if text != "ab c d" || fmt.Sprint(at) != "[0 1 2 2 3 4]" {
		t.Errorf("text %q at %v", text, at)
	}
	if got := lineBoxes(chars); len(got) != 2 || got[0].Right != 11 || got[1].Left != 0 || got[1].Right != 17 {
		t.Errorf("line boxes %+v", got)
	}
	if i := charAt(chars, 13, 84); i != 4 {
		t.Errorf("char at (13, 84) = %d, want d", i)
	}
	// An apostrophe sits high, over none of the "s" after it: still one word.
	word := []docs.CharBox{ch('l', box(0, 100)), ch('’', docs.Rect{Left: 6, Right: 8, Top: 100, Bottom: 96}), ch('s', docs.Rect{Left: 9, Right: 14, Top: 95, Bottom: 90})}
	if text, _ := charsText(word); text != "l’s" {
		t.Errorf("text %q", text)
	}
	if s, e := wordAround(chars, 1, 2); s != 0 || e != 2 {
		t.Errorf("words around b..c = %d..%d, want a..c", s, e)
	}
	if got := lastWords("one two three", 2) + "|" + firstWords("one two three", 2); got != "two three|one two" {
		t.Errorf("context words %q", got)
	}
}

// The real notebook satisfies NoteStore (main passes NotebookStore).
var _ = NotebookStore(&library.Notebook{})
