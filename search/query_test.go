package search

import (
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"panelpapers/docs"
)

var (
	dppAll  = []string{"dpp-agenda/1", "dpp-agenda/2", "dpp-agenda/3", "dpp-agenda/5"}
	stalked = []string{"dpp-agenda/1", "dpp-agenda/2", "kent-supp/2"}
)

func TestQueries(t *testing.T) {
	lib := newLibrary(t)
	x, _ := openTest(t, lib)
	tests := []struct {
		name, query string
		want        []string // the hits, in any order
		first       string   // the hit that must come first, if any
	}{
		{"a word", "harassment", []string{"dpp-agenda/1", "dpp-agenda/2"}, ""},
		{"stemming: stalking finds stalked", "stalking", stalked, ""},
		{"stemming: stalked finds stalking", "stalked", stalked, ""},
		{"stemming: police finds policing", "police", []string{"dpp-agenda/1", "dpp-agenda/2", "dpp-agenda/3", "kent-supp/1"}, ""},
		{"stemming: policy is not police", "policy", []string{"kent-qpr/1"}, ""},
		{"stemming: plural", "policies", []string{"kent-qpr/1"}, ""},
		{"possessive", "children's", []string{"kent-qpr/2"}, ""},
		{"case", "STALKING Protection orders", []string{"kent-supp/2"}, ""},
		{"all words must match", "stalking precept", []string{"dpp-agenda/1"}, ""},
		{"all words, apart on the page", "crime panel", []string{"dpp-agenda/1", "dpp-agenda/2"}, ""},
		{"plus is the default", "+stalking +orders", []string{"kent-supp/2"}, ""},
		{"AND is the default", "stalking AND orders", []string{"kent-supp/2"}, ""},
		{"best page first", "precept", []string{"dpp-agenda/1", "dpp-agenda/5"}, "dpp-agenda/5"},
		{"phrase", `"crime panel"`, []string{"dpp-agenda/1"}, ""},
		{"long phrase", `"police and crime commissioner"`, []string{"dpp-agenda/2"}, ""},
		{"curly quotes", "“police and crime commissioner”", []string{"dpp-agenda/2"}, ""},
		{"hyphenated word is a phrase", "night-time", []string{"dpp-agenda/3"}, ""},
		{"numbers with a slash", "2025/26", []string{"dpp-agenda/1", "dpp-agenda/5"}, ""},
		{"exclude a word", "stalking -harassment", []string{"kent-supp/2"}, ""},
		{"exclude with NOT", "stalking NOT harassment", []string{"kent-supp/2"}, ""},
		{"exclude a phrase", `stalking -"crime panel"`, []string{"dpp-agenda/2", "kent-supp/2"}, ""},
		{"a lone dash is punctuation", "stalking - harassment", []string{"dpp-agenda/1", "dpp-agenda/2"}, ""},
		{"prefix", "stalk*", stalked, ""},
		{"prefix of a stemmed word", "harassment*", []string{"dpp-agenda/1", "dpp-agenda/2"}, ""},
		{"prefix, Welsh", "gwasan*", []string{"mscc-cofnodion/2"}, ""},
		{"prefix and a word", "devol* paper", []string{"kent-supp/1"}, ""},
		{"misspelt", "comissioner~", dppAll, ""},
		{"misspelt by one", "harasment~1", []string{"dpp-agenda/1", "dpp-agenda/2"}, ""},
		{"misspelt by two", "stalkng~2", stalked, ""},
		{"~0 is exact", "stalkng~0", nil, ""},
		{"either word", "precept OR gritting", []string{"dpp-agenda/1", "dpp-agenda/5", "kent-qpr/1"}, ""},
		{"either word, and another", "stalking orders OR harassment", stalked, ""},
		{"committee field", "committee:police", dppAll, ""},
		{"committee field, word start", "committee:pol stalking", []string{"dpp-agenda/1", "dpp-agenda/2"}, ""},
		{"committee field, phrase", `committee:"county council"`, []string{"kent-supp/1", "kent-supp/2"}, ""},
		{"committee field, excluded", "stalking -committee:kent", []string{"dpp-agenda/1", "dpp-agenda/2"}, ""},
		{"item field", "item:5", []string{"dpp-agenda/3", "dpp-agenda/5", "mscc-cofnodion/2"}, ""},
		{"item field and a word", "item:5 precept", []string{"dpp-agenda/5"}, ""},
		{"kind field", "kind:minutes", []string{"mscc-cofnodion/1", "mscc-cofnodion/2"}, ""},
		{"title field", "title:quarterly care", []string{"kent-qpr/2", "kent-qpr/3"}, ""},
		{"Welsh", "gwasanaethau", []string{"mscc-cofnodion/2"}, ""},
		{"Welsh, capitals in the text", "cymuned manordeilo", []string{"mscc-cofnodion/1"}, ""},
		{"Welsh, Neuadd", "Neuadd", []string{"mscc-cofnodion/1"}, ""},
		{"Welsh, w for ŵ", "dwr", []string{"mscc-cofnodion/2"}, ""},
		{"Welsh, ŵ typed", "dŵr", []string{"mscc-cofnodion/2"}, ""},
		{"Welsh, w for ŵ again", "cwn", []string{"mscc-cofnodion/2"}, ""},
		{"Welsh, y for ŷ", "ty elwyn", []string{"mscc-cofnodion/2"}, ""},
		{"Welsh, a for â", "lan", []string{"mscc-cofnodion/2"}, ""},
		{"Welsh, u for û", "gytun", []string{"mscc-cofnodion/2"}, ""},
		{"Welsh phrase folded", `"ansawdd dwr afon"`, []string{"mscc-cofnodion/2"}, ""},
		{"question mark is punctuation", "the proposed precept?", []string{"dpp-agenda/1", "dpp-agenda/5"}, ""},
		{"no hits", "zebra crossing", nil, ""},
		{"only exclusions", "-stalking -precept -harassment", []string{
			"dpp-agenda/3", "kent-qpr/1", "kent-qpr/2", "kent-qpr/3",
			"mscc-cofnodion/1", "mscc-cofnodion/2", "kent-supp/1"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := search(t, x, Request{Query: tc.query, Limit: 100})
			got := labels(t, lib, res)
			if !slices.Equal(sorted(got), sorted(tc.want)) {
				t.Errorf("%s found %v, want %v", tc.query, got, tc.want)
			}
			if res.Total != uint64(len(tc.want)) {
				t.Errorf("total %d, want %d", res.Total, len(tc.want))
			}
			if tc.first != "" && (len(got) == 0 || got[0] != tc.first) {
				t.Errorf("first hit %v, want %s", got, tc.first)
			}
			if res.Hits == nil {
				t.Error("Hits is nil; want an empty list so JSON says []")
			}
			if !sort.SliceIsSorted(res.Hits, func(i, j int) bool { return res.Hits[i].Score > res.Hits[j].Score }) {
				t.Error("hits are not best first")
			}
		})
	}
}

