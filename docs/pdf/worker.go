package pdf

// The dslipak engine runs in child processes of the same binary, because a
// page can make it loop and a goroutine cannot be stopped: a process can.
// The children live in a pool owned by the Extractor and serve one file after
// another, so a run of files pays for starting a process (11 ms for the test
// binary, 27 ms for the 60 MB app) once, not per file. The parent writes a
// request for a few pages of a file on a child's stdin and reads one JSON
// line per page from its stdout, then asks for more, killing the child when a
// page takes too long (a new one takes the pages left) or when the file no
// longer needs it.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"panelpapers/docs/pdf/dslipak"
)

// workerEnv is set in the environment of a child started as a worker.
const workerEnv = "PANELPAPERS_EXTRACT_WORKER"

// maxWorkerLine bounds one page's reply; a longer one is treated as a failed page.
const maxWorkerLine = 64 << 20

// workerPageHook, when set, runs in the worker before each page. Tests set it
// (from TestMain) to make a page hang; it is nil in the program.
var workerPageHook func(page int)

// IsExtractWorker reports whether this process was started as an extraction
// worker. main calls it first thing and, if so, runs RunExtractWorker instead
// of the program.
func IsExtractWorker() bool { return os.Getenv(workerEnv) == "1" }

// workerRequest is what the parent asks of a worker: the pages of one file.
type workerRequest struct {
	Path     string `json:"path"`
	Password string `json:"password"`
	Pages    []int  `json:"pages"`
}

// workerReply is one line from a worker: after opening the file, a line with
// Page 0 and the page count (or Error when it cannot open it, which ends the
// request), then a line per requested page. Fonts names the fonts the page
// drew with that this worker had not read before in the file: the referee
// looks at the first page to use each font (see needsReferee).
type workerReply struct {
	Page  int      `json:"page"`
	Pages int      `json:"pages,omitempty"`
	Text  string   `json:"text,omitempty"`
	Fonts []string `json:"fonts,omitempty"`
	Error string   `json:"error,omitempty"`
}

