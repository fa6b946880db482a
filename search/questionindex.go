package search

// The index of questions on notice behind "Has this been asked before?".
//
// It is a Bleve index of its own, in a folder beside the page index's
// (index/questions in the data folder), rather than entries of another kind
// in the page index: a more-like-this query weighs each word by how rare it
// is among questions, which an index of questions alone gives directly (in
// the page index every page would count); mending or rebuilding it reads
// only the few pages the questions are on, never every page of the
// library; and the member's searches can never turn up one of its entries.
// It is kept in step as the page index is: Add and Remove (docs.Indexer) as
// papers come and go, and at open a catch-up with the library (lagBehind,
// catchUp), with the same lock, the same rebuild of a damaged or outdated
// index, and the same read-only open for the command line (
// OpenQuestionsToSearch).
//
// Each entry is one question as one paper records it, complete when it is
// written: the meeting it was put to, who asked, the response, the printed
// page and the page of the response, read once from the paper's pages and
// stored with it. So the window and the command line, this run and the
// next, answer from the same entries.

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	bolt "go.etcd.io/bbolt"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
)

// questionsSchema names the shape of the index of questions: its mapping
// (which shares the page index's analyzers, so it follows schemaVersion),
// its entries, and how a paper's questions are read (agenda.QuestionsIn).
// An index carrying another is rebuilt when it is opened.
const questionsSchema = "q1/" + schemaVersion

// PageReader reads one stored page; *library.Library implements it. When
// the Source given to the index of questions is one, indexing a paper
// already in the library reads only the pages its questions are on (and
// the few after, where a response may start), not the whole paper.
type PageReader interface {
	Page(sha256 string, n int) (docs.Page, error)
}

// Questions is the index of every question on notice that the library's
// current papers record: agendas, minutes and question-and-answer packs.
// Its methods are safe for concurrent use.
type Questions struct {
	dir  string   // "" for an index held in memory
	lock *bolt.DB // the folder's lock; nil in memory

	mu  sync.RWMutex // guards idx
	idx bleve.Index

	wmu      sync.Mutex                // serialises writes, so sources stays true
	sources  map[string]questionSource // version SHA-256 → what the index holds of it
	readOnly bool                      // opened by OpenQuestionsToSearch: changes are refused

	text analysis.Analyzer
}

// questionSource is what the index holds of one version: how many of its
// questions, and the fingerprint of the record they were read from, so
// that a paper whose record changed (read again by a newer parser) is read
// again too.
type questionSource struct {
	Count       int    `json:"n"`
	Fingerprint string `json:"f"`
}

var _ docs.Indexer = (*Questions)(nil)

// questionDoc is an entry of the index: the question's words, its meeting
// date (for the Before filter) and, stored but not searched, the whole
// question as the paper records it.
type questionDoc struct {
	Text   string `json:"text"`
	Date   string `json:"date"`
	Record string `json:"record"` // JSON of agenda.PackQuestion
}

// fieldRecord is the stored question of an entry.
const fieldRecord = "record"

// questionID is the Bleve id of a version's nth question (from 0).
func questionID(sha string, n int) string { return sha + "/q" + strconv.Itoa(n+1) }

// OpenQuestions opens the index of questions in dir, creating it when it
// is missing and rebuilding it from src when it is damaged, of an older
// schema or was left half-built; then it catches up with src (the papers
// added, removed or read again since it was last written). dir "" keeps
// the index in memory, built from src. src may be nil for an index known
// to be sound (tests), or an empty one in memory. When another copy of the
// app holds the index, it returns an error wrapping docs.ErrLocked within
// about a second.
func OpenQuestions(dir string, src Source) (*Questions, error) {
	q, err := openQuestionsAt(dir, src, false)
	if err != nil {
		return nil, fmt.Errorf("open the index of questions: %w", err)
	}
	return q, nil
}

// OpenQuestionsToSearch opens the index of questions to search it and
// nothing more, as a command line process does: read-only when it is whole
// and up to date, as Open does otherwise. While the window holds it (so it
// cannot be read), the same entries are read from src into an index in
// memory: the window's index holds exactly those once it has caught up,
// so the answers are the same. The Questions it returns refuses changes.
func OpenQuestionsToSearch(dir string, src Source) (*Questions, error) {
	q, err := openQuestionsAt(dir, src, true)
	if errors.Is(err, errNotForReading) {
		q, err = openQuestionsAt(dir, src, false)
	}
	if errors.Is(err, docs.ErrLocked) && src != nil {
		q, err = openQuestionsAt("", src, false)
	}
	if err != nil {
		return nil, fmt.Errorf("open the index of questions: %w", err)
	}
	q.readOnly = true
	return q, nil
}

