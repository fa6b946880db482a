package pdf

import (
	"errors"

	"panelpapers/docs"
)

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
		// Empty because PDFium gave up on it, and dslipak had no text that
		// could stand alone: the page's text is unknown, not absent.
		Unread: text == "" && p.refIn && gaveUp(p.refErr),
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

// gaveUp reports whether PDFium's reading failed on a bound: the page took
// too long or wanted too much memory, or the import's budget ran out.
func gaveUp(err error) bool {
	return errors.Is(err, docs.ErrPageTimeout) || errors.Is(err, docs.ErrPageOutOfMemory) || errors.Is(err, errBudgetSpent)
}
