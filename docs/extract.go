package docs

// Extraction turns a PDF into pages of text with two independent engines:
// dslipak/pdf (in killable child processes, see worker.go) and PDFium (see
// pdfium.go). PDFium reads every page and referees: dslipak's text for a page
// is kept only when it passes the checks in acceptDslipak, otherwise PDFium's
// is used.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Defaults for the Extractor's zero fields.
const (
	// DefaultPageTimeout is how long dslipak may go without finishing a page.
	// Its pages take milliseconds (73 ms at worst on the corpus); a page that
	// takes a second is a page it loops on.
	DefaultPageTimeout = time.Second
	// DefaultFileBudget is all the time dslipak gets for one file. PDFium does
	// the pages it has not reached by then.
	DefaultFileBudget = 4 * time.Second
	// DefaultWorkers is the number of dslipak children per file: the machines
	// this runs on have two cores or more, and PDFium works alongside.
	DefaultWorkers = 2
)

// maxPDFSize is the largest file Extract reads: the whole file goes into
// PDFium's memory, which WebAssembly limits to 4 GB.
const maxPDFSize = 1 << 30

// sniffLen is how far into a file "%PDF-" may start; readers accept junk
// before it, and so does PDFium.
const sniffLen = 1024

// giveUpAfter is how many pages with text dslipak may get wrong, none right,
// before it is stopped for the file: then it cannot read this file (fonts it
// cannot decode, text it does not reach) and every further page is time lost.
const giveUpAfter = 8

// Extractor extracts the text of PDFs. Its zero durations and counts mean the
// defaults above; build one with NewExtractor.
type Extractor struct {
	PDFium      *PDFium
	PageTimeout time.Duration // dslipak's time limit per page
	FileBudget  time.Duration // dslipak's time limit per file
	// Workers is the number of dslipak child processes; negative means none
	// (PDFium alone does every page).
	Workers int

	spawned func(pid int) // tests hear of each child started
}

// NewExtractor returns an Extractor with the default limits that uses p, which
// the caller keeps running (and closes) for as long as the Extractor is used.
func NewExtractor(p *PDFium) *Extractor { return &Extractor{PDFium: p} }

func (x *Extractor) pageTimeout() time.Duration { return orDefault(x.PageTimeout, DefaultPageTimeout) }
func (x *Extractor) fileBudget() time.Duration  { return orDefault(x.FileBudget, DefaultFileBudget) }

