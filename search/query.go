package search

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
)

// ErrBadQuery is wrapped by every *QueryError, for errors.Is.
var ErrBadQuery = errors.New("the search cannot be understood")

// QueryError is a search the member typed, or a filter they gave, that
// cannot be run. Its Error is a sentence fit to show them as it is.
type QueryError struct {
	// Field is "" when the query text is at fault, or the filter that is:
	// "committee", "from", "to", "kind", "limit", "offset".
	Field string
	Msg   string
}

// Error returns the sentence for the member.
func (e *QueryError) Error() string { return e.Msg }

// Is makes errors.Is(err, ErrBadQuery) true for every QueryError.
func (e *QueryError) Is(target error) bool { return target == ErrBadQuery }

func badQuery(format string, args ...any) error {
	return &QueryError{Msg: fmt.Sprintf(format, args...)}
}

func badFilter(field, format string, args ...any) error {
	return &QueryError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Kinds lists the kinds of entry a search can be narrowed to: the kinds of
// paper, then the member's own notes and question drafts.
var Kinds = []string{"agenda", "supplement", "minutes", "report", "other", "note", "question"}

// unit is one thing the member asked for: a word, a "phrase", a word* or a
// word~, optionally in a field, optionally excluded, or a choice of several
// joined by OR.
type unit struct {
	neg    bool
	field  string // "" for the text; else one of fields
	text   string
	phrase bool
	prefix bool
	fuzzy  int // -1: not fuzzy; 0: fuzziness chosen by length; 1 or 2
	or     []unit
}

// fields are the names a member can put before a colon.
var fields = map[string]bool{"committee": true, "item": true, "title": true, "kind": true}

// Quote characters: straight quotes and the curly ones a word processor
// puts in when a search is pasted from a document.
const (
	quotes      = "\"“”„"
	closeQuotes = "\"”“"
)

// parse splits what the member typed into units. The language: words
// (all must match), "a phrase", -word or -"phrase" to exclude (NOT word also
// works), word* for words starting so, word~ for words spelt nearly so
// (word~1, word~2 to say how nearly), field:word or field:"phrase" for the
// committee, item, title or kind, and a OR b for either. AND is allowed and
// changes nothing.
func parse(s string) ([]unit, error) {
	var units []unit
	pendingOr, pendingNot := false, false
	r := []rune(s)
	for i := 0; i < len(r); {
		if unicode.IsSpace(r[i]) {
			i++
			continue
		}
		u := unit{fuzzy: -1}
		start := i
		if r[i] == '-' || r[i] == '+' {
			u.neg = r[i] == '-'
			i++
			if i == len(r) || unicode.IsSpace(r[i]) {
				continue // a dash standing alone, as in "cost - benefit"
			}
		}
		// field:
		if j := fieldEnd(r, i); j > i {
			u.field = strings.ToLower(string(r[i:j]))
			i = j + 1
			if i == len(r) || unicode.IsSpace(r[i]) {
				return nil, badQuery("Say what to look for after %s: (for example %s:%s).", u.field, u.field, fieldExample(u.field))
			}
		}
		if strings.ContainsRune(quotes, r[i]) {
			end := indexAny(r, i+1, closeQuotes)
			if end < 0 {
				return nil, badQuery("The search has an opening quote with no closing quote.")
			}
			u.phrase, u.text = true, string(r[i+1:end])
			if strings.TrimSpace(u.text) == "" {
				return nil, badQuery("The search has a pair of quotes with nothing between them.")
			}
			i = end + 1
			if i < len(r) && (r[i] == '*' || r[i] == '~') {
				return nil, badQuery("A %c cannot follow a quoted phrase: put it after a single word, as in stalk%c.", r[i], r[i])
			}
		} else {
			j := i
			for j < len(r) && !unicode.IsSpace(r[j]) && !strings.ContainsRune(quotes, r[j]) {
				j++
			}
			word := string(r[i:j])
			i = j
			if err := wordForm(&u, word); err != nil {
				return nil, err
			}
		}
		if u.field == "" && !u.phrase && u.fuzzy < 0 && !u.prefix && !u.neg && r[start] != '+' {
			switch u.text {
			case "OR":
				if len(units) == 0 || pendingOr || pendingNot {
					return nil, badQuery("OR needs a word on each side, as in police OR policing.")
				}
				pendingOr = true
				continue
			case "AND":
				continue
			case "NOT":
				pendingNot = true
				continue
			}
		}
		if pendingNot {
			u.neg, pendingNot = true, false
		}
		if pendingOr {
			pendingOr = false
			last := &units[len(units)-1]
			if u.neg || last.neg {
				return nil, badQuery("Leaving a word out (-word) cannot be joined with OR: write the two apart.")
			}
			if last.or == nil {
				*last = unit{fuzzy: -1, or: []unit{*last}}
			}
			last.or = append(last.or, u)
			continue
		}
		units = append(units, u)
	}
	if pendingOr {
		return nil, badQuery("OR needs a word on each side, as in police OR policing.")
	}
	if pendingNot {
		return nil, badQuery("NOT needs a word after it, as in NOT minutes.")
	}
	return units, nil
}

// wordForm reads a word's * or ~ ending into u.
func wordForm(u *unit, word string) error {
	if k := strings.LastIndexByte(word, '~'); k >= 0 {
		n := word[k+1:]
		word = word[:k]
		switch n {
		case "":
			u.fuzzy = 0
		case "0": // spelt exactly so: a plain word
		case "1", "2":
			u.fuzzy, _ = strconv.Atoi(n)
		default:
			return badQuery("After ~ put nothing, 1 or 2 (how many letters may differ), as in stalking~ or stalking~2.")
		}
		if word == "" {
			return badQuery("Put ~ right after a word, as in stalking~.")
		}
	}
	if strings.HasSuffix(word, "*") {
		word = strings.TrimRight(word, "*")
		u.prefix = true
		if word == "" {
			return badQuery("Put * right after the start of a word, as in stalk*.")
		}
	}
	if strings.Contains(word, "*") && u.field == "" {
		return badQuery("Put * only at the end of a word, as in stalk*.")
	}
	if u.prefix && u.fuzzy >= 0 {
		return badQuery("A word cannot end in both * and ~: use one of them.")
	}
	u.text = word
	return nil
}

// fieldEnd returns the index of the colon ending a known field name that
// starts at i, or -1.
func fieldEnd(r []rune, i int) int {
	for j := i; j < len(r) && j-i <= len("committee"); j++ {
		if r[j] == ':' {
			if fields[strings.ToLower(string(r[i:j]))] {
				return j
			}
			return -1
		}
		if !unicode.IsLetter(r[j]) {
			return -1
		}
	}
	return -1
}

func fieldExample(f string) string {
	switch f {
	case "committee":
		return "police"
	case "item":
		return "4a"
	case "kind":
		return "minutes"
	}
	return "budget"
}

// indexAny returns the index of the first rune at or after i that is in
// chars, or -1.
func indexAny(r []rune, i int, chars string) int {
	for ; i < len(r); i++ {
		if strings.ContainsRune(chars, r[i]) {
			return i
		}
	}
	return -1
}

// terms runs text through an analyzer and returns its terms in order.
func terms(a analysis.Analyzer, text string) []string {
	toks := a.Analyze([]byte(text))
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if len(t.Term) > 0 {
			out = append(out, string(t.Term))
		}
	}
	return out
}

