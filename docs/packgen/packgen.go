// Package packgen generates PDFs that look like the papers a ModernGov site
// publishes for a Welsh police and crime panel: agenda packs with a front
// sheet, an agenda page, questions on notice, minutes and reports, stamped
// "Page N" and "Agenda Item N", with blank filler pages and Welsh letters.
//
// Tests and benchmarks use it instead of real packs when they need to know
// exactly what is on every page: Build returns, beside the PDF, the text of
// each page and the agenda a parser ought to find. The same Spec always gives
// the same bytes.
package packgen

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"panelpapers/docs"
	"panelpapers/docs/internal/fonts"
)

const fontFamily = "Sans"

// RangeStyle is how the agenda prints an item's page range.
type RangeStyle int

// The page range styles ModernGov templates use.
const (
	RangeColumn RangeStyle = iota // "5 - 10" in a right-hand column
	RangeParen                    // "(Pages 5 - 10)" after the title
)

// Stamps is where the "Page N" stamps go.
type Stamps int

// Stamp positions. StampPlain prints a bare number, as printed minutes do,
// which is not a ModernGov "Page N" stamp.
const (
	StampBottom Stamps = iota
	StampTop
	StampNone
	StampPlain
)

// Question is a question on notice and, in minutes, its recorded response.
type Question struct {
	Asker    string // as printed: "Councillor Jane Roberts-Jones"
	Text     string
	Response string // printed only when not empty
}

// Item is one agenda item. An item without Pages, Questions or Minutes has
// no papers (apologies, declarations of interest).
type Item struct {
	Number string // as printed, without the dot: "4", "4a"
	Title  string
	// Heading is printed at the top of the item's first page; Title when empty.
	Heading string
	// Pages are paragraphs per page: each inner slice starts a new page and
	// flows onto further pages when it does not fit.
	Pages     [][]string
	Questions []Question
	// Minutes, when set, are printed as the item's papers (the minutes of
	// the last meeting, to be confirmed).
	Minutes *Spec
}

func (it Item) hasPapers() bool {
	return len(it.Pages) > 0 || len(it.Questions) > 0 || it.Minutes != nil
}

func (it Item) heading() string {
	if it.Heading != "" {
		return it.Heading
	}
	return it.Title
}

// Spec describes one document to generate.
type Spec struct {
	Council        string // host council: "Carmarthenshire County Council"
	CouncilWelsh   string // "Cyngor Sir Gâr"; printed when Welsh is set
	Committee      string // "Dyfed-Powys Police and Crime Panel"
	CommitteeWelsh string // "Panel Heddlu a Throseddu Dyfed-Powys"
	Date           time.Time
	Time           string // as printed: "10.00 am"
	EndTime        string // minutes only: "12.30 pm"
	Venue          string
	VenueWelsh     string
	Officer        docs.Officer
	Kind           docs.Kind
	// Title is the supplement's or report's heading; packs print "AGENDA".
	Title string
	// Welsh makes a bilingual front sheet; WelshFirst puts the Welsh lines
	// above the English ones.
	Welsh, WelshFirst bool
	Published         time.Time // date signed on the front sheet; zero means a week before Date
	Signatory         string    // "Wendy Walters"
	SignatoryRole     string    // "Chief Executive"
	Note              string    // printed under the front sheet's heading, e.g. why it was republished
	Present           []string  // minutes: members present
	Responder         string    // who answers questions: "the Police and Crime Commissioner"
	Items             []Item
	RangeStyle        RangeStyle
	Stamps            Stamps
	// NumberFrontSheet starts the printed numbering on the front sheet;
	// otherwise front matter is unnumbered and "Page 1" is the first paper.
	NumberFrontSheet bool
	// FirstPrinted is the first printed page number (1 when 0): a supplement
	// may continue the main pack's numbering.
	FirstPrinted int
	// Duplex adds "This page is intentionally left blank" pages so that the
	// agenda and every item start on an odd page.
	Duplex bool
	// Summons opens the pack with the host council's letter summoning the
	// members, in capitals, dated Published and signed by the Signatory,
	// instead of a front sheet: as Carmarthenshire opens the Dyfed-Powys
	// panel's packs. The venue, time and date are in its one long sentence.
	Summons bool
	// Membership, when set, is printed on a page of its own after the
	// summons or front sheet: each council's members numbered from 1.
	Membership []Members
}

// Members are the members a council (or "Co-opted Members") sends to a
// joint committee.
type Members struct {
	Council string
	Names   []string
}

// Pack is a generated document with what a parser ought to find in it.
type Pack struct {
	PDF []byte
	// Pages are the texts written on each page, lines top to bottom with
	// cells of a row joined by two spaces, paragraphs separated by a blank
	// line, and Number, Printed, Blank and Item as Analyse should set them.
	Pages []docs.Page
	// Agenda is what Analyse ought to return for Pages.
	Agenda docs.Agenda
}

