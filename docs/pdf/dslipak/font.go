package dslipak

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dslipak/pdf"
)

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
