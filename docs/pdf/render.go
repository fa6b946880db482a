package pdf

// Drawing pages for the reader: PDFium started in the background, and a
// renderer that draws the pages a reader wants, most wanted first, on one
// goroutine, keeping recent drawings in a cache bounded in bytes.

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"image"
	"sync"
	"time"

	"panelpapers/docs"
)

// PDFiumStarter is PDFium being started in the background, so that a window
// can open at once and wait for the engine only when it first draws a page.
type PDFiumStarter struct {
	done chan struct{}
	p    *PDFium
	err  error
}

// StartPDFiumInBackground starts the engine on a goroutine; cacheDir is as
// for StartPDFium.
func StartPDFiumInBackground(cacheDir string) *PDFiumStarter {
	s := &PDFiumStarter{done: make(chan struct{})}
	go func() {
		defer close(s.done)
		s.p, s.err = StartPDFium(cacheDir)
	}()
	return s
}

// Wait returns the engine once it has started, or why it could not start,
// or ctx's error if ctx ends first.
func (s *PDFiumStarter) Wait(ctx context.Context) (*PDFium, error) {
	select { // a started engine wins over an ended ctx
	case <-s.done:
		return s.p, s.err
	default:
	}
	select {
	case <-s.done:
		return s.p, s.err
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for the PDF engine: %w", ctx.Err())
	}
}

// Ready reports whether the engine has started (or failed to).
func (s *PDFiumStarter) Ready() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// Close waits for the start to finish and stops the engine.
func (s *PDFiumStarter) Close() error {
	<-s.done
	if s.p == nil {
		return nil
	}
	return s.p.Close()
}

// PageDrawer is a document whose pages can be drawn at a resolution; a
// *PDFDoc is one.
type PageDrawer interface {
	Render(n int, dpi float64) (image.Image, error)
}

// contextDrawer is a PageDrawer that can be stopped in the middle of a
// page, as a *PDFDoc can: the Renderer uses it to give up the page in hand
// when it closes.
type contextDrawer interface {
	RenderContext(ctx context.Context, n int, dpi float64) (image.Image, error)
}

// PageKey names one drawing of a page: the document (a version's SHA-256),
// the PDF page number from 1, and the resolution in dots per inch.
type PageKey struct {
	Doc  string
	Page int
	DPI  int
}

// RenderedPage is a page drawn by a Renderer, or why it could not be drawn.
type RenderedPage struct {
	PageKey
	Image image.Image
	Err   error
	// Took is how long drawing it took; 0 when it came from the cache.
	Took time.Duration
}

// RenderStats says what a Renderer has done, for benchmarks and tuning.
type RenderStats struct {
	Rendered   int           // pages drawn
	RenderTime time.Duration // time spent drawing them
	Hits       int           // wanted pages found in the cache
	CacheBytes int64         // bytes of pixels the cache holds now
	CachePages int           // drawings the cache holds now
}

type renderJob struct {
	key     PageKey
	doc     PageDrawer
	deliver func(RenderedPage)
}

// Renderer draws pages on one goroutine, so that a reader's window never
// waits for PDFium (which serialises its calls anyway). A reader says which
// pages it wants, most wanted first, each time its view moves; pages it no
// longer wants are dropped from the queue before they are drawn. Drawings
// are kept in a least-recently-used cache bounded in bytes, so scrolling
// back is instant and memory stays flat however long the pack.
//
// None of its methods waits for a drawing. Until a page's drawing is
// delivered, the window shows a placeholder for it (State says whether it is
// queued or being drawn; Cached offers the page at another resolution to
// show stretched meanwhile). A page PDFium gives up on (docs.ErrPageTimeout,
// docs.ErrPageOutOfMemory) is delivered with that error, and remembered: it
// is not drawn again, at any resolution, until ForgetFailures. A slow page
// holds up the pages queued after it at most PDFium's DrawTimeout, once.
type Renderer struct {
	mu      sync.Mutex
	wake    *sync.Cond // signalled when the queue grows or the renderer closes
	idle    *sync.Cond // signalled when the worker runs out of work
	queue   []renderJob
	busy    bool
	drawing PageKey // the page being drawn while busy, or the zero key
	closed  bool
	cache   *pageCache
	failed  map[PageKey]error // pages given up on, keyed with DPI 0
	stats   RenderStats
	ctx     context.Context // ends with Close, stopping the page in hand
	cancel  context.CancelFunc
	stopped chan struct{}
}

// maxFailures bounds the pages a Renderer remembers it gave up on.
const maxFailures = 1000