// RunExtractWorker is the worker's whole life: it reads requests from in, one
// at a time, opens each file with dslipak (keeping the last one open, for
// the parent asks for a file's pages a few at a time) and writes each page's
// text to out as soon as it has it. It returns when in reaches its end: with
// 0 between requests (the parent is done with it), with 1 in the middle of
// one (the parent has gone or given up, maybe on a page that never
// finishes), and with 2 when the parent breaks the protocol. The result is
// the process's exit status.
func RunExtractWorker(in io.Reader, out io.Writer) int {
	// dslipak/pdf prints debugging lines with fmt.Println; they must not land
	// in the replies. This process is the worker and nothing else, so
	// pointing the global elsewhere is safe.
	if out == io.Writer(os.Stdout) {
		os.Stdout = os.Stderr
		// Reading a page makes much short-lived garbage: collecting it less
		// often takes a third off the worker's time (measured on the
		// corpus), and the limit keeps a hostile page's heap from growing
		// fivefold unchecked.
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(1 << 30)
	}
	w := bufio.NewWriter(out)
	reply := func(r workerReply) error {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if _, err := w.Write(append(b, '\n')); err != nil {
			return err
		}
		return w.Flush()
	}

	// stdin is read aside, so that its end is seen even while a page runs.
	requests := make(chan []byte)
	quit := make(chan struct{})
	defer close(quit)
	go func() {
		defer close(requests)
		br := bufio.NewReader(in)
		for {
			line, err := br.ReadBytes('\n')
			if len(bytes.TrimSpace(line)) > 0 {
				select {
				case requests <- line:
				case <-quit:
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()

	// The pages are read aside too, and their replies written here, so
	// that this loop knows at every moment whether a request is being
	// answered.
	ws := &workerFile{hook: workerPageHook}
	var answers chan workerReply // nil between requests
	defer func() {
		if answers == nil { // else the file is still in use, until the process ends
			ws.close()
		}
	}()
	owed := 0 // replies the request being answered still owes
	for served := false; ; {
		select {
		case line, ok := <-requests:
			switch {
			case !ok && answers != nil:
				return 1 // the parent left in the middle of a request
			case !ok && !served:
				_ = reply(workerReply{Error: "read request: no request"})
				return 2
			case !ok:
				return 0
			case answers != nil:
				return 2 // a request before the last one was answered
			}
			var req workerRequest
			if err := json.Unmarshal(line, &req); err != nil {
				_ = reply(workerReply{Error: fmt.Sprintf("read request: %v", err)})
				return 2
			}
			served, owed = true, 1+len(req.Pages)
			answers = make(chan workerReply)
			go ws.serve(req, answers, quit)
		case r := <-answers:
			if reply(r) != nil {
				return 1 // stdout is gone
			}
			if owed--; owed == 0 || (r.Page == 0 && r.Error != "") {
				answers = nil
			}
		}
	}
}

// workerFile is the file a worker has open, kept from one request to the
// next. Only the goroutine answering a request uses it, and one request is
// answered at a time.
type workerFile struct {
	hook  func(page int)
	key   string // path, password, size and time of the open file
	f     *os.File
	d     *dslipak.Doc
	fonts map[string]bool // the font dictionaries read so far
	names map[string]bool // and the fonts they are
}

func (ws *workerFile) close() {
	if ws.f != nil {
		ws.f.Close()
	}
	*ws = workerFile{hook: ws.hook}
}

// open makes the request's file the open one.
func (ws *workerFile) open(req workerRequest) error {
	st, err := os.Stat(req.Path)
	if err != nil {
		return err
	}
	key := fmt.Sprintf("%s\x00%s\x00%d\x00%d", req.Path, req.Password, st.Size(), st.ModTime().UnixNano())
	if ws.d != nil && key == ws.key {
		return nil
	}
	ws.close()
	f, err := os.Open(req.Path)
	if err != nil {
		return err
	}
	d, err := dslipak.Open(f, st.Size(), req.Password)
	if err != nil {
		f.Close()
		return err
	}
	ws.key, ws.f, ws.d = key, f, d
	ws.fonts, ws.names = map[string]bool{}, map[string]bool{}
	return nil
}

// serve answers one request on answers, a reply a line, until it is done or
// quit closes. A file that cannot be opened gets one reply saying so.
func (ws *workerFile) serve(req workerRequest, answers chan<- workerReply, quit <-chan struct{}) {
	answer := func(r workerReply) bool {
		select {
		case answers <- r:
			return true
		case <-quit:
			return false
		}
	}
	if err := ws.open(req); err != nil {
		ws.close()
		answer(workerReply{Error: err.Error()})
		return
	}
	d := ws.d
	if !answer(workerReply{Pages: d.NumPages()}) {
		return
	}
	for _, n := range req.Pages {
		if ws.hook != nil {
			ws.hook(n)
		}
		r := workerReply{Page: n}
		if n < 1 || n > d.NumPages() {
			r.Error = fmt.Sprintf("no page %d in %d", n, d.NumPages())
		} else {
			text, err := d.PageText(n)
			r.Fonts = ws.newFonts()
			if err != nil {
				r.Error = err.Error()
			} else {
				r.Text = text
			}
		}
		if !answer(r) {
			return
		}
	}
}

// newFonts names the fonts the last page read that were not read before
// in the file. The document's font cache (dslipak.go) is keyed by the font
// dictionary's text, and its growth shows the dictionaries a page is the
// first to use; but a PDF may hold the same font in a dictionary per page
// (Excel's and Acrobat's do, each with its own ToUnicode of the glyphs the
// page uses), so a font is known by the name of its program — subset tag
// included, which sets apart the same typeface embedded by two documents
// merged into one pack — and by the whole dictionary when it has no name.
// Only this goroutine uses the document, so reading the cache unlocked is
// safe.
func (ws *workerFile) newFonts() []string {
	if len(ws.d.Fonts) < len(ws.fonts) {
		clear(ws.fonts) // the cache was emptied: start again
	}
	var found []string
	for key := range ws.d.Fonts {
		if ws.fonts[key] {
			continue
		}
		ws.fonts[key] = true
		if name := fontName(key); !ws.names[name] {
			ws.names[name] = true
			found = append(found, name)
		}
	}
	return found
}

// fontName is the /BaseFont of a font dictionary's text, or, when it has
// none, a digest of the whole text.
func fontName(dict string) string {
	const tag = "/BaseFont /"
	i := strings.Index(dict, tag)
	if i < 0 {
		h := fnv.New64a()
		h.Write([]byte(dict))
		return fmt.Sprintf("dict %x", h.Sum64())
	}
	name := dict[i+len(tag):]
	if j := strings.IndexAny(name, " /<>[]()"); j >= 0 {
		name = name[:j]
	}
	return name
}

// dsResult is what the dslipak engine made of one page. Err is set when it
// failed: an error on the page, a timeout, a crash. Page 0 is a lane's word
// that its worker has opened the file.
type dsResult struct {
	lane  int // which of the run's lanes it comes from
	page  int
	text  string
	fonts []string // new to the worker
	err   error
}

// Reasons a page gets no dslipak text.
var (
	errPageTimeout = errors.New("dslipak took too long on the page")
	errWorkerDied  = errors.New("dslipak worker stopped")
)

// errNotOpened is a worker's answer that it cannot open the file. The worker
// is sound and goes back to the pool.
var errNotOpened = errors.New("dslipak cannot open the file")

// maxStrikes is how many hung or crashed pages a file may cost before dslipak
// is given up for it: a second hang in one file means the file is hostile to
// it, and every further try would only cost another PageTimeout.
const maxStrikes = 2

// dslipakRun is dslipak at work on one file in a few lanes, each a worker
// from the pool at a time, taking the file's pages from a queue a few at a
// time, so that lanes finish together however uneven the pages.
type dslipakRun struct {
	results <-chan dsResult // closed once every lane has ended
	stop    context.CancelFunc

	mu     sync.Mutex
	queue  []int   // pages no lane has taken yet, in order
	inHand [][]int // each lane's pages taken and not yet reported, in order
	// claimed marks pages the caller no longer wants from dslipak: lanes
	// leave them out of their next requests.
	claimed map[int]bool
}

// startDslipak asks dslipak for the given pages of the file in up to
// x.workers() lanes. The results channel closes when all are done, the
// budget is spent, too many pages hung, stop is called or ctx ends; pages
// never reported are the caller's to get elsewhere. Nothing outlives the
// closing of the channel: a worker still busy then has been killed and
// waited for, the others are back in the pool.
func (x *Extractor) startDslipak(ctx context.Context, path, password string, pages []int) *dslipakRun {
	ctx, cancel := context.WithTimeout(ctx, x.fileBudget())
	out := make(chan dsResult)
	run := &dslipakRun{results: out, stop: cancel, queue: pages, claimed: map[int]bool{}}
	pool := x.workerPool()
	lanes := min(x.workers(), len(pages))
	if pool == nil {
		lanes = 0
	}
	run.inHand = make([][]int, lanes)
	var wg sync.WaitGroup
	var strikes atomic.Int32
	for l := range lanes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x.runLane(ctx, pool, run, l, path, password, out, &strikes)
		}()
	}
	go func() {
		wg.Wait()
		cancel()
		close(out)
	}()
	return run
}

// minBatch is the fewest pages a lane asks for at a time, unless fewer are
// left: each request is a round trip to the worker.
const minBatch = 4

// take gives lane the next pages to ask for: half its share of the queue,
// which shrinks as the queue does, so that the lanes' last requests are
// small and they finish together.
func (r *dslipakRun) take(lane int) []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	for len(r.queue) > 0 && r.claimed[r.queue[0]] {
		r.queue = r.queue[1:]
	}
	k := min(len(r.queue), max(minBatch, (len(r.queue)+2*len(r.inHand)-1)/(2*len(r.inHand))))
	batch := r.queue[:k:k]
	r.queue = r.queue[k:]
	r.inHand[lane] = batch
	return batch
}

// keep records the pages lane still holds, less those claimed.
func (r *dslipakRun) keep(lane int, pages []int) []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	var left []int
	for _, p := range pages {
		if !r.claimed[p] {
			left = append(left, p)
		}
	}
	r.inHand[lane] = left
	return left
}

