package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"image"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"panelpapers/docs"
)

// PDFs made to be slow or greedy, written object by object so that each
// holds exactly the trap it is named for. Each has two pages: the trap, then
// an ordinary page of prose, which must still be read and drawn.

// rawPDF writes a PDF whose catalog is object 1 and page tree object 2; objs
// are objects 3 onwards, bodies only ("<< … >>" or a stream). pages names
// the page objects (by number) in order.
func rawPDF(pages []int, objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	kids := make([]string, len(pages))
	for i, p := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", p)
	}
	all := append([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)),
	}, objs...)
	offsets := make([]int, len(all))
	for i, o := range all {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(all)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(all)+1, xref)
	return b.Bytes()
}

// stream is a stream object holding data, with extra entries for its
// dictionary.
func stream(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// deflated is data compressed for a /FlateDecode stream.
func deflated(data []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// hostileObjects are the objects every hostile PDF shares, from object 3:
// a font (3), and the second page (4) with its prose (5).
func hostileObjects() []string {
	var c strings.Builder
	c.WriteString("BT /F1 12 Tf 72 770 Td 16 TL\n")
	for _, l := range append([]string{"Page 2 of the report"}, prose...) {
		fmt.Fprintf(&c, "(%s) Tj T*\n", l)
	}
	c.WriteString("ET")
	return []string{
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
		stream("", []byte(c.String())),
	}
}

// nestedFormsPDF's first page draws a form that draws the form below it
// twice, depth deep: 2^depth drawings of the innermost form from a file of
// a few kilobytes. At depth 28 PDFium takes over a minute on it.
func nestedFormsPDF(depth int) []byte {
	objs := hostileObjects() // objects 3–5
	// Object 6 is the first page, 7 its content, 8 the innermost form,
	// 9… the forms that draw it.
	objs = append(objs,
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /X %d 0 R >> >> /Contents 7 0 R >>", 8+depth),
		stream("", []byte("BT /F1 12 Tf 72 770 Td (Forms within forms) Tj ET q /X Do Q")),
		stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>",
			[]byte("BT /F1 8 Tf 100 100 Td (leaf) Tj ET 0 0 m 595 842 l S")),
	)
	for k := 1; k <= depth; k++ {
		objs = append(objs, stream(
			fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X %d 0 R >> >>", 8+k-1),
			[]byte("q /X Do Q q 1 0 0 1 0.5 0.5 cm /X Do Q")))
	}
	return rawPDF([]int{6, 4}, objs...)
}

// slowPaperPDF is a page of prose followed by n pages of nested forms that
// draw lines and no text: dslipak, which bounds the forms it follows, finds
// nothing there at once, and so PDFium must read them.
func slowPaperPDF(n int) []byte {
	objs := hostileObjects() // objects 3–5: the font, the prose page, its content
	// Object 6 is the innermost form; 7–34 the forms that draw it; 35 the
	// slow pages' content; the slow pages follow.
	const depth = 28
	objs = append(objs, stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842]", []byte("0 0 m 595 842 l S")))
	for k := 1; k <= depth; k++ {
		objs = append(objs, stream(
			fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X %d 0 R >> >>", 6+k-1),
			[]byte("q /X Do Q q 1 0 0 1 0.5 0.5 cm /X Do Q")))
	}
	content := 6 + depth + 1
	objs = append(objs, stream("", []byte("q /X Do Q")))
	pages := []int{4}
	for i := range n {
		pages = append(pages, content+1+i)
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /X %d 0 R >> >> /Contents %d 0 R >>", 6+depth, content))
	}
	return rawPDF(pages, objs...)
}

// hugeContentPDF's first page has a content stream of n copies of a short
// path, compressed to a small file: n = 1<<25 is half a gigabyte of
// operators.
func hugeContentPDF(n int) []byte {
	op := []byte("0 0 m 10 10 l S\n")
	data := bytes.Repeat(op, n)
	objs := hostileObjects()
	objs = append(objs,
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 7 0 R >>",
		stream("/Filter /FlateDecode", deflated(data)),
	)
	return rawPDF([]int{6, 4}, objs...)
}

// giantImagePDF's first page draws an image said to be w×h pixels in the
// colour space cs with bpc bits a component, whose data is a short run of
// zeros, compressed.
func giantImagePDF(w, h int, cs string, bpc int) []byte {
	objs := hostileObjects()
	objs = append(objs,
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im 8 0 R >> >> /Contents 7 0 R >>",
		stream("", []byte("q 595 0 0 842 0 0 cm /Im Do Q")),
		stream(fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent %d /Filter /FlateDecode", w, h, cs, bpc),
			deflated(make([]byte, 1<<20))),
	)
	return rawPDF([]int{6, 4}, objs...)
}

// hostileCases are the PDFs made to be slow or greedy, and what an import
// makes of their first page when PDFium alone reads it.
var hostileCases = []struct {
	name string
	pdf  func() []byte
	// unread: the import gives the page up; scanned: it reads the page as
	// a scan (the image costs nothing until it is drawn).
	unread, scanned bool
}{
	// Over a minute of PDFium's time to load the page, and memory all the
	// while: each level parses the level below twice.
	{name: "nested forms", pdf: func() []byte { return nestedFormsPDF(28) }, unread: true},
	// Two million paths, 32 MB of operators in a 64 KB file: PDFium takes
	// seconds to load the page and half a minute to draw it.
	{name: "huge content stream", pdf: func() []byte { return hugeContentPDF(1 << 21) }, unread: true},
	// 60000×60000 pixels declared, 3.6 GB of grey: PDFium decodes it
	// row by row, in seconds, to draw it; reading the page does not touch
	// it. (In RGB, PDFium refuses such an image at once, and draws the page
	// without it.)
	{name: "gigantic image", pdf: func() []byte { return giantImagePDF(60000, 60000, "DeviceGray", 8) }, scanned: true},
}

// testEngine starts a PDFium of the test's own with lim, and checks when
// the test ends that Close left none of its workers running.
func testEngine(t *testing.T, lim Limits) *PDFium {
	t.Helper()
	var mu sync.Mutex
	var pids []int
	p, err := startPDFium(testCacheDir(), lim, func(pid int) {
		mu.Lock()
		pids = append(pids, pid)
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.Close()
		if runtime.GOOS == "windows" {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		for _, pid := range pids {
			if alive(pid) {
				t.Errorf("PDFium worker %d is still running after Close", pid)
			}
		}
	})
	return p
}

// within runs f and fails the test if it has not returned by the ceiling:
// a generous one, that only a bound that never fired would reach.
func within(t *testing.T, ceiling time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(ceiling):
		t.Fatalf("%s: still going after %v", what, ceiling)
	}
}

// hasInk reports whether img has dark pixels in the band where the test
// pages' first lines of text are.
func hasInk(img image.Image) bool {
	b := img.Bounds()
	for y := b.Min.Y + b.Dy()*6/100; y < b.Min.Y+b.Dy()*12/100; y++ {
		for x := b.Min.X + b.Dx()/8; x < b.Min.X+b.Dx()/2; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r+g+bl < 3*0x8000 {
				return true
			}
		}
	}
	return false
}