// NewRenderer starts a renderer whose cache holds at most maxBytes of
// pixels (4 bytes a pixel).
func NewRenderer(maxBytes int64) *Renderer {
	r := &Renderer{cache: newPageCache(maxBytes), failed: map[PageKey]error{}, stopped: make(chan struct{})}
	r.ctx, r.cancel = context.WithCancel(context.Background())
	r.wake = sync.NewCond(&r.mu)
	r.idle = sync.NewCond(&r.mu)
	go r.work()
	return r
}

// PageState is where a page stands with a Renderer.
type PageState int

// The states of a page, for the window to choose what to show.
const (
	PageNotWanted PageState = iota // neither drawn nor wanted: a placeholder, until it is wanted
	PageQueued                     // waiting its turn: a placeholder
	PageDrawing                    // being drawn now: a placeholder
	PageDrawn                      // in the cache: Cached gives it
	PageFailed                     // given up on: the error says why
)

// State says where page n of document id at dpi stands, and for a page
// given up on, why.
func (r *Renderer) State(id string, n, dpi int) (PageState, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := PageKey{Doc: id, Page: n, DPI: dpi}
	if err, ok := r.failed[PageKey{Doc: id, Page: n}]; ok {
		return PageFailed, err
	}
	if _, ok := r.cache.items[k]; ok {
		return PageDrawn, nil
	}
	if r.busy && r.drawing == k {
		return PageDrawing, nil
	}
	for _, j := range r.queue {
		if j.key == k {
			return PageQueued, nil
		}
	}
	return PageNotWanted, nil
}

// ForgetFailures lets the pages of document id that were given up on be
// drawn again when next wanted (a "try again").
func (r *Renderer) ForgetFailures(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k := range r.failed {
		if k.Doc == id {
			delete(r.failed, k)
		}
	}
}

// Want replaces the queue with the given pages of doc (named id) at dpi,
// most wanted first. deliver is called on the renderer's goroutine for each
// page as it is drawn or found in the cache, and with the error when a page
// cannot be drawn. Pages queued by earlier calls and not yet drawn are
// forgotten: the reader has moved on. A Renderer serves one reader at a
// time; pages wanted after Close are never delivered.
func (r *Renderer) Want(id string, doc PageDrawer, dpi int, pages []int, deliver func(RenderedPage)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.queue = r.queue[:0]
	if r.closed {
		return
	}
	for _, n := range pages {
		r.queue = append(r.queue, renderJob{key: PageKey{Doc: id, Page: n, DPI: dpi}, doc: doc, deliver: deliver})
	}
	if len(r.queue) > 0 {
		r.wake.Signal()
	}
}

// Cached returns the drawing of page n of document id at dpi if the cache
// holds it (exact is then true); otherwise the drawing of that page at the
// nearest other resolution, to show stretched until the right one is drawn;
// otherwise nil.
func (r *Renderer) Cached(id string, n, dpi int) (img image.Image, exact bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if img := r.cache.get(PageKey{Doc: id, Page: n, DPI: dpi}); img != nil {
		return img, true
	}
	return r.cache.nearest(id, n, dpi), false
}

// SetRoom makes the cache hold at least bytes of drawings: the pages in
// view and those drawn ahead of them, whatever their size. It never holds
// less than the maxBytes it was made with; asking for less gives the room
// back, the least recently used drawings first. It returns the bytes of
// drawings let go.
func (r *Renderer) SetRoom(bytes int64) (freed int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	before := r.cache.bytes
	r.cache.max = max(bytes, r.cache.base)
	r.cache.trim()
	return before - r.cache.bytes
}

// Stats returns what the renderer has done so far.
func (r *Renderer) Stats() RenderStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.stats
	s.CacheBytes, s.CachePages = r.cache.bytes, r.cache.ll.Len()
	return s
}

// Wait blocks until every wanted page has been delivered.
func (r *Renderer) Wait() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for (len(r.queue) > 0 || r.busy) && !r.closed {
		r.idle.Wait()
	}
}

// Close stops the renderer. The page being drawn is given up — for a
// *PDFDoc, the worker drawing it is stopped at once — and neither it nor
// the pages still queued are delivered. (A PageDrawer that cannot be
// stopped, as a test's may be, is waited for.)
func (r *Renderer) Close() {
	r.mu.Lock()
	r.closed = true
	r.queue = nil
	r.cache = newPageCache(r.cache.base) // let the drawings go
	r.wake.Broadcast()
	r.idle.Broadcast()
	r.mu.Unlock()
	r.cancel()
	<-r.stopped
}

