package pdf

// Extraction turns a PDF into pages of text with two independent engines:
// dslipak/pdf (in killable child processes, see worker.go), whose text pages
// keep, and PDFium (see pdfium.go), which referees it on the pages described
// at needsReferee and stands in for it wherever its text fails the checks in
// accept.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"

	"panelpapers/docs"
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
	// Budget is the engine time a file may cost, dslipak's and PDFium's
	// added up (see DefaultImportBudget). When it is spent, both stop, and
	// the pages they have not read are marked Unread.
	Budget time.Duration
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

func (x *Extractor) pageTimeout() time.Duration {
	return orDefault(x.PageTimeout, DefaultPageTimeout*patience())
}
func (x *Extractor) fileBudget() time.Duration {
	return orDefault(x.FileBudget, DefaultFileBudget*patience())
}

// patience scales the default deadlines by $PANELPAPERS_PATIENCE (a whole
// number, 1 when unset): on a machine so slow (or a test run under the race
// detector so loaded) that a sound page outlasts them, the page would go to
// PDFium, whose text differs in small ways from dslipak's, and a paper read
// twice would read differently. Tests that compare extracted text byte for
// byte set it; the app never does.
var patience = sync.OnceValue(func() time.Duration {
	n, err := strconv.Atoi(os.Getenv("PANELPAPERS_PATIENCE"))
	if err != nil || n < 1 {
		return 1
	}
	return time.Duration(n)
})

func (x *Extractor) budget() time.Duration { return orDefault(x.Budget, DefaultImportBudget) }

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
// A page neither engine could read within its bounds (PDFium's Limits, the
// file's Budget) comes back Unread, with no text; the other pages are read
// as ever.
//
// A file that cannot be used fails with ErrEmptyFile, ErrNotPDF,
// ErrLooksHTML, ErrFileTooLarge, ErrDamaged, ErrEncrypted, ErrBadPassword or
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

// titleTimeout bounds the opening Title makes: a sound file opens in
// milliseconds, and a file slow to open, whose Extract has already spent
// most of the import's budget, is read without its Title.
const titleTimeout = time.Second

// Title reads the Title metadata of the PDF at path: what its author's
// program put there, often a template's name or another meeting's, so the
// agenda reader trusts it last. "" when the file has none.
func (x *Extractor) Title(ctx context.Context, path, password string) (string, error) {
	data, err := readPDF(path)
	if err != nil {
		return "", fmt.Errorf("read the title of %s: %w", path, err)
	}
	octx, cancel := context.WithTimeout(ctx, min(titleTimeout, x.budget()))
	defer cancel()
	doc, err := x.PDFium.openForImport(octx, data, password)
	if err != nil {
		return "", fmt.Errorf("read the title of %s: %w", path, err)
	}
	defer doc.Close()
	return doc.Title(), nil
}

func (x *Extractor) extract(ctx context.Context, path, password string, progress func(done, total int)) ([]docs.Page, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := readPDF(path)
	if err != nil {
		return nil, err
	}
	// Every engine's work on the file is counted (meter), and stopped
	// (engines) once the budget is spent.
	budget, meter := x.budget(), newMeter()
	engines, stopEngines := context.WithCancel(ctx)
	defer stopEngines()
	engines = withMeter(engines, meter)

	// The opening, too, is bounded by the budget.
	octx, cancel := context.WithTimeout(engines, budget)
	doc, err := x.PDFium.openForImport(octx, data, password)
	cancel()
	if err != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		return nil, fmt.Errorf("PDFium could not open it in %v: %w", budget, docs.ErrDamaged)
	}
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

	ref := startReferee(engines, doc, n)
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
		run = x.startDslipak(engines, path, doc.Password(), all)
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
	wait := orDefault(x.stealAfter, stealAfter*patience())
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
			if meter.used() >= budget {
				// Both engines stop at once: dslipak's lanes end, and
				// PDFium gives up the page in hand and those still asked
				// for, which come back unread.
				stopEngines()
			}
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
		return nil, fmt.Errorf("%d MB: %w", st.Size()>>20, docs.ErrFileTooLarge)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, docs.ErrEmptyFile
	}
	if err := docs.Sniff(data); err != nil {
		return nil, err
	}
	return data, nil
}
