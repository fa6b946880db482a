package pdf_test

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/packgen"
	"panelpapers/docs/pdf"
)

// drawer draws plain pages of w×h points and records what it drew. With
// started set, it says which page it starts on and waits for release.
type drawer struct {
	w, h    float64
	started chan int
	release chan struct{}
	panic   int // page that panics

	mu    sync.Mutex
	drawn []int
}

func (d *drawer) Render(n int, dpi float64) (image.Image, error) {
	if d.started != nil {
		d.started <- n
		<-d.release
	}
	if n == d.panic {
		panic("bad page")
	}
	if n < 1 {
		return nil, errors.New("no such page")
	}
	d.mu.Lock()
	d.drawn = append(d.drawn, n)
	d.mu.Unlock()
	return image.NewRGBA(image.Rect(0, 0, int(d.w*dpi/72), int(d.h*dpi/72))), nil
}

func newGatedDrawer() *drawer {
	return &drawer{w: 72, h: 72, started: make(chan int), release: make(chan struct{})}
}

// open lets every drawing through from now on.
func (d *drawer) open() {
	close(d.release)
	go func() {
		for range d.started {
		}
	}()
}

func (d *drawer) pages() []int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]int(nil), d.drawn...)
}

// collect gathers delivered pages.
type collect struct {
	mu  sync.Mutex
	got []pdf.RenderedPage
}

func (c *collect) deliver(p pdf.RenderedPage) {
	c.mu.Lock()
	c.got = append(c.got, p)
	c.mu.Unlock()
}

func (c *collect) pages() (pages []int, errs []error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range c.got {
		pages = append(pages, p.Page)
		errs = append(errs, p.Err)
	}
	return pages, errs
}

