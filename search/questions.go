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
	"sync"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
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

// --- the index of questions ------------------------------------------------------

// PageReader reads one stored page; *docs.Library implements it. When the
// Source given to the index of questions is one, the index reads the few
// pages a result needs (its printed page number, the page of its response)
// when the result is first shown, instead of every page of every paper when
// it is built.
type PageReader interface {
	Page(sha256 string, n int) (docs.Page, error)
}

// Questions is the index of every question on notice that the library's
// current papers record: agendas, minutes and question-and-answer packs.
// It is held in memory and built from the library's records of its papers
// when it is opened (no page is read, see PageReader), so there is nothing
// on disk to fall out of date or to lock; Add and Remove (docs.Indexer) keep
// it in step with imports while it is open, Refresh with changes made
// elsewhere. Its methods are safe for concurrent use.
type Questions struct {
	mu      sync.RWMutex
	idx     bleve.Index
	text    analysis.Analyzer
	found   map[string]*asked   // Bleve id → the question
	sources map[string][]string // version SHA-256 → ids of its questions (none is an empty list)
	pages   PageReader          // nil when the source reads no single pages
}

// asked is a question the index holds, with the version that records it.
type asked struct {
	q agenda.PackQuestion
	v *docs.Version
	n int // its place in v.Agenda.Questions
	// complete is set once the question's pages have been read for its
	// printed page number and the page of its response.
	complete bool
}

var _ docs.Indexer = (*Questions)(nil)

// OpenQuestions builds the index of questions of src's current papers. src
// may be nil for an empty index.
func OpenQuestions(src Source) (*Questions, error) {
	idx, text, err := newQuestionIndex()
	if err != nil {
		return nil, fmt.Errorf("open the index of questions: %w", err)
	}
	q := &Questions{idx: idx, text: text, found: map[string]*asked{}, sources: map[string][]string{}}
	if src != nil {
		if err := q.Refresh(src); err != nil {
			_ = q.Close()
			return nil, err
		}
	}
	return q, nil
}

// newQuestionIndex makes an empty in-memory index with the page index's
// mapping, so that questions and pages are analysed alike, less the word
// pairs field: pairs speed up phrase searches over many long pages, which
// this small index of short texts does not need.
func newQuestionIndex() (bleve.Index, analysis.Analyzer, error) {
	m, err := newMapping()
	if err != nil {
		return nil, nil, err
	}
	if p := m.DefaultMapping.Properties[fieldText]; p != nil {
		kept := p.Fields[:0]
		for _, f := range p.Fields {
			if f.Name != fieldPairs {
				kept = append(kept, f)
			}
		}
		p.Fields = kept
	}
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, nil, err
	}
	return idx, m.AnalyzerNamed(textAnalyzer), nil
}

// questionDoc is what the index of questions analyses of a question: its
// text, and its meeting date for the Before filter. The rest of the question
// is kept beside the index.
type questionDoc struct {
	Text string `json:"text"`
	Date string `json:"date"`
}

// questionID is the Bleve id of a version's nth question.
func questionID(sha string, n int) string { return sha + "/q" + strconv.Itoa(n+1) }

// Add indexes the questions a current version records, replacing whatever
// the index held for it.
func (q *Questions) Add(v *docs.Version, pages []docs.Page) error {
	if err := q.put(map[string]*docs.Version{v.SHA256: v}, map[string][]docs.Page{v.SHA256: pages}); err != nil {
		return fmt.Errorf("index the questions of %s: %w", shortID(v.SHA256), err)
	}
	return nil
}

// Remove drops a version's questions; removing what is not there is not an
// error.
func (q *Questions) Remove(sha256 string) error {
	if err := q.put(map[string]*docs.Version{sha256: nil}, nil); err != nil {
		return fmt.Errorf("remove the questions of %s: %w", shortID(sha256), err)
	}
	return nil
}

