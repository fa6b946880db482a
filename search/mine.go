package search

import (
	"fmt"
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

// MineSource is what the index needs to bring the member's notes and drafts
// up to date; *docs.Library implements it. A Source that is not also a
// MineSource leaves them out.
type MineSource interface {
	Notes(f docs.NoteFilter) ([]docs.NoteEntry, error)
	Drafts() ([]docs.Draft, error)
}

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

func draftEntry(d docs.Draft) entry {
	title := d.Title
	if title == "" {
		title = "Question draft"
	}
	return entry{Text: strings.TrimSpace(d.Title + "\n" + d.Body), Title: title, Committee: d.Committee,
		Date: d.Meeting, Kind: "question"}
}

// catchUpMine re-indexes every note and draft and drops those that are gone.
// A member has hundreds of these, not thousands, so doing all of them is as
// cheap as working out which changed.
func (x *Index) catchUpMine(src Source) error {
	mine, ok := src.(MineSource)
	if !ok {
		return nil
	}
	notes, err := mine.Notes(docs.NoteFilter{})
	if err != nil {
		return fmt.Errorf("bring notes in the search index up to date: %w", err)
	}
	drafts, err := mine.Drafts()
	if err != nil {
		return fmt.Errorf("bring question drafts in the search index up to date: %w", err)
	}
	want := map[string]bool{}
	for _, n := range notes {
		want[notePrefix+n.ID] = true
		if err := x.IndexNote(n); err != nil {
			return err
		}
	}
	for _, d := range drafts {
		want[draftPrefix+d.ID] = true
		if err := x.IndexDraft(d); err != nil {
			return err
		}
	}
	x.wmu.Lock()
	var gone []string
	for s := range x.sources {
		if (strings.HasPrefix(s, notePrefix) || strings.HasPrefix(s, draftPrefix)) && !want[s] {
			gone = append(gone, s)
		}
	}
	x.wmu.Unlock()
	for _, s := range gone {
		if err := x.put(s, nil); err != nil {
			return err
		}
	}
	return nil
}
