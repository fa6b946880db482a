package pdf

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"panelpapers/docs"

	"github.com/go-pdf/fpdf"
)

// testPage describes one page of a generated PDF: lines of text, and a
// picture drawn over the whole page when image is set.
type testPage struct {
	lines []string
	image bool
}

// pdfOptions protect a generated PDF: user opens it, owner lifts its
// restrictions. Both empty means no encryption.
type pdfOptions struct {
	user, owner string
}

// makePDF writes a small PDF with the given pages, uncompressed so that tests
// can cut it at known places.
func makePDF(t testing.TB, opt pdfOptions, pages ...testPage) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCompression(false)
	if opt.user != "" || opt.owner != "" {
		f.SetProtection(fpdf.CnProtectPrint, opt.user, opt.owner)
	}
	f.SetFont("Helvetica", "", 12)
	for i, p := range pages {
		f.AddPage()
		if p.image {
			name := fmt.Sprintf("scan%d", i)
			f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(testPNG(t)))
			f.ImageOptions(name, 0, 0, 595, 842, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		}
		for j, l := range p.lines {
			f.Text(72, 72+float64(j)*16, l)
		}
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatalf("make PDF: %v", err)
	}
	return b.Bytes()
}

// testPNG is a small grey picture with a dark stripe, standing in for a scan.
func testPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 40, 60))
	for y := range 60 {
		for x := range 40 {
			c := uint8(220)
			if y%10 < 2 {
				c = 30
			}
			img.SetGray(x, y, color.Gray{Y: c})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// zeroPagePDF is a well-formed PDF whose page tree is empty.
func zeroPagePDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
	}
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// writeTemp puts data in a file of the test's own temporary folder.
func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// prose is a page of ordinary sentences, enough words for the engines'
// agreement to mean something.
var prose = []string{
	"The Panel considered the report of the Police and Crime Commissioner",
	"on the proposed precept for the coming financial year and the budget.",
	"Members asked about the reserves, the capital programme and savings.",
	"RESOLVED that the Panel supports the proposed precept of 2025-26.",
}

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

// manyPages is a PDF of n pages of prose, each naming its number.
func manyPages(t testing.TB, n int) []byte {
	pages := make([]testPage, n)
	for i := range pages {
		pages[i] = testPage{lines: append([]string{fmt.Sprintf("Page %d of the report", i+1)}, prose...)}
	}
	return makePDF(t, pdfOptions{}, pages...)
}

// collect runs dslipak over every page of path and gathers what it says.
func collect(x *Extractor, ctx context.Context, path string, n int) map[int]dsResult {
	pages := make([]int, n)
	for i := range pages {
		pages[i] = i + 1
	}
	run := x.startDslipak(ctx, path, "", pages)
	got := map[int]dsResult{}
	for r := range run.results {
		if r.page != 0 { // not a lane's word that it has opened the file
			got[r.page] = r
		}
	}
	return got
}

func TestWorkerHangingPage(t *testing.T) {
	t.Setenv(hangPageEnv, "2")
	// Pages for two workers to share.
	const n = 8
	path := writeTemp(t, "pack.pdf", manyPages(t, n))
	base := runtime.NumGoroutine()

	t.Run("worker level", func(t *testing.T) {
		x, w := testExtractor(t)
		x.PageTimeout = time.Second
		x.FileBudget = time.Minute
		got := collect(x, context.Background(), path, n)
		for i := 1; i <= n; i++ {
			r, ok := got[i]
			switch {
			case i == 2 && !errors.Is(r.err, errPageTimeout):
				t.Errorf("page 2: %+v, want a timeout", r)
			case i != 2 && (!ok || r.err != nil || !strings.Contains(r.text, "Commissioner")):
				t.Errorf("page %d: %+v", i, r)
			}
		}
		// The even pages' worker was killed at the hang, and its successor
		// is the odd pages' worker, done by then, or a new one.
		if n := w.count(); n != 2 && n != 3 {
			t.Errorf("%d workers started, want 2 or 3", n)
		}
		w.assertGone(t)
	})

	t.Run("extract", func(t *testing.T) {
		// Neither the page's time limit nor the file's will come: PDFium
		// takes over the silent lane's pages and the file ends without them.
		x, w := testExtractor(t)
		x.PageTimeout = time.Hour
		x.FileBudget = time.Hour
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		pages, err := x.Extract(ctx, path, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) != n {
			t.Fatalf("%d pages", len(pages))
		}
		for i, p := range pages {
			if !strings.Contains(p.Text, fmt.Sprintf("Page %d of the report", i+1)) {
				t.Errorf("page %d = %+v", i+1, p)
			}
		}
		if p := pages[1]; p.Engine != docs.EnginePDFium {
			t.Errorf("hung page 2 = %+v, want PDFium's text", p)
		}
		if p := pages[0]; p.Engine != docs.EngineDslipak {
			t.Errorf("page 1 = %+v, want dslipak's text", p)
		}
		// The hung worker was killed, the other one kept.
		w.assertGone(t)
	})

	t.Run("file budget", func(t *testing.T) {
		// The pages after page 2 in its worker's request wait behind it
		// until the budget ends the file; the other worker's are done.
		x, w := testExtractor(t)
		x.PageTimeout = time.Minute
		x.FileBudget = 2 * time.Second
		got := collect(x, context.Background(), path, n)
		for i, r := range got {
			if r.err != nil || !strings.Contains(r.text, fmt.Sprintf("Page %d of the report", i)) {
				t.Errorf("page %d: %+v", i, r)
			}
		}
		if _, ok := got[2]; ok || len(got) <= n/2 {
			t.Errorf("pages reported: %v; want more than half, and not page 2", slices.Sorted(maps.Keys(got)))
		}
		w.assertGone(t)
	})

	t.Run("cancel", func(t *testing.T) {
		x, w := testExtractor(t)
		x.PageTimeout = time.Minute
		x.FileBudget = time.Minute
		x.stealAfter = time.Hour // so that the file waits for page 2
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		spawned := x.spawned
		x.spawned = func(pid int) {
			spawned(pid)
			if w.count() == 2 {
				time.AfterFunc(time.Second, cancel) // page 2 is hanging by then
			}
		}
		_, err := x.Extract(ctx, path, "", nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Extract = %v, want context.Canceled", err)
		}
		w.assertGone(t)
	})

	assertNoGoroutineLeak(t, base)
}

func TestWorkerStrikesOut(t *testing.T) {
	t.Setenv(hangPageEnv, "2,3")
	path := writeTemp(t, "pack.pdf", manyPages(t, 5))
	x, w := testExtractor(t)
	x.Workers = 1
	x.PageTimeout = time.Second
	x.FileBudget = time.Minute
	got := collect(x, context.Background(), path, 5)
	if len(got) != 3 || got[1].err != nil || !errors.Is(got[2].err, errPageTimeout) || !errors.Is(got[3].err, errPageTimeout) {
		t.Errorf("results %+v; want page 1, then two timeouts and nothing more", got)
	}
	if n := w.count(); n != maxStrikes {
		t.Errorf("%d workers started, want %d", n, maxStrikes)
	}
	w.assertGone(t)
}

func TestWorkerProtocol(t *testing.T) {
	path := writeTemp(t, "pack.pdf", manyPages(t, 3))
	req := func(path string, pages ...int) string {
		b, _ := json.Marshal(workerRequest{Path: path, Pages: pages})
		return string(b) + "\n"
	}
	// step is a request and the number of replies it gets.
	type step struct {
		request string
		replies int
	}
	tests := []struct {
		name     string
		steps    []step
		code     int // once stdin ends after the steps
		contains string
	}{
		{"pages", []step{{req(path, 3, 1), 3}}, 0, "Page 3 of the report"},
		{"one file after another", []step{{req(path, 1), 2}, {req(path, 2, 3), 3}}, 0, "Page 2 of the report"},
		{"no such page", []step{{req(path, 9), 2}}, 0, `"error"`},
		{"missing file, then a good one", []step{{req("/nonexistent/x.pdf", 1), 1}, {req(path, 1), 2}}, 0, "Page 1 of the report"},
		{"not a request", []step{{"hello\n", 1}}, 2, "read request"},
		{"nothing", nil, 2, "read request"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inR, inW := io.Pipe()
			outR, outW := io.Pipe()
			code := make(chan int, 1)
			go func() {
				code <- RunExtractWorker(inR, outW)
				outW.Close()
			}()
			lines := bufio.NewScanner(outR)
			var got []string
			for _, st := range tc.steps {
				// The parent writes a request once the last is answered.
				go func() { _, _ = io.WriteString(inW, st.request) }()
				for range st.replies {
					if !lines.Scan() {
						t.Fatalf("replies end after %q", got)
					}
					got = append(got, lines.Text())
				}
			}
			inW.Close()
			for lines.Scan() {
				got = append(got, lines.Text())
			}
			want := 0
			for _, st := range tc.steps {
				want += st.replies
			}
			if tc.steps == nil {
				want = 1
			}
			all := strings.Join(got, "\n")
			if c := <-code; c != tc.code || len(got) != want || !strings.Contains(all, tc.contains) {
				t.Errorf("code %d, want %d; replies:\n%s", c, tc.code, all)
			}
		})
	}
}

