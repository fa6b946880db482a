package words

import (
	"strings"
	"unicode/utf8"
)

// Welsh changes the first sound of a word after certain words (the initial
// mutations: "cyngor" is "gyngor" after "o", "nghyngor" after "yn",
// "chyngor" after "a") and makes plurals with endings ("cynghorydd",
// "cynghorwyr"). The functions below undo both, lightly, so that search can
// find one form from another. They work on folded words (Fold): lower case,
// no accents.
//
// The rules are deliberately narrow, because every form they add can be a
// false match in an English text: they are meant for words already known to
// be in Welsh (WelshContext), and leave alone short words and the common
// function words, whose mutated look-alikes ("mae" and "bae", "dim" and
// "tîm") would otherwise match each other.

// minWelshWord is the fewest letters a mutated word, a radical made from
// it, or a stem left by a plural ending may have.
const minWelshWord = 3

// minWelshStem is the fewest letters a plural ending may leave: "newydd"
// (new) keeps its "ydd", which is not a plural ending there.
const minWelshStem = 4

// welshFunction are Welsh function words (folded): never treated as
// mutated, and, with welshMarkers, a sign that a text is in Welsh.
var welshFunction = setOf(
	"y", "yr", "yn", "ac", "ag", "ei", "eu", "mae", "maen", "bod", "fod", "gan", "gyda", "wedi",
	"hyn", "hynny", "hwn", "hon", "neu", "ond", "sydd", "sy", "oedd", "roedd", "yw", "ydy", "ydym",
	"ydych", "ydyn", "fel", "dros", "drwy", "trwy", "gyfer", "rhwng", "ein", "eich", "hefyd", "nid",
	"nad", "na", "nac", "ddim", "dim", "cael", "gael", "yng", "ym", "ar", "mewn", "wrth", "oes",
	"bydd", "fydd", "byddai", "fyddai", "iawn", "dylid", "holl", "pob", "pawb", "efo", "hefo", "rhai",
	"nhw", "eisoes", "yma", "yno", "hyd", "tuag", "oddi", "heb", "dan", "gall", "all", "fe", "fo",
	"hi", "ef", "nawr", "rwan", "gennym", "sef", "os", "pan", "tra", "er", "mai", "taw", "ni", "chi",
)

// welshMarkers are the function words that count as signs of Welsh: those
// of welshFunction that are not also common English words.
var welshMarkers = func() map[string]bool {
	m := map[string]bool{}
	for w := range welshFunction {
		m[w] = true
	}
	for _, w := range []string{"ni", "all", "os", "pan", "er", "fe", "hi", "chi", "dan", "heb", "tra", "na"} {
		delete(m, w)
	}
	return m
}()

// englishMarkers are common English function words: signs of English.
var englishMarkers = setOf(
	"the", "and", "of", "to", "is", "that", "for", "with", "be", "was", "were", "are", "by", "this",
	"on", "as", "it", "from", "have", "has", "an", "or", "which", "will", "not", "their", "they",
	"been", "would", "should", "in", "at", "we", "our", "there", "these", "those", "its", "but",
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// welshContextWindow is how many words either side of a word are read to
// tell whether it is in Welsh.
const welshContextWindow = 20

// IsWelshMarker reports whether the folded word w is a Welsh function word
// that is not also an English one: a sign that the text around it is Welsh.
func IsWelshMarker(w string) bool { return welshMarkers[StripClitic(w)] }

// WelshContext reports, for each of the folded words of a text in order,
// whether it stands in Welsh: within a dozen words either side there are
// at least two Welsh function words ("yn", "y", "mae", "gyda"…) and more
// of them than English ones ("the", "and", "of"…). A bilingual page, with
// Welsh and English in turn, is judged a stretch at a time.
func WelshContext(ws []string) []bool {
	n := len(ws)
	// cy[i] and en[i]: how many markers among ws[:i].
	cy := make([]int, n+1)
	en := make([]int, n+1)
	for i, w := range ws {
		cy[i+1], en[i+1] = cy[i], en[i]
		w = StripClitic(w)
		switch {
		case welshMarkers[w]:
			cy[i+1]++
		case englishMarkers[w]:
			en[i+1]++
		}
	}
	out := make([]bool, n)
	for i := range ws {
		lo, hi := max(0, i-welshContextWindow), min(n, i+welshContextWindow+1)
		c, e := cy[hi]-cy[lo], en[hi]-en[lo]
		out[i] = c >= 2 && c > e
	}
	return out
}

// MayBeWelsh is a quick look at a text, before it is split into words:
// false when it holds fewer than two Welsh function words (WelshContext
// would then find no word in Welsh), so that English texts skip the work.
func MayBeWelsh(s string) bool {
	n := 0
	var word []byte
	ascii := true
	flush := func() bool {
		if len(word) > 0 && len(word) <= 8 && ascii && welshMarkers[StripClitic(string(word))] {
			n++
		}
		word, ascii = word[:0], true
		return n >= 2
	}
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', r == '\'':
			word = append(word, byte(r))
		case 'A' <= r && r <= 'Z':
			word = append(word, byte(r+'a'-'A'))
		case r == '\u2019':
			word = append(word, '\'')
		case IsWordRune(r):
			ascii = false // a marker is plain ASCII: this word is none
			word = append(word, '?')
		default:
			if flush() {
				return true
			}
		}
	}
	return flush()
}