func TestRenderer(t *testing.T) {
	t.Run("draws the wanted pages most wanted first", func(t *testing.T) {
		r := pdf.NewRenderer(1 << 30)
		defer r.Close()
		d, c := &drawer{w: 72, h: 72}, &collect{}
		r.Want("a", d, 72, []int{3, 1, 2}, c.deliver)
		r.Wait()
		if got, _ := c.pages(); fmt.Sprint(got) != "[3 1 2]" {
			t.Errorf("delivered %v", got)
		}
	})
	t.Run("a new want replaces pages not yet drawn", func(t *testing.T) {
		r := pdf.NewRenderer(1 << 30)
		defer r.Close()
		d, c := newGatedDrawer(), &collect{}
		r.Want("a", d, 72, []int{1, 2, 3}, c.deliver)
		<-d.started // page 1 is being drawn, 2 and 3 wait
		r.Want("a", d, 72, []int{7, 8}, c.deliver)
		d.open()
		r.Wait()
		if got, _ := c.pages(); fmt.Sprint(got) != "[1 7 8]" {
			t.Errorf("delivered %v, want [1 7 8]", got)
		}
	})
	t.Run("room made for larger pages, and given back", func(t *testing.T) {
		// 40,000 bytes a page: the cache is made for two, the reader asks
		// room for four, then for none (back to the two it was made with).
		r := pdf.NewRenderer(100_000)
		defer r.Close()
		r.SetRoom(160_000)
		d, c := &drawer{w: 100, h: 100}, &collect{}
		r.Want("a", d, 72, []int{1, 2, 3, 4}, c.deliver)
		r.Wait()
		if s := r.Stats(); s.CachePages != 4 {
			t.Errorf("with room for four: %+v", s)
		}
		if freed := r.SetRoom(0); freed != 80_000 {
			t.Errorf("giving the room back let go of %d bytes, want 80,000", freed)
		}
		if s := r.Stats(); s.CachePages != 2 || s.CacheBytes > 100_000 {
			t.Errorf("room given back: %+v", s)
		}
		if _, exact := r.Cached("a", 4, 72); !exact {
			t.Error("the latest page went first")
		}
	})
	t.Run("the cache stays within its bytes", func(t *testing.T) {
		// 100×100 pixels a page: 40,000 bytes; room for two.
		r := pdf.NewRenderer(100_000)
		defer r.Close()
		d, c := &drawer{w: 100, h: 100}, &collect{}
		r.Want("a", d, 72, []int{1, 2, 3, 4, 5}, c.deliver)
		r.Wait()
		s := r.Stats()
		if s.CacheBytes > 100_000 || s.CachePages != 2 || s.Rendered != 5 {
			t.Errorf("stats %+v", s)
		}
		if img, exact := r.Cached("a", 5, 72); img == nil || !exact {
			t.Error("the latest page is not cached")
		}
		if img, _ := r.Cached("a", 1, 72); img != nil {
			t.Error("the oldest page was not evicted")
		}
		// Another resolution of a cached page stands in until it is drawn.
		if img, exact := r.Cached("a", 5, 144); img == nil || exact {
			t.Errorf("stand-in: %v, exact %v", img != nil, exact)
		}
	})
	t.Run("cached pages are not drawn again", func(t *testing.T) {
		r := pdf.NewRenderer(1 << 30)
		defer r.Close()
		d, c := &drawer{w: 72, h: 72}, &collect{}
		r.Want("a", d, 72, []int{1, 2}, c.deliver)
		r.Wait()
		r.Want("a", d, 72, []int{2, 1}, c.deliver)
		r.Wait()
		if got := d.pages(); fmt.Sprint(got) != "[1 2]" {
			t.Errorf("drawn %v", got)
		}
		if got, _ := c.pages(); fmt.Sprint(got) != "[1 2 2 1]" {
			t.Errorf("delivered %v", got)
		}
		if s := r.Stats(); s.Hits != 2 {
			t.Errorf("hits %d", s.Hits)
		}
	})
	t.Run("a page that fails or panics does not stop the others", func(t *testing.T) {
		r := pdf.NewRenderer(1 << 30)
		defer r.Close()
		d, c := &drawer{w: 72, h: 72, panic: 2}, &collect{}
		r.Want("a", d, 72, []int{0, 2, 3}, c.deliver)
		r.Wait()
		pages, errs := c.pages()
		if fmt.Sprint(pages) != "[0 2 3]" {
			t.Fatalf("delivered %v", pages)
		}
		if errs[0] == nil || !errors.Is(errs[1], docs.ErrDamaged) || errs[2] != nil {
			t.Errorf("errors %v", errs)
		}
	})
	t.Run("close stops the worker and drops the queue", func(t *testing.T) {
		r := pdf.NewRenderer(1 << 30)
		d, c := newGatedDrawer(), &collect{}
		r.Want("a", d, 72, []int{1, 2, 3}, c.deliver)
		<-d.started
		done := make(chan struct{})
		go func() { r.Close(); close(done) }()
		d.open()
		<-done
		r.Want("a", d, 72, []int{4}, c.deliver) // ignored after Close
		r.Wait()
		for _, p := range func() []int { got, _ := c.pages(); return got }() {
			if p == 4 {
				t.Error("a page wanted after Close was delivered")
			}
		}
	})
}

// stuckDrawer draws nothing until its context ends, as a *PDFDoc on a page
// PDFium will not finish; fail is the error its pages give instead, when
// set. It counts the drawings it is asked for.
type stuckDrawer struct {
	started chan int
	fail    map[int]error

	mu    sync.Mutex
	calls map[int]int
}

func (d *stuckDrawer) Render(n int, dpi float64) (image.Image, error) {
	return d.RenderContext(context.Background(), n, dpi)
}

func (d *stuckDrawer) RenderContext(ctx context.Context, n int, dpi float64) (image.Image, error) {
	d.mu.Lock()
	if d.calls == nil {
		d.calls = map[int]int{}
	}
	d.calls[n]++
	d.mu.Unlock()
	if err := d.fail[n]; err != nil {
		return nil, err
	}
	if d.started != nil {
		d.started <- n
	}
	<-ctx.Done()
	return nil, ctx.Err()
}

func (d *stuckDrawer) count(n int) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.calls[n]
}

