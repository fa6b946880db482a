package agenda

import (
	"strings"
)

// The head of a paper is where it says what it is and which meeting it is
// for: its first lines, up to where the business starts — the first agenda
// item, the members present, the first question, a report's purpose. Every
// council writes it differently, but in a few ways: a heading naming the
// committee and the date ("CORPORATE PARENTING PANEL – 10th December 2024"),
// a sentence ("A Meeting of … will be held in the Village Hall on Tuesday 4
// November 2025 at 8.00 pm", "MINUTES of a meeting of the Cabinet held in …
// on …", "I HEREBY SUMMON YOU TO ATTEND A MEETING OF …"), or labels ("Date:",
// "Time:", "Venue:"). The rules in meeting.go read it.

// head is the opening of one document (a paper, or a part of a pack).
type head struct {
	lines []textLine // non-empty lines, the contact column cut off
	// blank[k] is set when a blank line precedes lines[k].
	blank []bool
	text  string // the lines joined by single spaces
	at    []int  // offset of each line in text
	right []string
	// contactAt are the places (indexes into lines) where a line of the
	// contact column, cut off whole, stood.
	contactAt []int
}

var (
	// presentLabel starts the list of those present: minutes' business
	// starts there.
	presentLabel = lazy(`(?i)^(?:(?:members|councillors|committee members)\s+)?(?:present|presennol|présences?|yn bresennol|in attendance|attendance|attendees)(?:\s*[:\-–]|\s*$|\s{2,})`)
	// businessStart are lines a head never goes past: a report's first
	// section, the first question of a questions paper, the agenda list's
	// own heading.
	businessStart = lazy(`(?i)^(?:purpose of (?:the )?report|summary\s*:|executive summary|recommendations?\s*:?$|question\s+\d+\s*[–—-]|agenda item no\.?$|unrestricted items|part (?:1|i|one)\b|background$|1\.\s+(?:introduction|background|purpose))`)
)

// headLines is the most lines a head holds.
const headLines = 40

// readHead reads the head of the document starting on page i.
func (d *reading) readHead(i int) head {
	var h head
	if i < 0 || i >= len(d.pages) {
		return h
	}
	lines := joinEmails(d.paragraphLines(i, 400))
	blank := false
	for k, l := range lines {
		if l.text == "" {
			blank = true
			continue
		}
		if len(h.lines) >= headLines {
			break
		}
		if len(h.lines) > 0 {
			if _, _, ok := itemLine(l); ok && !d.summonsSentence(lines, k) {
				break
			}
			if businessStart.MatchString(l.text) {
				break
			}
		}
		if presentLabel.MatchString(l.text) {
			break
		}
		t := l.text
		// A front sheet's contact column runs beside the meeting's
		// details ("…at 3.00 pm Ask for: Georgina Little"): cut it off.
		if loc := officerLabel.FindStringIndex(t); loc != nil {
			h.right = append(h.right, t[loc[0]:])
			t = strings.TrimSpace(t[:loc[0]])
		}
		if t == "" {
			h.contactAt = append(h.contactAt, len(h.lines))
			continue
		}
		if contactLine.MatchString(t) {
			h.contactAt = append(h.contactAt, len(h.lines))
		}
		nl := textLine{page: l.page, idx: l.idx, text: t, cells: cellSep.Split(t, -1)}
		if len(h.lines) > 0 {
			h.text += " "
		}
		h.at = append(h.at, len(h.text))
		h.text += strings.Join(nl.cells, " ")
		h.lines = append(h.lines, nl)
		h.blank = append(h.blank, blank)
		blank = false
	}
	return h
}

// summonsSentence: a numbered line inside a sentence that wraps ("…held on
// Tuesday,\n12th November 2019 @ 7.30pm") is not an agenda item.
func (d *reading) summonsSentence(lines []textLine, k int) bool {
	if k == 0 || lines[k-1].text == "" {
		return false
	}
	return len(findDates(lines[k-1].text+" "+lines[k].text)) > len(findDates(lines[k-1].text))+len(findDates(lines[k].text))
}

// lineAt returns the index of the head line holding text offset off.
func (h *head) lineAt(off int) int {
	k := 0
	for k+1 < len(h.at) && h.at[k+1] <= off {
		k++
	}
	return k
}

// lineEnd is the offset in text where line k ends.
func (h *head) lineEnd(k int) int {
	if k+1 < len(h.at) {
		return h.at[k+1] - 1
	}
	return len(h.text)
}

// continues reports whether a paragraph goes on with the words it starts
// with: a heading set over several paragraphs ("MINUTES OF THE MEETING OF
// … / HELD IN THE VILLAGE HALL / ON 30th October 2025").
var continues = lazy(`(?i)^(?:held|on|at|in|via|to be|will be|which|and|of|for|from|commencing|starting|yn|ar|am|à|le|la|tenue)\b`)

// sentence returns the span of head text around off that one sentence of
// the paper takes: it ends at a full stop before a capital, at a paragraph
// break (unless the next paragraph carries on the sentence), or at the
// head's end.
func (h *head) sentence(off int) (start, end int) {
	k := h.lineAt(off)
	// back to the sentence's start
	start = 0
	for j := k; j >= 0; j-- {
		if seg := lastStop(h.text[h.at[j]:min(off, h.lineEnd(j))]); seg >= 0 {
			start = h.at[j] + seg
			break
		}
		if h.blank[j] && !continues.MatchString(h.lines[j].text) {
			start = h.at[j]
			break
		}
	}
	end = len(h.text)
	for j := k; j < len(h.lines); j++ {
		from := h.at[j]
		if j == k {
			from = off
		}
		if seg := firstStop(h.text[from:h.lineEnd(j)]); seg >= 0 {
			end = from + seg
			break
		}
		if j+1 < len(h.lines) && h.blank[j+1] && !continues.MatchString(h.lines[j+1].text) {
			end = h.lineEnd(j)
			break
		}
	}
	return start, end
}

var fullStop = lazy(`[.!?](?:\s+["“‘(]?\p{Lu}|\s*$)`)

// firstStop is the offset just past the first full stop ending a sentence
// in s, or -1.
func firstStop(s string) int {
	for _, loc := range fullStop.FindAllStringIndex(s, -1) {
		if !abbreviation(s[:loc[0]]) {
			return loc[0] + 1
		}
	}
	return -1
}

// lastStop is the offset where the last sentence in s starts, or -1.
func lastStop(s string) int {
	locs := fullStop.FindAllStringIndex(s, -1)
	for i := len(locs) - 1; i >= 0; i-- {
		loc := locs[i]
		if loc[1] < len(s) && !abbreviation(s[:loc[0]]) {
			return loc[0] + 1
		}
	}
	return -1
}

var abbrev = lazy(`(?i)(?:\b(?:mr|mrs|ms|dr|cllr|cyng|st|no|nos|tel|ref|co|ltd|inc|p|pp|a\.m|p\.m|y\.b|y\.h|[a-z])|(?:^|\s)\d{1,2})$`)

// abbreviation reports whether the text before a full stop ends in an
// abbreviation or a list number ("Mr.", "a.m.", "4."), which does not end a
// sentence.
func abbreviation(before string) bool { return abbrev.MatchString(before) }
