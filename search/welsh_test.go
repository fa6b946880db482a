package search

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"panelpapers/docs"
	"panelpapers/docs/words"
)

// welshLibrary is the test library and the Welsh papers of the corpus,
// testdata/welsh.json: the text the app's extractor gives of
// ../shared/corpus/mscc_minutes_2015-12_cy.pdf ("mscc-cy"),
// plaid_being_a_councillor_cy.pdf ("plaid-cy": a Welsh page, then its
// English), and mscc_minutes_2015-12-09_en.pdf, the English of the same
// minutes ("mscc-en"). It adds one English page of words that look like
// mutated Welsh ones ("english-lookalikes").
func welshLibrary(t testing.TB) *fakeLibrary {
	t.Helper()
	lib := newLibrary(t)
	raw, err := os.ReadFile(filepath.Join("testdata", "welsh.json"))
	if err != nil {
		t.Fatal(err)
	}
	var fs []fixture
	if err := json.Unmarshal(raw, &fs); err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		v := f.Version
		lib.add(&v, f.Pages)
	}
	lib.add(&docs.Version{SHA256: strings.Repeat("cd", 32), Document: "english-lookalikes", Title: "Minutes",
		Committee: "Licensing Committee", Date: "2025-02-01", Kind: docs.KindMinutes, Pages: 1},
		[]docs.Page{{Number: 1, Text: englishLookalikes}})
	return lib
}

// englishLookalikes is English whose words would be mutated Welsh forms of
// other English words, were they Welsh: "then" of "ten", "hall" of "all",
// "mill" of "bill", and plurals: "pension" of "pens", "mission" of "miss".
const englishLookalikes = `Then the three members met in the hall and voted by a show of hand.
The land by the mill was gone; one billion was set aside for the mission. The pension fund will fill
the gap, bring the heat pumps in and thin the trees. The session passed the motion on dance and the
phone mast. Members asked the clerk to bring the new bins to the depot.`

// welshSearches are the real pairs of docs/words' tests, as searches: what
// a member types, a form printed in a Welsh paper, and the page it is on.
var welshSearches = []struct{ typed, printed, page string }{
	{"cynghorydd", "Cynghorwyr", "mscc-cy/1"},
	{"cynghorydd", "Gynghorwyr", "plaid-cy/1"},
	{"cynghorwyr", "GynGhOrydd", "plaid-cy/1"}, // as the extractor reads the leaflet's capitals,
	{"cyngor", "Gyngor", "mscc-cy/1"},
	{"Cyngor", "Gyngor", "mscc-cofnodion/1"},
	{"capel", "Nghapel", "mscc-cy/2"},
	{"caerfyrddin", "Gaerfyrddin", "mscc-cy/1"},
	{"cymdeithas", "Gymdeithas", "plaid-cy/1"},
	{"cymru", "Gymru", "plaid-cy/1"},
	{"cymuned", "chymuned", "mscc-cy/1"},
	{"cynghorau", "chynghorau", "plaid-cy/1"},
	{"coed", "choed", "mscc-cy/1"},
	{"cwn", "chŵn", "mscc-cy/1"},
	{"pawb", "phawb", "mscc-cy/1"},
	{"pawb", "bawb", "mscc-cy/1"},
	{"plant", "blant", "mscc-cy/1"},
	{"pryderon", "phryderon", "plaid-cy/1"},
	{"priffyrdd", "Briffyrdd", "mscc-cy/1"},
	{"trafodaeth", "drafodaeth", "mscc-cy/1"},
	{"talu", "dalu'r", "mscc-cy/2"},
	{"diddordeb", "DDIDDORDEB", "mscc-cy/1"},
	{"mater", "FATER", "mscc-cy/3"},
	{"materion", "mater", "mscc-cy/1"},
	{"lleol", "Leol", "mscc-cy/2"},
	{"llywodraeth", "lywodraeth", "plaid-cy/1"},
	{"gohebiaeth", "ohebiaeth", "mscc-cy/2"},
	{"gorchymyn", "Orchymyn", "mscc-cy/1"},
	{"gwaith", "waith", "mscc-cy/1"},
	{"gwrthwynebiad", "wrthwynebiad", "mscc-cy/3"},
	{"adran", "adrannau", "plaid-cy/1"},
	{"dyfynbris", "ddyfynbrisiau", "mscc-cy/2"},
	{"ymgynghoriad", "ymgynghoriadau", "mscc-cy/2"},
	{"gwasanaethau", "wasanaethau", "mscc-cofnodion/2"},
	{"agenda", "agenda'r", "mscc-cy/1"}, // "yn eitem ar agenda'r cyfarfod nesaf": a clitic
}