// TestHostilePDFs: for each PDF made to be slow, the import finishes with
// the page marked as it should be and the next page read; drawing the page
// fails with ErrPageTimeout, the worker that overran is gone, and the next
// page draws. The engine's bounds are a second a page, to keep the test
// short; the traps take PDFium many seconds even on a fast machine.
//
// Remove the deadline (roundTrip's timer) and this fails: drawing page 1
// runs on for seconds or minutes, and ends in a drawing (the image, the
// content stream) or in PDFium's crash (the forms), not ErrPageTimeout; and
// the import reads the content stream's page, in seconds, as blank. (The
// import's budget is set out of reach here, so that only the deadline
// bounds it.)
func TestHostilePDFs(t *testing.T) {
	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			p := testEngine(t, Limits{ReadTimeout: time.Second, DrawTimeout: time.Second})
			data := tc.pdf()
			path := writeTemp(t, "hostile.pdf", data)

			x := &Extractor{PDFium: p, Workers: -1, Budget: time.Hour}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			pages, err := x.Extract(ctx, path, "", nil)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if len(pages) != 2 {
				t.Fatalf("%d pages", len(pages))
			}
			if pages[0].Unread != tc.unread || pages[0].Scanned != tc.scanned || pages[0].Text != "" {
				t.Errorf("page 1: unread %v, scanned %v, text %q; want unread %v, scanned %v, no text",
					pages[0].Unread, pages[0].Scanned, pages[0].Text, tc.unread, tc.scanned)
			}
			if !strings.Contains(pages[1].Text, "Commissioner") || pages[1].Unread {
				t.Errorf("page 2: %+v", pages[1])
			}

			doc, err := p.Open(data, "")
			if err != nil {
				t.Fatal(err)
			}
			defer doc.Close()
			before := p.reader.pid()
			within(t, 2*time.Minute, "drawing page 1", func() {
				_, err = doc.Render(1, 110)
			})
			if !errors.Is(err, docs.ErrPageTimeout) {
				t.Errorf("drawing page 1: %v, want ErrPageTimeout", err)
			}
			if runtime.GOOS != "windows" && alive(before) {
				t.Errorf("the worker that overran (%d) is still running", before)
			}
			var img image.Image
			within(t, 2*time.Minute, "drawing page 2", func() {
				img, err = doc.Render(2, 110)
			})
			if err != nil || !hasInk(img) {
				t.Errorf("drawing page 2 after: %v", err)
			}
			if after := p.reader.pid(); after == before || after == 0 {
				t.Errorf("worker %d before, %d after: not replaced", before, after)
			}
		})
	}
}