// compile turns a request into a Bleve query: every unit must match, the
// excluded ones must not, and the filters narrow it down. A fast query looks
// for phrases of the text by their word pairs alone: a page with every pair
// of a phrase of three or more words, but not in a row, matches it too, so
// the pages a fast query finds are checked with the exact query.
func (x *Index) compile(req Request, fast bool) (query.Query, error) {
	units, err := parse(req.Query)
	if err != nil {
		return nil, err
	}
	var must, not []query.Query
	for _, u := range units {
		q, err := x.unitQuery(u, fast && !u.neg)
		if err != nil {
			return nil, err
		}
		if q == nil {
			continue
		}
		if u.neg {
			not = append(not, q)
		} else {
			must = append(must, q)
		}
	}
	if len(must) == 0 && len(not) == 0 {
		return nil, badQuery("Type a word or two to search for.")
	}
	filters, err := x.filters(req)
	if err != nil {
		return nil, err
	}
	if len(must) == 0 {
		// Only exclusions: everything else (within the filters) matches.
		must = append(must, query.NewMatchAllQuery())
	}
	must = append(must, filters...)
	b := query.NewBooleanQuery(must, nil, not)
	return b, nil
}

// unitQuery builds the query of one unit, or nil when its words are only
// punctuation.
func (x *Index) unitQuery(u unit, fast bool) (query.Query, error) {
	if u.or != nil {
		var alts []query.Query
		for _, a := range u.or {
			q, err := x.unitQuery(a, fast)
			if err != nil {
				return nil, err
			}
			if q != nil {
				alts = append(alts, q)
			}
		}
		if len(alts) == 0 {
			return nil, nil
		}
		return query.NewDisjunctionQuery(alts), nil
	}
	switch u.field {
	case "committee":
		if u.phrase {
			return phrase(terms(x.name, u.text), fieldCommittee), nil
		}
		return x.committeeQuery(u.text), nil
	case "item", "kind":
		f := fieldItem
		if u.field == "kind" {
			f = fieldKind
			if !validKind(u.text) {
				return nil, badQuery("There is no kind called %q: use %s.", u.text, kindList())
			}
		}
		t := terms(x.key, u.text)
		if len(t) == 0 {
			return nil, nil
		}
		return term(t[0], f), nil
	case "title":
		return x.textQuery(u, fieldTitle, false)
	}
	return x.textQuery(u, fieldText, fast)
}

