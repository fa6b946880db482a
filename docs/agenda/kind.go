package agenda

import (
	"regexp"
	"strings"
	"unicode"

	"panelpapers/docs"
)

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