func openQuestionsAt(dir string, src Source, readOnly bool) (*Questions, error) {
	m, err := newQuestionMapping()
	if err != nil {
		return nil, err
	}
	q := &Questions{dir: dir, text: m.AnalyzerNamed(textAnalyzer), sources: map[string]questionSource{}}
	if dir == "" {
		idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
		if err != nil {
			return nil, err
		}
		q.idx = idx
		if src != nil {
			if err := q.catchUp(src); err != nil {
				_ = q.Close()
				return nil, err
			}
		}
		return q, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	if q.lock, err = openLock(filepath.Join(dir, lockName)); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, bleveName)
	idx, sources, err := openQuestionIndex(path, readOnly)
	switch {
	case errors.Is(err, docs.ErrLocked):
		_ = q.Close()
		return nil, err
	case err != nil && readOnly:
		_ = q.Close()
		return nil, errNotForReading
	case err != nil && src == nil:
		_ = q.Close()
		return nil, fmt.Errorf("no library to rebuild it from: %w", err)
	case err != nil:
		// Nothing searches it yet, and it is small: start afresh in place.
		// The schema goes in last, so a rebuild cut short is redone.
		if idx, err = newQuestionIndexAt(path, m); err != nil {
			_ = q.Close()
			return nil, err
		}
		sources = map[string]questionSource{}
	}
	q.idx, q.sources, q.readOnly = idx, sources, readOnly
	if src == nil {
		return q, nil
	}
	if readOnly {
		l, err := q.lagBehind(src)
		if err != nil || !l.none() {
			_ = q.Close()
			if err != nil {
				return nil, err
			}
			return nil, errNotForReading
		}
		return q, nil
	}
	if err := q.catchUp(src); err != nil {
		_ = q.Close()
		return nil, err
	}
	return q, nil
}

// openQuestionIndex opens the questions index at path and checks it is
// whole and of this schema; docs.ErrLocked when Bleve's own lock is held
// elsewhere.
func openQuestionIndex(path string, readOnly bool) (bleve.Index, map[string]questionSource, error) {
	return openChecked[map[string]questionSource](path, readOnly, questionsSchema, []string{fieldRecord})
}

// newQuestionIndexAt makes an empty, finished index of questions at path.
func newQuestionIndexAt(path string, m *mapping.IndexMappingImpl) (bleve.Index, error) {
	if err := os.RemoveAll(path); err != nil {
		return nil, err
	}
	idx, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, err
	}
	b := idx.NewBatch()
	b.SetInternal(keySources, []byte("{}"))
	b.SetInternal(keySchema, []byte(questionsSchema))
	if err := batch(idx, b); err != nil {
		_ = idx.Close()
		return nil, err
	}
	return idx, nil
}

// questionLag is how the index differs from the library: current papers it
// lacks or holds from an older record, and papers it holds that are no
// longer current.
type questionLag struct {
	missing []*docs.Version
	gone    []string
}

func (l *questionLag) none() bool { return len(l.missing) == 0 && len(l.gone) == 0 }

// lagBehind works out how the index differs from src, without writing.
func (q *Questions) lagBehind(src Source) (*questionLag, error) {
	versions, err := src.CurrentVersions()
	if err != nil {
		return nil, fmt.Errorf("bring the index of questions up to date: %w", err)
	}
	q.wmu.Lock()
	defer q.wmu.Unlock()
	l := &questionLag{}
	current := make(map[string]bool, len(versions))
	for _, v := range versions {
		current[v.SHA256] = true
		if s, ok := q.sources[v.SHA256]; !ok || s.Fingerprint != questionsFingerprint(v) {
			l.missing = append(l.missing, v)
		}
	}
	for sha := range q.sources {
		if !current[sha] {
			l.gone = append(l.gone, sha)
		}
	}
	sort.Strings(l.gone)
	sort.SliceStable(l.missing, func(i, j int) bool { return l.missing[i].SHA256 < l.missing[j].SHA256 })
	return l, nil
}

// catchUpBatch is how many papers' questions go into one batch.
const catchUpBatch = 50

