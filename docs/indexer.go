package docs

// Indexer keeps a search index in step with the library. The search package
// implements it; main connects the two, so docs never imports search.
type Indexer interface {
	// Add indexes the pages of a current version (replacing any earlier entry for it).
	Add(v *Version, pages []Page) error
	// Remove drops a version from the index; removing what is not there is not an error.
	Remove(sha256 string) error
}