func TestRendererNeverWaits(t *testing.T) {
	// Take the cancel out of Renderer.Close and Close waits for a page
	// that never ends: the test runs into its ceiling.
	t.Run("close gives up the page in hand", func(t *testing.T) {
		r := pdf.NewRenderer(1 << 30)
		d, c := &stuckDrawer{started: make(chan int, 1)}, &collect{}
		r.Want("a", d, 72, []int{1, 2}, c.deliver)
		<-d.started
		if st, _ := r.State("a", 1, 72); st != pdf.PageDrawing {
			t.Errorf("page 1 is %v, want PageDrawing", st)
		}
		if st, _ := r.State("a", 2, 72); st != pdf.PageQueued {
			t.Errorf("page 2 is %v, want PageQueued", st)
		}
		closed := make(chan struct{})
		go func() { r.Close(); close(closed) }()
		select {
		case <-closed:
		case <-time.After(time.Minute):
			t.Fatal("Close waited for the page being drawn")
		}
		if got, _ := c.pages(); len(got) != 0 {
			t.Errorf("delivered %v after Close", got)
		}
	})
	// Drop the Renderer's failed map and page 2 is drawn at each Want, each
	// time costing PDFium its DrawTimeout.
	t.Run("a page given up on is not drawn again", func(t *testing.T) {
		r := pdf.NewRenderer(1 << 30)
		defer r.Close()
		timeout := fmt.Errorf("draw: %w", docs.ErrPageTimeout)
		d, c := &stuckDrawer{fail: map[int]error{2: timeout}}, &collect{}
		r.Want("a", d, 72, []int{2}, c.deliver)
		r.Wait()
		r.Want("a", d, 144, []int{2}, c.deliver) // another resolution
		r.Wait()
		if n := d.count(2); n != 1 {
			t.Errorf("page 2 drawn %d times", n)
		}
		pages, errs := c.pages()
		if fmt.Sprint(pages) != "[2 2]" || !errors.Is(errs[0], docs.ErrPageTimeout) || !errors.Is(errs[1], docs.ErrPageTimeout) {
			t.Errorf("delivered %v, %v", pages, errs)
		}
		if st, err := r.State("a", 2, 110); st != pdf.PageFailed || !errors.Is(err, docs.ErrPageTimeout) {
			t.Errorf("State = %v, %v", st, err)
		}
		r.ForgetFailures("a")
		r.Want("a", d, 72, []int{2}, c.deliver)
		r.Wait()
		if n := d.count(2); n != 2 {
			t.Errorf("after ForgetFailures, page 2 drawn %d times in all", n)
		}
	})
	t.Run("states", func(t *testing.T) {
		r := pdf.NewRenderer(1 << 30)
		defer r.Close()
		d, c := &drawer{w: 72, h: 72}, &collect{}
		if st, _ := r.State("a", 1, 72); st != pdf.PageNotWanted {
			t.Errorf("before: %v", st)
		}
		r.Want("a", d, 72, []int{1}, c.deliver)
		r.Wait()
		if st, err := r.State("a", 1, 72); st != pdf.PageDrawn || err != nil {
			t.Errorf("after: %v, %v", st, err)
		}
	})
}

// BenchmarkRenderScroll150 draws a 150-page pack page by page with PDFium,
// as a reader scrolling through it asks for pages (the page in view, three
// ahead, two behind), at 110 dpi (fit-width on a laptop), and reports the
// time a page takes and the memory held.
func BenchmarkRenderScroll150(b *testing.B) {
	pk, err := packgen.Build(packgen.LargePack(150, 1))
	if err != nil {
		b.Fatal(err)
	}
	p, err := pdf.StartPDFium(filepath.Join(os.TempDir(), "panelpapers-test-cache", "wazero"))
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	doc, err := p.Open(pk.PDF, "")
	if err != nil {
		b.Fatal(err)
	}
	defer doc.Close()
	const dpi = 110
	n := doc.NumPages()
	var peak, live uint64
	var took time.Duration
	var drawn int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := pdf.NewRenderer(128 << 20)
		for page := 1; page <= n; page++ {
			var want []int
			for _, q := range []int{page, page + 1, page + 2, page + 3, page - 1, page - 2} {
				if q >= 1 && q <= n {
					want = append(want, q)
				}
			}
			r.Want("pack", doc, dpi, want, func(pdf.RenderedPage) {})
			r.Wait()
			if page%25 == 0 {
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&ms)
				live = max(live, ms.HeapAlloc)
				b.StartTimer()
			}
		}
		s := r.Stats()
		took += s.RenderTime
		drawn += s.Rendered
		r.Close()
	}
	b.ReportMetric(float64(took.Microseconds())/1000/float64(drawn), "ms/page")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(live)/(1<<20), "live-heap-MB")
}
