package ui

import (
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
