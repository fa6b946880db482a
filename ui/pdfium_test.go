package ui

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"panelpapers/docs"
	"panelpapers/docs/library"
	"panelpapers/docs/pdf"
)

// The one PDFium engine of the test binary, started once: PDFium under
// -race is slow, so only the integration test and the benchmark use it.
var (
	engineOnce sync.Once
	engine     *pdf.PDFium
	engineErr  error
)

func testEngine(t testing.TB) *pdf.PDFium {
	t.Helper()
	engineOnce.Do(func() {
		// One compilation cache for all test runs, as STYLE.md allows.
		cache := filepath.Join(os.TempDir(), "panelpapers-test-cache", "wazero")
		engine, engineErr = pdf.StartPDFium(cache)
	})
	if engineErr != nil {
		t.Fatalf("start PDFium: %v", engineErr)
	}
	return engine
}

func enginePages(t testing.TB) PageSource {
	p := testEngine(t)
	return PDFiumPages(func(context.Context) (*pdf.PDFium, error) { return p, nil })
}

// pageExtractor hands the import the texts packgen wrote, so that the test
// needs neither the text worker nor agenda parsing to be right.
type pageExtractor struct{ pages []docs.Page }

func (x pageExtractor) Extract(context.Context, string, string, func(int, int)) ([]docs.Page, error) {
	return x.pages, nil
}

// TestPDFiumReading runs the flows on real pages: a real library, a real
// PDF drawn by PDFium, words marked from PDFium's character boxes, and the
// position kept in the store across windows.
func TestPDFiumReading(t *testing.T) {
	pk := samplePacks(t)["pack"]
	dir := t.TempDir()
	lib, err := library.OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "Public reports pack.pdf")
	if err := os.WriteFile(file, pk.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	papers := &library.Papers{Lib: lib, Extractor: pageExtractor{pk.Pages}}
	res, err := papers.Import(context.Background(), file, library.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	v := res.Version
	src := enginePages(t)

	open := func() *UI {
		a := test.NewTempApp(t)
		w := test.NewTempWindow(t, nil)
		u := newUI(a, w, Deps{Library: lib, Pages: src}, newAsync(true))
		t.Cleanup(u.Close)
		u.async.settle(u.renderer.Wait)
		return u
	}
	settle := func(u *UI) { u.async.settle(u.renderer.Wait) }

	u := open()
	// A search hit on page 9: the item 5 report, with a word on it.
	page := 9
	text := pk.Pages[page-1].Text
	word := "Commissioner"
	i := indexFold(text, word)
	if i < 0 {
		t.Fatalf("page %d has no %q", page, word)
	}
	u.openBySHA(v.SHA256, &place{page: page, matches: [][2]int{{i, i + len(word)}}})
	settle(u)
	r := u.Reader
	if r.doc == nil {
		t.Fatalf("paper did not open: %q %q", r.message.Text, u.lastError)
	}
	if r.current != page {
		t.Errorf("current page = %d, want %d", r.current, page)
	}
	tile := r.pagesView.tiles[page-1]
	img := tile.img.Image
	if img == nil || tile.dpi <= 0 {
		t.Fatalf("page %d not drawn", page)
	}
	// Drawn one pixel per unit at the fitted zoom: the width matches.
	if got, want := float32(img.Bounds().Dx()), tile.Size().Width; got < want || got > want*1.2 {
		t.Errorf("page drawn %v pixels wide for a %v-unit tile", got, want)
	}
	if r.marksPage != page || r.markCount == 0 {
		t.Errorf("marks on page %d (%d boxes), want some on page %d", r.marksPage, r.markCount, page)
	}
	if r.firstShown <= 0 {
		t.Error("first page never shown")
	}
	// The agenda comes from docs.Analyse here; the fake-library tests pin
	// the highlight down whatever the parser finds.
	if len(v.Agenda.Items) > 0 {
		if it := r.agenda.currentItem(); it == nil || it.Number != "5" {
			t.Errorf("agenda highlights %+v, want item 5", it)
		}
	}

	// Leave at page 12 zoomed in; a new window reopens it there.
	r.goToPage(12)
	r.onZoomIn()
	zoom := r.zoom
	u.onHome()
	settle(u)
	if got, _ := lib.Setting(positionKey(v.SHA256)); got == "" {
		t.Fatal("position not stored")
	}
	u.Close()

	u2 := open()
	u2.openBySHA(v.SHA256, nil)
	settle(u2)
	if u2.Reader.current != 12 || u2.Reader.zoom != zoom || u2.Reader.fit != fitNone {
		t.Errorf("reopened at page %d zoom %v fit %v, want page 12 zoom %v", u2.Reader.current, u2.Reader.zoom, u2.Reader.fit, zoom)
	}
	if !func() bool { t := u2.Reader.pagesView.tiles[11]; return t.img.Image != nil && t.dpi > 0 }() {
		t.Error("page 12 not drawn after reopening")
	}
}

// indexFold finds word in text ignoring case, or -1.
func indexFold(text, word string) int {
	for i := 0; i+len(word) <= len(text); i++ {
		if equalFoldASCII(text[i:i+len(word)], word) {
			return i
		}
	}
	return -1
}

func equalFoldASCII(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}
