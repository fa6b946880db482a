package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSnippets checks through a real index that snippets mark the words
// that matched, however the query spelt them.
func TestSnippets(t *testing.T) {
	lib := newLibrary(t)
	x, _ := openTest(t, lib)
	tests := []struct {
		name, query string
		page        int      // the hit to look at
		marked      []string // must appear, marks included
		unmarked    []string // must appear without marks
	}{
		{"stemmed both ways", "stalking", 2, []string{"«Stalking»", "«stalked»"}, []string{"harassment"}},
		{"a phrase is marked whole", `"police and crime commissioner"`, 2, []string{"«Police and Crime Commissioner»"}, nil},
		{"words apart are marked apart", "crime harassment", 2, []string{"«Crime»", "«harassment»"}, nil},
		{"accent folded: dwr marks dŵr", "dwr", 2, []string{"«dŵr»"}, nil},
		{"accent folded: gytun marks gytûn", "gytun", 2, []string{"«gytûn»"}, nil},
		{"accent folded: Tŷ", "ty", 2, []string{"«Tŷ»"}, nil},
		{"capitals", "neuadd", 1, []string{"«Neuadd»"}, nil},
		{"prefix", "stalk*", 2, []string{"«Stalking»", "«stalked»"}, nil},
		{"misspelt", "comissioner~", 5, []string{"«Commissioner's»", "«Commissioner»"}, nil},
		{"possessive", "commissioner", 5, []string{"«Commissioner's»"}, nil},
		{"excluded words are not marked", "precept -stalking", 5, []string{"«precept»"}, nil},
		{"field-only match shows the page start", "committee:police item:5", 5, nil, []string{"The Commissioner's precept proposal"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := search(t, x, Request{Query: tc.query, Limit: 100})
			var h *Hit
			for i := range res.Hits {
				if res.Hits[i].Page == tc.page {
					h = &res.Hits[i]
				}
			}
			if h == nil {
				t.Fatalf("no hit on page %d", tc.page)
			}
			for _, m := range tc.marked {
				if !strings.Contains(h.Snippet, m) {
					t.Errorf("snippet %q lacks %q", h.Snippet, m)
				}
			}
			for _, m := range tc.unmarked {
				if !strings.Contains(h.Snippet, m) {
					t.Errorf("snippet %q lacks %q", h.Snippet, m)
				}
			}
			if strings.Count(h.Snippet, "«") != strings.Count(h.Snippet, "»") {
				t.Errorf("unbalanced marks in %q", h.Snippet)
			}
			if strings.ContainsAny(h.Snippet, "\n\t") || strings.Contains(h.Snippet, "  ") {
				t.Errorf("white space not collapsed in %q", h.Snippet)
			}
			// The marks in the snippet and the ranges in Matches name the same words.
			pages, _ := lib.Pages(h.SHA256)
			text := pages[h.Page-1].Text
			words := map[string]bool{}
			for _, m := range h.Matches {
				words[text[m[0]:m[1]]] = true
			}
			for _, m := range tc.marked {
				for _, w := range strings.Split(strings.Trim(m, "«»"), " ") {
					if !words[w] {
						t.Errorf("marked %q is not among the Matches %v", w, words)
					}
				}
			}
		})
	}
}

func TestSnippetWindow(t *testing.T) {
	filler := func(n int) string { return strings.Repeat("the council noted the report ", n) }
	long := filler(20) + "the precept rises by 4.9 per cent\nfor\t2025/26 " + filler(20)
	at := strings.Index(long, "precept")
	guil := "He said «precept» twice: precept."
	gat := strings.LastIndex(guil, "precept")
	tests := []struct {
		name      string
		text      string
		spans     []span
		want      []string // substrings
		head, end bool     // starts / ends with …
	}{
		{"match in the middle of a long page", long, []span{{at, at + 7, "precept"}},
			[]string{"«precept»", "rises by 4.9 per cent for 2025/26"}, true, true},
		{"no match: the start", long, nil, []string{"the council noted"}, false, true},
		{"short text whole", "Apologies for absence", []span{{0, 9, "apolog"}}, []string{"«Apologies» for absence"}, false, false},
		{"page's own guillemets kept apart from marks", guil, []span{{gat, gat + 7, "precept"}},
			[]string{`"precept"`, "«precept»."}, false, false},
		{"match at the very end", filler(20) + "precept", []span{{len(filler(20)), len(filler(20)) + 7, "precept"}},
			[]string{"«precept»"}, true, false},
		{"Welsh letters are not split", strings.Repeat("dŵr ", 100) + "afon", []span{{500, 504, "afon"}},
			[]string{"«afon»"}, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := snippet(tc.text, tc.spans, snippetWidth)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("snippet %q lacks %q", got, w)
				}
			}
			if strings.HasPrefix(got, "…") != tc.head || strings.HasSuffix(got, "…") != tc.end {
				t.Errorf("snippet %q: want … at the start %v, at the end %v", got, tc.head, tc.end)
			}
			if n := utf8.RuneCountInString(got); n > snippetWidth+40 {
				t.Errorf("snippet is %d characters long", n)
			}
			if !utf8.ValidString(got) {
				t.Errorf("snippet %q is not valid UTF-8", got)
			}
		})
	}
}

// TestSnippetBestWindow checks that the window goes where most different
// words matched, not simply to the first match.
func TestSnippetBestWindow(t *testing.T) {
	text := "precept " + strings.Repeat("lorem ipsum dolor ", 30) + "the precept and the veto " + strings.Repeat("sit amet ", 30)
	k := strings.Index(text, "the precept")
	spans := []span{{0, 7, "precept"}, {k + 4, k + 11, "precept"}, {k + 20, k + 24, "veto"}}
	got := snippet(text, spans, snippetWidth)
	if !strings.Contains(got, "«precept» and the «veto»") {
		t.Errorf("snippet %q does not show precept and veto together", got)
	}
	if spans := matchSpans(nil, 0); spans != nil {
		t.Errorf("matchSpans(nil) = %v", spans)
	}
}
