package notes

import (
	"fmt"
	"time"

	"panelpapers/docs"
)

// Carrier carries notes to one version, reading the versions they come from
// (and matching their pages to the new ones) once for all of them.
type Carrier struct {
	// pagesOf reads the pages of a version notes come from: nil pages when
	// the library no longer holds it. It is nil when no store is at hand.
	pagesOf func(sha string) ([]docs.Page, error)
	to      *docs.Version
	neu     *pageSet
	now     time.Time
	olds    map[string]*pageSet
	aligns  map[string]map[int]int
}

func NewCarrier(pagesOf func(sha string) ([]docs.Page, error), to *docs.Version, pages []docs.Page, now time.Time) *Carrier {
	return &Carrier{pagesOf: pagesOf, to: to, neu: newPageSet(pages), now: now,
		olds: map[string]*pageSet{}, aligns: map[string]map[int]int{}}
}

// from returns the pages of the version a note comes from, nil when the
// library no longer holds it.
func (c *Carrier) from(sha string) (*pageSet, map[int]int, error) {
	if sha == c.to.SHA256 {
		return c.neu, nil, nil
	}
	if old, ok := c.olds[sha]; ok {
		return old, c.aligns[sha], nil
	}
	var old *pageSet
	var align map[int]int
	if c.pagesOf != nil {
		pages, err := c.pagesOf(sha)
		if err != nil {
			return nil, nil, err
		}
		if pages != nil {
			old = newPageSet(pages)
			align = alignPages(old, c.neu)
		}
	}
	c.olds[sha], c.aligns[sha] = old, align
	return old, align, nil
}

// CarryNote returns note n carried from the pages of the version it is on
// (from; nil when they are not at hand) to version to with pages toPages,
// placed or marked as needing attention. It is what CarryNotes does for
// each note, without the store.
func CarryNote(n docs.Note, from []docs.Page, to *docs.Version, toPages []docs.Page) docs.Note {
	c := NewCarrier(nil, to, toPages, time.Now().UTC())
	var old *pageSet
	var align map[int]int
	if from != nil {
		old = newPageSet(from)
		align = alignPages(old, c.neu)
	}
	return c.carry(n, old, align)
}

// Carry carries n from the version it is on to c.to.
func (c *Carrier) Carry(n docs.Note) (docs.Note, error) {
	old, align, err := c.from(n.Version)
	if err != nil {
		return n, err
	}
	return c.carry(n, old, align), nil
}

// carry places one note on c.to. old holds the pages of the version the
// note is on (nil when unknown) and align the pages that moved unchanged.
func (c *Carrier) carry(n docs.Note, old *pageSet, align map[int]int) docs.Note {
	if n.Version == c.to.SHA256 && n.Status == docs.NotePlaced {
		return n
	}
	if n.Status == docs.NotePlaced && n.Version != c.to.SHA256 {
		n.Moved = &docs.Move{From: n.Version, Page: n.Page, At: c.now}
	}
	expected := n.Page
	if old != nil && old != c.neu {
		expected = expectedPage(align, n.Page)
	}
	// The window's boxes stay right only where the words did not move.
	was := struct{ page, start, end int }{n.Page, n.Start, n.End}
	boxes := n.Boxes
	n.Version, n.Document, n.Updated = c.to.SHA256, c.to.Document, c.now
	n.Boxes = nil
	place := func(page int) {
		n.Page, n.Status, n.Reason = page, docs.NotePlaced, ""
		if p := c.neu.get(page); p != nil {
			n.Item = p.page.Item
		}
	}
	attention := func(reason string) {
		n.Status, n.Reason = docs.NoteNeedsAttention, reason
		n.Start, n.End = 0, 0
		n.Page = max(1, min(expected, len(c.neu.pages)))
		if len(c.neu.pages) == 0 {
			n.Page = 0
		}
	}
	switch {
	case n.Kind == docs.NoteItem:
		it := findItem(&c.to.Agenda, n.Item)
		if it == nil {
			attention(fmt.Sprintf("item %s is no longer on the agenda", n.Item))
			return n
		}
		n.Page, n.Status, n.Reason, n.Item = it.First, docs.NotePlaced, "", it.Number
	case n.Quote != "":
		q := newQuoteSpec(n.Quote, n.Before, n.After)
		o := findOpts{expected: expected, hint: n.Start}
		if old != nil {
			o.uniqueBefore = func() bool { return old.count(q) == 1 }
		}
		cand, ok := c.neu.find(q, o)
		if !ok {
			attention("the words it quotes are not in the new version")
			return n
		}
		p := c.neu.get(cand.page)
		place(cand.page)
		n.Start, n.End = cand.start, cand.end
		if q, ok := align[was.page]; ok && q == cand.page && cand.start == was.start && cand.end == was.end {
			n.Boxes = boxes
		}
		n.Before, n.After = contextAround(p.page.Text, cand.start, cand.end)
		if cand.sim < 1 {
			if now := sliceRunes(p.page.Text, cand.start, cand.end); foldText(now).compact != foldText(n.Quote).compact {
				if n.Moved != nil {
					n.Moved.Quote = n.Quote
				}
				n.Quote = now
			}
		}
	default: // a pin with no words to follow: follow its page
		if q, ok := align[n.Page]; ok && old != c.neu {
			place(q)
			return n
		}
		if oldPage := old.get(n.Page); oldPage != nil {
			if q, ok := similarPage(oldPage, c.neu, expected); ok {
				place(q)
				return n
			}
		}
		attention("its page is not in the new version")
	}
	return n
}
