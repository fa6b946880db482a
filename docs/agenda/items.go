package agenda

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"panelpapers/docs"
)

var (
	itemNum    = lazy(`^(\d{1,4}(?:\.\d{1,2}|[a-z]|\([a-z]\))?)(\.?)(?:\s+|$)(.*)$`)
	rangeParen = lazy(`(?i)\s*\(\s*pages?\s+(\d{1,4})(?:\s*(?:-|–|to)\s*(\d{1,4}))?\s*\)`)
	rangeCell  = lazy(`^(?:pages?\s+)?(\d{1,4})(?:\s*(?:-|–|to)\s*(\d{1,4}))?$`)
	// letterMark starts a lettered or numbered sub-item: "a.", "b)",
	// "(c)", "(ii)", "iv."; capitalMark a lettered item: "A.", "B)".
	letterMark  = lazy(`^\(?([a-z]|[ivx]{1,4})[.)]\s+(.+)$|^([a-z])\s{2,}(.+)$`)
	capitalMark = lazy(`^\(?([A-Z])[.)]\s+(.+)$`)
	// personTitle starts a member's name: a membership list is not an
	// agenda, however it is numbered.
	personTitle = lazy(`^(?i:(?:county\s+)?councillor|cllr\.?|cyng(?:horydd)?\.?|mr|mrs|ms|miss|mx|dr|professor|prof\.?|sir|dame|lord|lady|the rt\.? hon\.?)\s+\p{Lu}`)
	// listHead heads an agenda list: "AGENDA", "Public Meeting Agenda",
	// "A.G.M. Agenda", "Agenda & Summons…", "Agenda Item No".
	listHead = lazy(`(?i)^(?:agenda|rhaglen|ordre du jour)(?:\s+item\s+no\.?|\s*(?:&|and)\s+summons.*|\s+frontsheet)?$|^(?:agenda|rhaglen)\s*[-–:]|^(.{1,60}?)\s+agenda$`)
)

// isListHead reports whether a line heads an agenda list. "… Agenda" must
// be a name ("Annual Parish Meeting Agenda"), not a sentence ending in the
// word ("To register an interest in any item on the Agenda").
func isListHead(s string) bool {
	m := listHead.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	if m[1] == "" {
		return true
	}
	f := strings.Fields(m[1])
	for _, w := range f {
		if sentenceWords[strings.ToLower(w)] {
			return false // "… FOR THE BUSINESS OUTLINED ON THE ATTACHED AGENDA"
		}
	}
	r := []rune(m[1])
	return len(f) <= 6 && nameWords(m[1]) && !unicode.IsDigit(r[0]) && lowerWords(m[1]) == 0
}

// sentenceWords are words of a sentence, never of a list's heading.
var sentenceWords = map[string]bool{"the": true, "on": true, "of": true, "to": true, "in": true, "at": true, "by": true, "for": true,
	"with": true, "attached": true, "outlined": true, "following": true, "above": true, "below": true, "see": true, "this": true,
	"an": true, "a": true, "any": true, "item": true, "items": true, "enclosed": true}

// itemWord is "Item 3:" or "Agenda item 3 –" before an item's title, as
// some councils number their agendas; itemParen is "3)".
var (
	itemWord  = lazy(`(?i)^(?:agenda\s+)?item\s+(\d{1,3}[a-z]?)\s*[.:)–—-]?\s+(\S.*)$`)
	itemParen = lazy(`^(\d{1,3}[a-z]?)\)\s+(\S.*)$`)
)

