// Package agenda reads what a paper says about its meeting: the kind of
// paper, the committee, date, time and venue, the officer, the agenda items
// and their pages, and the questions on notice, from the text of its pages.
package agenda

import (
	"strconv"
	"strings"

	"panelpapers/docs"
	"panelpapers/docs/words"
)

// Agenda parsing works on the text of every page, as the extractor gives it:
// lines top to bottom, a table's cells separated by two or more spaces,
// paragraphs by a blank line, indentation not kept. It leans on what every
// ModernGov site prints, whoever the council: the "Page N" stamp on each
// page of a pack, the "Agenda Item N" stamp on each report's first page,
// the agenda's numbered items with "(Pages 5 - 10)" or a "5 - 10" column,
// and a front sheet naming the committee, the date, the time, the venue and
// the officer to contact. Everything it cannot find it leaves empty.

// Reading is the edition of how papers are read. Raise it with any change
// that reads some paper's facts differently: a library whose papers were
// read by an older edition reads them again when it is opened.
const Reading = 3 // 3: the PDF's Title metadata, borne out by the text

// Input is a paper to read: its pages and what else is known of it.
type Input struct {
	// Pages are the paper's pages as the extractor gives them; Read marks
	// each page's printed number, whether it is blank, and its item.
	Pages []docs.Page
	// FileName is the name the PDF was published or saved under: a
	// ModernGov name ("Public reports pack 13th-Mar-2025 15.00
	// Cabinet.pdf") says the kind, committee, date and time.
	FileName string
	// Title is the PDF's Title metadata, trusted last: it is often another
	// council's, a template's ("Report Template") or another meeting's.
	Title string
	// Trace, when set, hears which rule read each fact Read returns: fact
	// is one of docs.Facts or "items" or "questions", rule names the rule
	// ("date:statement", "committee:heading", "time:filename"…). For tests
	// and for working on the rules; it changes nothing.
	Trace func(fact, rule, value string)
}

// Analyse reads the meeting facts and the agenda from a paper's pages, with
// the name it was published under; see Read.
func Analyse(pages []docs.Page, fileName string) docs.Agenda {
	return Read(Input{Pages: pages, FileName: fileName})
}

// supportPages is how many pages from the start a fact from the Title
// metadata must be found on: a meeting's paper names its committee and
// date on its first pages.
const supportPages = 3

// mentionsDate reports whether the paper's first pages give the date iso
// (yyyy-mm-dd), in any of the ways dates are written.
func (d *reading) mentionsDate(iso string) bool {
	for i := 0; i < len(d.pages) && i < supportPages; i++ {
		for _, dt := range findDates(d.pages[i].Text) {
			if dt.iso == iso {
				return true
			}
		}
	}
	return false
}

// mentionsCommittee reports whether the paper's first pages name the
// committee, compared as search compares words (case, accents, spacing).
func (d *reading) mentionsCommittee(name string) bool {
	for i := 0; i < len(d.pages) && i < supportPages; i++ {
		if len(words.Find(d.pages[i].Text, name)) > 0 {
			return true
		}
	}
	return false
}