// put makes the index hold exactly the questions of the versions given, in
// one batch; a nil version is dropped. A version's pages, when given, make
// its questions complete at once.
func (q *Questions) put(versions map[string]*docs.Version, pages map[string][]docs.Page) error {
	found := map[string]*asked{}
	for sha, v := range versions {
		if v == nil {
			continue
		}
		ps := pages[sha]
		complete := len(ps) > 0
		for n, pq := range agenda.QuestionsIn(v, ps) {
			found[questionID(sha, n)] = &asked{q: pq, v: v, n: n, complete: complete}
		}
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.idx == nil {
		return errClosed
	}
	b := q.idx.NewBatch()
	for sha := range versions {
		for _, id := range q.sources[sha] {
			b.Delete(id)
		}
	}
	for id, a := range found {
		if err := b.Index(id, questionDoc{Text: a.q.Text, Date: a.q.Meeting}); err != nil {
			return err
		}
	}
	if err := batch(q.idx, b); err != nil {
		return err
	}
	for sha, v := range versions {
		for _, id := range q.sources[sha] {
			delete(q.found, id)
		}
		delete(q.sources, sha)
		if v != nil {
			ids := make([]string, len(v.Agenda.Questions))
			for n := range ids {
				ids[n] = questionID(sha, n)
			}
			q.sources[sha] = ids
		}
	}
	for id, a := range found {
		q.found[id] = a
	}
	return nil
}

// Refresh brings the index in step with src: the questions of current
// versions it lacks are added, those of versions no longer current dropped,
// in one batch. It reads the library's records of its papers, not their
// pages.
func (q *Questions) Refresh(src Source) error {
	versions, err := src.CurrentVersions()
	if err != nil {
		return fmt.Errorf("bring the index of questions up to date: %w", err)
	}
	current := make(map[string]bool, len(versions))
	change := map[string]*docs.Version{}
	q.mu.Lock()
	if pr, ok := src.(PageReader); ok {
		q.pages = pr
	}
	held := make(map[string]bool, len(q.sources))
	for sha := range q.sources {
		held[sha] = true
	}
	q.mu.Unlock()
	for _, v := range versions {
		current[v.SHA256] = true
		if !held[v.SHA256] {
			change[v.SHA256] = v
		}
	}
	for sha := range held {
		if !current[sha] {
			change[sha] = nil
		}
	}
	if len(change) == 0 {
		return nil
	}
	if err := q.put(change, nil); err != nil {
		return fmt.Errorf("bring the index of questions up to date: %w", err)
	}
	return nil
}

// complete reads the pages results need and fills in their printed page
// numbers and response pages, remembering them for next time. A page that
// cannot be read leaves its result as it was: the question is still worth
// showing.
func (q *Questions) complete(out []PastQuestion, ids []string) {
	q.mu.RLock()
	pr := q.pages
	var todo []int
	for i, id := range ids {
		if a := q.found[id]; a != nil && !a.complete {
			todo = append(todo, i)
		}
	}
	q.mu.RUnlock()
	if pr == nil {
		return
	}
	for _, i := range todo {
		q.mu.RLock()
		a := q.found[ids[i]]
		q.mu.RUnlock()
		if a == nil {
			continue // removed meanwhile
		}
		first, last := a.v.Agenda.Questions[a.n].PageSpan()
		if a.v.Pages > 0 {
			last = min(last, a.v.Pages)
		}
		var pages []docs.Page
		for n := first; n <= last; n++ {
			if p, err := pr.Page(a.v.SHA256, n); err == nil {
				pages = append(pages, p)
			}
		}
		if len(pages) == 0 {
			continue
		}
		done := &asked{q: agenda.QuestionsIn(a.v, pages)[a.n], v: a.v, n: a.n, complete: true}
		done.q.Meeting = a.q.Meeting // the index holds it under this date
		out[i].PackQuestion = done.q
		q.mu.Lock()
		if q.found[ids[i]] == a {
			q.found[ids[i]] = done
		}
		q.mu.Unlock()
	}
}

// Len is how many questions the index holds.
func (q *Questions) Len() int {
	q.mu.RLock()
	defer q.mu.RUnlock()
	return len(q.found)
}

// Close lets go of the index.
func (q *Questions) Close() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.idx == nil {
		return nil
	}
	err := closeQuietly(q.idx)
	q.idx = nil
	if err != nil {
		return fmt.Errorf("close the index of questions: %w", err)
	}
	return nil
}

