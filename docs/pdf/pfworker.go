package pdf

// The PDFium worker: a child process of the same binary that runs PDFium
// compiled to WebAssembly (go-pdfium over wazero, no cgo), and answers the
// requests of pfproto.go. This is the only file that imports go-pdfium.
//
// The process is the bound on PDFium. A call that overruns its time is
// stopped by killing the process, which also gives its memory back at once;
// within the process, PDFium's WebAssembly memory is capped by the
// allocator below, which records that it refused, so that a page that
// wants too much is told apart from a damaged one.

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"strings"

	"panelpapers/docs"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// pdfiumWorkerEnv is set to "1" in the environment of a PDFium worker.
const pdfiumWorkerEnv = "PANELPAPERS_PDFIUM_WORKER"

// The hand-off happens in init, before main or TestMain runs, so that every
// binary that links this package — the app, and the test binary of every
// package that draws pages — can serve as its own PDFium worker without a
// line of its own. (The dslipak worker is handed off in main, which came
// first; a test binary that did not do so would run its tests as the
// worker, and so would the binary it started.)
func init() {
	if os.Getenv(pdfiumWorkerEnv) == "1" {
		os.Exit(runPDFiumWorker(os.Stdin, os.Stdout))
	}
}

// Limits on Render, so a huge page or a silly dpi cannot exhaust memory.
const (
	maxRenderDPI    = 1200
	maxRenderPixels = 80 << 20 // ~80 megapixels, 320 MB as RGBA
)

// maxFormDepth bounds the walk into nested Form XObjects when looking for
// images; hostile files nest forms deeply.
const maxFormDepth = 8

// runPDFiumWorker serves requests from in until it ends, replying on out.
// It returns the process's exit status: 0 when in ends between requests,
// 2 when the parent breaks the protocol. When in ends in the middle of a
// request, the process exits at once (the parent has gone, or given up):
// PDFium may be deep in a page that will not end for minutes.
func runPDFiumWorker(in io.Reader, out io.Writer) int {
	if _, err := io.WriteString(out, pfMagic); err != nil {
		return 1
	}
	c := newPFConn(in, out)
	type incoming struct {
		req  pfRequest
		data []byte
	}
	reqs := make(chan incoming)
	go func() {
		for {
			var in incoming
			data, err := c.recv(&in.req, func() int { return in.req.Size }, maxRequestBytes)
			if err != nil {
				// EOF between requests or in the middle of one: either way
				// the parent wants nothing more. Not waiting for the request
				// in hand is the point.
				code := 0
				if !errors.Is(err, io.EOF) {
					code = 2
				}
				os.Exit(code)
			}
			in.data = data
			reqs <- in
		}
	}()
	w := &pfWorker{docs: map[int32]*workerDoc{}}
	defer w.stop()
	for in := range reqs {
		rep, raw, done := w.serve(in.req, in.data)
		rep.Mem, rep.Files, rep.Size = w.mem.size(), w.files(), len(raw)
		err := c.send(rep, raw)
		if done != nil {
			done()
		}
		if err != nil || rep.Fail == failMemory || (in.req.Op == opStart && rep.Fail != failNone) {
			// A worker whose memory PDFium filled is not kept: ending the
			// process gives the memory back.
			return 1
		}
	}
	return 0
}

// pfWorker is the worker's PDFium: one instance, and the documents open in
// it. Only the serving goroutine uses it.
type pfWorker struct {
	cfg   wazero.RuntimeConfig
	cache wazero.CompilationCache
	pool  pdfium.Pool
	inst  pdfium.Pdfium
	mem   memoryCap
	docs  map[int32]*workerDoc
	next  int32
}

// workerDoc is a document open in the worker's instance.
type workerDoc struct {
	ref   references.FPDF_DOCUMENT
	data  []byte // PDFium reads the file from here for as long as it is open
	pages int
}

// files is the bytes of the open documents' files, which PDFium holds a
// copy of in its memory.
func (w *pfWorker) files() int64 {
	var n int64
	for _, d := range w.docs {
		n += int64(len(d.data))
	}
	return n
}

