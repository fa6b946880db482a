package dslipak

// This file is the only one that imports github.com/dslipak/pdf. The library
// parses the file structure well (cross-reference tables and streams, object
// streams, Flate, RC4/AES decryption), but its text extraction hangs on arrays
// of content streams and on streams whose decoder fails, ignores Form
// XObjects, panics on two-byte codes and glues words together. So only its
// object graph is used here: the content streams, fonts and layout are this
// file's own, and every entry point turns the library's panics into errors.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

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

// Layout constants, as fractions of the font size; tuned on the corpus
// against pdftotext -layout.
const (
	wordGap      = 0.12 // a wider gap between glyphs is a word break
	cellGap      = 1.2  // a wider gap is a table cell or column break: 2+ spaces
	paragraphGap = 1.75 // baselines further apart than this leave a blank line
	dupOverlap   = 0.3  // the same glyph this close to another is a fake-bold copy
	// A word starting this far back inside the one before is another text
	// drawn over it; less is squeezed punctuation, as in Chinese.
	overlapGap = 0.6
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

// ---------------------------------------------------------------------------
// Matrices

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul is m then n: the matrix that applies m first, as PDF writes m×n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// translate is m preceded by a move of (tx, ty).
func (m matrix) translate(tx, ty float64) matrix {
	m[4] += tx*m[0] + ty*m[2]
	m[5] += tx*m[1] + ty*m[3]
	return m
}

func matrixOf(v pdf.Value) (matrix, bool) {
	if v.Kind() != pdf.Array || v.Len() != 6 {
		return identity, false
	}
	var m matrix
	for i := range m {
		m[i] = v.Index(i).Float64()
	}
	return m, true
}

// ---------------------------------------------------------------------------
// Content stream lexer. dslipak's Interpret needs a stream Value and loops
// for ever on an unterminated string or an inline image, so content streams
// are tokenised here from bytes already in memory.

type operandKind uint8

const (
	opNull operandKind = iota
	opNum
	opStr
	opName
	opArray
	opDict
	opBool
)

type operand struct {
	kind operandKind
	num  float64
	str  string // string bytes, or a name without its slash
	arr  []operand
}

type lexer struct {
	b []byte
	i int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace moves past white space and comments.
func (l *lexer) skipSpace() {
	for l.i < len(l.b) {
		c := l.b[l.i]
		if isSpace(c) {
			l.i++
			continue
		}
		if c == '%' {
			for l.i < len(l.b) && l.b[l.i] != '\n' && l.b[l.i] != '\r' {
				l.i++
			}
			continue
		}
		return
	}
}

// next returns the next operand, or the next operator as op; ok is false at
// the end of the data.
func (l *lexer) next() (v operand, op []byte, ok bool) {
	for {
		l.skipSpace()
		if l.i >= len(l.b) {
			return v, nil, false
		}
		c := l.b[l.i]
		switch {
		case c == '/':
			l.i++
			return operand{kind: opName, str: l.name()}, nil, true
		case c == '(':
			l.i++
			return operand{kind: opStr, str: l.literal()}, nil, true
		case c == '<' && l.i+1 < len(l.b) && l.b[l.i+1] == '<':
			l.i += 2
			l.skipDict(0)
			return operand{kind: opDict}, nil, true
		case c == '<':
			l.i++
			return operand{kind: opStr, str: l.hex()}, nil, true
		case c == '[':
			l.i++
			return operand{kind: opArray, arr: l.array(0)}, nil, true
		case isDelim(c):
			l.i++ // a stray ] > ) { }: skip it
			continue
		}
		start := l.i
		for l.i < len(l.b) && !isSpace(l.b[l.i]) && !isDelim(l.b[l.i]) {
			l.i++
		}
		word := l.b[start:l.i]
		if n, isNum := parseNumber(word); isNum {
			return operand{kind: opNum, num: n}, nil, true
		}
		switch string(word) {
		case "true", "false":
			return operand{kind: opBool, str: string(word)}, nil, true
		case "null":
			return operand{}, nil, true
		}
		return v, word, true
	}
}

// parseNumber reads a PDF number without allocating.
func parseNumber(w []byte) (float64, bool) {
	if len(w) == 0 {
		return 0, false
	}
	i, neg := 0, false
	for i < len(w) && (w[i] == '+' || w[i] == '-') { // "--5" is seen in the wild
		neg = neg != (w[i] == '-')
		i++
	}
	var n, scale float64 = 0, 0
	digits := 0
	for ; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + float64(c-'0')
			if scale > 0 {
				scale *= 10
			}
			digits++
		case c == '.' && scale == 0:
			scale = 1
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	if scale > 0 {
		n /= scale
	}
	if neg {
		n = -n
	}
	return n, true
}

func (l *lexer) name() string {
	start := l.i
	plain := true
	for l.i < len(l.b) && !isSpace(l.b[l.i]) && !isDelim(l.b[l.i]) {
		if l.b[l.i] == '#' {
			plain = false
		}
		l.i++
	}
	raw := l.b[start:l.i]
	if plain {
		return string(raw)
	}
	out := make([]byte, 0, len(raw))
	for j := 0; j < len(raw); j++ {
		if raw[j] == '#' && j+2 < len(raw) {
			if x, err := strconv.ParseUint(string(raw[j+1:j+3]), 16, 8); err == nil {
				out = append(out, byte(x))
				j += 2
				continue
			}
		}
		out = append(out, raw[j])
	}
	return string(out)
}

func (l *lexer) literal() string {
	var out []byte
	depth := 1
	for l.i < len(l.b) {
		c := l.b[l.i]
		l.i++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if l.i >= len(l.b) {
				return string(out)
			}
			c = l.b[l.i]
			l.i++
			switch c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.i < len(l.b) && l.b[l.i] == '\n' {
					l.i++
				}
				continue
			case '\n':
				continue
			case '0', '1', '2', '3', '4', '5', '6', '7':
				x := int(c - '0')
				for k := 0; k < 2 && l.i < len(l.b) && l.b[l.i] >= '0' && l.b[l.i] <= '7'; k++ {
					x = x*8 + int(l.b[l.i]-'0')
					l.i++
				}
				c = byte(x)
			}
		}
		out = append(out, c)
	}
	return string(out)
}

func (l *lexer) hex() string {
	var out []byte
	hi, half := byte(0), false
	for l.i < len(l.b) {
		c := l.b[l.i]
		l.i++
		var x byte
		switch {
		case c == '>':
			if half {
				out = append(out, hi<<4)
			}
			return string(out)
		case c >= '0' && c <= '9':
			x = c - '0'
		case c >= 'a' && c <= 'f':
			x = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			x = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, hi<<4|x)
		} else {
			hi = x
		}
		half = !half
	}
	return string(out)
}

