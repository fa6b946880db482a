package packgen

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"panelpapers/docs"
)

// blankText is what ModernGov prints on its filler pages.
const blankText = "This page is intentionally left blank"

// gen builds one document: its laid-out pages and the agenda a parser ought
// to find in them.
type gen struct {
	s      Spec
	pdf    *fpdf.Fpdf
	pages  []*page
	agenda docs.Agenda
	quests []qmark
	heads  []headMark
}

// qmark remembers where a question was laid out.
type qmark struct {
	q       Question
	item    string
	pg      *page
	meeting string // date of the meeting it was put to
}

// headMark remembers where an item's papers (or, in minutes, its heading) start.
type headMark struct {
	number, title string
	pg            *page
	atTop         bool // nothing of the body precedes it on its page
	last          *page
	it            Item // the item whose papers start here (packs)
}

// pack generates an agenda or supplement pack: front matter, then each
// item's papers from a new page.
func (g *gen) pack() {
	s := g.s
	body := &flow{pdf: g.pdf}
	for _, it := range s.Items {
		if !it.hasPapers() {
			continue
		}
		body.item = it.Number
		pg := body.newPage()
		pg.runs = append(pg.runs, run{x: pageW - marginR, y: itemStampY, text: "Agenda Item " + it.Number, size: 10, bold: true, right: true})
		g.itemPapers(body, it)
		last := body.cur
		g.heads = append(g.heads, headMark{number: it.Number, title: it.Title, pg: pg, atTop: true, last: last, it: it})
		if s.Duplex && (len(body.pages)-indexIn(body.pages, pg))%2 == 1 {
			blankPage(body)
		}
	}

	// The agenda prints printed page ranges, which depend on how many pages
	// the front matter takes, which depends a little on the ranges' widths.
	ranges := map[string][2]int{}
	for _, h := range g.heads {
		ranges[h.number] = [2]int{888, 888}
	}
	var front []*page
	for range 4 {
		front = g.front(ranges)
		nFront := len(front)
		if s.Duplex && nFront%2 == 1 {
			nFront++
		}
		next := map[string][2]int{}
		for _, h := range g.heads {
			next[h.number] = [2]int{
				g.printedAt(nFront, nFront+indexIn(body.pages, h.pg)),
				g.printedAt(nFront, nFront+indexIn(body.pages, h.last)),
			}
		}
		same := len(g.front(next)) == len(front)
		ranges = next
		if same {
			front = g.front(ranges)
			break
		}
	}
	if s.Duplex && len(front)%2 == 1 {
		f := &flow{pdf: g.pdf, pages: front}
		blankPage(f)
		front = f.pages
	}
	g.pages = append(front, body.pages...)
	g.stampAll(len(front))

	a := &g.agenda
	a.Kind = s.kind()
	a.Body = s.Council // the front sheet or summons prints it
	a.Committee = s.committee()
	a.Date = s.Date.Format("2006-01-02")
	a.Time = clock24(s.Time)
	a.Venue = s.Venue
	if s.Officer != (docs.Officer{}) {
		o := s.Officer
		a.Officer = &o
	}
	listed := s.Items
	if a.Kind == docs.KindSupplement {
		listed = nil
		var nums []string
		for _, it := range s.Items {
			if it.hasPapers() {
				listed = append(listed, it)
				nums = append(nums, it.Number)
			}
		}
		a.Title = supplementTitle(nums)
	} else {
		a.Title = "Agenda frontsheet"
		if len(g.heads) > 0 {
			a.Title = "Reports pack"
		}
	}
	for _, it := range listed {
		ai := docs.AgendaItem{Number: it.Number, Title: it.Title}
		if r, ok := ranges[it.Number]; ok {
			ai.PrintedFirst, ai.PrintedLast = r[0], r[1]
		}
		a.Items = append(a.Items, ai)
	}
	g.parts(front)
	g.finish()
}