// claim takes page away from dslipak: no lane asks for it any more.
func (r *dslipakRun) claim(page int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.claimed[page] = true
}

// held is the pages lane has taken and not reported, as last recorded.
func (r *dslipakRun) held(lane int) []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.inHand[lane]
}

// runLane asks a worker for pages until none are left: a worker that hangs
// or dies is killed and replaced, without the page it failed on, until the
// strikes run out.
func (x *Extractor) runLane(ctx context.Context, pool *workerPool, run *dslipakRun, lane int, path, password string, out chan<- dsResult, strikes *atomic.Int32) {
	var w *dsWorker
	defer func() {
		if w != nil {
			pool.put(w)
		}
	}()
	var pages []int
	for ctx.Err() == nil {
		if pages = run.keep(lane, pages); len(pages) == 0 {
			if pages = run.take(lane); len(pages) == 0 {
				return
			}
		}
		// The import's meter counts the worker's time, its start included.
		end := meterOf(ctx).begin()
		if w == nil {
			var err error
			if w, err = pool.get(); err != nil {
				end()
				return // no worker can start: PDFium does the pages
			}
		}
		done, err := x.runRequest(ctx, w, lane, path, password, pages, out)
		end()
		pages = pages[done:]
		switch {
		case err == nil:
			continue
		case errors.Is(err, errNotOpened):
			return
		}
		w = nil // killed
		switch {
		case len(pages) == 0, ctx.Err() != nil:
			return
		case errors.Is(err, errPageTimeout), errors.Is(err, errWorkerDied):
			send(ctx, out, dsResult{lane: lane, page: pages[0], err: err})
			pages = pages[1:]
			if strikes.Add(1) >= maxStrikes {
				return
			}
		default: // the worker broke the protocol or did not open the file in time: no use retrying
			return
		}
	}
}