// array reads operands up to the closing bracket; operators inside are
// ignored.
func (l *lexer) array(depth int) []operand {
	var out []operand
	for {
		l.skipSpace()
		if l.i >= len(l.b) {
			return out
		}
		if l.b[l.i] == ']' {
			l.i++
			return out
		}
		if l.b[l.i] == '[' {
			l.i++
			if depth > 32 {
				continue
			}
			out = append(out, operand{kind: opArray, arr: l.array(depth + 1)})
			continue
		}
		v, op, ok := l.next()
		if !ok {
			return out
		}
		if op == nil {
			out = append(out, v)
		}
	}
}

// skipDict moves past a dictionary (the marked-content properties of BDC).
func (l *lexer) skipDict(depth int) {
	for {
		l.skipSpace()
		if l.i >= len(l.b) {
			return
		}
		if l.i+1 < len(l.b) && l.b[l.i] == '>' && l.b[l.i+1] == '>' {
			l.i += 2
			return
		}
		if depth < 32 && l.i+1 < len(l.b) && l.b[l.i] == '<' && l.b[l.i+1] == '<' {
			l.i += 2
			l.skipDict(depth + 1)
			continue
		}
		if _, _, ok := l.next(); !ok {
			return
		}
	}
}

// skipInlineImage moves past BI … ID data EI. The data is binary, so the end
// is the first EI that stands alone between white space.
func (l *lexer) skipInlineImage() {
	for {
		_, op, ok := l.next()
		if !ok {
			return
		}
		if string(op) == "ID" {
			break
		}
	}
	l.i++ // the single white-space byte after ID
	for l.i+1 < len(l.b) {
		j := bytes.Index(l.b[l.i:], []byte("EI"))
		if j < 0 {
			l.i = len(l.b)
			return
		}
		at := l.i + j
		before := at == 0 || isSpace(l.b[at-1])
		after := at+2 >= len(l.b) || isSpace(l.b[at+2]) || isDelim(l.b[at+2])
		l.i = at + 2
		if before && after {
			return
		}
	}
}

// ---------------------------------------------------------------------------
// Content walker

// glyph is one glyph placed on the page, in the coordinates of its text
// direction: x grows along the line, y grows up the page.
type glyph struct {
	x0, x1, y float64
	size      float64
	text      string
	space     bool
	dir       int // 0 reads left to right as the page is shown; others are rotated
}

type gState struct {
	ctm   matrix
	font  *fontInfo
	fs    float64 // font size
	tc    float64 // character spacing
	tw    float64 // word spacing
	th    float64 // horizontal scaling, 1 = 100%
	tl    float64 // leading
	rise  float64
	fonts map[string]*fontInfo // fonts looked up by resource name, per resource dictionary
}

type walker struct {
	d         *Doc
	glyphs    []glyph
	ops       int
	formCalls int
	forms     []string // the Form XObjects being drawn, against cycles
	// missingFont is set when text is drawn with no font or one absent from
	// the resources: maybe dslipak read the wrong object.
	missingFont bool
	rotate      float64 // the page's /Rotate, in degrees clockwise
	box         [4]float64
}

func (d *Doc) pageGlyphs(page pdf.Value) ([]glyph, error) {
	w := &walker{d: d}
	w.rotate = float64((inherited(page, "Rotate").Int64()%360 + 360) % 360)
	w.box = pageBox(page)
	res := []pdf.Value{inherited(page, "Resources")}
	gs := gState{ctm: identity, th: 1, fonts: map[string]*fontInfo{}}

	contents := page.Key("Contents")
	var streams []pdf.Value
	switch contents.Kind() {
	case pdf.Stream:
		streams = append(streams, contents)
	case pdf.Array:
		for i := 0; i < contents.Len(); i++ {
			streams = append(streams, contents.Index(i))
		}
	case pdf.Null:
	default:
		return nil, fmt.Errorf("contents unreadable: %.40s", contents.String())
	}
	// The streams of an array are one content stream cut in pieces (a
	// piece may end inside an operator), so they are joined first.
	var all []byte
	for i, s := range streams {
		if s.IsNull() {
			continue // a dangling reference draws nothing
		}
		data, err := readStream(s)
		if err != nil {
			return nil, fmt.Errorf("contents %d: %w", i+1, err)
		}
		all = append(all, data...)
		all = append(all, '\n')
	}
	if err := w.run(all, res, gs); err != nil {
		return nil, err
	}
	if w.missingFont {
		return nil, errors.New("text drawn with a font the page does not have")
	}
	return w.glyphs, nil
}

// pageBox is the visible part of the page: the crop box within the media
// box, as x0, y0, x1, y1.
func pageBox(page pdf.Value) [4]float64 {
	rect := func(v pdf.Value) ([4]float64, bool) {
		if v.Kind() != pdf.Array || v.Len() != 4 {
			return [4]float64{}, false
		}
		a, b, c, d := v.Index(0).Float64(), v.Index(1).Float64(), v.Index(2).Float64(), v.Index(3).Float64()
		r := [4]float64{math.Min(a, c), math.Min(b, d), math.Max(a, c), math.Max(b, d)}
		return r, r[2]-r[0] > 1 && r[3]-r[1] > 1
	}
	box, ok := rect(inherited(page, "MediaBox"))
	if !ok {
		box = [4]float64{0, 0, 612, 792}
	}
	if crop, ok := rect(inherited(page, "CropBox")); ok {
		in := [4]float64{math.Max(box[0], crop[0]), math.Max(box[1], crop[1]), math.Min(box[2], crop[2]), math.Min(box[3], crop[3])}
		if in[2]-in[0] > 1 && in[3]-in[1] > 1 {
			box = in
		}
	}
	return box
}

// lookup finds a named resource of a category (Font, XObject,
// ExtGState) in a chain of resource dictionaries, innermost last: a form
// that lacks a resource borrows its parent's, as viewers do. Resources that
// are there but are not dictionaries mean dslipak read the wrong object,
// and text would go missing or come out garbled: that is an error.
func lookup(chain []pdf.Value, category, name string) (pdf.Value, error) {
	for i := len(chain) - 1; i >= 0; i-- {
		cat := chain[i].Key(category)
		if cat.IsNull() {
			continue
		}
		if cat.Kind() != pdf.Dict {
			return pdf.Value{}, fmt.Errorf("%s resources unreadable: %.40s", category, cat.String())
		}
		if v := cat.Key(name); !v.IsNull() {
			return v, nil
		}
	}
	return pdf.Value{}, nil
}

