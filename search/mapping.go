package search

import (
	"fmt"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// schemaVersion names the shape of the index: the mapping below and the
// entry fields. Bump it whenever either changes; an index carrying another
// version is rebuilt from the library when it is opened.
const schemaVersion = "1"

// Analyzer and filter names, as stored in the index's mapping.
const (
	// textAnalyzer is for page text, titles and notes. Words are split on
	// Unicode word boundaries, lower-cased, folded to ASCII (so "gwasanaethau",
	// "Neuadd" and "dwr" find "gwasanaethau", "NEUADD" and "dŵr", and PDF
	// ligatures such as "ﬁ" become "fi"), stripped of an English possessive
	// ("council's" is "council") and stemmed with the Snowball (Porter2)
	// English stemmer. Porter2 joins inflections of one word and little else:
	// "stalking", "stalked" and "stalks" are all "stalk"; "police" and
	// "policing" are both "polic" (so each finds the other) while "policy" and
	// "policies" are "polici", a different word. Welsh words pass through the
	// English stemmer too; since index and query share the analyzer they
	// still match each other exactly, at worst with an English suffix
	// trimmed. No stop words are dropped, so phrases keep every word.
	textAnalyzer = "pp_text"
	// nameAnalyzer is for committee names: words folded and lower-cased but
	// not stemmed, so that a partial name ("dyfed pol") matches word prefixes.
	nameAnalyzer = "pp_name"
	// keyAnalyzer is for short codes compared whole: agenda item numbers
	// ("4a" equals "4A") and kinds.
	keyAnalyzer = "pp_key"
	// pairsAnalyzer indexes each two neighbouring words of the page text of
	// which one is a common word ("and", "the", "of", "yn") as one term: "polic
	// and", "and crime" (after the same steps as textAnalyzer). A phrase's
	// pairs with a common word are then looked up like words, instead of by
	// comparing the positions of a word found 30 times on every page (tens of
	// milliseconds on 20,000 pages); its other neighbours are compared by
	// position, which is quick for words that are not common. Pairing every
	// word would make indexing two and a half times slower.
	pairsAnalyzer = "pp_pairs"
	// pairFilter turns a token stream into the stream of its neighbouring
	// pairs that have a common word.
	pairFilter = "pp_pair"
	// stemFilter is Bleve's Snowball English stemmer (stemmer_en_snowball)
	// with a cache: the text and its pairs are each stemmed, and a library's
	// words repeat, so most stems are looked up rather than worked out.
	stemFilter = "pp_stem"
	// foldFilter folds each token to ASCII after the tokenizer has run, so
	// token offsets still point into the original text and snippets mark the
	// right characters. (Bleve's asciifolding is a character filter, which
	// would shift every offset after an accented letter.)
	foldFilter = "pp_fold"
)

// Field names of an entry in the index.
const (
	fieldText      = "text"
	fieldPairs     = "pairs" // a second field made from the text property
	fieldTitle     = "title"
	fieldCommittee = "committee"
	fieldDate      = "date"
	fieldKind      = "kind"
	fieldItem      = "item"
	fieldPage      = "page"
	fieldPrinted   = "printed"
	fieldPack      = "pack"
	fieldSource    = "source"
)

// newMapping returns the whole index mapping: every analyzer and field.
func newMapping() (*mapping.IndexMappingImpl, error) {
	m := mapping.NewIndexMapping()
	m.ScoringModel = index.BM25Scoring
	m.DefaultAnalyzer = textAnalyzer
	m.DefaultField = fieldText
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false

	analyzers := []struct {
		name      string
		tokenizer string
		filters   []string
	}{
		{textAnalyzer, unicode.Name, []string{lowercase.Name, foldFilter, en.PossessiveName, stemFilter}},
		{pairsAnalyzer, unicode.Name, []string{lowercase.Name, foldFilter, en.PossessiveName, stemFilter, pairFilter}},
		{nameAnalyzer, unicode.Name, []string{lowercase.Name, foldFilter}},
		{keyAnalyzer, single.Name, []string{lowercase.Name, foldFilter}},
	}
	for _, a := range analyzers {
		err := m.AddCustomAnalyzer(a.name, map[string]interface{}{
			"type":          custom.Name,
			"tokenizer":     a.tokenizer,
			"token_filters": a.filters,
		})
		if err != nil {
			return nil, fmt.Errorf("add analyzer %s: %w", a.name, err)
		}
	}

	// field builds a field mapping; search words need positions (for phrases
	// and snippets), filters and sorts need doc values, displays need store.
	field := func(typ, analyzer string, indexed, store, positions, docValues bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		if typ == "number" {
			f = mapping.NewNumericFieldMapping()
		}
		f.Analyzer = analyzer
		f.Index = indexed
		f.Store = store
		f.IncludeTermVectors = positions
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	doc := mapping.NewDocumentStaticMapping()
	pairs := field("text", pairsAnalyzer, true, false, false, false)
	pairs.Name = fieldPairs
	doc.AddFieldMappingsAt(fieldText, field("text", textAnalyzer, true, true, true, false), pairs)
	doc.AddFieldMappingsAt(fieldTitle, field("text", textAnalyzer, true, true, true, false))
	doc.AddFieldMappingsAt(fieldCommittee, field("text", nameAnalyzer, true, true, true, false))
	doc.AddFieldMappingsAt(fieldDate, field("text", keyAnalyzer, true, true, false, true))
	doc.AddFieldMappingsAt(fieldKind, field("text", keyAnalyzer, true, true, false, false))
	doc.AddFieldMappingsAt(fieldItem, field("text", keyAnalyzer, true, true, false, false))
	doc.AddFieldMappingsAt(fieldPage, field("number", "", true, true, false, true))
	doc.AddFieldMappingsAt(fieldPrinted, field("text", keyAnalyzer, false, true, false, false))
	doc.AddFieldMappingsAt(fieldPack, field("text", keyAnalyzer, true, true, false, true))
	doc.AddFieldMappingsAt(fieldSource, field("text", keyAnalyzer, true, true, false, false))
	m.DefaultMapping = doc

	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("check index mapping: %w", err)
	}
	return m, nil
}

// foldTokens is the pp_fold token filter: ASCII folding of each token's term
// that leaves the token's offsets alone.
type foldTokens struct {
	fold *asciifolding.AsciiFoldingFilter
}

// Filter folds the non-ASCII terms of a token stream in place.
func (f foldTokens) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		for _, b := range tok.Term {
			if b >= 0x80 {
				tok.Term = f.fold.Filter(tok.Term)
				break
			}
		}
	}
	return input
}

