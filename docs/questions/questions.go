package questions

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
	"panelpapers/docs/words"
)

// Questions on notice, from the papers and from the member: the questions
// a paper records (to look back on), citations of pages, the member's
// questions put into the form the panel expects and into an e-mail to the
// clerk, and the responses minutes record, linked back to the member's
// drafts.

// --- questions the papers record ------------------------------------------------

// --- citations ----------------------------------------------------------------------

// CitationText names a page of a paper the way a member cites it in a
// question: "Performance report, item 6, page 23 of the 27 October 2023
// pack". The page number is the printed one where the paper prints one (what
// everyone at the meeting sees), else the PDF page. An agenda item title in
// capitals is put in title case.
func CitationText(v *docs.Version, p docs.Page) string {
	var parts []string
	if p.Item != "" {
		title := ""
		for _, it := range v.Agenda.Items {
			if it.Number == p.Item {
				title = strings.TrimSpace(it.Title)
				break
			}
		}
		if title != "" {
			parts = append(parts, tidyTitle(title))
		}
		parts = append(parts, "item "+p.Item)
	}
	titled := p.Item == "" && v.Kind == docs.KindReport && v.Title != ""
	if titled {
		parts = append(parts, tidyTitle(v.Title))
	}
	page := p.Printed
	if page == "" {
		page = fmt.Sprint(p.Number)
	}
	where := "page " + page
	date := v.Date
	if date == "" {
		date = v.Agenda.Date
	}
	if t, err := time.Parse(time.DateOnly, date); err == nil {
		where += " of the " + t.Format("2 January 2006") + " " + kindNoun(v.Kind)
	} else if !titled && v.Title != "" {
		where += " of “" + v.Title + "”"
	}
	parts = append(parts, where)
	s := strings.Join(parts, ", ")
	return upperFirst(s)
}

// kindNoun is what a member calls a paper of a kind in a citation.
func kindNoun(k docs.Kind) string {
	switch k {
	case docs.KindAgenda:
		return "pack"
	case docs.KindSupplement:
		return "supplementary pack"
	case docs.KindMinutes:
		return "minutes"
	case docs.KindReport:
		return "report"
	}
	return "papers"
}

// minorWords stay in lower case inside a title.
var minorWords = map[string]bool{"a": true, "against": true, "an": true, "and": true, "as": true, "at": true, "by": true, "for": true,
	"from": true, "in": true, "into": true, "of": true, "on": true, "or": true, "the": true, "to": true, "with": true}

// tidyTitle puts a title printed in capitals into title case, keeping
// acronyms (words with no vowel: PCC, CCTV) and codes (2022/23) as they
// are; a title already in mixed case is left alone.
func tidyTitle(s string) string {
	if !agenda.MostlyUpper(s) {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		lw := strings.ToLower(w)
		switch {
		case i > 0 && minorWords[lw]:
			words[i] = lw
		case !strings.ContainsAny(lw, "aeiouyw"):
			// PCC, CCTV, 2022/23
		default:
			words[i] = titleWord(lw)
		}
	}
	return strings.Join(words, " ")
}

// titleWord capitalises each part of a word joined by hyphens: "dyfed-powys"
// is "Dyfed-Powys".
func titleWord(w string) string {
	parts := strings.Split(w, "-")
	for i, p := range parts {
		parts[i] = upperFirst(p)
	}
	return strings.Join(parts, "-")
}

