// Command run measures the search index in-process for bench/search.sh.
//
//	run build --index DIR [--pages 20000] [--corpus DIR] [--rebuild] [--cpuprofile FILE]
//	    generates a library (no PDFs) and indexes it a pack at a time through
//	    Index.Add, as imports do (or all at once as a rebuild does, with
//	    --rebuild); prints pages/s and the index size. Run it under
//	    /usr/bin/time -v for the peak memory.
//	run query --index DIR [--queries bench/queries.txt] [--rounds 20] [--each]
//	    opens the index once and times every query (ten hits with snippets)
//	    rounds times after a warm-up; prints p50/p95/p99 overall and per
//	    class, and with --each the median of every query.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"time"

	"panelpapers/bench/searchbench"
	"panelpapers/search"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: run build|query [options]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "build":
		err = build(os.Args[2:])
	case "query":
		err = queries(os.Args[2:])
	default:
		fmt.Fprintln(os.Stderr, "usage: run build|query [options]")
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func build(args []string) error {
	fs := flag.NewFlagSet("build", flag.ExitOnError)
	dir := fs.String("index", "", "index folder to create")
	pages := fs.Int("pages", 20000, "pages to generate")
	corpus := fs.String("corpus", "", "corpus folder to harvest sentences from")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the indexing here")
	rebuild := fs.Bool("rebuild", false, "build as a rebuild does (batches of many packs) instead of a pack at a time")
	_ = fs.Parse(args)
	if *dir == "" {
		return fmt.Errorf("build: --index is required")
	}
	var sentences []string
	if *corpus != "" {
		var err error
		if sentences, err = searchbench.Harvest(*corpus); err != nil {
			return err
		}
	}
	lib := searchbench.Generate(*pages, 1, sentences)
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	var x *search.Index
	var err error
	if *rebuild {
		if x, err = search.Open(*dir, lib, nil); err != nil {
			return err
		}
	} else {
		if x, err = search.Open(*dir, &searchbench.Library{}, nil); err != nil {
			return err
		}
		for _, v := range lib.Versions {
			ps, _ := lib.Pages(v.SHA256)
			if err := x.Add(v, ps); err != nil {
				return err
			}
		}
	}
	took := time.Since(start)
	if err := x.Close(); err != nil {
		return err
	}
	closed := time.Since(start)
	n := lib.PageCount()
	fmt.Printf("pages\t%d\nsentences\t%d\nseconds\t%.2f\nseconds_with_close\t%.2f\npages_per_second\t%.0f\nindex_bytes\t%d\n",
		n, len(sentences), took.Seconds(), closed.Seconds(), float64(n)/closed.Seconds(), searchbench.DirSize(*dir))
	return nil
}

func queries(args []string) error {
	fs := flag.NewFlagSet("query", flag.ExitOnError)
	dir := fs.String("index", "", "index folder")
	file := fs.String("queries", filepath.Join("bench", "queries.txt"), "queries file")
	rounds := fs.Int("rounds", 20, "times to run every query")
	each := fs.Bool("each", false, "print every query's median")
	_ = fs.Parse(args)
	qs, err := searchbench.ReadQueries(*file)
	if err != nil {
		return err
	}
	x, err := search.Open(*dir, nil, nil)
	if err != nil {
		return err
	}
	defer x.Close()
	var all []time.Duration
	byClass := map[string][]time.Duration{}
	var classes []string
	for _, q := range qs { // warm-up
		if _, err := x.Search(q.Request); err != nil {
			return fmt.Errorf("%q: %w", q.Query, err)
		}
	}
	for _, q := range qs {
		var ts []time.Duration
		var total uint64
		for range *rounds {
			start := time.Now()
			res, err := x.Search(q.Request)
			d := time.Since(start)
			if err != nil {
				return fmt.Errorf("%q: %w", q.Query, err)
			}
			total = res.Total
			ts = append(ts, d)
		}
		all = append(all, ts...)
		if byClass[q.Class] == nil {
			classes = append(classes, q.Class)
		}
		byClass[q.Class] = append(byClass[q.Class], ts...)
		if *each {
			sortDurations(ts)
			fmt.Printf("query\t%s\t%q\t%d hits\t%.2f ms\t%.2f ms max\n", q.Class, q.Query, total,
				ms(searchbench.Percentile(ts, 50)), ms(ts[len(ts)-1]))
		}
	}
	row := func(name string, ts []time.Duration) {
		sortDurations(ts)
		fmt.Printf("%s\t%d\t%.2f\t%.2f\t%.2f\n", name, len(ts),
			ms(searchbench.Percentile(ts, 50)), ms(searchbench.Percentile(ts, 95)), ms(searchbench.Percentile(ts, 99)))
	}
	fmt.Println("class\tsearches\tp50_ms\tp95_ms\tp99_ms")
	for _, c := range classes {
		row(c, byClass[c])
	}
	row("all", all)
	return nil
}

func sortDurations(ts []time.Duration) { sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] }) }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