// TestPhraseInARow checks that a page with every word pair of a phrase, but
// not the phrase, is not a hit and does not count in the total.
func TestPhraseInARow(t *testing.T) {
	lib := newLibrary(t, "kent-qpr")
	x, _ := openTest(t, lib)
	v := &docs.Version{SHA256: strings.Repeat("ab", 32), Document: "licensing", Title: "Minutes", Committee: "Licensing Committee",
		Date: "2025-02-01", Kind: docs.KindMinutes, Pages: 4}
	pages := []docs.Page{
		{Number: 1, Text: "The crime panel met in March. The panel report was noted."},
		{Number: 2, Text: "The members read the crime panel report and agreed it."},
		{Number: 3, Text: "The report of the council was sent to the clerk; the view of the panel was sought."},
		{Number: 4, Text: "Members considered the report of the panel on licensing fees."},
	}
	lib.add(v, pages)
	if err := x.Add(v, pages); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		`"crime panel report"`:  "licensing/2",
		`"report of the panel"`: "licensing/4",
	} {
		res := search(t, x, Request{Query: q})
		if got := labels(t, lib, res); !slices.Equal(got, []string{want}) || res.Total != 1 {
			t.Errorf("%s found %v (total %d), want only %s", q, got, res.Total, want)
		}
	}
}

