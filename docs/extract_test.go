package docs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

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

// procWatch records the dslipak children an Extractor starts, to check that
// none is left running.
type procWatch struct {
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

// assertGone fails the test for every recorded child that still exists (a
// child not waited for would linger as a zombie and still be found).
func (w *procWatch) assertGone(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return // signal 0 is a Unix way of asking
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, pid := range w.pids {
		p, err := os.FindProcess(pid)
		if err != nil {
			continue
		}
		if err := p.Signal(syscall.Signal(0)); !errors.Is(err, os.ErrProcessDone) {
			t.Errorf("worker %d is still there (signal 0: %v)", pid, err)
		}
	}
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

// testExtractor is an Extractor over the shared PDFium whose children are
// watched.
func testExtractor(t testing.TB) (*Extractor, *procWatch) {
	w := &procWatch{}
	x := NewExtractor(testPDFium(t))
	x.spawned = w.spawned
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
		{"zero bytes", nil, "", ErrEmptyFile},
		{"random bytes", noise, "", ErrNotPDF},
		{"plain text", []byte("Agenda\nItem 1: Apologies\n"), "", ErrNotPDF},
		{"web page saved as pdf", []byte("\n<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Log in</body></html>"), "", ErrLooksHTML},
		{"html fragment", []byte("<HTML>\r\n<BODY>Error 404</BODY></HTML>"), "", ErrLooksHTML},
		{"header then noise", append([]byte("%PDF-1.7\n"), noise...), "", ErrDamaged},
		{"truncated", good[:cut], "", ErrDamaged},
		{"header only", []byte("%PDF-1.4\n"), "", ErrDamaged},
		{"needs password, none given", locked, "", ErrEncrypted},
		{"needs password, wrong one", locked, "open up", ErrBadPassword},
		{"no pages", zeroPagePDF(), "", ErrNoPages},
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
		if (p.Text == "") != (p.Engine == EngineNone) {
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
	if len(pages) != 1 || pages[0].Engine != EnginePDFium {
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
	exe, _ := os.Executable()
	pages := make([]int, n)
	for i := range pages {
		pages[i] = i + 1
	}
	run := x.startDslipak(ctx, exe, path, "", pages)
	got := map[int]dsResult{}
	for r := range run.results {
		got[r.page] = r
	}
	return got
}

func TestWorkerHangingPage(t *testing.T) {
	t.Setenv(hangPageEnv, "2")
	// Enough pages for two children: odd pages in one, even in the other.
	const n = 2 * minPagesPerLane
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
		// The even pages' child needed a successor after the hang.
		if n := w.count(); n != 3 {
			t.Errorf("%d children started, want 3", n)
		}
		w.assertGone(t)
	})

	t.Run("extract", func(t *testing.T) {
		x, w := testExtractor(t)
		x.PageTimeout = time.Second
		x.FileBudget = 20 * time.Second
		start := time.Now()
		pages, err := x.Extract(context.Background(), path, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if took := time.Since(start); took > x.FileBudget {
			t.Errorf("Extract took %v, more than the file budget %v", took, x.FileBudget)
		}
		if len(pages) != n {
			t.Fatalf("%d pages", len(pages))
		}
		if p := pages[1]; p.Engine != EnginePDFium || !strings.Contains(p.Text, "Page 2 of the report") {
			t.Errorf("hung page 2 = %+v, want PDFium's text", p)
		}
		w.assertGone(t)
	})

	t.Run("file budget", func(t *testing.T) {
		x, w := testExtractor(t)
		x.PageTimeout = time.Minute
		x.FileBudget = 2 * time.Second
		got := collect(x, context.Background(), path, n)
		for i := 1; i <= n; i++ {
			r, ok := got[i]
			if odd := i%2 == 1; odd && (r.err != nil || r.text == "") {
				t.Errorf("page %d: %+v", i, r)
			} else if !odd && ok {
				t.Errorf("page %d reported after the budget: %+v", i, r)
			}
		}
		w.assertGone(t)
	})

	t.Run("cancel", func(t *testing.T) {
		x, w := testExtractor(t)
		x.PageTimeout = time.Minute
		x.FileBudget = time.Minute
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
		t.Errorf("%d children started, want %d", n, maxStrikes)
	}
	w.assertGone(t)
}

func TestWorkerProtocol(t *testing.T) {
	path := writeTemp(t, "pack.pdf", manyPages(t, 3))
	tests := []struct {
		name     string
		request  string
		code     int
		replies  int
		contains string
	}{
		{"pages", fmt.Sprintf(`{"path":%q,"pages":[3,1]}`+"\n", path), 0, 3, "Page 3 of the report"},
		{"no such page", fmt.Sprintf(`{"path":%q,"pages":[9]}`+"\n", path), 0, 2, `"error"`},
		{"missing file", `{"path":"/nonexistent/x.pdf","pages":[1]}` + "\n", 1, 1, `"error"`},
		{"not a request", "hello\n", 2, 1, "read request"},
		{"nothing", "", 2, 1, "read request"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The parent keeps stdin open while it wants answers.
			in, keepOpen := io.Pipe()
			defer keepOpen.Close()
			go func() { _, _ = io.WriteString(keepOpen, tc.request) }()
			if tc.request == "" {
				keepOpen.Close()
			}
			var out bytes.Buffer
			code := RunExtractWorker(in, &out)
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if code != tc.code || len(lines) != tc.replies || !strings.Contains(out.String(), tc.contains) {
				t.Errorf("code %d, replies:\n%s", code, out.String())
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

func TestWordBag(t *testing.T) {
	got := wordBag("The ﬁnal report’s 2025-26 figures: £1,234. 年度报告")
	want := map[string]int{"the": 1, "final": 1, "report": 1, "s": 1, "2025": 1, "26": 1, "figures": 1, "1": 1, "234": 1, "年": 1, "度": 1, "报": 1, "告": 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("wordBag = %v, want %v", got, want)
	}
	if f := wordF1(wordBag("a b c d"), wordBag("a b c e")); f != 0.75 {
		t.Errorf("wordF1 = %v, want 0.75", f)
	}
	if f := wordF1(nil, nil); f != 1 {
		t.Errorf("wordF1 of nothing = %v, want 1", f)
	}
}

func TestDslipakGivenUpOnAFileItCannotRead(t *testing.T) {
	stopped := 0
	m := &merger{
		pages:    make([]pageDraft, 12),
		ds:       &dslipakRun{stop: func() { stopped++ }},
		progress: func(int, int) {},
	}
	ref := strings.Join(prose, "\n")
	for i := range m.pages {
		m.pages[i].pdfium, m.pages[i].pdfiumDone = ref, true
	}
	for n := 1; n <= giveUpAfter; n++ {
		if stopped != 0 {
			t.Fatalf("stopped after %d wrong pages", n-1)
		}
		m.take(dsResult{page: n, text: strings.ReplaceAll(ref, " ", "")})
	}
	if stopped != 1 {
		t.Errorf("stop called %d times after %d wrong pages, want once", stopped, giveUpAfter)
	}
	for i := range m.pages {
		m.settle(i)
	}
	for i, p := range m.pages {
		if p.page.Engine != EnginePDFium || p.page.Text != ref {
			t.Errorf("page %d: %+v", i+1, p.page)
		}
	}
	if m.done != len(m.pages) {
		t.Errorf("%d pages settled", m.done)
	}
}
