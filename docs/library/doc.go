// Package library is the member's library: one bbolt store (library.db)
// holding papers' versions and pages, meetings, notes, question drafts and
// settings, and the PDF files beside it named by their SHA-256.
package library
