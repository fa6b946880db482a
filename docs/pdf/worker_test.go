package pdf

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"panelpapers/docs"
)

// collect runs dslipak over every page of path and gathers what it says.
func collect(x *Extractor, ctx context.Context, path string, n int) map[int]dsResult {
	pages := make([]int, n)
	for i := range pages {
		pages[i] = i + 1
	}
	run := x.startDslipak(ctx, path, "", pages)
	got := map[int]dsResult{}
	for r := range run.results {
		if r.page != 0 { // not a lane's word that it has opened the file
			got[r.page] = r
		}
	}
	return got
}

func TestWorkerHangingPage(t *testing.T) {
	t.Setenv(hangPageEnv, "2")
	// Pages for two workers to share.
	const n = 8
	path := writeTemp(t, "pack.pdf", manyPages(t, n))
	base := runtime.NumGoroutine()

	t.Run("worker level", func(t *testing.T) {
		x, w := testExtractor(t)
		x.PageTimeout = time.Second
		x.FileBudget = time.Minute
		got := collect(x, context.Background(), path, n)
		for i := 1; i <= n; i++ {
			r, ok := got[i]
			switch {
			case i == 2 && !errors.Is(r.err, errPageTimeout):
				t.Errorf("page 2: %+v, want a timeout", r)
			case i != 2 && (!ok || r.err != nil || !strings.Contains(r.text, "Commissioner")):
				t.Errorf("page %d: %+v", i, r)
			}
		}
		// The even pages' worker was killed at the hang, and its successor
		// is the odd pages' worker, done by then, or a new one.
		if n := w.count(); n != 2 && n != 3 {
			t.Errorf("%d workers started, want 2 or 3", n)
		}
		w.assertGone(t)
	})

	t.Run("extract", func(t *testing.T) {
		// Neither the page's time limit nor the file's will come: PDFium
		// takes over the silent lane's pages and the file ends without them.
		x, w := testExtractor(t)
		x.PageTimeout = time.Hour
		x.FileBudget = time.Hour
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		pages, err := x.Extract(ctx, path, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) != n {
			t.Fatalf("%d pages", len(pages))
		}
		for i, p := range pages {
			if !strings.Contains(p.Text, fmt.Sprintf("Page %d of the report", i+1)) {
				t.Errorf("page %d = %+v", i+1, p)
			}
		}
		if p := pages[1]; p.Engine != docs.EnginePDFium {
			t.Errorf("hung page 2 = %+v, want PDFium's text", p)
		}
		if p := pages[0]; p.Engine != docs.EngineDslipak {
			t.Errorf("page 1 = %+v, want dslipak's text", p)
		}
		// The hung worker was killed, the other one kept.
		w.assertGone(t)
	})

	t.Run("file budget", func(t *testing.T) {
		// The pages after page 2 in its worker's request wait behind it
		// until the budget ends the file; the other worker's are done.
		x, w := testExtractor(t)
		x.PageTimeout = time.Minute
		x.FileBudget = 2 * time.Second
		got := collect(x, context.Background(), path, n)
		for i, r := range got {
			if r.err != nil || !strings.Contains(r.text, fmt.Sprintf("Page %d of the report", i)) {
				t.Errorf("page %d: %+v", i, r)
			}
		}
		if _, ok := got[2]; ok || len(got) <= n/2 {
			t.Errorf("pages reported: %v; want more than half, and not page 2", slices.Sorted(maps.Keys(got)))
		}
		w.assertGone(t)
	})

	t.Run("cancel", func(t *testing.T) {
		x, w := testExtractor(t)
		x.PageTimeout = time.Minute
		x.FileBudget = time.Minute
		x.stealAfter = time.Hour // so that the file waits for page 2
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		spawned := x.spawned
		x.spawned = func(pid int) {
			spawned(pid)
			if w.count() == 2 {
				time.AfterFunc(time.Second, cancel) // page 2 is hanging by then
			}
		}
		_, err := x.Extract(ctx, path, "", nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Extract = %v, want context.Canceled", err)
		}
		w.assertGone(t)
	})

	assertNoGoroutineLeak(t, base)
}