// run interprets one content stream (a page's or a form's) with the given
// chain of resources, starting from graphics state gs.
func (w *walker) run(data []byte, res []pdf.Value, gs gState) error {
	lex := &lexer{b: data}
	var stack []gState
	var args []operand
	tm, tlm := identity, identity
	if r := res[len(res)-1]; !r.IsNull() && r.Kind() != pdf.Dict {
		return fmt.Errorf("resources unreadable: %.40s", r.String())
	}

	num := func(i int) float64 {
		if i < len(args) && args[i].kind == opNum {
			return args[i].num
		}
		return 0
	}
	matrix := func() (matrix, bool) {
		if len(args) < 6 {
			return identity, false
		}
		var m matrix
		a := args[len(args)-6:]
		for i := range m {
			if a[i].kind != opNum {
				return identity, false
			}
			m[i] = a[i].num
		}
		return m, true
	}
	nextLine := func() {
		tlm = tlm.translate(0, -gs.tl)
		tm = tlm
	}
	str := func(i int) (string, bool) {
		if i >= 0 && i < len(args) && args[i].kind == opStr {
			return args[i].str, true
		}
		return "", false
	}
	setFont := func(name string, size float64) error {
		f, ok := gs.fonts[name]
		if !ok {
			v, err := lookup(res, "Font", name)
			if err == nil {
				f, err = w.d.font(v)
			}
			if err != nil {
				return fmt.Errorf("font %s: %w", name, err)
			}
			gs.fonts[name] = f
		}
		gs.font, gs.fs = f, size
		return nil
	}

	for {
		v, op, ok := lex.next()
		if !ok {
			return nil
		}
		if op == nil {
			if len(args) < 64 {
				args = append(args, v)
			}
			continue
		}
		w.ops++
		if w.ops > maxOps {
			return errors.New("too many drawing operations")
		}
		switch string(op) {
		case "q":
			if len(stack) < 1024 {
				stack = append(stack, gs)
			}
		case "Q":
			if n := len(stack); n > 0 {
				gs = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if m, ok := matrix(); ok {
				gs.ctm = m.mul(gs.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) >= 2 && args[len(args)-2].kind == opName {
				if err := setFont(args[len(args)-2].str, args[len(args)-1].num); err != nil {
					return err
				}
			}
		case "Tc":
			gs.tc = num(0)
		case "Tw":
			gs.tw = num(0)
		case "Tz":
			gs.th = num(0) / 100
		case "TL":
			gs.tl = num(0)
		case "Ts":
			gs.rise = num(0)
		case "Td":
			tlm = tlm.translate(num(0), num(1))
			tm = tlm
		case "TD":
			gs.tl = -num(1)
			tlm = tlm.translate(num(0), num(1))
			tm = tlm
		case "Tm":
			if m, ok := matrix(); ok {
				tm, tlm = m, m
			}
		case "T*":
			nextLine()
		case "Tj":
			if s, ok := str(len(args) - 1); ok {
				tm = w.show(&gs, tm, s)
			}
		case "'":
			nextLine()
			if s, ok := str(len(args) - 1); ok {
				tm = w.show(&gs, tm, s)
			}
		case "\"":
			if len(args) >= 3 {
				gs.tw, gs.tc = num(len(args)-3), num(len(args)-2)
			}
			nextLine()
			if s, ok := str(len(args) - 1); ok {
				tm = w.show(&gs, tm, s)
			}
		case "TJ":
			if len(args) == 0 || args[len(args)-1].kind != opArray {
				break
			}
			for _, el := range args[len(args)-1].arr {
				switch el.kind {
				case opStr:
					tm = w.show(&gs, tm, el.str)
				case opNum:
					tm = tm.translate(-el.num/1000*gs.fs*gs.th, 0)
				}
			}
		case "gs":
			if len(args) > 0 {
				gstate, err := lookup(res, "ExtGState", args[len(args)-1].str)
				if err != nil {
					return err
				}
				font := gstate.Key("Font")
				if font.Kind() == pdf.Array && font.Len() == 2 {
					f, err := w.d.font(font.Index(0))
					if err != nil {
						return fmt.Errorf("graphics state font: %w", err)
					}
					gs.font, gs.fs = f, font.Index(1).Float64()
				}
			}
		case "Do":
			if len(args) > 0 && args[len(args)-1].kind == opName {
				xo, err := lookup(res, "XObject", args[len(args)-1].str)
				if err == nil {
					err = w.form(xo, res, gs)
				}
				if err != nil {
					return err
				}
			}
		case "BI":
			lex.skipInlineImage()
		}
		args = args[:0]
	}
}

// form draws a Form XObject with its own matrix and resources.
func (w *walker) form(xo pdf.Value, res []pdf.Value, gs gState) error {
	if xo.IsNull() {
		return nil
	}
	if xo.Kind() != pdf.Stream {
		return fmt.Errorf("XObject unreadable: %.40s", xo.String())
	}
	if xo.Key("Subtype").Name() != "Form" {
		return nil
	}
	w.formCalls++
	if w.formCalls > maxFormCalls {
		return errors.New("too many forms drawn")
	}
	if len(w.forms) >= maxFormDepth {
		return nil
	}
	key := xo.String()
	for _, k := range w.forms {
		if k == key {
			return nil // a form that draws itself
		}
	}
	data, err := readStream(xo)
	if err != nil {
		return fmt.Errorf("form: %w", err)
	}
	if m, ok := matrixOf(xo.Key("Matrix")); ok {
		gs.ctm = m.mul(gs.ctm)
	}
	if own := xo.Key("Resources"); !own.IsNull() {
		res = append(res[:len(res):len(res)], own)
	}
	gs.fonts = map[string]*fontInfo{}
	w.forms = append(w.forms, key)
	defer func() { w.forms = w.forms[:len(w.forms)-1] }()
	return w.run(data, res, gs)
}

// show places the glyphs of one string and returns the text matrix after
// them.
func (w *walker) show(gs *gState, tm matrix, s string) matrix {
	f := gs.font
	if f == nil || f == missingFont {
		w.missingFont = w.missingFont || s != ""
		f = defaultFont
	}
	m := tm.mul(gs.ctm)
	fs, th := gs.fs, gs.th
	// The text direction and the glyph height in page space.
	dx, dy := m[0]*fs*th, m[1]*fs*th
	ux, uy := m[2]*fs, m[3]*fs
	size := math.Hypot(ux, uy)
	adv := math.Hypot(dx, dy)
	if size < 0.01 || adv < 0.0001 || math.IsNaN(size+adv) || math.IsInf(size+adv, 0) {
		return w.advance(gs, f, tm, s) // invisible text: nothing to place
	}
	angle := math.Atan2(dy, dx)*180/math.Pi - w.rotate
	dir, frame := direction(angle)
	sin, cos := math.Sincos((frame + w.rotate) * math.Pi / 180)
	toFrame := func(x, y float64) (float64, float64) {
		return x*cos + y*sin, -x*sin + y*cos
	}

	acc := 0.0 // advance so far, in text space
	for i := 0; i < len(s); {
		code, n := f.code(s, i)
		i += n
		w0 := f.width(code)
		text := f.text(code)
		sx, sy := m.apply(acc, gs.rise)
		ex, ey := m.apply(acc+w0*fs*th, gs.rise)
		tx := (w0*fs + gs.tc) * th
		if n == 1 && code == 32 {
			tx += gs.tw * th
		}
		acc += tx
		if text == "" || !w.inBox(sx, sy, ex, ey) {
			continue
		}
		if len(w.glyphs) >= maxGlyphs {
			panic("too many glyphs")
		}
		x0, y := toFrame(sx, sy)
		x1, _ := toFrame(ex, ey)
		if x1 < x0 {
			x0, x1 = x1, x0
		}
		space := text == " " || text == "\u00a0" || text == "\t"
		w.glyphs = append(w.glyphs, glyph{x0: x0, x1: x1, y: y, size: size, text: text, space: space, dir: dir})
	}
	return tm.translate(acc, 0)
}

// advance moves the text matrix past s without placing anything.
func (w *walker) advance(gs *gState, f *fontInfo, tm matrix, s string) matrix {
	acc := 0.0
	for i := 0; i < len(s); {
		code, n := f.code(s, i)
		i += n
		tx := (f.width(code)*gs.fs + gs.tc) * gs.th
		if n == 1 && code == 32 {
			tx += gs.tw * gs.th
		}
		acc += tx
	}
	return tm.translate(acc, 0)
}

// inBox reports whether a glyph from (sx, sy) to (ex, ey) touches the
// visible page, as pdftotext drops what lies outside.
func (w *walker) inBox(sx, sy, ex, ey float64) bool {
	const slack = 1
	b := w.box
	return math.Max(sx, ex) >= b[0]-slack && math.Min(sx, ex) <= b[2]+slack &&
		math.Max(sy, ey) >= b[1]-slack && math.Min(sy, ey) <= b[3]+slack
}

// direction sorts a text angle (degrees, counter-clockwise, as the page
// is shown) into 0, 90, 180 or 270 when it is near one of them (the frame is
// then that angle), or into a bucket of its own whole degree.
func direction(angle float64) (dir int, frame float64) {
	angle = math.Mod(angle, 360)
	if angle < 0 {
		angle += 360
	}
	q := math.Round(angle / 90)
	if math.Abs(angle-q*90) < 3 {
		return int(q) % 4 * 90, math.Mod(q*90, 360)
	}
	deg := math.Round(angle)
	return 1000 + int(deg), deg
}

// ---------------------------------------------------------------------------
// Fonts

// fontInfo is what the walker needs from a font: how to cut a string into
// codes, each code's advance and its text.
type fontInfo struct {
	twoByte bool  // Type0 with fixed two-byte codes (Identity-H and the like)
	mixed   bool  // Type0 with one byte below 0x80 and two above (EUC, Shift-JIS)
	enc     *cmap // Type0 with an embedded encoding CMap: code lengths and CIDs
	uni     *cmap // ToUnicode
	ucs2    bool  // Type0 whose codes are UCS-2 (UniGB-UCS2-H…)
	cid     bool  // Type0
	simpleT [256]string
	simpleW [256]float64
	cidW    map[uint32]float64
	cidWR   []widthRange
	dw      float64
}

type widthRange struct {
	lo, hi uint32
	w      float64
}

// defaultFont stands in for a missing font: Latin text, half-em glyphs.
var defaultFont = func() *fontInfo {
	f := &fontInfo{}
	for c := range 256 {
		f.simpleT[c] = winAnsi(byte(c))
		f.simpleW[c] = 0.5
	}
	return f
}()

// code reads the code at s[i:] and its length in bytes.
func (f *fontInfo) code(s string, i int) (uint32, int) {
	switch {
	case !f.cid:
		return uint32(s[i]), 1
	case f.enc != nil:
		return f.enc.cut(s, i)
	case f.mixed && s[i] < 0x80:
		return uint32(s[i]), 1
	case (f.twoByte || f.mixed) && i+1 < len(s):
		return uint32(s[i])<<8 | uint32(s[i+1]), 2
	}
	return uint32(s[i]), 1
}

// width is the advance of code in text space units for a 1-point font.
func (f *fontInfo) width(code uint32) float64 {
	if !f.cid {
		return f.simpleW[code&0xff]
	}
	cid := code
	if f.enc != nil {
		if c, ok := f.enc.cid(code); ok {
			cid = c
		}
	}
	if w, ok := f.cidW[cid]; ok {
		return w
	}
	for _, r := range f.cidWR {
		if cid >= r.lo && cid <= r.hi {
			return r.w
		}
	}
	return f.dw
}

// text is what code stands for, or "" when that is unknown.
func (f *fontInfo) text(code uint32) string {
	if !f.cid {
		return f.simpleT[code&0xff]
	}
	if f.uni != nil {
		if t, ok := f.uni.text(code); ok {
			return t
		}
	}
	if f.ucs2 {
		return cleanText(string(rune(code)))
	}
	return ""
}

// missingFont marks a font the resources lack.
var missingFont = &fontInfo{}

// font returns the font for dictionary v, built once per document. A font
// that is there but cannot be read is an error, for its text would be
// garbage.
func (d *Doc) font(v pdf.Value) (*fontInfo, error) {
	if v.IsNull() {
		return missingFont, nil
	}
	if v.Kind() != pdf.Dict {
		// Seen when dslipak misreads the last object of an object stream.
		return nil, fmt.Errorf("font object unreadable: %.40s", v.String())
	}
	key := v.String()
	if c, ok := d.Fonts[key]; ok {
		return c.f, c.err
	}
	f, err := buildFont(v)
	if len(d.Fonts) > maxFontsCache {
		clear(d.Fonts)
	}
	d.Fonts[key] = cachedFont{f, err}
	return f, err
}

type cachedFont struct {
	f   *fontInfo
	err error
}

func buildFont(v pdf.Value) (f *fontInfo, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("font unreadable: %v", p)
		}
	}()
	switch sub := v.Key("Subtype").Name(); sub {
	case "Type0", "Type1", "MMType1", "TrueType", "Type3":
	default:
		return nil, fmt.Errorf("not a font: %.40s", v.String())
	}
	f = &fontInfo{}
	if tu := v.Key("ToUnicode"); !tu.IsNull() && !(tu.Kind() == pdf.Name && tu.Name() == "Identity") {
		data, err := readStream(tu)
		if err != nil {
			return nil, fmt.Errorf("ToUnicode: %w", err)
		}
		f.uni = parseCMap(data)
	}
	if v.Key("Subtype").Name() == "Type0" {
		return f, f.buildCID(v)
	}
	return f, f.buildSimple(v)
}

