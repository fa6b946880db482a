package pdf

// This is the only file that imports go-pdfium: PDFium compiled to
// WebAssembly and run by wazero, so there is no cgo and nothing to install.

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"io"
	"math"
	"strings"
	"sync"
	"time"

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

// Limits on Render, so a huge page or a silly dpi cannot exhaust memory.
const (
	maxRenderDPI    = 1200
	maxRenderPixels = 80 << 20 // ~80 megapixels, 320 MB as RGBA
)

// maxFormDepth bounds the walk into nested Form XObjects when looking for
// images; hostile files nest forms deeply.
const maxFormDepth = 8

// PDFium is a running PDFium engine: one WebAssembly instance whose calls are
// serialised by a mutex, because the instance is not safe for concurrent use.
// Start it once with StartPDFium and share it; Close it when the program ends.
type PDFium struct {
	mu     sync.Mutex
	cache  wazero.CompilationCache
	pool   pdfium.Pool
	inst   pdfium.Pdfium // nil after a crash until the next call
	gen    int           // bumped whenever inst is replaced: documents of older generations are gone
	closed bool
}

// StartPDFium starts the engine. cacheDir holds wazero's compiled copy of
// PDFium: the first start compiles it (~2.4 s), later starts load it (~70 ms).
// An empty cacheDir compiles in memory every time.
func StartPDFium(cacheDir string) (*PDFium, error) {
	p := &PDFium{}
	// Not WithCloseOnContextDone: it would let a kill interrupt a call stuck
	// inside PDFium, but the checks it compiles in make text extraction 3.4
	// times slower (measured on the corpus). PDFium is fuzzed upstream; a
	// hang inside it is the one thing this wrapper cannot stop.
	cfg := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	if cacheDir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(cacheDir)
		if err != nil {
			return nil, fmt.Errorf("start PDFium: compilation cache %s: %w", cacheDir, err)
		}
		p.cache = cache
		cfg = cfg.WithCompilationCache(cache)
	}
	pool, err := webassembly.Init(webassembly.Config{
		MinIdle:       1,
		MaxIdle:       1,
		MaxTotal:      1,
		RuntimeConfig: cfg,
		// PDFium gets the bytes of a file, never a path: it sees no filesystem.
		FSConfig: wazero.NewFSConfig(),
		// stdout carries the command line's results; PDFium's chatter goes nowhere.
		Stdout: io.Discard,
		Stderr: io.Discard,
	})
	if err != nil {
		p.closeCache()
		return nil, fmt.Errorf("start PDFium: %w", err)
	}
	p.pool = pool
	if err := p.ensureInstance(); err != nil {
		_ = pool.Close()
		p.closeCache()
		return nil, fmt.Errorf("start PDFium: %w", err)
	}
	return p, nil
}

// Close stops the engine. Documents still open become unusable.
func (p *PDFium) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	if p.inst != nil {
		_ = p.inst.Close()
		p.inst = nil
	}
	err := p.pool.Close()
	p.closeCache()
	if err != nil {
		return fmt.Errorf("close PDFium: %w", err)
	}
	return nil
}

func (p *PDFium) closeCache() {
	if p.cache != nil {
		_ = p.cache.Close(context.Background())
	}
}

// ensureInstance gets a fresh instance when the last one was dropped. The
// caller holds p.mu (or is StartPDFium).
func (p *PDFium) ensureInstance() error {
	if p.closed {
		return errors.New("PDFium is closed")
	}
	if p.inst != nil {
		return nil
	}
	inst, err := p.pool.GetInstance(30 * time.Second)
	if err != nil {
		return fmt.Errorf("PDFium instance: %w", err)
	}
	p.inst = inst
	p.gen++
	return nil
}

// run calls f with the instance. The caller holds p.mu. A call that fails
// with anything but one of PDFium's own error codes (a WebAssembly trap, a
// recovered panic) may have left the instance in a bad state, so the
// instance is dropped and the next call starts a new one, which costs
// milliseconds.
func (p *PDFium) run(what string, f func(inst pdfium.Pdfium) error) error {
	if err := p.ensureInstance(); err != nil {
		return err
	}
	err := f(p.inst)
	if err != nil && !isPDFiumCode(err) {
		_ = p.inst.Close()
		p.inst = nil
		return fmt.Errorf("%s: PDFium failed: %v: %w", what, err, docs.ErrDamaged)
	}
	return err
}

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

