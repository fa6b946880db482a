package notes

import (
	"strings"
	"unicode"
)

// pageFingerprint is a page's folded text without its digits, so that a page that
// moved (and whose "Page N" stamp changed with it) is still recognised.
func pageFingerprint(f *foldedText) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}, f.compact)
}

// alignPages maps pages of an old version to the pages of a new one that
// carry the same text (page stamps aside): those are the pages that moved
// unchanged. Pages that appear more than once on either side (blank pages,
// say) are left out.
func alignPages(old, neu *pageSet) map[int]int {
	count := func(ps *pageSet) map[string][]int {
		m := map[string][]int{}
		for _, p := range ps.pages {
			if len(p.f.toks) == 0 {
				continue
			}
			k := pageFingerprint(p.f)
			m[k] = append(m[k], p.page.Number)
		}
		return m
	}
	o, n := count(old), count(neu)
	out := map[int]int{}
	for k, on := range o {
		if nn := n[k]; len(on) == 1 && len(nn) == 1 {
			out[on[0]] = nn[0]
		}
	}
	return out
}

// expectedPage is where page p of the old version most likely is in the new
// one: where it moved unchanged, else shifted as much as the nearest earlier
// page that moved unchanged, else where it was.
func expectedPage(align map[int]int, p int) int {
	if q, ok := align[p]; ok {
		return q
	}
	bestFrom := 0
	for from := range align {
		if from < p && from > bestFrom {
			bestFrom = from
		}
	}
	if bestFrom > 0 {
		return p + align[bestFrom] - bestFrom
	}
	return p
}

// similarPage finds the page of neu whose words are most like those of the
// old page, for a pin that has no quote to follow; ok is false when none is
// alike enough (half its distinct words in common).
func similarPage(old *foldedPage, neu *pageSet, expected int) (int, bool) {
	a := old.f.tokenSet()
	if len(a) == 0 {
		return 0, false
	}
	best, bestSim := 0, 0.5
	for _, p := range neu.pages {
		b := p.f.tokenSet()
		inter := 0
		for w := range a {
			if b[w] {
				inter++
			}
		}
		// Jaccard similarity; between equals, the page nearer where expected.
		sim := float64(inter) / float64(len(a)+len(b)-inter)
		nearer := best == 0 || absInt(p.page.Number-expected) < absInt(best-expected)
		if sim > bestSim || (sim == bestSim && best != 0 && nearer) {
			best, bestSim = p.page.Number, sim
		}
	}
	return best, best != 0
}