func (x *Extractor) workers() int {
	if x.Workers == 0 {
		return DefaultWorkers
	}
	return max(x.Workers, 0)
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Extract reads the PDF at path and returns its pages, in order, with their
// text, the engine that produced it, and whether each is blank or scanned.
// Printed and Item are left for the agenda parser. password opens a file that
// needs one and may be empty.
//
// A file that cannot be used fails with ErrEmptyFile, ErrNotPDF,
// ErrLooksHTML, ErrTooLarge, ErrDamaged, ErrEncrypted, ErrBadPassword or
// ErrNoPages. progress, when not nil, hears how many pages are done, from the
// calling goroutine.
func (x *Extractor) Extract(ctx context.Context, path, password string, progress func(done, total int)) ([]Page, error) {
	pages, err := x.extract(ctx, path, password, progress)
	if err != nil {
		return nil, fmt.Errorf("extract text from %s: %w", path, err)
	}
	return pages, nil
}

func (x *Extractor) extract(ctx context.Context, path, password string, progress func(done, total int)) ([]Page, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := readPDF(path)
	if err != nil {
		return nil, err
	}
	doc, err := x.PDFium.Open(data, password)
	if err != nil {
		return nil, err
	}
	defer doc.Close()
	n := doc.NumPages()
	if n == 0 {
		return nil, ErrNoPages
	}
	if progress == nil {
		progress = func(int, int) {}
	}

	m := &merger{pages: make([]pageDraft, n), progress: progress}
	if exe, err := os.Executable(); err == nil && x.workers() > 0 {
		all := make([]int, n)
		for i := range all {
			all[i] = i + 1
		}
		m.ds = x.startDslipak(ctx, exe, path, doc.Password(), all)
		defer func() {
			// Wait for every child to be gone, on every path.
			m.ds.stop()
			for range m.ds.results {
			}
		}()
	}

	// PDFium does every page, meanwhile taking in dslipak's pages as they
	// come; a page is settled as soon as both engines have spoken.
	for i := range m.pages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p := &m.pages[i]
		text, err := doc.PageText(i + 1)
		p.pdfium, p.pdfiumErr, p.pdfiumDone = text, err, true
		if err == nil && normalizeText(text) == "" {
			// Only a page without text can be a scan; asking costs a walk
			// over the page's objects.
			p.hasImage, _ = doc.HasImages(i + 1)
		}
		if m.ds == nil || p.dslipakIn {
			m.settle(i)
		}
		m.takeReady()
	}
	if m.ds != nil {
		for r := range m.ds.results {
			m.take(r)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	for i := range m.pages {
		m.settle(i) // pages dslipak never reached
	}
	out := make([]Page, n)
	for i, p := range m.pages {
		out[i] = p.page
		out[i].Number = i + 1
	}
	return out, nil
}

// readPDF reads a file that is to be a PDF, telling apart the ways it may
// not be one.
func readPDF(path string) ([]byte, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, err
	case st.Size() == 0:
		return nil, ErrEmptyFile
	case st.Size() > maxPDFSize:
		return nil, fmt.Errorf("%d MB: %w", st.Size()>>20, ErrTooLarge)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, ErrEmptyFile
	}
	head := data[:min(len(data), sniffLen)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		if looksHTML(head) {
			return nil, ErrLooksHTML
		}
		return nil, ErrNotPDF
	}
	return data, nil
}

// htmlMarks are what a web page saved under a .pdf name (a login page, an
// error page from the council's site) shows near its start.
var htmlMarks = [][]byte{
	[]byte("<!doctype html"), []byte("<html"), []byte("<head"), []byte("<body"),
	[]byte("<meta "), []byte("<title"), []byte("<script"),
}

func looksHTML(head []byte) bool {
	low := bytes.ToLower(head)
	for _, m := range htmlMarks {
		if bytes.Contains(low, m) {
			return true
		}
	}
	return false
}

// pageDraft is a page while the engines are still at work on it. The texts
// are as the engines gave them, for acceptDslipak to see their garbage.
type pageDraft struct {
	pdfium     string
	pdfiumErr  error
	pdfiumDone bool
	hasImage   bool
	dslipak    string
	dslipakOK  bool // dslipak returned text for the page (maybe empty)
	dslipakIn  bool // dslipak has reported on the page, or never will
	settled    bool
	page       Page
}

// merger settles pages as the two engines report.
type merger struct {
	pages           []pageDraft
	ds              *dslipakRun // nil when dslipak is not used
	done            int
	accepted, wrong int // dslipak's record on pages with text so far
	progress        func(done, total int)
}

// takeReady takes dslipak's results that are waiting, without blocking.
func (m *merger) takeReady() {
	if m.ds == nil {
		return
	}
	for {
		select {
		case r, ok := <-m.ds.results:
			if !ok {
				return
			}
			m.take(r)
		default:
			return
		}
	}
}

// take records one dslipak result and settles its page if PDFium is done with it.
func (m *merger) take(r dsResult) {
	if r.page < 1 || r.page > len(m.pages) {
		return
	}
	p := &m.pages[r.page-1]
	p.dslipak, p.dslipakOK, p.dslipakIn = r.text, r.err == nil, true
	if p.pdfiumDone {
		m.settle(r.page - 1)
	}
}

// settle decides page i's text once; pages dslipak has not reported on by
// now get PDFium's.
func (m *merger) settle(i int) {
	p := &m.pages[i]
	if p.settled {
		return
	}
	p.settled = true
	var text string
	var engine Engine
	haveRef := p.pdfiumErr == nil
	ref := normalizeText(p.pdfium)
	if p.dslipakOK && acceptDslipak(p.dslipak, p.pdfium, haveRef) {
		text, engine = normalizeText(p.dslipak), EngineDslipak
		m.accepted++
	} else {
		text, engine = ref, EnginePDFium
		if p.dslipakIn && ref != "" {
			m.wrong++
			if m.accepted == 0 && m.wrong == giveUpAfter && m.ds != nil {
				m.ds.stop()
			}
		}
	}
	if text == "" {
		engine = EngineNone
	}
	p.page = Page{
		Text:    text,
		Engine:  engine,
		Scanned: text == "" && p.hasImage,
		Blank:   (text == "" && !p.hasImage && haveRef) || isBlankNotice(text),
	}
	m.done++
	m.progress(m.done, len(m.pages))
}

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
// When PDFium could not read the page at all there is no referee, and the
// first three checks stand alone.
const (
	maxWordLen   = 24
	minAgreement = 0.95
)

// acceptDslipak reports whether dslipak's text ds may stand for the page,
// given PDFium's text ref (haveRef is false when PDFium failed on the page).
// Both are as the engines gave them.
func acceptDslipak(dsRaw, refRaw string, haveRef bool) bool {
	ds, ref := normalizeText(dsRaw), normalizeText(refRaw)
	if ds == "" {
		return false
	}
	if !haveRef {
		ref, refRaw = "", ""
	} else if ref == "" {
		// PDFium, which reads invisible and clipped text too, sees nothing:
		// whatever dslipak found is not text a member could read.
		return false
	}
	dsRunes, dsBad := garbage(dsRaw)
	_, refBad := garbage(refRaw)
	if dsBad > refBad+dsRunes/200 {
		return false
	}
	if haveRef && 4*lineCount(ds) < lineCount(ref) {
		return false
	}
	if haveRef && plausibleShare(ds) < plausibleShare(ref)-0.1 {
		return false
	}
	if !haveRef && plausibleShare(ds) < 0.5 {
		return false
	}
	return !haveRef || wordF1(wordBag(ds), wordBag(ref)) >= minAgreement
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
		if ok && (n <= maxWordLen || isCJK([]rune(tok)[0])) {
			good++
		}
	}
	if lettered == 0 {
		return 1
	}
	return float64(good) / float64(lettered)
}

