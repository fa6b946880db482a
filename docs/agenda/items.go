package agenda

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"panelpapers/docs"
)

var (
	itemNum    = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2}|[a-z]|\([a-z]\))?)(\.?)(?:\s+|$)(.*)$`)
	rangeParen = regexp.MustCompile(`(?i)\s*\(\s*pages?\s+(\d{1,4})(?:\s*(?:-|–|to)\s*(\d{1,4}))?\s*\)`)
	rangeCell  = regexp.MustCompile(`^(?:pages?\s+)?(\d{1,4})(?:\s*(?:-|–|to)\s*(\d{1,4}))?$`)
)

// itemLine reads "3.  Title  5 - 10" or "3   Title (Pages 5 - 10)".
func itemLine(l textLine) (num, rest string, ok bool) {
	if len(l.cells) == 0 {
		return "", "", false
	}
	m := itemNum.FindStringSubmatch(l.text)
	if m == nil {
		return "", "", false
	}
	rest = strings.TrimSpace(m[3])
	// A number needs a dot or a table's gap after it: "2 Members of…" in a
	// sentence is not an item.
	spaced := len(l.cells) > 1 && l.cells[0] == m[1]
	sub := strings.ContainsAny(m[1], ".(") || unicode.IsLetter(rune(m[1][len(m[1])-1]))
	if m[2] == "" && !spaced && !sub {
		return "", "", false
	}
	if rest == "" || !unicode.IsUpper([]rune(rest)[0]) && !unicode.IsDigit([]rune(rest)[0]) {
		return "", "", false
	}
	num = strings.NewReplacer("(", "", ")", "").Replace(strings.ToLower(m[1]))
	return num, rest, true
}

// agendaItems reads the numbered list of the front matter: the pages before
// the first report.
func (d *reading) agendaItems() []docs.AgendaItem {
	end := len(d.pages)
	for i := range d.pages {
		if d.itemAt[i] >= 0 {
			end = i
			break
		}
	}
	first := d.firstContentPage()
	return d.agendaItemsOn(first, min(end, first+6))
}

func (d *reading) agendaItemsOn(from, to int) []docs.AgendaItem {
	var items []docs.AgendaItem
	var cur *docs.AgendaItem
	var title []string
	flush := func() {
		if cur == nil {
			return
		}
		t := strings.Join(title, " ")
		if m := rangeParen.FindStringSubmatch(t); m != nil {
			cur.PrintedFirst, cur.PrintedLast = pageRange(m[1], m[2])
			t = rangeParen.ReplaceAllString(t, "")
		}
		cur.Title = strings.TrimSpace(strings.Trim(strings.Join(strings.Fields(t), " "), " -–"))
		if cur.Title != "" {
			items = append(items, *cur)
		}
		cur, title = nil, nil
	}
	lastMain := -1
	for i := from; i < to && i < len(d.pages); i++ {
		for j, l := range d.lines[i] {
			if j == d.printedAt[i] || j == d.itemAt[i] {
				continue
			}
			if l.text == "" {
				flush() // a title never runs past a blank line
				continue
			}
			if num, rest, ok := itemLine(l); ok {
				main := atoi(strings.TrimRightFunc(strings.SplitN(num, ".", 2)[0], unicode.IsLetter))
				if main >= lastMain && main > 0 && (main > lastMain || num != strconv.Itoa(main)) {
					flush()
					lastMain = main
					cur = &docs.AgendaItem{Number: num}
					title = titleCells(cellSep.Split(rest, -1), cur)
					continue
				}
			}
			if cur != nil && titleGoesOn(title, l.text) {
				title = append(title, titleCells(l.cells, cur)...)
				continue
			}
			flush()
		}
		flush()
	}
	return items
}

// titleGoesOn tells a wrapped title's next line from a description
// printed under the title ("To receive the report of…"): a title goes on
// after a long line, a small word or a comma, into a line in lower case or
// one in capitals like the title; never past its "(Pages 5 - 10)".
func titleGoesOn(title []string, next string) bool {
	if len(title) == 0 || rangeParen.MatchString(strings.Join(title, " ")) {
		return false
	}
	prev := title[len(title)-1]
	if wrapped(prev, next) || len([]rune(prev)) >= 55 || rangeParen.MatchString(next) {
		return true
	}
	return MostlyUpper(title[0]) && mostlyUpperOrDigits(next)
}

// titleCells returns a line's title text and takes a "5 - 10" cell, when
// there is one, as the item's printed range.
func titleCells(cells []string, it *docs.AgendaItem) []string {
	if len(cells) > 1 {
		if m := rangeCell.FindStringSubmatch(strings.ToLower(cells[len(cells)-1])); m != nil && it.PrintedFirst == 0 {
			it.PrintedFirst, it.PrintedLast = pageRange(m[1], m[2])
			cells = cells[:len(cells)-1]
		}
	}
	return []string{strings.Join(cells, " ")}
}

func pageRange(a, b string) (int, int) {
	f := atoi(a)
	l := f
	if b != "" {
		l = atoi(b)
	}
	if l < f {
		l = f
	}
	return f, l
}

// mergeStampedItems adds the items whose "Agenda Item N" stamp is in the
// document but not in its list (a supplement without a list, a report).
func (d *reading) mergeStampedItems(items []docs.AgendaItem, kind docs.Kind) []docs.AgendaItem {
	if kind == docs.KindMinutes {
		return items
	}
	have := map[string]bool{}
	for _, it := range items {
		have[it.Number] = true
	}
	for _, n := range d.itemStamp {
		if n == "" || have[n] {
			continue
		}
		have[n] = true
		it := docs.AgendaItem{Number: n}
		if kind == docs.KindReport || kind == docs.KindOther {
			it.Title = d.heading()
		}
		items = append(items, it)
	}
	return items
}

// placeItems finds each item's PDF pages: its "Agenda Item N" stamp, or the
// page stamped with the first page of its printed range; an item runs until
// the page before the next item's first page.
func (d *reading) placeItems(items []docs.AgendaItem) {
	byPrinted := map[string]int{}
	for i, p := range d.pages {
		if p.Printed != "" {
			if _, dup := byPrinted[p.Printed]; !dup {
				byPrinted[p.Printed] = i + 1
			}
		}
	}
	stamped := map[string]int{}
	for i, n := range d.itemStamp {
		if n != "" {
			if _, dup := stamped[n]; !dup {
				stamped[n] = i + 1
			}
		}
	}
	for k := range items {
		it := &items[k]
		if p, ok := stamped[it.Number]; ok {
			it.First = p
		} else if it.PrintedFirst > 0 {
			it.First = byPrinted[strconv.Itoa(it.PrintedFirst)]
		}
	}
	setLasts(items, len(d.pages), nil)
}

// setLasts ends each placed item where the next placed item starts: on the
// page before, or on that page when midPage says the next one starts
// part-way down it.
func setLasts(items []docs.AgendaItem, nPages int, midPage map[int]bool) {
	var order []int
	for k := range items {
		if items[k].First > 0 {
			order = append(order, k)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return items[order[a]].First < items[order[b]].First })
	for o, k := range order {
		items[k].Last = nPages
		if o+1 < len(order) {
			n := order[o+1]
			last := items[n].First - 1
			if midPage[n] {
				last = items[n].First
			}
			items[k].Last = max(items[k].First, last)
		}
	}
}

// itemOf is the first item whose pages include page n.
func (d *reading) itemOf(items []docs.AgendaItem, n int) string {
	for _, it := range items {
		if it.First > 0 && it.First <= n && n <= it.Last {
			return it.Number
		}
	}
	return ""
}
