package agenda

import (
	"strings"
	"unicode"

	"panelpapers/docs"
)

// Councils in Wales publish many papers twice, in Welsh and in English, with
// the same committee, date, kind and often the same parsed title. They are
// two documents, not two versions of one: the Welsh one is told apart by its
// title, so that importing the English minutes never supersedes the Welsh.

// WelshTitleSuffix marks the title of a paper written in Welsh.
const WelshTitleSuffix = " (Cymraeg)"

// Common short words of each language: frequent in running text, rare in
// the other language (Welsh "a" and "i" are left out: English has them too).
var (
	welshMarkers = map[string]bool{"y": true, "yr": true, "yn": true, "ac": true, "ar": true, "gan": true,
		"mae": true, "ei": true, "eu": true, "bod": true, "fod": true, "wedi": true, "hyn": true, "gyda": true,
		"i'r": true, "o'r": true, "a'r": true, "cyngor": true, "cyfarfod": true, "cynghorydd": true}
	englishMarkers = map[string]bool{"the": true, "and": true, "of": true, "to": true, "is": true, "that": true,
		"was": true, "for": true, "with": true, "be": true, "this": true, "are": true, "council": true, "meeting": true}
)

// InWelsh reports whether the pages are written mainly in Welsh: at least
// three Welsh marker words for every English one. A bilingual paper, with
// both languages side by side, is not.
func InWelsh(pages []docs.Page) bool {
	welsh, english := 0, 0
	for _, p := range pages {
		for _, w := range strings.FieldsFunc(strings.ToLower(p.Text), func(r rune) bool {
			return !unicode.IsLetter(r) && r != '\'' && r != '’'
		}) {
			w = strings.ReplaceAll(w, "’", "'")
			if welshMarkers[w] {
				welsh++
			} else if englishMarkers[w] {
				english++
			}
		}
	}
	return welsh >= 20 && welsh >= 3*english
}
