package agenda

import (
	"strings"

	"panelpapers/docs"
)

// A pack is read as the documents it holds: its front matter (the front
// sheet or summons, a membership list, the agenda), then each item's papers
// from the page stamped "Agenda Item N" to the page before the next stamp.
// An item's papers may be of another meeting — the minutes of the last
// meeting, put to this one to be confirmed: their date, their questions and
// the answers recorded in them are that meeting's, not this one's.

var membershipHead = lazy(`(?i)^(?:membership|members of the (?:committee|panel|board)|aelodaeth)\b`)

// readParts splits a pack into the documents it holds and dates each
// question by the meeting it was put to. A paper with no "Agenda Item N"
// stamps is one document: it has no parts, and its questions are its own
// meeting's.
func (d *reading) readParts(a *docs.Agenda) {
	firstStamp := -1
	for i := range d.pages {
		if d.itemAt[i] >= 0 {
			firstStamp = i
			break
		}
	}
	meetingOf := map[int]int{} // PDF page index → index into a.Meetings, from 1
	if firstStamp >= 0 {
		d.frontParts(a, firstStamp)
		for i := firstStamp; i < len(d.pages); i++ {
			if d.itemAt[i] < 0 {
				continue
			}
			last := i
			for last+1 < len(d.pages) && d.itemAt[last+1] < 0 {
				last++
			}
			p := docs.Part{Item: d.itemStamp[i], First: i + 1, Last: last + 1}
			h := d.readHead(i)
			kind, _ := d.kindOf(i, h, fileFacts{})
			switch kind {
			case docs.KindMinutes:
				p.Kind, p.Title = docs.KindMinutes, "Minutes"
				m := d.readMeeting(h, docs.KindMinutes)
				if m.date != "" && m.date != a.Date {
					a.Meetings = append(a.Meetings, docs.MeetingRef{Committee: m.committee, Date: m.date, Time: m.clock, Venue: m.venue})
					p.Meeting = len(a.Meetings)
					for k := i; k <= last; k++ {
						meetingOf[k] = p.Meeting
					}
				}
			case docs.KindQuestions, docs.KindDecisions, docs.KindAgenda:
				p.Kind = kind
			default:
				p.Kind = docs.KindReport
				if d.holdsQuestions(a.Questions, i, last) {
					p.Kind = docs.KindQuestions
				}
			}
			if p.Title == "" {
				p.Title = d.partTitle(i)
			}
			a.Parts = append(a.Parts, p)
			i = last
		}
		if len(a.Parts) == 1 && a.Parts[0].First == d.firstContentPage()+1 {
			a.Parts = nil // one document: a report with its stamp
		}
	}
	for k := range a.Questions {
		q := &a.Questions[k]
		if n := meetingOf[q.Page-1]; n > 0 {
			q.Meeting = a.Meetings[n-1].Date
		} else {
			q.Meeting = a.Date
		}
	}
}

// frontParts splits the front matter, the pages before the first report,
// at a membership list and at the agenda list's own page.
func (d *reading) frontParts(a *docs.Agenda, end int) {
	for i := d.firstContentPage(); i < end; i++ {
		if d.pages[i].Blank && len(a.Parts) > 0 {
			a.Parts[len(a.Parts)-1].Last = i + 1
			continue
		}
		title := ""
		for _, l := range d.linesOf(i, 3) {
			switch {
			case membershipHead.MatchString(l.text):
				title = "Membership"
			case isListHead(l.text) && title == "":
				title = "Agenda"
			}
		}
		switch {
		case len(a.Parts) == 0:
			title = "Front sheet"
			h := d.readHead(i)
			if strings.Contains(strings.ToLower(h.text), "summon") {
				title = "Summons"
			}
			for _, l := range d.linesOf(i, 40) {
				if letterHead.MatchString(l.text) {
					title = "Covering letter"
				}
			}
		case title == "":
			a.Parts[len(a.Parts)-1].Last = i + 1
			continue
		}
		a.Parts = append(a.Parts, docs.Part{Kind: a.Kind, Title: title, First: i + 1, Last: i + 1})
	}
}

// holdsQuestions reports whether any question starts on pages [from, to].
func (d *reading) holdsQuestions(qs []docs.Question, from, to int) bool {
	for _, q := range qs {
		if q.Page-1 >= from && q.Page-1 <= to {
			return true
		}
	}
	return false
}

// partTitle is an item's paper's heading.
func (d *reading) partTitle(i int) string {
	t := d.headingAt(i)
	if r := []rune(t); len(r) > 200 {
		t = strings.TrimSpace(string(r[:200]))
	}
	return t
}