// welshClitics are the short words Welsh writes joined to the word before
// with an apostrophe: "Mae'r", "wedi'i", "cerbydau'n", "agenda'r".
var welshClitics = []string{"'r", "'n", "'i", "'u", "'w", "'m", "'th", "'ch"}

// StripClitic drops a clitic joined to the end of the folded word w:
// "cerbydau'n" is "cerbydau", "mae'r" is "mae".
func StripClitic(w string) string {
	for _, c := range welshClitics {
		if len(w) > len(c) && strings.HasSuffix(w, c) {
			return w[:len(w)-len(c)]
		}
	}
	return w
}

// isWelshVowel reports whether b begins a Welsh vowel (w and y are vowels).
func isWelshVowel(b byte) bool { return strings.IndexByte("aeiouwy", b) >= 0 }

// WelshRadicals returns the radical forms (as a dictionary lists them) of
// which the folded word w may be a mutation, leaving out w itself:
//
//	soft:      g←c, b←p, d←t, f←b|m, dd←d, l←ll, r←rh, and a lost g
//	           before a vowel, l or r ("waith"←"gwaith", "ohebiaeth"←"gohebiaeth")
//	nasal:     ngh←c, mh←p, nh←t, ng←g, m←b, n←d
//	aspirate:  ch←c, ph←p, th←t
//	h-:        h before a vowel ("haelodaeth"←"aelodaeth")
//
// Most candidates are not words at all ("cwaith" from "gwaith"); they do no
// harm, since nobody searches for them. Words shorter than three letters
// and Welsh function words have none.
func WelshRadicals(w string) []string {
	if utf8.RuneCountInString(w) < minWelshWord || welshFunction[w] {
		return nil
	}
	var out []string
	add := func(s string) {
		if utf8.RuneCountInString(s) >= minWelshWord && s != w {
			out = append(out, s)
		}
	}
	has := func(p string) bool { return strings.HasPrefix(w, p) }
	switch {
	case has("ngh"):
		add("c" + w[3:])
	case has("mh"):
		add("p" + w[2:])
	case has("nh"):
		add("t" + w[2:])
	case has("ng"):
		add("g" + w[2:])
	case has("ch"):
		add("c" + w[2:])
	case has("ph"):
		add("p" + w[2:])
	case has("th"):
		add("t" + w[2:])
	case has("dd"):
		add("d" + w[2:])
	case has("ll"), has("rh"), has("ff"):
		// Radicals: these never come from a mutation.
	case has("g"):
		add("c" + w[1:])
	case has("b"):
		add("p" + w[1:])
	case has("d"):
		add("t" + w[1:])
	case has("f"):
		add("b" + w[1:])
		add("m" + w[1:])
	case has("m"):
		add("b" + w[1:])
	case has("n"):
		add("d" + w[1:])
	case has("l"):
		add("ll" + w[1:])
		add("g" + w)
	case has("r"):
		add("rh" + w[1:])
		add("g" + w)
	case has("h") && len(w) > 1 && isWelshVowel(w[1]):
		add(w[1:])
	case isWelshVowel(w[0]):
		add("g" + w)
	}
	return out
}

// welshPlurals are the plural (and agent) endings WelshStem trims, longest
// first, each with what it leaves.
var welshPlurals = []string{
	"iadau", // adroddiadau, ymgynghoriadau: as adroddiad, ymgynghoriad
	"iaid",  // Albaniaid, mamaliaid
	"oedd",  // ardaloedd, cyfleoedd, teuluoedd
	"iad",   // adroddiad (report), ymgynghoriad (consultation)
	"ion",   // materion, swyddogion, argymhellion
	"iau",   // dyfynbrisiau, deunyddiau, grwpiau
	"ydd",   // cynghorydd, cyfarfodydd, afonydd
	"wyr",   // cynghorwyr, cyfarwyddwyr, tirfeddianwyr
	"iwr",   // gweithiwr
	"au",    // aelodau, adrannau, gwasanaethau
	"wr",    // cyfarwyddwr
}

// WelshStem trims a common Welsh plural or agent ending from the folded
// word w, so that singular and plural meet: "cynghorydd" and "cynghorwyr"
// are both "cynghor", "adran" and "adrannau" both "adran", "dyfynbris" and
// "dyfynbrisiau" both "dyfynbris". A clitic is dropped first. It is light:
// plurals made by changing vowels ("gwlad", "gwledydd") stay apart.
func WelshStem(w string) string {
	w = StripClitic(w)
	for _, e := range welshPlurals {
		if !strings.HasSuffix(w, e) {
			continue
		}
		s := w[:len(w)-len(e)]
		if utf8.RuneCountInString(s) < minWelshStem {
			continue
		}
		// A consonant doubled before the ending: adrannau, testunnau, pennau.
		if n := len(s); n >= 2 && s[n-1] == s[n-2] && (s[n-1] == 'n' || s[n-1] == 'r') {
			s = s[:n-1]
		}
		return s
	}
	return w
}

// WelshForms returns what search keeps of a folded word that stands in
// Welsh: the stem (WelshStem) of the word and of each radical it may be a
// mutation of (WelshRadicals), without repeats, the word's own first.
// "Gynghorwyr" gives "gynghor" and "cynghor"; "nghyngor" gives "nghyngor"
// and "cyngor".
func WelshForms(w string) []string {
	w = StripClitic(w)
	out := []string{WelshStem(w)}
	for _, r := range WelshRadicals(w) {
		s := WelshStem(r)
		dup := false
		for _, o := range out {
			dup = dup || o == s
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}
