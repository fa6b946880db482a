// Package notes is the member's notes without storage: finding a note's
// quote on a page (folded, then fuzzily), carrying notes to a republished
// version of their paper, and the meeting briefing in Markdown and PDF.
package notes

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"panelpapers/docs"
	"panelpapers/docs/words"
)

// Anchoring finds a note's quote in the text of a page. Both the quote and
// the page are folded first: lower case, accents and ligatures spelt plainly,
// and everything but letters and digits dropped. So the quote a member
// selected in PDFium's text is found in the text either engine stored, even
// where one engine glued words, split a hyphenated word across a line or set
// a curly apostrophe. When the words changed a little, a token-level search
// that tolerates a fifth of them being added, dropped or replaced takes
// over, and the words around the quote decide between look-alikes.

// ContextWords is how many words a note keeps on each side of its quote.
const ContextWords = 8

// MinSimilarity is how much of a quote (as a share of its words) must be
// found unchanged, in order, for a changed passage to count as the same.
const MinSimilarity = 0.8

// Weights and thresholds of a candidate's score: similarity of the quote
// itself, then of its context.
const (
	quoteWeight   = 0.5
	contextWeight = 0.5
	// acceptScore is the least score a candidate of a short quote needs:
	// an exact repeat of a stock phrase ("asked that a report be brought to
	// the next meeting") elsewhere in a pack, with other words around it,
	// falls short of it; the passage itself, edited a little, does not.
	acceptScore = 0.75
	// longQuote is how many words make a quote distinctive on its own.
	longQuote = 15
	// sureScore ends the search early: an exact match with its context.
	sureScore = 0.93
	// scoreTie is how close two scores are to count as equal, so that the
	// nearer page decides.
	scoreTie = 0.02
	// unaligned is the similarity of an exact match that starts or ends
	// inside a word ("port" in "report").
	unaligned = 0.95
)

// token is one folded word of a text and the runes it came from.
type token struct {
	text       string
	start, end int // rune offsets in the original text
}

// foldedText is a text prepared for finding quotes in.
type foldedText struct {
	toks []token
	// compact is the tokens' text run together; cpos gives, for each of its
	// bytes, the rune offset in the original text it came from, and tokByte
	// the byte offset in compact where each token starts.
	compact string
	cpos    []int32
	tokByte []int
	set     map[string]bool // the distinct tokens, built when first needed
}

// foldText splits s into folded tokens.
func foldText(s string) *foldedText {
	runes := []rune(s)
	f := &foldedText{}
	var cb, tb strings.Builder
	var buf []rune
	start := -1
	flush := func(end int) {
		if start >= 0 && tb.Len() > 0 {
			f.tokByte = append(f.tokByte, cb.Len())
			f.toks = append(f.toks, token{text: tb.String(), start: start, end: end})
			cb.WriteString(tb.String())
		}
		tb.Reset()
		start = -1
	}
	last := 0 // end of the last word rune of the current token
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch {
		case words.IsWordRune(r):
			if start < 0 {
				start = i
			}
			before := tb.Len()
			buf = words.AppendFold(buf[:0], r)
			for _, x := range buf {
				tb.WriteRune(x)
			}
			for k := before; k < tb.Len(); k++ {
				f.cpos = append(f.cpos, int32(i))
			}
			last = i + 1
		case start >= 0 && words.IsJoiner(runes, i):
			// Skip to the word's continuation on the next line.
			for i+1 < len(runes) && !words.IsWordRune(runes[i+1]) {
				i++
			}
		default:
			flush(last)
		}
	}
	flush(last)
	f.compact = cb.String()
	return f
}

func (f *foldedText) words() []string {
	out := make([]string, len(f.toks))
	for i, t := range f.toks {
		out[i] = t.text
	}
	return out
}

func (f *foldedText) tokenSet() map[string]bool {
	if f.set == nil {
		f.set = make(map[string]bool, len(f.toks))
		for _, t := range f.toks {
			f.set[t.text] = true
		}
	}
	return f.set
}

// tokenAt returns the index of the token holding byte b of compact.
func (f *foldedText) tokenAt(b int) int {
	return sort.Search(len(f.tokByte), func(i int) bool { return f.tokByte[i] > b }) - 1
}

// editDistance is the Levenshtein distance between two sequences of words.
func editDistance(a, b []string) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// similarity is 1 minus the word edit distance over the longer length.
func similarity(a, b []string) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	return 1 - float64(editDistance(a, b))/float64(n)
}

// span is where an approximate match of a quote lies in a page's tokens.
type span struct{ start, end, dist int }