// wordBag is the multiset of the words of s, as the search index will see
// them: compatibility-normalised (ligatures become letters), lower-cased,
// split at anything that is not a letter, digit or mark, and each Chinese,
// Japanese or Korean character a word of its own (those scripts put no
// spaces between words).
func wordBag(s string) map[string]int {
	bag := map[string]int{}
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			bag[string(cur)]++
			cur = cur[:0]
		}
	}
	for _, r := range strings.ToLower(norm.NFKC.String(s)) {
		switch {
		case isCJK(r):
			flush()
			bag[string(r)]++
		case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r):
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return bag
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// wordCount is the number of words in a bag.
func wordCount(bag map[string]int) int {
	n := 0
	for _, c := range bag {
		n += c
	}
	return n
}

// wordOverlap is how many words two bags share, counting repeats.
func wordOverlap(a, b map[string]int) int {
	n := 0
	for w, c := range a {
		n += min(c, b[w])
	}
	return n
}

// wordF1 is the F1 score of bag got against bag want: 1 when they hold the
// same words as often, 0 when they share none. Two empty bags agree.
func wordF1(got, want map[string]int) float64 {
	g, w := wordCount(got), wordCount(want)
	if g+w == 0 {
		return 1
	}
	return 2 * float64(wordOverlap(got, want)) / float64(g+w)
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