// PDFDoc is a PDF opened by PDFium. Its methods take pages numbered from 1.
// Close it when done: it holds a copy of the file inside the engine.
type PDFDoc struct {
	p        *PDFium
	data     []byte
	password string
	gen      int
	doc      references.FPDF_DOCUMENT
	pages    int
	closed   bool
}

// Open opens a PDF held in memory. It fails with ErrEncrypted when the file
// needs a password and none was given, ErrBadPassword when the given one is
// wrong, and ErrDamaged when PDFium cannot read it. A file with only an owner
// password (restricting printing or copying) opens without one, and with any.
func (p *PDFium) Open(data []byte, password string) (*PDFDoc, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	d := &PDFDoc{p: p, data: data, password: password}
	err := d.open()
	if errors.Is(err, docs.ErrBadPassword) {
		// A password that opens nothing is no harm when none is needed (a
		// file with only an owner password): read it as anyone could.
		d.password = ""
		if d.open() == nil {
			return d, nil
		}
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// open loads the document into the current instance. The caller holds p.mu.
func (d *PDFDoc) open() error {
	var pw *string
	if d.password != "" {
		pw = &d.password
	}
	err := d.p.run("open PDF", func(inst pdfium.Pdfium) error {
		res, err := inst.OpenDocument(&requests.OpenDocument{File: &d.data, Password: pw})
		if err != nil {
			return err
		}
		d.doc = res.Document
		n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: res.Document})
		if err != nil {
			_, _ = inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: res.Document})
			return err
		}
		d.pages = n.PageCount
		return nil
	})
	switch {
	case err == nil:
		d.gen = d.p.gen
		return nil
	case errors.Is(err, pdfiumerrors.ErrPassword) && d.password == "":
		return fmt.Errorf("open PDF: %w", docs.ErrEncrypted)
	case errors.Is(err, pdfiumerrors.ErrPassword):
		return fmt.Errorf("open PDF: %w", docs.ErrBadPassword)
	case errors.Is(err, pdfiumerrors.ErrSecurity):
		return fmt.Errorf("open PDF: unsupported encryption: %w", docs.ErrEncrypted)
	case errors.Is(err, docs.ErrDamaged):
		return err
	default:
		return fmt.Errorf("open PDF: %v: %w", err, docs.ErrDamaged)
	}
}

// Password is the password that opened the document: the one given, or ""
// when the file needs none.
func (d *PDFDoc) Password() string { return d.password }

// NumPages is the number of pages PDFium found.
func (d *PDFDoc) NumPages() int { return d.pages }

// Close releases the document. Closing twice is harmless.
func (d *PDFDoc) Close() error {
	d.p.mu.Lock()
	defer d.p.mu.Unlock()
	if d.closed {
		return nil
	}
	d.closed = true
	if d.p.closed || d.p.inst == nil || d.gen != d.p.gen {
		return nil // the instance that held it is gone, and the document with it
	}
	return d.p.run("close PDF", func(inst pdfium.Pdfium) error {
		_, err := inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d.doc})
		return err
	})
}

// withPage loads page n (from 1), calls f with it and unloads it, all under
// the engine's lock. If the instance was replaced since the document was
// opened (another page crashed it), the document is opened again first.
func (d *PDFDoc) withPage(what string, n int, f func(inst pdfium.Pdfium, page requests.Page) error) error {
	d.p.mu.Lock()
	defer d.p.mu.Unlock()
	if d.closed {
		return fmt.Errorf("%s: page %d: document is closed", what, n)
	}
	if n < 1 || n > d.pages {
		return fmt.Errorf("%s: page %d of %d: no such page", what, n, d.pages)
	}
	if d.p.inst == nil || d.gen != d.p.gen {
		if err := d.open(); err != nil {
			return fmt.Errorf("%s: page %d: reopen: %w", what, n, err)
		}
	}
	err := d.p.run(what, func(inst pdfium.Pdfium) error {
		res, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: d.doc, Index: n - 1})
		if err != nil {
			return err
		}
		defer func() { _, _ = inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: res.Page}) }()
		return f(inst, requests.Page{ByReference: &res.Page})
	})
	if err != nil {
		return fmt.Errorf("page %d: %w", n, err)
	}
	return nil
}