func TestFilters(t *testing.T) {
	lib := newLibrary(t)
	x, _ := openTest(t, lib)
	tests := []struct {
		name string
		req  Request
		want []string
	}{
		{"committee word", Request{Query: "stalking", Committee: "police"}, []string{"dpp-agenda/1", "dpp-agenda/2"}},
		{"committee any case, word starts", Request{Query: "stalking", Committee: "DYFED pol"}, []string{"dpp-agenda/1", "dpp-agenda/2"}},
		{"committee in full", Request{Query: "stalking", Committee: "Dyfed-Powys Police and Crime Panel"}, []string{"dpp-agenda/1", "dpp-agenda/2"}},
		{"committee, other", Request{Query: "stalking", Committee: "kent"}, []string{"kent-supp/2"}},
		{"committee matching none", Request{Query: "stalking", Committee: "licensing"}, nil},
		{"committee, Welsh", Request{Query: "cyfarfod", Committee: "cyngor cymuned"}, []string{"mscc-cofnodion/1", "mscc-cofnodion/2"}},
		{"from", Request{Query: "stalking", From: "2025-01-01"}, []string{"dpp-agenda/1", "dpp-agenda/2"}},
		{"to", Request{Query: "stalking", To: "2024-12-31"}, []string{"kent-supp/2"}},
		{"from and to the same day", Request{Query: "stalking OR care", From: "2025-01-24", To: "2025-01-24"}, []string{"dpp-agenda/1", "dpp-agenda/2"}},
		{"from and to, a range", Request{Query: "council", From: "2015-01-01", To: "2024-12-31"}, []string{"kent-supp/1"}},
		{"kind", Request{Query: "stalking", Kind: "supplement"}, []string{"kent-supp/2"}},
		{"kind, any case", Request{Query: "stalking", Kind: "Agenda"}, []string{"dpp-agenda/1", "dpp-agenda/2"}},
		{"kind with nothing yet", Request{Query: "stalking", Kind: "note"}, nil},
		{"all filters", Request{Query: "care", Committee: "cabinet", From: "2025-03-01", To: "2025-03-31", Kind: "report"}, []string{"kent-qpr/2", "kent-qpr/3"}},
		{"filters with only exclusions", Request{Query: "-stalking", Kind: "agenda"}, []string{"dpp-agenda/3", "dpp-agenda/5"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := search(t, x, tc.req)
			if got := labels(t, lib, res); !slices.Equal(sorted(got), sorted(tc.want)) {
				t.Errorf("%+v found %v, want %v", tc.req, got, tc.want)
			}
		})
	}
}

func TestLimitAndOffset(t *testing.T) {
	lib := newLibrary(t)
	x, _ := openTest(t, lib)
	all := labels(t, lib, search(t, x, Request{Query: "-zzzz", Limit: 100}))
	if len(all) != 11 {
		t.Fatalf("%d pages in all, want 11", len(all))
	}
	for _, tc := range []struct{ limit, offset, want int }{
		{0, 0, DefaultLimit}, {3, 0, 3}, {5, 10, 1}, {5, 11, 0},
	} {
		res := search(t, x, Request{Query: "-zzzz", Limit: tc.limit, Offset: tc.offset})
		if len(res.Hits) != tc.want || res.Total != 11 {
			t.Errorf("limit %d offset %d: %d hits of %d, want %d of 11", tc.limit, tc.offset, len(res.Hits), res.Total, tc.want)
		}
	}
}