func (f *fontInfo) buildCID(v pdf.Value) error {
	f.cid = true
	enc := v.Key("Encoding")
	switch enc.Kind() {
	case pdf.Name:
		name := enc.Name()
		switch {
		case strings.HasPrefix(name, "Identity"):
			f.twoByte = true
		case strings.Contains(name, "UCS2") || strings.Contains(name, "UTF16"):
			f.twoByte, f.ucs2 = true, true
		case strings.Contains(name, "EUC") || strings.Contains(name, "RKSJ") || strings.Contains(name, "GBK") ||
			strings.Contains(name, "B5") || strings.Contains(name, "ETen") || strings.Contains(name, "HKscs"):
			f.mixed = true
		default:
			f.twoByte = true
		}
	case pdf.Stream:
		if data, err := readStream(enc); err == nil {
			if m := parseCMap(data); m.hasSpace() {
				f.enc = m
			}
		}
		if f.enc == nil {
			f.twoByte = true
		}
	default:
		f.twoByte = true
	}
	desc := v.Key("DescendantFonts").Index(0)
	if sub := desc.Key("Subtype").Name(); desc.Kind() != pdf.Dict || (sub != "CIDFontType0" && sub != "CIDFontType2") {
		return fmt.Errorf("descendant font unreadable: %.40s", v.Key("DescendantFonts").String())
	}
	f.dw = 1
	if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		f.dw = dw.Float64() / 1000
	}
	f.cidW = map[uint32]float64{}
	ws := desc.Key("W")
	for i := 0; i < ws.Len(); {
		first := ws.Index(i)
		next := ws.Index(i + 1)
		if next.Kind() == pdf.Array {
			start := uint32(first.Int64())
			for j := 0; j < next.Len() && j < maxCMapRange; j++ {
				f.cidW[start+uint32(j)] = next.Index(j).Float64() / 1000
			}
			i += 2
			continue
		}
		if i+2 >= ws.Len() {
			break
		}
		lo, hi := uint32(first.Int64()), uint32(next.Int64())
		f.cidWR = append(f.cidWR, widthRange{lo, hi, ws.Index(i+2).Float64() / 1000})
		i += 3
	}
	if !ws.IsNull() && ws.Kind() != pdf.Array {
		return fmt.Errorf("widths unreadable: %.40s", ws.String())
	}
	return nil
}

