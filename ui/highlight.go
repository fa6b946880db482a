package ui

import (
	"math"
	"strings"
	"unicode"

	"panelpapers/docs"
	"panelpapers/docs/words"
)

// wordBoxes finds where on the page each matched range of a page's stored
// text is drawn: for each range [start, end) of text, the boxes of its
// characters among chars (PDFium's characters of the page), one box per
// line the words run over. A range not found on the page gets no boxes.
//
// The stored text and PDFium's characters need not agree on spacing, line
// breaks, case, ligatures or the engine that read them, so both are folded
// to letters without spaces and each range is looked for after the last one
// found (ranges come in reading order), then from the top.
func wordBoxes(text string, ranges [][2]int, chars []docs.CharBox) [][]docs.Rect {
	var stream []rune
	var at []int // index into chars of each rune of stream
	for i, c := range chars {
		for _, r := range fold(c.Rune) {
			stream = append(stream, r)
			at = append(at, i)
		}
	}
	out := make([][]docs.Rect, len(ranges))
	cursor := 0
	for k, rg := range ranges {
		if rg[0] < 0 || rg[1] > len(text) || rg[0] >= rg[1] {
			continue
		}
		var word []rune
		for _, r := range text[rg[0]:rg[1]] {
			word = append(word, fold(r)...)
		}
		if len(word) == 0 {
			continue
		}
		pos := indexRunes(stream, word, cursor)
		if pos < 0 {
			pos = indexRunes(stream, word, 0)
		}
		if pos < 0 {
			continue
		}
		cursor = pos + len(word)
		var boxes []docs.Rect
		for i := at[pos]; i <= at[pos+len(word)-1]; i++ {
			b := chars[i].Box
			if b.Right <= b.Left || b.Top <= b.Bottom {
				continue // a space PDFium made up, with no box
			}
			if n := len(boxes); n > 0 && sameLine(boxes[n-1], b) {
				boxes[n-1] = union(boxes[n-1], b)
				continue
			}
			boxes = append(boxes, b)
		}
		out[k] = boxes
	}
	return out
}

// fold reduces a character to what matching compares: the one folding of
// docs/words, with spaces and control characters dropped.
func fold(r rune) []rune {
	if unicode.IsSpace(r) || unicode.IsControl(r) {
		return nil
	}
	return words.AppendFold(nil, r)
}

// indexRunes finds word in s at or after from, or returns -1.
func indexRunes(s, word []rune, from int) int {
outer:
	for i := max(from, 0); i+len(word) <= len(s); i++ {
		for j, r := range word {
			if s[i+j] != r {
				continue outer
			}
		}
		return i
	}
	return -1
}

// sameLine reports whether two character boxes sit on one line: they
// overlap by at least half the height of the smaller.
func sameLine(a, b docs.Rect) bool {
	overlap := min(a.Top, b.Top) - max(a.Bottom, b.Bottom)
	return overlap >= 0.5*min(a.Top-a.Bottom, b.Top-b.Bottom) && b.Left >= a.Left-1
}

func union(a, b docs.Rect) docs.Rect {
	return docs.Rect{Left: min(a.Left, b.Left), Bottom: min(a.Bottom, b.Bottom), Right: max(a.Right, b.Right), Top: max(a.Top, b.Top)}
}

// findHit is one place a phrase was found in a paper: a PDF page and the
// byte range in that page's stored text.
type findHit struct {
	page  int
	start int
	end   int
}

// findInPages finds every place the words of query occur, in that order,
// in the pages' text, compared as words are everywhere in the app (case,
// accents, ligatures, dashes and quotes folded; "dwr" finds "dŵr") and
// however the words are spaced or broken over lines.
func findInPages(pages []docs.Page, query string) []findHit {
	var out []findHit
	for _, p := range pages {
		for _, m := range words.Find(p.Text, query) {
			out = append(out, findHit{page: p.Number, start: m[0], end: m[1]})
		}
	}
	return out
}

// charAt is the character nearest a point on the page (PDF points): being
// on the right line counts for more than being near along it. -1 when the
// page has no characters.
func charAt(chars []docs.CharBox, x, y float64) int {
	best, bestD := -1, math.Inf(1)
	for i, c := range chars {
		b := c.Box
		if b.Right <= b.Left || b.Top <= b.Bottom || c.Rune == ' ' {
			continue
		}
		dx := max(b.Left-x, 0, x-b.Right)
		dy := max(b.Bottom-y, 0, y-b.Top)
		if d := 4*dy + dx; d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// charsText is the text of characters as read, a space put where a line
// ends without one; at maps each rune of it to its character. A character
// is on the line so far when it overlaps the line's box (an apostrophe, set
// high, overlaps the letters before it though not the "s" after).
func charsText(chars []docs.CharBox) (string, []int) {
	var b strings.Builder
	at := make([]int, 0, len(chars))
	var line *docs.Rect
	for i, c := range chars {
		box := c.Box
		real := box.Right > box.Left && box.Top > box.Bottom
		switch {
		case !real:
		case line == nil:
			line = &docs.Rect{}
			*line = box
		case sameLine(*line, box):
			*line = union(*line, box)
		default:
			if c.Rune != ' ' && !strings.HasSuffix(b.String(), " ") {
				b.WriteRune(' ')
				at = append(at, i)
			}
			*line = box
		}
		b.WriteRune(c.Rune)
		at = append(at, i)
	}
	return b.String(), at
}

// wordAround widens the character range [start, end] to whole words: a
// drag that begins or ends inside a word takes all of it.
func wordAround(chars []docs.CharBox, start, end int) (int, int) {
	word := func(i int) bool { return i >= 0 && i < len(chars) && isWordRune(chars[i].Rune) }
	for word(start) && word(start-1) && sameLine(chars[start-1].Box, chars[start].Box) {
		start--
	}
	for word(end) && word(end+1) && sameLine(chars[end].Box, chars[end+1].Box) {
		end++
	}
	return start, end
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-'
}

// byteOffset is the byte offset of rune i of s.
func byteOffset(s string, i int) int {
	n := 0
	for off := range s {
		if n == i {
			return off
		}
		n++
	}
	return len(s)
}

func lastWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[max(0, len(f)-n):], " ")
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

// lineBoxes joins characters' boxes into one box a line.
func lineBoxes(chars []docs.CharBox) []docs.Rect {
	var boxes []docs.Rect
	for _, c := range chars {
		b := c.Box
		if b.Right <= b.Left || b.Top <= b.Bottom {
			continue
		}
		if n := len(boxes); n > 0 && sameLine(boxes[n-1], b) {
			boxes[n-1] = union(boxes[n-1], b)
			continue
		}
		boxes = append(boxes, b)
	}
	return boxes
}