// textQuery builds a word, phrase, prefix or fuzzy query on an analysed text
// field; fast, a phrase of the page text is looked for by its word pairs.
func (x *Index) textQuery(u unit, field string, fast bool) (query.Query, error) {
	switch {
	case u.prefix:
		// Prefixes are matched against stemmed terms, so "housing*" must also
		// find the stem "hous" of "housing" itself: the prefix as typed (folded,
		// lower-cased) or the whole word stemmed.
		words := terms(x.name, u.text)
		if len(words) == 0 {
			return nil, nil
		}
		last := words[len(words)-1]
		if utf8.RuneCountInString(last) < 2 {
			return nil, badQuery("Type at least two letters before the *, as in st*.")
		}
		var qs []query.Query
		for _, w := range words[:len(words)-1] {
			qs = append(qs, phrase(terms(x.text, w), field))
		}
		p := query.NewPrefixQuery(last)
		p.SetField(field)
		alts := []query.Query{p}
		if stem := terms(x.text, last); len(stem) == 1 && stem[0] != last {
			alts = append(alts, term(stem[0], field))
		}
		if field == fieldText && len(words) == 1 {
			// And the Welsh words' radicals: "cynghor*" finds "Gynghorwyr".
			w := query.NewPrefixQuery(last)
			w.SetField(fieldWelsh)
			alts = append(alts, w)
		}
		qs = append(qs, disjunction(alts))
		return conjunction(qs), nil
	case u.fuzzy >= 0:
		var qs []query.Query
		for _, t := range terms(x.text, u.text) {
			n := u.fuzzy
			if n == 0 {
				n = autoFuzziness(t)
			}
			if n == 0 {
				qs = append(qs, term(t, field))
				continue
			}
			f := query.NewFuzzyQuery(t)
			f.SetFuzziness(n)
			f.SetField(field)
			qs = append(qs, f)
		}
		return conjunction(qs), nil
	}
	ts := terms(x.text, u.text)
	var q query.Query
	if fast && len(ts) > 1 {
		var qs []query.Query
		for _, p := range pairTerms(ts) {
			qs = append(qs, term(p, fieldPairs))
		}
		q = conjunction(qs)
	} else {
		q = phrase(ts, field)
	}
	if field == fieldText && q != nil {
		// The same words in Welsh, mutated or plural (welshAnalyzer). The
		// Welsh field is small (English pages leave it empty), so a phrase
		// is looked for there as it is, fast or not.
		q = disjunction([]query.Query{q, phrase(x.welshTerms(u.text), fieldWelsh)})
	}
	return q, nil
}

