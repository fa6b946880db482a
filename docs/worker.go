package docs

// The dslipak engine runs in a child process of the same binary, because its
// PageText can loop forever on a hostile page and a goroutine cannot be
// stopped: a process can. The parent sends one request on the child's stdin
// and reads one JSON line per page from its stdout, killing the child when a
// page takes too long and starting another for the pages left.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"time"
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

// workerRequest is what the parent asks of a worker.
type workerRequest struct {
	Path     string `json:"path"`
	Password string `json:"password"`
	Pages    []int  `json:"pages"`
}

// workerReply is one line from a worker: after opening the file, a line with
// Page 0 and the page count (or Error when it cannot open it), then a line
// per requested page.
type workerReply struct {
	Page  int    `json:"page"`
	Pages int    `json:"pages,omitempty"`
	Text  string `json:"text,omitempty"`
	Error string `json:"error,omitempty"`
}

// RunExtractWorker is the worker's whole life: it reads a request from in,
// opens the file with dslipak and writes each page's text to out as soon as
// it has it. It returns when the pages are done, or when in reaches its end
// (the parent has gone or given up), and gives the process's exit status.
func RunExtractWorker(in io.Reader, out io.Writer) int {
	// dslipak/pdf prints debugging lines with fmt.Println; they must not land
	// in the replies. This process is the worker and nothing else, so
	// pointing the global elsewhere is safe.
	if out == io.Writer(os.Stdout) {
		os.Stdout = os.Stderr
	}
	br := bufio.NewReader(in)
	var req workerRequest
	line, err := br.ReadBytes('\n')
	if err == nil || (err == io.EOF && len(line) > 0) {
		err = json.Unmarshal(line, &req)
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
	if err != nil {
		_ = reply(workerReply{Error: fmt.Sprintf("read request: %v", err)})
		return 2
	}
	f, err := os.Open(req.Path)
	if err != nil {
		_ = reply(workerReply{Error: err.Error()})
		return 1
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		_ = reply(workerReply{Error: err.Error()})
		return 1
	}
	d, err := openDslipak(f, st.Size(), req.Password)
	if err != nil {
		_ = reply(workerReply{Error: err.Error()})
		return 1
	}
	if reply(workerReply{Pages: d.NumPages()}) != nil {
		return 1
	}

	// The parent keeps our stdin open while it wants answers; its end means
	// stop, even in the middle of a page that never finishes.
	gone := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, br)
		close(gone)
	}()
	done := make(chan int, 1)
	hook := workerPageHook
	go func() {
		for _, n := range req.Pages {
			if hook != nil {
				hook(n)
			}
			r := workerReply{Page: n}
			if n < 1 || n > d.NumPages() {
				r.Error = fmt.Sprintf("no page %d in %d", n, d.NumPages())
			} else if text, err := d.PageText(n); err != nil {
				r.Error = err.Error()
			} else {
				r.Text = text
			}
			if reply(r) != nil {
				done <- 1
				return
			}
		}
		done <- 0
	}()
	select {
	case code := <-done:
		return code
	case <-gone:
		return 1
	}
}

// dsResult is what the dslipak engine made of one page. Err is set when it
// failed: an error on the page, a timeout, a crash.
type dsResult struct {
	page int
	text string
	err  error
}

// Reasons a page gets no dslipak text.
var (
	errPageTimeout = errors.New("dslipak took too long on the page")
	errWorkerDied  = errors.New("dslipak worker stopped")
)

// maxStrikes is how many hung or crashed pages a file may cost before dslipak
// is given up for it: a second hang in one file means the file is hostile to
// it, and every further try would only cost another PageTimeout.
const maxStrikes = 2

// minPagesPerLane is the fewest pages worth a child process of their own.
const minPagesPerLane = 8

// dslipakRun is dslipak at work on one file in a few child processes.
type dslipakRun struct {
	results <-chan dsResult // closed once every child has been waited for
	stop    context.CancelFunc
}

