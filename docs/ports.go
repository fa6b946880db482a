package docs

import (
	"context"
)

// Indexer keeps a search index in step with the library. The search package
// implements it; main connects the two, so docs never imports search.
type Indexer interface {
	// Add indexes the pages of a current version (replacing any earlier entry for it).
	Add(v *Version, pages []Page) error
	// Remove drops a version from the index; removing what is not there is not an error.
	Remove(sha256 string) error
}

// TextExtractor turns a PDF file into pages of text. Extractor is the real
// one; tests may pass their own.
type TextExtractor interface {
	Extract(ctx context.Context, path, password string, progress func(done, total int)) ([]Page, error)
}

// TitleReader reads a PDF's Title metadata: "" when it has none. Extractor
// is the real one.
type TitleReader interface {
	Title(ctx context.Context, path, password string) (string, error)
}

// DraftIndexer keeps the member's question drafts searchable. The search
// index implements it, as it does NoteIndexer.
type DraftIndexer interface {
	// IndexDraft indexes a draft, replacing any earlier entry for it.
	IndexDraft(d Draft) error
	// RemoveDraft drops a draft; removing what is not there is not an error.
	RemoveDraft(id string) error
}
