package dslipak

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Layout constants, as fractions of the font size; tuned on the corpus
// against pdftotext -layout.
const (
	wordGap      = 0.12 // a wider gap between glyphs is a word break
	cellGap      = 1.2  // a wider gap is a table cell or column break: 2+ spaces
	paragraphGap = 1.75 // baselines further apart than this leave a blank line
	dupOverlap   = 0.3  // the same glyph this close to another is a fake-bold copy
	// A word starting this far back inside the one before is another text
	// drawn over it; less is squeezed punctuation, as in Chinese.
	overlapGap = 0.6
)

// wordBox is a run of glyphs drawn one after another along a baseline: a
// word, or a piece of one. Words are made in drawing order, before anything
// is sorted, so that two texts drawn over each other (a "Page 3" stamped on
// a footer) stay apart instead of being shuffled letter by letter.
type wordBox struct {
	x0, x1, y  float64
	size       float64
	text       string
	spaceAfter bool // the PDF drew a space right after it
	dir        int
}

// makeWords cuts the glyphs, in drawing order, into words: at a drawn
// space, a gap, a step back, a change of baseline or direction. A glyph
// drawn again on top of itself (fake bold) is dropped, and an accent drawn
// over a letter is put together with it.
func makeWords(glyphs []glyph) []wordBox {
	var words []wordBox
	var buf []rune
	var cur wordBox
	var prev *glyph // the last glyph of cur; nil when there is no word open
	lastAt := 0     // where prev's text starts in buf
	flush := func(space bool) {
		if prev != nil {
			cur.text, cur.spaceAfter = string(buf), space
			words = append(words, cur)
			buf = buf[:0]
			prev = nil
		}
	}
	for i := range glyphs {
		g := &glyphs[i]
		if g.space {
			flush(true)
			continue
		}
		if prev != nil {
			em := prev.size
			if g.text == prev.text && math.Abs(g.x0-prev.x0) <= dupOverlap*math.Max(prev.x1-prev.x0, 0.2*em) &&
				math.Abs(g.y-prev.y) <= dupOverlap*em {
				continue
			}
			// An accent over the letter before it, or a letter under the
			// accent before it.
			if mark, ok := accentOf(g.text); ok && over(g, prev) && len(buf)-lastAt == 1 {
				buf = append(buf[:lastAt], []rune(compose(string(buf[lastAt:]), mark))...)
				continue
			}
			if mark, ok := accentOf(prev.text); ok && over(prev, g) && utf8.RuneCountInString(g.text) == 1 {
				buf = append(buf[:lastAt], []rune(compose(g.text, mark))...)
				cur.x1 = math.Max(cur.x1, g.x1)
				prev = g
				continue
			}
			gap := g.x0 - prev.x1
			if g.dir != prev.dir || math.Abs(g.y-prev.y) > 0.2*math.Min(em, g.size) ||
				gap > wordGap*em || gap < -0.2*em {
				flush(false)
			}
		}
		if prev == nil {
			cur = wordBox{x0: g.x0, x1: g.x1, y: g.y, size: g.size, dir: g.dir}
		}
		lastAt = len(buf)
		buf = append(buf, []rune(g.text)...)
		cur.x1 = math.Max(cur.x1, g.x1)
		prev = g
	}
	flush(false)
	return words
}

// over reports whether accent a sits over (or under) glyph g: its middle
// within g's width, near g's baseline.
func over(a, g *glyph) bool {
	mid := (a.x0 + a.x1) / 2
	slack := 0.1 * g.size
	return mid >= g.x0-slack && mid <= g.x1+slack && math.Abs(a.y-g.y) < 0.8*g.size && a.dir == g.dir
}

// accentOf tells whether text is a lone accent, spacing or combining,
// and gives its combining mark.
func accentOf(text string) (rune, bool) {
	r, n := utf8.DecodeRuneInString(text)
	if n != len(text) {
		return 0, false
	}
	if r >= 0x300 && r <= 0x36f {
		return r, true
	}
	if i := strings.IndexRune(spacingAccents, r); i >= 0 {
		return []rune(combiningAccents)[utf8.RuneCountInString(spacingAccents[:i])], true
	}
	return 0, false
}

const (
	spacingAccents   = "`´ˆ˜¯˘˙¨˚˝ˇ¸˛"
	combiningAccents = "\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030a\u030b\u030c\u0327\u0328"
)

// composed lists, for each combining mark, pairs of a letter and the
// letter with that mark: the precomposed forms pdftotext gives.
var composed = map[rune]string{
	0x0300: "aàeèiìoòuùyỳAÀEÈIÌOÒUÙYỲnǹNǸwẁWẀ",
	0x0301: "aáeéiíoóuúyýAÁEÉIÍOÓUÚYÝcćCĆnńNŃsśSŚzźZŹgǵGǴrŕRŔlĺLĹwẃWẂkḱKḰ",
	0x0302: "aâeêiîoôuûyŷAÂEÊIÎOÔUÛYŶcĉCĈsŝSŜzẑZẐgĝGĜwŵWŴhĥHĤjĵJĴ",
	0x0303: "aãeẽiĩoõuũyỹAÃEẼIĨOÕUŨYỸnñNÑ",
	0x0304: "aāeēiīoōuūyȳAĀEĒIĪOŌUŪYȲgḡGḠ",
	0x0306: "aăeĕiĭoŏuŭAĂEĔIĬOŎUŬgğGĞ",
	0x0307: "aȧeėoȯyẏAȦEĖIİOȮYẎcċCĊnṅNṄsṡSṠzżZŻgġGĠrṙRṘtṫTṪdḋDḊwẇWẆhḣHḢ",
	0x0308: "aäeëiïoöuüyÿAÄEËIÏOÖUÜYŸtẗwẅWẄhḧHḦ",
	0x030a: "aåuůyẙAÅUŮwẘ",
	0x030b: "oőuűOŐUŰ",
	0x030c: "aǎeěiǐoǒuǔAǍEĚIǏOǑUǓcčCČnňNŇsšSŠzžZŽgǧGǦrřRŘlľLĽtťTŤdďDĎkǩKǨhȟHȞjǰ",
	0x0327: "eȩEȨcçCÇnņNŅsşSŞgģGĢrŗRŖlļLĻtţTŢdḑDḐkķKĶhḩHḨ",
	0x0328: "aąeęiįoǫuųAĄEĘIĮOǪUŲ",
}