// TestWelshForms checks that each typed word finds the page with its
// printed form, and that the printed word is among the hit's matches (so
// the snippet and the reader mark it).
func TestWelshForms(t *testing.T) {
	lib := welshLibrary(t)
	x, _ := openTest(t, lib)
	for _, tc := range welshSearches {
		t.Run(tc.typed+"→"+tc.printed, func(t *testing.T) {
			res := search(t, x, Request{Query: tc.typed, Limit: 100})
			got := labels(t, lib, res)
			i := slices.Index(got, tc.page)
			if i < 0 {
				t.Fatalf("%s found %v, not %s (where %q is)", tc.typed, got, tc.page, tc.printed)
			}
			text := pageText(t, lib, res.Hits[i])
			if !strings.Contains(text, tc.printed) {
				t.Fatalf("%s has no %q", tc.page, tc.printed)
			}
			marked := false
			for _, m := range res.Hits[i].Matches {
				marked = marked || text[m[0]:m[1]] == tc.printed || strings.HasPrefix(text[m[0]:m[1]], tc.printed)
			}
			if !marked {
				t.Errorf("%q is not among the matches of %s: snippet %q", tc.printed, tc.page, res.Hits[i].Snippet)
			}
		})
	}
}

// pageText is the text of a hit's page, from the library.
func pageText(t *testing.T, lib *fakeLibrary, h Hit) string {
	t.Helper()
	pages, err := lib.Pages(h.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if p.Number == h.Page {
			return p.Text
		}
	}
	t.Fatalf("no page %d", h.Page)
	return ""
}

// TestWelshPhrasesAndPrefixes checks phrases with a mutated word in them,
// and a word start that only a radical has.
func TestWelshPhrasesAndPrefixes(t *testing.T) {
	lib := welshLibrary(t)
	x, _ := openTest(t, lib)
	for _, tc := range []struct {
		query string
		want  []string
	}{
		// "o Gyngor Cymuned Manordeilo a Salem" (mscc-cy/1) and the test
		// library's copy; "CYNGOR CYMUNED" itself heads both.
		{`"cyngor cymuned"`, []string{"mscc-cy/1", "mscc-cofnodion/1"}},
		// "gan Gyngor Sir Caerfyrddin" (mscc-cy/1).
		{`"cyngor sir caerfyrddin"`, []string{"mscc-cy/1"}},
		// "yng Nghapel Isaac" (mscc-cy/2), "Hysbysfwrdd Capel Isaac" (mscc-cy/1,
		// and in English, mscc-en/1).
		{`"capel isaac"`, []string{"mscc-cy/1", "mscc-cy/2", "mscc-en/1"}},
		// "darpar Gynghorwyr" (plaid-cy/1), "Cynghorwyr"/"Cynghorydd" (mscc-cy/1, 2).
		{"cynghor*", []string{"mscc-cy/1", "mscc-cy/2", "plaid-cy/1"}},
		// The English of the minutes says "Councillor", and no mutation
		// makes it Welsh.
		{"councillor", []string{"mscc-en/1", "mscc-en/2", "plaid-cy/2"}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			res := search(t, x, Request{Query: tc.query, Limit: 100})
			if got := labels(t, lib, res); !slices.Equal(sorted(got), sorted(tc.want)) {
				t.Errorf("%s found %v, want %v", tc.query, got, tc.want)
			}
		})
	}
}

// englishControls are English words that must find exactly the pages
// holding them, as before Welsh forms were indexed: among them the
// radicals that English look-alikes would have were they Welsh ("ten" of
// "then", "all" of "hall", "gland" of "land", "bill" of "mill" and of
// "billion", "pens" of "pension"), and the words of the English half of
// the bilingual leaflet and of the English minutes.
var englishControls = []string{
	"ten", "tree", "all", "and", "gland", "cone", "gone", "pill", "bill", "eat", "tin", "pring", "miss", "pens",
	"sess", "pass", "pance", "tance", "pone", "bins", "pins", "dill", "mass", "new", "bay", "team", "call", "can",
	"tan", "pod", "did", "council", "councillor", "councils", "community", "members", "meeting", "minutes",
	"planning", "report", "local", "government", "association", "party", "wales", "cardiff", "research",
	"clerk", "correspondence", "footpaths", "lights", "precept", "police", "stalking", "salem", "isaac",
}

// TestEnglishControls checks that Welsh forms add no English hits: each
// control finds the same pages as the plain word on the text alone.
func TestEnglishControls(t *testing.T) {
	lib := welshLibrary(t)
	x, _ := openTest(t, lib)
	for _, w := range englishControls {
		res := search(t, x, Request{Query: w, Limit: 1000})
		got := labels(t, lib, res)
		stem := terms(x.text, w)
		if len(stem) != 1 {
			t.Fatalf("%s: stems %v", w, stem)
		}
		plain, err := x.run(bleve.NewSearchRequestOptions(term(stem[0], fieldText), 1000, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		if int(plain.Total) != len(got) || res.Total != plain.Total {
			t.Errorf("%s: found %v (total %d), the text alone %d pages", w, got, res.Total, plain.Total)
		}
	}
	// And the look-alikes page is English throughout.
	for i, welsh := range words.WelshContext(words.Texts(englishLookalikes)) {
		if welsh {
			t.Errorf("word %d of the look-alikes is taken for Welsh", i)
		}
	}
}