func (w *pfWorker) stop() {
	if w.inst != nil {
		_ = w.inst.Kill()
	}
	if w.pool != nil {
		_ = w.pool.Close()
	}
	if w.cache != nil {
		_ = w.cache.Close(context.Background())
	}
}

// start starts PDFium with its memory capped at limit bytes.
func (w *pfWorker) start(cacheDir string, limit int64) error {
	// Not WithCloseOnContextDone: it would let a context stop a call, but
	// the checks it compiles into every loop and call make PDFium 2 to 10
	// times slower (drawing, text, character boxes; see the package doc).
	// Killing this process is the bound instead.
	cfg := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	if cacheDir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(cacheDir)
		if err != nil {
			return fmt.Errorf("compilation cache %s: %w", cacheDir, err)
		}
		w.cache = cache
		cfg = cfg.WithCompilationCache(cache)
	}
	w.mem.limit = uint64(limit)
	// The cap is kept by the allocator rather than WithMemoryLimitPages:
	// wazero refuses a grow past WithMemoryLimitPages in silence, and PDFium
	// then fails as it would on a damaged file; the allocator knows it said
	// no. PDFium's module declares 2 GiB at most, so no grow reaches past
	// the allocator unasked.
	ctx := experimental.WithMemoryAllocator(context.Background(), &w.mem)
	pool, err := webassembly.Init(webassembly.Config{
		Context:       ctx,
		MinIdle:       1,
		MaxIdle:       1,
		MaxTotal:      1,
		RuntimeConfig: cfg,
		// PDFium gets the bytes of a file, never a path: it sees no filesystem.
		FSConfig: wazero.NewFSConfig(),
		// stdout carries the replies; PDFium's chatter goes nowhere.
		Stdout: io.Discard,
		Stderr: io.Discard,
	})
	if err != nil {
		return err
	}
	w.pool = pool
	return w.newInstance()
}

// newInstance replaces the instance, and with it every open document.
func (w *pfWorker) newInstance() error {
	if w.inst != nil {
		_ = w.inst.Kill()
		w.inst = nil
	}
	clear(w.docs)
	w.mem.refused = false
	inst, err := w.pool.GetInstanceWithContext(context.Background())
	if err != nil {
		return fmt.Errorf("PDFium instance: %w", err)
	}
	w.inst = inst
	return nil
}

// serve answers one request. done, when not nil, is to be called once the
// raw bytes have been written: they may be PDFium's own memory.
func (w *pfWorker) serve(req pfRequest, data []byte) (rep pfReply, raw []byte, done func()) {
	if req.Op == opStart {
		if err := w.start(req.CacheDir, req.MemoryLimit); err != nil {
			return pfReply{Fail: failCrash, Err: err.Error()}, nil, nil
		}
		return pfReply{}, nil, nil
	}
	if w.inst == nil {
		return pfReply{Fail: failRequest, Err: "PDFium is not started"}, nil, nil
	}
	w.mem.refused = false
	err := func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("panic: %v", p)
			}
		}()
		rep, raw, done, err = w.do(req, data)
		return err
	}()
	var reqErr requestError
	switch {
	case err == nil:
		return rep, raw, done
	case w.mem.refused:
		// Whatever PDFium made of it (a trap, most often), it wanted more
		// memory than it may have.
		return pfReply{Fail: failMemory, Err: err.Error()}, nil, nil
	case errors.As(err, &reqErr):
		return pfReply{Fail: reqErr.fail, Err: err.Error()}, nil, nil
	case errors.Is(err, pdfiumerrors.ErrPassword):
		return pfReply{Fail: failPassword, Err: err.Error()}, nil, nil
	case errors.Is(err, pdfiumerrors.ErrSecurity):
		return pfReply{Fail: failSecurity, Err: err.Error()}, nil, nil
	case isPDFiumCode(err):
		return pfReply{Fail: failPDFium, Err: err.Error()}, nil, nil
	}
	// A trap or a panic may have left the instance in a bad state: a new
	// one costs milliseconds, and the parent opens its documents again.
	rep = pfReply{Fail: failCrash, Err: err.Error()}
	if nerr := w.newInstance(); nerr != nil {
		// Without an instance the worker is of no use: the parent sees it
		// stop and starts another.
		fmt.Fprintln(os.Stderr, nerr)
		os.Exit(1)
	}
	return rep, nil, nil
}