// DefaultSimilarLimit is how many past questions Similar returns when the
// request does not say.
const DefaultSimilarLimit = 5

// SimilarRequest asks for the past questions closest in wording to a draft.
type SimilarRequest struct {
	Text string // the draft's text (its title may be added)
	// Before, yyyy-mm-dd, keeps to meetings before that day: a draft's own
	// meeting date leaves out the question itself once its agenda is out.
	Before string
	Limit  int // 0 means DefaultSimilarLimit
}

// PastQuestion is a question asked before, as the papers record it, with how
// closely it matches the draft.
type PastQuestion struct {
	agenda.PackQuestion
	// Score orders the results; it means nothing outside one answer.
	Score float64 `json:"score"`
}

// Similar returns the past questions closest in wording to req.Text, best
// first. A question several papers record (the agenda that put it, the
// minutes that answer it, the next pack that confirms those minutes) comes
// once, from the paper that records the response when one does. Among equal
// scores, answered questions and then later meetings come first. A draft
// with no word the index knows gets no results and no error.
func (q *Questions) Similar(req SimilarRequest) ([]PastQuestion, error) {
	limit := req.Limit
	if limit <= 0 {
		limit = DefaultSimilarLimit
	}
	limit = min(limit, MaxLimit)
	before, err := parseDate("before", req.Before)
	if err != nil {
		return nil, err
	}
	out, ids, err := q.similar(req.Text, before, limit)
	if err != nil {
		return nil, fmt.Errorf("look for questions like this one: %w", err)
	}
	q.complete(out, ids)
	return out, nil
}

// similar runs the search and folds the hits of one question together,
// returning the results and the id each came from.
func (q *Questions) similar(text, before string, limit int) ([]PastQuestion, []string, error) {
	q.mu.RLock()
	defer q.mu.RUnlock()
	if q.idx == nil {
		return nil, nil, errClosed
	}
	var filter query.Query
	if before != "" {
		yes, no := true, false
		r := query.NewTermRangeInclusiveQuery("0000-01-01", before, &yes, &no)
		r.SetField(fieldDate)
		filter = r
	}
	mlt, err := likeThis(q.idx, q.text, fieldText, text, filter)
	if err != nil || mlt == nil {
		return []PastQuestion{}, nil, err
	}
	// The same question in several papers takes several hits: ask for
	// enough to fill the limit once they are folded together.
	res, err := searchSafely(q.idx, bleve.NewSearchRequestOptions(mlt, 4*limit+10, 0, false))
	if err != nil {
		return nil, nil, err
	}
	type result struct {
		PastQuestion
		id string
	}
	var rs []result
	at := map[string]int{} // key → index in rs
	for _, h := range res.Hits {
		a := q.found[h.ID]
		if a == nil {
			continue
		}
		k := a.q.Key()
		i, seen := at[k]
		if !seen {
			at[k] = len(rs)
			rs = append(rs, result{PastQuestion{PackQuestion: a.q, Score: h.Score}, h.ID})
			continue
		}
		if !rs[i].Answered() && a.q.Answered() {
			rs[i].PackQuestion, rs[i].id = a.q, h.ID
		}
		rs[i].Score = max(rs[i].Score, h.Score)
	}
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Answered() != b.Answered() {
			return a.Answered()
		}
		return a.Meeting > b.Meeting
	})
	rs = rs[:min(len(rs), limit)]
	out, ids := make([]PastQuestion, len(rs)), make([]string, len(rs))
	for i, r := range rs {
		out[i], ids[i] = r.PastQuestion, r.id
	}
	return out, ids, nil
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
