package pdf

// Extraction turns a PDF into pages of text with two independent engines:
// dslipak/pdf (in killable child processes, see worker.go), whose text pages
// keep, and PDFium (see pdfium.go), which referees it on the pages described
// at needsReferee and stands in for it wherever its text fails the checks in
// accept.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"

	"panelpapers/docs"
	"panelpapers/docs/words"

	"golang.org/x/text/unicode/norm"
)

// Defaults for the Extractor's zero fields.
const (
	// DefaultPageTimeout is how long dslipak may go without finishing a page
	// before its worker is killed. Its pages take milliseconds (150 ms at
	// worst on the corpus, on a loaded machine); a page that takes a second
	// is a page it loops on. The file does not wait that long for it: see
	// stealAfter.
	DefaultPageTimeout = time.Second
	// DefaultFileBudget is all the time dslipak gets for one file. PDFium does
	// the pages it has not reached by then.
	DefaultFileBudget = 4 * time.Second
	// DefaultWorkers is the number of dslipak workers: the machines this runs
	// on have two cores or more, and PDFium works alongside.
	DefaultWorkers = 2
)

// stealAfter is how long a lane of dslipak's pages may stay silent before
// PDFium takes the page the lane is stuck on, ahead of its other work, and
// the next, until the lane speaks again: so a page dslipak loops on costs a
// file a fraction of a second, not the PageTimeout, whose kill then happens
// out of the file's way.
const stealAfter = 200 * time.Millisecond

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
// defaults above; build one with NewExtractor. It keeps dslipak's worker
// processes between files: Close it when done. It is safe for concurrent use.
type Extractor struct {
	PDFium      *PDFium
	PageTimeout time.Duration // dslipak's time limit per page
	FileBudget  time.Duration // dslipak's time limit per file
	// Workers is the number of dslipak worker processes; negative means none
	// (PDFium alone does every page).
	Workers int

	spawned    func(pid int) // tests hear of each worker started
	stealAfter time.Duration // tests may change stealAfter
	workerIdle time.Duration // tests may change DefaultWorkerIdle

	mu     sync.Mutex
	pool   *workerPool // started with the first file
	closed bool
}

// NewExtractor returns an Extractor with the default limits that uses p, which
// the caller keeps running (and closes) for as long as the Extractor is used.
func NewExtractor(p *PDFium) *Extractor { return &Extractor{PDFium: p} }

// Close stops dslipak's idle workers; workers still busy with a file stop
// when it is done. Files extracted afterwards are read by PDFium alone.
// Closing twice is harmless. Workers left idle by an Extractor nobody closes
// stop by themselves after DefaultWorkerIdle, or with the program.
func (x *Extractor) Close() error {
	x.mu.Lock()
	x.closed = true
	pool := x.pool
	x.mu.Unlock()
	if pool != nil {
		pool.close()
	}
	return nil
}

// workerPool is the Extractor's pool of dslipak workers, started on first
// use; nil when there is to be no dslipak.
func (x *Extractor) workerPool() *workerPool {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed || x.workers() == 0 {
		return nil
	}
	if x.pool == nil {
		exe, err := os.Executable()
		if err != nil {
			return nil
		}
		x.pool = &workerPool{exe: exe, size: x.workers(), idleFor: orDefault(x.workerIdle, DefaultWorkerIdle), spawned: x.spawned}
	}
	return x.pool
}

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
// ErrNoPages. progress, when not nil, hears how many pages have their text,
// from the calling goroutine; the last pages' texts may still be refereed
// after it has heard of all of them.
func (x *Extractor) Extract(ctx context.Context, path, password string, progress func(done, total int)) ([]docs.Page, error) {
	pages, err := x.extract(ctx, path, password, progress)
	if err != nil {
		return nil, fmt.Errorf("extract text from %s: %w", path, err)
	}
	return pages, nil
}