// requestError is a failure the request itself caused.
type requestError struct {
	fail pfFailure
	msg  string
}

func (e requestError) Error() string { return e.msg }

// isPDFiumCode reports whether err is one of the error codes PDFium itself
// returns, after which the instance is still sound.
func isPDFiumCode(err error) bool {
	for _, code := range []error{
		pdfiumerrors.ErrUnknown, pdfiumerrors.ErrFile, pdfiumerrors.ErrFormat,
		pdfiumerrors.ErrPassword, pdfiumerrors.ErrSecurity, pdfiumerrors.ErrPage,
	} {
		if errors.Is(err, code) {
			return true
		}
	}
	return false
}

func (w *pfWorker) do(req pfRequest, data []byte) (rep pfReply, raw []byte, done func(), err error) {
	inst := w.inst
	if req.Op == opOpen {
		return w.open(req, data)
	}
	d, ok := w.docs[req.Doc]
	if !ok {
		return rep, nil, nil, requestError{failRequest, fmt.Sprintf("no document %d", req.Doc)}
	}
	if req.Op == opClose {
		delete(w.docs, req.Doc)
		_, err := inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d.ref})
		return rep, nil, nil, err
	}
	if req.Page < 1 || req.Page > d.pages {
		return rep, nil, nil, requestError{failRequest, fmt.Sprintf("page %d of %d: no such page", req.Page, d.pages)}
	}
	switch req.Op {
	case opSize:
		// From the page tree: the page's content is not parsed, so a page
		// that is slow to load still has its size.
		s, err := inst.FPDF_GetPageSizeByIndexF(&requests.FPDF_GetPageSizeByIndexF{Document: d.ref, Index: req.Page - 1})
		if err != nil {
			return rep, nil, nil, err
		}
		rep.W, rep.H = float64(s.Size.Width), float64(s.Size.Height)
	case opText, opRead:
		err = withPage(inst, d, req.Page, func(page requests.Page) error {
			rep.Text, err = pageText(inst, page)
			if err != nil || req.Op == opText || newEngineText(rep.Text).norm != "" {
				return err
			}
			// Only a page without text can be a scan; asking costs a walk
			// over the page's objects.
			rep.Images, err = hasImages(inst, page)
			return err
		})
	case opImages:
		err = withPage(inst, d, req.Page, func(page requests.Page) error {
			rep.Images, err = hasImages(inst, page)
			return err
		})
	case opChars:
		err = withPage(inst, d, req.Page, func(page requests.Page) error {
			rep.Chars, err = charBoxes(inst, page)
			return err
		})
	case opRender:
		return w.render(d, req)
	default:
		err = requestError{failRequest, fmt.Sprintf("unknown request %d", req.Op)}
	}
	return rep, nil, nil, err
}

// open loads a document into the instance, keeping its bytes: PDFium reads
// from them for as long as the document is open.
func (w *pfWorker) open(req pfRequest, data []byte) (rep pfReply, raw []byte, done func(), err error) {
	var pw *string
	if req.Password != "" {
		pw = &req.Password
	}
	res, err := w.inst.OpenDocument(&requests.OpenDocument{File: &data, Password: pw})
	if err != nil {
		return rep, nil, nil, err
	}
	n, err := w.inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: res.Document})
	if err != nil {
		_, _ = w.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: res.Document})
		return rep, nil, nil, err
	}
	w.next++
	w.docs[w.next] = &workerDoc{ref: res.Document, data: data, pages: n.PageCount}
	rep.Doc, rep.Pages = w.next, n.PageCount
	// The Title metadata, for what it may say of the meeting; a file whose
	// metadata cannot be read simply has none.
	if t, err := w.inst.FPDF_GetMetaText(&requests.FPDF_GetMetaText{Document: res.Document, Tag: "Title"}); err == nil {
		rep.Title = t.Value
	}
	return rep, nil, nil, nil
}

