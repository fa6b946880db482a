package search

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	blevesearch "github.com/blevesearch/bleve/v2/search"
)

// snippetWidth is roughly how many bytes of page text a snippet shows.
const snippetWidth = 200

// Marks put around matched words in a snippet.
const (
	markOpen  = "«"
	markClose = "»"
)

// span is a matched word in a page's text: bytes [start, end), and the
// indexed term it matched, which is the same for "stalking" and "stalked".
type span struct {
	start, end int
	term       string
}

// matchSpans turns Bleve's term locations for one field into sorted,
// non-overlapping spans inside a text of n bytes. The locations come from
// the tokenizer's offsets into the original text (folding and stemming
// change terms, never offsets), so stemmed and accent-folded matches are
// marked where they stand.
func matchSpans(locs blevesearch.TermLocationMap, n int) []span {
	var out []span
	for t, ls := range locs {
		for _, l := range ls {
			s, e := int(l.Start), int(l.End)
			if s < 0 || e > n || s >= e {
				continue
			}
			out = append(out, span{start: s, end: e, term: t})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].start != out[j].start {
			return out[i].start < out[j].start
		}
		return out[i].end > out[j].end
	})
	// Drop spans inside an earlier one.
	kept := out[:0]
	for _, s := range out {
		if len(kept) > 0 && s.start < kept[len(kept)-1].end {
			continue
		}
		kept = append(kept, s)
	}
	return kept
}

// snippet returns about width bytes of text around the part with the most
// different matched terms, matched words between « and », whitespace
// collapsed, with … where text was cut. Without spans it is the start of
// the text.
func snippet(text string, spans []span, width int) string {
	ws, we := window(text, spans, width)
	var b strings.Builder
	b.Grow(we - ws + 16)
	if ws > 0 {
		b.WriteString("…")
	}
	k := 0
	for k < len(spans) && spans[k].start < ws {
		k++
	}
	open := false
	space := false
	for i := ws; i < we; {
		if open && i == spans[k].end {
			// Words matched one after another (a phrase) share one pair of marks.
			if k+1 < len(spans) && spans[k+1].end <= we && onlySpace(text[i:spans[k+1].start]) {
				k++
			} else {
				b.WriteString(markClose)
				open = false
				k++
			}
		}
		if !open && k < len(spans) && i == spans[k].start && spans[k].end <= we {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(markOpen)
			open = true
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = b.Len() > 0
			continue
		case r == '«' || r == '»':
			r = '"' // keep the marks unambiguous
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if open {
		b.WriteString(markClose)
	}
	if we < len(text) {
		b.WriteString("…")
	}
	return strings.TrimSpace(b.String())
}

// onlySpace reports whether s is empty or all white space.
func onlySpace(s string) bool {
	return strings.TrimFunc(s, unicode.IsSpace) == ""
}

// window chooses the byte range [ws, we) of text a snippet shows: the
// stretch of about width bytes covering the most different matched terms
// (then the most matches), with some text before the first of them, cut at
// word boundaries.
func window(text string, spans []span, width int) (int, int) {
	if len(spans) == 0 {
		return 0, wordEnd(text, min(len(text), width))
	}
	bestI, bestJ, bestTerms, bestCount := 0, 0, -1, 0
	for i := range spans {
		seen := map[string]bool{}
		j := i
		for j < len(spans) && spans[j].end-spans[i].start <= width {
			seen[spans[j].term] = true
			j++
		}
		if j == i { // one very long match
			j = i + 1
		}
		if len(seen) > bestTerms || (len(seen) == bestTerms && j-i > bestCount) {
			bestI, bestJ, bestTerms, bestCount = i, j, len(seen), j-i
		}
	}
	first, last := spans[bestI].start, spans[bestJ-1].end
	// Centre the matches in the window, with at most a third of it before.
	lead := max(0, min((width-(last-first))/2, width/3))
	ws := max(0, first-lead)
	if ws <= width/6 {
		ws = 0 // so little would be cut that the start reads better
	}
	we := min(len(text), max(last, ws+width))
	return wordStart(text, ws, first), wordEnd(text, we)
}

// wordStart moves ws forward past a partial word, but not beyond limit.
func wordStart(text string, ws, limit int) int {
	if ws == 0 {
		return 0
	}
	for i := ws; i < limit; i++ {
		if unicode.IsSpace(rune(text[i])) {
			return i + 1
		}
	}
	for ws > 0 && !utf8.RuneStart(text[ws]) {
		ws--
	}
	return ws
}

// wordEnd moves we forward to the end of the word it falls in.
func wordEnd(text string, we int) int {
	for ; we < len(text); we++ {
		if unicode.IsSpace(rune(text[we])) {
			return we
		}
	}
	return len(text)
}