// commonWords are the words that pair with their neighbours: English and
// Welsh function words, as the stemmer leaves them.
var commonWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an and are as at be been by for from has have in into is it its
		not of on or that the their this to was were which will with
		ac ag am ar at bod ei eu gan i mae o wedi y yn yr`) {
		env := snowballstem.NewEnv(w)
		english.Stem(env)
		commonWords[env.Current()] = true
	}
}

// paired reports whether two neighbouring terms are indexed as a pair.
func paired(a, b []byte) bool { return commonWords[string(a)] || commonWords[string(b)] }

// pairTokens is the pp_pair token filter.
type pairTokens struct{}

// Filter returns a token for each two neighbouring tokens of which one is a
// common word: their terms joined by a space (which no single term
// contains), at the first one's position.
func (pairTokens) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input)/2)
	for i := 0; i+1 < len(input); i++ {
		a, b := input[i], input[i+1]
		if !paired(a.Term, b.Term) {
			continue
		}
		term := make([]byte, 0, len(a.Term)+1+len(b.Term))
		term = append(append(append(term, a.Term...), ' '), b.Term...)
		out = append(out, &analysis.Token{Term: term, Start: a.Start, End: b.End, Position: a.Position, Type: analysis.Shingle})
	}
	return out
}

// phraseParts splits a phrase's terms into what the index can look up: the
// pairs pp_pair made of them, and runs of two or more terms in a row with no
// common word among them, which must be matched by position.
func phraseParts(terms []string) (pairs []string, runs [][]string) {
	start := 0
	for i := 0; i+1 < len(terms); i++ {
		if paired([]byte(terms[i]), []byte(terms[i+1])) {
			pairs = append(pairs, terms[i]+" "+terms[i+1])
			if i > start {
				runs = append(runs, terms[start:i+1])
			}
			start = i + 1
		}
	}
	if len(terms)-1 > start {
		runs = append(runs, terms[start:])
	}
	return pairs, runs
}

// stemCacheSize bounds the stem cache: a library's vocabulary is far
// smaller, and numbers and codes beyond it are stemmed each time.
const stemCacheSize = 200000

// stemTokens is the pp_stem token filter.
type stemTokens struct {
	mu    sync.RWMutex
	stems map[string]string
}

// Filter stems every token that is not a keyword, as stemmer_en_snowball does.
func (f *stemTokens) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		if tok.KeyWord {
			continue
		}
		f.mu.RLock()
		stem, ok := f.stems[string(tok.Term)]
		f.mu.RUnlock()
		if !ok {
			word := string(tok.Term)
			env := snowballstem.NewEnv(word)
			english.Stem(env)
			stem = env.Current()
			f.mu.Lock()
			if len(f.stems) < stemCacheSize {
				f.stems[word] = stem
			}
			f.mu.Unlock()
		}
		tok.Term = append(tok.Term[:0], stem...)
	}
	return input
}

func init() {
	filters := map[string]analysis.TokenFilter{
		foldFilter: foldTokens{fold: asciifolding.New()},
		pairFilter: pairTokens{},
		stemFilter: &stemTokens{stems: map[string]string{}},
	}
	for name, f := range filters {
		err := registry.RegisterTokenFilter(name, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return f, nil
		})
		if err != nil {
			panic(fmt.Sprintf("register %s: %v", name, err))
		}
	}
}
