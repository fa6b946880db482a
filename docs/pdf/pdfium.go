package pdf

// PDFium as the program sees it: an engine of worker processes (see
// pfworker.go), in two lanes so that drawing for the reader never waits
// behind an import, each call bounded in time by killing the worker that
// overruns and in memory by the worker's cap.

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"sync"
	"time"

	"panelpapers/docs"
)

// Defaults for the Limits' zero fields.
const (
	// DefaultReadTimeout bounds reading one page: its text, its character
	// boxes, its size. PDFium reads a page in a few milliseconds; the
	// slowest real page seen took a tenth of a second.
	DefaultReadTimeout = 2 * time.Second
	// DefaultDrawTimeout bounds drawing one page. A page draws in 5–10 ms at
	// reading sizes; maps and scans at high zoom take longer.
	DefaultDrawTimeout = 5 * time.Second
	// DefaultOpenTimeout bounds opening a file, its bytes sent to the
	// worker included.
	DefaultOpenTimeout = 10 * time.Second
	// DefaultMemoryLimit caps the WebAssembly memory of each worker's
	// PDFium: room for the largest drawing Render allows (320 MB) and the
	// file and images behind it.
	DefaultMemoryLimit = 1 << 30
)

// startTimeout bounds starting a worker, which the first time on a machine
// compiles PDFium (2.4 s here, more on a slow laptop).
const startTimeout = 2 * time.Minute

// recycleAbove is how much WebAssembly memory a worker may keep beyond the
// copies of its open files: memory never shrinks, so one that grew past it
// for a big page is replaced after the call, and its memory given back.
const recycleAbove = 256 << 20

// recycleOnCloseAbove is how much a worker may keep once a document is
// closed: a paper read zoomed in grows it by tens of megabytes (a page
// drawn at 16 megapixels is 64 MB), which closing the paper is the moment
// to give back, at the cost of a fresh worker for the next paper.
const recycleOnCloseAbove = 64 << 20

// importIdle is how long the import lane's worker waits for work before it
// stops: imports come in runs (a sync, a folder), and the reader's worker
// serves the window throughout.
const importIdle = time.Minute

// Limits bound PDFium's work; zero fields mean the defaults above.
type Limits struct {
	ReadTimeout time.Duration // one page's text, character boxes or size
	DrawTimeout time.Duration // drawing one page
	OpenTimeout time.Duration // opening a file
	MemoryLimit int64         // bytes of WebAssembly memory a worker's PDFium may have
}

func (l Limits) withDefaults() Limits {
	l.ReadTimeout = orDefault(l.ReadTimeout, DefaultReadTimeout)
	l.DrawTimeout = orDefault(l.DrawTimeout, DefaultDrawTimeout)
	l.OpenTimeout = orDefault(l.OpenTimeout, DefaultOpenTimeout)
	if l.MemoryLimit <= 0 {
		l.MemoryLimit = DefaultMemoryLimit
	}
	return l
}

// PDFium is the PDF engine: PDFium in worker processes, one for the reader
// (Open, and the Renderer) and one for imports (Extractor), each doing one
// call at a time. A call that takes longer than its Limits fails with
// docs.ErrPageTimeout, a page that fills the memory cap with
// docs.ErrPageOutOfMemory; either way the worker is replaced and the next
// call goes on, documents opened before included. Start it once with
// StartPDFium and share it; Close it when the program ends.
type PDFium struct {
	exe      string
	cacheDir string
	lim      Limits
	reader   *lane
	importer *lane
	spawned  func(pid int) // tests hear of each worker started
}

// StartPDFium starts the engine with the default Limits. cacheDir holds
// wazero's compiled copy of PDFium, which every worker shares: the first
// start compiles it (~2.4 s), later starts load it (~70 ms). An empty
// cacheDir compiles in each worker every time.
func StartPDFium(cacheDir string) (*PDFium, error) {
	return StartPDFiumWithLimits(cacheDir, Limits{})
}