// startDslipak asks dslipak for the given pages in up to x.workers()
// children, interleaving the pages so that they finish at about the same time. The
// results channel closes when all are done, the budget is spent, too many
// pages hung, or ctx ends; pages never reported are left to PDFium. Nothing
// outlives the closing of the channel: every child is killed and waited for.
func (x *Extractor) startDslipak(ctx context.Context, exe, path, password string, pages []int) *dslipakRun {
	ctx, cancel := context.WithTimeout(ctx, x.fileBudget())
	out := make(chan dsResult)
	var wg sync.WaitGroup
	var strikes atomic.Int32
	// Another child pays for its start (a few milliseconds, and the file
	// parsed again) only when there are pages enough to share.
	lanes := min(x.workers(), max(1, len(pages)/minPagesPerLane))
	for l := 0; l < lanes; l++ {
		var mine []int
		for i := l; i < len(pages); i += lanes {
			mine = append(mine, pages[i])
		}
		if len(mine) == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			x.runLane(ctx, exe, path, password, mine, out, &strikes)
		}()
	}
	go func() {
		wg.Wait()
		cancel()
		close(out)
	}()
	return &dslipakRun{results: out, stop: cancel}
}

// runLane gets the pages done one child after another: a child that hangs
// or dies is replaced, without the page it failed on, until the strikes run
// out.
func (x *Extractor) runLane(ctx context.Context, exe, path, password string, pages []int, out chan<- dsResult, strikes *atomic.Int32) {
	for len(pages) > 0 && ctx.Err() == nil {
		done, err := x.runChild(ctx, exe, path, password, pages, out)
		pages = pages[done:]
		switch {
		case len(pages) == 0, ctx.Err() != nil:
			return
		case errors.Is(err, errPageTimeout), errors.Is(err, errWorkerDied):
			send(ctx, out, dsResult{page: pages[0], err: err})
			pages = pages[1:]
			if strikes.Add(1) >= maxStrikes {
				return
			}
		default: // the file does not open, or the worker cannot start: no use retrying
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

// runChild runs one worker over pages and reports each page it finishes. It
// returns how many pages it finished (in order) and why it stopped early:
// errPageTimeout, errWorkerDied, ctx's error, or another error when the file
// cannot be opened or the worker not started. The child is killed and waited
// for on every path.
func (x *Extractor) runChild(ctx context.Context, exe, path, password string, pages []int, out chan<- dsResult) (int, error) {
	req, err := json.Marshal(workerRequest{Path: path, Password: password, Pages: pages})
	if err != nil {
		return 0, err
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), workerEnv+"=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return 0, fmt.Errorf("start dslipak worker: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, fmt.Errorf("start dslipak worker: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("start dslipak worker: %w", err)
	}
	if x.spawned != nil {
		x.spawned(cmd.Process.Pid)
	}

	// The reader stops at the end of stdout, which comes when the child
	// exits or is killed; quit lets it drop a line nobody will take.
	lines := make(chan workerReply)
	quit := make(chan struct{})
	readerDone := make(chan struct{})
	go func() {
		defer close(readerDone)
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 0, 64<<10), maxWorkerLine)
		for sc.Scan() {
			var r workerReply
			b := sc.Bytes()
			if !bytes.HasPrefix(b, []byte(`{"page":`)) || json.Unmarshal(b, &r) != nil {
				continue // stray output, not a reply
			}
			select {
			case lines <- r:
			case <-quit:
				return
			}
		}
	}()
	// The request is small, but a child stuck before reading it must not
	// block us: write it aside; closing the pipe ends the write.
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		_, _ = stdin.Write(append(req, '\n'))
	}()
	defer func() {
		_ = cmd.Process.Kill()
		close(quit)
		_ = stdin.Close()
		<-writerDone
		<-readerDone // the kill closes the child's end of stdout
		_ = cmd.Wait()
	}()

	timer := time.NewTimer(x.pageTimeout())
	defer timer.Stop()
	opened := false
	done := 0
	for done < len(pages) {
		select {
		case r, ok := <-lines:
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
				return 0, fmt.Errorf("dslipak: %s", r.Error)
			case !opened && r.Page == 0:
				opened = true
			case opened && r.Page == pages[done]:
				res := dsResult{page: r.Page, text: r.Text}
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
