package search_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"panelpapers/bench/searchbench"
	"panelpapers/search"
)

// benchIndex is the index the search benchmarks share: building 20,000
// pages takes a while, and Go calls a benchmark function several times.
var benchIndex struct {
	once sync.Once
	dir  string
	x    *search.Index
	err  error
}

// benchPages is the size of the benchmark library; PANELPAPERS_BENCH_PAGES
// changes it.
func benchPages() int {
	if n, err := strconv.Atoi(os.Getenv("PANELPAPERS_BENCH_PAGES")); err == nil && n > 0 {
		return n
	}
	return 20000
}

// corpusDir is the real corpus beside the repository, or PANELPAPERS_CORPUS.
func corpusDir() string {
	if d := os.Getenv("PANELPAPERS_CORPUS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared", "corpus")
}

// openBench builds the benchmark index once, a version at a time through
// Index.Add as imports do, and logs how fast that went.
func openBench(b *testing.B) *search.Index {
	benchIndex.once.Do(func() {
		// PANELPAPERS_BENCH_INDEX keeps the index between runs, for profiling.
		if keep := os.Getenv("PANELPAPERS_BENCH_INDEX"); keep != "" {
			if _, err := os.Stat(keep); err == nil {
				benchIndex.x, benchIndex.err = search.Open(keep, nil, nil)
				return
			}
			defer func() {
				if benchIndex.x != nil {
					benchIndex.err = benchIndex.x.Close()
					benchIndex.x = nil
					if benchIndex.err == nil {
						benchIndex.err = os.Rename(filepath.Join(benchIndex.dir, "index"), keep)
					}
					if benchIndex.err == nil {
						benchIndex.x, benchIndex.err = search.Open(keep, nil, nil)
					}
				}
			}()
		}
		sentences, err := searchbench.Harvest(corpusDir())
		if err != nil {
			b.Logf("no corpus sentences (%v): prose only", err)
		}
		lib := searchbench.Generate(benchPages(), 1, sentences)
		benchIndex.dir, benchIndex.err = os.MkdirTemp("", "searchbench")
		if benchIndex.err != nil {
			return
		}
		x, err := search.Open(filepath.Join(benchIndex.dir, "index"), &searchbench.Library{}, nil)
		if err != nil {
			benchIndex.err = err
			return
		}
		start := time.Now()
		for _, v := range lib.Versions {
			pages, _ := lib.Pages(v.SHA256)
			if err := x.Add(v, pages); err != nil {
				benchIndex.err = err
				return
			}
		}
		took := time.Since(start)
		n := lib.PageCount()
		b.Logf("indexed %d pages (%d corpus sentences mixed in) in %v: %.0f pages/s; index %.1f MB",
			n, len(sentences), took.Round(time.Millisecond), float64(n)/took.Seconds(),
			float64(searchbench.DirSize(benchIndex.dir))/1e6)
		benchIndex.x = x
	})
	if benchIndex.err != nil {
		b.Fatal(benchIndex.err)
	}
	return benchIndex.x
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchIndex.x != nil {
		_ = benchIndex.x.Close()
	}
	if benchIndex.dir != "" {
		_ = os.RemoveAll(benchIndex.dir)
	}
	os.Exit(code)
}

// BenchmarkSearch times searches with snippets, ten hits each, on a
// 20,000-page index held open: one sub-benchmark per class of query in
// bench/queries.txt, and "all", which reports the percentiles of every
// query's time.
func BenchmarkSearch(b *testing.B) {
	queries, err := searchbench.ReadQueries(filepath.Join("..", "bench", "queries.txt"))
	if err != nil {
		b.Fatal(err)
	}
	x := openBench(b)
	byClass := map[string][]searchbench.Query{}
	var classes []string
	for _, q := range queries {
		if byClass[q.Class] == nil {
			classes = append(classes, q.Class)
		}
		byClass[q.Class] = append(byClass[q.Class], q)
	}
	for _, c := range classes {
		qs := byClass[c]
		b.Run(c, func(b *testing.B) {
			hits := 0
			for i := 0; b.Loop(); i++ {
				res, err := x.Search(qs[i%len(qs)].Request)
				if err != nil {
					b.Fatalf("%q: %v", qs[i%len(qs)].Query, err)
				}
				hits += len(res.Hits)
			}
			_ = hits
		})
	}
	b.Run("all", func(b *testing.B) {
		var times []time.Duration
		for i := 0; b.Loop(); i++ {
			q := queries[i%len(queries)]
			start := time.Now()
			if _, err := x.Search(q.Request); err != nil {
				b.Fatalf("%q: %v", q.Query, err)
			}
			times = append(times, time.Since(start))
		}
		sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
		for _, p := range []float64{50, 95, 99} {
			b.ReportMetric(float64(searchbench.Percentile(times, p).Microseconds())/1000, fmt.Sprintf("p%.0f-ms", p))
		}
	})
}

// BenchmarkAdd times indexing one 200-page pack into the 20,000-page index
// (and taking it out again), as an import does.
func BenchmarkAdd(b *testing.B) {
	x := openBench(b)
	lib := searchbench.Generate(searchbench.PagesPerPack, 99, nil)
	v := lib.Versions[0]
	pages, _ := lib.Pages(v.SHA256)
	for b.Loop() {
		if err := x.Add(v, pages); err != nil {
			b.Fatal(err)
		}
		if err := x.Remove(v.SHA256); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
}
