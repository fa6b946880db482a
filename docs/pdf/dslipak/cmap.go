package dslipak

// CMaps (ToUnicode, and embedded encodings of Type0 fonts)

import "unicode/utf16"

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
