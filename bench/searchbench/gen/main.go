// Command gen writes the agenda packs bench/search.sh imports: PDFs made by
// packgen with about --pages pages in all, in packs of about 200 pages, the
// text packgen's prose with about two paragraphs in five made of sentences
// taken from the real corpus (when --corpus is given), the packs spread over
// several committees.
//
//	go run ./bench/searchbench/gen --out DIR [--pages 20000] [--corpus DIR]
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"panelpapers/bench/searchbench"
	"panelpapers/docs/packgen"
)

func main() {
	out := flag.String("out", "", "folder to write the PDFs to")
	pages := flag.Int("pages", 20000, "pages in all")
	corpus := flag.String("corpus", "", "corpus folder to harvest sentences from")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: gen --out DIR [--pages N] [--corpus DIR]")
		os.Exit(2)
	}
	if err := run(*out, *pages, *corpus); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(out string, pages int, corpus string) error {
	var sentences []string
	if corpus != "" {
		var err error
		if sentences, err = searchbench.Harvest(corpus); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var specs []packgen.Spec
	for n := 0; pages > 0; n++ {
		k := min(pages, searchbench.PagesPerPack)
		pages -= k
		s := packgen.LargePack(k, uint64(n+1))
		s.Committee = searchbench.Committees[n%len(searchbench.Committees)]
		mix(&s, sentences, uint64(n+1))
		specs = append(specs, s)
	}
	// Two at a time: the machine has two cores.
	var wg sync.WaitGroup
	errs := make(chan error, len(specs))
	sem := make(chan struct{}, 2)
	for n, s := range specs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			path := filepath.Join(out, fmt.Sprintf("pack-%04d.pdf", n+1))
			if err := packgen.WriteFile(path, s); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// mix replaces about two paragraphs in five with corpus sentences.
func mix(s *packgen.Spec, sentences []string, seed uint64) {
	if len(sentences) == 0 {
		return
	}
	r := rand.New(rand.NewPCG(seed, 0x9e11))
	for i := range s.Items {
		for _, page := range s.Items[i].Pages {
			for j := range page {
				if r.IntN(5) >= 2 {
					continue
				}
				n := 3 + r.IntN(4)
				para := make([]string, n)
				for k := range para {
					para[k] = sentences[r.IntN(len(sentences))]
				}
				page[j] = strings.Join(para, " ")
			}
		}
	}
}
