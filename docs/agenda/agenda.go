// Package agenda reads what a paper says about its meeting: the kind of
// paper, the committee, date, time and venue, the officer, the agenda items
// and their pages, and the questions on notice, from the text of its pages.
package agenda

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

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

var (
	pageStamp = regexp.MustCompile(`(?i)^page\s+(\d{1,4})$`)
	itemStamp = regexp.MustCompile(`(?i)^agenda\s+item\s+(\d{1,3}(?:\.\d{1,2}|[a-z])?)\.?$`)
	letterRun = regexp.MustCompile(`[^\p{L}]+`)
	blankText = regexp.MustCompile(`^(?:this page (?:is |has been )?)?(?:intentionally (?:been )?left|left intentionally) blank$`)
)

// markPages finds the stamps, fills Printed (interpolating pages whose stamp
// the extractor missed) and Blank.
func (d *reading) markPages() {
	printed := make([]int, len(d.pages))
	for i := range d.pages {
		d.printedAt[i], d.itemAt[i] = -1, -1
		lines := d.lines[i]
		d.printedAt[i], printed[i] = findPageStamp(lines)
		for j, l := range lines {
			if m := itemStamp.FindStringSubmatch(l.text); m != nil {
				d.itemAt[i], d.itemStamp[i] = j, strings.ToLower(m[1])
				break
			}
		}
		var rest []string
		size := 0
		for j, l := range lines {
			if j != d.printedAt[i] && j != d.itemAt[i] && l.text != "" {
				rest = append(rest, l.text)
				size += len(l.text)
			}
		}
		if len(rest) == 0 && !d.pages[i].Scanned {
			d.pages[i].Blank = true
		} else if size < 80 {
			body := strings.TrimSpace(letterRun.ReplaceAllString(strings.ToLower(strings.Join(rest, " ")), " "))
			d.pages[i].Blank = d.pages[i].Blank || blankText.MatchString(body)
		}
	}
	interpolate(printed)
	for i, n := range printed {
		d.pages[i].Printed = ""
		if n > 0 {
			d.pages[i].Printed = strconv.Itoa(n)
		}
	}
}

// findPageStamp looks for a "Page N" line: first among the last and first
// few lines, where ModernGov puts it, then anywhere (a stamp on a landscape
// page comes out part-way down). "Page 3 of 10" is a report's own footer,
// not the pack's stamp, and is ignored.
func findPageStamp(lines []textLine) (at, n int) {
	var nonEmpty []int
	for j, l := range lines {
		if l.text != "" {
			nonEmpty = append(nonEmpty, j)
		}
	}
	try := func(j int, cells bool) bool {
		l := lines[j]
		cand := []string{l.text}
		if cells && len(l.cells) > 1 {
			cand = append(cand, l.cells[0], l.cells[len(l.cells)-1])
		}
		for _, c := range cand {
			if m := pageStamp.FindStringSubmatch(c); m != nil {
				at, n = j, atoi(m[1])
				return n > 0
			}
		}
		return false
	}
	for k := len(nonEmpty) - 1; k >= 0 && k >= len(nonEmpty)-3; k-- {
		if try(nonEmpty[k], true) {
			return at, n
		}
	}
	for k := 0; k < len(nonEmpty) && k < 3; k++ {
		if try(nonEmpty[k], true) {
			return at, n
		}
	}
	for _, j := range nonEmpty {
		if try(j, false) {
			return at, n
		}
	}
	return -1, 0
}

