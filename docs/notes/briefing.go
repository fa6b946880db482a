package notes

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/internal/fonts"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"
)

// Briefing is a meeting's notes in agenda order, for "Prepare for meeting".
type Briefing struct {
	Committee string
	Date      string // yyyy-mm-dd
	// Items are the agenda's items that have notes, in agenda order; notes
	// on pages outside any item (the front sheet) come first, under an item
	// with no number.
	Items []BriefingItem
	// Attention lists the meeting's notes that need attention.
	Attention []docs.NoteEntry
}

// BriefingItem is one agenda item and the notes on it.
type BriefingItem struct {
	Number string
	Title  string
	Notes  []docs.NoteEntry
}

// Count is how many notes the briefing holds.
func (b *Briefing) Count() int {
	n := len(b.Attention)
	for _, it := range b.Items {
		n += len(it.Notes)
	}
	return n
}

// NewBriefing puts the notes of one meeting in agenda order: by item as the
// meeting's agenda (among papers, the current versions) lists them, within
// an item notes on the item itself first, then by paper, page and place on
// the page. Notes that need attention are listed apart.
func NewBriefing(committee, date string, entries []docs.NoteEntry, papers []*docs.Version) *Briefing {
	b := &Briefing{Committee: committee, Date: date}
	// The items' order and titles come from the meeting's agenda, else from
	// whichever of its papers lists items (a supplement, the minutes).
	var agenda *docs.Version
	for _, v := range papers {
		if v.Date != date || docs.CommitteeKey(v.Committee) != docs.CommitteeKey(committee) {
			continue
		}
		b.Committee = v.Committee
		if len(v.Agenda.Items) > 0 && (agenda == nil || v.Kind.Rank() < agenda.Kind.Rank()) {
			agenda = v
		}
	}
	order := map[string]int{}
	titles := map[string]string{}
	if agenda != nil {
		for i, it := range agenda.Agenda.Items {
			order[docs.NormalItemNumber(it.Number)] = i
			titles[docs.NormalItemNumber(it.Number)] = it.Title
		}
	}
	groups := map[string]*BriefingItem{}
	var keys []string
	for _, e := range entries {
		if e.Status != docs.NotePlaced {
			b.Attention = append(b.Attention, e)
			continue
		}
		k := docs.NormalItemNumber(e.Item)
		g := groups[k]
		if g == nil {
			g = &BriefingItem{Number: e.Item, Title: titles[k]}
			groups[k] = g
			keys = append(keys, k)
		}
		g.Notes = append(g.Notes, e)
	}
	sort.Slice(keys, func(i, j int) bool { return itemBefore(keys[i], keys[j], order) })
	for _, k := range keys {
		g := groups[k]
		sort.SliceStable(g.Notes, func(i, j int) bool {
			a, c := g.Notes[i], g.Notes[j]
			if (a.Kind == docs.NoteItem) != (c.Kind == docs.NoteItem) {
				return a.Kind == docs.NoteItem
			}
			return SamePaperOrder(a, c)
		})
		b.Items = append(b.Items, *g)
	}
	return b
}

// itemBefore orders item numbers: "" (no item) first, then as the agenda
// lists them, then those it does not list in natural order ("4" < "4a" < "10").
func itemBefore(a, b string, order map[string]int) bool {
	if a == "" || b == "" {
		return a == "" && b != ""
	}
	ia, oka := order[a]
	ib, okb := order[b]
	switch {
	case oka && okb:
		return ia < ib
	case oka != okb:
		return oka
	}
	na, ra := leadingNumber(a)
	nb, rb := leadingNumber(b)
	if na != nb {
		return na < nb
	}
	return ra < rb
}

func leadingNumber(s string) (int, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, _ := strconv.Atoi(s[:i])
	return n, s[i:]
}

// longDate writes yyyy-mm-dd as "Friday 27 October 2023".
func longDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("Monday 2 January 2006")
}

// heading is the briefing's title line.
func (b *Briefing) heading() string {
	h := "Notes for " + b.Committee
	if b.Date != "" {
		h += ", " + longDate(b.Date)
	}
	return h
}

// itemHeading names an item: "Item 4: Members' questions", or the pages
// outside the items.
func (it *BriefingItem) heading() string {
	if it.Number == "" {
		return "Front sheet and other pages"
	}
	if it.Title == "" {
		return "Item " + it.Number
	}
	return "Item " + it.Number + ": " + it.Title
}

// where says where a note is: "Agenda, page 23 (PDF page 25)".
func where(e docs.NoteEntry) string {
	switch {
	case e.Kind == docs.NoteItem && e.Page == 0:
		return e.Paper + ", the whole item"
	case e.Kind == docs.NoteItem:
		return e.Paper + ", the whole item, from " + pageRef(e)
	}
	return e.Paper + ", " + pageRef(e)
}

func pageRef(e docs.NoteEntry) string {
	if e.Printed != "" && e.Printed != strconv.Itoa(e.Page) {
		return fmt.Sprintf("page %s (PDF page %d)", e.Printed, e.Page)
	}
	return fmt.Sprintf("page %d", e.Page)
}