func TestQueryErrors(t *testing.T) {
	lib := newLibrary(t)
	x, _ := openTest(t, lib)
	tests := []struct {
		name  string
		req   Request
		field string
		msg   string // a part of the sentence
	}{
		{"unbalanced quote", Request{Query: `"police and crime`}, "", "opening quote with no closing quote"},
		{"unbalanced quote later", Request{Query: `stalking "crime panel" "police`}, "", "opening quote with no closing quote"},
		{"empty", Request{Query: ""}, "", "Type a word"},
		{"spaces", Request{Query: "   "}, "", "Type a word"},
		{"punctuation only", Request{Query: "&& //"}, "", "Type a word"},
		{"empty quotes", Request{Query: `stalking ""`}, "", "nothing between them"},
		{"prefix too short", Request{Query: "a*"}, "", "at least two letters"},
		{"star alone", Request{Query: "*"}, "", "Put * right after"},
		{"star inside", Request{Query: "st*lk"}, "", "only at the end"},
		{"fuzziness too big", Request{Query: "stalking~5"}, "", "After ~"},
		{"tilde alone", Request{Query: "~"}, "", "right after a word"},
		{"star and tilde", Request{Query: "stalk*~"}, "", "both * and ~"},
		{"tilde after a phrase", Request{Query: `"crime panel"~2`}, "", "cannot follow a quoted phrase"},
		{"OR first", Request{Query: "OR police"}, "", "OR needs a word on each side"},
		{"OR last", Request{Query: "police OR"}, "", "OR needs a word on each side"},
		{"OR with exclusion", Request{Query: "police OR -crime"}, "", "cannot be joined with OR"},
		{"NOT last", Request{Query: "police NOT"}, "", "NOT needs a word"},
		{"field with nothing", Request{Query: "committee: police"}, "", "after committee:"},
		{"unknown kind in the query", Request{Query: "kind:leaflet"}, "", `no kind called "leaflet"`},
		{"bad from date", Request{Query: "stalking", From: "24/01/2025"}, "from", "yyyy-mm-dd"},
		{"impossible to date", Request{Query: "stalking", To: "2025-13-01"}, "to", "yyyy-mm-dd"},
		{"from after to", Request{Query: "stalking", From: "2025-02-01", To: "2025-01-01"}, "from", "after the to date"},
		{"unknown kind", Request{Query: "stalking", Kind: "leaflet"}, "kind", "agenda, supplement, minutes, report, other, note or question"},
		{"committee with no words", Request{Query: "stalking", Committee: "&"}, "committee", "committee's name"},
		{"negative limit", Request{Query: "stalking", Limit: -1}, "limit", "1 or more"},
		{"negative offset", Request{Query: "stalking", Offset: -1}, "offset", "negative"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := x.Search(tc.req)
			var qe *QueryError
			if !errors.As(err, &qe) || !errors.Is(err, ErrBadQuery) {
				t.Fatalf("%+v: error %v, want a *QueryError", tc.req, err)
			}
			if qe.Field != tc.field {
				t.Errorf("Field %q, want %q", qe.Field, tc.field)
			}
			if !strings.Contains(qe.Error(), tc.msg) {
				t.Errorf("message %q lacks %q", qe.Error(), tc.msg)
			}
			if !isSentence(qe.Error()) {
				t.Errorf("message %q is not a sentence", qe.Error())
			}
		})
	}
}

// isSentence: a capital letter first, a full stop last.
func isSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 'A' && r <= 'Z' && strings.HasSuffix(s, ".")
}