// parts lists the documents a pack holds: its front matter (front sheet or
// summons, membership, agenda; a blank page goes with the page before it),
// then each item's papers, the bound minutes of the last meeting among them.
func (g *gen) parts(front []*page) {
	a := &g.agenda
	for i, p := range front {
		title := ""
		switch {
		case i == 0 && g.s.Summons:
			title = "Summons"
		case i == 0:
			title = "Front sheet"
		case i == 1 && len(g.s.Membership) > 0:
			title = "Membership"
		case !p.blank && a.Kind != docs.KindSupplement:
			title = "Agenda"
		}
		if title == "" {
			a.Parts[len(a.Parts)-1].Last = i + 1
			continue
		}
		a.Parts = append(a.Parts, docs.Part{Kind: a.Kind, Title: title, First: i + 1, Last: i + 1})
	}
	for k, h := range g.heads {
		first := indexIn(g.pages, h.pg) + 1
		last := len(g.pages)
		if k+1 < len(g.heads) {
			last = indexIn(g.pages, g.heads[k+1].pg)
		}
		p := docs.Part{Kind: docs.KindReport, Title: h.it.heading(), Item: h.number, First: first, Last: last}
		switch {
		case h.it.Minutes != nil:
			m := h.it.Minutes
			a.Meetings = append(a.Meetings, docs.MeetingRef{Committee: m.committee(), Date: m.Date.Format("2006-01-02"), Time: clock24(m.Time), Venue: m.Venue})
			p.Kind, p.Title, p.Meeting = docs.KindMinutes, "Minutes", len(a.Meetings)
		case len(h.it.Questions) > 0:
			p.Kind = docs.KindQuestions
		}
		a.Parts = append(a.Parts, p)
	}
}

// supplementTitle names a supplement by the items it carries, so that a
// republished supplement keeps its identity.
func supplementTitle(items []string) string {
	switch len(items) {
	case 0:
		return "Supplement"
	case 1:
		return "Supplement: item " + items[0]
	}
	return "Supplement: items " + strings.Join(items, ", ")
}

func indexIn(pages []*page, p *page) int {
	for i, q := range pages {
		if q == p {
			return i
		}
	}
	return -1
}

// printedAt is the printed number of the page at index i when nFront pages
// of front matter precede the papers.
func (g *gen) printedAt(nFront, i int) int {
	if g.s.NumberFrontSheet {
		return g.s.firstPrinted() + i
	}
	return g.s.firstPrinted() + i - nFront
}

// stampAll gives every numbered page its stamp.
func (g *gen) stampAll(nFront int) {
	for i, p := range g.pages {
		if !g.s.NumberFrontSheet && i < nFront {
			continue
		}
		n := strconv.Itoa(g.printedAt(nFront, i))
		p.stampAt = g.s.Stamps
		switch g.s.Stamps {
		case StampBottom, StampTop:
			p.stamp = "Page " + n
		case StampPlain:
			p.stamp = n
		}
	}
}

func blankPage(f *flow) {
	p := f.newPage()
	p.blank = true
	p.runs = append(p.runs, run{x: pageW / 2, y: 148, text: blankText, size: bodySize})
	// Centre it as ModernGov does; the run's x is its left edge.
	f.pdf.SetFont(fontFamily, "", bodySize)
	p.runs[0].x -= f.pdf.GetStringWidth(blankText) / 2
}

// bilingual lays out an English line and its Welsh twin in the spec's order.
func (g *gen) bilingual(f *flow, size float64, bold bool, en, cy string) {
	lines := []string{en}
	if g.s.Welsh && cy != "" {
		lines = append(lines, cy)
		if g.s.WelshFirst {
			lines[0], lines[1] = lines[1], lines[0]
		}
	}
	for i, l := range lines {
		n := len(f.cur.runs)
		f.para(l, size, bold, 0)
		if i > 0 && n < len(f.cur.runs) {
			f.cur.runs[n].para = false // the twin belongs to the same block
		}
		if i == 0 && len(lines) > 1 {
			f.y -= paraGap
		}
	}
}

