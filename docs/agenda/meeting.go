package agenda

import (
	"strings"
	"unicode"

	"panelpapers/docs"
)

// meeting is what a paper's head says of its meeting, and which rule read
// each fact (see Input.Trace).
type meeting struct {
	body, committee, date, clock, venue string
	rules                               map[string]string
	// letterDate is the day a covering letter or summons was signed, when
	// the head prints one apart from the meeting's date.
	letterDate    string
	status        docs.MeetingStatus
	extraordinary bool
	reconvened    bool
	onRisingOf    string
}

func (m *meeting) set(fact string, dst *string, v, rule string) {
	if v == "" || *dst != "" {
		return
	}
	*dst = v
	if m.rules == nil {
		m.rules = map[string]string{}
	}
	m.rules[fact] = rule
}

var (
	// meetingWord marks a sentence about a meeting: the meeting's date is
	// in such a sentence, unless it speaks of another (see otherMeeting).
	meetingWord = lazy(`(?i)\b(?:meeting|summon(?:s|ed)?|held|convened|cyfarfod|cynhaliwyd|cynhelir|séance|tenue|réunion)\b`)
	// otherMeeting, just before a date, says the date is not the meeting's:
	// the last or next meeting's, the day the paper was published or signed.
	otherMeeting = lazy(`(?i)\b(?:previous|last|next|following|prior|earlier|preceding|subsequent|adjourned from|published|publication|dated|signed|issued|despatch(?:ed)?|dispatch(?:ed)?|circulated|printed|deadline|diwethaf|nesaf|blaenorol|cyhoeddwyd|until|by|before|after|since|from|report date|précédente|prochaine)\b[^.;]{0,40}$`)
	// closing, just before a time, says it is when the meeting ended.
	closing = lazy(`(?i)\b(?:clos(?:e|ed|ing)|end(?:ed|s)?|finish(?:ed)?|concluded|terminated|until|between|and|lev[ée]e|i ben|tan)\b[^.;]{0,25}$`)
	// contactLabel starts a line of a letter's contact block.
	contactLine = lazy(`(?i)^(?:ask for|direct dial|direct line|dial|e-?mail|telephone|tel|phone|our ref|your ref|ref|contact|enquiries|fax|mobile|minicom)\b`)
	letterStart = lazy(`(?i)^(?:to\s*:|dear\b|annwyl\b)`)
	// Labels end in a colon, or in a table's gap ("Date     Wednesday…").
	dateLabelAt = lazy(`(?i)^(?:date|dyddiad|date of meeting|meeting date)(?:\s*:\s*|\s{2,})`)
	timeLabelAt = lazy(`(?i)^(?:time|amser|start time|time of meeting|amser\s*/\s*time|time\s*/\s*amser)(?:\s*:\s*|\s{2,})(.*)$`)
	venueLabel  = lazy(`(?i)^(?:venue|location|place|where|meeting venue|lleoliad|lieu|lleoliad\s*/\s*venue|venue\s*/\s*lleoliad)(?:\s*:\s*|\s{2,})(.*)$`)
	// committeeLabel names the meeting a paper is for.
	committeeLabel = lazy(`(?i)^(?:meeting|committee|name of (?:meeting|committee)|meeting of|report to|to|pwyllgor)\s*:\s*(.+)$`)
	// meetingLabels are labels that make "Date:" the meeting's date rather
	// than a letter's.
	meetingLabels = lazy(`(?i)^(?:time|amser|venue|location|place|lleoliad|meeting|committee|report to|to|pwyllgor)(?:\s*:|\s{2,})`)
	venueWords    = lazy(`(?i)\b(?:chamber|hall|room|rooms|house|centre|center|offices|civic|virtual|remote|online|multi-location|hybrid|teams|zoom|library|headquarters|building|suite|pavilion|church|chapel|school|institute|club|hotel|guildhall|lodge|barn|siambr|neuadd|ystafell|canolfan|swyddfa|salle|mairie|hôtel de ville|vilage)\b`)
	// venueLead is what introduces a venue in a sentence: "held in the",
	// "at the", "via", Welsh "yn", French "à la".
	venueLead = lazy(`(?i)(?:^|[\s,(])(?:in|at|via|yn|à)\s+(?:the\s+|la\s+|le\s+|l['’]\s*|y\s+|yr\s+)?`)
	// venueEnd cuts a venue off where the sentence goes on to the date,
	// the time or something else.
	venueEnd   = lazy(`(?i)(?:,?\s+(?:on|at|am|ar|le|à|from|for|to|commencing|starting|when|which|where|and the|this|members|the meeting|to consider|to transact|for the)\b|[.;(]\s|[.;]$|\s+[-–—]\s+(?:` + weekdayPattern + `)\b)`)
	jointWords = lazy(`(?i)^(?:and|&|of|for|the|a|cum|upon|on|under|in|y|yr|ac|de|du|des|la|le)$`)
	// stopWords end a name read out of a sentence in capitals ("… OF THE
	// DYFED-POWYS POLICE AND CRIME PANEL WHICH WILL BE HELD …").
	stopWords = map[string]bool{"which": true, "will": true, "to": true, "be": true, "held": true, "on": true, "at": true, "in": true,
		"is": true, "was": true, "were": true, "are": true, "has": true, "have": true, "for": true, "by": true, "with": true,
		"from": true, "meeting": true, "minutes": true, "agenda": true, "this": true, "that": true, "all": true, "members": true,
		"summon": true, "attend": true, "taken": true, "via": true, "date": true, "time": true, "venue": true, "notice": true,
		"public": true, "am": true, "ar": true, "yn": true, "a'r": true, "le": true, "tenue": true, "séance": true}
)

