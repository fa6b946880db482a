package agenda

import (
	"strings"
	"unicode"

	"panelpapers/docs"
)

var (
	questionFrom = lazy(`(?i)^(?:[\d.()a-z]{1,6}\s+)?(?:supplementary\s+)?question(?:\s+(?:no\.?\s*)?\d+)?\s+(?:from|by)\s+(.+?)\s*:?\s*$`)
	responseFrom = lazy(`(?i)^(?:[\d.()a-z]{1,6}\s+)?(?:(?:the\s+)?[\p{L}'’ -]{1,40}?['’]s?\s+)?(?:response|answer|reply|written response|ymateb|ateb)(?:\s+(?:from|by)\s+.+?)?\s*:\s*(.*)$`)
	// questionNum heads a numbered question and names who asked it:
	// "Question 12 – Mary Collett". A "Question 1 - The airport is…"
	// inside another question's text is not one: it has no name, and
	// breaks the numbering.
	questionNum = lazy(`(?i)^question\s+(\d{1,3})\s*[–—-]\s*(.{2,80})$`)
	askerTail   = lazy(`(?i)\s+to\s+(?:the\s+)?(?:police|commissioner|chair|leader|cabinet|mr|mrs|ms|dr|councillor|cllr)\b.*$`)
)

// questions collects "Question from …" blocks, their text, and the
// "Response from …" that follows them in minutes.
func (d *reading) questions() []docs.Question {
	var out []docs.Question
	var q *docs.Question
	var buf *[]string
	var qText, rText []string
	flush := func() {
		if q != nil {
			q.Text = joinParagraphs(qText)
			q.Response = joinParagraphs(rText)
			if q.Text != "" {
				out = append(out, *q)
			}
		}
		q, buf, qText, rText = nil, nil, nil, nil
	}
	item := ""
	lastNum, numbered := 0, false
	for i := range d.pages {
		if d.pages[i].Blank {
			continue
		}
		if d.minuteHeads == nil {
			item = d.pages[i].Item
		}
		if d.itemAt[i] >= 0 && q != nil && item != q.Item {
			flush()
		}
		for j, l := range d.lines[i] {
			if j == d.printedAt[i] || j == d.itemAt[i] || bareNumber.MatchString(l.text) {
				continue
			}
			if n, ok := d.minuteHeads[[2]int{i, j}]; ok {
				item = n
			}
			t := l.text
			if m := questionFrom.FindStringSubmatch(t); m != nil && len(m[1]) < 120 {
				flush()
				asker := askerTail.ReplaceAllString(m[1], "")
				q = &docs.Question{Asker: strings.TrimRight(strings.TrimSpace(asker), ":,."), Item: item, Page: i + 1}
				d.rules["questions"] = "questions:question-from"
				buf = &qText
				continue
			}
			if m := questionNum.FindStringSubmatch(t); m != nil && atoi(m[1]) == lastNum+1 && askerName(m[2]) {
				flush()
				lastNum++
				numbered = true
				q = &docs.Question{Asker: strings.TrimSpace(m[2]), Item: item, Page: i + 1}
				d.rules["questions"] = "questions:numbered"
				buf = &qText
				continue
			}
			if q == nil {
				continue
			}
			if m := responseFrom.FindStringSubmatch(t); m != nil && len(t) < 160 {
				buf = &rText
				if m[1] != "" {
					rText = append(rText, m[1])
				}
				continue
			}
			if endsQuestion(l) && !numbered {
				// A numbered question runs to the next: its text may be
				// set in capitals.
				flush()
				continue
			}
			*buf = append(*buf, t)
		}
	}
	flush()
	return out
}

// endsQuestion reports whether a line starts something else: a numbered
// heading in capitals, or a heading line in capitals.
func endsQuestion(l textLine) bool {
	if _, rest, ok := itemLine(l); ok && MostlyUpper(rest) {
		return true
	}
	if minuteItem.MatchString(l.text) || itemStamp.MatchString(l.text) {
		return true
	}
	f := strings.Fields(l.text)
	return len(f) >= 2 && len(f) <= 12 && MostlyUpper(l.text) && !strings.ContainsAny(l.text, "?.")
}

// joinParagraphs joins lines with spaces, a hyphen at a line's end with
// nothing, and paragraphs (separated by "") with a blank line.
func joinParagraphs(lines []string) string {
	var paras []string
	var cur strings.Builder
	for _, l := range lines {
		if l == "" {
			if cur.Len() > 0 {
				paras = append(paras, cur.String())
				cur.Reset()
			}
			continue
		}
		if cur.Len() > 0 {
			s := cur.String()
			if !(strings.HasSuffix(s, "-") && len(s) > 1 && unicode.IsLetter(rune(s[len(s)-2]))) {
				cur.WriteByte(' ')
			}
		}
		cur.WriteString(l)
	}
	if cur.Len() > 0 {
		paras = append(paras, cur.String())
	}
	return strings.Join(paras, "\n\n")
}

// askerName reports whether s could be who asked a question: a short name
// ("Mary Collett", "Councillor Rob Bryher", "Mrs KC Martin"), not a
// sentence.
func askerName(s string) bool {
	f := strings.Fields(s)
	return len(f) >= 1 && len(f) <= 7 && lowerWords(s) == 0 && !strings.ContainsAny(s, "?.;:") || len(f) <= 7 && personTitle.MatchString(s)
}