func TestWorkerStrikesOut(t *testing.T) {
	t.Setenv(hangPageEnv, "2,3")
	path := writeTemp(t, "pack.pdf", manyPages(t, 5))
	x, w := testExtractor(t)
	x.Workers = 1
	x.PageTimeout = time.Second
	x.FileBudget = time.Minute
	got := collect(x, context.Background(), path, 5)
	if len(got) != 3 || got[1].err != nil || !errors.Is(got[2].err, errPageTimeout) || !errors.Is(got[3].err, errPageTimeout) {
		t.Errorf("results %+v; want page 1, then two timeouts and nothing more", got)
	}
	if n := w.count(); n != maxStrikes {
		t.Errorf("%d workers started, want %d", n, maxStrikes)
	}
	w.assertGone(t)
}

func TestWorkerProtocol(t *testing.T) {
	path := writeTemp(t, "pack.pdf", manyPages(t, 3))
	req := func(path string, pages ...int) string {
		b, _ := json.Marshal(workerRequest{Path: path, Pages: pages})
		return string(b) + "\n"
	}
	// step is a request and the number of replies it gets.
	type step struct {
		request string
		replies int
	}
	tests := []struct {
		name     string
		steps    []step
		code     int // once stdin ends after the steps
		contains string
	}{
		{"pages", []step{{req(path, 3, 1), 3}}, 0, "Page 3 of the report"},
		{"one file after another", []step{{req(path, 1), 2}, {req(path, 2, 3), 3}}, 0, "Page 2 of the report"},
		{"no such page", []step{{req(path, 9), 2}}, 0, `"error"`},
		{"missing file, then a good one", []step{{req("/nonexistent/x.pdf", 1), 1}, {req(path, 1), 2}}, 0, "Page 1 of the report"},
		{"not a request", []step{{"hello\n", 1}}, 2, "read request"},
		{"nothing", nil, 2, "read request"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inR, inW := io.Pipe()
			outR, outW := io.Pipe()
			code := make(chan int, 1)
			go func() {
				code <- RunExtractWorker(inR, outW)
				outW.Close()
			}()
			lines := bufio.NewScanner(outR)
			var got []string
			for _, st := range tc.steps {
				// The parent writes a request once the last is answered.
				go func() { _, _ = io.WriteString(inW, st.request) }()
				for range st.replies {
					if !lines.Scan() {
						t.Fatalf("replies end after %q", got)
					}
					got = append(got, lines.Text())
				}
			}
			inW.Close()
			for lines.Scan() {
				got = append(got, lines.Text())
			}
			want := 0
			for _, st := range tc.steps {
				want += st.replies
			}
			if tc.steps == nil {
				want = 1
			}
			all := strings.Join(got, "\n")
			if c := <-code; c != tc.code || len(got) != want || !strings.Contains(all, tc.contains) {
				t.Errorf("code %d, want %d; replies:\n%s", c, tc.code, all)
			}
		})
	}
}

// TestWorkerStopsWhenParentGoes: with its stdin gone the worker gives up even
// in the middle of a page that never ends.
func TestWorkerStopsWhenParentGoes(t *testing.T) {
	path := writeTemp(t, "pack.pdf", manyPages(t, 2))
	release := make(chan struct{})
	workerPageHook = func(int) { <-release }
	defer func() { workerPageHook = nil; close(release) }()
	inR, inW := io.Pipe()
	done := make(chan int)
	go func() { done <- RunExtractWorker(inR, io.Discard) }()
	if _, err := fmt.Fprintf(inW, `{"path":%q,"pages":[1,2]}`+"\n", path); err != nil {
		t.Fatal(err)
	}
	inW.Close()
	if code := <-done; code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
}

func TestFontName(t *testing.T) {
	tests := []struct{ dict, want string }{
		{"<</BaseFont /DCWSNX+Arial-BoldMT /Encoding /WinAnsiEncoding /Subtype /TrueType>>", "DCWSNX+Arial-BoldMT"},
		{"<</BaseFont /Helvetica>>", "Helvetica"},
		{"<</BaseFont /ABCDEF+Calibri/Encoding /WinAnsiEncoding>>", "ABCDEF+Calibri"},
	}
	for _, tc := range tests {
		if got := fontName(tc.dict); got != tc.want {
			t.Errorf("fontName(%q) = %q, want %q", tc.dict, got, tc.want)
		}
	}
	// A font without a name is known by its whole dictionary.
	a, b := "<</CharProcs 12 0 R /Subtype /Type3>>", "<</CharProcs 13 0 R /Subtype /Type3>>"
	if fontName(a) == fontName(b) || fontName(a) != fontName(a) || len(fontName(a)) > 32 {
		t.Errorf("nameless fonts: %q, %q", fontName(a), fontName(b))
	}
}