// StartPDFiumWithLimits starts the engine with the given limits. It returns
// once the reader's worker is ready; the import lane's starts with the
// first import.
func StartPDFiumWithLimits(cacheDir string, lim Limits) (*PDFium, error) {
	return startPDFium(cacheDir, lim, nil)
}

func startPDFium(cacheDir string, lim Limits, spawned func(int)) (*PDFium, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("start PDFium: %w", err)
	}
	p := &PDFium{exe: exe, cacheDir: cacheDir, lim: lim.withDefaults(), spawned: spawned}
	// The reader's worker is replaced at once when it is killed, so that
	// the next page does not wait for a worker to start; the import's is
	// started by the call that needs it, which its meter then counts.
	p.reader = &lane{p: p, name: "reader", prestart: true}
	p.importer = &lane{p: p, name: "import", idleFor: importIdle}
	p.reader.calls.Lock()
	err = p.reader.ensure(context.Background())
	p.reader.calls.Unlock()
	if err != nil {
		p.Close()
		return nil, fmt.Errorf("start PDFium: %w", err)
	}
	return p, nil
}

// Close stops the engine's workers, a call in progress included. Documents
// still open become unusable. Closing twice is harmless.
func (p *PDFium) Close() error {
	p.reader.close()
	p.importer.close()
	return nil
}

// lane is a worker process and the calls made of it, one at a time. When a
// call overruns, the worker is killed and another started at once in the
// background; documents opened in the old one are opened again in the new
// one when next used (gen tells them).
type lane struct {
	p        *PDFium
	name     string
	prestart bool          // start the next worker as soon as one is dropped
	idleFor  time.Duration // stop an idle worker after this; 0 keeps it

	calls sync.Mutex // held by a call from start to end

	mu     sync.Mutex // guards the fields below
	proc   *pfProc    // the worker, or nil
	next   chan procStart
	gen    int  // bumped whenever the worker's documents are lost
	inCall bool // a request is with the worker
	closed bool
	idle   *time.Timer
}

type procStart struct {
	proc *pfProc
	err  error
}

// ensure makes sure the lane has a worker, starting one if need be. The
// caller holds l.calls.
func (l *lane) ensure(ctx context.Context) error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return errors.New("PDFium is closed")
	}
	if l.idle != nil {
		l.idle.Stop()
	}
	if l.proc != nil {
		l.mu.Unlock()
		return nil
	}
	if l.next == nil {
		l.next = l.startAsync()
	}
	next := l.next
	l.mu.Unlock()
	var r procStart
	select {
	case r = <-next:
	case <-ctx.Done():
		return ctx.Err() // the worker goes on starting, for the next call
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.next = nil
	switch {
	case r.err != nil:
		return r.err
	case l.closed:
		r.proc.kill()
		return errors.New("PDFium is closed")
	}
	l.proc = r.proc
	l.gen++
	return nil
}

// startAsync starts a worker on a goroutine. The caller holds l.mu.
func (l *lane) startAsync() chan procStart {
	ch := make(chan procStart, 1)
	go func() {
		w, err := startPFProc(l.p.exe, l.p.cacheDir, l.p.lim.MemoryLimit)
		if err == nil && l.p.spawned != nil {
			l.p.spawned(w.cmd.Process.Pid)
		}
		ch <- procStart{w, err}
	}()
	return ch
}

// drop ends worker w, if it is still the lane's, and starts the next one
// when restart is set and the lane starts its workers ahead.
func (l *lane) drop(w *pfProc, restart bool) {
	l.mu.Lock()
	if l.proc == w {
		l.proc = nil
		l.gen++
		if restart && l.prestart && !l.closed && l.next == nil {
			l.next = l.startAsync()
		}
	}
	l.mu.Unlock()
	w.kill()
}

// done ends a call: an idle lane's worker stops after idleFor. The caller
// holds l.calls, and releases it after.
func (l *lane) done() {
	if l.idleFor <= 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return
	}
	if l.idle == nil {
		l.idle = time.AfterFunc(l.idleFor, l.stopIdle)
	} else {
		l.idle.Reset(l.idleFor)
	}
}