// approxSpans finds the spans of t that q matches with at most maxDist word
// edits, one per run of overlapping ends, by Sellers' algorithm: an edit
// distance in which the match may start anywhere in t.
func approxSpans(q []string, t []token, maxDist int) []span {
	n := len(q)
	d := make([]int, n+1)
	s := make([]int, n+1)
	nd := make([]int, n+1)
	ns := make([]int, n+1)
	for i := range d {
		d[i] = i
	}
	var out []span
	for j := 1; j <= len(t); j++ {
		nd[0], ns[0] = 0, j
		w := t[j-1].text
		for i := 1; i <= n; i++ {
			best, from := d[i-1], s[i-1] // match or substitution
			if q[i-1] != w {
				best++
			}
			if d[i]+1 < best { // a word of the page not in the quote
				best, from = d[i]+1, s[i]
			}
			if nd[i-1]+1 < best { // a word of the quote not in the page
				best, from = nd[i-1]+1, ns[i-1]
			}
			nd[i], ns[i] = best, from
		}
		d, nd, s, ns = nd, d, ns, s
		if d[n] > maxDist || s[n] >= j {
			continue
		}
		sp := span{start: s[n], end: j, dist: d[n]}
		if k := len(out) - 1; k >= 0 && sp.start < out[k].end {
			if sp.dist < out[k].dist {
				out[k] = sp
			}
			continue
		}
		out = append(out, sp)
	}
	return out
}

// quoteSpec is a quote prepared for searching.
type quoteSpec struct {
	quote         string
	words         []string
	compact       string
	before, after []string // the last and first ContextWords folded words of the context
}

func newQuoteSpec(quote, before, after string) quoteSpec {
	f := foldText(quote)
	b, a := foldText(before).words(), foldText(after).words()
	if len(b) > ContextWords {
		b = b[len(b)-ContextWords:]
	}
	if len(a) > ContextWords {
		a = a[:ContextWords]
	}
	return quoteSpec{quote: quote, words: f.words(), compact: f.compact, before: b, after: a}
}

// maxDist is how many word edits the quote tolerates.
func (q quoteSpec) maxDist() int { return int(float64(len(q.words)) * (1 - MinSimilarity)) }

// candidate is one place a quote may be.
type candidate struct {
	page       int // PDF page number
	s, e       int // token range in the page
	start, end int // rune range in the page's text
	sim, ctx   float64
}

func (c candidate) score() float64 { return quoteWeight*c.sim + contextWeight*c.ctx }

// contextSim compares the words recorded around a quote with the words
// around a candidate. Where a note recorded none (its quote began the page)
// and the candidate has some, the context neither helps nor hurts.
func contextSim(want []string, have []string) float64 {
	switch {
	case len(want) == 0 && len(have) == 0:
		return 1
	case len(want) == 0:
		return 0.5
	}
	return similarity(want, have)
}

func (q quoteSpec) judge(f *foldedText, c *candidate) {
	k := len(q.before)
	b := f.toks[max(0, c.s-k):c.s]
	a := f.toks[c.e:min(len(f.toks), c.e+len(q.after))]
	c.ctx = (contextSim(q.before, tokenTexts(b)) + contextSim(q.after, tokenTexts(a))) / 2
}

func tokenTexts(ts []token) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.text
	}
	return out
}

// exact finds every occurrence of the folded quote in a page.
func (q quoteSpec) exact(page int, f *foldedText) []candidate {
	var out []candidate
	if q.compact == "" {
		return nil
	}
	for from := 0; from < len(f.compact); {
		i := strings.Index(f.compact[from:], q.compact)
		if i < 0 {
			break
		}
		i += from
		j := i + len(q.compact)
		c := candidate{page: page, start: int(f.cpos[i]), end: int(f.cpos[j-1]) + 1, sim: 1}
		c.s = f.tokenAt(i)
		c.e = f.tokenAt(j-1) + 1
		if f.tokByte[c.s] != i || f.tokByte[c.e-1]+len(f.toks[c.e-1].text) != j {
			c.sim = unaligned
		}
		q.judge(f, &c)
		out = append(out, c)
		_, size := utf8.DecodeRuneInString(f.compact[i:])
		from = i + size
	}
	return out
}

// fuzzy finds the places where the quote's words are, with a few changed.
func (q quoteSpec) fuzzy(page int, f *foldedText) []candidate {
	n, maxDist := len(q.words), q.maxDist()
	if n == 0 || maxDist == 0 {
		return nil // nothing a fuzzy search could find that exact did not
	}
	// Skip pages that lack too many of the quote's words to hold it.
	set, have := f.tokenSet(), 0
	for _, w := range q.words {
		if set[w] {
			have++
		}
	}
	if have < n-maxDist {
		return nil
	}
	var out []candidate
	for _, sp := range approxSpans(q.words, f.toks, maxDist) {
		c := candidate{page: page, s: sp.start, e: sp.end, start: f.toks[sp.start].start, end: f.toks[sp.end-1].end,
			sim: 1 - float64(sp.dist)/float64(n)}
		q.judge(f, &c)
		out = append(out, c)
	}
	return out
}