// itemLine reads "3.  Title  5 - 10", "3   Title (Pages 5 - 10)", "3)
// Title" or "Item 3: Title".
func itemLine(l textLine) (num, rest string, ok bool) {
	if len(l.cells) == 0 {
		return "", "", false
	}
	for _, pat := range []*re{itemWord, itemParen} {
		if m := pat.FindStringSubmatch(l.text); m != nil {
			r := []rune(m[2])
			if unicode.IsUpper(r[0]) || unicode.IsDigit(r[0]) {
				return strings.ToLower(m[1]), strings.TrimSpace(m[2]), true
			}
		}
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
	// A running number (2485.) needs its dot: "2024 Annual Report" is a title.
	if digits := len(m[1]) - len(strings.TrimLeftFunc(m[1], unicode.IsDigit)); digits > 2 && m[2] == "" && !spaced {
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
func (d *reading) agendaItems() ([]docs.AgendaItem, []string) {
	end := len(d.pages)
	for i := range d.pages {
		if d.itemAt[i] >= 0 {
			end = i
			break
		}
	}
	first := d.firstContentPage()
	return d.readList(first, min(end, first+6))
}

func (d *reading) agendaItemsOn(from, to int) []docs.AgendaItem {
	rule := d.rules["items"] // a look, not the paper's items
	items, _ := d.readList(from, to)
	d.rules["items"] = rule
	return items
}

// readList reads an agenda list from pages [from, to): the top-level items
// with their numbers as printed and whole titles, their sub-items ("a.",
// "(ii)", "4.1", a numbering that starts again under an item), and, when a
// second "… Agenda" heading starts the numbering again, the items of a
// second meeting (Meeting 1), whose heading it returns. It starts after the
// list's own heading ("AGENDA") when the pages have one, so that a
// membership list above it is not read as items.
func (d *reading) readList(from, to int) (items []docs.AgendaItem, others []string) {
	startPage, startLine := from, -1
	for i := from; i < to && i < len(d.pages) && startLine < 0; i++ {
		for j, l := range d.lines[i] {
			if j != d.printedAt[i] && j != d.itemAt[i] && isListHead(l.text) {
				startPage, startLine = i, j
				break
			}
		}
	}
	var (
		target   *docs.AgendaItem // the item whose title is being read
		title    []string
		lastMain = -1
		meeting  int
		pending  string // a second "… Agenda" heading not yet followed by items
	)
	flush := func() {
		if target == nil {
			return
		}
		t := strings.Join(title, " ")
		if m := rangeParen.FindStringSubmatch(t); m != nil {
			target.PrintedFirst, target.PrintedLast = pageRange(m[1], m[2])
			t = rangeParen.ReplaceAllString(t, "")
		}
		target.Title = strings.TrimSpace(strings.Trim(strings.Join(strings.Fields(t), " "), " -–"))
		target, title = nil, nil
	}
	top := func() *docs.AgendaItem {
		if len(items) == 0 {
			return nil
		}
		return &items[len(items)-1]
	}
	addSub := func(num, rest string) {
		flush()
		p := top()
		p.Sub = append(p.Sub, docs.AgendaItem{Number: num, Meeting: p.Meeting})
		target = &p.Sub[len(p.Sub)-1]
		title = titleCells(cellSep.Split(rest, -1), target)
	}
	for i := startPage; i < to && i < len(d.pages); i++ {
		for j, l := range d.lines[i] {
			if i == startPage && j <= startLine || j == d.printedAt[i] || j == d.itemAt[i] {
				continue
			}
			if l.text == "" {
				flush() // a title never runs past a blank line
				continue
			}
			if len(items) > 0 && isListHead(l.text) && !strings.HasPrefix(strings.ToLower(l.text), "agenda item") {
				// "A.G.M. Agenda": a second meeting's list.
				flush()
				pending = l.text
				continue
			}
			if num, rest, ok := itemLine(l); ok {
				main := atoi(strings.TrimRightFunc(strings.SplitN(num, ".", 2)[0], unicode.IsLetter))
				p := top()
				plain := num == strconv.Itoa(main)
				switch {
				case pending != "" && main == 1 && plain:
					// The numbering starts again under a second heading.
					flush()
					others = append(others, pending)
					meeting, pending, lastMain = len(others), "", main
					items = append(items, docs.AgendaItem{Number: num, Meeting: meeting})
					target = top()
					title = titleCells(cellSep.Split(rest, -1), target)
					continue
				case p != nil && !plain && strings.HasPrefix(num, p.Number) && len(num) > len(p.Number):
					// "4a", "4.1" under item 4.
					addSub(num, rest)
					continue
				case main >= lastMain && main > 0:
					flush()
					lastMain = main
					items = append(items, docs.AgendaItem{Number: num, Meeting: meeting})
					target = top()
					title = titleCells(cellSep.Split(rest, -1), target)
					continue
				case p != nil && plain && main < lastMain && subNumber(p, main):
					// "7. … the following planning applications: 1. … 2. …"
					addSub(num, rest)
					continue
				}
			}
			if p := top(); p != nil {
				if m := letterMark.FindStringSubmatch(l.text); m != nil {
					letter, rest := m[1]+m[3], m[2]+m[4]
					if nextSub(p, letter) && rest != "" {
						addSub(letter, rest)
						continue
					}
				}
			}
			if m := capitalMark.FindStringSubmatch(l.text); m != nil && lastMain <= 0 && nextCapital(items, m[1]) {
				flush()
				items = append(items, docs.AgendaItem{Number: m[1], Meeting: meeting})
				target = top()
				title = titleCells(cellSep.Split(m[2], -1), target)
				continue
			}
			if target != nil && titleGoesOn(title, l.text) {
				title = append(title, titleCells(l.cells, target)...)
				continue
			}
			flush()
		}
		flush()
	}
	items = dropMembers(items)
	if len(items) > 0 {
		rule := "items:agenda-list"
		if startLine >= 0 {
			rule = "items:agenda-list-after-heading"
		}
		d.rules["items"] = rule
	}
	return items, others
}

// subNumber reports whether n goes on p's own numbering: 1 to start it,
// or one more than its last numbered sub-item.
func subNumber(p *docs.AgendaItem, n int) bool {
	if len(p.Sub) == 0 {
		return n == 1
	}
	last := p.Sub[len(p.Sub)-1].Number
	return last == strconv.Itoa(n-1)
}

// nextSub reports whether a sub-item's letter follows p's last one: "a" to
// start, then "b", "c"…; or "i", "ii", "iii"… in Roman numerals ("i" after
// "h" is a letter).
func nextSub(p *docs.AgendaItem, mark string) bool {
	if len(p.Sub) == 0 {
		return mark == "a" || mark == "i"
	}
	last := p.Sub[len(p.Sub)-1].Number
	if len(last) == 1 && len(mark) == 1 && last[0] >= 'a' && last[0] <= 'z' && mark[0] == last[0]+1 {
		return true
	}
	romans := []string{"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
	for k := 0; k+1 < len(romans); k++ {
		if romans[k] == last && romans[k+1] == mark {
			return true
		}
	}
	return false
}

// nextCapital reports whether a capital letter goes on a lettered list:
// "A" to start it, then "B", "C"…
func nextCapital(items []docs.AgendaItem, mark string) bool {
	if len(items) == 0 {
		return mark == "A"
	}
	last := items[len(items)-1].Number
	return len(last) == 1 && last[0]+1 == mark[0]
}

// dropMembers drops from a list the runs of items titled with members'
// names (a membership list, not business) and the items and sub-items left
// without a title.
func dropMembers(items []docs.AgendaItem) []docs.AgendaItem {
	var out []docs.AgendaItem
	for k := 0; k < len(items); {
		j := k
		for j < len(items) && personTitle.MatchString(items[j].Title) {
			j++
		}
		if j-k >= 2 {
			k = j
			continue
		}
		it := items[k]
		k++
		if it.Title == "" {
			continue
		}
		var subs []docs.AgendaItem
		for _, s := range it.Sub {
			if s.Title != "" {
				subs = append(subs, s)
			}
		}
		it.Sub = subs
		out = append(out, it)
	}
	return out
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
	if t := strings.TrimRight(prev, " -–"); strings.HasSuffix(t, ":") {
		return false // "Accounts for payment:-" and the list below it
	}
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
	// A sub-item is placed by its own printed range, within its item's.
	for k := range items {
		for j := range items[k].Sub {
			sub := &items[k].Sub[j]
			if p, ok := stamped[sub.Number]; ok {
				sub.First, sub.Last = p, p
			} else if sub.PrintedFirst > 0 {
				sub.First = byPrinted[strconv.Itoa(sub.PrintedFirst)]
				sub.Last = max(sub.First, byPrinted[strconv.Itoa(sub.PrintedLast)])
			}
			if sub.First == 0 {
				sub.Last = 0
			}
		}
	}
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