// send delivers r unless ctx has ended (then nobody is listening any more).
func send(ctx context.Context, out chan<- dsResult, r dsResult) bool {
	select {
	case out <- r:
		return true
	case <-ctx.Done():
		return false
	}
}

// runRequest asks worker w for pages of the file and reports each page it
// finishes as the lane's. It returns how many pages it finished (in order) and why it
// stopped early: errPageTimeout, errWorkerDied, errNotOpened, ctx's error, or
// another error. After a nil error or errNotOpened the worker may serve
// another request; after any other it has been killed.
func (x *Extractor) runRequest(ctx context.Context, w *dsWorker, lane int, path, password string, pages []int, out chan<- dsResult) (done int, err error) {
	req, err := json.Marshal(workerRequest{Path: path, Password: password, Pages: pages})
	if err != nil {
		return 0, err
	}
	// The request is small, but a worker stuck before reading it must not
	// block us: write it aside; a kill closes the pipe and ends the write.
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		_, _ = w.stdin.Write(append(req, '\n'))
	}()
	// The write is over before the worker is reused; one that is not to be
	// reused is killed here, which closes stdin and so ends the write.
	defer func() {
		if err != nil && !errors.Is(err, errNotOpened) {
			w.kill()
		}
		<-writerDone
	}()

	timer := time.NewTimer(x.pageTimeout())
	defer timer.Stop()
	opened := false
	for done < len(pages) {
		select {
		case r, ok := <-w.replies:
			if !ok {
				if !opened {
					// Not a strike: no page is to blame, and a retry would die the same way.
					return 0, errors.New("dslipak worker stopped before opening the file")
				}
				return done, errWorkerDied
			}
			timer.Reset(x.pageTimeout())
			switch {
			case !opened && r.Page == 0 && r.Error != "":
				return 0, fmt.Errorf("%w: %s", errNotOpened, r.Error)
			case !opened && r.Page == 0:
				opened = true
				// Page 0 tells the caller the lane is at work.
				if !send(ctx, out, dsResult{lane: lane}) {
					return done, ctx.Err()
				}
			case opened && r.Page == pages[done]:
				res := dsResult{lane: lane, page: r.Page, text: r.Text, fonts: r.Fonts}
				if r.Error != "" {
					res.err = errors.New(r.Error)
				}
				if !send(ctx, out, res) {
					return done, ctx.Err()
				}
				done++
			default:
				return done, fmt.Errorf("dslipak worker: reply for page %d out of turn: %w", r.Page, errWorkerDied)
			}
		case <-timer.C:
			if !opened {
				// Opening is all-or-nothing for the file: no page is to blame.
				return 0, fmt.Errorf("dslipak: opening took more than %v", x.pageTimeout())
			}
			return done, errPageTimeout
		case <-ctx.Done():
			return done, ctx.Err()
		}
	}
	return done, nil
}