// readMeeting reads what head says of its meeting: the committee, the date,
// the start, the venue and the body, each by the first rule that finds it,
// most particular first.
func (d *reading) readMeeting(h head, kind docs.Kind) meeting {
	var m meeting
	if len(h.lines) == 0 {
		return m
	}
	letter := d.letterDates(h)
	for k, l := range h.lines {
		if letter[k] {
			if ds := findDates(l.text); len(ds) > 0 && m.letterDate == "" {
				m.letterDate = ds[0].iso
			}
		}
	}
	labelled := false
	for _, l := range h.lines {
		labelled = labelled || meetingLabels.MatchString(l.text)
	}

	// Labels first: "Meeting:", "Date:", "Time:", "Venue:".
	welshVenue := ""
	for k, l := range h.lines {
		t := l.text
		if mm := committeeLabel.FindStringSubmatch(t); mm != nil {
			if c := labelCommittee(mm[1]); c != "" {
				m.set(docs.FactCommittee, &m.committee, c, "committee:label")
			}
		}
		if loc := dateLabelAt.FindStringIndex(t); loc != nil && !letter[k] && labelled {
			if ds := findDates(t[loc[1]:]); len(ds) > 0 {
				m.set(docs.FactDate, &m.date, ds[0].iso, "date:label")
				if c := findTime(t[loc[1]:]); c != "" {
					m.set(docs.FactTime, &m.clock, c, "time:label")
				}
			}
		}
		if mm := timeLabelAt.FindStringSubmatch(t); mm != nil {
			v := mm[1]
			if v == "" && k+1 < len(h.lines) {
				v = h.lines[k+1].text
			}
			if ts := findTimes(v); len(ts) > 0 {
				m.set(docs.FactTime, &m.clock, ts[0].clock, "time:label")
			} else if ts := findTimes("at " + strings.TrimSpace(v)); len(ts) > 0 {
				m.set(docs.FactTime, &m.clock, ts[0].clock, "time:label")
			}
		}
		if mm := venueLabel.FindStringSubmatch(t); mm != nil {
			v := strings.TrimSpace(mm[1])
			if len(l.cells) > 1 {
				v = strings.Join(l.cells[1:], ", ")
			}
			if v == "" && k+1 < len(h.lines) {
				v = h.lines[k+1].text
			}
			// A bilingual front sheet prints "Lleoliad:" beside "Venue:":
			// the English is read first, the Welsh when there is no other.
			if looksWelsh(t) {
				welshVenue = tidyVenue(v)
			} else {
				m.set(docs.FactVenue, &m.venue, tidyVenue(v), "venue:label")
			}
		}
	}
	m.set(docs.FactVenue, &m.venue, welshVenue, "venue:label")

	// The meeting's date: of all the dates in the head, the one a
	// sentence about the meeting gives with its time, or a heading gives
	// beside the committee's name.
	best, bestScore, bestRule := foundDate{}, 2, ""
	for i, dt := range findDates(h.text) {
		k := h.lineAt(dt.at)
		start, end := h.sentence(dt.at)
		if letter[k] || otherMeeting.MatchString(h.text[max(start, dt.at-60):dt.at]) {
			continue
		}
		line := h.lines[k].text
		if loc := dateLabel.FindStringIndex(line); loc != nil && loc[0] < dt.at-h.at[k] && !dateLabelAt.MatchString(line) {
			continue // "Date of publication: …", "Report Date: …"
		}
		score, rule := 0, ""
		sent := h.text[start:end]
		if meetingWord.MatchString(sent) && !otherMeeting.MatchString(h.text[start:dt.at]) {
			score, rule = score+5, "date:statement"
		}
		if t := d.timeNear(h, dt, start, end); t.clock != "" {
			score += 4
			if rule == "" {
				rule = "date:heading+time"
			}
		}
		if dateLabelAt.MatchString(line) && labelled {
			score, rule = score+6, "date:label"
		}
		before := strings.Trim(h.text[h.at[k]:dt.at], " ,–—-:")
		if before != "" && (isCommitteeLine(before) || orgName(before) || strings.EqualFold(before, "meeting") ||
			strings.HasSuffix(strings.ToLower(before), " meeting") || strings.EqualFold(before, "cyfarfod")) {
			score += 4
			if rule == "" {
				rule = "date:heading+name"
			}
		}
		if dateOnly(line) {
			score += 2
			switch {
			case k > 0 && isCommitteeLine(h.lines[k-1].text) && rule == "":
				// The committee's name on the line above: "DYFED-POWYS
				// POLICE AND CRIME PANEL" / "27 OCTOBER 2023".
				score += 2
				rule = "date:heading+name"
			case rule == "":
				rule = "date:heading"
			}
		}
		if dt.weekday {
			score++
		}
		if i == 0 {
			score++
		}
		if score > bestScore {
			best, bestScore, bestRule = dt, score, rule
		}
	}
	if bestRule == "date:heading" && (kind == docs.KindReport || kind == docs.KindOther) {
		// A date alone on a line of a report or another paper is its own
		// date (published, as at, year ended), not a meeting's.
		bestRule = ""
	}
	if bestRule != "" {
		m.set(docs.FactDate, &m.date, best.iso, bestRule)
		// The same day may be printed twice (a heading and a sentence):
		// the start and venue are read beside either.
		same := []foundDate{best}
		for _, dt := range findDates(h.text) {
			if dt.iso == best.iso && dt.at != best.at {
				same = append(same, dt)
			}
		}
		for _, dt := range same {
			start, end := h.sentence(dt.at)
			if t := d.timeNear(h, dt, start, end); t.clock != "" {
				m.set(docs.FactTime, &m.clock, t.clock, t.rule)
			}
			if meetingWord.MatchString(h.text[start:end]) {
				m.set(docs.FactVenue, &m.venue, sentenceVenue(h.text[start:end]), "venue:statement")
			}
		}
	}

	// A sentence about the meeting names its venue and committee ("…
	// meeting of the Cabinet held in the Council Chamber … on …").
	for _, loc := range append(meetingWord.FindAllStringIndex(h.text, -1), takenAt.FindAllStringIndex(h.text, -1)...) {
		start, end := h.sentence(loc[0])
		sent := h.text[start:end]
		if otherMeeting.MatchString(h.text[start:loc[0]]) && !strings.Contains(strings.ToLower(sent), "summon") {
			continue
		}
		if v := sentenceVenue(sent); v != "" {
			m.set(docs.FactVenue, &m.venue, v, "venue:statement")
		}
		c, org := sentenceCommittee(sent)
		if org != "" {
			m.set(docs.FactBody, &m.body, org, "body:statement")
			if c == "" {
				c = councilType(org)
				m.set(docs.FactCommittee, &m.committee, c, "committee:statement-body")
			}
		}
		if c != "" {
			m.set(docs.FactCommittee, &m.committee, c, "committee:statement")
		}
	}

	if bestRule != "" {
		_, end := h.sentence(best.at)
		d.venueNear(h, best, end, &m)
	} else {
		d.yearlessDate(h, &m)
	}

	// Headings: a line that is a committee's name.
	welshName := ""
	for k, l := range h.lines {
		if welshName == "" && welshTwin(l.text) && welshCommittee.MatchString(l.text) && len(strings.Fields(l.text)) <= 8 && nameWords(l.text) {
			welshName = committeeName(l.text)
		}
		cands := append([]string{l.text}, l.cells...)
		if twins := strings.Split(l.text, " / "); len(twins) == 2 {
			// "Pwyllgor Cynllunio / Planning Committee"
			cands = append(cands, twins...)
		}
		for _, c := range cands {
			name := strings.Trim(c, " ,–—-")
			if ds := findDates(name); len(ds) > 0 {
				name = strings.Trim(name[:ds[0].at], " ,–—-")
			}
			if isCommitteeLine(name) && !letter[k] {
				m.set(docs.FactCommittee, &m.committee, committeeName(name), "committee:heading")
			}
		}
		// A name wrapped over two lines of one paragraph.
		if k+1 < len(h.lines) && !h.blank[k+1] {
			two := l.text + " " + h.lines[k+1].text
			if ds := findDates(two); len(ds) > 0 {
				two = strings.Trim(two[:ds[0].at], " ,–—-")
			}
			if isCommitteeLine(two) && !isCommitteeLine(l.text) && len(l.cells) == 1 && len(h.lines[k+1].cells) == 1 {
				m.set(docs.FactCommittee, &m.committee, committeeName(two), "committee:heading")
			}
		}
	}

	m.set(docs.FactCommittee, &m.committee, welshName, "committee:heading-welsh")
	d.readBody(h, &m)
	if m.committee == "" && m.body != "" && m.date != "" && kind != docs.KindReport && kind != docs.KindOther {
		// A paper that names the council and a meeting, but no committee,
		// is of a meeting of the council itself.
		m.set(docs.FactCommittee, &m.committee, councilType(m.body), "committee:body")
	}
	if m.committee == "" && m.body != "" && m.date != "" && m.rules[docs.FactDate] == "date:heading+name" {
		// "Royal Sutton Coldfield Town Council Meeting 21 February 2017"
		m.set(docs.FactCommittee, &m.committee, councilType(m.body), "committee:body")
	}
	m.readStatus(h)
	return m
}