func (l *lane) stopIdle() {
	if !l.calls.TryLock() {
		return // busy after all: done will set the timer again
	}
	defer l.calls.Unlock()
	l.mu.Lock()
	w := l.proc
	l.mu.Unlock()
	if w != nil {
		l.drop(w, false)
	}
}

// close kills the worker and one still starting, and waits for both.
func (l *lane) close() {
	l.mu.Lock()
	l.closed = true
	w, next := l.proc, l.next
	l.proc, l.next = nil, nil
	if l.idle != nil {
		l.idle.Stop()
	}
	l.mu.Unlock()
	if w != nil {
		w.kill()
	}
	if next != nil {
		if r := <-next; r.proc != nil {
			r.proc.kill()
		}
	}
}

// busy reports whether a request is with the lane's worker; for tests.
func (l *lane) busy() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inCall
}

// pid is the lane's worker's process id, or 0; for tests.
func (l *lane) pid() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.proc == nil {
		return 0
	}
	return l.proc.cmd.Process.Pid
}

// errCallTimeout is a call that overran: the worker has been killed.
var errCallTimeout = errors.New("PDFium overran")

// roundTrip sends a request to the lane's worker and waits for the reply,
// at most timeout: then, or when ctx ends, the worker is killed and the
// next started. The caller holds l.calls and has called ensure.
func (l *lane) roundTrip(ctx context.Context, req pfRequest, raw []byte, timeout time.Duration) (pfReply, []byte, error) {
	l.mu.Lock()
	w := l.proc
	l.inCall = w != nil
	l.mu.Unlock()
	if w == nil {
		return pfReply{}, nil, errors.New("PDFium is closed")
	}
	defer func() {
		l.mu.Lock()
		l.inCall = false
		l.mu.Unlock()
	}()
	req.Size = len(raw)
	sent := make(chan error, 1)
	go func() { sent <- w.conn.send(req, raw) }()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case m, ok := <-w.replies:
		if !ok {
			// The worker stopped: it crashed, or was closed under us.
			l.drop(w, true)
			<-sent
			return pfReply{}, nil, fmt.Errorf("the PDFium worker stopped: %w", docs.ErrDamaged)
		}
		<-sent // the worker read the whole request before it replied
		switch {
		case m.rep.Fail == failMemory:
			// The worker stops after this reply, giving its memory back.
			l.drop(w, true)
		case m.rep.Fail == failCrash:
			// The worker has a fresh instance: documents are to be opened
			// again.
			l.mu.Lock()
			l.gen++
			l.mu.Unlock()
		case m.rep.Mem-m.rep.Files > recycleAbove:
			l.drop(w, true)
		}
		return m.rep, m.raw, nil
	case <-timer.C:
		l.drop(w, true)
		<-sent
		return pfReply{}, nil, fmt.Errorf("%w after %v", errCallTimeout, timeout)
	case <-ctx.Done():
		l.drop(w, true)
		<-sent
		return pfReply{}, nil, ctx.Err()
	}
}

// pfProc is a running worker process.
type pfProc struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	conn    *pfConn
	replies chan pfMsg // closed when the worker's stdout ends
	once    sync.Once
}

// pfMsg is a reply and the raw bytes that came with it.
type pfMsg struct {
	rep pfReply
	raw []byte
}

