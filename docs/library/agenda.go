package library

import (
	"fmt"
	"panelpapers/docs"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
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
	d := newAgDoc(pages)
	d.markPages()
	name := agParseFileName(fileName)

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

// agLine is one line of a page, trimmed, with its cells.
type agLine struct {
	page  int // index of the page
	idx   int // index of the line in its page
	text  string
	cells []string
}

type agDoc struct {
	pages []docs.Page
	lines [][]agLine
	// stamp lines per page: index of the "Page N" line and of the
	// "Agenda Item N" line, -1 when there is none.
	printedAt, itemAt []int
	itemStamp         []string
	// minuteHeads maps the page and line of each minutes heading to its
	// item, so that a question is filed under the item it is minuted in.
	minuteHeads map[[2]int]string
}

var agCellSep = regexp.MustCompile(`\s{2,}`)

func newAgDoc(pages []docs.Page) *agDoc {
	d := &agDoc{pages: pages}
	d.lines = make([][]agLine, len(pages))
	d.printedAt = make([]int, len(pages))
	d.itemAt = make([]int, len(pages))
	d.itemStamp = make([]string, len(pages))
	for i, p := range pages {
		for j, raw := range strings.Split(p.Text, "\n") {
			t := strings.TrimSpace(strings.ReplaceAll(raw, "\t", "  "))
			l := agLine{page: i, idx: j, text: t}
			if t != "" {
				l.cells = agCellSep.Split(t, -1)
			}
			d.lines[i] = append(d.lines[i], l)
		}
	}
	return d
}

var (
	agPageStamp = regexp.MustCompile(`(?i)^page\s+(\d{1,4})$`)
	agItemStamp = regexp.MustCompile(`(?i)^agenda\s+item\s+(\d{1,3}(?:\.\d{1,2}|[a-z])?)\.?$`)
	agLetters   = regexp.MustCompile(`[^\p{L}]+`)
	agBlankText = regexp.MustCompile(`^(?:this page (?:is |has been )?)?(?:intentionally (?:been )?left|left intentionally) blank$`)
)

// markPages finds the stamps, fills Printed (interpolating pages whose stamp
// the extractor missed) and Blank.
func (d *agDoc) markPages() {
	printed := make([]int, len(d.pages))
	for i := range d.pages {
		d.printedAt[i], d.itemAt[i] = -1, -1
		lines := d.lines[i]
		d.printedAt[i], printed[i] = agFindPageStamp(lines)
		for j, l := range lines {
			if m := agItemStamp.FindStringSubmatch(l.text); m != nil {
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
			body := strings.TrimSpace(agLetters.ReplaceAllString(strings.ToLower(strings.Join(rest, " ")), " "))
			d.pages[i].Blank = d.pages[i].Blank || agBlankText.MatchString(body)
		}
	}
	agInterpolate(printed)
	for i, n := range printed {
		d.pages[i].Printed = ""
		if n > 0 {
			d.pages[i].Printed = strconv.Itoa(n)
		}
	}
}

// agFindPageStamp looks for a "Page N" line: first among the last and first
// few lines, where ModernGov puts it, then anywhere (a stamp on a landscape
// page comes out part-way down). "Page 3 of 10" is a report's own footer,
// not the pack's stamp, and is ignored.
func agFindPageStamp(lines []agLine) (at, n int) {
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
			if m := agPageStamp.FindStringSubmatch(c); m != nil {
				at, n = j, agAtoi(m[1])
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

// agInterpolate fills the pages between two stamps when the numbers agree
// with the distance between them, and the pages after the last stamp: the
// stamp of a blank or landscape page is often lost, never skipped.
func agInterpolate(printed []int) {
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

func agAtoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// --- the file name ---------------------------------------------------------

// agName is what a ModernGov file name says.
type agName struct {
	label           string // "Public reports pack", "Item 3 Supplement - …"
	kind            docs.Kind
	title           string
	item            string // "3" of "Item 3 Supplement"
	date, time      string
	committee       string
	modernGovSuffix bool
}

var (
	agNameTail = regexp.MustCompile(`(?i)^(.*?)\s*\b(\d{1,2})(?:st|nd|rd|th)?-([a-z]{3})-(\d{4})\s+(\d{1,2})[.:](\d{2})\s+(.+)$`)
	agNameItem = regexp.MustCompile(`(?i)^item\s+(\d{1,3}[a-z]?)\b`)
)

func agParseFileName(fileName string) agName {
	base := filepath.Base(strings.ReplaceAll(fileName, `\`, "/"))
	base = strings.TrimSuffix(base, filepath.Ext(base))
	base = strings.Join(strings.Fields(strings.ReplaceAll(base, "_", " ")), " ")
	var n agName
	n.label = base
	if m := agNameTail.FindStringSubmatch(base); m != nil {
		if t, err := time.Parse("2 Jan 2006", m[2]+" "+m[3]+" "+m[4]); err == nil {
			n.label, n.date, n.committee, n.modernGovSuffix = m[1], t.Format("2006-01-02"), m[7], true
			if h, mm := agAtoi(m[5]), agAtoi(m[6]); h < 24 && mm < 60 {
				n.time = fmt.Sprintf("%02d:%02d", h, mm)
			}
		}
	}
	low := strings.ToLower(n.label)
	if m := agNameItem.FindStringSubmatch(n.label); m != nil {
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
	agMinutesHead = regexp.MustCompile(`(?i)^(?:printed\s+)?minutes\b|\bminutes of (?:a|the) (?:\w+ )?meeting\b|^cofnodion\b`)
	agAgendaHead  = regexp.MustCompile(`(?i)^(?:agenda|agenda frontsheet|public reports pack|rhaglen)$`)
	agSuppHead    = regexp.MustCompile(`(?i)^(?:public\s+)?supplement(?:ary)?\b(?:\s+(?:pack|agenda|papers|information|document pack|\d+))?\s*$|^pecyn atodol`)
	agLetterHead  = regexp.MustCompile(`(?i)^dear (?:member|councillor|sir|madam)`)
	agReportHead  = regexp.MustCompile(`(?i)^(?:subject|report (?:of|to|by|from)|report title|purpose of (?:the )?report|appendix\s+\w+)\b`)
)

// firstContentPage is the first page that is not blank.
func (d *agDoc) firstContentPage() int {
	for i, p := range d.pages {
		if !p.Blank {
			return i
		}
	}
	return 0
}

func (d *agDoc) kind(name agName) docs.Kind {
	first := d.firstContentPage()
	top := d.linesOf(first, 14)
	docPack := false
	for _, l := range top {
		low := strings.ToLower(l.text)
		switch {
		case agSuppHead.MatchString(l.text) && len(strings.Fields(l.text)) <= 8:
			return docs.KindSupplement
		case agAgendaHead.MatchString(l.text) || agAgendaHead.MatchString(l.cells[0]):
			return docs.KindAgenda
		case agMinutesHead.MatchString(l.text):
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
		letter = letter || agLetterHead.MatchString(l.text)
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
		if agReportHead.MatchString(l.text) {
			return docs.KindReport
		}
	}
	if len(d.agendaItemsOn(first, first+2)) >= 2 {
		return docs.KindAgenda
	}
	return docs.KindOther
}

// linesOf returns up to n non-empty lines of page i, stamps left out.
func (d *agDoc) linesOf(i, n int) []agLine {
	var out []agLine
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
func (d *agDoc) title(a docs.Agenda, name agName) string {
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
	agSubject   = regexp.MustCompile(`(?i)^(?:subject|report title|title of report)\s*:\s*(.*)$`)
	agHostLine  = regexp.MustCompile(`^(?:[A-Z][\p{L}'’-]+\s+){1,3}(?:County\s+|County\s+Borough\s+|Borough\s+|City\s+|District\s+|Town\s+|Community\s+)?Council$|^Cyngor\b`)
	agSkipTitle = regexp.MustCompile(`(?i)^(?:from|to|by|date|decision no|key decision|classification|report of|report to|report by|report author|author|contact|page \d+)\b`)
)

// heading finds a report's title: its "Subject:" or the first line of the
// first page that is not a stamp, the council, the committee or a date.
func (d *agDoc) heading() string {
	first := d.firstContentPage()
	lines := d.paragraphLines(first, 60)
	for k, l := range lines {
		if m := agSubject.FindStringSubmatch(l.text); m != nil {
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
		if l.text == "" || agHostLine.MatchString(l.text) || agSkipTitle.MatchString(l.text) ||
			agIsCommitteeLine(l.text) || agDateOnly(l.text) || agItemStamp.MatchString(l.text) || agWelsh(l.text) {
			continue
		}
		// A heading wrapped over lines goes on with a small word or a
		// lower-case letter.
		parts := []string{l.cells[0]}
		for _, c := range lines[k+1:] {
			if c.text == "" || len(parts) == 3 || len(c.cells) > 1 || len(l.cells) > 1 || !agWrapped(parts[len(parts)-1], c.text) {
				break
			}
			parts = append(parts, c.text)
		}
		return strings.TrimRight(strings.Join(parts, " "), " .:")
	}
	return ""
}

// agWrapped guesses whether next continues line: line ends in a small word,
// a hyphen or a comma, or next starts in lower case.
func agWrapped(line, next string) bool {
	f := strings.Fields(line)
	if len(f) == 0 {
		return false
	}
	lastWord := strings.ToLower(f[len(f)-1])
	r := []rune(next)
	return agSmallWords[lastWord] || strings.HasSuffix(line, "-") || strings.HasSuffix(line, ",") ||
		strings.HasSuffix(line, "&") || unicode.IsLower(r[0])
}

// paragraphLines returns page i's lines, stamps dropped, blank lines kept
// (collapsed), at most n of them.
func (d *agDoc) paragraphLines(i, n int) []agLine {
	var out []agLine
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

var agMonths = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6, "gorffennaf": 7, "awst": 8,
	"medi": 9, "hydref": 10, "tachwedd": 11, "rhagfyr": 12,
}

const agWeekday = `(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|dydd\s+(?:llun|mawrth|mercher|iau|gwener|sadwrn|sul))`

var (
	agDateWords = regexp.MustCompile(`(?i)\b(` + agWeekday + `\.?,?\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th|af|ain|ed|fed|ydd|eg)?\s+(?:of\s+)?(january|february|march|april|may|june|july|august|september|october|november|december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec|ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr)\.?,?\s+(\d{4})\b`)
	agDateNum   = regexp.MustCompile(`(?i)\b(` + agWeekday + `,?\s+)?(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b`)
	agTime12    = regexp.MustCompile(`(?i)\b(\d{1,2})(?:[.:](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?:\W|$)|\b(12)(?:[.:]00)?\s*(noon|midday)\b|\b(noon|midday)\b`)
	agTime24    = regexp.MustCompile(`(?i)(?:^|\b(?:time|amser|at)\s*:?\s*)(\d{1,2})[:.](\d{2})(?:\s*(?:hrs|hours))?\b`)
	agDateLabel = regexp.MustCompile(`(?i)\b(?:date of (?:publication|issue|despatch|dispatch)|published|publication|despatch|dispatched|issued|dated|date|circulated|printed|dyddiad)\b\s*:?`)
)

// agDate is a date found in a line.
type agDate struct {
	iso     string
	weekday bool
	at      int // byte offset in the line
}

// agFindDates returns the dates a line mentions.
func agFindDates(s string) []agDate {
	var out []agDate
	for _, m := range agDateWords.FindAllStringSubmatchIndex(s, -1) {
		day := agAtoi(s[m[4]:m[5]])
		mon := agMonths[strings.ToLower(s[m[6]:m[7]])]
		year := agAtoi(s[m[8]:m[9]])
		if iso := agISO(year, mon, day); iso != "" {
			out = append(out, agDate{iso: iso, weekday: m[2] >= 0, at: m[0]})
		}
	}
	for _, m := range agDateNum.FindAllStringSubmatchIndex(s, -1) {
		day, mon, year := agAtoi(s[m[4]:m[5]]), agAtoi(s[m[6]:m[7]]), agAtoi(s[m[8]:m[9]])
		if iso := agISO(year, time.Month(mon), day); iso != "" {
			out = append(out, agDate{iso: iso, weekday: m[2] >= 0, at: m[0]})
		}
	}
	return out
}

func agISO(year int, mon time.Month, day int) string {
	if year < 1900 || year > 2200 || mon < 1 || mon > 12 || day < 1 {
		return ""
	}
	t := time.Date(year, mon, day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return ""
	}
	return t.Format("2006-01-02")
}

// agFindTime returns the first time of day in s as "hh:mm", or "".
func agFindTime(s string) string {
	if m := agTime12.FindStringSubmatch(s); m != nil {
		switch {
		case m[6] != "" || m[4] != "":
			return "12:00"
		}
		h, mm := agAtoi(m[1]), 0
		if m[2] != "" {
			mm = agAtoi(m[2])
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
	if m := agTime24.FindStringSubmatch(s); m != nil {
		h, mm := agAtoi(m[1]), agAtoi(m[2])
		if h < 24 && mm < 60 {
			return fmt.Sprintf("%02d:%02d", h, mm)
		}
	}
	return ""
}

// agDateOnly reports whether a line is nothing but a date (and a weekday).
func agDateOnly(s string) bool {
	ds := agFindDates(s)
	if len(ds) != 1 {
		return false
	}
	rest := agDateWords.ReplaceAllString(s, "")
	rest = agDateNum.ReplaceAllString(rest, "")
	return strings.Trim(rest, " ,.-–") == ""
}

// --- committee names ----------------------------------------------------------

var (
	agCommitteeWord = regexp.MustCompile(`(?i)\b(?:panel|committee|sub-committee|cabinet|board|forum|commission|partnership|scrutiny|council|executive|assembly|authority|working group|task group)$`)
	agWelshWords    = regexp.MustCompile(`(?i)\b(?:heddlu|throseddu|pwyllgor|cyngor|dydd|cyfarfod|gwasanaethau|siambr|neuadd|lleoliad|swyddog|rhaglen|cofnodion|ffôn|e-bost|atodol|pecyn|gweithredwr|caerfyrddin|sir)\b`)
	agSmallWords    = map[string]bool{"and": true, "of": true, "the": true, "for": true, "on": true, "in": true, "a": true, "an": true, "to": true, "with": true, "at": true, "by": true}
)

// agWelsh reports whether a line is the Welsh twin of a bilingual heading.
func agWelsh(s string) bool { return agWelshWords.MatchString(s) }

// agIsCommitteeLine reports whether a line looks like a committee's name:
// short, ending in Panel, Committee, Cabinet…, not the host council's name.
func agIsCommitteeLine(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(strings.Fields(s)) > 9 || agWelsh(s) || strings.ContainsAny(s, ":@") {
		return false
	}
	if !agCommitteeWord.MatchString(s) {
		return false
	}
	return !agHostCouncil(s)
}

// agHostCouncil tells "Kent County Council" (the host) from "County Council"
// (the full council as a committee).
func agHostCouncil(s string) bool {
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

// agCommitteeName tidies a committee name: "the" dropped, capitals of a
// heading set in upper case brought to title case.
func agCommitteeName(s string) string {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), ".,:;–-"))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "the "), "The ")
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if i > 0 && agSmallWords[w] {
			continue
		}
		parts := strings.Split(w, "-")
		for k, p := range parts {
			parts[k] = agUpperFirst(p)
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

func agUpperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// --- front sheet facts ----------------------------------------------------------

var (
	agLetterCommittee = regexp.MustCompile(`(?i)^(.{3,80}?)\s+[-–—]\s+` + agWeekday + `\b`)
	agMeetingOf       = regexp.MustCompile(`(?i)\bmeeting of (?:the\s+)?(.+?)\s+(?:held|to be held|on|at|in)\b`)
	agToLine          = regexp.MustCompile(`(?i)^to:\s*(.+?)\s*(?:[-–—,]\s*)?(?:` + agWeekday + `,?\s*)?\d{1,2}(?:st|nd|rd|th)?\s+\w+,?\s+\d{4}`)
	agVenueLabel      = regexp.MustCompile(`(?i)^(?:venue|location|place|where|meeting venue|lleoliad)\s*:\s*(.*)$`)
	agVenueWords      = regexp.MustCompile(`(?i)\b(?:chamber|hall|room|house|centre|center|offices|civic|virtual|remote|multi-location|hybrid|teams|zoom|library|headquarters|building|suite|pavilion|siambr|neuadd)\b`)
	agOfficerLabel    = regexp.MustCompile(`(?i)\b(ask for|contact officer|contact|enquiries to|enquiries|democratic services officer|committee officer|clerk|direct dial/ext|direct dial|direct line|telephone|tel\.?(?: no\.?)?|phone|ffôn|e-mail|email|e-bost)\s*:`)
	agEmail           = regexp.MustCompile(`[\w.+'-]+@[\w-]+(?:\.[\w-]+)+`)
	agPhone           = regexp.MustCompile(`(?:\+44\s?\(?0?\)?\s?|\b0)\d[\d ]{7,12}\d\b`)
	agNameEnd         = regexp.MustCompile(`(?i)\s{2,}|[,;(]|\s+(?:tel|telephone|phone|e-?mail|on|at)\b|\s+\d`)
	agPersonName      = regexp.MustCompile(`^(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\.?\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}$`)
)

// frontFacts reads the committee, date, time, venue and officer from the
// front sheet (the first page with text, and the next when it says more).
func (d *agDoc) frontFacts(a *docs.Agenda) {
	first := d.firstContentPage()
	lines := d.paragraphLines(first, 200)
	if first+1 < len(d.pages) && d.itemAt[first+1] < 0 && !d.pages[first+1].Blank {
		lines = append(lines, d.paragraphLines(first+1, 200)...)
	}
	// Columns of a front sheet run into each other ("…at 3.00 pm Ask for:
	// Georgina Little"): split each line at the officer's labels.
	lines = agJoinEmails(lines)
	var left []agLine
	var right []string
	for _, l := range lines {
		t := l.text
		if loc := agOfficerLabel.FindStringIndex(t); loc != nil {
			right = append(right, t[loc[0]:])
			t = strings.TrimSpace(t[:loc[0]])
		}
		nl := agLine{page: l.page, text: t}
		if t != "" {
			nl.cells = agCellSep.Split(t, -1)
		}
		left = append(left, nl)
	}
	itemStart := d.firstItemLine(left)
	a.Committee = agFindCommittee(left, itemStart)
	a.Date, a.Time = agFindMeetingDate(left, itemStart)
	a.Venue = agFindVenue(left, itemStart)
	a.Officer = agFindOfficer(right, lines)
}

// firstItemLine is the index of the first line of the agenda list, or len.
func (d *agDoc) firstItemLine(lines []agLine) int {
	for k, l := range lines {
		if _, _, ok := agItemLine(l); ok {
			return k
		}
		if strings.EqualFold(l.text, "agenda item no") || strings.EqualFold(l.text, "agenda item") {
			return k
		}
	}
	return len(lines)
}

var agCommitteeLabel = regexp.MustCompile(`(?i)^(?:meeting|committee|name of (?:meeting|committee)|meeting of)\s*:\s*(.+)$`)

func agFindCommittee(lines []agLine, end int) string {
	for _, l := range lines {
		if m := agCommitteeLabel.FindStringSubmatch(l.text); m != nil {
			v := m[1]
			if len(l.cells) > 1 {
				v = l.cells[1]
			}
			return agCommitteeName(v)
		}
	}
	for k, l := range lines {
		if m := agLetterCommittee.FindStringSubmatch(l.text); m != nil && k < end {
			return agCommitteeName(m[1])
		}
	}
	for k, l := range lines {
		if k >= end {
			break
		}
		if m := agMeetingOf.FindStringSubmatch(l.text); m != nil && agCommitteeWord.MatchString(m[1]) {
			return agCommitteeName(m[1])
		}
	}
	for k, l := range lines {
		if k >= end {
			break
		}
		for _, c := range l.cells {
			c = strings.TrimSpace(agDateWords.ReplaceAllString(c, ""))
			c = strings.Trim(c, " ,–-")
			if agIsCommitteeLine(c) {
				return agCommitteeName(c)
			}
		}
	}
	return ""
}

// agFindMeetingDate picks the meeting's date among the front sheet's dates:
// the one with a time beside it and a weekday, not the date of publication
// at the foot, not a date inside an item's title.
func agFindMeetingDate(lines []agLine, itemStart int) (date, clock string) {
	best, bestScore, bestLine := "", -100, -1
	for k, l := range lines {
		for _, dt := range agFindDates(l.text) {
			score := 0
			if dt.weekday {
				score += 3
			}
			if agFindTime(l.text[dt.at:]) != "" {
				score += 4
			} else {
				for n := k + 1; n < len(lines) && n <= k+2; n++ {
					if agFindTime(lines[n].text) != "" && len(agFindDates(lines[n].text)) == 0 {
						score += 3
						break
					}
				}
			}
			if loc := agDateLabel.FindStringIndex(l.text); loc != nil && loc[0] < dt.at {
				score -= 6
			}
			if k >= itemStart {
				score -= 5
			}
			if agWelsh(l.text) {
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
			if ds := agFindDates(t); len(ds) > 0 {
				t = t[ds[0].at:]
			}
		}
		if c := agFindTime(t); c != "" {
			return best, c
		}
	}
	return best, ""
}

func agFindVenue(lines []agLine, end int) string {
	for k, l := range lines {
		if m := agVenueLabel.FindStringSubmatch(l.text); m != nil {
			v := strings.TrimSpace(m[1])
			if len(l.cells) > 1 {
				v = strings.Join(l.cells[1:], ", ")
			}
			if v == "" && k+1 < len(lines) {
				v = lines[k+1].text
			}
			if v != "" && !agWelsh(l.text) {
				return agTidyVenue(v)
			}
		}
	}
	// No label: the address lines after the date, as Kent prints them.
	for k, l := range lines {
		if k >= end {
			break
		}
		if !agVenueWords.MatchString(l.text) || agWelsh(l.text) || strings.HasPrefix(l.text, "(") ||
			agIsCommitteeLine(l.text) || agHostCouncil(l.text) || len(agFindDates(l.text)) > 0 || len(strings.Fields(l.text)) > 14 {
			continue
		}
		parts := []string{agLeftColumn(l)}
		for _, n := range lines[k+1 : min(end, k+4)] {
			if n.text == "" || !strings.HasSuffix(strings.TrimSpace(parts[len(parts)-1]), ",") {
				break
			}
			parts = append(parts, agLeftColumn(n))
		}
		return agTidyVenue(strings.Join(parts, " "))
	}
	return ""
}

// agContactLabel starts the contact column that front sheets print beside
// the venue.
var agContactLabel = regexp.MustCompile(`(?i)\b(?:telephone|tel|phone|e-?mail|ask for|contact|enquiries)\b\s*:`)

// agLeftColumn is a line's text left of a contact column. Justified text
// spreads a venue's words with gaps as wide as a column's ("Council   Chamber,
// Sessions   House"), so the cells are joined and cut at the contact label
// rather than taken one by one.
func agLeftColumn(l agLine) string {
	s := strings.Join(l.cells, " ")
	if loc := agContactLabel.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	return strings.TrimSpace(s)
}

func agTidyVenue(v string) string {
	v = strings.Join(strings.Fields(v), " ")
	v = strings.TrimPrefix(strings.TrimPrefix(v, "the "), "The ")
	return strings.Trim(v, " ,.;")
}

// agFindOfficer reads the contact block: name, telephone and e-mail.
func agFindOfficer(right []string, all []agLine) *docs.Officer {
	var o docs.Officer
	rs := right
	for k, r := range rs {
		loc := agOfficerLabel.FindStringSubmatchIndex(r)
		if loc == nil {
			continue
		}
		label := strings.ToLower(r[loc[2]:loc[3]])
		val := strings.TrimSpace(r[loc[1]:])
		if next := agOfficerLabel.FindStringIndex(val); next != nil && next[0] == 0 {
			// "Telephone: Tel: 03000 414043"
			val = strings.TrimSpace(val[next[1]:])
		}
		if val == "" && k+1 < len(rs) && agOfficerLabel.FindStringIndex(rs[k+1]) == nil {
			val = strings.TrimSpace(rs[k+1])
		}
		// "Contact: Joe Bloggs, 01234 567890, joe.bloggs@…" gives all three.
		if o.Email == "" {
			o.Email = agEmail.FindString(val)
		}
		if o.Phone == "" && !strings.Contains(label, "mail") && label != "e-bost" {
			o.Phone = strings.TrimSpace(agPhone.FindString(val))
		}
		if o.Name == "" && !strings.Contains(label, "mail") && label != "e-bost" {
			n := strings.TrimSpace(agNameEnd.Split(val, 2)[0])
			if agPersonName.MatchString(n) && !agWelsh(n) {
				o.Name = n
			}
		}
	}
	if o.Email == "" {
		for _, l := range all {
			if e := agEmail.FindString(l.text); e != "" {
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

var agEmailStart = regexp.MustCompile(`[\w.+'-]+@[\w-]+(?:\.[\w-]+)*$`)

// agJoinEmails mends an e-mail address that a narrow column broke over two
// lines ("georgina.little@kent" / ".gov.uk").
func agJoinEmails(lines []agLine) []agLine {
	out := make([]agLine, 0, len(lines))
	for k := 0; k < len(lines); k++ {
		l := lines[k]
		if agEmailStart.MatchString(l.text) && k+1 < len(lines) && strings.HasPrefix(lines[k+1].text, ".") {
			l.text += lines[k+1].text
			l.cells = agCellSep.Split(l.text, -1)
			k++
		}
		out = append(out, l)
	}
	return out
}

// --- the agenda list -----------------------------------------------------------

var (
	agItemNum    = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2}|[a-z]|\([a-z]\))?)(\.?)(?:\s+|$)(.*)$`)
	agRangeParen = regexp.MustCompile(`(?i)\s*\(\s*pages?\s+(\d{1,4})(?:\s*(?:-|–|to)\s*(\d{1,4}))?\s*\)`)
	agRangeCell  = regexp.MustCompile(`^(?:pages?\s+)?(\d{1,4})(?:\s*(?:-|–|to)\s*(\d{1,4}))?$`)
)

// agItemLine reads "3.  Title  5 - 10" or "3   Title (Pages 5 - 10)".
func agItemLine(l agLine) (num, rest string, ok bool) {
	if len(l.cells) == 0 {
		return "", "", false
	}
	m := agItemNum.FindStringSubmatch(l.text)
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
func (d *agDoc) agendaItems() []docs.AgendaItem {
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

func (d *agDoc) agendaItemsOn(from, to int) []docs.AgendaItem {
	var items []docs.AgendaItem
	var cur *docs.AgendaItem
	var title []string
	flush := func() {
		if cur == nil {
			return
		}
		t := strings.Join(title, " ")
		if m := agRangeParen.FindStringSubmatch(t); m != nil {
			cur.PrintedFirst, cur.PrintedLast = agRange(m[1], m[2])
			t = agRangeParen.ReplaceAllString(t, "")
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
			if num, rest, ok := agItemLine(l); ok {
				main := agAtoi(strings.TrimRightFunc(strings.SplitN(num, ".", 2)[0], unicode.IsLetter))
				if main >= lastMain && main > 0 && (main > lastMain || num != strconv.Itoa(main)) {
					flush()
					lastMain = main
					cur = &docs.AgendaItem{Number: num}
					title = agTitleCells(agCellSep.Split(rest, -1), cur)
					continue
				}
			}
			if cur != nil && agTitleGoesOn(title, l.text) {
				title = append(title, agTitleCells(l.cells, cur)...)
				continue
			}
			flush()
		}
		flush()
	}
	return items
}

// agTitleGoesOn tells a wrapped title's next line from a description
// printed under the title ("To receive the report of…"): a title goes on
// after a long line, a small word or a comma, into a line in lower case or
// one in capitals like the title; never past its "(Pages 5 - 10)".
func agTitleGoesOn(title []string, next string) bool {
	if len(title) == 0 || agRangeParen.MatchString(strings.Join(title, " ")) {
		return false
	}
	prev := title[len(title)-1]
	if agWrapped(prev, next) || len([]rune(prev)) >= 55 || agRangeParen.MatchString(next) {
		return true
	}
	return agMostlyUpper(title[0]) && agMostlyUpperOrDigits(next)
}

// agTitleCells returns a line's title text and takes a "5 - 10" cell, when
// there is one, as the item's printed range.
func agTitleCells(cells []string, it *docs.AgendaItem) []string {
	if len(cells) > 1 {
		if m := agRangeCell.FindStringSubmatch(strings.ToLower(cells[len(cells)-1])); m != nil && it.PrintedFirst == 0 {
			it.PrintedFirst, it.PrintedLast = agRange(m[1], m[2])
			cells = cells[:len(cells)-1]
		}
	}
	return []string{strings.Join(cells, " ")}
}

func agRange(a, b string) (int, int) {
	f := agAtoi(a)
	l := f
	if b != "" {
		l = agAtoi(b)
	}
	if l < f {
		l = f
	}
	return f, l
}

// mergeStampedItems adds the items whose "Agenda Item N" stamp is in the
// document but not in its list (a supplement without a list, a report).
func (d *agDoc) mergeStampedItems(items []docs.AgendaItem, kind docs.Kind) []docs.AgendaItem {
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
func (d *agDoc) placeItems(items []docs.AgendaItem) {
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
	agSetLasts(items, len(d.pages), nil)
}

// agSetLasts ends each placed item where the next placed item starts: on the
// page before, or on that page when midPage says the next one starts
// part-way down it.
func agSetLasts(items []docs.AgendaItem, nPages int, midPage map[int]bool) {
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
func (d *agDoc) itemOf(items []docs.AgendaItem, n int) string {
	for _, it := range items {
		if it.First > 0 && it.First <= n && n <= it.Last {
			return it.Number
		}
	}
	return ""
}

// --- minutes ------------------------------------------------------------------

var (
	agHeldOn     = regexp.MustCompile(`(?i)\bheld\b(.*)`)
	agHeldIn     = regexp.MustCompile(`(?i)\bheld\s+(?:in|at)\s+(?:the\s+)?(.+?)(?:\s+on\b|\.\s*$|,?\s+` + agWeekday + `\b|$)`)
	agMinuteItem = regexp.MustCompile(`(?i)^\(\s*item\s+(\d{1,3}(?:\.\d{1,2}|[a-z])?)\s*\)$`)
)

// minutesFacts reads the meeting the minutes record: "Minutes of the
// meeting of the Cabinet held in the Council Chamber… on Thursday, 30
// January 2025".
func (d *agDoc) minutesFacts(a *docs.Agenda) {
	first := d.firstContentPage()
	lines := d.paragraphLines(first, 40)
	end := len(lines)
	for k, l := range lines {
		if _, _, ok := agItemLine(l); ok || agMinuteItem.MatchString(l.text) {
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
	if m := agHeldIn.FindStringSubmatch(text); m != nil && agVenueWords.MatchString(m[1]) {
		a.Venue = agTidyVenue(m[1])
	}
	if m := agHeldOn.FindStringSubmatch(text); m != nil {
		if ds := agFindDates(m[1]); len(ds) > 0 {
			a.Date = ds[0].iso
		}
	}
	if a.Date == "" {
		for _, l := range lines[:end] {
			if ds := agFindDates(l.text); len(ds) > 0 {
				a.Date = ds[0].iso
				break
			}
		}
	}
	if m := agMeetingOf.FindStringSubmatch(text); m != nil && agCommitteeWord.MatchString(m[1]) {
		a.Committee = agCommitteeName(m[1])
	}
	if a.Committee == "" {
		a.Committee = agFindCommittee(lines[:end], end)
	}
	for _, l := range lines[:end] {
		if m := agVenueLabel.FindStringSubmatch(l.text); m != nil && a.Venue == "" {
			v := m[1]
			if len(l.cells) > 1 {
				v = strings.Join(l.cells[1:], ", ")
			}
			a.Venue = agTidyVenue(v)
		}
		if c := agFindTime(l.text); c != "" && a.Time == "" {
			a.Time = c
		}
	}
}

// minutesItems reads the minutes' items: headings followed by "(Item N)",
// as Kent prints them, or numbered headings in capitals.
func (d *agDoc) minutesItems() []docs.AgendaItem {
	var items []docs.AgendaItem
	mid := map[int]bool{} // items whose heading is not at the top of its page
	d.minuteHeads = map[[2]int]string{}
	add := func(it docs.AgendaItem, top bool, at agLine) {
		mid[len(items)] = !top
		items = append(items, it)
		d.minuteHeads[[2]int{at.page, at.idx}] = it.Number
	}
	// "(Item N)" lines name the agenda item of the heading above them.
	for i := range d.pages {
		lines := d.paragraphLines(i, 1<<20)
		for k, l := range lines {
			m := agMinuteItem.FindStringSubmatch(l.text)
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
			if mm := agItemNum.FindStringSubmatch(t); mm != nil && mm[2] == "." {
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
		agSetLasts(items, len(d.pages), mid)
		return items
	}
	// Otherwise numbered headings in capitals, numbered one after another.
	last := 0
	for i := range d.pages {
		lines := d.paragraphLines(i, 1<<20)
		for k := 0; k < len(lines); k++ {
			l := lines[k]
			num, rest, ok := agItemLine(l)
			main := agAtoi(num)
			if !ok || !agMostlyUpper(rest) || strings.Contains(num, ".") || (last != 0 && main != last+1) {
				continue
			}
			last = main
			title := []string{strings.Join(agCellSep.Split(rest, -1), " ")}
			for k+1 < len(lines) && lines[k+1].text != "" && agMostlyUpperOrDigits(lines[k+1].text) {
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
	agSetLasts(items, len(d.pages), mid)
	return items
}

// lastParagraph returns the last paragraph of page i, a bare page number
// left out.
func (d *agDoc) lastParagraph(i int) string {
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
		if agBareNumber.MatchString(t) && len(out) == 0 {
			continue
		}
		out = append([]string{t}, out...)
	}
	return strings.Join(out, " ")
}

var agBareNumber = regexp.MustCompile(`^\d{1,4}$`)

// agMostlyUpperOrDigits is true of a heading's wrapped line: "2022/23",
// "COMMISSIONER".
func agMostlyUpperOrDigits(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return agMostlyUpper(s)
		}
	}
	return true
}

func agMostlyUpper(s string) bool {
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
func (d *agDoc) reportFacts(a *docs.Agenda) {
	first := d.firstContentPage()
	lines := d.linesOf(first, 30)
	for _, l := range lines {
		if m := agToLine.FindStringSubmatch(l.text); m != nil {
			a.Committee = agCommitteeName(m[1])
			if ds := agFindDates(l.text); len(ds) > 0 {
				a.Date = ds[0].iso
			}
			return
		}
	}
	for k, l := range lines {
		if k > 8 {
			break
		}
		if a.Committee == "" && agIsCommitteeLine(l.text) {
			a.Committee = agCommitteeName(l.text)
		}
		if a.Date == "" && agDateOnly(l.text) {
			a.Date = agFindDates(l.text)[0].iso
		}
	}
}

// --- questions -------------------------------------------------------------------

var (
	agQuestionFrom = regexp.MustCompile(`(?i)^(?:[\d.()a-z]{1,6}\s+)?(?:supplementary\s+)?question(?:\s+(?:no\.?\s*)?\d+)?\s+(?:from|by)\s+(.+?)\s*:?\s*$`)
	agResponseFrom = regexp.MustCompile(`(?i)^(?:[\d.()a-z]{1,6}\s+)?(?:response|answer|reply)(?:\s+(?:from|by)\s+.+?)?\s*:\s*(.*)$`)
	agAskerTail    = regexp.MustCompile(`(?i)\s+to\s+(?:the\s+)?(?:police|commissioner|chair|leader|cabinet|mr|mrs|ms|dr|councillor|cllr)\b.*$`)
)

// questions collects "Question from …" blocks, their text, and the
// "Response from …" that follows them in minutes.
func (d *agDoc) questions() []docs.Question {
	var out []docs.Question
	var q *docs.Question
	var buf *[]string
	var qText, rText []string
	flush := func() {
		if q != nil {
			q.Text = agJoinParagraphs(qText)
			q.Response = agJoinParagraphs(rText)
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
			if j == d.printedAt[i] || j == d.itemAt[i] || agBareNumber.MatchString(l.text) {
				continue
			}
			if n, ok := d.minuteHeads[[2]int{i, j}]; ok {
				item = n
			}
			t := l.text
			if m := agQuestionFrom.FindStringSubmatch(t); m != nil && len(m[1]) < 120 {
				flush()
				asker := agAskerTail.ReplaceAllString(m[1], "")
				q = &docs.Question{Asker: strings.TrimRight(strings.TrimSpace(asker), ":,."), Item: item, Page: i + 1}
				buf = &qText
				continue
			}
			if q == nil {
				continue
			}
			if m := agResponseFrom.FindStringSubmatch(t); m != nil && len(t) < 160 {
				buf = &rText
				if m[1] != "" {
					rText = append(rText, m[1])
				}
				continue
			}
			if agEndsQuestion(l) {
				flush()
				continue
			}
			*buf = append(*buf, t)
		}
	}
	flush()
	return out
}

// agEndsQuestion reports whether a line starts something else: a numbered
// heading in capitals, or a heading line in capitals.
func agEndsQuestion(l agLine) bool {
	if _, rest, ok := agItemLine(l); ok && agMostlyUpper(rest) {
		return true
	}
	if agMinuteItem.MatchString(l.text) || agItemStamp.MatchString(l.text) {
		return true
	}
	f := strings.Fields(l.text)
	return len(f) >= 2 && len(f) <= 12 && agMostlyUpper(l.text) && !strings.ContainsAny(l.text, "?.")
}

// agJoinParagraphs joins lines with spaces, a hyphen at a line's end with
// nothing, and paragraphs (separated by "") with a blank line.
func agJoinParagraphs(lines []string) string {
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
