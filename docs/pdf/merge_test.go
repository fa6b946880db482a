package pdf

import (
	"strings"
	"testing"

	"panelpapers/docs"
)

// testMerger is a merger for n pages that records what it asks of PDFium and
// whether it stops dslipak.
func testMerger(n int) (m *merger, asked *[]int, stopped *int) {
	asked, stopped = new([]int), new(int)
	m = newMerger(n, func(i int, _ bool) { *asked = append(*asked, i+1) }, func(int, int) {})
	m.stopDslipak = func() { *stopped++ }
	return m, asked, stopped
}

// refText is PDFium's reading of page n, as the referee hands it over.
func refText(n int, text string) refResult {
	return refResult{i: n - 1, text: newEngineText(text)}
}

func TestDslipakGivenUpOnAFileItCannotRead(t *testing.T) {
	m, asked, stopped := testMerger(12)
	ref := strings.Join(prose, "\n")
	for n := 1; n <= giveUpAfter; n++ {
		if *stopped != 0 {
			t.Fatalf("stopped after %d wrong pages", n-1)
		}
		m.takeDslipak(dsResult{page: n, text: strings.ReplaceAll(ref, " ", "")})
		m.takeRef(refText(n, ref))
	}
	if *stopped != 1 {
		t.Errorf("stop called %d times after %d wrong pages, want once", *stopped, giveUpAfter)
	}
	m.dslipakEnded()
	for n := giveUpAfter + 1; n <= len(m.pages); n++ {
		m.takeRef(refText(n, ref))
	}
	if len(*asked) != len(m.pages) {
		t.Errorf("PDFium asked for pages %v", *asked)
	}
	for i, p := range m.pages {
		if p.page.Engine != docs.EnginePDFium || p.page.Text != ref {
			t.Errorf("page %d: %+v", i+1, p.page)
		}
	}
	if !m.finished() {
		t.Errorf("not finished: %d pages settled, %d owed", m.done, m.outstanding)
	}
}

// TestRefereeSpotChecks: PDFium reads the pages that need it, and every page
// once it has overruled text that passed the checks alone.
func TestRefereeSpotChecks(t *testing.T) {
	good := strings.Join(prose, "\n")
	// Passes the checks alone, but half the words are not PDFium's.
	wrong := strings.Join(append(prose[:2:2], "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.", "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip."), "\n")
	m, asked, _ := testMerger(spotEvery + 4)
	steps := []struct {
		r        dsResult
		referee  bool
		describe string
	}{
		{dsResult{page: 1, text: good, fonts: []string{"Arial"}}, true, "new fonts"},
		{dsResult{page: 2, text: good}, false, "nothing new"},
		{dsResult{page: 3, text: strings.ReplaceAll(good, " ", "")}, true, "glued words"},
		{dsResult{page: 4, text: ""}, true, "no text"},
		{dsResult{page: 5, err: errPageTimeout}, true, "timed out"},
		{dsResult{page: spotEvery + 1, text: good}, true, "sample"},
		{dsResult{page: 6, text: wrong}, false, "wrong, but nothing to tell"},
	}
	for _, st := range steps {
		before := len(*asked)
		m.takeDslipak(st.r)
		p := m.pages[st.r.page-1]
		if (len(*asked) > before) != st.referee || p.settled == st.referee {
			t.Errorf("page %d (%s): refereed %v, settled %v", st.r.page, st.describe, len(*asked) > before, p.settled)
		}
	}
	if e := m.pages[5].page.Engine; e != docs.EngineDslipak {
		t.Fatalf("page 6 engine %q before any referee", e)
	}
	// The referee agrees with the sample, then overrules page 7, which
	// passed the checks alone: every page it has not read is read now.
	m.takeRef(refText(spotEvery+1, good))
	m.takeDslipak(dsResult{page: 7, text: wrong, fonts: []string{"Times"}})
	m.takeRef(refText(7, good))
	if !m.suspect {
		t.Fatal("an overruled page 7 did not make the file suspect")
	}
	for _, n := range []int{2, 6} {
		if !m.pages[n-1].refAsked {
			t.Errorf("settled page %d not refereed after the overrule", n)
		}
	}
	m.takeDslipak(dsResult{page: 10, text: good})
	if !m.pages[9].refAsked {
		t.Error("page 10 not refereed in a suspect file")
	}
	m.takeRef(refText(6, good))
	if p := m.pages[5].page; p.Engine != docs.EnginePDFium || p.Text != good {
		t.Errorf("page 6 after the referee: %+v", p)
	}
	if m.done != 4 {
		t.Errorf("%d pages settled, want 4 (2, 6, 7, 9; the rest wait for PDFium)", m.done)
	}
}

// TestRefereeLateDslipak: a page PDFium has read waits for dslipak's text,
// unless dslipak is gone or the page was taken from it.
func TestRefereeLateDslipak(t *testing.T) {
	good := strings.Join(prose, "\n")
	m, _, _ := testMerger(3)
	m.planSample() // page 1
	m.takeRef(refText(1, good))
	if m.pages[0].settled {
		t.Fatal("planned page 1 settled before dslipak spoke")
	}
	m.takeDslipak(dsResult{page: 1, text: good, fonts: []string{"Arial"}})
	if p := m.pages[0].page; p.Engine != docs.EngineDslipak {
		t.Errorf("page 1 = %+v, want dslipak's", p)
	}
	run := &dslipakRun{claimed: map[int]bool{}}
	m.steal(run, []int{2, 3})
	if !m.pages[1].stolen || m.pages[2].stolen || !run.claimed[2] {
		t.Fatalf("steal took %v", run.claimed)
	}
	m.takeRef(refText(2, good))
	if p := m.pages[1].page; !m.pages[1].settled || p.Engine != docs.EnginePDFium {
		t.Errorf("stolen page 2 = %+v, want PDFium's", p)
	}
	m.takeDslipak(dsResult{page: 2, text: good})
	if p := m.pages[1].page; p.Engine != docs.EngineDslipak {
		t.Errorf("page 2 = %+v after dslipak came late, want dslipak's", p)
	}
	m.dslipakEnded()
	m.takeRef(refText(3, good))
	if !m.finished() || m.pages[2].page.Engine != docs.EnginePDFium {
		t.Errorf("after dslipak ended: page 3 %+v, finished %v", m.pages[2].page, m.finished())
	}
}