// startPFProc starts a worker and PDFium in it.
func startPFProc(exe, cacheDir string, memoryLimit int64) (*pfProc, error) {
	cmd := exec.Command(exe)
	// Two threads of Go: PDFium computes on one, while the other reads
	// stdin, to stop the process at once when the parent goes (WebAssembly
	// running natively is never preempted). The worker's CPU time is thus
	// about the time it is busy.
	cmd.Env = append(os.Environ(), pdfiumWorkerEnv+"=1", "GOMAXPROCS=2")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("start PDFium worker: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("start PDFium worker: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start PDFium worker: %w", err)
	}
	widenPipe(stdout)
	w := &pfProc{cmd: cmd, stdin: stdin, conn: newPFConn(stdout, stdin), replies: make(chan pfMsg)}
	started := make(chan error, 1)
	go func() {
		defer close(w.replies)
		if err := skipToMagic(w.conn.r); err != nil {
			started <- err
			return
		}
		started <- nil
		for {
			var m pfMsg
			raw, err := w.conn.recv(&m.rep, func() int { return m.rep.Size }, maxReplyBytes)
			if err != nil {
				return
			}
			m.raw = raw
			w.replies <- m
		}
	}()
	fail := func(err error) (*pfProc, error) {
		w.kill()
		return nil, fmt.Errorf("start PDFium worker: %w", err)
	}
	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	select {
	case err := <-started:
		if err != nil {
			return fail(err)
		}
	case <-timer.C:
		return fail(errors.New("it did not answer"))
	}
	sent := make(chan error, 1)
	go func() {
		sent <- w.conn.send(pfRequest{Op: opStart, CacheDir: cacheDir, MemoryLimit: memoryLimit}, nil)
	}()
	select {
	case m, ok := <-w.replies:
		<-sent
		switch {
		case !ok:
			return fail(errors.New("it stopped"))
		case m.rep.Fail != failNone:
			return fail(errors.New(m.rep.Err))
		}
	case <-timer.C:
		return fail(errors.New("PDFium did not start"))
	}
	return w, nil
}

// kill stops the worker and waits for it; killing twice is harmless.
func (w *pfProc) kill() {
	w.once.Do(func() {
		_ = w.cmd.Process.Kill()
		_ = w.stdin.Close()
		for range w.replies { // the kill ends the worker's stdout
		}
		_ = w.cmd.Wait()
	})
}

// PDFDoc is a PDF opened by PDFium. Its methods take pages numbered from 1.
// Close it when done: it holds a copy of the file inside the engine. A
// method that overruns its Limits fails with docs.ErrPageTimeout, and one
// whose page fills the memory cap with docs.ErrPageOutOfMemory; the
// document can still be used.
type PDFDoc struct {
	lane     *lane
	data     []byte
	password string
	pages    int
	title    string // the Title metadata

	// Guarded by lane.calls.
	gen    int   // the lane's gen when the document was opened in its worker
	id     int32 // the worker's number for it
	closed bool
}

// Open opens a PDF held in memory, for the reader. It fails with
// ErrEncrypted when the file needs a password and none was given,
// ErrBadPassword when the given one is wrong, and ErrDamaged when PDFium
// cannot read it. A file with only an owner password (restricting printing
// or copying) opens without one, and with any.
func (p *PDFium) Open(data []byte, password string) (*PDFDoc, error) {
	return p.reader.openDoc(context.Background(), data, password)
}

// openForImport opens a PDF in the import lane.
func (p *PDFium) openForImport(ctx context.Context, data []byte, password string) (*PDFDoc, error) {
	return p.importer.openDoc(ctx, data, password)
}