// mdEscape keeps the member's words from turning into Markdown.
var mdEscape = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`)

// Markdown writes the briefing as Markdown, for the clipboard and a file.
func (b *Briefing) Markdown() string {
	var w strings.Builder
	fmt.Fprintf(&w, "# %s\n", mdEscape.Replace(b.heading()))
	if b.Count() == 0 {
		w.WriteString("\nNo notes for this meeting.\n")
	}
	note := func(e docs.NoteEntry) {
		fmt.Fprintf(&w, "\n- **%s**", mdEscape.Replace(where(e)))
		if e.Colour != "" && e.Kind == docs.NoteHighlight {
			fmt.Fprintf(&w, " (%s)", e.Colour)
		}
		w.WriteString("\n")
		if e.Quote != "" {
			fmt.Fprintf(&w, "\n  > %s\n", mdEscape.Replace(e.Quote))
		}
		if e.Reason != "" {
			fmt.Fprintf(&w, "\n  Needs attention: %s.\n", mdEscape.Replace(e.Reason))
		}
		if c := strings.TrimSpace(e.Comment); c != "" {
			w.WriteString("\n")
			for _, line := range strings.Split(c, "\n") {
				fmt.Fprintf(&w, "  %s\n", mdEscape.Replace(strings.TrimRight(line, " \t")))
			}
		}
		if len(e.Tags) > 0 {
			fmt.Fprintf(&w, "\n  Tags: %s\n", mdEscape.Replace(strings.Join(e.Tags, ", ")))
		}
	}
	for _, it := range b.Items {
		fmt.Fprintf(&w, "\n## %s\n", mdEscape.Replace(it.heading()))
		for _, e := range it.Notes {
			note(e)
		}
	}
	if len(b.Attention) > 0 {
		w.WriteString("\n## Needs attention\n\nThese notes could not be placed on the current version of their paper.\n")
		for _, e := range b.Attention {
			note(e)
		}
	}
	return w.String()
}

// WritePDF writes the briefing as an A4 PDF, for printing.
func (b *Briefing) WritePDF(w io.Writer) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(20, 20, 20)
	pdf.SetAutoPageBreak(true, 20)
	pdf.SetTitle(b.heading(), true)
	pdf.SetCreator("Panel Papers", true)
	family, text := "Sans", func(s string) string { return s }
	if font, err := fonts.Load(); err == nil {
		pdf.AddUTF8FontFromBytes(family, "", font.Regular)
		pdf.AddUTF8FontFromBytes(family, "B", font.Bold)
	} else {
		family = "Helvetica"
		tr := pdf.UnicodeTranslatorFromDescriptor("")
		text = func(s string) string { return tr(latin1(s)) }
	}
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont(family, "", 8)
		pdf.SetTextColor(110, 110, 110)
		pdf.CellFormat(0, 5, text(b.heading()+" — page "+strconv.Itoa(pdf.PageNo())), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	pdf.SetFont(family, "B", 16)
	pdf.MultiCell(0, 8, text(b.heading()), "", "L", false)
	pdf.Ln(2)
	if b.Count() == 0 {
		pdf.SetFont(family, "", 11)
		pdf.MultiCell(0, 6, text("No notes for this meeting."), "", "L", false)
	}
	note := func(e docs.NoteEntry) {
		pdf.SetTextColor(0, 0, 0)
		pdf.SetFont(family, "B", 10)
		pdf.MultiCell(0, 5.5, text(where(e)), "", "L", false)
		pdf.SetFont(family, "", 10)
		if e.Quote != "" {
			pdf.SetTextColor(70, 70, 70)
			pdf.SetX(26)
			pdf.MultiCell(0, 5, text("“"+e.Quote+"”"), "L", "L", false)
			pdf.SetTextColor(0, 0, 0)
		}
		if e.Reason != "" {
			pdf.MultiCell(0, 5, text("Needs attention: "+e.Reason+"."), "", "L", false)
		}
		if c := strings.TrimSpace(e.Comment); c != "" {
			pdf.MultiCell(0, 5, text(c), "", "L", false)
		}
		if len(e.Tags) > 0 {
			pdf.MultiCell(0, 5, text("Tags: "+strings.Join(e.Tags, ", ")), "", "L", false)
		}
		pdf.Ln(3)
	}
	section := func(title string) {
		pdf.Ln(2)
		pdf.SetTextColor(0, 0, 0)
		pdf.SetFont(family, "B", 12)
		pdf.MultiCell(0, 6.5, text(title), "", "L", false)
		pdf.Ln(1)
	}
	for _, it := range b.Items {
		section(it.heading())
		for _, e := range it.Notes {
			note(e)
		}
	}
	if len(b.Attention) > 0 {
		section("Needs attention")
		for _, e := range b.Attention {
			note(e)
		}
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write the notes as a PDF: %w", err)
	}
	return nil
}

// latin1 spells letters outside Latin-1 without their accents (ŵ as w),
// for PDF's built-in fonts when no TrueType font is installed.
func latin1(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x100 || strings.ContainsRune("“”‘’–—…", r) {
			b.WriteRune(r)
			continue
		}
		for _, x := range norm.NFD.String(string(r)) {
			if x < 0x100 {
				b.WriteRune(x)
			}
		}
	}
	return b.String()
}

// SamePaperOrder orders notes of one meeting by paper, then page and place.
func SamePaperOrder(a, b docs.NoteEntry) bool {
	if a.PaperKind != b.PaperKind {
		return a.PaperKind.Rank() < b.PaperKind.Rank()
	}
	if a.Paper != b.Paper {
		return a.Paper < b.Paper
	}
	if a.Page != b.Page {
		return a.Page < b.Page
	}
	if a.Start != b.Start {
		return a.Start < b.Start
	}
	return a.Created.Before(b.Created)
}
