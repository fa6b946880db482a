package search

import (
	"errors"
	"sync/atomic"

	"panelpapers/docs"
)

// Deferred is the search indexes as imports, notes and drafts see them
// while the indexes open in the background (perhaps rebuilding): until one
// is set, changes to it are skipped, and the catch-up that opening does
// picks them up. The command line sets them before it changes anything.
type Deferred struct {
	pages     atomic.Pointer[Index]
	questions atomic.Pointer[Questions]
}

var (
	_ docs.Indexer      = (*Deferred)(nil)
	_ docs.NoteIndexer  = (*Deferred)(nil)
	_ docs.DraftIndexer = (*Deferred)(nil)
)

// SetPages gives the page index, once open.
func (d *Deferred) SetPages(i *Index) { d.pages.Store(i) }

// SetQuestions gives the questions index, once open.
func (d *Deferred) SetQuestions(q *Questions) { d.questions.Store(q) }

// Pages is the page index, or nil while it is not open.
func (d *Deferred) Pages() *Index { return d.pages.Load() }

// Questions is the questions index, or nil while it is not open.
func (d *Deferred) Questions() *Questions { return d.questions.Load() }

func (d *Deferred) indexers() []docs.Indexer {
	var out []docs.Indexer
	if i := d.pages.Load(); i != nil {
		out = append(out, i)
	}
	if q := d.questions.Load(); q != nil {
		out = append(out, q)
	}
	return out
}

// Add indexes a version in every open index.
func (d *Deferred) Add(v *docs.Version, pages []docs.Page) error {
	var errs []error
	for _, x := range d.indexers() {
		errs = append(errs, x.Add(v, pages))
	}
	return errors.Join(errs...)
}

// Remove drops a version from every open index.
func (d *Deferred) Remove(sha256 string) error {
	var errs []error
	for _, x := range d.indexers() {
		errs = append(errs, x.Remove(sha256))
	}
	return errors.Join(errs...)
}

// IndexNote keeps a note searchable.
func (d *Deferred) IndexNote(e docs.NoteEntry) error {
	if i := d.pages.Load(); i != nil {
		return i.IndexNote(e)
	}
	return nil
}

// RemoveNote drops a note from search.
func (d *Deferred) RemoveNote(id string) error {
	if i := d.pages.Load(); i != nil {
		return i.RemoveNote(id)
	}
	return nil
}

// IndexDraft keeps a question draft searchable.
func (d *Deferred) IndexDraft(dr docs.Draft) error {
	if i := d.pages.Load(); i != nil {
		return i.IndexDraft(dr)
	}
	return nil
}

// RemoveDraft drops a draft from search.
func (d *Deferred) RemoveDraft(id string) error {
	if i := d.pages.Load(); i != nil {
		return i.RemoveDraft(id)
	}
	return nil
}

// Close closes whichever indexes are open.
func (d *Deferred) Close() {
	if i := d.pages.Load(); i != nil {
		i.Close()
	}
	if q := d.questions.Load(); q != nil {
		q.Close()
	}
}