// catchUp brings the index in step with src, reading the pages of the
// papers it lacks that record questions.
func (q *Questions) catchUp(src Source) error {
	l, err := q.lagBehind(src)
	if err != nil {
		return err
	}
	change := map[string]*questionSet{}
	for _, sha := range l.gone {
		change[sha] = nil
	}
	flush := func() error {
		if len(change) == 0 {
			return nil
		}
		err := q.put(change)
		clear(change)
		return err
	}
	for _, v := range l.missing {
		pages, err := questionPagesOf(src, v)
		if err != nil {
			return fmt.Errorf("bring the index of questions up to date: %w", err)
		}
		change[v.SHA256] = newQuestionSet(v, pages)
		if len(change) >= catchUpBatch {
			if err := flush(); err != nil {
				return fmt.Errorf("bring the index of questions up to date: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return fmt.Errorf("bring the index of questions up to date: %w", err)
	}
	return nil
}

// questionPagesOf reads the pages of v that its questions are on (see
// questionPages): one by one when src reads single pages, else the whole
// paper. A paper that records no questions needs none.
func questionPagesOf(src Source, v *docs.Version) ([]docs.Page, error) {
	if len(v.Agenda.Questions) == 0 {
		return nil, nil
	}
	pr, ok := src.(PageReader)
	if !ok {
		pages, err := src.Pages(v.SHA256)
		if err != nil {
			return nil, fmt.Errorf("pages of %s: %w", shortID(v.SHA256), err)
		}
		return questionPages(v, pages), nil
	}
	var out []docs.Page
	for _, n := range questionPageNumbers(v) {
		p, err := pr.Page(v.SHA256, n)
		if errors.Is(err, docs.ErrNotFound) {
			continue // a page the paper does not have: the question is still worth holding
		}
		if err != nil {
			return nil, fmt.Errorf("page %d of %s: %w", n, shortID(v.SHA256), err)
		}
		out = append(out, p)
	}
	return out, nil
}

// questionPageNumbers lists, in order, the pages v's questions are read
// from: each one's page and, when a response is recorded, the pages after
// where it may start (docs.Question.PageSpan).
func questionPageNumbers(v *docs.Version) []int {
	want := map[int]bool{}
	for _, qu := range v.Agenda.Questions {
		first, last := qu.PageSpan()
		if v.Pages > 0 {
			last = min(last, v.Pages)
		}
		for n := max(first, 1); n <= last; n++ {
			want[n] = true
		}
	}
	out := make([]int, 0, len(want))
	for n := range want {
		out = append(out, n)
	}
	sort.Ints(out)
	return out
}

// questionPages keeps of pages those v's questions are read from, so that
// a paper indexed as it is added (every page at hand) and one indexed at a
// catch-up (those pages alone) give the same entries.
func questionPages(v *docs.Version, pages []docs.Page) []docs.Page {
	want := map[int]bool{}
	for _, n := range questionPageNumbers(v) {
		want[n] = true
	}
	var out []docs.Page
	for _, p := range pages {
		if want[p.Number] {
			out = append(out, p)
		}
	}
	return out
}

// questionsFingerprint is a digest of what a version's questions are read
// from, short of its pages (which a version's SHA-256 fixes).
func questionsFingerprint(v *docs.Version) string {
	raw, _ := json.Marshal(struct {
		Committee, Date, Title string
		Kind                   docs.Kind
		Pages                  int
		Agenda                 docs.Agenda
	}{v.Committee, v.Date, v.Title, v.Kind, v.Pages, v.Agenda})
	h := fnv.New64a()
	h.Write(raw)
	return strconv.FormatUint(h.Sum64(), 36)
}

// questionSet is one version's entries, ready to write.
type questionSet struct {
	source questionSource
	docs   map[string]questionDoc // id → entry
}

func newQuestionSet(v *docs.Version, pages []docs.Page) *questionSet {
	qs := agenda.QuestionsIn(v, questionPages(v, pages))
	s := &questionSet{source: questionSource{Count: len(qs), Fingerprint: questionsFingerprint(v)},
		docs: make(map[string]questionDoc, len(qs))}
	for n, pq := range qs {
		raw, _ := json.Marshal(pq)
		s.docs[questionID(v.SHA256, n)] = questionDoc{Text: pq.Text, Date: pq.Meeting, Record: string(raw)}
	}
	return s
}

// Add indexes the questions a current version records, replacing whatever
// the index held for it.
func (q *Questions) Add(v *docs.Version, pages []docs.Page) error {
	if err := q.put(map[string]*questionSet{v.SHA256: newQuestionSet(v, pages)}); err != nil {
		return fmt.Errorf("index the questions of %s: %w", shortID(v.SHA256), err)
	}
	return nil
}

// Remove drops a version's questions; removing what is not there is not an
// error.
func (q *Questions) Remove(sha256 string) error {
	if err := q.put(map[string]*questionSet{sha256: nil}); err != nil {
		return fmt.Errorf("remove the questions of %s: %w", shortID(sha256), err)
	}
	return nil
}

// put makes the index hold exactly the entries given for each version (a
// nil set drops the version), and records what it holds, in one batch.
func (q *Questions) put(change map[string]*questionSet) error {
	q.wmu.Lock()
	defer q.wmu.Unlock()
	q.mu.RLock()
	defer q.mu.RUnlock()
	if q.idx == nil {
		return errClosed
	}
	if q.readOnly {
		return errReadOnly
	}
	sources := make(map[string]questionSource, len(q.sources)+len(change))
	for k, s := range q.sources {
		sources[k] = s
	}
	b := q.idx.NewBatch()
	for sha, set := range change {
		keep := map[string]bool{}
		if set != nil {
			ids := make([]string, 0, len(set.docs))
			for id := range set.docs {
				ids = append(ids, id)
			}
			sort.Strings(ids) // the same order every time
			for _, id := range ids {
				keep[id] = true
				if err := b.Index(id, set.docs[id]); err != nil {
					return err
				}
			}
			sources[sha] = set.source
		} else {
			delete(sources, sha)
		}
		for n := range q.sources[sha].Count {
			if id := questionID(sha, n); !keep[id] {
				b.Delete(id)
			}
		}
	}
	raw, err := json.Marshal(sources)
	if err != nil {
		return err
	}
	b.SetInternal(keySources, raw)
	if err := batch(q.idx, b); err != nil {
		return err
	}
	q.sources = sources
	return nil
}

// Rebuild reads every current paper's questions afresh from src.
func (q *Questions) Rebuild(src Source) error {
	q.wmu.Lock()
	all := make(map[string]*questionSet, len(q.sources))
	for sha := range q.sources {
		all[sha] = nil
	}
	q.wmu.Unlock()
	if err := q.put(all); err != nil {
		return fmt.Errorf("rebuild the index of questions: %w", err)
	}
	return q.catchUp(src)
}

// Len is how many questions the index holds.
func (q *Questions) Len() int {
	q.wmu.Lock()
	defer q.wmu.Unlock()
	n := 0
	for _, s := range q.sources {
		n += s.Count
	}
	return n
}

// Close lets go of the index and its folder.
func (q *Questions) Close() error {
	q.wmu.Lock()
	defer q.wmu.Unlock()
	q.mu.Lock()
	defer q.mu.Unlock()
	var err error
	if q.idx != nil {
		err = closeQuietly(q.idx)
		q.idx = nil
	}
	if q.lock != nil {
		if lerr := q.lock.Close(); err == nil {
			err = lerr
		}
		q.lock = nil
	}
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
// once, from the paper that records the response when one does (minutes
// before other papers). Among equal scores, answered questions and then
// later meetings come first. A draft with no word the index knows gets no
// results and no error.
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
	out, err := q.similar(req.Text, before, limit)
	if err != nil {
		return nil, fmt.Errorf("look for questions like this one: %w", err)
	}
	return out, nil
}

// similar runs the search and folds the hits of one question together.
func (q *Questions) similar(text, before string, limit int) ([]PastQuestion, error) {
	q.mu.RLock()
	defer q.mu.RUnlock()
	if q.idx == nil {
		return nil, errClosed
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
		return []PastQuestion{}, err
	}
	// The same question in several papers takes several hits: ask for
	// enough to fill the limit once they are folded together.
	sr := bleve.NewSearchRequestOptions(mlt, 4*limit+10, 0, false)
	sr.Fields = []string{fieldRecord}
	res, err := searchSafely(q.idx, sr)
	if err != nil {
		return nil, err
	}
	type result struct {
		PastQuestion
		id string
	}
	var rs []result
	at := map[string]int{} // key → index in rs
	for _, h := range res.Hits {
		raw, _ := h.Fields[fieldRecord].(string)
		var pq agenda.PackQuestion
		if err := json.Unmarshal([]byte(raw), &pq); err != nil {
			return nil, fmt.Errorf("%w: question %s: %v", ErrDamaged, h.ID, err)
		}
		k := pq.Key()
		i, seen := at[k]
		if !seen {
			at[k] = len(rs)
			rs = append(rs, result{PastQuestion{PackQuestion: pq, Score: h.Score}, h.ID})
			continue
		}
		if betterCopy(pq, h.ID, rs[i].PackQuestion, rs[i].id) {
			rs[i].PackQuestion, rs[i].id = pq, h.ID
		}
		rs[i].Score = max(rs[i].Score, h.Score)
	}
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		switch {
		case a.Score != b.Score:
			return a.Score > b.Score
		case a.Answered() != b.Answered():
			return a.Answered()
		case a.Meeting != b.Meeting:
			return a.Meeting > b.Meeting
		}
		return a.id < b.id
	})
	rs = rs[:min(len(rs), limit)]
	out := make([]PastQuestion, len(rs))
	for i, r := range rs {
		out[i] = r.PastQuestion
	}
	return out, nil
}

// betterCopy reports whether a (entry aID) is the better of two papers'
// copies of one question to show: the one that records the response, then
// the minutes, then the one indexed first by id, so the choice never
// depends on the order of equal hits.
func betterCopy(a agenda.PackQuestion, aID string, b agenda.PackQuestion, bID string) bool {
	switch {
	case a.Answered() != b.Answered():
		return a.Answered()
	case (a.Kind == docs.KindMinutes) != (b.Kind == docs.KindMinutes):
		return a.Kind == docs.KindMinutes
	}
	return aID < bID
}