// Texts returns the page texts alone.
func (p *Pack) Texts() []string {
	out := make([]string, len(p.Pages))
	for i, pg := range p.Pages {
		out[i] = pg.Text
	}
	return out
}

// Write generates the document of s and writes the PDF to w.
func Write(w io.Writer, s Spec) error {
	p, err := Build(s)
	if err != nil {
		return err
	}
	if _, err := w.Write(p.PDF); err != nil {
		return fmt.Errorf("write pack: %w", err)
	}
	return nil
}

// WriteFile generates the document of s into the file at path.
func WriteFile(path string, s Spec) error {
	p, err := Build(s)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, p.PDF, 0o644); err != nil {
		return fmt.Errorf("write pack %s: %w", path, err)
	}
	return nil
}

// Build generates the document of s.
func Build(s Spec) (*Pack, error) {
	font, err := fonts.Load()
	if err != nil {
		return nil, fmt.Errorf("build %s pack: %w", s.committee(), err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	// Fixed dates and sorted catalogues make the bytes depend on s alone.
	stamp := s.published().Add(9 * time.Hour)
	pdf.SetCreationDate(stamp)
	pdf.SetModificationDate(stamp)
	pdf.SetCatalogSort(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(marginL, topY, marginR)
	pdf.AddUTF8FontFromBytes(fontFamily, "", font.Regular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", font.Bold)
	pdf.SetTitle(s.committee()+" "+s.Date.Format("02/01/2006"), true)
	pdf.SetAuthor(s.Council, true)
	pdf.SetCreator("panelpapers packgen", true)
	if pdf.Err() {
		return nil, fmt.Errorf("start pdf: %w", pdf.Error())
	}

	g := &gen{s: s, pdf: pdf}
	switch s.Kind {
	case docs.KindMinutes:
		g.minutesDoc()
	case docs.KindReport:
		g.reportDoc()
	default:
		g.pack()
	}
	draw(pdf, g.pages)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("generate %s pack: %w", s.kind(), err)
	}
	p := &Pack{PDF: buf.Bytes(), Agenda: g.agenda}
	for i, pg := range g.pages {
		p.Pages = append(p.Pages, docs.Page{
			Number:  i + 1,
			Printed: strings.TrimPrefix(pg.stamp, "Page "),
			Text:    pg.text(),
			Blank:   pg.blank,
			Item:    pg.item,
		})
		if pg.stampAt == StampPlain {
			p.Pages[i].Printed = ""
		}
	}
	return p, nil
}

func (s Spec) kind() docs.Kind {
	if s.Kind == "" {
		return docs.KindAgenda
	}
	return s.Kind
}

func (s Spec) committee() string {
	if s.Committee == "" {
		return "Dyfed-Powys Police and Crime Panel"
	}
	return s.Committee
}

func (s Spec) published() time.Time {
	if !s.Published.IsZero() {
		return s.Published
	}
	return s.Date.AddDate(0, 0, -7)
}

func (s Spec) responder() string {
	if s.Responder == "" {
		return "the Police and Crime Commissioner"
	}
	return s.Responder
}

func (s Spec) firstPrinted() int {
	if s.FirstPrinted <= 0 {
		return 1
	}
	return s.FirstPrinted
}

// longDate prints "Friday, 27 October 2023".
func longDate(t time.Time) string { return t.Format("Monday, 2 January 2006") }

// plainDate prints "14 July 2023".
func plainDate(t time.Time) string { return t.Format("2 January 2006") }

var (
	welshDays   = [...]string{"Dydd Sul", "Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener", "Dydd Sadwrn"}
	welshMonths = [...]string{"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"}
)

// welshDate prints "Dydd Gwener, 27 Hydref 2023".
func welshDate(t time.Time) string {
	return fmt.Sprintf("%s, %d %s %d", welshDays[t.Weekday()], t.Day(), welshMonths[t.Month()-1], t.Year())
}

// clock24 turns a printed time ("10.00 am", "2.30 pm") into "10:00"/"14:30";
// it returns "" for anything else.
func clock24(printed string) string {
	f := strings.Fields(strings.ToLower(printed))
	if len(f) != 2 || (f[1] != "am" && f[1] != "pm") {
		return ""
	}
	hm := strings.FieldsFunc(f[0], func(r rune) bool { return r == '.' || r == ':' })
	if len(hm) != 2 {
		return ""
	}
	h, err1 := strconv.Atoi(hm[0])
	m, err2 := strconv.Atoi(hm[1])
	if err1 != nil || err2 != nil || h < 1 || h > 12 || m > 59 {
		return ""
	}
	if f[1] == "pm" && h != 12 {
		h += 12
	}
	if f[1] == "am" && h == 12 {
		h = 0
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}