// interpolate fills the pages between two stamps when the numbers agree
// with the distance between them, and the pages after the last stamp: the
// stamp of a blank or landscape page is often lost, never skipped.
func interpolate(printed []int) {
	last := -1
	for i, n := range printed {
		if n == 0 {
			continue
		}
		if last >= 0 && n-printed[last] == i-last {
			for k := last + 1; k < i; k++ {
				printed[k] = printed[last] + k - last
			}
		}
		last = i
	}
	if last >= 0 {
		for k := last + 1; k < len(printed); k++ {
			printed[k] = printed[last] + k - last
		}
	}
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// --- the file name ---------------------------------------------------------

// fileFacts is what a ModernGov file name says.
type fileFacts struct {
	label           string // "Public reports pack", "Item 3 Supplement - …"
	kind            docs.Kind
	title           string
	item            string // "3" of "Item 3 Supplement"
	date, time      string
	committee       string
	modernGovSuffix bool
}

var (
	nameTail = regexp.MustCompile(`(?i)^(.*?)\s*\b(\d{1,2})(?:st|nd|rd|th)?-([a-z]{3})-(\d{4})\s+(\d{1,2})[.:](\d{2})\s+(.+)$`)
	nameItem = regexp.MustCompile(`(?i)^item\s+(\d{1,3}[a-z]?)\b`)
)

func parseFileName(fileName string) fileFacts {
	base := filepath.Base(strings.ReplaceAll(fileName, `\`, "/"))
	base = strings.TrimSuffix(base, filepath.Ext(base))
	base = strings.Join(strings.Fields(strings.ReplaceAll(base, "_", " ")), " ")
	var n fileFacts
	n.label = base
	if m := nameTail.FindStringSubmatch(base); m != nil {
		if t, err := time.Parse("2 Jan 2006", m[2]+" "+m[3]+" "+m[4]); err == nil {
			n.label, n.date, n.committee, n.modernGovSuffix = m[1], t.Format("2006-01-02"), m[7], true
			if h, mm := atoi(m[5]), atoi(m[6]); h < 24 && mm < 60 {
				n.time = fmt.Sprintf("%02d:%02d", h, mm)
			}
		}
	}
	low := strings.ToLower(n.label)
	if m := nameItem.FindStringSubmatch(n.label); m != nil {
		n.item = strings.ToLower(m[1])
	}
	switch {
	case strings.Contains(low, "supplement"):
		n.kind = docs.KindSupplement
	case strings.Contains(low, "printed minutes"), strings.HasPrefix(low, "minutes"), n.modernGovSuffix && strings.Contains(low, "minutes"):
		n.kind, n.title = docs.KindMinutes, "Minutes"
	case strings.Contains(low, "reports pack"):
		n.kind, n.title = docs.KindAgenda, "Reports pack"
	case strings.Contains(low, "agenda frontsheet"), strings.Contains(low, "agenda front sheet"):
		n.kind, n.title = docs.KindAgenda, "Agenda frontsheet"
	case n.modernGovSuffix && strings.HasPrefix(low, "decision"):
		n.kind, n.title = docs.KindOther, "Decisions"
	}
	return n
}

// --- kind and title -------------------------------------------------------

var (
	minutesHead = regexp.MustCompile(`(?i)^(?:printed\s+)?minutes\b|\bminutes of (?:a|the) (?:\w+ )?meeting\b|^cofnodion\b`)
	agendaHead  = regexp.MustCompile(`(?i)^(?:agenda|agenda frontsheet|public reports pack|rhaglen)$`)
	suppHead    = regexp.MustCompile(`(?i)^(?:public\s+)?supplement(?:ary)?\b(?:\s+(?:pack|agenda|papers|information|document pack|\d+))?\s*$|^pecyn atodol`)
	letterHead  = regexp.MustCompile(`(?i)^dear (?:member|councillor|sir|madam)`)
	reportHead  = regexp.MustCompile(`(?i)^(?:subject|report (?:of|to|by|from)|report title|purpose of (?:the )?report|appendix\s+\w+)\b`)
)

// firstContentPage is the first page that is not blank.
func (d *reading) firstContentPage() int {
	for i, p := range d.pages {
		if !p.Blank {
			return i
		}
	}
	return 0
}

func (d *reading) kind(name fileFacts) docs.Kind {
	first := d.firstContentPage()
	top := d.linesOf(first, 14)
	docPack := false
	for _, l := range top {
		low := strings.ToLower(l.text)
		switch {
		case suppHead.MatchString(l.text) && len(strings.Fields(l.text)) <= 8:
			return docs.KindSupplement
		case agendaHead.MatchString(l.text) || agendaHead.MatchString(l.cells[0]):
			return docs.KindAgenda
		case minutesHead.MatchString(l.text):
			if name.kind == docs.KindSupplement || name.kind == docs.KindAgenda {
				return name.kind
			}
			return docs.KindMinutes
		case low == "public document pack" || low == "notice of meeting" || low == "summons":
			// ModernGov heads every published pack so; minutes too, at
			// some councils, hence only a hint.
			docPack = true
		}
	}
	letter := false
	for _, l := range d.linesOf(first, 40) {
		letter = letter || letterHead.MatchString(l.text)
	}
	switch {
	case name.kind != "":
		return name.kind
	case letter:
		// "Dear Member, I am now able to enclose…": the covering letter of a
		// supplementary pack.
		return docs.KindSupplement
	case docPack:
		return docs.KindAgenda
	case len(d.itemAt) > first && d.itemAt[first] >= 0:
		return docs.KindReport
	}
	for _, l := range top {
		if reportHead.MatchString(l.text) {
			return docs.KindReport
		}
	}
	if len(d.agendaItemsOn(first, first+2)) >= 2 {
		return docs.KindAgenda
	}
	return docs.KindOther
}

// linesOf returns up to n non-empty lines of page i, stamps left out.
func (d *reading) linesOf(i, n int) []textLine {
	var out []textLine
	if i >= len(d.pages) {
		return nil
	}
	for j, l := range d.lines[i] {
		if l.text == "" || j == d.printedAt[i] || j == d.itemAt[i] {
			continue
		}
		out = append(out, l)
		if len(out) == n {
			break
		}
	}
	return out
}

// title gives a stable title: it is part of the document's identity with
// committee, date and kind, so a republished pack must get the same one.
func (d *reading) title(a docs.Agenda, name fileFacts) string {
	switch a.Kind {
	case docs.KindMinutes:
		return "Minutes"
	case docs.KindAgenda:
		if name.title != "" && name.kind == docs.KindAgenda {
			return name.title
		}
		for i := range d.pages {
			if d.itemAt[i] >= 0 {
				return "Reports pack"
			}
		}
		return "Agenda frontsheet"
	case docs.KindSupplement:
		var nums []string
		for _, it := range a.Items {
			nums = append(nums, it.Number)
		}
		if len(nums) == 0 && name.item != "" {
			nums = []string{name.item}
		}
		switch len(nums) {
		case 0:
			return "Supplement"
		case 1:
			return "Supplement: item " + nums[0]
		}
		return "Supplement: items " + strings.Join(nums, ", ")
	}
	if t := d.heading(); t != "" {
		if r := []rune(t); len(r) > 200 {
			t = strings.TrimSpace(string(r[:200]))
		}
		return t
	}
	return name.label // "" when there is neither text nor a file name
}

var (
	subjectLine = regexp.MustCompile(`(?i)^(?:subject|report title|title of report)\s*:\s*(.*)$`)
	hostLine    = regexp.MustCompile(`^(?:[A-Z][\p{L}'’-]+\s+){1,3}(?:County\s+|County\s+Borough\s+|Borough\s+|City\s+|District\s+|Town\s+|Community\s+)?Council$|^Cyngor\b`)
	skipTitle   = regexp.MustCompile(`(?i)^(?:from|to|by|date|decision no|key decision|classification|report of|report to|report by|report author|author|contact|page \d+)\b`)
)

// heading finds a report's title: its "Subject:" or the first line of the
// first page that is not a stamp, the council, the committee or a date.
func (d *reading) heading() string {
	first := d.firstContentPage()
	lines := d.paragraphLines(first, 60)
	for k, l := range lines {
		if m := subjectLine.FindStringSubmatch(l.text); m != nil {
			parts := []string{strings.TrimSpace(m[1])}
			if len(l.cells) > 1 {
				parts = []string{strings.Join(l.cells[1:], " ")}
			}
			for _, c := range lines[k+1:] {
				if c.text == "" || strings.Contains(c.text, ":") {
					break
				}
				parts = append(parts, c.text)
			}
			if t := strings.TrimSpace(strings.Join(parts, " ")); t != "" {
				return t
			}
		}
	}
	for k := 0; k < len(lines); k++ {
		l := lines[k]
		if l.text == "" || hostLine.MatchString(l.text) || skipTitle.MatchString(l.text) ||
			isCommitteeLine(l.text) || dateOnly(l.text) || itemStamp.MatchString(l.text) || looksWelsh(l.text) {
			continue
		}
		// A heading wrapped over lines goes on with a small word or a
		// lower-case letter.
		parts := []string{l.cells[0]}
		for _, c := range lines[k+1:] {
			if c.text == "" || len(parts) == 3 || len(c.cells) > 1 || len(l.cells) > 1 || !wrapped(parts[len(parts)-1], c.text) {
				break
			}
			parts = append(parts, c.text)
		}
		return strings.TrimRight(strings.Join(parts, " "), " .:")
	}
	return ""
}

// wrapped guesses whether next continues line: line ends in a small word,
// a hyphen or a comma, or next starts in lower case.
func wrapped(line, next string) bool {
	f := strings.Fields(line)
	if len(f) == 0 {
		return false
	}
	lastWord := strings.ToLower(f[len(f)-1])
	r := []rune(next)
	return smallWords[lastWord] || strings.HasSuffix(line, "-") || strings.HasSuffix(line, ",") ||
		strings.HasSuffix(line, "&") || unicode.IsLower(r[0])
}

// paragraphLines returns page i's lines, stamps dropped, blank lines kept
// (collapsed), at most n of them.
func (d *reading) paragraphLines(i, n int) []textLine {
	var out []textLine
	if i >= len(d.pages) {
		return nil
	}
	for j, l := range d.lines[i] {
		if j == d.printedAt[i] || j == d.itemAt[i] {
			continue
		}
		if l.text == "" && (len(out) == 0 || out[len(out)-1].text == "") {
			continue
		}
		out = append(out, l)
		if len(out) == n {
			break
		}
	}
	return out
}

// --- dates and times ---------------------------------------------------------

var monthNames = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6, "gorffennaf": 7, "awst": 8,
	"medi": 9, "hydref": 10, "tachwedd": 11, "rhagfyr": 12,
}

const weekdayPattern = `(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|dydd\s+(?:llun|mawrth|mercher|iau|gwener|sadwrn|sul))`

var (
	dateWords = regexp.MustCompile(`(?i)\b(` + weekdayPattern + `\.?,?\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th|af|ain|ed|fed|ydd|eg)?\s+(?:of\s+)?(january|february|march|april|may|june|july|august|september|october|november|december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec|ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr)\.?,?\s+(\d{4})\b`)
	dateNum   = regexp.MustCompile(`(?i)\b(` + weekdayPattern + `,?\s+)?(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b`)
	time12h   = regexp.MustCompile(`(?i)\b(\d{1,2})(?:[.:](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?:\W|$)|\b(12)(?:[.:]00)?\s*(noon|midday)\b|\b(noon|midday)\b`)
	time24h   = regexp.MustCompile(`(?i)(?:^|\b(?:time|amser|at)\s*:?\s*)(\d{1,2})[:.](\d{2})(?:\s*(?:hrs|hours))?\b`)
	dateLabel = regexp.MustCompile(`(?i)\b(?:date of (?:publication|issue|despatch|dispatch)|published|publication|despatch|dispatched|issued|dated|date|circulated|printed|dyddiad)\b\s*:?`)
)

// foundDate is a date found in a line.
type foundDate struct {
	iso     string
	weekday bool
	at      int // byte offset in the line
}

// findDates returns the dates a line mentions.
func findDates(s string) []foundDate {
	var out []foundDate
	for _, m := range dateWords.FindAllStringSubmatchIndex(s, -1) {
		day := atoi(s[m[4]:m[5]])
		mon := monthNames[strings.ToLower(s[m[6]:m[7]])]
		year := atoi(s[m[8]:m[9]])
		if iso := isoDate(year, mon, day); iso != "" {
			out = append(out, foundDate{iso: iso, weekday: m[2] >= 0, at: m[0]})
		}
	}
	for _, m := range dateNum.FindAllStringSubmatchIndex(s, -1) {
		day, mon, year := atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]])
		if iso := isoDate(year, time.Month(mon), day); iso != "" {
			out = append(out, foundDate{iso: iso, weekday: m[2] >= 0, at: m[0]})
		}
	}
	return out
}

func isoDate(year int, mon time.Month, day int) string {
	if year < 1900 || year > 2200 || mon < 1 || mon > 12 || day < 1 {
		return ""
	}
	t := time.Date(year, mon, day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return ""
	}
	return t.Format("2006-01-02")
}

// findTime returns the first time of day in s as "hh:mm", or "".
func findTime(s string) string {
	if m := time12h.FindStringSubmatch(s); m != nil {
		switch {
		case m[6] != "" || m[4] != "":
			return "12:00"
		}
		h, mm := atoi(m[1]), 0
		if m[2] != "" {
			mm = atoi(m[2])
		}
		pm := strings.HasPrefix(strings.ToLower(m[3]), "p")
		if h < 1 || h > 12 || mm > 59 {
			return ""
		}
		if pm && h != 12 {
			h += 12
		}
		if !pm && h == 12 {
			h = 0
		}
		return fmt.Sprintf("%02d:%02d", h, mm)
	}
	if m := time24h.FindStringSubmatch(s); m != nil {
		h, mm := atoi(m[1]), atoi(m[2])
		if h < 24 && mm < 60 {
			return fmt.Sprintf("%02d:%02d", h, mm)
		}
	}
	return ""
}

// dateOnly reports whether a line is nothing but a date (and a weekday).
func dateOnly(s string) bool {
	ds := findDates(s)
	if len(ds) != 1 {
		return false
	}
	rest := dateWords.ReplaceAllString(s, "")
	rest = dateNum.ReplaceAllString(rest, "")
	return strings.Trim(rest, " ,.-–") == ""
}

// --- committee names ----------------------------------------------------------

var (
	committeeWord = regexp.MustCompile(`(?i)\b(?:panel|committee|sub-committee|cabinet|board|forum|commission|partnership|scrutiny|council|executive|assembly|authority|working group|task group)$`)
	welshWords    = regexp.MustCompile(`(?i)\b(?:heddlu|throseddu|pwyllgor|cyngor|dydd|cyfarfod|gwasanaethau|siambr|neuadd|lleoliad|swyddog|rhaglen|cofnodion|ffôn|e-bost|atodol|pecyn|gweithredwr|caerfyrddin|sir)\b`)
	smallWords    = map[string]bool{"and": true, "of": true, "the": true, "for": true, "on": true, "in": true, "a": true, "an": true, "to": true, "with": true, "at": true, "by": true}
)

// looksWelsh reports whether a line is the Welsh twin of a bilingual heading.
func looksWelsh(s string) bool { return welshWords.MatchString(s) }

// isCommitteeLine reports whether a line looks like a committee's name:
// short, ending in Panel, Committee, Cabinet…, not the host council's name.
func isCommitteeLine(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(strings.Fields(s)) > 9 || looksWelsh(s) || strings.ContainsAny(s, ":@") {
		return false
	}
	if !committeeWord.MatchString(s) {
		return false
	}
	return !hostCouncil(s)
}

// hostCouncil tells "Kent County Council" (the host) from "County Council"
// (the full council as a committee).
func hostCouncil(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 || !strings.EqualFold(f[len(f)-1], "council") {
		return false
	}
	switch strings.ToLower(f[0]) {
	case "county", "full", "the", "borough", "city", "district", "town", "community":
		return false
	}
	return true
}

// committeeName tidies a committee name: "the" dropped, capitals of a
// heading set in upper case brought to title case.
func committeeName(s string) string {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), ".,:;–-"))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "the "), "The ")
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if i > 0 && smallWords[w] {
			continue
		}
		parts := strings.Split(w, "-")
		for k, p := range parts {
			parts[k] = upperFirst(p)
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// --- front sheet facts ----------------------------------------------------------

var (
	letterCommittee = regexp.MustCompile(`(?i)^(.{3,80}?)\s+[-–—]\s+` + weekdayPattern + `\b`)
	meetingOf       = regexp.MustCompile(`(?i)\bmeeting of (?:the\s+)?(.+?)\s+(?:held|to be held|on|at|in)\b`)
	toLine          = regexp.MustCompile(`(?i)^to:\s*(.+?)\s*(?:[-–—,]\s*)?(?:` + weekdayPattern + `,?\s*)?\d{1,2}(?:st|nd|rd|th)?\s+\w+,?\s+\d{4}`)
	venueLabel      = regexp.MustCompile(`(?i)^(?:venue|location|place|where|meeting venue|lleoliad)\s*:\s*(.*)$`)
	venueWords      = regexp.MustCompile(`(?i)\b(?:chamber|hall|room|house|centre|center|offices|civic|virtual|remote|multi-location|hybrid|teams|zoom|library|headquarters|building|suite|pavilion|siambr|neuadd)\b`)
	officerLabel    = regexp.MustCompile(`(?i)\b(ask for|contact officer|contact|enquiries to|enquiries|democratic services officer|committee officer|clerk|direct dial/ext|direct dial|direct line|telephone|tel\.?(?: no\.?)?|phone|ffôn|e-mail|email|e-bost)\s*:`)
	emailPattern    = regexp.MustCompile(`[\w.+'-]+@[\w-]+(?:\.[\w-]+)+`)
	phonePattern    = regexp.MustCompile(`(?:\+44\s?\(?0?\)?\s?|\b0)\d[\d ]{7,12}\d\b`)
	nameEnd         = regexp.MustCompile(`(?i)\s{2,}|[,;(]|\s+(?:tel|telephone|phone|e-?mail|on|at)\b|\s+\d`)
	personName      = regexp.MustCompile(`^(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\.?\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}$`)
)

// frontFacts reads the committee, date, time, venue and officer from the
// front sheet (the first page with text, and the next when it says more).
func (d *reading) frontFacts(a *docs.Agenda) {
	first := d.firstContentPage()
	lines := d.paragraphLines(first, 200)
	if first+1 < len(d.pages) && d.itemAt[first+1] < 0 && !d.pages[first+1].Blank {
		lines = append(lines, d.paragraphLines(first+1, 200)...)
	}
	// Columns of a front sheet run into each other ("…at 3.00 pm Ask for:
	// Georgina Little"): split each line at the officer's labels.
	lines = joinEmails(lines)
	var left []textLine
	var right []string
	for _, l := range lines {
		t := l.text
		if loc := officerLabel.FindStringIndex(t); loc != nil {
			right = append(right, t[loc[0]:])
			t = strings.TrimSpace(t[:loc[0]])
		}
		nl := textLine{page: l.page, text: t}
		if t != "" {
			nl.cells = cellSep.Split(t, -1)
		}
		left = append(left, nl)
	}
	itemStart := d.firstItemLine(left)
	a.Committee = findCommittee(left, itemStart)
	a.Date, a.Time = findMeetingDate(left, itemStart)
	a.Venue = findVenue(left, itemStart)
	a.Officer = findOfficer(right, lines)
}

// firstItemLine is the index of the first line of the agenda list, or len.
func (d *reading) firstItemLine(lines []textLine) int {
	for k, l := range lines {
		if _, _, ok := itemLine(l); ok {
			return k
		}
		if strings.EqualFold(l.text, "agenda item no") || strings.EqualFold(l.text, "agenda item") {
			return k
		}
	}
	return len(lines)
}

var committeeLabel = regexp.MustCompile(`(?i)^(?:meeting|committee|name of (?:meeting|committee)|meeting of)\s*:\s*(.+)$`)

func findCommittee(lines []textLine, end int) string {
	for _, l := range lines {
		if m := committeeLabel.FindStringSubmatch(l.text); m != nil {
			v := m[1]
			if len(l.cells) > 1 {
				v = l.cells[1]
			}
			return committeeName(v)
		}
	}
	for k, l := range lines {
		if m := letterCommittee.FindStringSubmatch(l.text); m != nil && k < end {
			return committeeName(m[1])
		}
	}
	for k, l := range lines {
		if k >= end {
			break
		}
		if m := meetingOf.FindStringSubmatch(l.text); m != nil && committeeWord.MatchString(m[1]) {
			return committeeName(m[1])
		}
	}
	for k, l := range lines {
		if k >= end {
			break
		}
		for _, c := range l.cells {
			c = strings.TrimSpace(dateWords.ReplaceAllString(c, ""))
			c = strings.Trim(c, " ,–-")
			if isCommitteeLine(c) {
				return committeeName(c)
			}
		}
	}
	return ""
}

// findMeetingDate picks the meeting's date among the front sheet's dates:
// the one with a time beside it and a weekday, not the date of publication
// at the foot, not a date inside an item's title.
func findMeetingDate(lines []textLine, itemStart int) (date, clock string) {
	best, bestScore, bestLine := "", -100, -1
	for k, l := range lines {
		for _, dt := range findDates(l.text) {
			score := 0
			if dt.weekday {
				score += 3
			}
			if findTime(l.text[dt.at:]) != "" {
				score += 4
			} else {
				for n := k + 1; n < len(lines) && n <= k+2; n++ {
					if findTime(lines[n].text) != "" && len(findDates(lines[n].text)) == 0 {
						score += 3
						break
					}
				}
			}
			if loc := dateLabel.FindStringIndex(l.text); loc != nil && loc[0] < dt.at {
				score -= 6
			}
			if k >= itemStart {
				score -= 5
			}
			if looksWelsh(l.text) {
				score--
			}
			if score > bestScore {
				best, bestScore, bestLine = dt.iso, score, k
			}
		}
	}
	if bestLine < 0 {
		return "", ""
	}
	for k := bestLine; k < len(lines) && k <= bestLine+3; k++ {
		t := lines[k].text
		if k == bestLine {
			if ds := findDates(t); len(ds) > 0 {
				t = t[ds[0].at:]
			}
		}
		if c := findTime(t); c != "" {
			return best, c
		}
	}
	return best, ""
}

func findVenue(lines []textLine, end int) string {
	for k, l := range lines {
		if m := venueLabel.FindStringSubmatch(l.text); m != nil {
			v := strings.TrimSpace(m[1])
			if len(l.cells) > 1 {
				v = strings.Join(l.cells[1:], ", ")
			}
			if v == "" && k+1 < len(lines) {
				v = lines[k+1].text
			}
			if v != "" && !looksWelsh(l.text) {
				return tidyVenue(v)
			}
		}
	}
	// No label: the address lines after the date, as Kent prints them.
	for k, l := range lines {
		if k >= end {
			break
		}
		if !venueWords.MatchString(l.text) || looksWelsh(l.text) || strings.HasPrefix(l.text, "(") ||
			isCommitteeLine(l.text) || hostCouncil(l.text) || len(findDates(l.text)) > 0 || len(strings.Fields(l.text)) > 14 {
			continue
		}
		parts := []string{leftColumn(l)}
		for _, n := range lines[k+1 : min(end, k+4)] {
			if n.text == "" || !strings.HasSuffix(strings.TrimSpace(parts[len(parts)-1]), ",") {
				break
			}
			parts = append(parts, leftColumn(n))
		}
		return tidyVenue(strings.Join(parts, " "))
	}
	return ""
}

// contactLabel starts the contact column that front sheets print beside
// the venue.
var contactLabel = regexp.MustCompile(`(?i)\b(?:telephone|tel|phone|e-?mail|ask for|contact|enquiries)\b\s*:`)

// leftColumn is a line's text left of a contact column. Justified text
// spreads a venue's words with gaps as wide as a column's ("Council   Chamber,
// Sessions   House"), so the cells are joined and cut at the contact label
// rather than taken one by one.
func leftColumn(l textLine) string {
	s := strings.Join(l.cells, " ")
	if loc := contactLabel.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	return strings.TrimSpace(s)
}

func tidyVenue(v string) string {
	v = strings.Join(strings.Fields(v), " ")
	v = strings.TrimPrefix(strings.TrimPrefix(v, "the "), "The ")
	return strings.Trim(v, " ,.;")
}

// findOfficer reads the contact block: name, telephone and e-mail.
func findOfficer(right []string, all []textLine) *docs.Officer {
	var o docs.Officer
	rs := right
	for k, r := range rs {
		loc := officerLabel.FindStringSubmatchIndex(r)
		if loc == nil {
			continue
		}
		label := strings.ToLower(r[loc[2]:loc[3]])
		val := strings.TrimSpace(r[loc[1]:])
		if next := officerLabel.FindStringIndex(val); next != nil && next[0] == 0 {
			// "Telephone: Tel: 03000 414043"
			val = strings.TrimSpace(val[next[1]:])
		}
		if val == "" && k+1 < len(rs) && officerLabel.FindStringIndex(rs[k+1]) == nil {
			val = strings.TrimSpace(rs[k+1])
		}
		// "Contact: Joe Bloggs, 01234 567890, joe.bloggs@…" gives all three.
		if o.Email == "" {
			o.Email = emailPattern.FindString(val)
		}
		if o.Phone == "" && !strings.Contains(label, "mail") && label != "e-bost" {
			o.Phone = strings.TrimSpace(phonePattern.FindString(val))
		}
		if o.Name == "" && !strings.Contains(label, "mail") && label != "e-bost" {
			n := strings.TrimSpace(nameEnd.Split(val, 2)[0])
			if personName.MatchString(n) && !looksWelsh(n) {
				o.Name = n
			}
		}
	}
	if o.Email == "" {
		for _, l := range all {
			if e := emailPattern.FindString(l.text); e != "" {
				o.Email = e
				break
			}
		}
	}
	if o == (docs.Officer{}) {
		return nil
	}
	return &o
}

var emailStart = regexp.MustCompile(`[\w.+'-]+@[\w-]+(?:\.[\w-]+)*$`)

// joinEmails mends an e-mail address that a narrow column broke over two
// lines ("georgina.little@kent" / ".gov.uk").
func joinEmails(lines []textLine) []textLine {
	out := make([]textLine, 0, len(lines))
	for k := 0; k < len(lines); k++ {
		l := lines[k]
		if emailStart.MatchString(l.text) && k+1 < len(lines) && strings.HasPrefix(lines[k+1].text, ".") {
			l.text += lines[k+1].text
			l.cells = cellSep.Split(l.text, -1)
			k++
		}
		out = append(out, l)
	}
	return out
}

// --- the agenda list -----------------------------------------------------------

var (
	itemNum    = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2}|[a-z]|\([a-z]\))?)(\.?)(?:\s+|$)(.*)$`)
	rangeParen = regexp.MustCompile(`(?i)\s*\(\s*pages?\s+(\d{1,4})(?:\s*(?:-|–|to)\s*(\d{1,4}))?\s*\)`)
	rangeCell  = regexp.MustCompile(`^(?:pages?\s+)?(\d{1,4})(?:\s*(?:-|–|to)\s*(\d{1,4}))?$`)
)

// itemLine reads "3.  Title  5 - 10" or "3   Title (Pages 5 - 10)".
func itemLine(l textLine) (num, rest string, ok bool) {
	if len(l.cells) == 0 {
		return "", "", false
	}
	m := itemNum.FindStringSubmatch(l.text)
	if m == nil {
		return "", "", false
	}
	rest = strings.TrimSpace(m[3])
	// A number needs a dot or a table's gap after it: "2 Members of…" in a
	// sentence is not an item.
	spaced := len(l.cells) > 1 && l.cells[0] == m[1]
	sub := strings.ContainsAny(m[1], ".(") || unicode.IsLetter(rune(m[1][len(m[1])-1]))
	if m[2] == "" && !spaced && !sub {
		return "", "", false
	}
	if rest == "" || !unicode.IsUpper([]rune(rest)[0]) && !unicode.IsDigit([]rune(rest)[0]) {
		return "", "", false
	}
	num = strings.NewReplacer("(", "", ")", "").Replace(strings.ToLower(m[1]))
	return num, rest, true
}

// agendaItems reads the numbered list of the front matter: the pages before
// the first report.
func (d *reading) agendaItems() []docs.AgendaItem {
	end := len(d.pages)
	for i := range d.pages {
		if d.itemAt[i] >= 0 {
			end = i
			break
		}
	}
	first := d.firstContentPage()
	return d.agendaItemsOn(first, min(end, first+6))
}

func (d *reading) agendaItemsOn(from, to int) []docs.AgendaItem {
	var items []docs.AgendaItem
	var cur *docs.AgendaItem
	var title []string
	flush := func() {
		if cur == nil {
			return
		}
		t := strings.Join(title, " ")
		if m := rangeParen.FindStringSubmatch(t); m != nil {
			cur.PrintedFirst, cur.PrintedLast = pageRange(m[1], m[2])
			t = rangeParen.ReplaceAllString(t, "")
		}
		cur.Title = strings.TrimSpace(strings.Trim(strings.Join(strings.Fields(t), " "), " -–"))
		if cur.Title != "" {
			items = append(items, *cur)
		}
		cur, title = nil, nil
	}
	lastMain := -1
	for i := from; i < to && i < len(d.pages); i++ {
		for j, l := range d.lines[i] {
			if j == d.printedAt[i] || j == d.itemAt[i] {
				continue
			}
			if l.text == "" {
				flush() // a title never runs past a blank line
				continue
			}
			if num, rest, ok := itemLine(l); ok {
				main := atoi(strings.TrimRightFunc(strings.SplitN(num, ".", 2)[0], unicode.IsLetter))
				if main >= lastMain && main > 0 && (main > lastMain || num != strconv.Itoa(main)) {
					flush()
					lastMain = main
					cur = &docs.AgendaItem{Number: num}
					title = titleCells(cellSep.Split(rest, -1), cur)
					continue
				}
			}
			if cur != nil && titleGoesOn(title, l.text) {
				title = append(title, titleCells(l.cells, cur)...)
				continue
			}
			flush()
		}
		flush()
	}
	return items
}

// titleGoesOn tells a wrapped title's next line from a description
// printed under the title ("To receive the report of…"): a title goes on
// after a long line, a small word or a comma, into a line in lower case or
// one in capitals like the title; never past its "(Pages 5 - 10)".
func titleGoesOn(title []string, next string) bool {
	if len(title) == 0 || rangeParen.MatchString(strings.Join(title, " ")) {
		return false
	}
	prev := title[len(title)-1]
	if wrapped(prev, next) || len([]rune(prev)) >= 55 || rangeParen.MatchString(next) {
		return true
	}
	return MostlyUpper(title[0]) && mostlyUpperOrDigits(next)
}

// titleCells returns a line's title text and takes a "5 - 10" cell, when
// there is one, as the item's printed range.
func titleCells(cells []string, it *docs.AgendaItem) []string {
	if len(cells) > 1 {
		if m := rangeCell.FindStringSubmatch(strings.ToLower(cells[len(cells)-1])); m != nil && it.PrintedFirst == 0 {
			it.PrintedFirst, it.PrintedLast = pageRange(m[1], m[2])
			cells = cells[:len(cells)-1]
		}
	}
	return []string{strings.Join(cells, " ")}
}

func pageRange(a, b string) (int, int) {
	f := atoi(a)
	l := f
	if b != "" {
		l = atoi(b)
	}
	if l < f {
		l = f
	}
	return f, l
}

// mergeStampedItems adds the items whose "Agenda Item N" stamp is in the
// document but not in its list (a supplement without a list, a report).
func (d *reading) mergeStampedItems(items []docs.AgendaItem, kind docs.Kind) []docs.AgendaItem {
	if kind == docs.KindMinutes {
		return items
	}
	have := map[string]bool{}
	for _, it := range items {
		have[it.Number] = true
	}
	for _, n := range d.itemStamp {
		if n == "" || have[n] {
			continue
		}
		have[n] = true
		it := docs.AgendaItem{Number: n}
		if kind == docs.KindReport || kind == docs.KindOther {
			it.Title = d.heading()
		}
		items = append(items, it)
	}
	return items
}

// placeItems finds each item's PDF pages: its "Agenda Item N" stamp, or the
// page stamped with the first page of its printed range; an item runs until
// the page before the next item's first page.
func (d *reading) placeItems(items []docs.AgendaItem) {
	byPrinted := map[string]int{}
	for i, p := range d.pages {
		if p.Printed != "" {
			if _, dup := byPrinted[p.Printed]; !dup {
				byPrinted[p.Printed] = i + 1
			}
		}
	}
	stamped := map[string]int{}
	for i, n := range d.itemStamp {
		if n != "" {
			if _, dup := stamped[n]; !dup {
				stamped[n] = i + 1
			}
		}
	}
	for k := range items {
		it := &items[k]
		if p, ok := stamped[it.Number]; ok {
			it.First = p
		} else if it.PrintedFirst > 0 {
			it.First = byPrinted[strconv.Itoa(it.PrintedFirst)]
		}
	}
	setLasts(items, len(d.pages), nil)
}

// setLasts ends each placed item where the next placed item starts: on the
// page before, or on that page when midPage says the next one starts
// part-way down it.
func setLasts(items []docs.AgendaItem, nPages int, midPage map[int]bool) {
	var order []int
	for k := range items {
		if items[k].First > 0 {
			order = append(order, k)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return items[order[a]].First < items[order[b]].First })
	for o, k := range order {
		items[k].Last = nPages
		if o+1 < len(order) {
			n := order[o+1]
			last := items[n].First - 1
			if midPage[n] {
				last = items[n].First
			}
			items[k].Last = max(items[k].First, last)
		}
	}
}

// itemOf is the first item whose pages include page n.
func (d *reading) itemOf(items []docs.AgendaItem, n int) string {
	for _, it := range items {
		if it.First > 0 && it.First <= n && n <= it.Last {
			return it.Number
		}
	}
	return ""
}

// --- minutes ------------------------------------------------------------------

var (
	heldOn     = regexp.MustCompile(`(?i)\bheld\b(.*)`)
	heldIn     = regexp.MustCompile(`(?i)\bheld\s+(?:in|at)\s+(?:the\s+)?(.+?)(?:\s+on\b|\.\s*$|,?\s+` + weekdayPattern + `\b|$)`)
	minuteItem = regexp.MustCompile(`(?i)^\(\s*item\s+(\d{1,3}(?:\.\d{1,2}|[a-z])?)\s*\)$`)
)

// minutesFacts reads the meeting the minutes record: "Minutes of the
// meeting of the Cabinet held in the Council Chamber… on Thursday, 30
// January 2025".
func (d *reading) minutesFacts(a *docs.Agenda) {
	first := d.firstContentPage()
	lines := d.paragraphLines(first, 40)
	end := len(lines)
	for k, l := range lines {
		if _, _, ok := itemLine(l); ok || minuteItem.MatchString(l.text) {
			end = k
			break
		}
	}
	// The sentence naming the meeting may wrap: read the heading paragraph
	// as one string.
	var head []string
	for _, l := range lines[:end] {
		if strings.HasPrefix(strings.ToUpper(l.text), "PRESENT") {
			break
		}
		head = append(head, l.text)
	}
	text := strings.Join(head, " ")
	if m := heldIn.FindStringSubmatch(text); m != nil && venueWords.MatchString(m[1]) {
		a.Venue = tidyVenue(m[1])
	}
	if m := heldOn.FindStringSubmatch(text); m != nil {
		if ds := findDates(m[1]); len(ds) > 0 {
			a.Date = ds[0].iso
		}
	}
	if a.Date == "" {
		for _, l := range lines[:end] {
			if ds := findDates(l.text); len(ds) > 0 {
				a.Date = ds[0].iso
				break
			}
		}
	}
	if m := meetingOf.FindStringSubmatch(text); m != nil && committeeWord.MatchString(m[1]) {
		a.Committee = committeeName(m[1])
	}
	if a.Committee == "" {
		a.Committee = findCommittee(lines[:end], end)
	}
	for _, l := range lines[:end] {
		if m := venueLabel.FindStringSubmatch(l.text); m != nil && a.Venue == "" {
			v := m[1]
			if len(l.cells) > 1 {
				v = strings.Join(l.cells[1:], ", ")
			}
			a.Venue = tidyVenue(v)
		}
		if c := findTime(l.text); c != "" && a.Time == "" {
			a.Time = c
		}
	}
}

// minutesItems reads the minutes' items: headings followed by "(Item N)",
// as Kent prints them, or numbered headings in capitals.
func (d *reading) minutesItems() []docs.AgendaItem {
	var items []docs.AgendaItem
	mid := map[int]bool{} // items whose heading is not at the top of its page
	d.minuteHeads = map[[2]int]string{}
	add := func(it docs.AgendaItem, top bool, at textLine) {
		mid[len(items)] = !top
		items = append(items, it)
		d.minuteHeads[[2]int{at.page, at.idx}] = it.Number
	}
	// "(Item N)" lines name the agenda item of the heading above them.
	for i := range d.pages {
		lines := d.paragraphLines(i, 1<<20)
		for k, l := range lines {
			m := minuteItem.FindStringSubmatch(l.text)
			if m == nil {
				continue
			}
			b := k
			for b > 0 && lines[b-1].text != "" {
				b--
			}
			var title []string
			for _, t := range lines[b:k] {
				title = append(title, t.text)
			}
			t := strings.Join(title, " ")
			if mm := itemNum.FindStringSubmatch(t); mm != nil && mm[2] == "." {
				t = mm[3] // drop the minute number: "84.  Apologies"
			}
			top := true
			for _, p := range lines[:b] {
				top = top && p.text == ""
			}
			first := i + 1
			if b == k && i > 0 {
				// "(Item 4)" at the top of a page: its heading ended the page before.
				t, top, first = d.lastParagraph(i-1), false, i
			}
			add(docs.AgendaItem{Number: strings.ToLower(m[1]), Title: strings.Join(strings.Fields(t), " "), First: first}, top, l)
		}
	}
	if len(items) > 0 {
		setLasts(items, len(d.pages), mid)
		return items
	}
	// Otherwise numbered headings in capitals, numbered one after another.
	last := 0
	for i := range d.pages {
		lines := d.paragraphLines(i, 1<<20)
		for k := 0; k < len(lines); k++ {
			l := lines[k]
			num, rest, ok := itemLine(l)
			main := atoi(num)
			if !ok || !MostlyUpper(rest) || strings.Contains(num, ".") || (last != 0 && main != last+1) {
				continue
			}
			last = main
			title := []string{strings.Join(cellSep.Split(rest, -1), " ")}
			for k+1 < len(lines) && lines[k+1].text != "" && mostlyUpperOrDigits(lines[k+1].text) {
				k++
				title = append(title, lines[k].text)
			}
			top := true
			for _, p := range lines[:max(0, k-len(title)+1)] {
				top = top && p.text == ""
			}
			add(docs.AgendaItem{Number: num, Title: strings.Join(title, " "), First: i + 1}, top, l)
		}
	}
	setLasts(items, len(d.pages), mid)
	return items
}

// lastParagraph returns the last paragraph of page i, a bare page number
// left out.
func (d *reading) lastParagraph(i int) string {
	lines := d.paragraphLines(i, 1<<20)
	var out []string
	for k := len(lines) - 1; k >= 0; k-- {
		t := lines[k].text
		if t == "" {
			if len(out) > 0 {
				break
			}
			continue
		}
		if bareNumber.MatchString(t) && len(out) == 0 {
			continue
		}
		out = append([]string{t}, out...)
	}
	return strings.Join(out, " ")
}

var bareNumber = regexp.MustCompile(`^\d{1,4}$`)

// mostlyUpperOrDigits is true of a heading's wrapped line: "2022/23",
// "COMMISSIONER".
func mostlyUpperOrDigits(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return MostlyUpper(s)
		}
	}
	return true
}

func MostlyUpper(s string) bool {
	up, low := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			up++
		case unicode.IsLower(r):
			low++
		}
	}
	return up > 0 && low*5 <= up
}

// --- reports -------------------------------------------------------------------

// reportFacts reads what a single report says of its meeting: "To: Cabinet -
// 30 January 2025", or the committee and date lines at its head.
func (d *reading) reportFacts(a *docs.Agenda) {
	first := d.firstContentPage()
	lines := d.linesOf(first, 30)
	for _, l := range lines {
		if m := toLine.FindStringSubmatch(l.text); m != nil {
			a.Committee = committeeName(m[1])
			if ds := findDates(l.text); len(ds) > 0 {
				a.Date = ds[0].iso
			}
			return
		}
	}
	for k, l := range lines {
		if k > 8 {
			break
		}
		if a.Committee == "" && isCommitteeLine(l.text) {
			a.Committee = committeeName(l.text)
		}
		if a.Date == "" && dateOnly(l.text) {
			a.Date = findDates(l.text)[0].iso
		}
	}
}

// --- questions -------------------------------------------------------------------

var (
	questionFrom = regexp.MustCompile(`(?i)^(?:[\d.()a-z]{1,6}\s+)?(?:supplementary\s+)?question(?:\s+(?:no\.?\s*)?\d+)?\s+(?:from|by)\s+(.+?)\s*:?\s*$`)
	responseFrom = regexp.MustCompile(`(?i)^(?:[\d.()a-z]{1,6}\s+)?(?:response|answer|reply)(?:\s+(?:from|by)\s+.+?)?\s*:\s*(.*)$`)
	askerTail    = regexp.MustCompile(`(?i)\s+to\s+(?:the\s+)?(?:police|commissioner|chair|leader|cabinet|mr|mrs|ms|dr|councillor|cllr)\b.*$`)
)

// questions collects "Question from …" blocks, their text, and the
// "Response from …" that follows them in minutes.
func (d *reading) questions() []docs.Question {
	var out []docs.Question
	var q *docs.Question
	var buf *[]string
	var qText, rText []string
	flush := func() {
		if q != nil {
			q.Text = joinParagraphs(qText)
			q.Response = joinParagraphs(rText)
			if q.Text != "" {
				out = append(out, *q)
			}
		}
		q, buf, qText, rText = nil, nil, nil, nil
	}
	item := ""
	for i := range d.pages {
		if d.pages[i].Blank {
			continue
		}
		if d.minuteHeads == nil {
			item = d.pages[i].Item
		}
		if d.itemAt[i] >= 0 && q != nil && item != q.Item {
			flush()
		}
		for j, l := range d.lines[i] {
			if j == d.printedAt[i] || j == d.itemAt[i] || bareNumber.MatchString(l.text) {
				continue
			}
			if n, ok := d.minuteHeads[[2]int{i, j}]; ok {
				item = n
			}
			t := l.text
			if m := questionFrom.FindStringSubmatch(t); m != nil && len(m[1]) < 120 {
				flush()
				asker := askerTail.ReplaceAllString(m[1], "")
				q = &docs.Question{Asker: strings.TrimRight(strings.TrimSpace(asker), ":,."), Item: item, Page: i + 1}
				buf = &qText
				continue
			}
			if q == nil {
				continue
			}
			if m := responseFrom.FindStringSubmatch(t); m != nil && len(t) < 160 {
				buf = &rText
				if m[1] != "" {
					rText = append(rText, m[1])
				}
				continue
			}
			if endsQuestion(l) {
				flush()
				continue
			}
			*buf = append(*buf, t)
		}
	}
	flush()
	return out
}

// endsQuestion reports whether a line starts something else: a numbered
// heading in capitals, or a heading line in capitals.
func endsQuestion(l textLine) bool {
	if _, rest, ok := itemLine(l); ok && MostlyUpper(rest) {
		return true
	}
	if minuteItem.MatchString(l.text) || itemStamp.MatchString(l.text) {
		return true
	}
	f := strings.Fields(l.text)
	return len(f) >= 2 && len(f) <= 12 && MostlyUpper(l.text) && !strings.ContainsAny(l.text, "?.")
}

// joinParagraphs joins lines with spaces, a hyphen at a line's end with
// nothing, and paragraphs (separated by "") with a blank line.
func joinParagraphs(lines []string) string {
	var paras []string
	var cur strings.Builder
	for _, l := range lines {
		if l == "" {
			if cur.Len() > 0 {
				paras = append(paras, cur.String())
				cur.Reset()
			}
			continue
		}
		if cur.Len() > 0 {
			s := cur.String()
			if !(strings.HasSuffix(s, "-") && len(s) > 1 && unicode.IsLetter(rune(s[len(s)-2]))) {
				cur.WriteByte(' ')
			}
		}
		cur.WriteString(l)
	}
	if cur.Len() > 0 {
		paras = append(paras, cur.String())
	}
	return strings.Join(paras, "\n\n")
}