// front lays out the front sheet and the agenda list with the given printed
// ranges.
func (g *gen) front(ranges map[string][2]int) []*page {
	s := g.s
	f := &flow{pdf: g.pdf}
	f.newPage()
	if s.Summons {
		g.summons(f)
		g.membership(f)
		f.newPage()
		f.para("AGENDA", 14, true, 0)
		f.gap(2)
		g.agendaRows(f, ranges, "")
		return f.pages
	}
	g.bilingual(f, 12, true, s.Council, s.CouncilWelsh)
	f.gap(6)
	if s.kind() == docs.KindSupplement {
		title := "SUPPLEMENTARY PACK"
		if s.Title != "" {
			title = s.Title
		}
		g.bilingual(f, 14, true, title, "PECYN ATODOL")
	}
	g.bilingual(f, 16, true, strings.ToUpper(s.committee()), strings.ToUpper(s.CommitteeWelsh))
	f.gap(4)
	g.bilingual(f, 12, true, longDate(s.Date), welshDate(s.Date))
	if s.Time != "" {
		f.para(s.Time, 12, true, 0)
	}
	f.gap(2)
	label := 32.0
	if s.Venue != "" {
		f.row(bodySize, cell{x: marginL, text: "Venue:", bold: true}, cell{x: marginL + label, w: textW - label, text: s.Venue})
		if s.Welsh && s.VenueWelsh != "" {
			f.row(bodySize, cell{x: marginL, text: "Lleoliad:", bold: true}, cell{x: marginL + label, w: textW - label, text: s.VenueWelsh})
		}
	}
	if s.Note != "" {
		f.para(s.Note, bodySize, true, 0)
	}
	if s.kind() == docs.KindSupplement {
		f.para("The following papers were not available when the agenda for this meeting was published. Please bring them to the meeting with your agenda.", bodySize, false, 0)
		g.agendaRows(f, ranges, "Agenda Item No")
	} else {
		f.para("Members of the public may attend the meeting in person or watch the live broadcast on the council's website. "+
			"Gellir gweld y cyfarfod yn fyw ar wefan y Cyngor; mae'r agenda ar gael yn Gymraeg.", bodySize, false, 0)
	}
	f.gap(4)
	if o := s.Officer; o != (docs.Officer{}) {
		rows := [][2]string{{"Democratic Services Officer:", o.Name}, {"Telephone:", o.Phone}, {"E-mail:", o.Email}}
		if s.Welsh {
			rows[1][0], rows[2][0] = "Telephone / Ffôn:", "E-mail / E-bost:"
		}
		const w = 68.0
		for _, r := range rows {
			if r[1] != "" {
				f.row(bodySize, cell{x: marginL, text: r[0], bold: true}, cell{x: marginL + w, text: r[1]})
			}
		}
		if s.Welsh {
			f.para("Swyddog Gwasanaethau Democrataidd", 9, false, 0)
		}
	}
	if s.Signatory != "" {
		f.gap(4)
		f.para(s.Signatory, bodySize, true, 0)
		f.y -= paraGap
		f.para(s.SignatoryRole, bodySize, false, 0)
		f.para("Neuadd y Sir, Caerfyrddin / County Hall, Carmarthen", bodySize, false, 0)
	}
	f.para("Date of publication: "+plainDate(s.published()), 9, false, 0)
	if s.kind() != docs.KindSupplement {
		f.newPage()
		f.para("AGENDA", 14, true, 0)
		f.gap(2)
		g.agendaRows(f, ranges, "")
	}
	return f.pages
}

