// Package words is how Panel Papers compares words: one folding rule for
// search, find in a paper, anchoring notes, "asked before?" and checking one
// text engine against another. Folding lower-cases, drops accents and other
// marks ("dŵr" and "dwr" are one word), spells out ligatures and letters
// such as æ and ß, makes every dash a hyphen and every quote straight, and
// drops soft hyphens.
package words

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// spelt spells out what decomposition leaves as one rune.
var spelt = map[rune]string{
	'ﬀ': "ff", 'ﬁ': "fi", 'ﬂ': "fl", 'ﬃ': "ffi", 'ﬄ': "ffl", 'ﬅ': "st", 'ﬆ': "st",
	'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ß': "ss", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l",
	'đ': "d", 'Đ': "d", 'ı': "i",
}

// AppendFold appends the folded form of r to b: none for a soft hyphen or
// a combining mark, one or more runes otherwise.
func AppendFold(b []rune, r rune) []rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, r)
	case r == '\u00ad':
		return b
	case r >= '\u2010' && r <= '\u2015', r == '\u2212':
		return append(b, '-')
	case r == '\u2018', r == '\u2019', r == '\u02bc', r == '\u201b':
		return append(b, '\'')
	case r == '\u201c', r == '\u201d', r == '\u201f':
		return append(b, '"')
	case r == '\u00a0':
		return append(b, ' ')
	}
	if s, ok := spelt[r]; ok {
		return append(b, []rune(s)...)
	}
	for _, x := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, x) {
			b = append(b, unicode.ToLower(x))
		}
	}
	return b
}

// Fold is s folded.
func Fold(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = AppendFold(out, r)
	}
	return string(out)
}

// IsWordRune reports whether r is part of a word: a letter, a digit or a
// mark.
func IsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// IsCJK reports whether r is of a script written without spaces between
// words, where each character counts as a word.
func IsCJK(r rune) bool {
	return r >= 0x2e80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// IsJoiner reports whether runes[i] continues the word it is in rather
// than ending it: a soft hyphen, or a hyphen at the end of a line followed
// by a word in lower case ("recom-\nmendation").
func IsJoiner(runes []rune, i int) bool {
	r := runes[i]
	if r == '\u00ad' {
		return true
	}
	if r != '-' && r != '\u2010' {
		return false
	}
	j := i + 1
	for j < len(runes) && (runes[j] == ' ' || runes[j] == '\t') {
		j++
	}
	if j >= len(runes) || runes[j] != '\n' {
		return false
	}
	for j < len(runes) && unicode.IsSpace(runes[j]) {
		j++
	}
	return j < len(runes) && unicode.IsLower(runes[j])
}

// Token is one folded word of a text and where it stands: Start and End
// are rune offsets in the text, End exclusive.
type Token struct {
	Text       string
	Start, End int
}

// Tokens splits s into folded words: runs of letters, digits and marks,
// joined across a soft hyphen or a hyphen that breaks a word over two
// lines; each Chinese, Japanese or Korean character is a word of its own.
func Tokens(s string) []Token {
	runes := []rune(s)
	var out []Token
	var cur []rune
	start, last := -1, 0
	flush := func() {
		if start >= 0 && len(cur) > 0 {
			out = append(out, Token{Text: string(cur), Start: start, End: last})
		}
		cur, start = cur[:0], -1
	}
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch {
		case IsCJK(r):
			flush()
			out = append(out, Token{Text: string(AppendFold(nil, r)), Start: i, End: i + 1})
		case IsWordRune(r):
			if start < 0 {
				start = i
			}
			cur = AppendFold(cur, r)
			last = i + 1
		case start >= 0 && IsJoiner(runes, i):
			// Skip to the word's continuation on the next line.
			for i+1 < len(runes) && !IsWordRune(runes[i+1]) {
				i++
			}
		default:
			flush()
		}
	}
	flush()
	return out
}

// Texts is the words of s, folded, in order.
func Texts(s string) []string {
	toks := Tokens(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// Bag is the multiset of the folded words of s.
func Bag(s string) map[string]int {
	bag := map[string]int{}
	for _, t := range Tokens(s) {
		bag[t.Text]++
	}
	return bag
}

// Count is the number of words in a bag.
func Count(bag map[string]int) int {
	n := 0
	for _, c := range bag {
		n += c
	}
	return n
}

// Overlap is how many words two bags share, counting repeats.
func Overlap(a, b map[string]int) int {
	n := 0
	for w, c := range a {
		n += min(c, b[w])
	}
	return n
}

// F1 is the F1 score of bag got against bag want: 1 when they hold the same
// words as often, 0 when they share none. Two empty bags agree.
func F1(got, want map[string]int) float64 {
	g, w := Count(got), Count(want)
	if g+w == 0 {
		return 1
	}
	return 2 * float64(Overlap(got, want)) / float64(g+w)
}

// Folded is a text folded for finding phrases in, keeping where each of
// its bytes came from: every run of spaces (and a word broken over two
// lines by a hyphen) becomes nothing between the words' halves, or one
// space between words.
type Folded struct {
	Text string
	// At gives, for each byte of Text, the byte offset in the original text
	// of the character it came from; At[len(Text)] is the original's end.
	At []int
}

// FoldForFind folds s for Find.
func FoldForFind(s string) Folded {
	// Byte offsets from ranging over s itself, so that invalid bytes (one
	// byte, read as U+FFFD) keep their place.
	runes := make([]rune, 0, len(s))
	offs := make([]int, 0, len(s)+1)
	for i, r := range s {
		runes = append(runes, r)
		offs = append(offs, i)
	}
	o := len(s)
	offs = append(offs, o)
	var b strings.Builder
	var at []int
	space := false
	var buf []rune
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if IsJoiner(runes, i) && i > 0 && IsWordRune(runes[i-1]) {
			for i+1 < len(runes) && unicode.IsSpace(runes[i+1]) {
				i++
			}
			continue
		}
		if unicode.IsSpace(r) || r == '\u00a0' {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			at = append(at, offs[i])
			space = false
		}
		buf = AppendFold(buf[:0], r)
		for _, x := range buf {
			n := b.Len()
			b.WriteRune(x)
			for k := n; k < b.Len(); k++ {
				at = append(at, offs[i])
			}
		}
	}
	at = append(at, o)
	return Folded{Text: b.String(), At: at}
}

// Find returns the byte ranges [start, end) of s where phrase occurs,
// compared folded and with any spacing between its words.
func Find(s, phrase string) [][2]int {
	q := FoldForFind(phrase).Text
	if q == "" {
		return nil
	}
	f := FoldForFind(s)
	var out [][2]int
	for from := 0; from <= len(f.Text)-len(q); {
		i := strings.Index(f.Text[from:], q)
		if i < 0 {
			break
		}
		start, end := from+i, from+i+len(q)
		// The end of the match is the end of the last character it took.
		last := f.At[end-1]
		_, size := utf8.DecodeRuneInString(s[last:])
		if size == 0 {
			size = 1
		}
		out = append(out, [2]int{f.At[start], min(last+size, len(s))})
		from = end
	}
	return out
}
