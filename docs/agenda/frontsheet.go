package agenda

import (
	"regexp"
	"strings"

	"panelpapers/docs"
)

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