// summons lays out the host council's letter summoning the members: the
// day it is signed, whom it is to, one long sentence in capitals giving the
// meeting's venue, time and date, the signature and the officer to contact.
func (g *gen) summons(f *flow) {
	s := g.s
	if s.Council != "" {
		f.para(strings.ToUpper(s.Council), 12, true, 0)
		f.gap(4)
	}
	f.para(strings.ToUpper(longDate(s.published())), bodySize, true, 0)
	f.gap(2)
	f.para("TO: ALL MEMBERS OF THE "+strings.ToUpper(s.committee()), bodySize, true, 0)
	f.gap(2)
	when := strings.ToUpper(s.Time)
	if when != "" {
		when = "AT " + when + ", "
	}
	f.para("I HEREBY SUMMON YOU TO ATTEND A MEETING OF THE "+strings.ToUpper(s.committee())+" WHICH WILL BE HELD IN "+
		strings.ToUpper(s.Venue)+" "+when+"ON "+strings.ToUpper(ordinalDate(s.Date))+
		" FOR THE TRANSACTION OF THE BUSINESS OUTLINED ON THE ATTACHED AGENDA", bodySize, false, 0)
	f.gap(6)
	if s.Signatory != "" {
		f.para(s.Signatory, bodySize, true, 0)
		f.y -= paraGap
		f.para(strings.ToUpper(s.SignatoryRole), bodySize, false, 0)
	}
	f.gap(4)
	if o := s.Officer; o != (docs.Officer{}) {
		const w = 62.0
		for _, r := range [][2]string{{"Democratic Officer:", o.Name}, {"Telephone (direct line):", o.Phone}, {"E-Mail:", o.Email}} {
			if r[1] != "" {
				f.row(bodySize, cell{x: marginL, text: r[0], bold: true}, cell{x: marginL + w, text: r[1]})
			}
		}
	}
}

// membership lays out the members of a joint committee on a page of its
// own, each council's numbered from 1.
func (g *gen) membership(f *flow) {
	if len(g.s.Membership) == 0 {
		return
	}
	f.newPage()
	f.para(strings.ToUpper(g.s.committee()), 14, true, 0)
	f.para("MEMBERSHIP", 12, true, 0)
	for _, m := range g.s.Membership {
		f.gap(2)
		f.para(strings.ToUpper(m.Council), bodySize, true, 0)
		for i, n := range m.Names {
			f.row(bodySize, cell{x: marginL, text: strconv.Itoa(i+1) + "."}, cell{x: marginL + 12, text: n})
		}
	}
}

// ordinalDate prints "Friday, 27th October, 2023".
func ordinalDate(t time.Time) string {
	suffix := "th"
	switch d := t.Day(); {
	case d == 1 || d == 21 || d == 31:
		suffix = "st"
	case d == 2 || d == 22:
		suffix = "nd"
	case d == 3 || d == 23:
		suffix = "rd"
	}
	return fmt.Sprintf("%s, %d%s %s, %d", t.Weekday(), t.Day(), suffix, t.Month(), t.Year())
}

// agendaRows lists the items with their printed page ranges.
func (g *gen) agendaRows(f *flow, ranges map[string][2]int, header string) {
	if header != "" {
		f.row(bodySize, cell{x: marginL, text: header, bold: true})
	}
	for _, it := range g.s.Items {
		r, has := ranges[it.Number]
		if g.s.kind() == docs.KindSupplement && !has {
			continue
		}
		num := cell{x: marginL, text: it.Number + ".", bold: true}
		if header != "" {
			num.text = it.Number
		}
		switch {
		case !has:
			f.row(bodySize, num, cell{x: marginL + 12, w: textW - 12, text: it.Title})
		case g.s.RangeStyle == RangeParen:
			f.row(bodySize, num, cell{x: marginL + 12, w: textW - 12, text: it.Title + " " + parenRange(r)})
		default:
			f.row(bodySize, num, cell{x: marginL + 12, w: textW - 40, text: it.Title}, cell{x: pageW - marginR, text: columnRange(r), right: true})
		}
	}
}

