package dslipak

import (
	"errors"
	"fmt"
	"math"

	"github.com/dslipak/pdf"
)

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