// welshTerms runs what the member typed through welshQueryAnalyzer.
func (x *Index) welshTerms(text string) []string {
	if x.welsh == nil {
		return nil
	}
	return terms(x.welsh, text)
}

// autoFuzziness allows more slips in longer words, as Elasticsearch's AUTO
// does: none up to 2 letters, 1 up to 5, then 2.
func autoFuzziness(t string) int {
	switch n := utf8.RuneCountInString(t); {
	case n <= 2:
		return 0
	case n <= 5:
		return 1
	}
	return 2
}

// committeeQuery matches committee names that have a word starting with each
// word given: "dyfed pol" finds "Dyfed-Powys Police and Crime Panel".
func (x *Index) committeeQuery(name string) query.Query {
	var qs []query.Query
	for _, w := range terms(x.name, name) {
		p := query.NewPrefixQuery(w)
		p.SetField(fieldCommittee)
		qs = append(qs, p)
	}
	return conjunction(qs)
}

// filters turns the request's committee, dates and kind into queries.
func (x *Index) filters(req Request) ([]query.Query, error) {
	var qs []query.Query
	if strings.TrimSpace(req.Committee) != "" {
		q := x.committeeQuery(req.Committee)
		if q == nil {
			return nil, badFilter("committee", "Give a word of the committee's name, such as police.")
		}
		qs = append(qs, q)
	}
	from, err := parseDate("from", req.From)
	if err != nil {
		return nil, err
	}
	to, err := parseDate("to", req.To)
	if err != nil {
		return nil, err
	}
	if from != "" && to != "" && from > to {
		return nil, badFilter("from", "The from date (%s) is after the to date (%s).", from, to)
	}
	if from != "" || to != "" {
		// Closed ends, so that undated papers never fall in a range.
		lo, hi := from, to
		if lo == "" {
			lo = "0000-01-01"
		}
		if hi == "" {
			hi = "9999-12-31"
		}
		yes := true
		q := query.NewTermRangeInclusiveQuery(lo, hi, &yes, &yes)
		q.SetField(fieldDate)
		qs = append(qs, q)
	}
	if req.Kind != "" {
		k := strings.ToLower(strings.TrimSpace(req.Kind))
		if !validKind(k) {
			return nil, badFilter("kind", "There is no kind called %q: use %s.", req.Kind, kindList())
		}
		qs = append(qs, term(k, fieldKind))
	}
	return qs, nil
}

// parseDate checks a yyyy-mm-dd date filter.
func parseDate(name, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		return "", badFilter(name, "The %s date %q is not a date: write it as yyyy-mm-dd, for example 2025-01-30.", name, s)
	}
	return s, nil
}

func validKind(k string) bool {
	for _, v := range Kinds {
		if strings.EqualFold(k, v) {
			return true
		}
	}
	return false
}

func kindList() string {
	return strings.Join(Kinds[:len(Kinds)-1], ", ") + " or " + Kinds[len(Kinds)-1]
}

func term(t, field string) query.Query {
	q := query.NewTermQuery(t)
	q.SetField(field)
	return q
}

// phrase matches terms in a row, or the one term; nil for none.
func phrase(ts []string, field string) query.Query {
	switch len(ts) {
	case 0:
		return nil
	case 1:
		return term(ts[0], field)
	}
	return query.NewPhraseQuery(ts, field)
}

// conjunction ANDs queries, dropping nils; nil for none.
func conjunction(qs []query.Query) query.Query {
	qs = compact(qs)
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return query.NewConjunctionQuery(qs)
}

// disjunction ORs queries, dropping nils; nil for none.
func disjunction(qs []query.Query) query.Query {
	qs = compact(qs)
	switch len(qs) {
	case 0:
		return nil
	case 1:
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

func compact(qs []query.Query) []query.Query {
	out := qs[:0]
	for _, q := range qs {
		if q != nil {
			out = append(out, q)
		}
	}
	return out
}