// letterDates marks the head lines that date a letter rather than the
// meeting: "Date:" in the contact block ("Ask for:", "Direct Dial:",
// "e-mail:"), or a date just above "TO:" or "Dear …".
func (d *reading) letterDates(h head) map[int]bool {
	out := map[int]bool{}
	for k, l := range h.lines {
		if len(findDates(l.text)) == 0 {
			continue
		}
		if dateLabelAt.MatchString(l.text) {
			// A contact line right above or below it.
			for _, c := range h.contactAt {
				if c == k || c == k+1 {
					out[k] = true
				}
			}
		}
		if dateOnly(l.text) {
			for j := k + 1; j < min(len(h.lines), k+3); j++ {
				if letterStart.MatchString(h.lines[j].text) {
					out[k] = true
				}
			}
		}
	}
	return out
}

// labelCommittee reads the value of a "Meeting:", "Committee:", "Report
// to:" or "To:" label: "Cabinet - 30 January 2025", "ALL MEMBERS OF THE
// DYFED-POWYS POLICE AND CRIME PANEL".
func labelCommittee(v string) string {
	v = strings.TrimSpace(v)
	if ds := findDates(v); len(ds) > 0 {
		v = v[:ds[0].at]
	}
	v = strings.Trim(v, " ,–—-")
	low := strings.ToLower(v)
	for _, p := range []string{"all members of the ", "all members of ", "members of the ", "the members of the ", "the chair and members of the "} {
		if strings.HasPrefix(low, p) {
			v = v[len(p):]
			break
		}
	}
	v = cellSep.Split(v, 2)[0]
	if isCommitteeLine(v) {
		return committeeName(v)
	}
	return ""
}

