package dslipak

// This package is the only one that imports github.com/dslipak/pdf. The library
// parses the file structure well (cross-reference tables and streams, object
// streams, Flate, RC4/AES decryption), but its text extraction hangs on arrays
// of content streams and on streams whose decoder fails, ignores Form
// XObjects, panics on two-byte codes and glues words together. So only its
// object graph is used here: the content streams, fonts and layout are this
// package's own, and every entry point turns the library's panics into errors.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"panelpapers/docs"

	"github.com/dslipak/pdf"
)

// Limits that keep a hostile or absurd file from eating the machine. A page
// that hits one fails with an error and goes to the fallback engine.
const (
	maxStream     = 64 << 20  // decoded bytes of one content stream or CMap
	maxOps        = 4_000_000 // operators interpreted for one page, forms included
	maxGlyphs     = 1_000_000 // glyphs kept for one page
	maxFormDepth  = 12        // Form XObjects nested in one another
	maxFormCalls  = 20_000    // Form XObjects drawn on one page
	maxTreeDepth  = 64        // page tree levels and Parent links followed
	maxPages      = 200_000
	maxCMapRange  = 1 << 16 // codes one bfrange or cidrange may cover
	maxFontsCache = 4096
)

// errDslStream is returned when a content stream cannot be read in full.
var errDslStream = errors.New("content stream unreadable")

// Doc is a PDF opened with dslipak/pdf, the text engine the user chose.
// Its methods are safe for concurrent use, though they serialise.
type Doc struct {
	mu    sync.Mutex
	r     *pdf.Reader
	pages []pdf.Value
	Fonts map[string]cachedFont // keyed by the font dictionary's text
}

// Open opens a PDF held in f. It never panics. A file that needs a
// password gives ErrEncrypted (and ErrBadPassword too when one was given);
// any other failure gives ErrDamaged.
func Open(f io.ReaderAt, size int64, password string) (d *Doc, err error) {
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, fmt.Errorf("%w: %v", docs.ErrDamaged, p)
		}
	}()
	f, size = normalise(f, size)
	tried := false
	r, err := pdf.NewReaderEncrypted(f, size, func() string {
		// dslipak asks again until it gets "": offer the password once.
		if tried {
			return ""
		}
		tried = true
		return password
	})
	switch {
	case errors.Is(err, pdf.ErrInvalidPassword) && password != "":
		return nil, fmt.Errorf("%w: %w", docs.ErrEncrypted, docs.ErrBadPassword)
	case errors.Is(err, pdf.ErrInvalidPassword):
		return nil, fmt.Errorf("%w", docs.ErrEncrypted)
	case err != nil && strings.Contains(err.Error(), "encryption"):
		return nil, fmt.Errorf("unsupported encryption (%v): %w", err, docs.ErrEncrypted)
	case err != nil:
		return nil, fmt.Errorf("%w: %v", docs.ErrDamaged, err)
	}
	if enc := r.Trailer().Key("Encrypt"); !enc.IsNull() {
		// dslipak keys RC4 with the whole MD5 digest where the standard
		// takes only length+5 bytes: right for 128-bit keys, garbage for
		// shorter ones, so those are left to the other engine.
		bits := enc.Key("Length").Int64()
		if bits == 0 {
			bits = 40
		}
		if v := enc.Key("V").Int64(); v == 1 || (v == 2 && bits < 128) {
			return nil, fmt.Errorf("unsupported encryption (%d-bit RC4): %w", bits, docs.ErrEncrypted)
		}
	}
	d = &Doc{r: r, Fonts: map[string]cachedFont{}}
	var ok bool
	if d.pages, ok = collectPages(r.Trailer().Key("Root").Key("Pages")); !ok {
		// Pages lost from the tree would shift every later page number.
		return nil, fmt.Errorf("%w: page tree unreadable", docs.ErrDamaged)
	}
	return d, nil
}

// NumPages is the number of pages.
func (d *Doc) NumPages() int { return len(d.pages) }

// PageText lays out page n (from 1) as lines of text separated by "\n", with
// a blank line between paragraphs and two or more spaces between table
// cells. It never panics; a page it cannot read gives an error so that the
// caller can ask the other engine.
func (d *Doc) PageText(n int) (text string, err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	defer func() {
		if p := recover(); p != nil {
			text, err = "", fmt.Errorf("page %d: %v", n, p)
		}
	}()
	if n < 1 || n > len(d.pages) {
		return "", fmt.Errorf("page %d: no such page (the PDF has %d)", n, len(d.pages))
	}
	glyphs, err := d.pageGlyphs(d.pages[n-1])
	if err != nil {
		return "", fmt.Errorf("page %d: %w", n, err)
	}
	return lineLayout(glyphs), nil
}

