package agenda

import (
	"strings"
	"unicode"

	"panelpapers/docs"
)

var (
	minutesHead = lazy(`(?i)^(?:printed\s+|draft\s+|confirmed\s+|unconfirmed\s+)?minutes\b|^cofnodion\b|^procès-verbal\b|^proces-verbal\b`)
	agendaHead  = lazy(`(?i)^(?:agenda|agenda frontsheet|agenda front sheet|public reports pack|rhaglen|ordre du jour)$|^(?:agenda|rhaglen)\s*(?:&|and|a)\s*(?:summons|notice|gwŷs)\b|\bsummons\s+(?:to|and)\b.*\bagenda\b|\bmeeting agenda$|^summons$|^notice of meeting$`)
	suppHead    = lazy(`(?i)^(?:public\s+)?supplement(?:ary)?\b(?:\s+(?:pack|agenda|papers|information|document pack|\d+))?\s*$|^pecyn atodol`)
	letterHead  = lazy(`(?i)^dear (?:member|councillor|sir|madam)`)
	reportHead  = lazy(`(?i)^(?:subject|report (?:of|to|by|from)|report title|purpose of (?:the )?report|appendix\s+\w+)\b|^(?:\S+\s+){0,6}report$`)
	// questionsHead heads a paper of questions and their answers: "Public
	// Questions and Mayor's Responses", "Questions and Answers".
	questionsHead = lazy(`(?i)^(?:\S+\s+){0,3}questions?\b.{0,40}\b(?:responses?|answers?|replies|atebion)\b|^questions?\s+(?:and|&)\s+answers?\b|^cwestiynau\b`)
	// decisionsHead heads a record of decisions taken at a meeting.
	decisionsHead = lazy(`(?i)^(?:decision (?:recording form|notice|record|sheet|list|schedule)|record of (?:the )?(?:executive |key |officer |delegated )?decisions?|notice of (?:key |executive )?decisions? (?:taken|made)|decisions? (?:taken|made|determined) (?:at|by)|decisions? of (?:the )?\p{Lu}|(?:officer|executive|delegated|key) decision (?:notice|record)|schedule of decisions|penderfyniadau)\b`)
	// The sentence about the meeting says whether it is to come (an agenda
	// or summons) or has taken place (minutes).
	toCome      = lazy(`(?i)\bsummon(?:s|ed)?\b|\b(?:will|is to|to|shall)\s+be\s+held\b|\byou are (?:invited|requested) to attend\b|\bcynhelir\b`)
	meetingNoun = lazy(`(?i)\b(?:meeting|cyfarfod|séance|summon(?:s|ed)?)\b`)
	past        = lazy(`(?i)\bheld their meeting\b|\bmeeting (?:was|were) held\b|\bwas held (?:in|at|on|via)\b|\bcynhaliwyd cyfarfod\b|\bséance\b.{0,30}\btenue le\b|\bthe meeting (?:closed|ended) at\b`)
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

// kind tells what sort of paper it is from its head: a heading ("AGENDA",
// "MINUTES", "Public Questions and Mayor's Responses", "Decision Recording
// Form"), the sentence about the meeting (a summons, or a meeting that was
// held), a covering letter, a report's stamp or heading.
func (d *reading) kind(h head, name fileFacts) (docs.Kind, string) {
	return d.kindOf(d.firstContentPage(), h, name)
}

// kindOf tells what sort of document starts on page first, whose head is h.
func (d *reading) kindOf(first int, h head, name fileFacts) (docs.Kind, string) {
	top := d.linesOf(first, 14)
	docPack := false
	for _, l := range top {
		low := strings.ToLower(l.text)
		cells := append([]string{l.text}, l.cells...)
		has := func(pat *re) bool {
			for _, c := range cells {
				if pat.MatchString(strings.TrimSpace(c)) {
					return true
				}
			}
			return false
		}
		switch {
		case suppHead.MatchString(l.text) && len(strings.Fields(l.text)) <= 8:
			return docs.KindSupplement, "kind:supplement-heading"
		case questionsHead.MatchString(l.text):
			return docs.KindQuestions, "kind:questions-heading"
		case decisionsHead.MatchString(l.text):
			return docs.KindDecisions, "kind:decisions-heading"
		case has(agendaHead):
			return docs.KindAgenda, "kind:agenda-heading"
		case has(minutesHead):
			if name.kind == docs.KindSupplement || name.kind == docs.KindAgenda {
				return name.kind, "kind:filename"
			}
			return docs.KindMinutes, "kind:minutes-heading"
		case low == "public document pack":
			// ModernGov heads every published pack so; minutes too, at
			// some councils, hence only a hint.
			docPack = true
		}
	}
	for _, loc := range meetingWord.FindAllStringIndex(h.text, -1) {
		start, end := h.sentence(loc[0])
		sent := h.text[start:end]
		if !meetingNoun.MatchString(sent) {
			continue // "the deficit to be held off balance sheet"
		}
		switch {
		case toCome.MatchString(sent):
			return docs.KindAgenda, "kind:summons"
		case past.MatchString(sent):
			return docs.KindMinutes, "kind:held"
		}
	}
	letter := false
	for _, l := range d.linesOf(first, 40) {
		letter = letter || letterHead.MatchString(l.text)
	}
	switch {
	case name.kind != "":
		return name.kind, "kind:filename"
	case letter:
		// "Dear Member, I am now able to enclose…": the covering letter of a
		// supplementary pack; sent after the meeting, of papers of a
		// meeting that has been.
		m := d.readMeeting(h, docs.KindSupplement)
		if m.letterDate != "" && m.date != "" && m.letterDate > m.date {
			return docs.KindReport, "kind:letter-after-meeting"
		}
		return docs.KindSupplement, "kind:letter"
	case docPack:
		return docs.KindAgenda, "kind:document-pack"
	case d.headEndsAtPresent(first):
		return docs.KindMinutes, "kind:present"
	case len(d.itemAt) > first && d.itemAt[first] >= 0:
		return docs.KindReport, "kind:item-stamp"
	}
	for _, l := range top {
		if reportHead.MatchString(l.text) {
			return docs.KindReport, "kind:report-heading"
		}
	}
	if items := d.agendaItemsOn(first, first+2); len(items) >= 2 && businessItems(items) {
		return docs.KindAgenda, "kind:item-list"
	}
	return docs.KindOther, "kind:other"
}

// headEndsAtPresent reports whether the first page lists the members
// present near its top: minutes do, an agenda does not.
func (d *reading) headEndsAtPresent(i int) bool {
	for _, l := range d.linesOf(i, 12) {
		if presentLabel.MatchString(l.text) {
			return true
		}
	}
	return false
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
	case docs.KindQuestions:
		return "Questions and answers"
	case docs.KindDecisions:
		return "Decisions"
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
	subjectLine = lazy(`(?i)^(?:subject|report title|title of report)\s*:\s*(.*)$`)
	hostLine    = lazy(`^(?:[A-Z][\p{L}'’-]+\s+){1,3}(?:County\s+|County\s+Borough\s+|Borough\s+|City\s+|District\s+|Town\s+|Community\s+)?Council$|^Cyngor\b`)
	skipTitle   = lazy(`(?i)^(?:from|to|by|date|decision no|key decision|classification|report of|report to|report by|report author|author|contact|page \d+)\b`)
)

// heading finds a report's title: its "Subject:" or the first line of the
// first page that is not a stamp, the council, the committee or a date.
func (d *reading) heading() string { return d.headingAt(d.firstContentPage()) }

// headingAt is the heading of the document starting on page first.
func (d *reading) headingAt(first int) string {
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
			isCommitteeLine(l.text) || dateOnly(l.text) || itemStamp.MatchString(l.text) || welshTwin(l.text) {
			continue
		}
		// A heading wrapped over lines goes on with a small word or a
		// lower-case letter.
		parts := []string{l.cells[0]}
		for _, c := range lines[k+1:] {
			prev := parts[len(parts)-1]
			// …or goes on in capitals, as the heading set in capitals
			// does ("POLICE AND CRIME COMMISSIONER'S ANNUAL REPORT" /
			// "2022/23").
			caps := MostlyUpper(prev) && mostlyUpperOrDigits(c.text) && !isCommitteeLine(c.text) && !dateOnly(c.text)
			if c.text == "" || len(parts) == 3 || len(c.cells) > 1 || len(l.cells) > 1 || !wrapped(prev, c.text) && !caps {
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

// business are the items nearly every agenda has, whoever the council.
var business = lazy(`(?i)\b(?:apolog|declarations? of|interests?\b|minutes|matters arising|any other business|next meeting|public (?:participation|forum|questions)|chair(?:man|person)?'?s? (?:announcements|report)|urgent business|exclusion of the (?:press|public))`)

// businessItems reports whether a numbered list reads like an agenda: one
// of its items is business every meeting has.
func businessItems(items []docs.AgendaItem) bool {
	for _, it := range items {
		if business.MatchString(it.Title) {
			return true
		}
	}
	return false
}