// timedDate is a time read near a date, and the rule that read it.
type timedDate struct {
	clock string
	rule  string
}

// timeNear finds the meeting's start near its date: in the same sentence
// (not a closing time), or on the next line or two of a heading.
func (d *reading) timeNear(h head, dt foundDate, start, end int) timedDate {
	var best *foundTime
	bestDist := 1 << 30
	sent := h.text[start:end]
	nextDate := end
	for _, o := range findDates(h.text[dt.end:end]) {
		nextDate = dt.end + o.at
		break
	}
	prevDate := start
	for _, o := range findDates(h.text[start:dt.at]) {
		prevDate = start + o.end
	}
	for _, t := range findTimes(sent) {
		at := start + t.at
		if at < prevDate || at >= nextDate || closing.MatchString(h.text[max(start, at-30):at]) {
			continue
		}
		dist := at - dt.end
		if dist < 0 {
			dist = (dt.at - (start + t.end)) * 2 // a time before the date is less usual
		}
		if dist < bestDist && dist < 160 {
			t := t
			best, bestDist = &t, dist
		}
	}
	if best != nil {
		return timedDate{best.clock, "time:statement"}
	}
	// A 24-hour time right after the date: "4 March 2025, 19.30".
	if mm := timeAfterDate.FindStringSubmatch(h.text[dt.end:end]); mm != nil {
		rest := h.text[dt.end+len(mm[0]):]
		if !(len(rest) > 1 && (rest[0] == '.' || rest[0] == ':') && rest[1] >= '0' && rest[1] <= '9') {
			return timedDate{mm[1] + ":" + mm[2], "time:after-date"}
		}
	}
	k := h.lineAt(dt.at)
	for j := k + 1; j < len(h.lines) && j <= k+2; j++ {
		l := h.lines[j].text
		if len(findDates(l)) > 0 && j > k+1 {
			break
		}
		if ts := findTimes(l); len(ts) > 0 && len(strings.Fields(l)) <= 8 && !closing.MatchString(l[:ts[0].at]) {
			return timedDate{ts[0].clock, "time:heading"}
		}
	}
	return timedDate{}
}