func (x *Extractor) extract(ctx context.Context, path, password string, progress func(done, total int)) ([]docs.Page, error) {
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
		return nil, docs.ErrNoPages
	}
	if progress == nil {
		progress = func(int, int) {}
	}

	ref := startReferee(doc, n)
	defer ref.stop()
	m := newMerger(n, ref.ask, progress)

	// dslipak reads the pages in its lanes; PDFium, meanwhile, reads the
	// sample of pages it referees whatever dslipak says (see needsReferee)
	// and, first, the pages that turn out to need it as dslipak's texts
	// come, and takes over pages of a lane that has gone silent.
	var results <-chan dsResult
	var run *dslipakRun
	// heard is when each lane last reported: a lane is silent only once its
	// worker has opened the file, for a worker slow to start or to open is
	// not stuck on a page, and an opening that never ends is cut short by
	// the PageTimeout.
	var heard []time.Time
	if x.workers() > 0 {
		all := make([]int, n)
		for i := range all {
			all[i] = i + 1
		}
		run = x.startDslipak(ctx, path, doc.Password(), all)
		defer func() {
			// Wait for the lanes to end, on every path: their workers are
			// back in the pool or killed.
			run.stop()
			for range run.results {
			}
		}()
		results, m.stopDslipak = run.results, run.stop
		heard = make([]time.Time, len(run.inHand))
		m.planSample()
	} else {
		m.dslipakEnded()
	}
	wait := orDefault(x.stealAfter, stealAfter)
	tick := time.NewTicker(wait / 4)
	defer tick.Stop()

	for !m.finished() {
		select {
		case r, ok := <-results:
			if !ok {
				results = nil
				m.dslipakEnded()
				continue
			}
			heard[r.lane] = time.Now()
			m.takeDslipak(r)
		case r := <-ref.results:
			m.takeRef(r)
		case now := <-tick.C:
			if results == nil {
				continue
			}
			for l, t := range heard {
				if !t.IsZero() && now.Sub(t) >= wait {
					m.steal(run, run.held(l))
				}
			}
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	out := make([]docs.Page, n)
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
		return nil, docs.ErrEmptyFile
	case st.Size() > maxPDFSize:
		return nil, fmt.Errorf("%d MB: %w", st.Size()>>20, docs.ErrTooLarge)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, docs.ErrEmptyFile
	}
	head := data[:min(len(data), sniffLen)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		if looksHTML(head) {
			return nil, docs.ErrLooksHTML
		}
		return nil, docs.ErrNotPDF
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

// referee is PDFium reading the pages it is asked for, one at a time, beside
// the goroutine that merges the engines' texts: the urgent ones first, in
// the order asked, then the planned ones, in page order.
type referee struct {
	mu      sync.Mutex
	wake    *sync.Cond
	urgent  []int       // page indexes (from 0)
	planned []int       // page indexes, in order; some may have been made urgent
	state   []pageState // of each page
	stopped bool
	results chan refResult // room for every page: each is read at most once
	done    chan struct{}
}

// pageState is where a page is in the referee's queues.
type pageState uint8

const (
	notAsked pageState = iota
	planned            // waits in planned
	taken              // waits in urgent, or is read or being read
)

// refResult is PDFium's reading of page i (from 0).
type refResult struct {
	i        int
	text     engineText
	err      error
	hasImage bool
}

func startReferee(doc *PDFDoc, n int) *referee {
	r := &referee{state: make([]pageState, n), results: make(chan refResult, n), done: make(chan struct{})}
	r.wake = sync.NewCond(&r.mu)
	go func() {
		defer close(r.done)
		for {
			i, ok := r.next()
			if !ok {
				return
			}
			text, err := doc.PageText(i + 1)
			res := refResult{i: i, text: newEngineText(text), err: err}
			if err == nil && res.text.norm == "" {
				// Only a page without text can be a scan; asking costs a
				// walk over the page's objects.
				res.hasImage, _ = doc.HasImages(i + 1)
			}
			r.results <- res
		}
	}()
	return r
}

// next waits for the next page to read; false when stopped.
func (r *referee) next() (int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		if r.stopped {
			return 0, false
		}
		if len(r.urgent) > 0 {
			i := r.urgent[0]
			r.urgent = r.urgent[1:]
			return i, true
		}
		for len(r.planned) > 0 {
			i := r.planned[0]
			r.planned = r.planned[1:]
			if r.state[i] == planned {
				r.state[i] = taken
				return i, true
			}
		}
		r.wake.Wait()
	}
}

// ask queues page i (from 0) for reading, urgently or when PDFium has
// nothing urgent to do. Asking urgently for a page still planned moves it
// up; a page is read once however often it is asked for.
func (r *referee) ask(i int, urgent bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.state[i] == taken:
		return
	case urgent:
		r.state[i] = taken
		r.urgent = append(r.urgent, i)
	case r.state[i] == notAsked:
		r.state[i] = planned
		r.planned = append(r.planned, i)
	}
	r.wake.Signal()
}