// TestWorkerStopsWhenParentGoes: with its stdin gone the worker gives up even
// in the middle of a page that never ends.
func TestWorkerStopsWhenParentGoes(t *testing.T) {
	path := writeTemp(t, "pack.pdf", manyPages(t, 2))
	release := make(chan struct{})
	workerPageHook = func(int) { <-release }
	defer func() { workerPageHook = nil; close(release) }()
	inR, inW := io.Pipe()
	done := make(chan int)
	go func() { done <- RunExtractWorker(inR, io.Discard) }()
	if _, err := fmt.Fprintf(inW, `{"path":%q,"pages":[1,2]}`+"\n", path); err != nil {
		t.Fatal(err)
	}
	inW.Close()
	if code := <-done; code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
}

func TestAcceptDslipak(t *testing.T) {
	ref := strings.Join(prose, "\n")
	tests := []struct {
		name    string
		ds, ref string
		haveRef bool
		want    bool
	}{
		{"same text", ref, ref, true, true},
		{"lines broken elsewhere", rewrap(ref, 7), ref, true, true},
		{"empty", "", ref, true, false},
		{"text where PDFium sees none", ref, "", true, false},
		{"glued words", strings.ReplaceAll(ref, " ", ""), ref, true, false},
		{"lines run together", strings.Repeat(strings.Join(prose, ""), 2), ref + "\n" + ref, true, false},
		{"columns side by side", sideBySide(prose), ref, true, true},
		{"half the words", strings.Join(prose[:2], "\n"), ref, true, false},
		{"doubled", ref + "\n" + ref, ref, true, false},
		{"unmapped font", strings.Map(func(r rune) rune {
			if r == 'e' || r == 'a' {
				return 0xFFFD
			}
			return r
		}, ref), ref, true, false},
		{"private use", strings.ReplaceAll(ref, "the", "\ue001\ue002\ue003"), ref, true, false},
		{"control codes", strings.ReplaceAll(ref, "o", "\x03"), ref, true, false},
		{"bullets both engines see", "\uf0b7 " + strings.Join(prose, "\n\uf0b7 "), "\uf0b7 " + strings.Join(prose, "\n\uf0b7 "), true, true},
		{"no referee, plain words", ref, "", false, true},
		{"no referee, glued", strings.ReplaceAll(ref, " ", ""), "", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := acceptDslipak(tc.ds, tc.ref, tc.haveRef); got != tc.want {
				t.Errorf("acceptDslipak = %v, want %v", got, tc.want)
			}
		})
	}
}

