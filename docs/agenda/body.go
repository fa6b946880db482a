package agenda

import (
	"strings"

	"panelpapers/docs"
)

// The body is the council or authority whose meeting it is, as printed: on
// the paper's letterhead ("BURTON-CUM-WALDEN PARISH COUNCIL", "Ayton
// Community Council   MINUTES", "Milburn Parish Council - 2nd July 2019"),
// in the sentence about the meeting ("A Meeting of Burton-cum-Walden Parish
// Council will be held…", "Manordeilo and Salem Community Council held their
// meeting…"), or in the committee's own name ("West of England Combined
// Authority Committee"). A council named anywhere else may be another body
// (the county council a parish writes to, a neighbouring authority), so it
// is not read. A logo is a picture, not text: a body printed only there
// stays unknown.

// letterheadLines is how many lines at the top of a paper may hold its
// letterhead.
const letterheadLines = 4

var orgTail = lazy(`(?i)\s+(?:[-–—:|]\s*.*|(?:public|ordinary|special|extraordinary|annual|virtual|remote)?\s*meeting\b.*|minutes\b.*|agenda\b.*|cofnodion\b.*|rhaglen\b.*)$`)

// readBody reads the body from the head: its letterhead, then the name of
// the committee; a fuller form of the same name on the first page wins
// ("West of England Mayoral Combined Authority" over "West of England
// Combined Authority").
func (d *reading) readBody(h head, m *meeting) {
	welsh := ""
	for k := 0; k < len(h.lines) && k < letterheadLines; k++ {
		l := h.lines[k]
		cands := []string{l.text, l.cells[0]}
		if loc := orgTail.FindStringIndex(l.text); loc != nil {
			cands = append(cands, l.text[:loc[0]])
		}
		if k+1 < len(h.lines) && !h.blank[k+1] && len(l.cells) == 1 && len(h.lines[k+1].cells) == 1 &&
			!orgName(l.text) && !orgName(h.lines[k+1].text) {
			// "GARELOCHHEAD" / "COMMUNITY COUNCIL"
			cands = append(cands, l.text+" "+h.lines[k+1].text)
		}
		for _, c := range cands {
			c = strings.TrimSpace(c)
			if !orgName(c) {
				continue
			}
			// A bilingual letterhead prints the council's name in both
			// languages: the English one is read, the Welsh when alone.
			if looksWelsh(c) {
				if welsh == "" {
					welsh = titleCase(c)
				}
				continue
			}
			m.set(docs.FactBody, &m.body, titleCase(c), "body:letterhead")
		}
		if m.body != "" {
			break
		}
	}
	m.set(docs.FactBody, &m.body, welsh, "body:letterhead")
	for _, l := range h.lines {
		if m.body != "" {
			break
		}
		// "BRISTOL CITY COUNCIL - FORWARD PLAN", a line of its own.
		for _, c := range []string{l.text, strings.SplitN(l.text, " - ", 2)[0], strings.SplitN(l.text, " – ", 2)[0]} {
			if c = strings.TrimSpace(c); orgName(c) && !looksWelsh(c) {
				m.set(docs.FactBody, &m.body, titleCase(c), "body:title-line")
				break
			}
		}
	}
	if first := h.lines[0].page; m.body == "" && first+1 < len(d.pages) && len(d.linesOf(first, 13)) <= 12 {
		// A cover page: the document's running title starts the next.
		for _, l := range d.linesOf(first+1, 2) {
			for _, c := range []string{l.text, strings.SplitN(l.text, " - ", 2)[0], strings.SplitN(l.text, " – ", 2)[0]} {
				if c = strings.TrimSpace(c); orgName(c) && !looksWelsh(c) {
					m.set(docs.FactBody, &m.body, titleCase(c), "body:title-line")
				}
			}
		}
	}
	if m.body == "" && m.committee != "" {
		// "West of England Combined Authority Committee and …"
		f := strings.Fields(m.committee)
		for n := len(f) - 1; n >= 2; n-- {
			if p := strings.Join(f[:n], " "); orgName(p) {
				m.set(docs.FactBody, &m.body, p, "body:committee-name")
				break
			}
		}
	}
	if m.body != "" {
		m.body = d.fullerName(h, m.body)
	}
}

// fullerName returns the longest name on the paper's first page that holds
// every word of body and is itself a body's name.
func (d *reading) fullerName(h head, body string) string {
	if len(h.lines) == 0 {
		return body
	}
	words := strings.Fields(strings.ToLower(body))
	typ := strings.Join(words[max(0, len(words)-2):], " ")
	best := body
	for _, l := range d.lines[h.lines[0].page] {
		line := strings.Join(strings.Fields(l.text), " ")
		low := strings.ToLower(line)
		for i := 0; ; {
			j := strings.Index(low[i:], typ)
			if j < 0 {
				break
			}
			end := i + j + len(typ)
			cand := nameBefore(line[:end])
			i = end
			if !orgName(cand) || len(cand) <= len(best) {
				continue
			}
			have := map[string]bool{}
			for _, w := range strings.Fields(strings.ToLower(cand)) {
				have[w] = true
			}
			all := true
			for _, w := range words {
				all = all && have[w]
			}
			if all {
				best = titleCase(cand)
			}
		}
	}
	return best
}