// venueNear reads a venue printed beside the meeting's date: after it on
// its line ("… at 7.30pm in the Village Hall"), on the lines below it
// ("Council Chamber, Sessions House," / "County Hall, Maidstone"), or with
// the time ("COVID-19 Virtual Meeting 19:00hrs").
func (d *reading) venueNear(h head, dt foundDate, end int, m *meeting) {
	if m.venue != "" {
		return
	}
	k := h.lineAt(dt.end - 1)
	rest := h.text[dt.end:max(dt.end, min(end, h.lineEnd(k)))]
	if v := sentenceVenue(rest); v != "" {
		m.set(docs.FactVenue, &m.venue, v, "venue:heading")
		return
	}
	for j := k + 1; j < len(h.lines) && j <= k+4; j++ {
		l := h.lines[j]
		t := leftColumn(l)
		if ts := findTimes(t); len(ts) > 0 {
			t = strings.TrimSpace(t[:ts[0].at] + t[ts[0].end:])
		}
		if strings.HasPrefix(t, "(") || len(findDates(t)) > 0 || lowerWords(t) >= 2 {
			continue
		}
		if !venueWords.MatchString(t) || looksWelsh(t) || isCommitteeLine(t) || orgName(t) || len(strings.Fields(t)) > 14 ||
			agendaHead.MatchString(t) || strings.Contains(strings.ToLower(t), "agenda") {
			continue
		}
		parts := []string{t}
		for _, n := range h.lines[j+1 : min(len(h.lines), j+4)] {
			if !strings.HasSuffix(strings.TrimSpace(parts[len(parts)-1]), ",") {
				break
			}
			parts = append(parts, leftColumn(n))
		}
		m.set(docs.FactVenue, &m.venue, tidyVenue(strings.Join(parts, " ")), "venue:heading")
		return
	}
}

