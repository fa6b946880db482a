package agenda

import (
	"strings"
	"unicode"

	"panelpapers/docs"
)

var minuteItem = lazy(`(?i)^\(\s*item\s+(\d{1,3}(?:\.\d{1,2}|[a-z])?)\s*\)$`)

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
			e := k
			if k >= 2 && lines[k-1].text == "" && lines[k-2].text != "" {
				// The extractor sets "(Item N)" apart from its heading by
				// a blank line: the heading is the paragraph above.
				e = k - 1
			}
			b := e
			for b > 0 && lines[b-1].text != "" {
				b--
			}
			if e-b > 3 {
				b = e // a paragraph of text, not a heading
			}
			var title []string
			for _, t := range lines[b:e] {
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
			atTop := true
			for _, p := range lines[:k] {
				atTop = atTop && p.text == ""
			}
			if atTop && i > 0 {
				// "(Item 4)" at the top of a page: its heading ended the page before.
				t, top, first = d.lastParagraph(i-1), false, i
			}
			add(docs.AgendaItem{Number: strings.ToLower(m[1]), Title: strings.Join(strings.Fields(t), " "), First: first}, top, l)
		}
	}
	if len(items) > 0 {
		setLasts(items, len(d.pages), mid)
		d.rules["items"] = "items:minutes-item-label"
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
	d.rules["items"] = "items:minutes-numbered-heading"
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

var bareNumber = lazy(`^\d{1,4}$`)

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

// MostlyUpper reports whether s is set in capitals: it has capitals and
// at most one lower-case letter for every five of them.
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
