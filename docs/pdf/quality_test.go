package pdf

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/internal/doctest"
	"panelpapers/docs/words"
)

// The corpus of real PDFs lives beside the repository, never in it.

// extractCorpusDir is the corpus folder (doctest.SharedDir).
func extractCorpusDir(t testing.TB) string { return doctest.SharedDir(t, "corpus") }

// corpusFile is a line of the corpus's MANIFEST.tsv.
type corpusFile struct {
	name    string
	pages   int
	hasText bool
}

func readCorpusManifest(t testing.TB, dir string) []corpusFile {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var files []corpusFile
	sc := bufio.NewScanner(f)
	col := map[string]int{}
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(col) == 0 {
			for i, h := range fields {
				col[h] = i
			}
			continue
		}
		if len(fields) != len(col) {
			continue
		}
		pages, _ := strconv.Atoi(fields[col["pages"]])
		files = append(files, corpusFile{
			name:    fields[col["filename"]],
			pages:   pages,
			hasText: fields[col["has_text"]] == "yes",
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("MANIFEST.tsv lists no files")
	}
	return files
}

// pdftotextPages is pdftotext's text of each page of path. One run for the
// whole file, split at the form feed it ends each page with, gives the same
// text as a run per page (-f N -l N) at a fraction of the cost.
func pdftotextPages(t testing.TB, path string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	pages := strings.Split(string(out), "\f")
	return pages[:len(pages)-1] // after the last form feed: nothing
}

// qualityLoose is the one corpus file held to the overall figures only: a map
// whose labels are rotated, curved and letter-spaced, where engines split
// words differently and neither is wrong.
const qualityLoose = "ups_westminster_elections_map_2015.pdf"

func TestQualityAgainstPdftotext(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts the whole corpus; skipped under -short")
	}
	if raceEnabled {
		t.Skip("too slow under the race detector; the non-race step (go test -run 'Quality|Corpus' ./docs/) runs it")
	}
	dir := extractCorpusDir(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		doctest.Need(t, "pdftotext (poppler-utils): %v", err)
	}
	x := NewExtractor(testPDFium(t))

	var table bytes.Buffer
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "file\tpages\twords\trecall\tprecision\tdslipak\tpdfium\tseconds\t")
	var allRef, allGot, allHit, allPages, allDslipak, allPDFium int
	for _, cf := range readCorpusManifest(t, dir) {
		if !cf.hasText {
			continue
		}
		path := filepath.Join(dir, cf.name)
		start := time.Now()
		pages, err := x.Extract(context.Background(), path, "", nil)
		took := time.Since(start)
		if err != nil {
			t.Errorf("%s: %v", cf.name, err)
			continue
		}
		ref := pdftotextPages(t, path)
		if len(ref) != len(pages) {
			t.Errorf("%s: %d pages, pdftotext has %d", cf.name, len(pages), len(ref))
			continue
		}
		var fileRef, fileGot, fileHit, fileDslipak, filePDFium int
		for i, p := range pages {
			want, got := words.Bag(ref[i]), words.Bag(p.Text)
			nWant, nGot, hit := words.Count(want), words.Count(got), words.Overlap(got, want)
			fileRef, fileGot, fileHit = fileRef+nWant, fileGot+nGot, fileHit+hit
			switch p.Engine {
			case docs.EngineDslipak:
				fileDslipak++
			case docs.EnginePDFium:
				filePDFium++
			}
			if cf.name == qualityLoose || nWant < 50 {
				continue
			}
			if r, pr := ratio(hit, nWant), ratio(hit, nGot); r < 0.90 || pr < 0.90 {
				t.Errorf("%s page %d (%s): recall %.3f precision %.3f over %d words", cf.name, i+1, p.Engine, r, pr, nWant)
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.4f\t%.4f\t%d\t%d\t%.2f\t\n", cf.name, len(pages), fileRef,
			ratio(fileHit, fileRef), ratio(fileHit, fileGot), fileDslipak, filePDFium, took.Seconds())
		allRef, allGot, allHit = allRef+fileRef, allGot+fileGot, allHit+fileHit
		allPages, allDslipak, allPDFium = allPages+len(pages), allDslipak+fileDslipak, allPDFium+filePDFium
	}
	recall, precision := ratio(allHit, allRef), ratio(allHit, allGot)
	fmt.Fprintf(tw, "all\t%d\t%d\t%.4f\t%.4f\t%d\t%d\t\t\n", allPages, allRef, recall, precision, allDslipak, allPDFium)
	tw.Flush()
	t.Logf("words against pdftotext -layout; dslipak, pdfium = pages whose text each engine gave (the rest have none)\n%s", table.String())
	t.Logf("pages with text: %.1f%% from dslipak, %.1f%% from PDFium (the fallback)",
		100*ratio(allDslipak, allDslipak+allPDFium), 100*ratio(allPDFium, allDslipak+allPDFium))
	if recall < 0.98 || precision < 0.98 {
		t.Errorf("over the corpus: recall %.4f, precision %.4f; want both ≥ 0.98", recall, precision)
	}
}

// ratio is a/b, or 1 when b is 0 (nothing to find, nothing missed).
func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestCorpusScannedPages: the corpus's scans come out as scanned pages without
// text, not as blank ones or errors.
func TestCorpusScannedPages(t *testing.T) {
	if testing.Short() {
		t.Skip("reads corpus files; skipped under -short")
	}
	dir := extractCorpusDir(t)
	x := NewExtractor(testPDFium(t))
	for _, cf := range readCorpusManifest(t, dir) {
		if cf.hasText {
			continue
		}
		t.Run(cf.name, func(t *testing.T) {
			pages, err := x.Extract(context.Background(), filepath.Join(dir, cf.name), "", nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != cf.pages {
				t.Errorf("%d pages, the manifest says %d", len(pages), cf.pages)
			}
			for _, p := range pages {
				if !p.Scanned || p.Blank || p.Text != "" || p.Engine != docs.EngineNone {
					t.Errorf("page %d: %+v, want a scanned page without text", p.Number, p)
				}
			}
		})
	}
}

// BenchmarkExtractCorpus extracts every PDF of the corpus per iteration,
// then runs pdftotext -layout over the same files as many times outside the
// timer, and reports both and their ratio (bench/extract.sh prints them).
// PDFium is started (from its warm cache) before the timer starts.
func BenchmarkExtractCorpus(b *testing.B) {
	dir := extractCorpusDir(b)
	var paths []string
	for _, cf := range readCorpusManifest(b, dir) {
		paths = append(paths, filepath.Join(dir, cf.name))
	}
	x := NewExtractor(testPDFium(b))
	pages := 0
	for b.Loop() {
		pages = 0
		for _, p := range paths {
			got, err := x.Extract(context.Background(), p, "", nil)
			if err != nil {
				b.Fatalf("%s: %v", p, err)
			}
			pages += len(got)
		}
	}
	ours := b.Elapsed().Seconds() / float64(b.N)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Logf("no pdftotext to compare with: %v", err)
		return
	}
	start := time.Now()
	for range b.N {
		for _, p := range paths {
			if err := exec.Command("pdftotext", "-layout", p, os.DevNull).Run(); err != nil {
				b.Fatalf("pdftotext %s: %v", p, err)
			}
		}
	}
	theirs := time.Since(start).Seconds() / float64(b.N)
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(ours, "s/corpus")
	b.ReportMetric(theirs, "pdftotext-s/corpus")
	b.ReportMetric(ours/theirs, "ratio")
}
