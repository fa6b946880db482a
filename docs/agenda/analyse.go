// Package agenda reads what a paper says about its meeting: the kind of
// paper, the committee, date, time and venue, the officer, the agenda items
// and their pages, and the questions on notice, from the text of its pages.
package agenda

import (
	"regexp"
	"strings"

	"panelpapers/docs"
)

// Agenda parsing works on the text of every page, as the extractor gives it:
// lines top to bottom, a table's cells separated by two or more spaces,
// paragraphs by a blank line, indentation not kept. It leans on what every
// ModernGov site prints, whoever the council: the "Page N" stamp on each
// page of a pack, the "Agenda Item N" stamp on each report's first page,
// the agenda's numbered items with "(Pages 5 - 10)" or a "5 - 10" column,
// and a front sheet naming the committee, the date, the time, the venue and
// the officer to contact. Everything it cannot find it leaves empty.

// Analyse parses the meeting facts and the agenda from a document's pages
// and marks each page's printed number, whether it is blank, and the agenda
// item it belongs to. fileName, the name the PDF was published under, helps
// with the kind and title: ModernGov names files "Public reports pack
// 13th-Mar-2025 15.00 Cabinet.pdf", "Printed minutes …", "Item 3 Supplement …".
func Analyse(pages []docs.Page, fileName string) docs.Agenda {
	d := newReading(pages)
	d.markPages()
	name := parseFileName(fileName)

	var a docs.Agenda
	a.Kind = d.kind(name)
	switch a.Kind {
	case docs.KindMinutes:
		d.minutesFacts(&a)
		a.Items = d.minutesItems()
	case docs.KindAgenda, docs.KindSupplement:
		d.frontFacts(&a)
		a.Items = d.agendaItems()
	default:
		d.reportFacts(&a)
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

	if a.Committee == "" {
		a.Committee = name.committee
	}
	if a.Date == "" {
		a.Date = name.date
	}
	if a.Time == "" && a.Kind != docs.KindReport && a.Kind != docs.KindOther {
		a.Time = name.time
	}
	a.Title = d.title(a, name)
	return a
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
}

var cellSep = regexp.MustCompile(`\s{2,}`)

func newReading(pages []docs.Page) *reading {
	d := &reading{pages: pages}
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