// normalise hides three harmless quirks that make dslipak refuse a
// file: bytes before the header (a mail or web wrapper), a version it does
// not know in the header (PDF 2.0), and bytes after the last %%EOF.
func normalise(f io.ReaderAt, size int64) (io.ReaderAt, int64) {
	head := make([]byte, min(size, 1024))
	n, _ := f.ReadAt(head, 0)
	head = head[:n]
	if at := bytes.Index(head, []byte("%PDF-")); at > 0 {
		f, size = io.NewSectionReader(f, int64(at), size-int64(at)), size-int64(at)
		head = head[at:]
	}
	if len(head) >= 9 && bytes.HasPrefix(head, []byte("%PDF-")) {
		ok := head[5] == '1' && head[6] == '.' && head[7] >= '0' && head[7] <= '7' &&
			(head[8] == '\r' || head[8] == '\n')
		if !ok {
			f = &patched{ReaderAt: f, patch: []byte("%PDF-1.7\n")}
		}
	}
	const tail = 4096
	start := max(size-tail, 0)
	buf := make([]byte, size-start)
	if n, _ := f.ReadAt(buf, start); n == len(buf) {
		if i := bytes.LastIndex(buf, []byte("%%EOF")); i >= 0 && len(bytes.TrimSpace(buf[i+5:])) > 0 {
			size = start + int64(i) + 5
		}
	}
	return f, size
}

// patched shows patch in place of the first bytes of a file.
type patched struct {
	io.ReaderAt
	patch []byte
}

func (p *patched) ReadAt(b []byte, off int64) (int, error) {
	n, err := p.ReaderAt.ReadAt(b, off)
	for i := 0; i < n; i++ {
		if at := off + int64(i); at < int64(len(p.patch)) {
			b[i] = p.patch[at]
		}
	}
	return n, err
}

// collectPages flattens the page tree. dslipak's own Page(n) loops
// forever when a Pages node's Count disagrees with its Kids, so the tree is
// walked here once, with a visited set against cycles. ok is false when a
// node is not a dictionary: pages are lost and the numbering is unsure.
func collectPages(root pdf.Value) (pages []pdf.Value, ok bool) {
	ok = root.Kind() == pdf.Dict
	seen := map[string]bool{}
	var walk func(node pdf.Value, depth int)
	walk = func(node pdf.Value, depth int) {
		if depth > maxTreeDepth || len(pages) >= maxPages {
			ok = false
			return
		}
		if node.Kind() != pdf.Dict {
			ok = ok && node.IsNull() // a null kid is a dangling reference: nothing to count
			return
		}
		kids := node.Key("Kids")
		if kids.Kind() != pdf.Array || node.Key("Type").Name() == "Page" {
			pages = append(pages, node)
			return
		}
		key := node.String()
		if seen[key] {
			return
		}
		seen[key] = true
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), depth+1)
		}
	}
	walk(root, 0)
	return pages, ok
}

// inherited looks key up in node and its ancestors, as page attributes
// are inherited, stopping on cycles.
func inherited(node pdf.Value, key string) pdf.Value {
	for i := 0; i < maxTreeDepth && !node.IsNull(); i++ {
		if v := node.Key(key); !v.IsNull() {
			return v
		}
		node = node.Key("Parent")
	}
	return pdf.Value{}
}

// readStream decodes a whole stream into memory. Reading it in full first
// is what keeps dslipak's lexer from retrying a failed read for ever.
func readStream(v pdf.Value) (data []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			data, err = nil, fmt.Errorf("%w: %v", errDslStream, p)
		}
	}()
	if v.Kind() != pdf.Stream {
		return nil, fmt.Errorf("%w: not a stream", errDslStream)
	}
	rc := v.Reader()
	defer rc.Close()
	data, err = io.ReadAll(io.LimitReader(rc, maxStream+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errDslStream, err)
	}
	if len(data) > maxStream {
		return nil, fmt.Errorf("%w: larger than %d MiB", errDslStream, maxStream>>20)
	}
	return data, nil
}
