package agenda

import (
	"strings"

	"panelpapers/docs"
)

var (
	officerLabel = lazy(`(?i)\b(ask for|contact officer|contact|enquiries to|enquiries|democratic services officer|democratic officer|committee officer|clerk|direct dial/ext|direct dial|direct line|telephone|tel\.?(?: no\.?)?|phone|ffôn|e-mail|email|e-bost)\s*:`)
	emailPattern = lazy(`[\w.+'-]+@[\w-]+(?:\.[\w-]+)+`)
	phonePattern = lazy(`(?:\+44\s?\(?0?\)?\s?|\b0)\d[\d ]{7,12}\d\b`)
	nameEnd      = lazy(`(?i)\s{2,}|[,;(]|\s+(?:tel|telephone|phone|e-?mail|on|at)\b|\s+\d`)
	personName   = lazy(`^(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\.?\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}$`)
)

// officer reads the officer to contact from the front sheet's contact
// block: the first page with text, and the next when it says more.
func (d *reading) officer(h head) *docs.Officer {
	first := d.firstContentPage()
	lines := d.paragraphLines(first, 200)
	if first+1 < len(d.pages) && d.itemAt[first+1] < 0 && !d.pages[first+1].Blank {
		lines = append(lines, d.paragraphLines(first+1, 200)...)
	}
	lines = joinEmails(lines)
	var right []string
	for _, l := range lines {
		if loc := officerLabel.FindStringIndex(l.text); loc != nil {
			right = append(right, l.text[loc[0]:])
		}
	}
	return findOfficer(right, lines)
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

var emailStart = lazy(`[\w.+'-]+@[\w-]+(?:\.[\w-]+)*$`)

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