func (r *Renderer) work() {
	defer close(r.stopped)
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		for len(r.queue) == 0 && !r.closed {
			r.busy = false
			r.idle.Broadcast()
			r.wake.Wait()
		}
		if r.closed {
			r.busy = false
			return
		}
		job := r.queue[0]
		r.queue = r.queue[1:]
		r.busy = true
		if img := r.cache.get(job.key); img != nil {
			r.stats.Hits++
			r.mu.Unlock()
			job.deliver(RenderedPage{PageKey: job.key, Image: img})
			r.mu.Lock()
			continue
		}
		if err, ok := r.failed[PageKey{Doc: job.key.Doc, Page: job.key.Page}]; ok {
			r.mu.Unlock()
			job.deliver(RenderedPage{PageKey: job.key, Err: err})
			r.mu.Lock()
			continue
		}
		r.drawing = job.key
		r.mu.Unlock()
		start := time.Now()
		img, err := renderSafely(r.ctx, job.doc, job.key)
		took := time.Since(start)
		r.mu.Lock()
		r.drawing = PageKey{}
		if r.closed {
			continue // the page in hand when the renderer closed
		}
		switch {
		case err == nil:
			r.stats.Rendered++
			r.stats.RenderTime += took
			r.cache.put(job.key, img)
		case (errors.Is(err, docs.ErrPageTimeout) || errors.Is(err, docs.ErrPageOutOfMemory)) && len(r.failed) < maxFailures:
			// Drawing it again would cost as much, at any resolution.
			r.failed[PageKey{Doc: job.key.Doc, Page: job.key.Page}] = err
		}
		r.mu.Unlock()
		job.deliver(RenderedPage{PageKey: job.key, Image: img, Err: err, Took: took})
		r.mu.Lock()
	}
}

// renderSafely draws one page, turning a panic in the drawer into an error
// so that one bad page never stops the renderer.
func renderSafely(ctx context.Context, d PageDrawer, k PageKey) (img image.Image, err error) {
	defer func() {
		if p := recover(); p != nil {
			img, err = nil, fmt.Errorf("draw page %d: %v: %w", k.Page, p, docs.ErrDamaged)
		}
	}()
	if cd, ok := d.(contextDrawer); ok {
		img, err = cd.RenderContext(ctx, k.Page, float64(k.DPI))
	} else {
		img, err = d.Render(k.Page, float64(k.DPI))
	}
	if err != nil {
		return nil, fmt.Errorf("draw page %d: %w", k.Page, err)
	}
	return img, nil
}

// pageCache is a least-recently-used cache of drawings bounded in bytes.
// Its caller holds the Renderer's lock.
type pageCache struct {
	base  int64 // the least max may be
	max   int64
	bytes int64
	ll    *list.List // of *cacheEntry, most recent at the front
	items map[PageKey]*list.Element
}

type cacheEntry struct {
	key  PageKey
	img  image.Image
	size int64
}

func newPageCache(maxBytes int64) *pageCache {
	return &pageCache{base: maxBytes, max: maxBytes, ll: list.New(), items: map[PageKey]*list.Element{}}
}

func imageBytes(img image.Image) int64 {
	b := img.Bounds()
	return int64(b.Dx()) * int64(b.Dy()) * 4
}

func (c *pageCache) get(k PageKey) image.Image {
	e, ok := c.items[k]
	if !ok {
		return nil
	}
	c.ll.MoveToFront(e)
	return e.Value.(*cacheEntry).img
}

// nearest returns the drawing of the page at the resolution closest to dpi,
// or nil. The cache holds few drawings, so a scan is cheap.
func (c *pageCache) nearest(doc string, page, dpi int) image.Image {
	var best *cacheEntry
	for k, e := range c.items {
		if k.Doc != doc || k.Page != page {
			continue
		}
		ce := e.Value.(*cacheEntry)
		if best == nil || dpiDistance(k.DPI, dpi) < dpiDistance(best.key.DPI, dpi) {
			best = ce
		}
	}
	if best == nil {
		return nil
	}
	return best.img
}

func (c *pageCache) put(k PageKey, img image.Image) {
	if e, ok := c.items[k]; ok {
		old := e.Value.(*cacheEntry)
		c.bytes -= old.size
		c.ll.Remove(e)
		delete(c.items, k)
	}
	size := imageBytes(img)
	if size > c.max {
		return // larger than the whole cache: deliver it, do not keep it
	}
	c.items[k] = c.ll.PushFront(&cacheEntry{key: k, img: img, size: size})
	c.bytes += size
	c.trim()
}

// trim lets the least recently used drawings go until the cache is within
// its bound.
func (c *pageCache) trim() {
	for c.bytes > c.max {
		last := c.ll.Back()
		ce := last.Value.(*cacheEntry)
		c.ll.Remove(last)
		delete(c.items, ce.key)
		c.bytes -= ce.size
	}
}

// dpiDistance is how far apart two resolutions are.
func dpiDistance(a, b int) int { return max(a-b, b-a) }
