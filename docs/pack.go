// Package docs is the vocabulary of Panel Papers: the papers, pages,
// meetings, notes and drafts the app deals in, the errors it can report and
// the small interfaces (ports) its parts meet on. It imports only the
// standard library.
//
// Each job has a sub-package of its own beneath it (the store, the PDF
// engines, reading agendas, notes, questions, fetching); the user interface
// and the search index depend on them, never the other way round.
package docs

import (
	"time"
)

// Kind is what sort of paper a document is.
type Kind string

// The kinds of document a meeting publishes.
const (
	KindAgenda     Kind = "agenda"     // agenda frontsheet or the whole reports pack
	KindSupplement Kind = "supplement" // supplementary pack or late papers
	KindMinutes    Kind = "minutes"    // printed minutes
	KindReport     Kind = "report"     // a single report or appendix
	KindOther      Kind = "other"
)

// Engine names the text engine that produced a page's text.
type Engine string

// The text engines. A page with no text layer has EngineNone.
const (
	EngineNone    Engine = ""
	EngineDslipak Engine = "dslipak"
	EnginePDFium  Engine = "pdfium"
)

// Page is one page of a pack version, as the library keeps it.
type Page struct {
	Number  int    `json:"number"`  // PDF page number, from 1
	Printed string `json:"printed"` // the printed number ModernGov stamps ("Page 23" gives "23"), or ""
	Text    string `json:"text"`    // lines separated by \n, paragraphs by a blank line
	Engine  Engine `json:"engine"`  // which engine produced Text
	Blank   bool   `json:"blank"`   // "This page is intentionally left blank", or nothing on it
	Scanned bool   `json:"scanned"` // an image with no text layer: not searchable
	Item    string `json:"item"`    // the agenda item this page belongs to ("4", "4a"), or ""
	// Unread is a page the engines gave up on (too slow or too greedy to
	// read, see ErrPageTimeout): its Text is empty for want of reading, not
	// because the page has none.
	Unread bool `json:"unread,omitempty"`
}

// Officer is the democratic services officer named on a front sheet.
type Officer struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
	Email string `json:"email"`
}

// AgendaItem is one numbered item of an agenda.
type AgendaItem struct {
	Number string `json:"number"` // as printed, without its dot: "4", "4a"
	Title  string `json:"title"`
	// PrintedFirst and PrintedLast are the printed page range the agenda gives
	// ("5 - 10"), 0 when it gives none.
	PrintedFirst int `json:"printed_first"`
	PrintedLast  int `json:"printed_last"`
	// First and Last are the PDF pages the item occupies, 0 when unknown.
	First int `json:"first"`
	Last  int `json:"last"`
}

// Question is a question on notice found in a pack.
type Question struct {
	Asker string `json:"asker"`
	Text  string `json:"text"`
	// Response is the recorded answer ("Response from the Police and Crime
	// Commissioner:" in minutes), or "" when the document gives none.
	Response string `json:"response"`
	Item     string `json:"item"` // the agenda item it is listed under, or ""
	Page     int    `json:"page"` // PDF page where it starts, 0 when unknown
}

// Agenda is what a pack says about its meeting, parsed from its text.
// Empty strings and nil mean the pack does not say.
type Agenda struct {
	Title     string       `json:"title"` // the document's title: "Agenda", "Minutes", a report's heading
	Kind      Kind         `json:"kind"`
	Committee string       `json:"committee"` // "Dyfed-Powys Police and Crime Panel"
	Date      string       `json:"date"`      // yyyy-mm-dd
	Time      string       `json:"time"`      // hh:mm, 24 h
	Venue     string       `json:"venue"`
	Officer   *Officer     `json:"officer"`
	Items     []AgendaItem `json:"items"`
	Questions []Question   `json:"questions"`
}

// Version is one stored PDF of a document: its identity is the SHA-256 of the
// file, and its file is files/<sha256>.pdf in the data folder.
type Version struct {
	SHA256     string    `json:"sha256"`   // hex, 64 digits
	Document   string    `json:"document"` // DocumentKey of the document it is a version of
	Title      string    `json:"title"`
	Committee  string    `json:"committee"`
	Date       string    `json:"date"` // meeting date, yyyy-mm-dd, or "" when undated
	Kind       Kind      `json:"kind"`
	Pages      int       `json:"pages"`
	Size       int64     `json:"size"`
	SourceName string    `json:"source_name"` // file name or URL it came from
	Added      time.Time `json:"added"`
	// SupersededBy is the SHA-256 of the newer version of the same document, or
	// "" while this version is current.
	SupersededBy string `json:"superseded_by"`
	Agenda       Agenda `json:"agenda"`
}

// ShortIDLen is how many hex digits of the SHA-256 name a version to a person.
const ShortIDLen = 12

// ID is the short id printed for a version: a prefix of its SHA-256.
func (v *Version) ID() string { return v.SHA256[:ShortIDLen] }

// Current reports whether no newer version of the document exists.
func (v *Version) Current() bool { return v.SupersededBy == "" }

// responseLookahead is how many pages after a question its response may
// start on: a long question pushes the response onto the next page or two.
const ResponseLookahead = 3

// PageSpan is the range of PDF pages QuestionsIn reads for q: the page it
// starts on and, when a response is recorded, the pages after it the
// response may start on. A caller that has no pages at hand reads these.
func (q Question) PageSpan() (first, last int) {
	if q.Page <= 0 {
		return 0, -1
	}
	if q.Response == "" {
		return q.Page, q.Page
	}
	return q.Page, q.Page + ResponseLookahead
}
