package search

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strings"

	"panelpapers/docs"
)

// The member's own writing is searched beside the papers: each note is a
// source "note:<id>" and each question draft "draft:<id>", one entry each,
// of kind "note" or "question", so that their hits take the same shape as a
// page's (a note's hit points at the page it is on).
const (
	notePrefix  = "note:"
	draftPrefix = "draft:"
)

var _ docs.NoteIndexer = (*Index)(nil)

// IndexNote indexes a note, replacing any earlier entry for it.
func (x *Index) IndexNote(e docs.NoteEntry) error {
	if err := x.put(notePrefix+e.ID, []entry{noteEntry(e)}); err != nil {
		return fmt.Errorf("index note %s: %w", e.ID, err)
	}
	return nil
}

// RemoveNote drops a note from the index.
func (x *Index) RemoveNote(id string) error {
	if err := x.put(notePrefix+id, nil); err != nil {
		return fmt.Errorf("remove note %s from the search index: %w", id, err)
	}
	return nil
}

// IndexDraft indexes a question draft, replacing any earlier entry for it.
func (x *Index) IndexDraft(d docs.Draft) error {
	if err := x.put(draftPrefix+d.ID, []entry{draftEntry(d)}); err != nil {
		return fmt.Errorf("index question draft %s: %w", d.ID, err)
	}
	return nil
}

// RemoveDraft drops a question draft from the index.
func (x *Index) RemoveDraft(id string) error {
	if err := x.put(draftPrefix+id, nil); err != nil {
		return fmt.Errorf("remove question draft %s from the search index: %w", id, err)
	}
	return nil
}

func noteEntry(e docs.NoteEntry) entry {
	return entry{Text: e.SearchText(), Title: e.Paper, Committee: e.Committee, Date: e.Date, Kind: "note",
		Item: e.Item, Page: e.Page, Printed: e.Printed, Pack: e.Version}
}

// DraftTitle is the title an untitled question draft is searched under.
const DraftTitle = "Question draft"

func draftEntry(d docs.Draft) entry {
	title := d.Title
	if title == "" {
		title = DraftTitle
	}
	return entry{Text: strings.TrimSpace(d.Title + "\n" + d.Body), Title: title, Committee: d.Committee,
		Date: d.Meeting, Kind: "question"}
}

// mineEntries is what the index should hold of the member's notes and
// drafts: source → its one entry.
func mineEntries(src Source) (map[string]entry, error) {
	notes, err := src.Notes(docs.NoteFilter{})
	if err != nil {
		return nil, fmt.Errorf("bring notes in the search index up to date: %w", err)
	}
	drafts, err := src.Drafts()
	if err != nil {
		return nil, fmt.Errorf("bring question drafts in the search index up to date: %w", err)
	}
	out := make(map[string]entry, len(notes)+len(drafts))
	for _, n := range notes {
		out[notePrefix+n.ID] = noteEntry(n)
	}
	for _, d := range drafts {
		out[draftPrefix+d.ID] = draftEntry(d)
	}
	return out, nil
}

// mineID is the id of the note or draft (by prefix) whose entry has the
// document id docID ("note:<id>/<page>"), or "" when it is not one.
func mineID(docID, prefix string) string {
	rest, ok := strings.CutPrefix(docID, prefix)
	if !ok {
		return ""
	}
	if i := strings.LastIndex(rest, "/"); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

// isMine tells the sources of notes and drafts from versions'.
func isMine(source string) bool {
	return strings.HasPrefix(source, notePrefix) || strings.HasPrefix(source, draftPrefix)
}

// fingerprint is what the index records of a note's or draft's one entry
// (in place of its count of entries), so that opening the index indexes
// only what changed. It is never 1, the count older indexes recorded.
func fingerprint(source string, e entry) int {
	e.Source = source
	raw, _ := json.Marshal(e)
	h := fnv.New32a()
	h.Write(raw)
	return int(h.Sum32()) + 2
}
