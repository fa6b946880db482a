package dslipak

// Content stream lexer. dslipak's Interpret needs a stream Value and loops
// for ever on an unterminated string or an inline image, so content streams
// are tokenised here from bytes already in memory.

import (
	"bytes"
	"strconv"
)

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
