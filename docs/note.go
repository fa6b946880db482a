package docs

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// NoteKind is what a note is attached to.
type NoteKind string

// The kinds of note.
const (
	NoteHighlight NoteKind = "highlight" // words on a page, with or without a comment
	NotePin       NoteKind = "pin"       // a spot on a page
	NoteItem      NoteKind = "item"      // a whole agenda item
)

// Colour is a highlight's colour, by name.
type Colour string

// The colours a note may have.
const (
	Yellow Colour = "yellow"
	Green  Colour = "green"
	Blue   Colour = "blue"
	Pink   Colour = "pink"
)

// Colours lists the colours in the order the window offers them; the first
// is the default.
var Colours = []Colour{Yellow, Green, Blue, Pink}

// ParseColour reads a colour's name, in any case; "" gives the default.
// The error wraps ErrBadNote.
func ParseColour(s string) (Colour, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return Colours[0], nil
	}
	for _, c := range Colours {
		if string(c) == s {
			return c, nil
		}
	}
	return "", fmt.Errorf("%w: there is no colour %q (use yellow, green, blue or pink)", ErrBadNote, s)
}

// NoteStatus says whether a note is where it belongs.
type NoteStatus string

// The statuses of a note. A note that could not be carried to a new version
// of its paper needs attention: it is kept, with its quote and comment, and
// listed until the member places it again or deletes it.
const (
	NotePlaced         NoteStatus = "placed"
	NoteNeedsAttention NoteStatus = "needs attention"
)

// Point is a spot on a page in points, in PDF's page space (origin at the
// bottom-left corner, y upwards), as Rect is.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// Note is a member's annotation of a paper. It is anchored by its paper
// (Document, and the Version it is placed on), its page, the words it
// quotes with a few words either side, and their position; when the paper
// is republished those let the library carry it to the new version.
type Note struct {
	ID       string   `json:"id"` // given by the library; unique across machines, so backups merge
	Kind     NoteKind `json:"kind"`
	Document string   `json:"document"` // DocumentKey of its paper
	Version  string   `json:"version"`  // SHA-256 of the version it is placed on
	// Page is the PDF page from 1; for an item note, the item's first page,
	// or 0 when the agenda does not say.
	Page int `json:"page"`
	// Quote is the words highlighted (a pin may quote the words it sits
	// by); Before and After are up to ContextWords words either side of them
	// on the page, and Start and End their rune offsets in the page's stored
	// text (Page.Text), End exclusive.
	Quote  string `json:"quote"`
	Before string `json:"before"`
	After  string `json:"after"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	// Boxes are the highlight's boxes on the page, in points, as the window
	// measured them; nil when the window must find them again (after the
	// note was carried to a new version).
	Boxes []Rect `json:"boxes"`
	// Spot is where a pin was dropped, or nil.
	Spot    *Point   `json:"spot"`
	Colour  Colour   `json:"colour"`
	Comment string   `json:"comment"`
	Tags    []string `json:"tags"`
	// Item is the agenda item the note is on ("4a"), or "".
	Item   string     `json:"item"`
	Status NoteStatus `json:"status"`
	// Reason says, in words for the member, why a note needs attention.
	Reason string `json:"reason"`
	// Moved is where the note was before the last republication moved it,
	// so the window can say so; nil when it never moved.
	Moved   *Move     `json:"moved"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Move records where a note was before a new version of its paper.
type Move struct {
	From string `json:"from"` // SHA-256 of the version it was on
	Page int    `json:"page"`
	// Quote is what the note quoted before, when the words changed in the
	// new version; "" when they did not.
	Quote string    `json:"quote"`
	At    time.Time `json:"at"`
}

// NoteEntry is a note with what a reader needs to find it: its paper's
// title, kind and meeting, and the page's printed number.
type NoteEntry struct {
	Note
	Paper     string `json:"paper"` // the paper's title
	PaperKind Kind   `json:"paper_kind"`
	Committee string `json:"committee"`
	Date      string `json:"date"`    // meeting date, yyyy-mm-dd, or ""
	Printed   string `json:"printed"` // the page's printed number, or ""
}

// SearchText is what the search index should find a note by: its quote,
// comment and tags.
func (e *NoteEntry) SearchText() string {
	return strings.TrimSpace(strings.Join([]string{e.Quote, e.Comment, strings.Join(e.Tags, " ")}, "\n"))
}

// NoteFilter chooses notes; its zero value chooses all.
type NoteFilter struct {
	Document  string     // a DocumentKey: that paper's notes, whichever version
	Committee string     // with Date: one meeting's notes (compared without regard to case or spacing)
	Date      string     // yyyy-mm-dd
	Colour    Colour     // "" for any
	Tag       string     // any case; "" for any
	Status    NoteStatus // "" for any
}

// NoteIndexer keeps notes searchable. The search index implements it; main
// connects the two, as it does for Indexer.
type NoteIndexer interface {
	// IndexNote indexes a note, replacing any earlier entry for it.
	IndexNote(e NoteEntry) error
	// RemoveNote drops a note; removing what is not there is not an error.
	RemoveNote(id string) error
}

// Errors about notes.
var (
	// ErrQuoteNotFound means the words to highlight are not on the page.
	ErrQuoteNotFound = errors.New("the quoted words are not on the page")
	// ErrBadNote wraps what is wrong with a note the caller asked for.
	ErrBadNote = errors.New("the note cannot be saved")
	// ErrNothingToUndo means no change to notes is left to undo.
	ErrNothingToUndo = errors.New("there is nothing to undo")
	// ErrNotesBehind means a new version was added but the notes on the
	// old one could not all be carried to it yet; CatchUpNotes will.
	ErrNotesBehind = errors.New("the paper was added but its notes could not be moved to it yet")
	// ErrNoteIndexBehind means a note was saved but search could not be
	// updated; it will be on its next rebuild.
	ErrNoteIndexBehind = errors.New("the note was saved but search could not be updated yet")
)

// where names the place of a note in messages: "page 5", "item 4".
func (n *Note) Where() string {
	if n.Kind == NoteItem {
		return "item " + n.Item
	}
	return "page " + strconv.Itoa(n.Page)
}

// NoteChange says what an undo did: Note is the note as it is now, or nil
// when the undo removed it (the undo of an add); ID is its id either way.
type NoteChange struct {
	ID   string
	Note *Note
}

func (f NoteFilter) Keeps(n *Note) bool {
	return (f.Document == "" || n.Document == f.Document) &&
		(f.Colour == "" || n.Colour == f.Colour) &&
		(f.Tag == "" || hasTag(n.Tags, f.Tag))
}

func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if strings.EqualFold(t, strings.TrimSpace(tag)) {
			return true
		}
	}
	return false
}