// stop ends the referee's work and waits for it, so that the document can
// be closed.
func (r *referee) stop() {
	r.mu.Lock()
	r.stopped = true
	r.wake.Signal()
	r.mu.Unlock()
	<-r.done
}

// engineText is a page's text as an engine gave it, for the checks to see
// its garbage, and as pages keep it.
type engineText struct {
	raw, norm string
}

func newEngineText(raw string) engineText { return engineText{raw: raw, norm: normalizeText(raw)} }

// pageDraft is a page while the engines are at work on it.
type pageDraft struct {
	ds       engineText
	dsOK     bool // dslipak returned text for the page (maybe empty)
	dsIn     bool // dslipak has reported on the page
	newFonts bool // the page is the first dslipak reported to use a font
	alone    bool // dslipak's text passes the checks that need no referee
	ref      engineText
	refErr   error
	refIn    bool
	refAsked bool // PDFium is to read the page, or has
	urgent   bool // and soon
	stolen   bool // PDFium has the page without waiting for dslipak
	hasImage bool
	settled  bool // page holds a text
	page     docs.Page
}

// merger settles pages as the two engines report.
type merger struct {
	pages       []pageDraft
	ask         func(i int, urgent bool) // asks PDFium for page i (from 0)
	stopDslipak func()
	dsGone      bool            // dslipak will report on no more pages
	fonts       map[string]bool // fonts the pages reported so far use
	outstanding int             // pages asked of PDFium and not yet back
	suspect     bool            // the referee has overruled text that passed the checks alone
	done        int
	accepted    int // dslipak's record on pages with text so far
	wrong       int
	progress    func(done, total int)
}

func newMerger(n int, ask func(i int, urgent bool), progress func(done, total int)) *merger {
	return &merger{pages: make([]pageDraft, n), ask: ask, stopDslipak: func() {}, fonts: map[string]bool{}, progress: progress}
}

// spotEvery makes every spotEvery-th page, from the first, a spot check.
const spotEvery = 16

// needsReferee says whether page i's dslipak text, just in, is to wait for
// PDFium's before it is settled. PDFium reads a page in about 2 ms, as long
// as dslipak takes on average, and cannot run in parallel with itself;
// asking it for every page kept extraction at twice the time pdftotext
// takes, so it reads only these pages:
//
//   - dslipak failed on the page, or found no text: PDFium's text, or its
//     word that the page is blank or a scan, is needed anyway.
//   - The text fails the checks that need no referee (garbage runes, glued
//     words): PDFium then decides, as before.
//   - The page is the first dslipak has reported to draw with a font (see
//     workerFile.newFonts). dslipak's wrong texts begin at fonts: an
//     encoding, a CMap or a Type 3 font it reads differently from PDFium. A
//     pack is many documents merged, each with its own fonts, so each part
//     is checked where it begins, and every file on its first page.
//   - Every spotEvery-th page, from the first: a sample of the rest, which
//     PDFium reads while it has nothing else to do (planSample).
//   - Every page of a file in which the referee has overruled dslipak on a
//     page that passed the checks alone, the pages already settled
//     included: something in this file defeats those checks.
//
// Over the corpus (528 pages with text) the checks alone decided as the
// referee did on every page but three: two Chinese pages they would have
// sent to PDFium (the referee kept dslipak's text, word for word
// pdftotext's), and the one page of the Westminster map, whose labels no two
// engines split alike (dslipak's and PDFium's texts both share 60% of their
// words with pdftotext's); that page draws with fonts met for the first
// time, so it is refereed still. With PDFium reading 126 of the corpus's
// 545 pages (17 of them scans, which need it anyway) rather than all,
// recall and precision against pdftotext stayed as they were to four
// decimal places, and so did every page's engine. Which page counts as the
// first to use a font may vary from run to run with the lanes' timing; that
// changes which pages are refereed, and so a page's text only where the
// referee would overrule dslipak.
func (m *merger) needsReferee(i int) bool {
	p := &m.pages[i]
	return !p.dsOK || p.ds.norm == "" || !p.alone || m.suspect || p.newFonts || i%spotEvery == 0
}

// planSample asks PDFium for the sample of pages, to read when it is idle.
func (m *merger) planSample() {
	for i := 0; i < len(m.pages); i += spotEvery {
		m.pages[i].refAsked = true
		m.outstanding++
		m.ask(i, false)
	}
}