// compose puts mark on letter: precomposed when Unicode has the pair,
// the letter followed by the combining mark otherwise. The dotless i takes
// its accent as an i would.
func compose(letter string, mark rune) string {
	if letter == "ı" {
		letter = "i"
	}
	pairs := []rune(composed[mark])
	r, _ := utf8.DecodeRuneInString(letter)
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i] == r {
			return string(pairs[i+1])
		}
	}
	return letter + string(mark)
}

type textLine struct {
	words  []wordBox
	lo, hi float64 // vertical band of the line's first (highest) word
	size   float64 // that word's size
	y      float64 // and baseline
}

// lineLayout turns placed glyphs into lines of text: each text direction on
// its own, lines top to bottom, words left to right.
func lineLayout(glyphs []glyph) string {
	byDir := map[int][]wordBox{}
	for _, w := range makeWords(glyphs) {
		byDir[w.dir] = append(byDir[w.dir], w)
	}
	dirs := make([]int, 0, len(byDir))
	for dir := range byDir {
		dirs = append(dirs, dir)
	}
	sort.Ints(dirs)
	var b strings.Builder
	for _, dir := range dirs {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		lineLayoutDir(&b, byDir[dir])
	}
	return b.String()
}

func lineLayoutDir(b *strings.Builder, words []wordBox) {
	sort.SliceStable(words, func(i, j int) bool {
		if words[i].y != words[j].y {
			return words[i].y > words[j].y
		}
		return words[i].x0 < words[j].x0
	})
	var lines []*textLine
	var cur *textLine
	for _, w := range words {
		lo, hi := w.y-0.2*w.size, w.y+0.8*w.size
		if cur != nil {
			// The band stays the first word's: were it to grow with a tall
			// word (a big "1" in a table cell), lines would chain together.
			overlap := math.Min(hi, cur.hi) - math.Max(lo, cur.lo)
			if overlap >= 0.5*math.Min(w.size, cur.size) {
				cur.words = append(cur.words, w)
				continue
			}
		}
		cur = &textLine{words: []wordBox{w}, lo: lo, hi: hi, size: w.size, y: w.y}
		lines = append(lines, cur)
	}

	start := b.Len()
	var prev *textLine
	for _, ln := range lines {
		for i, text := range lineText(ln.words) {
			if text == "" {
				continue
			}
			if b.Len() > start {
				b.WriteByte('\n')
				if i == 0 && prev != nil && prev.y-ln.y > paragraphGap*math.Max(prev.size, ln.size) {
					b.WriteByte('\n')
				}
			}
			b.WriteString(text)
			prev = ln
		}
	}
}

// lineText writes one line's words left to right: joined where they
// touch (pieces of one word), one space where there is a gap or a drawn
// space, two or more where the gap is a table's, and fake-bold copies
// dropped. Words that overlap those before them belong to another text
// drawn over the first (a "Page 3" stamped on a document's own footer):
// they go to a line of their own, right after.
func lineText(words []wordBox) []string {
	sort.SliceStable(words, func(i, j int) bool { return words[i].x0 < words[j].x0 })
	type row struct {
		b       strings.Builder
		last    *wordBox
		lastEnd float64
	}
	var rows []*row
	kept := make([]int, 0, len(words))
	for i := range words {
		w := &words[i]
		if duplicate(words, kept, w) {
			continue
		}
		kept = append(kept, i)
		var r *row
		for _, c := range rows {
			if w.x0-c.lastEnd >= -overlapGap*(c.last.size+w.size)/2 {
				r = c
				break
			}
		}
		if r == nil {
			r = &row{}
			rows = append(rows, r)
		}
		if r.last != nil {
			gap := w.x0 - r.lastEnd
			em := (r.last.size + w.size) / 2
			switch {
			case gap > cellGap*em:
				n := int(math.Round(gap / (0.5 * em)))
				r.b.WriteString(strings.Repeat(" ", min(max(n, 2), 40)))
			case r.last.spaceAfter || gap > wordGap*em:
				r.b.WriteByte(' ')
			}
		}
		r.b.WriteString(w.text)
		if r.last == nil || w.x1 > r.lastEnd {
			r.lastEnd = w.x1
		}
		r.last = w
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.b.String()
	}
	return out
}

// duplicate reports whether w repeats a word already kept at nearly the
// same place: programs fake bold by drawing text two or three times.
func duplicate(words []wordBox, kept []int, w *wordBox) bool {
	for k := len(kept) - 1; k >= 0 && k >= len(kept)-6; k-- {
		o := &words[kept[k]]
		if o.text == w.text && math.Abs(o.x0-w.x0) <= dupOverlap*o.size && math.Abs(o.y-w.y) <= dupOverlap*o.size {
			return true
		}
	}
	return false
}