// findOpts says where a quote is looked for and how sure the caller is.
type findOpts struct {
	expected int // the page it is most likely on
	hint     int // the rune offset it is most likely at, or -1
	only     int // the one page to look on, or 0 for all
	// lenient accepts any candidate similar enough, whatever its context:
	// the member says the words are on this page.
	lenient bool
	// uniqueBefore, when set, reports whether the quote was printed once in
	// the version the note comes from: if it is printed once, word for word,
	// in the new one too, that is the same passage whatever was rewritten
	// around it. It is asked only then.
	uniqueBefore func() bool
}

// accepts reports whether a candidate is good enough to place a note on.
func (q quoteSpec) accepts(c candidate, o findOpts) bool {
	if c.sim < MinSimilarity {
		return false
	}
	return o.lenient || len(q.words) >= longQuote || c.score() >= acceptScore
}

// foldedPage is one page prepared for anchoring.
type foldedPage struct {
	page docs.Page
	f    *foldedText
}

// pageSet is the pages of a version prepared for anchoring, folded once and
// shared by all the notes carried to it.
type pageSet struct {
	pages []foldedPage
	byNum map[int]int // page number → index in pages
}

func newPageSet(pages []docs.Page) *pageSet {
	ps := &pageSet{byNum: make(map[int]int, len(pages))}
	for _, p := range pages {
		ps.byNum[p.Number] = len(ps.pages)
		ps.pages = append(ps.pages, foldedPage{page: p, f: foldText(p.Text)})
	}
	return ps
}

func (ps *pageSet) get(n int) *foldedPage {
	if ps == nil {
		return nil
	}
	if i, ok := ps.byNum[n]; ok {
		return &ps.pages[i]
	}
	return nil
}

// best picks the better of two candidates: the higher score, and between
// near-equal scores the one nearer the page (and place) the note is
// expected on.
func better(a, b candidate, expected, hint int) bool {
	if d := a.score() - b.score(); d > scoreTie || d < -scoreTie {
		return d > 0
	}
	da, db := absInt(a.page-expected), absInt(b.page-expected)
	if da != db {
		return da < db
	}
	return absInt(a.start-hint) < absInt(b.start-hint)
}

// find looks for the quote in the pages, nearest the expected page first,
// and returns the best candidate it accepts, widened to the punctuation the
// quote begins and ends with.
func (ps *pageSet) find(q quoteSpec, o findOpts) (candidate, bool) {
	order := make([]*foldedPage, 0, len(ps.pages))
	for i := range ps.pages {
		if o.only == 0 || ps.pages[i].page.Number == o.only {
			order = append(order, &ps.pages[i])
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		return absInt(order[i].page.Number-o.expected) < absInt(order[j].page.Number-o.expected)
	})
	var best candidate
	found := false
	consider := func(cs []candidate) {
		for _, c := range cs {
			if q.accepts(c, o) && (!found || better(c, best, o.expected, o.hint)) {
				best, found = c, true
			}
		}
	}
	var exact []candidate
	for _, p := range order {
		exact = append(exact, q.exact(p.page.Number, p.f)...)
	}
	if len(exact) == 1 && exact[0].sim == 1 && o.uniqueBefore != nil && o.uniqueBefore() {
		best, found = exact[0], true
	} else {
		consider(exact)
	}
	if !found || best.score() < sureScore {
		for _, p := range order {
			consider(q.fuzzy(p.page.Number, p.f))
		}
	}
	if found {
		best.start, best.end = widen([]rune(ps.get(best.page).page.Text), best.start, best.end, q.quote)
	}
	return best, found
}

// count is how many times the quote is printed, word for word, in the pages.
func (ps *pageSet) count(q quoteSpec) int {
	n := 0
	for _, p := range ps.pages {
		for _, c := range q.exact(p.page.Number, p.f) {
			if c.sim == 1 {
				n++
			}
		}
	}
	return n
}