func TestHitFields(t *testing.T) {
	lib := newLibrary(t)
	x, _ := openTest(t, lib)
	vs, _ := lib.CurrentVersions()
	ids := map[string]string{}
	for _, v := range vs {
		ids[v.Document] = v.ID()
	}
	str := func(s string) *string { return &s }
	tests := []struct {
		query string
		want  Hit
	}{
		{"precept increase", Hit{Pack: ids["dpp-agenda"], Title: "Agenda", Date: "2025-01-24", Committee: "Dyfed-Powys Police and Crime Panel",
			Kind: "agenda", Item: str("5"), Page: 5, PrintedPage: str("7")}},
		{`"night-time economy"`, Hit{Pack: ids["dpp-agenda"], Title: "Agenda", Date: "2025-01-24", Committee: "Dyfed-Powys Police and Crime Panel",
			Kind: "agenda", Item: str("5"), Page: 3, PrintedPage: str("6")}},
		{"apologies absence", Hit{Pack: ids["dpp-agenda"], Title: "Agenda", Date: "2025-01-24", Committee: "Dyfed-Powys Police and Crime Panel",
			Kind: "agenda", Item: nil, Page: 1, PrintedPage: str("1")}},
		{"Neuadd", Hit{Pack: ids["mscc-cofnodion"], Title: "Cofnodion", Date: "2015-12-09", Committee: "Cyngor Cymuned Manordeilo a Salem",
			Kind: "minutes", Item: str("1"), Page: 1, PrintedPage: nil}},
		{"sufficiency", Hit{Pack: ids["kent-qpr"], Title: "Quarterly Performance Report, Quarter 3", Date: "2025-03-04", Committee: "Cabinet",
			Kind: "report", Item: str("7"), Page: 2, PrintedPage: str("24")}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			res := search(t, x, Request{Query: tc.query})
			if len(res.Hits) != 1 {
				t.Fatalf("%d hits, want 1", len(res.Hits))
			}
			h := res.Hits[0]
			if h.Score <= 0 || h.Snippet == "" || len(h.SHA256) != 64 || !strings.HasPrefix(h.SHA256, h.Pack) || len(h.Pack) != 12 {
				t.Errorf("score %v, snippet %q, sha %q, pack %q", h.Score, h.Snippet, h.SHA256, h.Pack)
			}
			h.Score, h.Snippet, h.SHA256, h.Matches = 0, "", "", nil
			g, _ := json.Marshal(h)
			w, _ := json.Marshal(tc.want)
			if string(g) != string(w) {
				t.Errorf("hit\n %s\nwant\n %s", g, w)
			}
		})
	}
}

// TestJSONShape pins the keys of `panelpapers search --json`.
func TestJSONShape(t *testing.T) {
	lib := newLibrary(t)
	x, _ := openTest(t, lib)
	for _, q := range []string{"apologies absence", "zebra"} {
		raw, err := json.Marshal(search(t, x, Request{Query: q}))
		if err != nil {
			t.Fatal(err)
		}
		var top map[string]json.RawMessage
		if err := json.Unmarshal(raw, &top); err != nil {
			t.Fatal(err)
		}
		if got := keys(top); !slices.Equal(got, []string{"hits", "query", "total"}) {
			t.Errorf("%s: top keys %v", q, got)
		}
		var hits []map[string]any
		if err := json.Unmarshal(top["hits"], &hits); err != nil || hits == nil {
			t.Fatalf("%s: hits %s (%v), want a list", q, top["hits"], err)
		}
		for _, h := range hits {
			want := []string{"committee", "date", "item", "kind", "pack", "page", "printed_page", "score", "snippet", "title"}
			if got := keys(h); !slices.Equal(got, want) {
				t.Errorf("hit keys %v, want %v", got, want)
			}
			if h["item"] != nil {
				t.Errorf("item %v, want null for a page outside any item", h["item"])
			}
		}
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// FuzzParse checks that no query makes the parser or the query builder
// panic, and that every refusal is a sentence.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`stalking`, `"crime panel" -police`, `stalk* comissioner~2`, `committee:"county council" item:5`,
		`a OR b NOT c`, `"unbalanced`, `~`, `*`, `dŵr “Neuadd”`, `kind:minutes title:agenda`, `- + -- ++ "" :`} {
		f.Add(s)
	}
	m, err := newMapping()
	if err != nil {
		f.Fatal(err)
	}
	x := &Index{text: m.AnalyzerNamed(textAnalyzer), name: m.AnalyzerNamed(nameAnalyzer), key: m.AnalyzerNamed(keyAnalyzer),
		welsh: m.AnalyzerNamed(welshQueryAnalyzer)}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := x.compile(Request{Query: s}, true)
		if err == nil {
			return
		}
		var qe *QueryError
		if !errors.As(err, &qe) || !isSentence(qe.Error()) {
			t.Errorf("%q: %v", s, err)
		}
	})
}
