package search

import (
	"fmt"
	"sync"

	"panelpapers/docs/words"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
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
const schemaVersion = "5"

// Analyzer and filter names, as stored in the index's mapping.
const (
	// textAnalyzer is for page text, titles and notes. Words are split on
	// Unicode word boundaries, lower-cased, folded as docs/words folds (so "gwasanaethau",
	// "Neuadd" and "dwr" find "gwasanaethau", "NEUADD" and "dŵr", and PDF
	// ligatures such as "ﬁ" become "fi"), stripped of an English possessive
	// ("council's" is "council") and stemmed with the Snowball (Porter2)
	// English stemmer. Porter2 joins inflections of one word and little else:
	// "stalking", "stalked" and "stalks" are all "stalk"; "police" and
	// "policing" are both "polic" (so each finds the other) while "policy" and
	// "policies" are "polici", a different word. Welsh words pass through the
	// English stemmer too; since index and query share the analyzer they
	// still match each other exactly, at worst with an English suffix
	// trimmed; their mutated and plural forms meet in fieldWelsh
	// (welshAnalyzer). No stop words are dropped, so phrases keep every word.
	textAnalyzer = "pp_text"
	// nameAnalyzer is for committee names: words folded and lower-cased but
	// not stemmed, so that a partial name ("dyfed pol") matches word prefixes.
	nameAnalyzer = "pp_name"
	// keyAnalyzer is for short codes compared whole: agenda item numbers
	// ("4a" equals "4A") and kinds.
	keyAnalyzer = "pp_key"
	// pairsAnalyzer indexes each two neighbouring words of the page text as
	// one term ("polic and", "and crime", "crime plan"), after the same steps
	// as textAnalyzer, in a field of its own with no positions. A phrase is
	// first looked for as all its pairs, as quickly as words are, instead of
	// by comparing the positions of its words on every page that has them all,
	// which takes tens of milliseconds on 20,000 pages when the words are on
	// thousands of them. Measured on 20,000 pages: indexing takes about 30%
	// more time and the index 15% more room; pairing only words next to a
	// common word ("and", "the") saved a fifth of that but left phrases of
	// uncommon words five to ten times slower.
	pairsAnalyzer = "pp_pairs"
	// pairFilter turns a token stream into the stream of its neighbouring pairs.
	pairFilter = "pp_pair"
	// stemFilter is Bleve's Snowball English stemmer (stemmer_en_snowball)
	// with a cache: the text and its pairs are each stemmed, and a library's
	// words repeat, so most stems are looked up rather than worked out.
	stemFilter = "pp_stem"
	// welshAnalyzer indexes the Welsh of the page text, in a field of its
	// own (fieldWelsh), so that a word finds its mutated and plural forms:
	// "cyngor" finds "Gyngor" and "nghyngor", "cynghorydd" finds
	// "Cynghorwyr". Words are split, lower-cased and folded as for
	// textAnalyzer; then only the words that stand in Welsh
	// (words.WelshContext: Welsh function words around them, more than
	// English ones) are kept, each as the stem (words.WelshStem) of itself
	// and of every radical it may be a mutation of (words.WelshRadicals), at
	// its own position, so phrases work too. English text leaves the field
	// empty (a quick look, words.MayBeWelsh, skips it before splitting), so
	// English words gain no mutated look-alikes: "ten" never finds "then".
	welshAnalyzer = "pp_welsh"
	// welshQueryAnalyzer is welshAnalyzer for what the member types: each
	// word's Welsh stem alone, with no radicals (so "gwaith" does not find
	// "chwaith", whose radical would be "cwaith"). A query word is taken
	// as typed: the radical finds every mutated form.
	welshQueryAnalyzer = "pp_welsh_query"
	// welshTokenizer is the Unicode tokenizer behind a quick look for Welsh.
	welshTokenizer = "pp_welsh_tokens"
	// welshFilter and welshQueryFilter are the last steps of welshAnalyzer
	// and welshQueryAnalyzer.
	welshFilter      = "pp_welsh"
	welshQueryFilter = "pp_welsh_query"
	// foldFilter folds each token (docs/words) after the tokenizer has run, so
	// token offsets still point into the original text and snippets mark the
	// right characters. (Bleve's asciifolding is a character filter, which
	// would shift every offset after an accented letter.)
	foldFilter = "pp_fold"
)

// Field names of an entry in the index.
const (
	fieldText      = "text"
	fieldPairs     = "pairs" // a second field made from the text property
	fieldWelsh     = "welsh" // a third: the Welsh words' stems and radicals
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
		{welshAnalyzer, welshTokenizer, []string{lowercase.Name, foldFilter, welshFilter}},
		{welshQueryAnalyzer, unicode.Name, []string{lowercase.Name, foldFilter, welshQueryFilter}},
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

	// field builds a field mapping: searched words need positions (for
	// phrases and snippets), what a hit shows is stored. No field has doc
	// values: hits are ranked by score alone.
	field := func(typ, analyzer string, indexed, store, positions bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		if typ == "number" {
			f = mapping.NewNumericFieldMapping()
		}
		f.Analyzer = analyzer
		f.Index = indexed
		f.Store = store
		f.IncludeTermVectors = positions
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	doc := mapping.NewDocumentStaticMapping()
	pairs := field("text", pairsAnalyzer, true, false, false)
	pairs.Name = fieldPairs
	welsh := field("text", welshAnalyzer, true, false, true)
	welsh.Name = fieldWelsh
	doc.AddFieldMappingsAt(fieldText, field("text", textAnalyzer, true, true, true), pairs, welsh)
	doc.AddFieldMappingsAt(fieldTitle, field("text", textAnalyzer, true, true, true))
	doc.AddFieldMappingsAt(fieldCommittee, field("text", nameAnalyzer, true, true, true))
	doc.AddFieldMappingsAt(fieldDate, field("text", keyAnalyzer, true, true, false))
	doc.AddFieldMappingsAt(fieldKind, field("text", keyAnalyzer, true, true, false))
	doc.AddFieldMappingsAt(fieldItem, field("text", keyAnalyzer, true, true, false))
	doc.AddFieldMappingsAt(fieldPage, field("number", "", false, true, false))
	doc.AddFieldMappingsAt(fieldPrinted, field("text", keyAnalyzer, false, true, false))
	doc.AddFieldMappingsAt(fieldPack, field("text", keyAnalyzer, true, true, false))
	doc.AddFieldMappingsAt(fieldSource, field("text", keyAnalyzer, true, true, false))
	m.DefaultMapping = doc

	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("check index mapping: %w", err)
	}
	return m, nil
}

// newQuestionMapping is the mapping of the index of questions: the page
// index's analyzers, so a question and a page are read alike, over an
// entry of its own (questionDoc): the question's words (positions kept, for
// phrases), its meeting date, and the whole question stored unsearched.
func newQuestionMapping() (*mapping.IndexMappingImpl, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	text := mapping.NewTextFieldMapping()
	text.Analyzer, text.Store, text.IncludeTermVectors, text.IncludeInAll, text.DocValues = textAnalyzer, false, true, false, false
	date := mapping.NewTextFieldMapping()
	date.Analyzer, date.Store, date.IncludeTermVectors, date.IncludeInAll, date.DocValues = keyAnalyzer, false, false, false, false
	record := mapping.NewTextFieldMapping()
	record.Index, record.Store, record.IncludeTermVectors, record.IncludeInAll, record.DocValues = false, true, false, false, false
	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldText, text)
	doc.AddFieldMappingsAt(fieldDate, date)
	doc.AddFieldMappingsAt(fieldRecord, record)
	m.DefaultMapping = doc
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("check the questions' mapping: %w", err)
	}
	return m, nil
}

