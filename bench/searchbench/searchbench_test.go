package searchbench

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"panelpapers/search"
)

// TestQueriesFile checks that bench/queries.txt reads, has the classes the
// benchmarks report, and that every query runs on a small generated index.
func TestQueriesFile(t *testing.T) {
	qs, err := ReadQueries(filepath.Join("..", "queries.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 50 {
		t.Errorf("%d queries, want at least 50", len(qs))
	}
	classes := map[string]int{}
	for _, q := range qs {
		classes[q.Class]++
	}
	for _, c := range []string{"word", "words", "phrase", "prefix", "fuzzy", "exclude", "field", "welsh", "filtered"} {
		if classes[c] == 0 {
			t.Errorf("no %s queries", c)
		}
	}
	lib := Generate(400, 1, nil)
	x, err := search.Open(filepath.Join(t.TempDir(), "index"), lib, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for _, q := range qs {
		if _, err := x.Search(q.Request); err != nil {
			t.Errorf("%s %q: %v", q.Class, q.Query, err)
		}
	}
}

func TestGenerate(t *testing.T) {
	lib := Generate(450, 7, []string{"The Corporate Parenting Panel met in Maidstone."})
	if n := lib.PageCount(); n != 450 {
		t.Errorf("%d pages, want 450", n)
	}
	if len(lib.Versions) != 3 {
		t.Errorf("%d packs, want 3", len(lib.Versions))
	}
	again := Generate(450, 7, []string{"The Corporate Parenting Panel met in Maidstone."})
	a, _ := lib.Pages(lib.Versions[1].SHA256)
	b, _ := again.Pages(again.Versions[1].SHA256)
	if a[10].Text != b[10].Text || a[10].Text == "" {
		t.Error("the same seed gave different text")
	}
}

func TestSentences(t *testing.T) {
	text := "Minutes of the meeting held on 30 January 2025.\nThe Cabinet agreed the\nrecommendations in the report. Yes.\n\n12.5  14.2  17.9  22.0  31.4\n\nItem 4: Budget"
	got := Sentences(text)
	want := []string{"Minutes of the meeting held on 30 January 2025.", "The Cabinet agreed the recommendations in the report."}
	if !slices.Equal(got, want) {
		t.Errorf("Sentences = %q, want %q", got, want)
	}
}

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{50: 50 * time.Millisecond, 95: 95 * time.Millisecond, 99: 99 * time.Millisecond, 100: 100 * time.Millisecond} {
		if got := Percentile(ds, p); got != want {
			t.Errorf("p%.0f = %v, want %v", p, got, want)
		}
	}
	if Percentile(nil, 50) != 0 {
		t.Error("p50 of nothing is not 0")
	}
}