// TestHostilePageInTheRenderer: the window's renderer delivers the slow
// page's failure and draws the next page, and asks no second time for the
// page it gave up on.
//
// Drop the Renderer's memory of failures (its failed map) and the second
// Want draws page 1 again: a second drawing that fails.
func TestHostilePageInTheRenderer(t *testing.T) {
	p := testEngine(t, Limits{ReadTimeout: time.Second, DrawTimeout: time.Second})
	doc, err := p.Open(nestedFormsPDF(28), "")
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	r := NewRenderer(64 << 20)
	defer r.Close()
	var mu sync.Mutex
	var got []RenderedPage
	deliver := func(rp RenderedPage) {
		mu.Lock()
		got = append(got, rp)
		mu.Unlock()
	}
	within(t, 2*time.Minute, "drawing", func() {
		r.Want("forms", doc, 110, []int{1, 2}, deliver)
		r.Wait()
	})
	if len(got) != 2 || !errors.Is(got[0].Err, docs.ErrPageTimeout) || got[1].Err != nil || !hasInk(got[1].Image) {
		t.Fatalf("delivered %+v", got)
	}
	if st, err := r.State("forms", 1, 150); st != PageFailed || !errors.Is(err, docs.ErrPageTimeout) {
		t.Errorf("State(page 1) = %v, %v", st, err)
	}
	drawn := r.Stats().Rendered
	start := time.Now()
	r.Want("forms", doc, 150, []int{1}, deliver)
	r.Wait()
	if len(got) != 3 || !errors.Is(got[2].Err, docs.ErrPageTimeout) || got[2].Took != 0 {
		t.Errorf("page 1 wanted again: %+v", got[2:])
	}
	if r.Stats().Rendered != drawn || time.Since(start) > time.Minute {
		t.Error("page 1 was drawn again")
	}
}

// TestMemoryCapFires: a page that wants more memory than the cap fails
// with ErrPageOutOfMemory, in the import and in the reader, and the worker
// is replaced. The cap is 64 MB here and the deadlines out of reach, so
// only the cap can stop PDFium.
//
// Drop the memory cap (memoryCap.Reallocate's refusal) and this fails:
// PDFium grows towards its 2 GiB and then traps, which reads as a damaged
// page, not ErrPageOutOfMemory.
func TestMemoryCapFires(t *testing.T) {
	p := testEngine(t, Limits{ReadTimeout: 5 * time.Minute, DrawTimeout: 5 * time.Minute, MemoryLimit: 64 << 20})
	data := nestedFormsPDF(28)
	path := writeTemp(t, "greedy.pdf", data)
	x := &Extractor{PDFium: p, Workers: -1, Budget: time.Hour}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	pages, err := x.Extract(ctx, path, "", nil)
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if !pages[0].Unread || !strings.Contains(pages[1].Text, "Commissioner") {
		t.Errorf("pages %+v", pages)
	}

	doc, err := p.Open(data, "")
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	before := p.reader.pid()
	within(t, 4*time.Minute, "reading page 1", func() {
		_, err = doc.PageText(1)
	})
	if !errors.Is(err, docs.ErrPageOutOfMemory) {
		t.Errorf("page 1: %v, want ErrPageOutOfMemory", err)
	}
	if text, err := doc.PageText(2); err != nil || !strings.Contains(text, "Commissioner") {
		t.Errorf("page 2 after: %q, %v", text, err)
	}
	if after := p.reader.pid(); after == before {
		t.Errorf("worker %d kept its memory", before)
	}
}

// TestReaderNotStuckBehindImport: while an import keeps PDFium busy on a
// slow page, the reader opens and draws a paper.
//
// Give the reader and the import one lane (p.importer = p.reader in
// startPDFium) and this fails: the drawing waits for the import's page, and
// the import is no longer busy when it is done.
func TestReaderNotStuckBehindImport(t *testing.T) {
	p := testEngine(t, Limits{ReadTimeout: 5 * time.Minute})
	path := writeTemp(t, "slow.pdf", nestedFormsPDF(28))
	x := &Extractor{PDFium: p, Workers: -1, Budget: time.Hour}
	ctx, cancel := context.WithCancel(context.Background())
	extracted := make(chan error, 1)
	go func() {
		_, err := x.Extract(ctx, path, "", nil)
		extracted <- err
	}()
	defer func() {
		cancel()
		<-extracted
	}()
	for !p.importer.busy() {
		time.Sleep(10 * time.Millisecond)
	}
	// Opened now, not before: Open, too, must not wait for the import.
	var img image.Image
	within(t, 2*time.Minute, "drawing while an import runs", func() {
		doc, err := p.Open(makePDF(t, pdfOptions{}, testPage{lines: prose}), "")
		if err != nil {
			t.Error(err)
			return
		}
		defer doc.Close()
		img, err = doc.Render(1, 110)
		if err != nil {
			t.Error(err)
		}
	})
	if img == nil || !hasInk(img) {
		t.Error("no drawing")
	}
	if !p.importer.busy() {
		t.Error("the import was done before the drawing: it did not run alongside")
	}
}

