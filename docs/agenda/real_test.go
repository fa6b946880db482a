package agenda_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/internal/doctest"
	"panelpapers/docs/pdf"
)

// Real papers are read as the app reads them: through its own extractor
// (dslipak in worker processes, refereed by PDFium), never through
// pdftotext. The PDFs live beside the repository, in ../shared, never in it.

// TestMain doubles as the extraction worker, as main does: the extractor
// starts the test binary itself as its dslipak child process.
func TestMain(m *testing.M) {
	if pdf.IsExtractWorker() {
		os.Exit(pdf.RunExtractWorker(os.Stdin, os.Stdout))
	}
	code := m.Run()
	shared.close()
	os.Exit(code)
}

// extraction is the extractor every test of the package shares, started on
// first use, and the pages it has extracted, by path: each PDF is extracted
// once per test run.
type extraction struct {
	once  sync.Once
	pdf   *pdf.PDFium
	x     *pdf.Extractor
	err   error
	mu    sync.Mutex
	pages map[string][]docs.Page
}

var shared extraction

func (s *extraction) close() {
	if s.x != nil {
		_ = s.x.Close()
	}
	if s.pdf != nil {
		_ = s.pdf.Close()
	}
}

// wazeroCache is the compilation cache every package's tests share: the
// first run compiles PDFium (seconds), the others load it.
func wazeroCache() string {
	return filepath.Join(os.TempDir(), "panelpapers-test-cache", "wazero")
}

// extractPDF returns the pages of the PDF at path as the app extracts them,
// before the agenda parser has marked them. Each call gets its own copy.
func extractPDF(t testing.TB, path string) []docs.Page {
	t.Helper()
	shared.once.Do(func() {
		shared.pdf, shared.err = pdf.StartPDFium(wazeroCache())
		if shared.err == nil {
			shared.x = pdf.NewExtractor(shared.pdf)
		}
		shared.pages = map[string][]docs.Page{}
	})
	if shared.err != nil {
		t.Fatalf("start PDFium: %v", shared.err)
	}
	shared.mu.Lock()
	pages, ok := shared.pages[path]
	shared.mu.Unlock()
	if !ok {
		var err error
		pages, err = shared.x.Extract(context.Background(), path, "", nil)
		if err != nil {
			t.Fatalf("extract %s: %v", path, err)
		}
		shared.mu.Lock()
		shared.pages[path] = pages
		shared.mu.Unlock()
	}
	out := append([]docs.Page(nil), pages...)
	for i := range out {
		out[i].Printed, out[i].Item = "", ""
	}
	return out
}

// sharedDir is a folder of real papers beside the repository.
func sharedDir(t testing.TB, sub string) string { return doctest.SharedDir(t, sub) }

// realPaper extracts a paper of ../shared/<sub>.
func realPaper(t testing.TB, sub, name string) []docs.Page {
	t.Helper()
	if raceEnabled {
		t.Skip("extracts real PDFs: too slow under the race detector; make test runs it without (-run Corpus)")
	}
	return extractPDF(t, filepath.Join(sharedDir(t, sub), name))
}

// label is what a careful person reads in a paper: see
// ../shared/meetings/README.md.
type label struct {
	Kind      string            `json:"kind"`
	Body      *string           `json:"body"`
	Committee *string           `json:"committee"`
	Date      *string           `json:"date"`
	Time      *string           `json:"time"`
	Venue     *string           `json:"venue"`
	Items     []string          `json:"items"`
	ItemPages map[string][2]int `json:"item_pages"`
	Questions *int              `json:"questions"`
	Traps     string            `json:"traps"`
}

// labelSets are the labelled papers: the folder of ../shared they are in and
// their labels.
var labelSets = []struct{ name, sub, labels string }{
	{"meetings", "meetings", ""}, // labels in the folder itself
	{"corpus", "corpus", filepath.Join("testdata", "corpus", "LABELS.json")},
}

func readLabels(t testing.TB, dir, path string) (names []string, labels map[string]label) {
	t.Helper()
	if path == "" {
		path = filepath.Join(dir, "LABELS.json")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &labels); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for n := range labels {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, labels
}
