package search

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	blevesearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// DefaultLimit is how many hits a search returns when the request does not say.
const DefaultLimit = 10

// MaxLimit caps a request's Limit: more hits than this are never shown at once.
const MaxLimit = 1000

// Request is one search: what the member typed and how to narrow it.
type Request struct {
	Query     string // in the query language of parse
	Committee string // words of the committee's name, matched as word starts; "" for any
	From, To  string // meeting dates, yyyy-mm-dd, inclusive; "" for open
	Kind      string // one of Kinds, or "" for any
	Limit     int    // hits wanted; 0 means DefaultLimit
	Offset    int    // hits to skip, for paging
}

// Result is the answer to a Request, best hits first.
type Result struct {
	Query string `json:"query"`
	Total uint64 `json:"total"` // every matching page, not only the hits returned
	Hits  []Hit  `json:"hits"`
}

// Hit is one matching page (or note, or question), carrying all it shows
// so that listing it needs no trip to the library.
type Hit struct {
	Pack        string  `json:"pack"` // the version id (docs.Version.ID)
	Title       string  `json:"title"`
	Date        string  `json:"date"` // meeting date, yyyy-mm-dd, or ""
	Committee   string  `json:"committee"`
	Kind        string  `json:"kind"`
	Item        *string `json:"item"`         // agenda item number, nil when none
	Page        int     `json:"page"`         // PDF page number, from 1
	PrintedPage *string `json:"printed_page"` // page number as printed, nil when none
	Score       float64 `json:"score"`
	// Snippet is about 200 characters of the page around its best match,
	// matched words between « and », whitespace collapsed to single spaces.
	Snippet string `json:"snippet"`

	// SHA256 is the version's full hash, for opening it.
	SHA256 string `json:"-"`
	// Note and Draft are the id of the member's note (Kind "note") or
	// question draft (Kind "question") the hit is, for opening it; "" for a
	// page of a paper.
	Note  string `json:"-"`
	Draft string `json:"-"`
	// Matches are the byte ranges [start, end) of every matched word in the
	// page's text, for the reader to draw.
	Matches [][2]int `json:"-"`
}

// storedFields are the fields a hit is made from.
var storedFields = []string{fieldText, fieldTitle, fieldCommittee, fieldDate, fieldKind, fieldItem, fieldPage, fieldPrinted, fieldPack}

// Search runs a request. A query or filter that cannot be run is a
// *QueryError; no hits is a Result with Total 0 and no error.
func (x *Index) Search(req Request) (*Result, error) {
	if req.Limit < 0 {
		return nil, badFilter("limit", "The number of results must be 1 or more.")
	}
	if req.Offset < 0 {
		return nil, badFilter("offset", "The number of results to skip cannot be negative.")
	}
	limit := req.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	fast, err := x.compile(req, true)
	if err != nil {
		return nil, err
	}
	exact, err := x.compile(req, false)
	if err != nil {
		return nil, err
	}
	// Two passes. The first ranks every matching page and counts them with
	// the fast query and no word positions (asking for positions makes Bleve
	// gather them for every matching page). The second runs the exact query
	// on the best pages alone, for the positions of the matched words and
	// the stored fields; a page it does not find had a phrase's word pairs
	// but not the phrase, and is left out.
	res, err := x.run(bleve.NewSearchRequestOptions(fast, limit, req.Offset, false))
	if err != nil {
		return nil, fmt.Errorf("search for %q: %w", req.Query, err)
	}
	out := &Result{Query: req.Query, Total: res.Total, Hits: make([]Hit, 0, len(res.Hits))}
	if len(res.Hits) == 0 {
		return out, nil
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	detail := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(ids), exact}), len(ids), 0, false)
	detail.Fields = storedFields
	detail.IncludeLocations = true
	more, err := x.run(detail)
	if err != nil {
		return nil, fmt.Errorf("search for %q: %w", req.Query, err)
	}
	byID := make(map[string]*blevesearch.DocumentMatch, len(more.Hits))
	for _, h := range more.Hits {
		byID[h.ID] = h
	}
	for _, h := range res.Hits {
		d, ok := byID[h.ID]
		if !ok {
			continue // see above; or removed between the passes
		}
		hit := makeHit(d)
		hit.Score = h.Score // the conjunction scores differently
		out.Hits = append(out.Hits, hit)
	}
	if dropped := len(res.Hits) - len(out.Hits); dropped > 0 && res.Total <= uint64(req.Offset+limit) {
		out.Total -= uint64(dropped) // every match was checked: the total is exact
	}
	return out, nil
}

// run searches the open index, turning a panic from damaged files into an
// error.
func (x *Index) run(sr *bleve.SearchRequest) (res *bleve.SearchResult, err error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.idx == nil {
		return nil, errClosed
	}
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	return x.idx.Search(sr)
}

// makeHit builds a Hit from a Bleve hit's stored fields and term locations.
func makeHit(h *blevesearch.DocumentMatch) Hit {
	str := func(f string) string {
		s, _ := h.Fields[f].(string)
		return s
	}
	orNil := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	page, _ := h.Fields[fieldPage].(float64)
	sha := str(fieldPack)
	text := str(fieldText)
	locs := h.Locations[fieldText]
	if w := h.Locations[fieldWelsh]; len(w) > 0 {
		// A word found in Welsh only ("Gyngor" for "cyngor") is marked too.
		all := make(blevesearch.TermLocationMap, len(locs)+len(w))
		for t, ls := range locs {
			all[t] = ls
		}
		for t, ls := range w {
			all[t] = append(all[t], ls...)
		}
		locs = all
	}
	spans := matchSpans(locs, len(text))
	snip := snippet(text, spans, snippetWidth)
	matches := make([][2]int, len(spans))
	for i, s := range spans {
		matches[i] = [2]int{s.start, s.end}
	}
	return Hit{
		Pack:        shortID(sha),
		Title:       str(fieldTitle),
		Date:        str(fieldDate),
		Committee:   str(fieldCommittee),
		Kind:        str(fieldKind),
		Item:        orNil(str(fieldItem)),
		Page:        int(page),
		PrintedPage: orNil(str(fieldPrinted)),
		Score:       h.Score,
		Snippet:     snip,
		SHA256:      sha,
		Note:        mineID(h.ID, notePrefix),
		Draft:       mineID(h.ID, draftPrefix),
		Matches:     matches,
	}
}