// withPage loads page n (from 1), calls f with it and unloads it.
func withPage(inst pdfium.Pdfium, d *workerDoc, n int, f func(page requests.Page) error) error {
	res, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: d.ref, Index: n - 1})
	if err != nil {
		return err
	}
	defer func() { _, _ = inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: res.Page}) }()
	return f(requests.Page{ByReference: &res.Page})
}

// withTextPage calls f with PDFium's text layer of page loaded.
func withTextPage(inst pdfium.Pdfium, page requests.Page, f func(tp references.FPDF_TEXTPAGE, count int) error) error {
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return err
	}
	defer func() { _, _ = inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage}) }()
	cnt, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return err
	}
	return f(tp.TextPage, cnt.Count)
}

// pageText is the text of a page in PDFium's reading order, lines separated
// by "\n". One call for the whole page: asking per character costs a
// WebAssembly round trip each.
func pageText(inst pdfium.Pdfium, page requests.Page) (string, error) {
	var text string
	err := withTextPage(inst, page, func(tp references.FPDF_TEXTPAGE, count int) error {
		if count <= 0 {
			return nil
		}
		res, err := inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp, Count: count})
		if err != nil {
			return err
		}
		text = pdfiumTextFixer.Replace(res.Text)
		return nil
	})
	return text, err
}

// pdfiumTextFixer undoes PDFium's private conventions: "\r\n" between lines,
// U+0002 for a hyphen that ends a line, and NULs where a glyph had no
// Unicode value.
var pdfiumTextFixer = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x02", "-", "\x00", "")

// hasImages reports whether a page draws an image, directly or inside a
// Form XObject.
func hasImages(inst pdfium.Pdfium, page requests.Page) (bool, error) {
	cnt, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
	if err != nil {
		return false, err
	}
	for i := 0; i < cnt.Count; i++ {
		obj, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: i})
		if err != nil {
			return false, err
		}
		if found, err := objectHasImage(inst, obj.PageObject, 0); found || err != nil {
			return found, err
		}
	}
	return false, nil
}

func objectHasImage(inst pdfium.Pdfium, obj references.FPDF_PAGEOBJECT, depth int) (bool, error) {
	typ, err := inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj})
	if err != nil {
		return false, err
	}
	switch {
	case typ.Type == enums.FPDF_PAGEOBJ_IMAGE:
		return true, nil
	case typ.Type != enums.FPDF_PAGEOBJ_FORM || depth >= maxFormDepth:
		return false, nil
	}
	cnt, err := inst.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: obj})
	if err != nil {
		return false, err
	}
	for i := 0; i < cnt.Count; i++ {
		child, err := inst.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: obj, Index: uint64(i)})
		if err != nil {
			return false, err
		}
		if ok, err := objectHasImage(inst, child.PageObject, depth+1); ok || err != nil {
			return ok, err
		}
	}
	return false, nil
}

// charBoxes lists the characters of a page in the order of its text,
// without the line breaks.
func charBoxes(inst pdfium.Pdfium, page requests.Page) ([]docs.CharBox, error) {
	var boxes []docs.CharBox
	err := withTextPage(inst, page, func(tp references.FPDF_TEXTPAGE, count int) error {
		boxes = make([]docs.CharBox, 0, count)
		for i := 0; i < count; i++ {
			u, err := inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp, Index: i})
			if err != nil {
				return err
			}
			r := rune(u.Unicode)
			if r == '\r' || r == '\n' || r == 0 {
				continue
			}
			if r == 2 {
				r = '-'
			}
			b, err := inst.FPDFText_GetCharBox(&requests.FPDFText_GetCharBox{TextPage: tp, Index: i})
			if err != nil {
				return err
			}
			boxes = append(boxes, docs.CharBox{Rune: r, Box: docs.Rect{Left: b.Left, Bottom: b.Bottom, Right: b.Right, Top: b.Top}})
		}
		return nil
	})
	return boxes, err
}

