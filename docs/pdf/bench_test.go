package pdf

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/packgen"
)

// The figures the bounds cost and buy. Run with
//
//	go test ./docs/pdf -run '^$' -bench 'Draw|GiveUp|WorkerStart' -benchtime 1x
//
// CPU figures are this process's and its workers' (Linux), so they hold on a
// loaded machine where the wall-clock ones do not.

// BenchmarkDrawPage draws each page of a 150-page pack at 110 dpi (fit-width
// on a laptop) with the reader's worker, and reads each page's text, and
// reports the time and CPU a page.
func BenchmarkDrawPage(b *testing.B) {
	pk, err := packgen.Build(packgen.LargePack(150, 1))
	if err != nil {
		b.Fatal(err)
	}
	p, err := StartPDFium(testCacheDir())
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	doc, err := p.Open(pk.PDF, "")
	if err != nil {
		b.Fatal(err)
	}
	defer doc.Close()
	n := doc.NumPages()
	cpu := func() time.Duration {
		self, _ := pidCPU(os.Getpid())
		worker, _ := pidCPU(p.reader.pid())
		return self + worker
	}
	var took, cpuTook time.Duration
	drawn := 0
	b.ResetTimer()
	for range b.N {
		c0, t0 := cpu(), time.Now()
		for page := 1; page <= n; page++ {
			if _, err := doc.Render(page, 110); err != nil {
				b.Fatal(err)
			}
		}
		took += time.Since(t0)
		cpuTook += cpu() - c0
		drawn += n
	}
	b.StopTimer()
	b.ReportMetric(float64(took.Microseconds())/1000/float64(drawn), "ms/page")
	b.ReportMetric(float64(cpuTook.Microseconds())/1000/float64(drawn), "cpu-ms/page")
	c0, t0 := cpu(), time.Now()
	for page := 1; page <= n; page++ {
		if _, err := doc.PageText(page); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(t0).Microseconds())/1000/float64(n), "text-ms/page")
	b.ReportMetric(float64((cpu()-c0).Microseconds())/1000/float64(n), "text-cpu-ms/page")
}

// BenchmarkWorkerStart starts a PDFium worker, with the compilation cache
// warm: what a killed worker costs the next call.
func BenchmarkWorkerStart(b *testing.B) {
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	// Warm the cache.
	if w, err := startPFProc(exe, testCacheDir(), DefaultMemoryLimit); err == nil {
		w.kill()
	}
	b.ResetTimer()
	for range b.N {
		w, err := startPFProc(exe, testCacheDir(), DefaultMemoryLimit)
		if err != nil {
			b.Fatal(err)
		}
		w.kill()
	}
}

// BenchmarkGiveUp reports, for each PDF made to be slow, with the default
// bounds: how long drawing its slow page takes to fail (or, for a page
// slow but finite, to be drawn), and what importing it costs (wall time and
// CPU, dslipak's and PDFium's workers included).
func BenchmarkGiveUp(b *testing.B) {
	cases := append([]struct {
		name string
		pdf  func() []byte
	}{}, struct {
		name string
		pdf  func() []byte
	}{"slow paper", func() []byte { return slowPaperPDF(6) }})
	for _, tc := range hostileCases {
		cases = append(cases, struct {
			name string
			pdf  func() []byte
		}{tc.name, tc.pdf})
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			data := tc.pdf()
			path := writeTemp(b, "slow.pdf", data)
			var draw, imp, impCPU time.Duration
			for range b.N {
				p, err := StartPDFium(testCacheDir())
				if err != nil {
					b.Fatal(err)
				}
				doc, err := p.Open(data, "")
				if err != nil {
					b.Fatal(err)
				}
				t0 := time.Now()
				_, err = doc.Render(2, 110) // the slow paper's first slow page; the others' prose
				if tc.name != "slow paper" {
					_, err = doc.Render(1, 110)
				}
				draw += time.Since(t0)
				// The gigantic image may draw within the deadline on a
				// fast machine: slow, not endless.
				if err != nil && !errors.Is(err, docs.ErrPageTimeout) && !errors.Is(err, docs.ErrPageOutOfMemory) {
					b.Errorf("drawing: %v", err)
				}
				doc.Close()
				p.Close()

				// A fresh engine for the import, so that the drawing's worker
				// is not counted; its idle reader's start is (0.3 s).
				c0, _ := processCPU()
				p, err = StartPDFium(testCacheDir())
				if err != nil {
					b.Fatal(err)
				}
				x := NewExtractor(p)
				t0 = time.Now()
				_, err = x.Extract(context.Background(), path, "", nil)
				imp += time.Since(t0)
				_ = x.Close()
				p.Close()
				c1, _ := processCPU()
				impCPU += c1 - c0
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(draw.Seconds()/float64(b.N), "s-to-draw-or-give-up")
			b.ReportMetric(imp.Seconds()/float64(b.N), "s-import")
			b.ReportMetric(impCPU.Seconds()/float64(b.N), "cpu-s-import")
		})
	}
}