func (f *fontInfo) buildSimple(v pdf.Value) error {
	scale := 0.001
	if v.Key("Subtype").Name() == "Type3" {
		if m, ok := matrixOf(v.Key("FontMatrix")); ok {
			scale = math.Abs(m[0])
		}
	}
	// Widths: the font's own, or the standard metrics when it has none.
	widths := v.Key("Widths")
	if widths.Kind() == pdf.Array && widths.Len() > 0 {
		missing := v.Key("FontDescriptor").Key("MissingWidth").Float64() * scale
		first := int(v.Key("FirstChar").Int64())
		for c := range 256 {
			f.simpleW[c] = missing
			if j := c - first; j >= 0 && j < widths.Len() {
				f.simpleW[c] = widths.Index(j).Float64() * scale
			}
		}
	} else if !widths.IsNull() {
		return fmt.Errorf("widths unreadable: %.40s", widths.String())
	} else {
		std := standardWidths(v.Key("BaseFont").Name())
		for c := range 256 {
			f.simpleW[c] = std(byte(c))
		}
	}

	// Text: ToUnicode first, then the encoding and its Differences.
	base := standard
	enc := v.Key("Encoding")
	encName := enc.Name()
	if enc.Kind() == pdf.Dict {
		encName = enc.Key("BaseEncoding").Name()
	}
	switch encName {
	case "WinAnsiEncoding":
		base = winAnsi
	case "MacRomanEncoding":
		base = macRoman
	case "StandardEncoding", "MacExpertEncoding":
	default:
		if v.Key("Subtype").Name() == "TrueType" || enc.Kind() == pdf.Null {
			base = winAnsi // the common case: a TrueType font with its cmap
		}
	}
	for c := range 256 {
		f.simpleT[c] = base(byte(c))
	}
	if diffs := enc.Key("Differences"); diffs.Kind() == pdf.Array {
		f.applyDifferences(v, diffs)
	}
	if f.uni != nil {
		for c := range 256 {
			if t, ok := f.uni.text(uint32(c)); ok {
				f.simpleT[c] = t
			}
		}
	}
	return nil
}

// applyDifferences maps the glyph names of an encoding's Differences. The
// Adobe glyph list is dslipak's: its Font.Encoder decodes a Differences
// entry through it, so it decodes every code once here.
func (f *fontInfo) applyDifferences(v pdf.Value, diffs pdf.Value) {
	var names [256]string
	code := -1
	for i := 0; i < diffs.Len(); i++ {
		x := diffs.Index(i)
		switch x.Kind() {
		case pdf.Integer:
			code = int(x.Int64())
		case pdf.Name:
			if code >= 0 && code < 256 {
				names[code] = x.Name()
			}
			code++
		}
	}
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	decoded := []rune(pdf.Font{V: v}.Encoder().Decode(string(all)))
	for c, name := range names {
		if name == "" {
			continue
		}
		var r rune
		if c < len(decoded) && len(decoded) == 256 {
			r = decoded[c]
		}
		if r != rune(c) || (name == string(rune(c))) {
			f.simpleT[c] = cleanText(string(r))
			continue
		}
		f.simpleT[c] = glyphName(name)
	}
}

// glyphName reads the glyph names that the glyph list lacks: uniXXXX,
// uXXXX, ligatures written f_f_i and suffixed variants like one.oldstyle.
func glyphName(name string) string {
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	if strings.Contains(name, "_") {
		var b strings.Builder
		for _, part := range strings.Split(name, "_") {
			b.WriteString(glyphName(part))
		}
		return b.String()
	}
	hexRunes := func(h string, size int) string {
		var b strings.Builder
		for len(h) >= size {
			x, err := strconv.ParseUint(h[:size], 16, 32)
			if err != nil {
				return ""
			}
			b.WriteRune(rune(x))
			h = h[size:]
			if size != 4 {
				break
			}
		}
		return cleanText(b.String())
	}
	switch {
	case strings.HasPrefix(name, "uni") && len(name) >= 7 && (len(name)-3)%4 == 0:
		return hexRunes(name[3:], 4)
	case strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7:
		return hexRunes(name[1:], len(name)-1)
	case len(name) == 1:
		return cleanText(name)
	}
	if d := strings.Index("zero one two three four five six seven eight nine ", name+" "); d >= 0 && (d == 0 || " zero one two three four five six seven eight nine "[d] == ' ') {
		return string(rune('0' + strings.Count("zero one two three four five six seven eight nine "[:d], " ")))
	}
	return ""
}

