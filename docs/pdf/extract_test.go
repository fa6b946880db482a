package pdf

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/packgen"
)

// procWatch records the dslipak workers an Extractor starts, to check that
// none is left running.
type procWatch struct {
	x    *Extractor
	mu   sync.Mutex
	pids []int
}

func (w *procWatch) spawned(pid int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pids = append(w.pids, pid)
}

func (w *procWatch) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.pids)
}

// assertGone fails the test for every recorded worker that is still running
// outside the pool — one that was to be killed, or was never given back —
// then closes the Extractor and fails it for every worker still there (a
// worker not waited for would linger as a zombie and still be found).
func (w *procWatch) assertGone(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		_ = w.x.Close()
		return // signal 0 is a Unix way of asking
	}
	idle := map[int]bool{}
	if pool := w.x.pool; pool != nil {
		pool.mu.Lock()
		for _, wk := range pool.idle {
			idle[wk.cmd.Process.Pid] = true
		}
		pool.mu.Unlock()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, pid := range w.pids {
		if alive(pid) && !idle[pid] {
			t.Errorf("worker %d is running outside the pool", pid)
		}
	}
	_ = w.x.Close()
	for _, pid := range w.pids {
		if alive(pid) {
			t.Errorf("worker %d is still there after Close", pid)
		}
	}
}

// alive reports whether process pid exists, zombies included.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return !errors.Is(p.Signal(syscall.Signal(0)), os.ErrProcessDone)
}