// askRef asks PDFium for page i now, unless it has been asked already.
func (m *merger) askRef(i int) {
	p := &m.pages[i]
	if p.urgent || p.refIn {
		return
	}
	if !p.refAsked {
		m.outstanding++
	}
	p.refAsked, p.urgent = true, true
	m.ask(i, true)
}

// takeDslipak records dslipak's result for a page, and settles the page or
// asks PDFium to referee it.
func (m *merger) takeDslipak(r dsResult) {
	if r.page < 1 || r.page > len(m.pages) {
		return // page 0: the lane has opened the file
	}
	i := r.page - 1
	p := &m.pages[i]
	if p.dsIn {
		return
	}
	p.dsIn, p.dsOK = true, r.err == nil
	for _, f := range r.fonts {
		if !m.fonts[f] {
			m.fonts[f] = true
			p.newFonts = true
		}
	}
	if p.dsOK {
		p.ds = newEngineText(r.text)
		p.alone = accept(p.ds, engineText{}, false)
	}
	switch {
	case p.refIn || !m.needsReferee(i):
		m.settle(i)
	default:
		m.askRef(i)
	}
}

// takeRef records PDFium's reading of a page, and settles the page unless
// dslipak's text for it is still to come.
func (m *merger) takeRef(r refResult) {
	p := &m.pages[r.i]
	p.ref, p.refErr, p.hasImage, p.refIn = r.text, r.err, r.hasImage, true
	m.outstanding--
	if p.dsIn || p.stolen || m.dsGone {
		m.settle(r.i)
	}
}

// escalate makes the referee read every page of the file.
func (m *merger) escalate() {
	if m.suspect {
		return
	}
	m.suspect = true
	for i := range m.pages {
		if m.pages[i].dsIn {
			m.askRef(i)
		}
	}
}

// dslipakEnded settles the pages PDFium has read and asks it for the others
// dslipak never reported on.
func (m *merger) dslipakEnded() {
	m.dsGone = true
	for i := range m.pages {
		switch p := &m.pages[i]; {
		case p.dsIn:
		case p.refIn:
			m.settle(i)
		default:
			m.askRef(i)
		}
	}
}

// steal has PDFium take the first of a silent lane's pages (those it holds)
// that dslipak has not reported on, one page at a time, and tells the lane
// to leave it out if it has to start a new worker.
func (m *merger) steal(run *dslipakRun, held []int) {
	for _, pg := range held {
		p := &m.pages[pg-1]
		switch {
		case p.dsIn:
			continue
		case p.stolen && !p.refIn:
			return // PDFium is at it
		case p.stolen:
			continue
		}
		p.stolen = true
		run.claim(pg)
		if p.refIn {
			m.settle(pg - 1)
			continue
		}
		m.askRef(pg - 1)
		return
	}
}

// finished reports whether every page has its text and PDFium owes none.
func (m *merger) finished() bool {
	return m.done == len(m.pages) && m.outstanding == 0
}

// settle decides page i's text from what the engines have given so far:
// dslipak's when it passes the checks (against PDFium's text when PDFium has
// read the page), PDFium's otherwise. A page may be settled again when the
// other engine's text comes in later; progress hears of it once.
func (m *merger) settle(i int) {
	p := &m.pages[i]
	haveRef := p.refIn && p.refErr == nil
	var text string
	var engine docs.Engine
	if p.alone && !haveRef || p.dsOK && haveRef && accept(p.ds, p.ref, true) {
		text, engine = p.ds.norm, docs.EngineDslipak
	} else {
		text, engine = p.ref.norm, docs.EnginePDFium
	}
	if text == "" {
		engine = docs.EngineNone
	}
	p.page = docs.Page{
		Text:    text,
		Engine:  engine,
		Scanned: text == "" && p.hasImage,
		Blank:   (text == "" && !p.hasImage && haveRef) || isBlankNotice(text),
	}
	if p.alone && p.refIn && engine != docs.EngineDslipak {
		m.escalate()
	}
	if p.settled {
		return
	}
	p.settled = true
	if engine == docs.EngineDslipak {
		m.accepted++
	} else if p.dsIn && p.ref.norm != "" {
		m.wrong++
		if m.accepted == 0 && m.wrong == giveUpAfter {
			m.stopDslipak()
		}
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