func parenRange(r [2]int) string {
	if r[0] == r[1] {
		return fmt.Sprintf("(Page %d)", r[0])
	}
	return fmt.Sprintf("(Pages %d - %d)", r[0], r[1])
}

func columnRange(r [2]int) string {
	if r[0] == r[1] {
		return strconv.Itoa(r[0])
	}
	return fmt.Sprintf("%d - %d", r[0], r[1])
}

// itemPapers lays out an item's papers on the flow's current page onwards.
func (g *gen) itemPapers(f *flow, it Item) {
	if it.Minutes != nil {
		g.minutesBody(f, *it.Minutes, it.Number, false)
		return
	}
	f.para(strings.ToUpper(g.s.committee()), 10, true, 0)
	f.y -= paraGap
	f.para(strings.ToUpper(plainDate(g.s.Date)), 10, true, 0)
	f.gap(3)
	f.para(it.heading(), 13, true, 0)
	for k, paras := range it.Pages {
		if k > 0 {
			f.newPage()
		}
		for _, p := range paras {
			f.para(p, bodySize, false, 0)
		}
	}
	g.questions(f, it.Questions, it.Number, 0)
}

// questions lays out question blocks and remembers where each starts.
func (g *gen) questions(f *flow, qs []Question, item string, indent float64) {
	for _, q := range qs {
		f.ensure(3 * lead(bodySize))
		f.para("Question from "+q.Asker+":", bodySize, true, indent)
		// The mark goes where the heading line landed.
		g.quests = append(g.quests, qmark{q: q, item: item, pg: f.cur, meeting: g.s.Date.Format("2006-01-02")})
		f.para(q.Text, bodySize, false, indent)
		if q.Response != "" {
			f.ensure(2 * lead(bodySize))
			f.para("Response from "+g.s.responder()+":", bodySize, true, indent)
			f.para(q.Response, bodySize, false, indent)
		}
	}
}

// minutesBody lays out minutes. Standalone minutes record their items as the
// document's items; minutes inside a pack belong to the pack's item packItem.
func (g *gen) minutesBody(f *flow, m Spec, packItem string, standalone bool) {
	if f.cur == nil {
		f.newPage()
	}
	f.para(strings.ToUpper(m.committee()), 14, true, 0)
	f.y -= paraGap
	f.para(longDate(m.Date), 12, true, 0)
	f.gap(2)
	f.para("Minutes of the meeting of the "+m.committee()+" held on "+plainDate(m.Date), bodySize, true, 0)
	if m.Venue != "" {
		f.row(bodySize, cell{x: marginL, text: "Venue:", bold: true}, cell{x: marginL + 22, w: textW - 22, text: m.Venue})
	}
	if m.Time != "" {
		t := m.Time
		if m.EndTime != "" {
			t += " - " + m.EndTime
		}
		f.row(bodySize, cell{x: marginL, text: "Time:", bold: true}, cell{x: marginL + 22, text: t})
	}
	if len(m.Present) > 0 {
		f.para("PRESENT: "+strings.Join(m.Present, ", ")+".", bodySize, false, 0)
	}
	saved := g.s
	g.s = m // questions name m's responder
	for _, it := range m.Items {
		f.ensure(3 * lead(bodySize))
		atTop := len(f.cur.runs) == 0
		f.row(bodySize, cell{x: marginL, text: it.Number + ".", bold: true}, cell{x: marginL + 12, w: textW - 12, text: strings.ToUpper(it.Title), bold: true})
		if standalone {
			f.item = it.Number
			g.heads = append(g.heads, headMark{number: it.Number, title: strings.ToUpper(it.Title), pg: f.cur, atTop: atTop})
		}
		for _, paras := range it.Pages {
			for _, p := range paras {
				f.para(p, bodySize, false, 12)
			}
		}
		qItem := packItem
		if standalone {
			qItem = it.Number
		}
		g.questions(f, it.Questions, qItem, 12)
	}
	g.s = saved
	f.gap(8)
	f.row(bodySize, cell{x: marginL, text: "________________________"}, cell{x: marginL + 90, text: "________________________"})
	f.row(bodySize, cell{x: marginL, text: "CHAIR", bold: true}, cell{x: marginL + 90, text: "DATE", bold: true})
}

