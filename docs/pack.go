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
	KindQuestions  Kind = "questions" // questions put to a meeting, with the answers
	KindDecisions  Kind = "decisions" // a decision notice or record of decisions
)

// Source says where a fact about a paper came from. In order of trust: the
// member's correction, the council's ModernGov web service, the paper's
// text, a ModernGov-style file name, the PDF's Title metadata (often wrong:
// another council, "Report Template", another meeting).
type Source string

// The sources of a paper's facts, most trusted first.
const (
	SourceMember   Source = "member"   // the member corrected it
	SourceService  Source = "service"  // the council's ModernGov web service
	SourceText     Source = "text"     // read in the paper's text
	SourceFileName Source = "filename" // read in a ModernGov-style file name
	SourceMetadata Source = "metadata" // read in the PDF's Title metadata
)

// The facts Agenda.Sources gives a source for, as its keys.
const (
	FactKind      = "kind"
	FactBody      = "body"
	FactCommittee = "committee"
	FactDate      = "date"
	FactTime      = "time"
	FactVenue     = "venue"
	FactOfficer   = "officer"
)

// Facts lists the keys of Agenda.Sources in the order they are shown.
var Facts = []string{FactKind, FactBody, FactCommittee, FactDate, FactTime, FactVenue, FactOfficer}

// StatusPostponed is a meeting a paper says is postponed (moved to another
// day, or to a day not yet fixed). A paper can also say a meeting is
// StatusCancelled; a meeting that takes place as planned has no status.
const StatusPostponed MeetingStatus = "postponed"

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
	// Sub are the item's sub-items as printed beneath it ("4a", "(ii)", the
	// numbered planning applications under "Planning"), in the same shape;
	// nil when it has none.
	Sub []AgendaItem `json:"sub"`
	// Meeting is 0 for an item of the paper's own meeting, n for an item of
	// Agenda.Meetings[n-1] (the AGM whose agenda follows the annual parish
	// meeting's on the same paper).
	Meeting int `json:"meeting"`
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
	// Meeting is the date (yyyy-mm-dd) of the meeting the question was put
	// to: the paper's own meeting's, or, for a question recorded in the
	// minutes of the last meeting bound into a pack, that meeting's (one of
	// Agenda.Meetings). "" when unknown, and in records stored before it was
	// kept.
	Meeting string `json:"meeting"`
}

// MeetingRef is a meeting other than the paper's own that it holds papers
// of: the last meeting, whose minutes are bound into an agenda pack; the
// meeting whose agenda follows another's on the same paper.
type MeetingRef struct {
	Committee string `json:"committee"`
	Date      string `json:"date"` // yyyy-mm-dd, or ""
	Time      string `json:"time"` // hh:mm, 24 h, or ""
	Venue     string `json:"venue"`
}

// Part is one of the documents a pack holds, in page order: its front
// sheet or summons, its agenda, each item's papers (found by "Agenda Item N"
// stamps and printed page ranges), papers of another meeting.
type Part struct {
	Kind  Kind   `json:"kind"`  // agenda (front sheet, summons, agenda list), minutes, questions, report…
	Title string `json:"title"` // "Summons", "Agenda", the report's heading
	Item  string `json:"item"`  // the agenda item it is filed under, "" for front matter
	First int    `json:"first"` // PDF pages, from 1
	Last  int    `json:"last"`
	// Meeting is 0 for a part of the paper's own meeting, n for one of
	// Agenda.Meetings[n-1] (the minutes of the last meeting).
	Meeting int `json:"meeting"`
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
	// Body is the council or body whose meeting it is, as printed: "Kent
	// County Council", "Cyngor Cymuned Manordeilo a Salem"; "" when the paper
	// does not print it (a logo is not read).
	Body string `json:"body"`
	// Sources says where each fact came from, by the Fact names: absent or
	// nil for a fact that is unknown, and for every fact of a record stored
	// before sources were kept.
	Sources map[string]Source `json:"sources"`
	// Status is StatusCancelled or StatusPostponed when the paper says the
	// meeting will not take place as planned; "" otherwise.
	Status MeetingStatus `json:"status"`
	// Extraordinary is set for an extraordinary (or special) meeting, called
	// for particular business outside the cycle of ordinary meetings.
	Extraordinary bool `json:"extraordinary"`
	// Reconvened is set for an adjourned meeting that meets again.
	Reconvened bool `json:"reconvened"`
	// OnRisingOf is the meeting this one follows when it starts "at 3.00 pm
	// or on the rising of Full Council, whichever is the later": then Time
	// is the earliest start and this names the other meeting ("Full
	// Council"); "" for a fixed start.
	OnRisingOf string `json:"on_rising_of"`
	// Meetings are the other meetings the paper holds papers of (see
	// MeetingRef), which Items, Questions and Parts refer to by number.
	Meetings []MeetingRef `json:"meetings"`
	// Parts are the documents a pack holds, in page order; nil for a paper
	// that is one document.
	Parts []Part `json:"parts"`
}

// Version is one stored PDF of a document: its identity is the SHA-256 of the
// file, and its file is files/<sha256>.pdf in the data folder.
type Version struct {
	SHA256     string `json:"sha256"`   // hex, 64 digits
	Document   string `json:"document"` // the paper it is a version of: given with its first version, never changed
	Title      string `json:"title"`
	Committee  string `json:"committee"`
	Date       string `json:"date"` // meeting date, yyyy-mm-dd, or "" when undated
	Kind       Kind   `json:"kind"`
	Pages      int    `json:"pages"`
	Size       int64  `json:"size"`
	SourceName string `json:"source_name"` // file name or URL it came from
	// PDFTitle is the PDF's Title metadata as it was added ("" for none, and
	// for papers added before it was kept), so that a re-reading has it.
	PDFTitle string    `json:"pdf_title,omitempty"`
	Added    time.Time `json:"added"`
	// SupersededBy is the SHA-256 of the newer version of the same document, or
	// "" while this version is current.
	SupersededBy string `json:"superseded_by"`
	Agenda       Agenda `json:"agenda"`
	// Read keeps, for each fact the member corrected (by the Fact names),
	// what the app had read, so that the correction can be undone and a
	// fresh reading of the paper updates it; nil when nothing was corrected.
	Read map[string]ReadFact `json:"read,omitempty"`
}

// ReadFact is a fact as the app read it, and from where.
type ReadFact struct {
	Value  string `json:"value"`
	Source Source `json:"source"`
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
