package search

// "Has this been asked before?": a more-like-this search over the questions
// on notice the library's papers record, and over the pages of minutes.
//
// Bleve has no more-like-this query, so it is built here, as Lucene's
// MoreLikeThis does it: the draft is run through the index's own analyzer
// (so words are stemmed and folded as the index has them), common words are
// dropped, each remaining word is weighted by how often the draft uses it
// and how rare it is in the index (idf), a word that is one of the council
// synonyms brings its synonyms along, and the best words become a
// disjunction of boosted terms of which about a third must match.

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
)

// councilSynonyms are groups of words and phrases a panel uses for the same
// thing. A draft that uses one of them finds questions that use another.
// Each is analysed like the text, so any inflection of them counts.
var councilSynonyms = [][]string{
	{"101", "non-emergency"},
	{"PCC", "Commissioner"}, // "Police and Crime Commissioner" ends in "Commissioner"
	{"ring", "call", "caller", "phone", "telephone"},
	{"ASB", "anti-social behaviour", "antisocial behaviour"},
	{"PCSO", "police community support officer"},
	{"CSP", "community safety partnership"},
	{"HMICFRS", "HMIC", "inspectorate"},
	{"precept", "council tax"},
	{"RASSO", "rape and serious sexual offences"},
}

// likeStopWords are words too common in questions to say what one is about.
// The text analyzer keeps every word, so they are dropped from a draft here.
const likeStopWords = `a about after again all also am an and any are as at be been being but by can
	could did do does doing for from had has have having he her here hers him his how i if in into is it
	its just me more most my no nor not now of on once only or other our ours out over own please same
	she should so some such than that the their theirs them then there these they this those through to
	too under until up us very was we were what when where which while who whom why will with would you
	your yours ask asked tell told say said know let like make made many much
	ac ag am ar at bod ei eu gan i mae o wedi y yn yr`

// Limits of a more-like-this query.
const (
	likeMaxTerms = 25  // the draft's best words that go into the query
	likeMinShare = 0.3 // of them, the share a match must have (as Elasticsearch's default)
)

// concept is one thing the draft speaks of: a word, or a group of synonyms,
// each alternative a term or a phrase of terms as the index has them.
type concept struct {
	alts   [][]string
	tf     int // times the draft uses it
	first  int // position of its first use, to break ties
	weight float64
}

// likeThis builds the more-like-this query of text over field of idx, with
// a the field's analyzer. It returns nil when the text has no word the index
// holds. extra, when not nil, must match as well (a filter).
func likeThis(idx bleve.Index, a analysis.Analyzer, field, text string, extra query.Query) (query.Query, error) {
	concepts := draftConcepts(a, text)
	if len(concepts) == 0 {
		return nil, nil
	}
	if err := weigh(idx, field, concepts); err != nil {
		return nil, err
	}
	kept := concepts[:0]
	for _, c := range concepts {
		if c.weight > 0 {
			kept = append(kept, c)
		}
	}
	if len(kept) == 0 {
		return nil, nil
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].weight != kept[j].weight {
			return kept[i].weight > kept[j].weight
		}
		return kept[i].first < kept[j].first
	})
	kept = kept[:min(len(kept), likeMaxTerms)]
	best := kept[0].weight
	clauses := make([]query.Query, 0, len(kept))
	for _, c := range kept {
		alts := make([]query.Query, 0, len(c.alts))
		for _, alt := range c.alts {
			alts = append(alts, phrase(alt, field))
		}
		q := disjunction(alts)
		q.(query.BoostableQuery).SetBoost(c.weight / best)
		clauses = append(clauses, q)
	}
	d := query.NewDisjunctionQuery(clauses)
	d.SetMin(math.Max(1, math.Ceil(likeMinShare*float64(len(clauses)))))
	if extra != nil {
		return query.NewConjunctionQuery([]query.Query{d, extra}), nil
	}
	return d, nil
}

// draftConcepts splits a draft into the concepts it speaks of, in order of
// first use: each run of terms that is one of the council synonyms (the
// longest there is) becomes that synonym group, and each other term that is
// not a common word becomes a concept of its own.
func draftConcepts(a analysis.Analyzer, text string) []*concept {
	toks := terms(a, text)
	stop := map[string]bool{}
	for _, t := range terms(a, likeStopWords) {
		stop[t] = true
	}
	groups := synonymGroups(a)
	byKey := map[string]*concept{}
	var out []*concept
	use := func(key string, alts [][]string, pos int) {
		if c := byKey[key]; c != nil {
			c.tf++
			return
		}
		c := &concept{alts: alts, tf: 1, first: pos}
		byKey[key] = c
		out = append(out, c)
	}
	for i := 0; i < len(toks); {
		g, n := longestSynonym(groups, toks[i:])
		switch {
		case n > 0:
			use("syn:"+strconv.Itoa(g), groups[g], i)
			i += n
			continue
		case !stop[toks[i]] && significant(toks[i]):
			use(toks[i], [][]string{{toks[i]}}, i)
		}
		i++
	}
	return out
}