// render draws a page. The pixels it returns are PDFium's own memory, sent
// as they are; done releases them.
func (w *pfWorker) render(d *workerDoc, req pfRequest) (rep pfReply, raw []byte, done func(), err error) {
	inst := w.inst
	// The size from the page tree, so that a page too large to draw is
	// refused before its content is parsed.
	s, err := inst.FPDF_GetPageSizeByIndexF(&requests.FPDF_GetPageSizeByIndexF{Document: d.ref, Index: req.Page - 1})
	if err != nil {
		return rep, nil, nil, err
	}
	px := float64(s.Size.Width) * req.DPI / 72 * float64(s.Size.Height) * req.DPI / 72
	if px > maxRenderPixels || math.IsNaN(px) {
		return rep, nil, nil, requestError{failTooLarge, fmt.Sprintf("%.0f×%.0f points at %v dpi is too large to draw", s.Size.Width, s.Size.Height, req.DPI)}
	}
	err = withPage(inst, d, req.Page, func(page requests.Page) error {
		res, err := inst.RenderPageInDPI(&requests.RenderPageInDPI{Page: page, DPI: int(math.Round(req.DPI))})
		if err != nil {
			return err
		}
		img, ok := res.Result.RenderedImage.(*image.RGBA)
		if !ok {
			res.Cleanup()
			return fmt.Errorf("PDFium drew a %T", res.Result.RenderedImage)
		}
		b := img.Bounds()
		rep.W, rep.H, rep.Stride = float64(b.Dx()), float64(b.Dy()), img.Stride
		raw, done = img.Pix, res.Cleanup
		return nil
	})
	return rep, raw, done, err
}

// memoryCap makes PDFium's WebAssembly memory, refusing to grow it past
// limit bytes and remembering that it refused.
//
// Where it can, it reserves the limit's address space outside Go's heap at
// once (memory_unix.go, memory_windows.go), and growing commits pages in
// place: growth copies nothing, and Go's garbage collector, which a heap
// doubling at each grow kept at work beside PDFium (half a core more,
// measured on the nested forms), never sees it. Elsewhere it grows Go
// slices.
type memoryCap struct {
	limit   uint64
	cur     *capMemory // the memory of the instance in use
	refused bool
}

// Allocate makes the memory of a new instance. wazero calls it once per
// instance, and the worker has one instance at a time; each gets memory of
// its own, so that an old instance freeing its memory late frees only that.
func (c *memoryCap) Allocate(capacity, _ uint64) experimental.LinearMemory {
	m := &capMemory{c: c, res: reserve(c.limit)}
	if m.res == nil {
		m.buf = make([]byte, 0, min(capacity, c.limit))
	}
	c.cur = m
	return m
}

// size is how many bytes of memory the instance in use has.
func (c *memoryCap) size() int64 {
	if c.cur == nil {
		return 0
	}
	return int64(len(c.cur.buf))
}

// reservation is address space set aside for a memory, committed as it
// grows.
type reservation interface {
	// grow commits the first size bytes and returns them, or nil.
	grow(size uint64) []byte
	// free gives the address space back.
	free()
}

// capMemory is one instance's memory.
type capMemory struct {
	c   *memoryCap
	res reservation // nil when the memory is a Go slice
	buf []byte
}

// Reallocate grows the memory to size bytes, or refuses with nil.
func (m *capMemory) Reallocate(size uint64) []byte {
	switch {
	case size > m.c.limit:
		m.c.refused = true
		return nil
	case m.res != nil:
		buf := m.res.grow(size)
		if buf == nil {
			m.c.refused = true // the system would not commit it: as good as the limit
			return nil
		}
		m.buf = buf
		return buf
	case size <= uint64(cap(m.buf)):
		m.buf = m.buf[:size]
		return m.buf
	}
	// Grow by half again, as append would, but never past the limit.
	grown := make([]byte, size, min(max(size, uint64(cap(m.buf))*3/2), m.c.limit))
	copy(grown, m.buf)
	m.buf = grown
	return m.buf
}

// Free lets the memory go.
func (m *capMemory) Free() {
	m.buf = nil
	if m.res != nil {
		m.res.free()
		m.res = nil
	}
}