// widen takes into the range [start, end) of text the punctuation that
// quote begins and ends with, as far as text has it there: a match is found
// on letters and digits alone, but "noted." should highlight the stop.
func widen(text []rune, start, end int, quote string) (int, int) {
	punct := func(r rune) bool { return !words.IsWordRune(r) && !unicode.IsSpace(r) }
	q := []rune(strings.TrimSpace(quote))
	lead, trail := 0, 0
	for lead < len(q) && punct(q[lead]) {
		lead++
	}
	for trail < len(q)-lead && punct(q[len(q)-1-trail]) {
		trail++
	}
	for ; lead > 0 && start > 0 && punct(text[start-1]); lead-- {
		start--
	}
	for ; trail > 0 && end < len(text) && punct(text[end]); trail-- {
		end++
	}
	return start, end
}

// contextAround returns up to ContextWords words of text on each side of
// the rune range [start, end), with spacing collapsed.
func contextAround(text string, start, end int) (before, after string) {
	runes := []rune(text)
	start, end = max(0, min(start, len(runes))), max(0, min(end, len(runes)))
	b := strings.Fields(string(runes[:start]))
	a := strings.Fields(string(runes[end:]))
	if len(b) > ContextWords {
		b = b[len(b)-ContextWords:]
	}
	if len(a) > ContextWords {
		a = a[:ContextWords]
	}
	return strings.Join(b, " "), strings.Join(a, " ")
}

// sliceRunes returns text's runes [start, end) with spacing collapsed.
func sliceRunes(text string, start, end int) string {
	runes := []rune(text)
	start, end = max(0, min(start, len(runes))), max(0, min(end, len(runes)))
	return strings.Join(strings.Fields(string(runes[start:end])), " ")
}

// LocateQuote finds quote in text and returns its rune range [start, end).
// before and after are the words recorded around it (either may be ""), and
// hint a rune offset it is expected near (-1 for none): between equally
// good places they decide. The comparison ignores case, accents, spacing,
// punctuation and line-end hyphenation, and tolerates a few changed words.
//
// The window uses it to find a note's quote in PDFium's text of a page
// (the runes of PDFDoc.CharBoxes, so that the range indexes the boxes to
// draw), which may differ in spacing from the text the library stores.
func LocateQuote(text, quote, before, after string, hint int) (start, end int, ok bool) {
	ps := newPageSet([]docs.Page{{Number: 1, Text: text}})
	c, ok := ps.find(newQuoteSpec(quote, before, after), findOpts{expected: 1, hint: hint, only: 1, lenient: true})
	if !ok {
		return 0, 0, false
	}
	return c.start, c.end, true
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// findItem returns the agenda item numbered number, or nil.
func findItem(a *docs.Agenda, number string) *docs.AgendaItem {
	want := docs.NormalItemNumber(number)
	for i := range a.Items {
		if docs.NormalItemNumber(a.Items[i].Number) == want {
			return &a.Items[i]
		}
	}
	return nil
}

// Anchor places a new note on version v: an item note on its item, a
// highlight (or a pin that quotes words) on the words it quotes on page p
// (v's page n.Page), with the words around them. The error wraps
// docs.ErrBadNote or docs.ErrQuoteNotFound.
func Anchor(n *docs.Note, v *docs.Version, p docs.Page) error {
	n.Document = v.Document
	n.Status, n.Reason = docs.NotePlaced, ""
	switch n.Kind {
	case docs.NoteItem:
		it := findItem(&v.Agenda, n.Item)
		if it == nil {
			return fmt.Errorf("%w: %s has no agenda item %q", docs.ErrBadNote, v.ID(), n.Item)
		}
		n.Item, n.Page = it.Number, it.First
		n.Quote, n.Before, n.After, n.Start, n.End = "", "", "", 0, 0
		return nil
	case docs.NoteHighlight, docs.NotePin:
	default:
		return fmt.Errorf("%w: unknown kind of note %q", docs.ErrBadNote, n.Kind)
	}
	n.Item = p.Item
	n.Quote = strings.Join(strings.Fields(n.Quote), " ")
	if n.Quote == "" {
		if n.Kind == docs.NoteHighlight {
			return fmt.Errorf("%w: a highlight needs the words it highlights", docs.ErrBadNote)
		}
		n.Before, n.After, n.Start, n.End = "", "", 0, 0
		return nil
	}
	hint := -1
	if n.End > n.Start {
		hint = n.Start
	}
	ps := newPageSet([]docs.Page{p})
	c, ok := ps.find(newQuoteSpec(n.Quote, "", ""), findOpts{expected: p.Number, hint: hint, only: p.Number, lenient: true})
	if !ok {
		return fmt.Errorf("%w (looked for %q)", docs.ErrQuoteNotFound, n.Quote)
	}
	n.Start, n.End = c.start, c.end
	n.Before, n.After = contextAround(p.Text, c.start, c.end)
	return nil
}
