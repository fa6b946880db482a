package ui

import (
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"panelpapers/docs/packgen"
)

// BenchmarkReader150 opens a 150-page pack in the reader with PDFium, warm,
// and pages through it to the end as a member pressing Page Down would. It
// reports the time from the click to the first page on screen, the time
// PDFium takes a page, the share of page turns that showed drawn pages at
// once (from the pages drawn ahead), and the memory held while scrolling.
func BenchmarkReader150(b *testing.B) {
	pk, err := packgen.Build(packgen.LargePack(150, 7))
	if err != nil {
		b.Fatal(err)
	}
	lib := newFakeLib(b)
	v := lib.add(b, pk, time.Now())
	src := enginePages(b)
	a := test.NewTempApp(b)

	var first, render time.Duration
	var drawn, steps, instant int
	var peak, live uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := test.NewTempWindow(b, nil)
		u := newUI(a, w, Deps{Library: lib, Pages: src, CacheBytes: defaultCacheBytes}, newAsync(true))
		w.Resize(fyne.NewSize(1280, 800))
		u.async.settle(u.renderer.Wait)
		lib.settings = map[string]string{} // open at page 1 each time

		u.openPaper(v, nil)
		u.async.settle(u.renderer.Wait)
		r := u.Reader
		if r.doc == nil {
			b.Fatalf("not opened: %q", u.lastError)
		}
		first += r.firstShown
		for r.current < r.numPages {
			r.onKey(fyne.KeyPageDown)
			if pagesInViewDrawn(r) {
				instant++ // the turn showed drawn pages at once, from the cache
			}
			u.async.settle(u.renderer.Wait)
			steps++
			if steps%20 == 0 {
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
		s := u.renderer.Stats()
		render += s.RenderTime
		drawn += s.Rendered
		u.Close()
	}
	b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "first-page-ms")
	b.ReportMetric(float64(render.Microseconds())/1000/float64(drawn), "render-ms/page")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(live)/(1<<20), "live-heap-MB")
	b.ReportMetric(float64(steps)/float64(b.N), "page-downs")
	b.ReportMetric(float64(drawn)/float64(b.N), "pages-drawn")
	b.ReportMetric(100*float64(instant)/float64(steps), "instant-turns-%")
}

// pagesInViewDrawn reports whether every page in view shows its drawing
// at the resolution of the view.
func pagesInViewDrawn(r *ReaderView) bool {
	first, last := r.pagesView.visible()
	for n := first; n <= last; n++ {
		if r.pagesView.tiles[n-1].dpi != r.dpi() {
			return false
		}
	}
	return first > 0
}