// TestImportCPUBudget: an import of a paper whose pages are slow costs
// under 10 s of CPU, its workers' included; the slow pages are marked
// unread and the page that can be read is read. PDFium's deadline a page
// is set out of reach, so that the file's budget alone bounds the import.
//
// Remove the budget (the stopEngines call in Extract's loop) and this
// fails: PDFium spends over a minute on each slow page, and the import runs
// into the test's ceiling.
func TestImportCPUBudget(t *testing.T) {
	if _, ok := processCPU(); !ok {
		t.Skip("CPU time is measured on Unix")
	}
	pages := 7
	data := slowPaperPDF(pages - 1)
	path := writeTemp(t, "slow-paper.pdf", data)
	p := testEngine(t, Limits{ReadTimeout: 10 * time.Minute})
	x := &Extractor{PDFium: p}
	cpu0, _ := processCPU()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	got, err := x.Extract(ctx, path, "", nil)
	// The workers' CPU counts once they have ended.
	_ = x.Close()
	p.Close()
	cpu1, _ := processCPU()
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if cost := cpu1 - cpu0; cost > 10*time.Second {
		t.Errorf("the import cost %v of CPU", cost)
	} else {
		t.Logf("the import cost %v of CPU", cost)
	}
	if len(got) != pages || !strings.Contains(got[0].Text, "Commissioner") {
		t.Fatalf("%d pages, first %+v", len(got), got[0])
	}
	unread := 0
	for _, pg := range got[1:] {
		if pg.Unread {
			unread++
		}
	}
	if unread != pages-1 {
		t.Errorf("%d of the %d slow pages marked unread", unread, pages-1)
	}
}

// TestBigDrawingRecyclesWorker: a worker whose memory grew for one big
// drawing (300 MB of pixels at 900 dpi) is replaced after it, giving the
// memory back, and the document carries on in the next.
//
// Remove the recycling (the recycleAbove case in roundTrip) and this fails:
// the worker keeps its 300 MB for as long as it lives.
func TestBigDrawingRecyclesWorker(t *testing.T) {
	p := testEngine(t, Limits{DrawTimeout: 5 * time.Minute})
	doc, err := p.Open(makePDF(t, pdfOptions{}, testPage{lines: prose}), "")
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	small := p.reader.pid()
	if _, err := doc.Render(1, 72); err != nil {
		t.Fatal(err)
	}
	if p.reader.pid() != small {
		t.Fatal("the worker was replaced after a small drawing")
	}
	img, err := doc.Render(1, 900)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 7400 || !hasInk(img) {
		t.Errorf("900 dpi drawing %v", b)
	}
	if p.reader.pid() == small {
		t.Error("the worker kept the memory of a 300 MB drawing")
	}
	if img, err := doc.Render(1, 72); err != nil || !hasInk(img) {
		t.Errorf("after: %v", err)
	}
}

// TestClosingAfterZoomingRecyclesWorker: a worker that grew for a page
// drawn zoomed in (about 90 MB of pixels, under recycleAbove) keeps its
// memory while the paper is read, and is replaced when the paper closes;
// a worker that drew only small pages is kept. Remove the
// recycleOnCloseAbove check from Close and this fails.
func TestClosingAfterZoomingRecyclesWorker(t *testing.T) {
	p := testEngine(t, Limits{DrawTimeout: 5 * time.Minute})
	data := makePDF(t, pdfOptions{}, testPage{lines: prose})
	small, err := p.Open(data, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := small.Render(1, 96); err != nil {
		t.Fatal(err)
	}
	before := p.reader.pid()
	small.Close()
	if p.reader.pid() != before {
		t.Fatal("the worker was replaced after a paper read at a small size")
	}
	zoomed, err := p.Open(data, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zoomed.Render(1, 480); err != nil {
		t.Fatal(err)
	}
	if p.reader.pid() != before {
		t.Fatal("the worker was replaced while the paper was read")
	}
	zoomed.Close()
	if p.reader.pid() == before {
		t.Error("the worker kept a zoomed-in drawing's memory after the paper closed")
	}
	again, err := p.Open(data, "")
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if img, err := again.Render(1, 72); err != nil || !hasInk(img) {
		t.Errorf("the next paper: %v", err)
	}
}