// minutesDoc generates printed minutes.
func (g *gen) minutesDoc() {
	s := g.s
	f := &flow{pdf: g.pdf}
	g.minutesBody(f, s, "", true)
	g.pages = f.pages
	g.stampAll(0)
	a := &g.agenda
	a.Kind = docs.KindMinutes
	a.Title = "Minutes"
	a.Committee = s.committee()
	a.Date = s.Date.Format("2006-01-02")
	a.Time = clock24(s.Time)
	a.Venue = s.Venue
	for _, h := range g.heads {
		a.Items = append(a.Items, docs.AgendaItem{Number: h.number, Title: h.title})
	}
	g.finish()
}

// reportDoc generates a single report, as published beside a pack.
func (g *gen) reportDoc() {
	s := g.s
	f := &flow{pdf: g.pdf}
	var it Item
	if len(s.Items) > 0 {
		it = s.Items[0]
	}
	if it.Heading == "" && s.Title != "" {
		it.Heading = s.Title
	}
	f.item = it.Number
	pg := f.newPage()
	if it.Number != "" {
		pg.runs = append(pg.runs, run{x: pageW - marginR, y: itemStampY, text: "Agenda Item " + it.Number, size: 10, bold: true, right: true})
		g.heads = append(g.heads, headMark{number: it.Number, title: it.heading(), pg: pg, atTop: true})
	}
	g.itemPapers(f, it)
	g.pages = f.pages
	g.stampAll(0)
	a := &g.agenda
	a.Kind = docs.KindReport
	a.Title = it.heading()
	a.Committee = s.committee()
	a.Date = s.Date.Format("2006-01-02")
	if it.Number != "" {
		a.Items = []docs.AgendaItem{{Number: it.Number, Title: it.heading()}}
	}
	g.finish()
}

// finish fills in the PDF pages of items and questions once all pages are
// laid out: an item runs until the page before the next item's first page,
// or to that page when the next item starts part-way down it. Every fact
// the document prints is read from its text.
func (g *gen) finish() {
	a := &g.agenda
	a.Sources = map[string]docs.Source{}
	for fact, v := range map[string]string{docs.FactKind: string(a.Kind), docs.FactBody: a.Body, docs.FactCommittee: a.Committee,
		docs.FactDate: a.Date, docs.FactTime: a.Time, docs.FactVenue: a.Venue} {
		if v != "" {
			a.Sources[fact] = docs.SourceText
		}
	}
	if a.Officer != nil {
		a.Sources[docs.FactOfficer] = docs.SourceText
	}
	for k, h := range g.heads {
		first := indexIn(g.pages, h.pg) + 1
		last := len(g.pages)
		if k+1 < len(g.heads) {
			n := g.heads[k+1]
			last = indexIn(g.pages, n.pg) + 1
			if n.atTop {
				last--
			}
		}
		for i := range a.Items {
			if a.Items[i].Number == h.number {
				a.Items[i].First, a.Items[i].Last = first, last
			}
		}
	}
	// A page belongs to the first item whose pages include it.
	for i, p := range g.pages {
		p.item = ""
		for _, it := range a.Items {
			if it.First > 0 && it.First <= i+1 && i+1 <= it.Last {
				p.item = it.Number
				break
			}
		}
	}
	for _, q := range g.quests {
		a.Questions = append(a.Questions, docs.Question{
			Asker:    q.q.Asker,
			Text:     q.q.Text,
			Response: q.q.Response,
			Item:     q.item,
			Page:     indexIn(g.pages, q.pg) + 1,
			Meeting:  q.meeting,
		})
	}
}