// sideBySide lays lines out in two columns, as a layout-keeping engine does
// with a two-column page.
func sideBySide(lines []string) string {
	half := (len(lines) + 1) / 2
	var out []string
	for i := range half {
		l := lines[i]
		if i+half < len(lines) {
			l += "      " + lines[i+half]
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// rewrap breaks text into lines of n words.
func rewrap(text string, n int) string {
	words := strings.Fields(text)
	var b strings.Builder
	for i, w := range words {
		switch {
		case i == 0:
		case i%n == 0:
			b.WriteByte('\n')
		default:
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

func TestNormalizeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  \n\n", ""},
		{"a  \nb\t\n", "a\nb"},
		{"\n\na\n\n\n\nb\n\n", "a\n\nb"},
		{"ﬁnance ﬂow", "finance flow"},
		{"cafe\u0301", "café"},
		{"a\u00a0b\x01c\x00", "a bc"},
		{"  indented", "  indented"},
	}
	for _, tc := range tests {
		if got := normalizeText(tc.in); got != tc.want {
			t.Errorf("normalizeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIsBlankNotice(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"This page is intentionally left blank", true},
		{"This page is intentionally left blank\nPage 24", true},
		{"Page 24\nTHIS PAGE HAS BEEN LEFT INTENTIONALLY BLANK", true},
		{"Intentionally left blank.", true},
		{"24\nThis page is intentionally left blank", true},
		{"", false},
		{"Agenda Item 4\nThis page is intentionally left blank", false},
		{"Appendix intentionally left blank", false},
		{"The appendix to this report is intentionally left blank for the panel to complete", false},
	}
	for _, tc := range tests {
		if got := isBlankNotice(tc.text); got != tc.want {
			t.Errorf("isBlankNotice(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// testMerger is a merger for n pages that records what it asks of PDFium and
// whether it stops dslipak.
func testMerger(n int) (m *merger, asked *[]int, stopped *int) {
	asked, stopped = new([]int), new(int)
	m = newMerger(n, func(i int, _ bool) { *asked = append(*asked, i+1) }, func(int, int) {})
	m.stopDslipak = func() { *stopped++ }
	return m, asked, stopped
}

// refText is PDFium's reading of page n, as the referee hands it over.
func refText(n int, text string) refResult {
	return refResult{i: n - 1, text: newEngineText(text)}
}

func TestDslipakGivenUpOnAFileItCannotRead(t *testing.T) {
	m, asked, stopped := testMerger(12)
	ref := strings.Join(prose, "\n")
	for n := 1; n <= giveUpAfter; n++ {
		if *stopped != 0 {
			t.Fatalf("stopped after %d wrong pages", n-1)
		}
		m.takeDslipak(dsResult{page: n, text: strings.ReplaceAll(ref, " ", "")})
		m.takeRef(refText(n, ref))
	}
	if *stopped != 1 {
		t.Errorf("stop called %d times after %d wrong pages, want once", *stopped, giveUpAfter)
	}
	m.dslipakEnded()
	for n := giveUpAfter + 1; n <= len(m.pages); n++ {
		m.takeRef(refText(n, ref))
	}
	if len(*asked) != len(m.pages) {
		t.Errorf("PDFium asked for pages %v", *asked)
	}
	for i, p := range m.pages {
		if p.page.Engine != docs.EnginePDFium || p.page.Text != ref {
			t.Errorf("page %d: %+v", i+1, p.page)
		}
	}
	if !m.finished() {
		t.Errorf("not finished: %d pages settled, %d owed", m.done, m.outstanding)
	}
}

// TestRefereeSpotChecks: PDFium reads the pages that need it, and every page
// once it has overruled text that passed the checks alone.
func TestRefereeSpotChecks(t *testing.T) {
	good := strings.Join(prose, "\n")
	// Passes the checks alone, but half the words are not PDFium's.
	wrong := strings.Join(append(prose[:2:2], "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.", "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip."), "\n")
	m, asked, _ := testMerger(spotEvery + 4)
	steps := []struct {
		r        dsResult
		referee  bool
		describe string
	}{
		{dsResult{page: 1, text: good, fonts: []string{"Arial"}}, true, "new fonts"},
		{dsResult{page: 2, text: good}, false, "nothing new"},
		{dsResult{page: 3, text: strings.ReplaceAll(good, " ", "")}, true, "glued words"},
		{dsResult{page: 4, text: ""}, true, "no text"},
		{dsResult{page: 5, err: errPageTimeout}, true, "timed out"},
		{dsResult{page: spotEvery + 1, text: good}, true, "sample"},
		{dsResult{page: 6, text: wrong}, false, "wrong, but nothing to tell"},
	}
	for _, st := range steps {
		before := len(*asked)
		m.takeDslipak(st.r)
		p := m.pages[st.r.page-1]
		if (len(*asked) > before) != st.referee || p.settled == st.referee {
			t.Errorf("page %d (%s): refereed %v, settled %v", st.r.page, st.describe, len(*asked) > before, p.settled)
		}
	}
	if e := m.pages[5].page.Engine; e != docs.EngineDslipak {
		t.Fatalf("page 6 engine %q before any referee", e)
	}
	// The referee agrees with the sample, then overrules page 7, which
	// passed the checks alone: every page it has not read is read now.
	m.takeRef(refText(spotEvery+1, good))
	m.takeDslipak(dsResult{page: 7, text: wrong, fonts: []string{"Times"}})
	m.takeRef(refText(7, good))
	if !m.suspect {
		t.Fatal("an overruled page 7 did not make the file suspect")
	}
	for _, n := range []int{2, 6} {
		if !m.pages[n-1].refAsked {
			t.Errorf("settled page %d not refereed after the overrule", n)
		}
	}
	m.takeDslipak(dsResult{page: 10, text: good})
	if !m.pages[9].refAsked {
		t.Error("page 10 not refereed in a suspect file")
	}
	m.takeRef(refText(6, good))
	if p := m.pages[5].page; p.Engine != docs.EnginePDFium || p.Text != good {
		t.Errorf("page 6 after the referee: %+v", p)
	}
	if m.done != 4 {
		t.Errorf("%d pages settled, want 4 (2, 6, 7, 9; the rest wait for PDFium)", m.done)
	}
}

// TestRefereeLateDslipak: a page PDFium has read waits for dslipak's text,
// unless dslipak is gone or the page was taken from it.
func TestRefereeLateDslipak(t *testing.T) {
	good := strings.Join(prose, "\n")
	m, _, _ := testMerger(3)
	m.planSample() // page 1
	m.takeRef(refText(1, good))
	if m.pages[0].settled {
		t.Fatal("planned page 1 settled before dslipak spoke")
	}
	m.takeDslipak(dsResult{page: 1, text: good, fonts: []string{"Arial"}})
	if p := m.pages[0].page; p.Engine != docs.EngineDslipak {
		t.Errorf("page 1 = %+v, want dslipak's", p)
	}
	run := &dslipakRun{claimed: map[int]bool{}}
	m.steal(run, []int{2, 3})
	if !m.pages[1].stolen || m.pages[2].stolen || !run.claimed[2] {
		t.Fatalf("steal took %v", run.claimed)
	}
	m.takeRef(refText(2, good))
	if p := m.pages[1].page; !m.pages[1].settled || p.Engine != docs.EnginePDFium {
		t.Errorf("stolen page 2 = %+v, want PDFium's", p)
	}
	m.takeDslipak(dsResult{page: 2, text: good})
	if p := m.pages[1].page; p.Engine != docs.EngineDslipak {
		t.Errorf("page 2 = %+v after dslipak came late, want dslipak's", p)
	}
	m.dslipakEnded()
	m.takeRef(refText(3, good))
	if !m.finished() || m.pages[2].page.Engine != docs.EnginePDFium {
		t.Errorf("after dslipak ended: page 3 %+v, finished %v", m.pages[2].page, m.finished())
	}
}

func TestRefereeOrder(t *testing.T) {
	r := &referee{state: make([]pageState, 10)}
	r.wake = sync.NewCond(&r.mu)
	r.ask(0, false)
	r.ask(8, false)
	r.ask(3, true)
	r.ask(8, true) // planned, now wanted
	r.ask(5, true)
	r.ask(3, true)  // asked again: read once
	r.ask(0, false) // planned again: read once
	var got []int
	for range 4 {
		i, _ := r.next()
		got = append(got, i)
	}
	if want := []int{3, 8, 5, 0}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("read in order %v, want %v", got, want)
	}
	r.ask(0, true) // taken already: nothing more to read
	if len(r.urgent) != 0 {
		t.Errorf("page 1 queued again: %v", r.urgent)
	}
}

func TestFontName(t *testing.T) {
	tests := []struct{ dict, want string }{
		{"<</BaseFont /DCWSNX+Arial-BoldMT /Encoding /WinAnsiEncoding /Subtype /TrueType>>", "DCWSNX+Arial-BoldMT"},
		{"<</BaseFont /Helvetica>>", "Helvetica"},
		{"<</BaseFont /ABCDEF+Calibri/Encoding /WinAnsiEncoding>>", "ABCDEF+Calibri"},
	}
	for _, tc := range tests {
		if got := fontName(tc.dict); got != tc.want {
			t.Errorf("fontName(%q) = %q, want %q", tc.dict, got, tc.want)
		}
	}
	// A font without a name is known by its whole dictionary.
	a, b := "<</CharProcs 12 0 R /Subtype /Type3>>", "<</CharProcs 13 0 R /Subtype /Type3>>"
	if fontName(a) == fontName(b) || fontName(a) != fontName(a) || len(fontName(a)) > 32 {
		t.Errorf("nameless fonts: %q, %q", fontName(a), fontName(b))
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