func upperFirst(s string) string {
	for i, r := range s {
		return s[:i] + string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// --- the member's questions, as sent ------------------------------------------------

// ExportFormat is how questions are written out for sending.
type ExportFormat int

// The export formats.
const (
	ExportText     ExportFormat = iota // plain text, for copying and .txt files
	ExportMarkdown                     // Markdown, for .md files
)

// ExportQuestions writes drafts in the form a panel's agenda prints them:
// for each meeting a heading (committee and date) and, for each question,
// "Question from Councillor …:" then its text. Drafts of several meetings
// are grouped by meeting, in the order their first draft comes.
func ExportQuestions(drafts []docs.Draft, f ExportFormat) string {
	var b strings.Builder
	for i, g := range groupByMeeting(drafts) {
		if i > 0 {
			b.WriteString("\n")
		}
		heading := meetingHeading(g[0])
		addressee, same := sharedAddressee(g)
		if f == ExportMarkdown {
			fmt.Fprintf(&b, "# %s\n\n", heading)
		} else {
			fmt.Fprintf(&b, "%s\n\n", heading)
		}
		if same {
			fmt.Fprintf(&b, "Questions on notice to %s\n\n", addressee)
		}
		for j, d := range g {
			if j > 0 {
				b.WriteString("\n")
			}
			line := askerLine(d, !same)
			body := strings.TrimSpace(strings.ReplaceAll(d.Body, "\r\n", "\n"))
			if f == ExportMarkdown {
				fmt.Fprintf(&b, "## %s\n\n%s\n", strings.TrimSuffix(line, ":"), markdownText(body))
			} else {
				fmt.Fprintf(&b, "%s\n%s\n", line, body)
			}
		}
	}
	return b.String()
}

// groupByMeeting splits drafts by committee and meeting date, keeping their
// order within each group.
func groupByMeeting(drafts []docs.Draft) [][]docs.Draft {
	var groups [][]docs.Draft
	index := map[string]int{}
	for _, d := range drafts {
		k := docs.CommitteeKey(d.Committee) + "|" + d.Meeting
		i, ok := index[k]
		if !ok {
			i = len(groups)
			index[k] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], d)
	}
	return groups
}

// meetingHeading is "Dyfed-Powys Police and Crime Panel, Friday 27 October 2023".
func meetingHeading(d docs.Draft) string {
	var parts []string
	if c := strings.TrimSpace(d.Committee); c != "" {
		parts = append(parts, c)
	}
	if t, err := time.Parse(time.DateOnly, d.Meeting); err == nil {
		parts = append(parts, t.Format("Monday 2 January 2006"))
	}
	if len(parts) == 0 {
		return "Questions on notice"
	}
	return strings.Join(parts, ", ")
}

// meetingPhrase is " for the meeting of the Dyfed-Powys Police and Crime
// Panel on Friday 27 October 2023", or as much of it as the draft says.
func meetingPhrase(d docs.Draft) string {
	var b strings.Builder
	if c := strings.TrimSpace(d.Committee); c != "" {
		b.WriteString(" for the meeting of ")
		if !strings.HasPrefix(strings.ToLower(c), "the ") {
			b.WriteString("the ")
		}
		b.WriteString(c)
	}
	if t, err := time.Parse(time.DateOnly, d.Meeting); err == nil {
		if b.Len() == 0 {
			b.WriteString(" for the meeting")
		}
		b.WriteString(" on " + t.Format("Monday 2 January 2006"))
	}
	return b.String()
}

func addresseeOf(d docs.Draft) string {
	if a := strings.TrimSpace(d.Addressee); a != "" {
		return a
	}
	return docs.DefaultAddressee
}

// sharedAddressee returns the addressee of the drafts, and whether they all
// have the same one.
func sharedAddressee(ds []docs.Draft) (string, bool) {
	a := addresseeOf(ds[0])
	for _, d := range ds[1:] {
		if !strings.EqualFold(addresseeOf(d), a) {
			return "", false
		}
	}
	return a, true
}

// honorifics are the titles a question's asker may already carry.
var honorifics = map[string]bool{"councillor": true, "cllr": true, "cynghorydd": true, "mr": true, "mrs": true,
	"ms": true, "miss": true, "mx": true, "dr": true, "professor": true, "prof": true, "sir": true, "dame": true,
	"lord": true, "lady": true, "the": true}

// askerLine is "Question from Councillor Jane Roberts-Jones:", with the
// addressee when the questions of a meeting go to different people. An asker
// given without a title is a councillor, as members of a panel mostly are.
func askerLine(d docs.Draft, withAddressee bool) string {
	asker := strings.Join(strings.Fields(d.Asker), " ")
	line := "Question on notice"
	if asker != "" {
		first := strings.ToLower(strings.TrimRight(strings.Fields(asker)[0], "."))
		if !honorifics[first] {
			asker = "Councillor " + asker
		}
		line = "Question from " + asker
	}
	if withAddressee {
		line += " to " + addresseeOf(d)
	}
	return line + ":"
}

// markdownLead matches what would start a heading, a list or a quote at the
// beginning of a line of Markdown ("*" is escaped everywhere already).
var markdownLead = regexp.MustCompile(`^(\s*)([#>+\-]|\d+[.)])`)

// markdownText escapes the characters that would turn a line of plain text
// into Markdown structure, so that the question reads as the member wrote it.
func markdownText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = strings.NewReplacer(`\`, `\\`, "`", "\\`", "_", `\_`, "*", `\*`).Replace(l)
		if m := markdownLead.FindStringSubmatchIndex(l); m != nil {
			// Escape the lead's last character: the "#", or the "." after a number.
			end := m[5]
			l = l[:end-1] + `\` + l[end-1:]
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// Email is a message for the member's mail client.
type Email struct {
	To      string // one address, or "" when the pack names none
	Subject string
	Body    string // lines separated by \n
}

// QuestionEmail is the e-mail that sends drafts to the democratic services
// officer the pack's front sheet names (officer may be nil): a subject naming
// the committee and meeting, and a body with the questions in the panel's
// form. The drafts are normally those of one meeting.
func QuestionEmail(officer *docs.Officer, drafts []docs.Draft) Email {
	var e Email
	greeting := "Dear Democratic Services,"
	if officer != nil {
		e.To = strings.TrimSpace(officer.Email)
		if n := strings.TrimSpace(officer.Name); n != "" {
			greeting = "Dear " + n + ","
		}
	}
	noun := "question"
	if len(drafts) > 1 {
		noun = "questions"
	}
	groups := groupByMeeting(drafts)
	var meetings []string
	for _, g := range groups {
		meetings = append(meetings, meetingHeading(g[0]))
	}
	e.Subject = upperFirst(noun) + " on notice"
	if len(meetings) > 0 {
		e.Subject += ": " + strings.Join(meetings, "; ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nPlease find below my %s on notice", greeting, noun)
	if len(groups) == 1 {
		b.WriteString(meetingPhrase(groups[0][0]))
	}
	b.WriteString(".\n\n")
	b.WriteString(ExportQuestions(drafts, ExportText))
	b.WriteString("\nKind regards,\n")
	for _, d := range drafts {
		if a := strings.TrimSpace(d.Asker); a != "" {
			b.WriteString(a + "\n")
			break
		}
	}
	e.Body = b.String()
	return e
}

// MailtoMaxLen is the longest mailto: link every common mail client opens:
// Outlook on Windows takes no more than about 2,000 characters. A longer
// message should be copied into the mail instead.
const MailtoMaxLen = 2000

// MailtoURL is the mailto: link that opens the member's mail client with the
// message filled in, encoded as RFC 6068 asks: every character but letters,
// digits and "-._~" percent-encoded as UTF-8 (a space is %20, never +), and
// line breaks sent as CRLF (%0D%0A).
func (e Email) MailtoURL() string {
	var b strings.Builder
	b.WriteString("mailto:")
	b.WriteString(mailtoEscape(e.To, "@"))
	sep := "?"
	for _, f := range []struct{ name, val string }{{"subject", e.Subject}, {"body", crlf(e.Body)}} {
		if f.val == "" {
			continue
		}
		b.WriteString(sep + f.name + "=" + mailtoEscape(f.val, ""))
		sep = "&"
	}
	return b.String()
}

// crlf turns every line break into CRLF, as RFC 6068 wants in a body.
func crlf(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// mailtoEscape percent-encodes every byte of s except the unreserved
// characters of RFC 3986 and those in keep.
func mailtoEscape(s, keep string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("-._~", c) >= 0 || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// --- responses recorded in minutes -----------------------------------------------

// Answer is the response a paper records to one of the member's questions.
type Answer struct {
	Draft    string `json:"draft"` // the draft's id
	Pack     string `json:"pack"`  // SHA-256 of the paper that records the response
	Page     int    `json:"page"`  // PDF page where the response starts, for the jump
	Printed  string `json:"printed"`
	Meeting  string `json:"meeting"`
	Asker    string `json:"asker"`    // as the paper prints it
	Question string `json:"question"` // the question as the paper records it
	Response string `json:"response"`
	// Match says how closely the recorded question matches the draft, from
	// MinAnswerMatch to 1.
	Match  float64   `json:"match"`
	Linked time.Time `json:"linked"`
}

// MinAnswerMatch is how closely a draft and a recorded question must match
// to be taken as the same question: the mean of the share of the shorter's
// words the other has (clerks shorten questions in minutes, but keep their
// words) and the share of both's words they have in common.
const MinAnswerMatch = 0.65

// MatchAnswers pairs sent drafts with the recorded responses among found:
// a draft and a question must be for the same meeting (and committee, when
// both say), asked by the same person when both name the asker, and match
// by at least MinAnswerMatch of their words (the asker's surname adds a
// little). Each draft and each question is paired at most once, closest
// pairs first. Page is the response's page.
func MatchAnswers(drafts []docs.Draft, found []agenda.PackQuestion) []Answer {
	type pair struct {
		d, q  int
		score float64
	}
	var pairs []pair
	qWords := make([]map[string]bool, len(found))
	for i := range found {
		qWords[i] = contentWords(found[i].Text)
	}
	for di, d := range drafts {
		if d.Status != docs.DraftSent || d.Meeting == "" {
			continue
		}
		dw := contentWords(d.Body)
		for qi, q := range found {
			if !q.Answered() || q.Meeting != d.Meeting || !sameCommittee(d.Committee, q.Committee) {
				continue
			}
			bonus, ok := askerBonus(d.Asker, q.Asker)
			if !ok {
				continue
			}
			s := likeness(dw, qWords[qi]) + bonus
			if s >= MinAnswerMatch {
				pairs = append(pairs, pair{di, qi, min(s, 1)})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].score > pairs[j].score })
	usedD, usedQ := map[int]bool{}, map[int]bool{}
	var out []Answer
	for _, p := range pairs {
		if usedD[p.d] || usedQ[p.q] {
			continue
		}
		usedD[p.d], usedQ[p.q] = true, true
		q := found[p.q]
		page := q.ResponsePage
		if page == 0 {
			page = q.Page
		}
		out = append(out, Answer{Draft: drafts[p.d].ID, Pack: q.Pack, Page: page, Printed: q.Printed, Meeting: q.Meeting,
			Asker: q.Asker, Question: q.Text, Response: q.Response, Match: p.score})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Draft < out[j].Draft })
	return out
}

// minSharedWords is the fewest words a draft and a recorded question must
// share: a two-word question is not recognised by its two words.
const minSharedWords = 4

// likeness is the mean of two shares of shared words: of the smaller set
// (the overlap coefficient) and of both (Dice's). It is 0 when fewer than
// minSharedWords are shared.
func likeness(a, b map[string]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	shared := 0
	for w := range a {
		if b[w] {
			shared++
		}
	}
	if len(a) == 0 || shared < min(minSharedWords, len(a)) {
		return 0
	}
	return (float64(shared)/float64(len(a)) + 2*float64(shared)/float64(len(a)+len(b))) / 2
}

// askerBonus compares the surnames of a draft's asker and a recorded
// question's: the same adds 0.1 to a match; different (both known) rules it
// out, as a member's question is minuted under their own name.
func askerBonus(draftAsker, paperAsker string) (bonus float64, ok bool) {
	a, b := surname(draftAsker), surname(paperAsker)
	switch {
	case a == "" || b == "":
		return 0, true
	case a == b:
		return 0.1, true
	}
	return 0, false
}

func surname(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	return agenda.LetterDigits(f[len(f)-1])
}

// sameCommittee compares committee titles loosely ("&" for "and", case,
// spacing and punctuation aside); an unknown title matches any.
func sameCommittee(a, b string) bool {
	na := agenda.LetterDigits(strings.ReplaceAll(a, "&", "and"))
	nb := agenda.LetterDigits(strings.ReplaceAll(b, "&", "and"))
	return na == "" || nb == "" || strings.Contains(na, nb) || strings.Contains(nb, na)
}

// stopWords are left out when comparing the words of two questions.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`about after all also and any are been being but can could did does
		for from had has have her his how into its may more not our please say she should some such than that
		the their them then there these they this those was were what when where which who whom why will
		with would you your commissioner police crime panel`) {
		m[w] = true
	}
	return m
}()

// contentWords is the set of words of s that carry its meaning: folded as
// everywhere (docs/words), three letters or more (any number), a plural's
// "s" dropped, stop words out.
func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range words.Texts(s) {
		digits := strings.IndexFunc(w, unicode.IsDigit) >= 0
		if (len([]rune(w)) < 3 && !digits) || stopWords[w] {
			continue
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		out[w] = true
	}
	return out
}