// sentenceVenue reads the venue a sentence gives: "held in the Village
// Hall, West Burton, on Tuesday…", "at the Reading Room, Cwmifor.", "via
// Zoom", "yn Ystafell Ddarllen, Cwmifor", "à la salle du conseil".
func sentenceVenue(s string) string {
	for _, loc := range venueLead.FindAllStringIndex(s, -1) {
		v := s[loc[1]:]
		lead := strings.ToLower(strings.Fields(s[loc[0]:loc[1]])[0])
		// A time or a date right after "at" or "on" is not a place.
		if ts := findTimes(v); len(ts) > 0 && ts[0].at == 0 || len(findTimes("at "+v)) > 0 && findTimes("at " + v)[0].at == 0 {
			continue
		}
		if ds := findDates(v); len(ds) > 0 && ds[0].at == 0 {
			continue
		}
		if e := venueEnd.FindStringIndex(v); e != nil {
			v = v[:e[0]]
		}
		if ds := findDates(v); len(ds) > 0 {
			v = v[:ds[0].at]
		}
		if ts := findTimes(v); len(ts) > 0 {
			v = v[:ts[0].at]
		}
		v = strings.TrimSpace(v)
		for _, tail := range []string{" at", " on", " am", " ar", " AT", " ON", ","} {
			v = strings.TrimSuffix(strings.TrimSpace(v), tail)
		}
		v = strings.Trim(v, " ,-–—")
		if v == "" || len(strings.Fields(v)) > 16 || !venueWords.MatchString(v) && lead != "via" {
			continue
		}
		if lead == "via" && len(strings.Fields(v)) > 3 {
			continue
		}
		r := []rune(v)
		if r[0] >= 'a' && r[0] <= 'z' && lead != "à" {
			continue // "in accordance with…", "in person"
		}
		// Keep "The" when it is part of the name ("The Chamber"), not
		// when it is the sentence's ("in the Council Chamber").
		full := s[loc[0]:loc[1]]
		if f := strings.Fields(full); len(f) > 1 && strings.EqualFold(f[1], "the") {
			if first := strings.Fields(v)[0]; venueWords.MatchString(first) && strings.ToUpper(f[1]) == f[1] {
				v = f[1] + " " + v
			}
		}
		return tidyVenue(v)
	}
	return ""
}

// sentenceCommittee reads the committee a sentence names ("meeting of the
// Cabinet", "the Garelochhead Community Council meeting", "Minutes of the
// Transport and Connectivity Policy Committee", "decisions to be taken at
// … Committee"); when it names a council instead, org is the council.
func sentenceCommittee(s string) (committee, org string) {
	try := func(name string) bool {
		name = strings.Trim(name, " ,.–—-:")
		if name == "" {
			return false
		}
		if strings.EqualFold(name, "above council") || strings.EqualFold(name, "council") {
			org = "-"
			return true
		}
		if orgName(name) {
			org = titleCase(name)
			return true
		}
		if isCommitteeLine(name) {
			committee = committeeName(name)
			return true
		}
		return false
	}
	for _, lead := range []*re{meetingOf, minutesOf, takenAt} {
		for _, loc := range lead.FindAllStringIndex(s, -1) {
			if try(nameAfter(s[loc[1]:])) {
				return committee, cleanOrg(org)
			}
		}
	}
	for _, loc := range meetingAfterName.FindAllStringIndex(s, -1) {
		name := nameBefore(s[:loc[0]])
		// "Annual Parish Meeting" is itself the meeting's name.
		if name != "" && try(name+" "+strings.TrimSpace(s[loc[0]:loc[1]])) || try(name) {
			return committee, cleanOrg(org)
		}
	}
	if m := welshMeetingOf.FindStringSubmatch(s); m != nil {
		name := "Cyngor " + strings.TrimSpace(m[1])
		if orgName(name) {
			return "", name
		}
	}
	return "", ""
}

func cleanOrg(org string) string {
	if org == "-" {
		return ""
	}
	return org
}

var (
	meetingOf = lazy(`(?i)\b(?:meeting|meetings|cyfarfod)\s+of\s+(?:the\s+|a\s+)?`)
	minutesOf = lazy(`(?i)\bminutes\s+(?:of|for)\s+(?:the\s+|a\s+)?`)
	takenAt   = lazy(`(?i)\b(?:taken|determined|made)\s+(?:at|by)\s+(?:the\s+)?`)
	// meetingAfterName: "the Parish Council meeting", "… Committee meeting
	// on 19 March 2026", "Garelochhead Community Council Public Meeting".
	meetingAfterName = lazy(`(?i)\s(?:(?:public|ordinary|special|extraordinary|annual|virtual|remote)\s+)?(?:meeting|held their meeting)\b`)
	welshMeetingOf   = lazy(`\b(?:cyfarfod|Cyfarfod)\s+o\s+(?:G|C)yngor\s+((?:Cymuned|Tref|Sir|Dinas)\s+(?:\p{Lu}[\p{L}'’-]*(?:\s+(?:a|ac|y|yr)\s+|\s+)?)+)`)
)

