package pdf

import (
	"regexp"
	"strings"
	"unicode"

	"panelpapers/docs/words"

	"golang.org/x/text/unicode/norm"
)

// engineText is a page's text as an engine gave it, for the checks to see
// its garbage, and as pages keep it.
type engineText struct {
	raw, norm string
}

func newEngineText(raw string) engineText { return engineText{raw: raw, norm: normalizeText(raw)} }

// The checks dslipak's text must pass to be used (acceptDslipak). Each guards
// against a way the corpus showed it going wrong, and PDFium — a separate
// engine with its own parser and font handling — is the referee:
//
//   - Empty where PDFium finds text: dslipak missed text it does not reach
//     (forms it does not follow, fonts it cannot decode).
//   - Garbage runes — U+FFFD, private-use code points, C0 controls — beyond
//     what PDFium itself shows on the page (symbol fonts such as Wingdings
//     bullets map to private use in both) plus half a percent: a font whose
//     codes dslipak did not map to Unicode.
//   - Fewer plausible words — runs of letters no longer than maxWordLen —
//     than PDFium shows, less a tenth: glued words ("therecommendationof").
//     Relative to PDFium, because tables of figures, codes and Chinese have
//     few spaced words in any engine.
//   - Fewer than a quarter of PDFium's lines: lines run together (one line
//     per content stream). Pages keep their line breaks for the agenda parser
//     and the reader's snippets. A layout that puts a table row's cells or
//     columns side by side on one line, as pdftotext -layout does, has fewer
//     lines than PDFium's too, but not that few: 0.36 at worst on the corpus.
//   - Word agreement: the F1 score of the two word multisets at least
//     minAgreement; anything lower means text lost, doubled or garbled.
//
// Without a referee — PDFium has not read the page (see needsReferee) or
// could not — the garbage and plausible-word checks stand alone, against
// fixed limits: no more garbage than half a percent, and at least half the
// lettered tokens plausible words.
const (
	maxWordLen   = 24
	minAgreement = 0.95
)

// acceptDslipak reports whether dslipak's text ds may stand for the page,
// given PDFium's text ref (haveRef is false when there is none). Both are as
// the engines gave them.
func acceptDslipak(ds, ref string, haveRef bool) bool {
	return accept(newEngineText(ds), newEngineText(ref), haveRef)
}

// accept is acceptDslipak for texts already normalised.
func accept(ds, ref engineText, haveRef bool) bool {
	if ds.norm == "" {
		return false
	}
	if !haveRef {
		ref = engineText{}
	} else if ref.norm == "" {
		// PDFium, which reads invisible and clipped text too, sees nothing:
		// whatever dslipak found is not text a member could read.
		return false
	}
	dsRunes, dsBad := garbage(ds.raw)
	_, refBad := garbage(ref.raw)
	if dsBad > refBad+dsRunes/200 {
		return false
	}
	if !haveRef {
		return plausibleShare(ds.norm) >= 0.5
	}
	if 4*lineCount(ds.norm) < lineCount(ref.norm) {
		return false
	}
	if plausibleShare(ds.norm) < plausibleShare(ref.norm)-0.1 {
		return false
	}
	return words.F1(words.Bag(ds.norm), words.Bag(ref.norm)) >= minAgreement
}

// lineCount is the number of lines of s holding something.
func lineCount(s string) int {
	n := 0
	for l := range strings.SplitSeq(s, "\n") {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n
}

// garbage counts the non-space runes of s and how many of them are garbage.
func garbage(s string) (runes, bad int) {
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			continue
		case r == unicode.ReplacementChar, r >= 0xE000 && r <= 0xF8FF, r < 0x20, r == 0x7F, r == 0xFFFE, r == 0xFFFF:
			bad++
		}
		runes++
	}
	return runes, bad
}

// plausibleShare is the share of the space-separated tokens of s holding a
// letter that are plausible words: letters (and marks) only once the
// punctuation around them is trimmed, apostrophes and hyphens allowed inside,
// at most maxWordLen long. Text with no such tokens counts as all plausible.
func plausibleShare(s string) float64 {
	var lettered, good int
	for _, tok := range strings.Fields(s) {
		tok = strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if !strings.ContainsFunc(tok, unicode.IsLetter) {
			continue
		}
		lettered++
		n, ok := 0, true
		for _, r := range tok {
			n++
			if !unicode.IsLetter(r) && !unicode.IsMark(r) && !strings.ContainsRune("'’-‐", r) {
				ok = false
				break
			}
		}
		if ok && (n <= maxWordLen || words.IsCJK([]rune(tok)[0])) {
			good++
		}
	}
	if lettered == 0 {
		return 1
	}
	return float64(good) / float64(lettered)
}

// blankNotice matches the words of a page that says it is blank on purpose,
// with the page number ModernGov or a printer stamps before or after.
var blankNotice = regexp.MustCompile(`^(?:page \w+ |\d+ )?(?:this page (?:is |has been )?)?(?:intentionally left|left intentionally) blank(?: page \w+| \d+)?$`)

// isBlankNotice reports whether text is only an "intentionally left blank"
// notice.
func isBlankNotice(text string) bool {
	if text == "" || len(text) > 200 {
		return false
	}
	return blankNotice.MatchString(strings.Join(strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " "))
}

// ligatures spells out the Latin ligature characters, so that "ﬁnance"
// is found by "finance"; the rest of the text stays as the PDF has it (NFC).
var ligatures = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st")

// normalizeText brings either engine's text to the form pages keep: NFC,
// ligatures spelt out, no-break spaces as spaces, no control characters but
// line breaks and tabs, no spaces at line ends, no blank lines at either end
// and no more than one blank line in a row.
func normalizeText(s string) string {
	if s == "" {
		return ""
	}
	s = ligatures.Replace(norm.NFC.String(s))
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u00a0':
			return ' '
		case r == '\n', r == '\t':
			return r
		case r < 0x20, r == 0x7f:
			return -1
		}
		return r
	}, s)
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if l == "" {
			blank++
			continue
		}
		if len(out) > 0 && blank > 0 {
			out = append(out, "")
		}
		blank = 0
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