// dsWorker is one worker process.
type dsWorker struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	replies chan workerReply // closed when the worker's stdout ends
	idle    *time.Timer      // while it waits in the pool: its expiry
	once    sync.Once
}

// startWorker starts exe as a worker.
func startWorker(exe string) (*dsWorker, error) {
	cmd := exec.Command(exe)
	// One core at a time: dslipak reads a page on one goroutine, and the
	// time a worker is busy then bounds its CPU time (see DefaultImportBudget).
	// Measured on the corpus, it reads no slower so.
	cmd.Env = append(os.Environ(), workerEnv+"=1", "GOMAXPROCS=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("start dslipak worker: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("start dslipak worker: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start dslipak worker: %w", err)
	}
	w := &dsWorker{cmd: cmd, stdin: stdin, replies: make(chan workerReply)}
	// The reader stops at the end of stdout, which comes when the worker
	// exits or is killed; kill drains what it still has to give.
	go func() {
		defer close(w.replies)
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 0, 64<<10), maxWorkerLine)
		for sc.Scan() {
			var r workerReply
			b := sc.Bytes()
			if !bytes.HasPrefix(b, []byte(`{"page":`)) || json.Unmarshal(b, &r) != nil {
				continue // stray output, not a reply
			}
			w.replies <- r
		}
	}()
	return w, nil
}

// kill stops the worker and waits for it; killing twice is harmless.
func (w *dsWorker) kill() {
	w.once.Do(func() {
		_ = w.cmd.Process.Kill()
		_ = w.stdin.Close()
		for range w.replies { // the kill closes the worker's end of stdout
		}
		_ = w.cmd.Wait()
	})
}

// DefaultWorkerIdle is how long a worker waits in the pool for another file
// before it is stopped: long enough for the next file of an import or a
// sync, short enough that an Extractor nobody closes leaves nothing behind
// for long.
const DefaultWorkerIdle = 30 * time.Second

// workerPool keeps workers between files.
type workerPool struct {
	exe     string
	size    int           // idle workers kept at most
	idleFor time.Duration // an idle worker's time to live
	spawned func(pid int)

	mu     sync.Mutex
	idle   []*dsWorker
	closed bool
}

// get takes an idle worker, or starts one.
func (p *workerPool) get() (*dsWorker, error) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		w := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		// Off the list, it is ours even if its expiry has fired: expire
		// only stops workers it still finds there.
		w.idle.Stop()
		return w, nil
	}
	closed := p.closed
	p.mu.Unlock()
	if closed {
		return nil, errors.New("start dslipak worker: the extractor is closed")
	}
	w, err := startWorker(p.exe)
	if err != nil {
		return nil, err
	}
	if p.spawned != nil {
		p.spawned(w.cmd.Process.Pid)
	}
	return w, nil
}

// put gives back a worker that has answered its request in full.
func (p *workerPool) put(w *dsWorker) {
	p.mu.Lock()
	keep := !p.closed && len(p.idle) < p.size
	if keep {
		w.idle = time.AfterFunc(p.idleFor, func() { p.expire(w) })
		p.idle = append(p.idle, w)
	}
	p.mu.Unlock()
	if !keep {
		w.kill()
	}
}

// expire stops w if it is still idle.
func (p *workerPool) expire(w *dsWorker) {
	p.mu.Lock()
	found := false
	for i, v := range p.idle {
		if v == w {
			p.idle = append(p.idle[:i], p.idle[i+1:]...)
			found = true
			break
		}
	}
	p.mu.Unlock()
	if found {
		w.kill()
	}
}

// close stops the idle workers; busy ones stop when they are given back.
func (p *workerPool) close() {
	p.mu.Lock()
	p.closed = true
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()
	for _, w := range idle {
		w.idle.Stop()
		w.kill()
	}
}