// withTextPage is withPage with PDFium's text layer of the page loaded.
func (d *PDFDoc) withTextPage(what string, n int, f func(inst pdfium.Pdfium, tp references.FPDF_TEXTPAGE, count int) error) error {
	return d.withPage(what, n, func(inst pdfium.Pdfium, page requests.Page) error {
		tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
		if err != nil {
			return err
		}
		defer func() { _, _ = inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage}) }()
		cnt, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
		if err != nil {
			return err
		}
		return f(inst, tp.TextPage, cnt.Count)
	})
}

// PageText is the text of page n (from 1) in PDFium's reading order, lines
// separated by "\n". One call for the whole page: asking per character costs
// a WebAssembly round trip each.
func (d *PDFDoc) PageText(n int) (string, error) {
	var text string
	err := d.withTextPage("page text", n, func(inst pdfium.Pdfium, tp references.FPDF_TEXTPAGE, count int) error {
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

// HasImages reports whether page n (from 1) draws an image, directly or
// inside a Form XObject: a page with images and no text is a scan.
func (d *PDFDoc) HasImages(n int) (bool, error) {
	var found bool
	err := d.withPage("page objects", n, func(inst pdfium.Pdfium, page requests.Page) error {
		cnt, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: page})
		if err != nil {
			return err
		}
		for i := 0; i < cnt.Count && !found; i++ {
			obj, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: page, Index: i})
			if err != nil {
				return err
			}
			found, err = objectHasImage(inst, obj.PageObject, 0)
			if err != nil {
				return err
			}
		}
		return nil
	})
	return found, err
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

// PageSize is the size of page n (from 1) in points (1/72 inch).
func (d *PDFDoc) PageSize(n int) (width, height float64, err error) {
	err = d.withPage("page size", n, func(inst pdfium.Pdfium, page requests.Page) error {
		w, err := inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: page})
		if err != nil {
			return err
		}
		h, err := inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: page})
		if err != nil {
			return err
		}
		width, height = float64(w.PageWidth), float64(h.PageHeight)
		return nil
	})
	return width, height, err
}

// Render draws page n (from 1) at dpi dots per inch. The image is the
// caller's own: nothing of it stays inside the engine.
func (d *PDFDoc) Render(n int, dpi float64) (image.Image, error) {
	if !(dpi >= 1 && dpi <= maxRenderDPI) {
		return nil, fmt.Errorf("render page %d: %v dpi is outside 1–%d", n, dpi, maxRenderDPI)
	}
	var img *image.RGBA
	err := d.withPage("render", n, func(inst pdfium.Pdfium, page requests.Page) error {
		w, err := inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: page})
		if err != nil {
			return err
		}
		h, err := inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: page})
		if err != nil {
			return err
		}
		px := float64(w.PageWidth) * dpi / 72 * float64(h.PageHeight) * dpi / 72
		if px > maxRenderPixels || math.IsNaN(px) {
			return fmt.Errorf("%.0f×%.0f points at %v dpi is too large to draw: %w", w.PageWidth, h.PageHeight, dpi, docs.ErrPageTooLarge)
		}
		res, err := inst.RenderPageInDPI(&requests.RenderPageInDPI{Page: page, DPI: int(math.Round(dpi))})
		if err != nil {
			return err
		}
		defer res.Cleanup()
		// The pixels live in WebAssembly memory until Cleanup: copy them out.
		src := res.Result.RenderedImage
		img = image.NewRGBA(src.Bounds())
		draw.Draw(img, img.Bounds(), src, src.Bounds().Min, draw.Src)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return img, nil
}

// CharBoxes lists the characters of page n (from 1) in the order of
// PageText, without the line breaks, for drawing highlights and mapping a
// drag on the page back to text.
func (d *PDFDoc) CharBoxes(n int) ([]docs.CharBox, error) {
	var boxes []docs.CharBox
	err := d.withTextPage("character boxes", n, func(inst pdfium.Pdfium, tp references.FPDF_TEXTPAGE, count int) error {
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