// nameAfter reads a name at the start of s: capitalised words and their
// joining words, up to the first word that cannot be part of a name.
func nameAfter(s string) string {
	var out []string
	caps := MostlyUpper(firstWords(s, 6))
	for _, w := range strings.Fields(s) {
		bare := strings.Trim(w, ",.;:()")
		lw := strings.ToLower(bare)
		if bare == "" || caps && stopWords[lw] || !caps && stopWords[lw] && !jointWords.MatchString(lw) {
			break
		}
		r := []rune(bare)
		if !jointWords.MatchString(lw) && bare != "&" && !(r[0] >= 'A' && r[0] <= 'Z' || r[0] > 127 && strings.ToUpper(string(r[0])) == string(r[0])) {
			break
		}
		if len(findDates(bare+" January 2000")) > 0 && len(bare) <= 4 && r[0] >= '0' && r[0] <= '9' {
			break
		}
		out = append(out, bare)
		if strings.ContainsAny(w, ",.;:(") && w != bare+"." {
			break
		}
		if len(out) >= 14 {
			break
		}
	}
	return cutToName(out)
}

// nameBefore reads a name at the end of s, walking back over capitalised
// words and their joining words.
func nameBefore(s string) string {
	f := strings.Fields(s)
	caps := MostlyUpper(lastWords(s, 6))
	var out []string
	for i := len(f) - 1; i >= 0 && len(out) < 14; i-- {
		w := f[i]
		bare := strings.Trim(w, ",.;:()")
		lw := strings.ToLower(bare)
		if bare == "" || bare != w && i != len(f)-1 && strings.ContainsAny(w[len(w)-1:], ",.;:") {
			break
		}
		if caps && stopWords[lw] || !caps && stopWords[lw] && !jointWords.MatchString(lw) {
			break
		}
		r := []rune(bare)
		if !jointWords.MatchString(lw) && bare != "&" && !(r[0] >= 'A' && r[0] <= 'Z' || r[0] > 127 && strings.ToUpper(string(r[0])) == string(r[0])) {
			break
		}
		out = append([]string{bare}, out...)
	}
	for len(out) > 0 && jointWords.MatchString(strings.ToLower(out[0])) {
		out = out[1:]
	}
	return strings.Join(out, " ")
}

// cutToName ends a run of words at its last committee or council word;
// "Cabinet Member for Housing" is a person, not the Cabinet.
func cutToName(words []string) string {
	for n := len(words); n > 0; n-- {
		s := strings.Join(words[:n], " ")
		if n < len(words) && memberOf[strings.ToLower(words[n])] {
			continue
		}
		if committeeWord.MatchString(s) {
			// "X Committee and Y Committee": a joint meeting.
			return s
		}
	}
	return ""
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

func lastWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[max(0, len(f)-n):], " ")
}

var (
	cancelled     = lazy(`(?i)\b(?:this meeting (?:has been|is) cancelled|meeting cancelled|cancelled|cancellation of meeting|wedi'i ganslo)\b`)
	postponed     = lazy(`(?i)\b(?:postponed|deferred|wedi'i ohirio)\b`)
	extraordinary = lazy(`(?i)\b(?:extraordinary|special|arbennig|eithriadol)\s+(?:general\s+)?(?:meeting|council|cyfarfod)\b|\bcyfarfod\s+(?:arbennig|eithriadol)\b`)
	reconvened    = lazy(`(?i)\b(?:reconvened|re-convened|adjourned meeting)\b`)
	onRising      = lazy(`(?i)\bor\s+(?:on|at)\s+the\s+rising\s+of\s+(?:the\s+)?(.+?)(?:,|\)|\s+whichever\b|\.\s|$)`)
)

// readStatus reads what the head says of the meeting taking place:
// cancelled, postponed, extraordinary, reconvened, or starting "on the
// rising of" another meeting.
func (m *meeting) readStatus(h head) {
	// Cancelled or postponed: a line that says so alone ("CANCELLED"), or
	// a sentence about the meeting that does.
	for _, l := range h.lines {
		switch t := strings.ToLower(strings.Trim(l.text, " .!*")); {
		case t == "cancelled" || t == "meeting cancelled" || t == "wedi'i ganslo":
			m.status = docs.StatusCancelled
		case t == "postponed" || t == "meeting postponed" || t == "wedi'i ohirio":
			m.status = docs.StatusPostponed
		}
	}
	for _, loc := range meetingNoun.FindAllStringIndex(h.text, -1) {
		if m.status != "" {
			break
		}
		start, end := h.sentence(loc[0])
		switch sent := h.text[start:end]; {
		case cancelled.MatchString(sent):
			m.status = docs.StatusCancelled
		case postponed.MatchString(sent):
			m.status = docs.StatusPostponed
		}
	}
	m.extraordinary = extraordinary.MatchString(h.text)
	m.reconvened = reconvened.MatchString(h.text)
	if r := onRising.FindStringSubmatch(h.text); r != nil {
		m.onRisingOf = titleCase(strings.TrimSpace(r[1]))
	}
}

