package agenda

import (
	"strings"
	"unicode"

	"panelpapers/docs"
)

// PackQuestion is a question on notice as one paper records it, with the
// meeting it was put to and where in the paper it is.
type PackQuestion struct {
	docs.Question
	// Meeting is the date (yyyy-mm-dd) of the meeting the question was put
	// to. For the minutes of an earlier meeting bound into an agenda pack it
	// is that earlier meeting's date, not the pack's.
	Meeting   string    `json:"meeting"`
	Committee string    `json:"committee"`
	Pack      string    `json:"pack"`  // the version's SHA-256
	Kind      docs.Kind `json:"kind"`  // of the paper it was found in
	Title     string    `json:"title"` // the paper's title
	Printed   string    `json:"printed"`
	// ResponsePage is the PDF page where the recorded response starts (often
	// the page after the question), 0 when no response is recorded.
	ResponsePage int `json:"response_page"`
}

// Answered reports whether the paper records a response.
func (q *PackQuestion) Answered() bool { return q.Response != "" }

// Key identifies the question across papers: the same question printed in
// the agenda pack, the minutes and the next meeting's pack has one key, so a
// list of questions can show it once.
func (q *PackQuestion) Key() string {
	const prefix = 80 // letters and digits: enough to tell questions apart, short of the clerk's edits at the end
	s := LetterDigits(q.Text)
	if r := []rune(s); len(r) > prefix {
		s = string(r[:prefix])
	}
	return q.Meeting + "|" + s
}

// LetterDigits keeps the letters (lower-cased) and digits of s, so that texts
// that differ only in line breaks, hyphenation or punctuation compare equal.
func LetterDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// QuestionsIn lists the questions a version records (v.Agenda.Questions),
// with the meeting each was put to (the question's own Meeting when the
// parser set it, else the paper's, or the earlier meeting whose minutes the
// paper carries), the printed page number and the page of the response. pages may be nil or partial; then what only the pages tell
// (printed numbers, the response's page when it is not the question's) is
// left out.
func QuestionsIn(v *docs.Version, pages []docs.Page) []PackQuestion {
	if len(v.Agenda.Questions) == 0 {
		return nil
	}
	byNumber := make(map[int]*docs.Page, len(pages))
	for i := range pages {
		byNumber[pages[i].Number] = &pages[i]
	}
	items := make(map[string]string, len(v.Agenda.Items))
	for _, it := range v.Agenda.Items {
		items[it.Number] = it.Title
	}
	committee := v.Committee
	if committee == "" {
		committee = v.Agenda.Committee
	}
	meeting := v.Date
	if meeting == "" {
		meeting = v.Agenda.Date
	}
	out := make([]PackQuestion, 0, len(v.Agenda.Questions))
	for _, q := range v.Agenda.Questions {
		pq := PackQuestion{Question: q, Meeting: meeting, Committee: committee, Pack: v.SHA256, Kind: v.Kind, Title: v.Title}
		if p := byNumber[q.Page]; p != nil {
			pq.Printed = p.Printed
		}
		switch {
		case OtherMeeting(v.Agenda, q):
			pq.Meeting = q.Meeting // the minutes of the last meeting, bound in
		case q.Meeting != "":
			// The pack's own meeting, whose date the member or the
			// council's site may have corrected since.
		case v.Kind != docs.KindMinutes:
			// Read before questions were dated: the item's title or page
			// may say whose minutes they are.
			if d := earlierMinutesDate(items[q.Item], byNumber[q.Page]); d != "" {
				pq.Meeting = d
			}
		}
		if q.Response != "" {
			pq.ResponsePage = responsePage(q, byNumber)
		}
		out = append(out, pq)
	}
	return out
}

// minutesHeld finds "minutes of the meeting … held on <date>", as printed at
// the head of minutes and in the agenda item that confirms them.
var minutesHeld = lazy(`(?is)\bminutes\s+of\s+(?:the\s+)?(?:\w+\s+)?(?:meeting|proceedings)\b.{0,160}?\bheld\s+on\s+(.{0,40})`)

// earlierMinutesDate returns the date of the meeting whose minutes a pack
// carries under an item ("To confirm as a correct record the minutes of the
// meeting of the panel held on 14 July 2023"), from the item's title or, when
// that says nothing, the page the question is on; "" when neither does.
func earlierMinutesDate(itemTitle string, page *docs.Page) string {
	for _, s := range []string{itemTitle, pageText(page)} {
		if m := minutesHeld.FindStringSubmatch(s); m != nil {
			if ds := findDates(strings.Join(strings.Fields(m[1]), " ")); len(ds) > 0 {
				return ds[0].iso
			}
		}
	}
	return ""
}

func pageText(p *docs.Page) string {
	if p == nil {
		return ""
	}
	return p.Text
}

// responsePage finds the page where q's response starts: the first page from
// the question's on whose text the response's opening words are.
func responsePage(q docs.Question, pages map[int]*docs.Page) int {
	start := LetterDigits(q.Response)
	if r := []rune(start); len(r) > 40 {
		start = string(r[:40])
	}
	for n := q.Page; n <= q.Page+docs.ResponseLookahead; n++ {
		if p := pages[n]; p != nil && strings.Contains(LetterDigits(p.Text), start) {
			return n
		}
	}
	return q.Page
}

// OtherMeeting reports whether q was put to another meeting than the one a
// is for: it is recorded in the minutes of the last meeting bound into the
// pack (one of a.Meetings). This meeting's questions on notice are the
// others.
func OtherMeeting(a docs.Agenda, q docs.Question) bool {
	if q.Meeting == "" {
		return false
	}
	for _, m := range a.Meetings {
		if m.Date == q.Meeting {
			return true
		}
	}
	return false
}