// cleanText drops control characters and the replacement character,
// which stand for glyphs the font does not map.
func cleanText(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError || (r >= 0x80 && r < 0xa0) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || r == utf8.RuneError || (r >= 0x80 && r < 0xa0):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ---------------------------------------------------------------------------
// CMaps (ToUnicode, and embedded encodings of Type0 fonts)

type cmap struct {
	space  [5][]codeRange // by code length in bytes
	uni    map[uint32]string
	uniR   []uniRange
	cids   map[uint32]uint32
	cidR   []cidRange
	minLen int
}

type codeRange struct{ lo, hi uint32 }

type uniRange struct {
	lo, hi uint32
	base   []rune   // the first code's text; later codes add to its last rune
	list   []string // or one text per code
}

type cidRange struct{ lo, hi, cid uint32 }

func (m *cmap) hasSpace() bool {
	for _, s := range m.space {
		if len(s) > 0 {
			return true
		}
	}
	return false
}

// cut reads one code at s[i:] by the codespace ranges.
func (m *cmap) cut(s string, i int) (uint32, int) {
	var code uint32
	for n := 1; n <= 4 && i+n <= len(s); n++ {
		code = code<<8 | uint32(s[i+n-1])
		for _, r := range m.space[n] {
			if code >= r.lo && code <= r.hi {
				return code, n
			}
		}
	}
	n := max(m.minLen, 1)
	if i+n > len(s) {
		n = len(s) - i
	}
	code = 0
	for k := 0; k < n; k++ {
		code = code<<8 | uint32(s[i+k])
	}
	return code, n
}

func (m *cmap) text(code uint32) (string, bool) {
	if t, ok := m.uni[code]; ok {
		return t, true
	}
	for _, r := range m.uniR {
		if code < r.lo || code > r.hi {
			continue
		}
		off := code - r.lo
		if r.list != nil {
			if int(off) < len(r.list) {
				return r.list[off], true
			}
			return "", false
		}
		if len(r.base) == 0 {
			return "", false
		}
		rs := append([]rune(nil), r.base...)
		rs[len(rs)-1] += rune(off)
		return cleanText(string(rs)), true
	}
	return "", false
}

func (m *cmap) cid(code uint32) (uint32, bool) {
	if c, ok := m.cids[code]; ok {
		return c, true
	}
	for _, r := range m.cidR {
		if code >= r.lo && code <= r.hi {
			return r.cid + code - r.lo, true
		}
	}
	return 0, false
}

// utf16Runes reads a CMap destination: UTF-16BE, or one byte as Latin-1.
func utf16Runes(s string) []rune {
	if len(s) == 1 {
		return []rune{rune(s[0])}
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return utf16.Decode(u)
}

func codeOf(s string) uint32 {
	var c uint32
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

// parseCMap reads the parts of a CMap program that matter for text; it
// never loops on a broken one, it stops.
func parseCMap(data []byte) *cmap {
	m := &cmap{uni: map[uint32]string{}, cids: map[uint32]uint32{}}
	lex := &lexer{b: data}
	var args []operand
	for {
		v, op, ok := lex.next()
		if !ok {
			break
		}
		if op == nil {
			if len(args) < 1<<16 {
				args = append(args, v)
			}
			continue
		}
		switch string(op) {
		case "endcodespacerange":
			for i := 0; i+1 < len(args); i += 2 {
				lo, hi := args[i].str, args[i+1].str
				if n := len(lo); n >= 1 && n <= 4 && len(hi) == n {
					m.space[n] = append(m.space[n], codeRange{codeOf(lo), codeOf(hi)})
					if m.minLen == 0 || n < m.minLen {
						m.minLen = n
					}
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(args); i += 2 {
				if args[i].kind == opStr && args[i+1].kind == opStr {
					m.uni[codeOf(args[i].str)] = cleanText(string(utf16Runes(args[i+1].str)))
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(args); i += 3 {
				lo, hi, dst := codeOf(args[i].str), codeOf(args[i+1].str), args[i+2]
				if hi < lo || hi-lo > maxCMapRange {
					continue
				}
				switch dst.kind {
				case opStr:
					base := utf16Runes(dst.str)
					if hi-lo < 256 && len(base) > 0 {
						for c := lo; c <= hi; c++ {
							rs := append([]rune(nil), base...)
							rs[len(rs)-1] += rune(c - lo)
							m.uni[c] = cleanText(string(rs))
						}
						continue
					}
					m.uniR = append(m.uniR, uniRange{lo: lo, hi: hi, base: base})
				case opArray:
					list := make([]string, 0, len(dst.arr))
					for _, x := range dst.arr {
						list = append(list, cleanText(string(utf16Runes(x.str))))
					}
					m.uniR = append(m.uniR, uniRange{lo: lo, hi: hi, list: list})
				}
			}
		case "endcidchar":
			for i := 0; i+1 < len(args); i += 2 {
				m.cids[codeOf(args[i].str)] = uint32(args[i+1].num)
			}
		case "endcidrange":
			for i := 0; i+2 < len(args); i += 3 {
				lo, hi := codeOf(args[i].str), codeOf(args[i+1].str)
				if hi >= lo {
					m.cidR = append(m.cidR, cidRange{lo, hi, uint32(args[i+2].num)})
				}
			}
		}
		args = args[:0]
	}
	return m
}

// ---------------------------------------------------------------------------
// Simple encodings

func winAnsi(c byte) string {
	if c >= 0x80 && c < 0xa0 {
		return cleanText(string(winAnsiHigh[c-0x80]))
	}
	return latin1(c)
}

func latin1(c byte) string {
	if c < 0x20 || c == 0x7f {
		return ""
	}
	return string(rune(c))
}

// winAnsiHigh is cp1252 from 0x80 to 0x9f; zero marks an unused code.
var winAnsiHigh = [32]rune{
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
}

func macRoman(c byte) string {
	if c < 0x80 {
		return latin1(c)
	}
	return string([]rune(macRomanHigh)[c-0x80])
}

const macRomanHigh = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ"

// standard is Adobe's StandardEncoding.
func standard(c byte) string {
	switch {
	case c == 0x27:
		return "’"
	case c == 0x60:
		return "‘"
	case c < 0x80:
		return latin1(c)
	}
	if r, ok := standardHigh[c]; ok {
		return string(r)
	}
	return ""
}

var standardHigh = map[byte]rune{
	0xa1: '¡', 0xa2: '¢', 0xa3: '£', 0xa4: '⁄', 0xa5: '¥', 0xa6: 'ƒ', 0xa7: '§', 0xa8: '¤', 0xa9: '\'',
	0xaa: '“', 0xab: '«', 0xac: '‹', 0xad: '›', 0xae: 'ﬁ', 0xaf: 'ﬂ', 0xb1: '–', 0xb2: '†', 0xb3: '‡',
	0xb4: '·', 0xb6: '¶', 0xb7: '•', 0xb8: '‚', 0xb9: '„', 0xba: '”', 0xbb: '»', 0xbc: '…', 0xbd: '‰',
	0xbf: '¿', 0xc1: '`', 0xc2: '´', 0xc3: 'ˆ', 0xc4: '˜', 0xc5: '¯', 0xc6: '˘', 0xc7: '˙', 0xc8: '¨',
	0xca: '˚', 0xcb: '¸', 0xcd: '˝', 0xce: '˛', 0xcf: 'ˇ', 0xd0: '—', 0xe1: 'Æ', 0xe3: 'ª', 0xe8: 'Ł',
	0xe9: 'Ø', 0xea: 'Œ', 0xeb: 'º', 0xf1: 'æ', 0xf5: 'ı', 0xf8: 'ł', 0xf9: 'ø', 0xfa: 'œ', 0xfb: 'ß',
}

// standardWidths gives the widths (per 1-point font, WinAnsi codes) of
// the standard fonts, which a PDF may use without listing widths. Other
// families are measured as Helvetica, the usual substitute.
func standardWidths(baseFont string) func(byte) float64 {
	name := baseFont
	if i := strings.IndexByte(name, '+'); i == 6 {
		name = name[i+1:]
	}
	bold := strings.Contains(name, "Bold") || strings.Contains(name, "Black") || strings.Contains(name, "Heavy")
	var table *[224]uint16
	switch {
	case strings.Contains(name, "Courier"):
		return func(byte) float64 { return 0.6 }
	case strings.Contains(name, "Symbol") || strings.Contains(name, "Dingbats"):
		return func(byte) float64 { return 0.6 }
	case strings.Contains(name, "Times") && bold:
		table = &timesRomanBold
	case strings.Contains(name, "Times"):
		table = &timesRoman
	case bold:
		table = &helveticaBold
	default:
		table = &helvetica
	}
	return func(c byte) float64 {
		if c < 32 {
			return 0.25
		}
		return float64(table[c-32]) / 1000
	}
}

// The metrics of the standard fonts for codes 32 to 255 in WinAnsi order.
var helvetica = [224]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 350,
	556, 350, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350,
	350, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 350, 500, 667,
	278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
	400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
	667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
	722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
	556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
}

var helveticaBold = [224]uint16{
	278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
	975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
	333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
	611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 350,
	556, 350, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350,
	350, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 350, 500, 667,
	278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
	400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
	722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
	722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
	556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
	611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
}

var timesRoman = [224]uint16{
	250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
	500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
	921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
	556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
	333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
	500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, 350,
	500, 350, 333, 500, 444, 1000, 500, 500, 333, 1000, 556, 333, 889, 350, 611, 350,
	350, 333, 333, 444, 444, 350, 500, 1000, 333, 980, 389, 333, 722, 350, 444, 722,
	250, 333, 500, 500, 500, 500, 200, 500, 333, 760, 276, 500, 564, 333, 760, 333,
	400, 564, 300, 300, 333, 500, 453, 250, 333, 300, 310, 500, 750, 750, 750, 444,
	722, 722, 722, 722, 722, 722, 889, 667, 611, 611, 611, 611, 333, 333, 333, 333,
	722, 722, 722, 722, 722, 722, 722, 564, 722, 722, 722, 722, 722, 722, 556, 500,
	444, 444, 444, 444, 444, 444, 667, 444, 444, 444, 444, 444, 278, 278, 278, 278,
	500, 500, 500, 500, 500, 500, 500, 564, 500, 500, 500, 500, 500, 500, 500, 500,
}

var timesRomanBold = [224]uint16{
	250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
	500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
	930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
	611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
	333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
	556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520, 350,
	500, 350, 333, 500, 500, 1000, 500, 500, 333, 1000, 556, 333, 1000, 350, 667, 350,
	350, 333, 333, 500, 500, 350, 500, 1000, 333, 1000, 389, 333, 722, 350, 444, 722,
	250, 333, 500, 500, 500, 500, 220, 500, 333, 747, 300, 500, 570, 333, 747, 333,
	400, 570, 300, 300, 333, 556, 540, 250, 333, 300, 330, 500, 750, 750, 750, 500,
	722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 389, 389, 389, 389,
	722, 722, 778, 778, 778, 778, 778, 570, 778, 722, 722, 722, 722, 722, 611, 556,
	500, 500, 500, 500, 500, 500, 722, 444, 444, 444, 444, 444, 278, 278, 278, 278,
	500, 556, 500, 500, 500, 500, 500, 570, 500, 556, 556, 556, 556, 500, 556, 500,
}

// ---------------------------------------------------------------------------
// Layout

// wordBox is a run of glyphs drawn one after another along a baseline: a
// word, or a piece of one. Words are made in drawing order, before anything
// is sorted, so that two texts drawn over each other (a "Page 3" stamped on
// a footer) stay apart instead of being shuffled letter by letter.
type wordBox struct {
	x0, x1, y  float64
	size       float64
	text       string
	spaceAfter bool // the PDF drew a space right after it
	dir        int
}

// makeWords cuts the glyphs, in drawing order, into words: at a drawn
// space, a gap, a step back, a change of baseline or direction. A glyph
// drawn again on top of itself (fake bold) is dropped, and an accent drawn
// over a letter is put together with it.
func makeWords(glyphs []glyph) []wordBox {
	var words []wordBox
	var buf []rune
	var cur wordBox
	var prev *glyph // the last glyph of cur; nil when there is no word open
	lastAt := 0     // where prev's text starts in buf
	flush := func(space bool) {
		if prev != nil {
			cur.text, cur.spaceAfter = string(buf), space
			words = append(words, cur)
			buf = buf[:0]
			prev = nil
		}
	}
	for i := range glyphs {
		g := &glyphs[i]
		if g.space {
			flush(true)
			continue
		}
		if prev != nil {
			em := prev.size
			if g.text == prev.text && math.Abs(g.x0-prev.x0) <= dupOverlap*math.Max(prev.x1-prev.x0, 0.2*em) &&
				math.Abs(g.y-prev.y) <= dupOverlap*em {
				continue
			}
			// An accent over the letter before it, or a letter under the
			// accent before it.
			if mark, ok := accentOf(g.text); ok && over(g, prev) && len(buf)-lastAt == 1 {
				buf = append(buf[:lastAt], []rune(compose(string(buf[lastAt:]), mark))...)
				continue
			}
			if mark, ok := accentOf(prev.text); ok && over(prev, g) && utf8.RuneCountInString(g.text) == 1 {
				buf = append(buf[:lastAt], []rune(compose(g.text, mark))...)
				cur.x1 = math.Max(cur.x1, g.x1)
				prev = g
				continue
			}
			gap := g.x0 - prev.x1
			if g.dir != prev.dir || math.Abs(g.y-prev.y) > 0.2*math.Min(em, g.size) ||
				gap > wordGap*em || gap < -0.2*em {
				flush(false)
			}
		}
		if prev == nil {
			cur = wordBox{x0: g.x0, x1: g.x1, y: g.y, size: g.size, dir: g.dir}
		}
		lastAt = len(buf)
		buf = append(buf, []rune(g.text)...)
		cur.x1 = math.Max(cur.x1, g.x1)
		prev = g
	}
	flush(false)
	return words
}

// over reports whether accent a sits over (or under) glyph g: its middle
// within g's width, near g's baseline.
func over(a, g *glyph) bool {
	mid := (a.x0 + a.x1) / 2
	slack := 0.1 * g.size
	return mid >= g.x0-slack && mid <= g.x1+slack && math.Abs(a.y-g.y) < 0.8*g.size && a.dir == g.dir
}

// accentOf tells whether text is a lone accent, spacing or combining,
// and gives its combining mark.
func accentOf(text string) (rune, bool) {
	r, n := utf8.DecodeRuneInString(text)
	if n != len(text) {
		return 0, false
	}
	if r >= 0x300 && r <= 0x36f {
		return r, true
	}
	if i := strings.IndexRune(spacingAccents, r); i >= 0 {
		return []rune(combiningAccents)[utf8.RuneCountInString(spacingAccents[:i])], true
	}
	return 0, false
}

const (
	spacingAccents   = "`´ˆ˜¯˘˙¨˚˝ˇ¸˛"
	combiningAccents = "\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030a\u030b\u030c\u0327\u0328"
)

// composed lists, for each combining mark, pairs of a letter and the
// letter with that mark: the precomposed forms pdftotext gives.
var composed = map[rune]string{
	0x0300: "aàeèiìoòuùyỳAÀEÈIÌOÒUÙYỲnǹNǸwẁWẀ",
	0x0301: "aáeéiíoóuúyýAÁEÉIÍOÓUÚYÝcćCĆnńNŃsśSŚzźZŹgǵGǴrŕRŔlĺLĹwẃWẂkḱKḰ",
	0x0302: "aâeêiîoôuûyŷAÂEÊIÎOÔUÛYŶcĉCĈsŝSŜzẑZẐgĝGĜwŵWŴhĥHĤjĵJĴ",
	0x0303: "aãeẽiĩoõuũyỹAÃEẼIĨOÕUŨYỸnñNÑ",
	0x0304: "aāeēiīoōuūyȳAĀEĒIĪOŌUŪYȲgḡGḠ",
	0x0306: "aăeĕiĭoŏuŭAĂEĔIĬOŎUŬgğGĞ",
	0x0307: "aȧeėoȯyẏAȦEĖIİOȮYẎcċCĊnṅNṄsṡSṠzżZŻgġGĠrṙRṘtṫTṪdḋDḊwẇWẆhḣHḢ",
	0x0308: "aäeëiïoöuüyÿAÄEËIÏOÖUÜYŸtẗwẅWẄhḧHḦ",
	0x030a: "aåuůyẙAÅUŮwẘ",
	0x030b: "oőuűOŐUŰ",
	0x030c: "aǎeěiǐoǒuǔAǍEĚIǏOǑUǓcčCČnňNŇsšSŠzžZŽgǧGǦrřRŘlľLĽtťTŤdďDĎkǩKǨhȟHȞjǰ",
	0x0327: "eȩEȨcçCÇnņNŅsşSŞgģGĢrŗRŖlļLĻtţTŢdḑDḐkķKĶhḩHḨ",
	0x0328: "aąeęiįoǫuųAĄEĘIĮOǪUŲ",
}

// compose puts mark on letter: precomposed when Unicode has the pair,
// the letter followed by the combining mark otherwise. The dotless i takes
// its accent as an i would.
func compose(letter string, mark rune) string {
	if letter == "ı" {
		letter = "i"
	}
	pairs := []rune(composed[mark])
	r, _ := utf8.DecodeRuneInString(letter)
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i] == r {
			return string(pairs[i+1])
		}
	}
	return letter + string(mark)
}

type textLine struct {
	words  []wordBox
	lo, hi float64 // vertical band of the line's first (highest) word
	size   float64 // that word's size
	y      float64 // and baseline
}

// lineLayout turns placed glyphs into lines of text: each text direction on
// its own, lines top to bottom, words left to right.
func lineLayout(glyphs []glyph) string {
	byDir := map[int][]wordBox{}
	for _, w := range makeWords(glyphs) {
		byDir[w.dir] = append(byDir[w.dir], w)
	}
	dirs := make([]int, 0, len(byDir))
	for dir := range byDir {
		dirs = append(dirs, dir)
	}
	sort.Ints(dirs)
	var b strings.Builder
	for _, dir := range dirs {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		lineLayoutDir(&b, byDir[dir])
	}
	return b.String()
}

func lineLayoutDir(b *strings.Builder, words []wordBox) {
	sort.SliceStable(words, func(i, j int) bool {
		if words[i].y != words[j].y {
			return words[i].y > words[j].y
		}
		return words[i].x0 < words[j].x0
	})
	var lines []*textLine
	var cur *textLine
	for _, w := range words {
		lo, hi := w.y-0.2*w.size, w.y+0.8*w.size
		if cur != nil {
			// The band stays the first word's: were it to grow with a tall
			// word (a big "1" in a table cell), lines would chain together.
			overlap := math.Min(hi, cur.hi) - math.Max(lo, cur.lo)
			if overlap >= 0.5*math.Min(w.size, cur.size) {
				cur.words = append(cur.words, w)
				continue
			}
		}
		cur = &textLine{words: []wordBox{w}, lo: lo, hi: hi, size: w.size, y: w.y}
		lines = append(lines, cur)
	}

	start := b.Len()
	var prev *textLine
	for _, ln := range lines {
		for i, text := range lineText(ln.words) {
			if text == "" {
				continue
			}
			if b.Len() > start {
				b.WriteByte('\n')
				if i == 0 && prev != nil && prev.y-ln.y > paragraphGap*math.Max(prev.size, ln.size) {
					b.WriteByte('\n')
				}
			}
			b.WriteString(text)
			prev = ln
		}
	}
}

// lineText writes one line's words left to right: joined where they
// touch (pieces of one word), one space where there is a gap or a drawn
// space, two or more where the gap is a table's, and fake-bold copies
// dropped. Words that overlap those before them belong to another text
// drawn over the first (a "Page 3" stamped on a document's own footer):
// they go to a line of their own, right after.
func lineText(words []wordBox) []string {
	sort.SliceStable(words, func(i, j int) bool { return words[i].x0 < words[j].x0 })
	type row struct {
		b       strings.Builder
		last    *wordBox
		lastEnd float64
	}
	var rows []*row
	kept := make([]int, 0, len(words))
	for i := range words {
		w := &words[i]
		if duplicate(words, kept, w) {
			continue
		}
		kept = append(kept, i)
		var r *row
		for _, c := range rows {
			if w.x0-c.lastEnd >= -overlapGap*(c.last.size+w.size)/2 {
				r = c
				break
			}
		}
		if r == nil {
			r = &row{}
			rows = append(rows, r)
		}
		if r.last != nil {
			gap := w.x0 - r.lastEnd
			em := (r.last.size + w.size) / 2
			switch {
			case gap > cellGap*em:
				n := int(math.Round(gap / (0.5 * em)))
				r.b.WriteString(strings.Repeat(" ", min(max(n, 2), 40)))
			case r.last.spaceAfter || gap > wordGap*em:
				r.b.WriteByte(' ')
			}
		}
		r.b.WriteString(w.text)
		if r.last == nil || w.x1 > r.lastEnd {
			r.lastEnd = w.x1
		}
		r.last = w
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.b.String()
	}
	return out
}

// duplicate reports whether w repeats a word already kept at nearly the
// same place: programs fake bold by drawing text two or three times.
func duplicate(words []wordBox, kept []int, w *wordBox) bool {
	for k := len(kept) - 1; k >= 0 && k >= len(kept)-6; k-- {
		o := &words[kept[k]]
		if o.text == w.text && math.Abs(o.x0-w.x0) <= dupOverlap*o.size && math.Abs(o.y-w.y) <= dupOverlap*o.size {
			return true
		}
	}
	return false
}