// tidyVenue tidies a venue: spaces, the sentence's "the", a trailing
// comma; a venue set in capitals brought to title case.
func tidyVenue(v string) string {
	v = strings.Join(strings.Fields(v), " ")
	v = strings.TrimPrefix(v, "the ")
	v = strings.Trim(v, " ,.;")
	return titleCase(v)
}

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

// contactLabel starts the contact column that front sheets print beside
// the venue.
var contactLabel = lazy(`(?i)\b(?:telephone|tel|phone|e-?mail|ask for|contact|enquiries)\b\s*:`)

// lowerWords counts the words of s in lower case that are not small
// joining words: a line of a sentence has many, a name or address few.
func lowerWords(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		r := []rune(w)
		if unicode.IsLower(r[0]) && !smallWords[strings.ToLower(w)] {
			n++
		}
	}
	return n
}

// yearlessDate reads a meeting's date printed without its year ("Séance
// publique tenue le 20 juin, à 16h00"), taking the year from the paper's
// other dates when they all fall in one year; otherwise the date is
// unknown.
func (d *reading) yearlessDate(h head, m *meeting) {
	for _, loc := range meetingWord.FindAllStringIndex(h.text, -1) {
		start, end := h.sentence(loc[0])
		day, mon, at, ok := yearless(h.text[start:end])
		if !ok || otherMeeting.MatchString(h.text[start:start+at]) {
			continue
		}
		year := 0
		for i := h.lines[0].page; i < len(d.pages) && i < h.lines[0].page+2; i++ {
			for _, dt := range findDates(d.pages[i].Text) {
				y := atoi(dt.iso[:4])
				if year != 0 && y != year {
					return // dates of more than one year: which is it?
				}
				year = y
			}
		}
		iso := isoDate(year, mon, day)
		if iso == "" {
			return
		}
		m.set(docs.FactDate, &m.date, iso, "date:statement-yearless")
		dt := foundDate{iso: iso, at: start + at, end: start + at + 1}
		if t := d.timeNear(h, dt, start, end); t.clock != "" {
			m.set(docs.FactTime, &m.clock, t.clock, t.rule)
		}
		m.set(docs.FactVenue, &m.venue, sentenceVenue(h.text[start:end]), "venue:statement")
		return
	}
}

// followingMeeting is the meeting whose agenda follows the paper's own on
// the same paper, under its own heading ("A.G.M. Agenda"): named as the
// paper's head names it ("The meeting is followed by the AGM of the Parish
// Council"), on the same day unless its heading gives another.
func (d *reading) followingMeeting(h head, heading, date string) docs.MeetingRef {
	name := heading
	low := strings.ToLower(heading)
	if i := strings.LastIndex(low, "agenda"); i >= 0 {
		name = strings.Trim(heading[:i], " .:-–")
	}
	if ds := findDates(heading); len(ds) > 0 {
		date = ds[0].iso
		name = strings.Trim(heading[:ds[0].at], " .:-–")
	}
	key := strings.ReplaceAll(strings.ToLower(name), ".", "")
	for _, loc := range followedBy.FindAllStringIndex(h.text, -1) {
		n := nameAfter(h.text[loc[1]:])
		if n != "" && key != "" && strings.HasPrefix(strings.ToLower(n), key) {
			name = n
			break
		}
	}
	return docs.MeetingRef{Committee: committeeName(name), Date: date}
}

// memberOf follows a committee's name in a person's title: "Cabinet Member
// for Housing", "Panel Chair".
var memberOf = map[string]bool{"member": true, "members": true, "member's": true, "portfolio": true, "lead": true,
	"chair": true, "chairman": true, "chairperson": true, "vice-chair": true, "secretary": true, "clerk": true, "officer": true}

var timeAfterDate = lazy(`^\s*[,–-]?\s*([01]\d|2[0-3])[.:]([0-5]\d)\b`)

var followedBy = lazy(`(?i)\b(?:followed by|then|before)\s+(?:the\s+|an?\s+)?`)