func (l *lane) openDoc(ctx context.Context, data []byte, password string) (*PDFDoc, error) {
	l.calls.Lock()
	defer l.calls.Unlock()
	defer l.done()
	defer meterOf(ctx).begin()()
	d := &PDFDoc{lane: l, data: data, password: password}
	err := d.open(ctx)
	if errors.Is(err, docs.ErrBadPassword) {
		// A password that opens nothing is no harm when none is needed (a
		// file with only an owner password): read it as anyone could.
		d.password = ""
		if d.open(ctx) == nil {
			return d, nil
		}
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// open loads the document into the lane's worker, starting one if need be.
// The caller holds lane.calls.
func (d *PDFDoc) open(ctx context.Context) error {
	l := d.lane
	if err := l.ensure(ctx); err != nil {
		return fmt.Errorf("open PDF: %w", err)
	}
	rep, _, err := l.roundTrip(ctx, pfRequest{Op: opOpen, Password: d.password}, d.data, l.p.lim.OpenTimeout)
	switch {
	case errors.Is(err, errCallTimeout):
		return fmt.Errorf("open PDF: PDFium %v: %w", err, docs.ErrDamaged)
	case err != nil:
		return fmt.Errorf("open PDF: %w", err)
	case rep.Fail == failNone:
		l.mu.Lock()
		d.gen = l.gen
		l.mu.Unlock()
		d.id, d.pages, d.title = rep.Doc, rep.Pages, rep.Title
		return nil
	case rep.Fail == failPassword && d.password == "":
		return fmt.Errorf("open PDF: %w", docs.ErrEncrypted)
	case rep.Fail == failPassword:
		return fmt.Errorf("open PDF: %w", docs.ErrBadPassword)
	case rep.Fail == failSecurity:
		return fmt.Errorf("open PDF: unsupported encryption: %w", docs.ErrEncrypted)
	case rep.Fail == failMemory:
		return fmt.Errorf("open PDF: %s: %w", rep.Err, docs.ErrPageOutOfMemory)
	default:
		return fmt.Errorf("open PDF: %s: %w", rep.Err, docs.ErrDamaged)
	}
}

// Password is the password that opened the document: the one given, or ""
// when the file needs none.
func (d *PDFDoc) Password() string { return d.password }

// NumPages is the number of pages PDFium found.
func (d *PDFDoc) NumPages() int { return d.pages }

// Title is the document's Title metadata, "" when it has none.
func (d *PDFDoc) Title() string { return d.title }

// Close releases the document. Closing twice is harmless.
func (d *PDFDoc) Close() error {
	l := d.lane
	l.calls.Lock()
	defer l.calls.Unlock()
	if d.closed {
		return nil
	}
	d.closed = true
	l.mu.Lock()
	gone := l.proc == nil || d.gen != l.gen
	l.mu.Unlock()
	if gone {
		return nil // the worker that held it is gone, and the document with it
	}
	rep, _, err := l.roundTrip(context.Background(), pfRequest{Op: opClose, Doc: d.id}, nil, l.p.lim.ReadTimeout)
	if err == nil && rep.Fail != failNone {
		err = errors.New(rep.Err)
	}
	if err != nil {
		return fmt.Errorf("close PDF: %w", err)
	}
	if rep.Mem-rep.Files > recycleOnCloseAbove {
		l.mu.Lock()
		w := l.proc
		l.mu.Unlock()
		if w != nil {
			l.drop(w, true) // its other documents open again in the next
		}
	}
	return nil
}

// call asks the lane's worker about page req.Page of the document, opening
// it there again first if the worker was replaced since, and turns a
// failure into the error the caller gets.
func (d *PDFDoc) call(ctx context.Context, what string, req pfRequest, timeout time.Duration) (pfReply, []byte, error) {
	l := d.lane
	l.calls.Lock()
	defer l.calls.Unlock()
	defer l.done()
	if d.closed {
		return pfReply{}, nil, fmt.Errorf("%s: page %d: document is closed", what, req.Page)
	}
	if req.Page < 1 || req.Page > d.pages {
		return pfReply{}, nil, fmt.Errorf("%s: page %d of %d: no such page", what, req.Page, d.pages)
	}
	if err := ctx.Err(); err != nil {
		return pfReply{}, nil, fmt.Errorf("%s: page %d: %w", what, req.Page, err)
	}
	defer meterOf(ctx).begin()()
	if err := l.ensure(ctx); err != nil {
		return pfReply{}, nil, fmt.Errorf("%s: page %d: %w", what, req.Page, err)
	}
	l.mu.Lock()
	stale := d.gen != l.gen
	l.mu.Unlock()
	if stale {
		if err := d.open(ctx); err != nil {
			return pfReply{}, nil, fmt.Errorf("%s: page %d: reopen: %w", what, req.Page, err)
		}
	}
	req.Doc = d.id
	rep, raw, err := l.roundTrip(ctx, req, nil, timeout)
	if errors.Is(err, errCallTimeout) {
		return rep, nil, fmt.Errorf("%s: page %d: %v: %w", what, req.Page, err, docs.ErrPageTimeout)
	}
	if err == nil {
		err = failError(rep)
	}
	if err != nil {
		return rep, nil, fmt.Errorf("%s: page %d: %w", what, req.Page, err)
	}
	return rep, raw, nil
}

// failError is the error for a reply's failure, or nil.
func failError(rep pfReply) error {
	switch rep.Fail {
	case failNone:
		return nil
	case failMemory:
		return fmt.Errorf("%s: %w", rep.Err, docs.ErrPageOutOfMemory)
	case failTooLarge:
		return fmt.Errorf("%s: %w", rep.Err, docs.ErrPageTooLarge)
	case failCrash:
		return fmt.Errorf("PDFium failed: %s: %w", rep.Err, docs.ErrDamaged)
	case failRequest:
		return errors.New(rep.Err)
	default:
		return fmt.Errorf("PDFium: %s: %w", rep.Err, docs.ErrDamaged)
	}
}

// PageText is the text of page n (from 1) in PDFium's reading order, lines
// separated by "\n".
func (d *PDFDoc) PageText(n int) (string, error) {
	rep, _, err := d.call(context.Background(), "page text", pfRequest{Op: opText, Page: n}, d.lane.p.lim.ReadTimeout)
	return rep.Text, err
}

// readPage is the text of page n (from 1) and, when it has none, whether it
// draws an image: what an import needs of PDFium, in one call.
func (d *PDFDoc) readPage(ctx context.Context, n int) (text string, images bool, err error) {
	rep, _, err := d.call(ctx, "read", pfRequest{Op: opRead, Page: n}, d.lane.p.lim.ReadTimeout)
	return rep.Text, rep.Images, err
}

// HasImages reports whether page n (from 1) draws an image, directly or
// inside a Form XObject: a page with images and no text is a scan.
func (d *PDFDoc) HasImages(n int) (bool, error) {
	rep, _, err := d.call(context.Background(), "page objects", pfRequest{Op: opImages, Page: n}, d.lane.p.lim.ReadTimeout)
	return rep.Images, err
}

// PageSize is the size of page n (from 1) in points (1/72 inch). It is read
// from the page tree without parsing the page, so it is quick even for a
// page that is slow to draw.
func (d *PDFDoc) PageSize(n int) (width, height float64, err error) {
	rep, _, err := d.call(context.Background(), "page size", pfRequest{Op: opSize, Page: n}, d.lane.p.lim.ReadTimeout)
	return rep.W, rep.H, err
}

// Render draws page n (from 1) at dpi dots per inch. The image is the
// caller's own.
func (d *PDFDoc) Render(n int, dpi float64) (image.Image, error) {
	return d.RenderContext(context.Background(), n, dpi)
}

// RenderContext is Render, given up when ctx ends (the worker drawing it is
// then stopped, and ctx's error returned).
func (d *PDFDoc) RenderContext(ctx context.Context, n int, dpi float64) (image.Image, error) {
	if !(dpi >= 1 && dpi <= maxRenderDPI) {
		return nil, fmt.Errorf("render page %d: %v dpi is outside 1–%d", n, dpi, maxRenderDPI)
	}
	rep, raw, err := d.call(ctx, "render", pfRequest{Op: opRender, Page: n, DPI: dpi}, d.lane.p.lim.DrawTimeout)
	if err != nil {
		return nil, err
	}
	w, h := int(rep.W), int(rep.H)
	if w < 0 || h < 0 || rep.Stride < 4*w || len(raw) < rep.Stride*h {
		return nil, fmt.Errorf("render page %d: PDFium sent %d bytes for %d×%d pixels: %w", n, len(raw), w, h, docs.ErrDamaged)
	}
	return &image.RGBA{Pix: raw, Stride: rep.Stride, Rect: image.Rect(0, 0, w, h)}, nil
}

// CharBoxes lists the characters of page n (from 1) in the order of
// PageText, without the line breaks, for drawing highlights and mapping a
// drag on the page back to text.
func (d *PDFDoc) CharBoxes(n int) ([]docs.CharBox, error) {
	rep, _, err := d.call(context.Background(), "character boxes", pfRequest{Op: opChars, Page: n}, d.lane.p.lim.ReadTimeout)
	return rep.Chars, err
}
