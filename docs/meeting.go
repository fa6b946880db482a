package docs

import (
	"strconv"
	"strings"
	"unicode"
)

// Committee is a body on a ModernGov site that a member can follow: the
// Police and Crime Panel is committee 193 on
// https://democracy.carmarthenshire.gov.wales.
type Committee struct {
	// Site is the site's root URL without a trailing slash; it may include a
	// sub-path ("https://mgov.example.gov.uk/modern.gov").
	Site  string `json:"site"`
	ID    int    `json:"id"`
	Title string `json:"title"`
	// Expired is set for a committee the council no longer convenes; its old
	// papers are still published, so it can still be followed.
	Expired bool `json:"expired"`
	// Since (yyyy-mm-dd, or "") is the date before which a sync does not
	// download this committee's papers: set when the member chose "only
	// coming meetings" at the first sync, so later syncs keep that choice.
	Since string `json:"since"`
}

// Key identifies the committee across sites: "site#id".
func (c Committee) Key() string { return c.Site + "#" + strconv.Itoa(c.ID) }

// MeetingStatus says whether a meeting takes place.
type MeetingStatus string

// The statuses ModernGov gives a meeting.
const (
	StatusConfirmed MeetingStatus = "confirmed"
	StatusCancelled MeetingStatus = "cancelled"
)

// Meeting is what a council's ModernGov web service says about a meeting. It
// takes precedence over what the library parses from a pack's text: see
// Override.
type Meeting struct {
	Site        string `json:"site"`
	CommitteeID int    `json:"committee_id"`
	ID          int    `json:"id"`
	Committee   string `json:"committee"` // the committee's title
	Date        string `json:"date"`      // yyyy-mm-dd
	Time        string `json:"time"`      // hh:mm, 24 h, or ""
	Venue       string `json:"venue"`
	// URL is the meeting's page on the council's site (ieListDocuments.aspx),
	// for "Open on the council's site".
	URL    string        `json:"url"`
	Status MeetingStatus `json:"status"`
	// AgendaPublished is false until the council publishes the papers: a
	// later sync checks again.
	AgendaPublished  bool              `json:"agenda_published"`
	MinutesPublished bool              `json:"minutes_published"`
	Items            []MeetingItem     `json:"items"`
	Documents        []MeetingDocument `json:"documents"`
}

// Key identifies the meeting across sites: "site#id".
func (m *Meeting) Key() string { return m.Site + "#" + strconv.Itoa(m.ID) }

// Cancelled reports whether the meeting will not take place.
func (m *Meeting) Cancelled() bool { return m.Status == StatusCancelled }

// MeetingItem is one agenda item as the web service lists it.
type MeetingItem struct {
	Number string `json:"number"` // as displayed, without its dot: "4", "4a"
	Title  string `json:"title"`
	Text   string `json:"text"` // the agenda's text for the item, as plain text
	// Restricted items (exempt information) are listed but their papers are
	// not published.
	Restricted bool `json:"restricted"`
}

// MeetingDocument is one paper a meeting publishes: a whole-meeting pack from
// the meeting page's action list (Item == "") or an agenda item's document.
type MeetingDocument struct {
	Title string `json:"title"` // the link text: "Public reports pack", "Printed minutes"
	URL   string `json:"url"`   // absolute
	Kind  Kind   `json:"kind"`
	// Restricted documents are not downloaded; they are shown as such.
	Restricted bool   `json:"restricted"`
	Item       string `json:"item"` // the agenda item's number, or "" for a whole-meeting pack
	// Size is the size the site states ("PDF 3 MB"), in bytes, 0 when it
	// states none: an estimate, never a check.
	Size int64 `json:"size"`
}

// Override puts the web service's facts about the meeting into an agenda
// parsed from a pack's text: the service is the better source for committee,
// date, time, venue and item titles. Items the service lists that the text
// lacks are added (without page ranges); page ranges found in the text stay.
func (m *Meeting) Override(a *Agenda) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	fact := func(name string, dst *string, v string) {
		if v != "" {
			*dst = v
			if a.Sources == nil {
				a.Sources = map[string]Source{}
			}
			a.Sources[name] = SourceService
		}
	}
	fact(FactCommittee, &a.Committee, m.Committee)
	fact(FactDate, &a.Date, m.Date)
	fact(FactTime, &a.Time, m.Time)
	fact(FactVenue, &a.Venue, m.Venue)
	index := make(map[string]int, len(a.Items))
	for i, it := range a.Items {
		index[NormalItemNumber(it.Number)] = i
	}
	for _, it := range m.Items {
		if i, ok := index[NormalItemNumber(it.Number)]; ok {
			set(&a.Items[i].Title, it.Title)
			continue
		}
		a.Items = append(a.Items, AgendaItem{Number: it.Number, Title: it.Title})
	}
}

// normalItemNumber lets "4." and "4 a" match "4" and "4a".
func NormalItemNumber(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimSuffix(s, ".")
	return strings.ReplaceAll(s, " ", "")
}

// Remote is what the library remembers about a paper's address, so that a
// sync asks the council's site only whether it changed (a conditional GET)
// and does not import the same content twice.
type Remote struct {
	URL          string `json:"url"`
	ETag         string `json:"etag"`
	LastModified string `json:"last_modified"`
	SHA256       string `json:"sha256"` // of the content last downloaded from URL
}

// CommitteeKey is how committees' names are compared: two names with the
// same key are one committee. It is what the words of a committee's name
// share: lower case, "&" read as "and", punctuation and "the" dropped, Welsh
// and English letters kept ("Transport & Connectivity Policy Committee" and
// "the Transport and Connectivity Policy Committee" both give "transport
// and connectivity policy committee"; "DYFED-POWYS POLICE AND CRIME PANEL"
// and "Dyfed-Powys Police and Crime Panel" are one).
func CommitteeKey(name string) string {
	name = strings.ReplaceAll(strings.ToLower(name), "&", " and ")
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '\'' || r == '’':
			// "Members' Panel" and "Members Panel" are one committee
		default:
			b.WriteRune(' ')
		}
	}
	var words []string
	for _, w := range strings.Fields(b.String()) {
		if w != "the" {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}

// SameCommittee reports whether two names name one committee: a committee
// read from a paper and the same committee followed on the council's site
// compare equal. An empty name is no committee.
func SameCommittee(a, b string) bool {
	ka, kb := CommitteeKey(a), CommitteeKey(b)
	return ka != "" && ka == kb
}