// Read reads what a paper says about its meeting — kind, body, committee,
// date, start, venue, officer, items and questions — from its text first,
// then its file name, then its Title metadata, and records in Sources where
// each fact came from. A fact none of them supports is left empty: better
// unknown than wrong. It marks each page's printed number, whether it is
// blank, and the agenda item it belongs to.
func Read(in Input) docs.Agenda {
	pages := in.Pages
	d := newReading(pages)
	d.markPages()
	name := parseFileName(in.FileName)
	meta := parseTitle(in.Title)
	trace := map[string][2]string{}
	set := func(fact string, dst *string, v string, src docs.Source, rule string) {
		if v == "" || *dst != "" {
			return
		}
		*dst = v
		trace[fact] = [2]string{rule, string(src)}
	}

	var a docs.Agenda
	first := d.firstContentPage()
	h := d.readHead(first)
	kind, kindRule := d.kind(h, name)
	a.Kind = kind
	trace[docs.FactKind] = [2]string{kindRule, string(docs.SourceText)}
	if strings.HasSuffix(kindRule, ":filename") {
		trace[docs.FactKind] = [2]string{kindRule, string(docs.SourceFileName)}
	}
	m := d.readMeeting(h, a.Kind)
	for _, f := range []struct {
		fact string
		dst  *string
		v    string
	}{{docs.FactBody, &a.Body, m.body}, {docs.FactCommittee, &a.Committee, m.committee}, {docs.FactDate, &a.Date, m.date},
		{docs.FactTime, &a.Time, m.clock}, {docs.FactVenue, &a.Venue, m.venue}} {
		set(f.fact, f.dst, f.v, docs.SourceText, m.rules[f.fact])
	}
	a.Status, a.Extraordinary, a.Reconvened, a.OnRisingOf = m.status, m.extraordinary, m.reconvened, m.onRisingOf

	switch a.Kind {
	case docs.KindMinutes:
		a.Items = d.minutesItems()
	case docs.KindAgenda, docs.KindSupplement:
		a.Officer = d.officer(h)
		var others []string
		a.Items, others = d.agendaItems()
		for _, o := range others {
			a.Meetings = append(a.Meetings, d.followingMeeting(h, o, a.Date))
		}
	}
	if a.Kind != docs.KindMinutes {
		// Minutes place their items where their headings are.
		a.Items = d.mergeStampedItems(a.Items, a.Kind)
		d.placeItems(a.Items)
	}
	for i := range pages {
		pages[i].Item = d.itemOf(a.Items, i+1)
	}
	a.Questions = d.questions()
	if (a.Kind == docs.KindReport || a.Kind == docs.KindOther) && answered(a.Questions) >= 3 && kindRule != "kind:item-stamp" {
		// A paper of questions, each with its answer: "Public Forum".
		a.Kind = docs.KindQuestions
		trace[docs.FactKind] = [2]string{"kind:questions-answered", string(docs.SourceText)}
	}

	// What the text does not say, a ModernGov file name may; the Title
	// metadata last.
	set(docs.FactCommittee, &a.Committee, name.committee, docs.SourceFileName, "committee:filename")
	set(docs.FactDate, &a.Date, name.date, docs.SourceFileName, "date:filename")
	if a.Kind != docs.KindReport && a.Kind != docs.KindOther {
		set(docs.FactTime, &a.Time, name.time, docs.SourceFileName, "time:filename")
	}
	// The Title is often another meeting's ("… Parish Council - 6th March
	// 2012" on minutes of 2019): what it says counts only when the paper's
	// own text bears it out.
	if meta.committee != "" && d.mentionsCommittee(meta.committee) {
		set(docs.FactCommittee, &a.Committee, meta.committee, docs.SourceMetadata, "committee:metadata")
	}
	if (meta.committee == "" || SameCommittee(meta.committee, a.Committee)) && meta.date != "" && d.mentionsDate(meta.date) {
		// A date in the Title is only the meeting's when the Title is of
		// the same committee.
		set(docs.FactDate, &a.Date, meta.date, docs.SourceMetadata, "date:metadata")
	}
	d.readParts(&a)
	if len(a.Items) > 0 {
		rule := d.rules["items"]
		if rule == "" {
			rule = "items:item-stamps"
		}
		trace["items"] = [2]string{rule, string(docs.SourceText)}
	}
	if len(a.Questions) > 0 {
		trace["questions"] = [2]string{d.rules["questions"], string(docs.SourceText)}
	}
	if a.Officer != nil {
		trace[docs.FactOfficer] = [2]string{"officer:contact", string(docs.SourceText)}
	}
	a.Title = d.title(a, name)

	a.Sources = map[string]docs.Source{}
	for fact, r := range trace {
		if fact != "items" && fact != "questions" {
			a.Sources[fact] = docs.Source(r[1])
		}
		if in.Trace != nil {
			in.Trace(fact, r[0], factValue(a, fact))
		}
	}
	return a
}

// factValue is the value of a fact, for the trace.
func factValue(a docs.Agenda, fact string) string {
	switch fact {
	case docs.FactKind:
		return string(a.Kind)
	case docs.FactBody:
		return a.Body
	case docs.FactCommittee:
		return a.Committee
	case docs.FactDate:
		return a.Date
	case docs.FactTime:
		return a.Time
	case docs.FactVenue:
		return a.Venue
	case docs.FactOfficer:
		if a.Officer != nil {
			return a.Officer.Name
		}
	case "items":
		return strconv.Itoa(len(a.Items))
	case "questions":
		return strconv.Itoa(len(a.Questions))
	}
	return ""
}

// textLine is one line of a page, trimmed, with its cells.
type textLine struct {
	page  int // index of the page
	idx   int // index of the line in its page
	text  string
	cells []string
}

type reading struct {
	pages []docs.Page
	lines [][]textLine
	// stamp lines per page: index of the "Page N" line and of the
	// "Agenda Item N" line, -1 when there is none.
	printedAt, itemAt []int
	itemStamp         []string
	// minuteHeads maps the page and line of each minutes heading to its
	// item, so that a question is filed under the item it is minuted in.
	minuteHeads map[[2]int]string
	// rules names the rules that read the items and the questions, for
	// the trace.
	rules map[string]string
}

var cellSep = lazy(`\s{2,}`)

func newReading(pages []docs.Page) *reading {
	d := &reading{pages: pages, rules: map[string]string{}}
	d.lines = make([][]textLine, len(pages))
	d.printedAt = make([]int, len(pages))
	d.itemAt = make([]int, len(pages))
	d.itemStamp = make([]string, len(pages))
	for i, p := range pages {
		for j, raw := range strings.Split(p.Text, "\n") {
			t := strings.TrimSpace(strings.ReplaceAll(raw, "\t", "  "))
			l := textLine{page: i, idx: j, text: t}
			if t != "" {
				l.cells = cellSep.Split(t, -1)
			}
			d.lines[i] = append(d.lines[i], l)
		}
	}
	return d
}

// answered counts the questions that have a response.
func answered(qs []docs.Question) int {
	n := 0
	for _, q := range qs {
		if q.Response != "" {
			n++
		}
	}
	return n
}