// foldTokens is the pp_fold token filter: the app's one folding of words
// (docs/words) applied to each token's term, leaving the token's offsets
// alone.
type foldTokens struct{}

// Filter folds the non-ASCII terms of a token stream in place.
func (foldTokens) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		for _, b := range tok.Term {
			if b >= 0x80 {
				tok.Term = []byte(words.Fold(string(tok.Term)))
				break
			}
		}
	}
	return input
}

// pairTokens is the pp_pair token filter.
type pairTokens struct{}

// Filter returns a token for each two neighbouring tokens: their terms joined
// by a space (which no single term contains), at the first one's position.
func (pairTokens) Filter(input analysis.TokenStream) analysis.TokenStream {
	if len(input) < 2 {
		return input[:0]
	}
	out := make(analysis.TokenStream, 0, len(input)-1)
	for i := 0; i+1 < len(input); i++ {
		a, b := input[i], input[i+1]
		term := make([]byte, 0, len(a.Term)+1+len(b.Term))
		term = append(append(append(term, a.Term...), ' '), b.Term...)
		out = append(out, &analysis.Token{Term: term, Start: a.Start, End: b.End, Position: a.Position, Type: analysis.Shingle})
	}
	return out
}

// pairTerms are the terms pp_pair makes of a phrase's terms.
func pairTerms(terms []string) []string {
	out := make([]string, 0, len(terms))
	for i := 0; i+1 < len(terms); i++ {
		out = append(out, terms[i]+" "+terms[i+1])
	}
	return out
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

// welshTokens is the pp_welsh_tokens tokenizer: Bleve's Unicode tokenizer,
// run only on a text that may be in Welsh.
type welshTokens struct{ unicode analysis.Tokenizer }

// Tokenize splits a text that may be in Welsh into words, and any other
// into none.
func (t welshTokens) Tokenize(input []byte) analysis.TokenStream {
	if !words.MayBeWelsh(string(input)) {
		return nil
	}
	return t.unicode.Tokenize(input)
}

// welshTerms is the pp_welsh token filter.
type welshTerms struct{}

// Filter keeps the tokens that stand in Welsh, each as its Welsh forms
// (words.WelshForms) at its own position and offsets.
func (welshTerms) Filter(input analysis.TokenStream) analysis.TokenStream {
	ws := make([]string, len(input))
	for i, tok := range input {
		ws[i] = string(tok.Term)
	}
	welsh := words.WelshContext(ws)
	out := make(analysis.TokenStream, 0, len(input))
	for i, tok := range input {
		if !welsh[i] {
			continue
		}
		for _, f := range words.WelshForms(ws[i]) {
			out = append(out, &analysis.Token{Term: []byte(f), Start: tok.Start, End: tok.End,
				Position: tok.Position, Type: tok.Type})
		}
	}
	return out
}

// welshQueryTerms is the pp_welsh_query token filter.
type welshQueryTerms struct{}

// Filter replaces each token by its Welsh stem (words.WelshStem).
func (welshQueryTerms) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, tok := range input {
		tok.Term = []byte(words.WelshStem(string(tok.Term)))
	}
	return input
}

func init() {
	filters := map[string]analysis.TokenFilter{
		foldFilter:       foldTokens{},
		pairFilter:       pairTokens{},
		stemFilter:       &stemTokens{stems: map[string]string{}},
		welshFilter:      welshTerms{},
		welshQueryFilter: welshQueryTerms{},
	}
	for name, f := range filters {
		err := registry.RegisterTokenFilter(name, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
			return f, nil
		})
		if err != nil {
			panic(fmt.Sprintf("register %s: %v", name, err))
		}
	}
	err := registry.RegisterTokenizer(welshTokenizer, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return welshTokens{unicode: unicode.NewUnicodeTokenizer()}, nil
	})
	if err != nil {
		panic(fmt.Sprintf("register %s: %v", welshTokenizer, err))
	}
}