// significant reports whether a term can say what a text is about: a number,
// or a word of two letters or more.
func significant(t string) bool {
	letters := 0
	for _, r := range t {
		switch {
		case unicode.IsDigit(r):
			return true
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters >= 2
}

// synonymGroups analyses councilSynonyms with a. An alternative that holds
// another of its group within it is dropped, as the shorter one finds it.
func synonymGroups(a analysis.Analyzer) [][][]string {
	out := make([][][]string, 0, len(councilSynonyms))
	for _, g := range councilSynonyms {
		var alts [][]string
		for _, s := range g {
			if t := terms(a, s); len(t) > 0 {
				alts = append(alts, t)
			}
		}
		var kept [][]string
		for i, x := range alts {
			redundant := false
			for j, y := range alts {
				if i != j && len(y) < len(x) && indexRun(x, y) >= 0 {
					redundant = true
					break
				}
			}
			if !redundant {
				kept = append(kept, x)
			}
		}
		out = append(out, kept)
	}
	return out
}

// longestSynonym finds the longest synonym, of any group, that toks starts
// with: its group and its length in terms, or 0 terms for none.
func longestSynonym(groups [][][]string, toks []string) (group, n int) {
	for g, alts := range groups {
		for _, alt := range alts {
			if len(alt) > n && len(alt) <= len(toks) && indexRun(toks[:len(alt)], alt) == 0 {
				group, n = g, len(alt)
			}
		}
	}
	return group, n
}

// indexRun returns where run first occurs in s, or -1.
func indexRun(s, run []string) int {
	for i := 0; i+len(run) <= len(s); i++ {
		match := true
		for j := range run {
			if s[i+j] != run[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

// weigh sets each concept's weight: how often the draft uses it times its
// idf in field, BM25's idf over the documents holding any of its
// alternatives (a phrase counted as its rarest term, a bound from above). A
// concept the index does not hold weighs 0.
func weigh(idx bleve.Index, field string, cs []*concept) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	ai, err := idx.Advanced()
	if err != nil {
		return err
	}
	r, err := ai.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return err
	}
	counts := map[string]uint64{}
	count := func(t string) (uint64, error) {
		if c, ok := counts[t]; ok {
			return c, nil
		}
		tfr, err := r.TermFieldReader(context.Background(), []byte(t), field, false, false, false)
		if err != nil {
			return 0, err
		}
		c := tfr.Count()
		_ = tfr.Close()
		counts[t] = c
		return c, nil
	}
	for _, c := range cs {
		var df uint64
		for _, alt := range c.alts {
			least := uint64(math.MaxUint64)
			for _, t := range alt {
				k, err := count(t)
				if err != nil {
					return err
				}
				least = min(least, k)
			}
			df += least
		}
		df = min(df, n)
		if df == 0 {
			c.weight = 0
			continue
		}
		idf := math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
		c.weight = float64(c.tf) * idf
	}
	return nil
}

// searchSafely runs a search, turning a panic from damaged files into an
// error.
func searchSafely(idx bleve.Index, sr *bleve.SearchRequest) (res *bleve.SearchResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	return idx.Search(sr)
}

// SimilarPassages returns the pages closest in wording to text, best first,
// among the pages of papers of a kind ("minutes"; "" for any): the minutes
// passages a draft might build on. The hits are those of Search, snippets
// and all.
func (x *Index) SimilarPassages(text, kind string, limit int) ([]Hit, error) {
	if limit <= 0 {
		limit = DefaultSimilarLimit
	}
	limit = min(limit, MaxLimit)
	var filter query.Query
	if kind = strings.ToLower(strings.TrimSpace(kind)); kind != "" {
		if !validKind(kind) {
			return nil, badFilter("kind", "There is no kind called %q: use %s.", kind, kindList())
		}
		filter = term(kind, fieldKind)
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.idx == nil {
		return nil, errClosed
	}
	mlt, err := likeThis(x.idx, x.text, fieldText, text, filter)
	if err != nil {
		return nil, fmt.Errorf("look for passages like this question: %w", err)
	}
	if mlt == nil {
		return []Hit{}, nil
	}
	sr := bleve.NewSearchRequestOptions(mlt, limit, 0, false)
	sr.Fields = storedFields
	sr.IncludeLocations = true
	res, err := searchSafely(x.idx, sr)
	if err != nil {
		return nil, fmt.Errorf("look for passages like this question: %w", err)
	}
	out := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, makeHit(h))
	}
	return out, nil
}