// assertNoGoroutineLeak waits briefly for goroutines to wind down to base.
func assertNoGoroutineLeak(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Errorf("%d goroutines, %d before:\n%s", runtime.NumGoroutine(), base, buf[:runtime.Stack(buf, true)])
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// testExtractor is an Extractor over the shared PDFium whose workers are
// watched, closed when the test ends.
func testExtractor(t testing.TB) (*Extractor, *procWatch) {
	x := NewExtractor(testPDFium(t))
	w := &procWatch{x: x}
	x.spawned = w.spawned
	t.Cleanup(func() { _ = x.Close() })
	return x, w
}

func TestExtractBadInputs(t *testing.T) {
	good := makePDF(t, pdfOptions{}, testPage{lines: prose}, testPage{lines: prose})
	locked := makePDF(t, pdfOptions{user: "sesame", owner: "owner"}, testPage{lines: prose})
	noise := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range noise {
		noise[i] = byte(r.IntN(256))
	}
	// The catalog and page tree come last in the file: cut before them and
	// no reader can find a page.
	cut := bytes.Index(good, []byte("1 0 obj"))
	if cut < 0 {
		t.Fatal("generated PDF has no object 1")
	}
	tests := []struct {
		name     string
		data     []byte
		password string
		want     error
	}{
		{"zero bytes", nil, "", docs.ErrEmptyFile},
		{"random bytes", noise, "", docs.ErrNotPDF},
		{"plain text", []byte("Agenda\nItem 1: Apologies\n"), "", docs.ErrNotPDF},
		{"web page saved as pdf", []byte("\n<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Log in</body></html>"), "", docs.ErrLooksHTML},
		{"html fragment", []byte("<HTML>\r\n<BODY>Error 404</BODY></HTML>"), "", docs.ErrLooksHTML},
		{"header then noise", append([]byte("%PDF-1.7\n"), noise...), "", docs.ErrDamaged},
		{"truncated", good[:cut], "", docs.ErrDamaged},
		{"header only", []byte("%PDF-1.4\n"), "", docs.ErrDamaged},
		{"needs password, none given", locked, "", docs.ErrEncrypted},
		{"needs password, wrong one", locked, "open up", docs.ErrBadPassword},
		{"no pages", zeroPagePDF(), "", docs.ErrNoPages},
	}
	x, w := testExtractor(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeTemp(t, "paper.pdf", tc.data)
			pages, err := x.Extract(context.Background(), path, tc.password, nil)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Extract = %d pages, %v; want %v", len(pages), err, tc.want)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
	w.assertGone(t)
}

func TestExtractOpensProtectedPDFs(t *testing.T) {
	tests := []struct {
		name     string
		opt      pdfOptions
		password string
	}{
		{"user password given", pdfOptions{user: "sesame", owner: "owner"}, "sesame"},
		{"owner password only", pdfOptions{owner: "owner"}, ""},
		{"owner password only, password given anyway", pdfOptions{owner: "owner"}, "whatever"},
	}
	x, w := testExtractor(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeTemp(t, "paper.pdf", makePDF(t, tc.opt, testPage{lines: prose}))
			pages, err := x.Extract(context.Background(), path, tc.password, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != 1 || !strings.Contains(pages[0].Text, "Police and Crime Commissioner") {
				t.Fatalf("pages = %+v", pages)
			}
		})
	}
	w.assertGone(t)
}

func TestExtractPages(t *testing.T) {
	data := makePDF(t, pdfOptions{},
		testPage{lines: prose},
		testPage{},
		testPage{lines: []string{"This page is intentionally left blank", "Page 3"}},
		testPage{image: true},
		testPage{lines: []string{"Agenda Item 4"}, image: true},
	)
	path := writeTemp(t, "pack.pdf", data)
	x, w := testExtractor(t)
	var calls, last int
	pages, err := x.Extract(context.Background(), path, "", func(done, total int) {
		calls++
		if total != 5 || done != last+1 {
			t.Errorf("progress(%d, %d) after %d", done, total, last)
		}
		last = done
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 5 {
		t.Errorf("progress called %d times, want 5", calls)
	}
	want := []struct {
		blank, scanned, text bool
	}{
		{text: true},
		{blank: true},
		{blank: true, text: true},
		{scanned: true},
		{text: true},
	}
	for i, p := range pages {
		if p.Number != i+1 {
			t.Errorf("page %d: Number %d", i+1, p.Number)
		}
		if p.Blank != want[i].blank || p.Scanned != want[i].scanned || (p.Text != "") != want[i].text {
			t.Errorf("page %d: blank %v scanned %v text %q; want %+v", i+1, p.Blank, p.Scanned, p.Text, want[i])
		}
		if (p.Text == "") != (p.Engine == docs.EngineNone) {
			t.Errorf("page %d: engine %q for text %q", i+1, p.Engine, p.Text)
		}
		if p.Printed != "" || p.Item != "" {
			t.Errorf("page %d: Printed %q Item %q are the agenda parser's", i+1, p.Printed, p.Item)
		}
	}
	if got := pages[0].Text; !strings.Contains(got, "Commissioner\non the proposed precept") {
		t.Errorf("page 1 lost its line breaks: %q", got)
	}
	w.assertGone(t)
}

func TestExtractWithoutWorkers(t *testing.T) {
	path := writeTemp(t, "paper.pdf", makePDF(t, pdfOptions{}, testPage{lines: prose}))
	x, w := testExtractor(t)
	x.Workers = -1
	pages, err := x.Extract(context.Background(), path, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 1 || pages[0].Engine != docs.EnginePDFium {
		t.Fatalf("pages = %+v", pages)
	}
	if n := w.count(); n != 0 {
		t.Errorf("%d workers started with Workers = -1", n)
	}
}

// TestExtractorKeepsWorkers: a run of files pays for its workers once.
func TestExtractorKeepsWorkers(t *testing.T) {
	path := writeTemp(t, "pack.pdf", manyPages(t, 8))
	x, w := testExtractor(t)
	x.stealAfter = time.Hour // however slow the machine, dslipak reads every page
	for range 3 {
		pages, err := x.Extract(context.Background(), path, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if pages[0].Engine != docs.EngineDslipak {
			t.Fatalf("page 1 = %+v", pages[0])
		}
	}
	if n := w.count(); n != DefaultWorkers {
		t.Errorf("%d workers started for three files, want %d", n, DefaultWorkers)
	}
	w.assertGone(t)

	// Closed, the Extractor starts no more workers; PDFium reads everything.
	pages, err := x.Extract(context.Background(), path, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if p.Engine != docs.EnginePDFium {
			t.Fatalf("after Close, page %d = %+v", p.Number, p)
		}
	}
	if n := w.count(); n != DefaultWorkers {
		t.Errorf("%d workers started after Close", n-DefaultWorkers)
	}
}

// TestIdleWorkersStop: an Extractor nobody closes leaves nothing running
// for long.
func TestIdleWorkersStop(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("signal 0 is a Unix way of asking")
	}
	path := writeTemp(t, "paper.pdf", manyPages(t, 1))
	x, w := testExtractor(t)
	x.workerIdle = 10 * time.Millisecond
	if _, err := x.Extract(context.Background(), path, "", nil); err != nil {
		t.Fatal(err)
	}
	if w.count() == 0 {
		t.Fatal("no worker started")
	}
	deadline := time.Now().Add(30 * time.Second)
	for _, pid := range w.pids {
		for alive(pid) {
			if time.Now().After(deadline) {
				t.Fatalf("idle worker %d still running", pid)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// TestTitle reads a PDF's Title metadata through the bounded PDFium worker:
// packgen's packs carry "committee dd/mm/yyyy", as many councils' do; a
// file with none gives "".
func TestTitle(t *testing.T) {
	x, _ := testExtractor(t)
	pk, err := packgen.Build(packgen.DyfedPowysPack())
	if err != nil {
		t.Fatal(err)
	}
	titled := filepath.Join(t.TempDir(), "titled.pdf")
	if err := os.WriteFile(titled, pk.PDF, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := x.Title(context.Background(), titled, "")
	if err != nil || got != "Dyfed-Powys Police and Crime Panel 27/10/2023" {
		t.Errorf("Title = %q, %v", got, err)
	}
	plain := filepath.Join(t.TempDir(), "plain.pdf")
	if err := os.WriteFile(plain, makePDF(t, pdfOptions{}, testPage{lines: prose}), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := x.Title(context.Background(), plain, ""); err != nil || got != "" {
		t.Errorf("a file with no Title: %q, %v", got, err)
	}
	if _, err := x.Title(context.Background(), filepath.Join(t.TempDir(), "none.pdf"), ""); err == nil {
		t.Error("a missing file gave no error")
	}
}
