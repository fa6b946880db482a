package docs

import (
	"time"
)

// DefaultAddressee is who a question on notice to a Police and Crime Panel is
// put to unless the member says otherwise.
const DefaultAddressee = "the Police and Crime Commissioner"

// DraftStatus is how far a question has got.
type DraftStatus string

// The statuses of a draft, in the order a question goes through them.
const (
	DraftWriting  DraftStatus = "draft"    // being written
	DraftReady    DraftStatus = "ready"    // finished, not yet sent
	DraftSent     DraftStatus = "sent"     // sent to the clerk
	DraftAnswered DraftStatus = "answered" // the response is recorded
)

func (s DraftStatus) Valid() bool {
	switch s {
	case DraftWriting, DraftReady, DraftSent, DraftAnswered:
		return true
	}
	return false
}

// Citation points from a draft to the page of a paper it relies on.
type Citation struct {
	Pack string `json:"pack"` // the version's SHA-256
	Page int    `json:"page"` // PDF page number, from 1
	Text string `json:"text"` // the words quoted
}

// DraftChange records a change of a draft's status, so that the member can
// see when a question was finished, sent and answered.
type DraftChange struct {
	At     time.Time   `json:"at"`
	Status DraftStatus `json:"status"`
}

// Draft is a question on notice the member is writing for a meeting.
type Draft struct {
	ID        string      `json:"id"`        // given by the library on the first save
	Meeting   string      `json:"meeting"`   // yyyy-mm-dd, or "" before the member picks one
	Committee string      `json:"committee"` // the committee's title; its rule gives the deadline
	Title     string      `json:"title"`
	Body      string      `json:"body"`
	Addressee string      `json:"addressee"` // DefaultAddressee when left empty
	Asker     string      `json:"asker"`
	Status    DraftStatus `json:"status"`  // DraftWriting when left empty
	SentOn    string      `json:"sent_on"` // yyyy-mm-dd, or ""
	Citations []Citation  `json:"citations"`
	// Created, Updated and History are kept by the library: SaveDraft
	// ignores what the caller puts in them.
	Created time.Time     `json:"created"`
	Updated time.Time     `json:"updated"`
	History []DraftChange `json:"history"`
}
