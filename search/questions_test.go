package search

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/library"
	"panelpapers/docs/packgen"
)

// reworded is the 101 question of 14 July 2023 as another member might put
// it: hardly a word in common beyond "wait", "number", "rural" and "Powys".
const reworded = "How long do people wait when they ring the non-emergency number in rural Powys?"

// samplePapers are the generated minutes of 14 July 2023 and the agenda
// pack of 27 October 2023 (which carries those minutes again, and the
// questions on notice for 27 October), built once for all tests.
var samplePapers = sync.OnceValues(func() ([]fixture, error) {
	var out []fixture
	for _, s := range []packgen.Spec{packgen.SampleMinutes(), packgen.SamplePack()} {
		p, err := packgen.Build(s)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(p.PDF)
		v := docs.Version{SHA256: hex.EncodeToString(sum[:]), Title: p.Agenda.Title, Committee: p.Agenda.Committee,
			Date: p.Agenda.Date, Kind: p.Agenda.Kind, Pages: len(p.Pages), Agenda: p.Agenda}
		v.Document = library.DocumentKey(v.Committee, v.Date, v.Kind, v.Title)
		out = append(out, fixture{Version: v, Pages: p.Pages})
	}
	return out, nil
})

// syntheticQuestions is a paper recording questions that share a word with
// a draft only through a council synonym.
func syntheticQuestions() fixture {
	qs := []docs.Question{
		{Asker: "Councillor A", Text: "How many reports were made online to the non-emergency line last year?"},
		{Asker: "Councillor B", Text: "What is the average answer time on 101 in Ceredigion?"},
		{Asker: "Councillor C", Text: "Will the PCC attend the agricultural shows in Powys this summer?"},
		{Asker: "Councillor D", Text: "Does the Police and Crime Commissioner support the new custody suite at Llanelli?"},
		{Asker: "Councillor E", Text: "By how much will the precept rise next year?"},
		{Asker: "Councillor F", Text: "What is being done about antisocial behaviour in Tenby harbour?"},
	}
	var pages []docs.Page
	for i, q := range qs {
		qs[i].Page = i + 1
		pages = append(pages, docs.Page{Number: i + 1, Text: "Question from " + q.Asker + ":\n\n" + q.Text})
	}
	v := docs.Version{SHA256: strings.Repeat("5e", 32), Title: "Questions and answers", Committee: "Dyfed-Powys Police and Crime Panel",
		Date: "2024-02-02", Kind: docs.KindOther, Pages: len(pages), Agenda: docs.Agenda{Questions: qs}}
	return fixture{Version: v, Pages: pages}
}

// pagedLibrary is a fake library that reads single pages too, as
// *docs.Library does, counting them.
type pagedLibrary struct {
	*fakeLibrary
	mu    sync.Mutex
	reads int
}

func (l *pagedLibrary) Page(sha string, n int) (docs.Page, error) {
	l.mu.Lock()
	l.reads++
	l.mu.Unlock()
	l.fakeLibrary.mu.Lock()
	defer l.fakeLibrary.mu.Unlock()
	for _, p := range l.pages[sha] {
		if p.Number == n {
			return p, nil
		}
	}
	return docs.Page{}, fmt.Errorf("page %d of %.12s: %w", n, sha, docs.ErrNotFound)
}

func (l *pagedLibrary) singleReads() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.reads
}

// questionLibrary is a fake library of the sample papers (minutes first)
// and, with synthetic, the synthetic questions.
func questionLibrary(t testing.TB, synthetic bool, only ...int) *pagedLibrary {
	t.Helper()
	fs, err := samplePapers()
	if err != nil {
		t.Fatal(err)
	}
	if synthetic {
		fs = append(fs, syntheticQuestions())
	}
	lib := &pagedLibrary{fakeLibrary: &fakeLibrary{pages: map[string][]docs.Page{}}}
	for i, f := range fs {
		if len(only) > 0 && !containsInt(only, i) {
			continue
		}
		v := f.Version
		lib.add(&v, f.Pages)
	}
	return lib
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// openQuestions opens an index of questions of src in a folder of its own.
func openQuestions(t testing.TB, src Source) *Questions {
	t.Helper()
	return openQuestionsIn(t, t.TempDir(), src)
}

func openQuestionsIn(t testing.TB, dir string, src Source) *Questions {
	t.Helper()
	q, err := OpenQuestions(dir, src)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = q.Close() })
	return q
}

func similar(t testing.TB, q *Questions, req SimilarRequest) []PastQuestion {
	t.Helper()
	res, err := q.Similar(req)
	if err != nil {
		t.Fatalf("Similar(%q): %v", req.Text, err)
	}
	return res
}

func describe(res []PastQuestion) string {
	var b strings.Builder
	for _, r := range res {
		fmt.Fprintf(&b, "\n  %.2f %s %s p%d %.50q", r.Score, r.Meeting, r.Asker, r.Page, r.Text)
	}
	return b.String()
}

// TestAskedBefore finds the question of 14 July 2023 from a rewording that
// shares few of its words, with its date, asker, response and page.
func TestAskedBefore(t *testing.T) {
	for _, tc := range []struct {
		name string
		lib  *pagedLibrary
	}{
		{"minutes alone", questionLibrary(t, false, 0)},
		{"minutes, the next pack and other questions", questionLibrary(t, true)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := openQuestions(t, tc.lib)
			res := similar(t, q, SimilarRequest{Text: reworded, Limit: 10})
			if len(res) == 0 {
				t.Fatal("no results")
			}
			top := res[0]
			t.Logf("results:%s", describe(res))
			if top.Meeting != "2023-07-14" || top.Asker != "Councillor Jane Roberts-Jones" || !strings.HasPrefix(top.Text, "What steps is the Commissioner") {
				t.Fatalf("best result %+v, want Councillor Jane Roberts-Jones's question of 14 July 2023", top.PackQuestion)
			}
			if !strings.HasPrefix(top.Response, "The average wait on 101 fell") {
				t.Errorf("response %q, want the Commissioner's recorded response", top.Response)
			}
			if top.Committee != "Dyfed-Powys Police and Crime Panel" || top.Page == 0 || top.Pack == "" {
				t.Errorf("best result lacks where it is: %+v", top.PackQuestion)
			}
			// The question is in the minutes and again in the next pack: once.
			seen := map[string]bool{}
			for _, r := range res {
				if seen[r.Key()] {
					t.Errorf("question %q of %s listed twice", r.Text[:30], r.Meeting)
				}
				seen[r.Key()] = true
			}
		})
	}
}

// TestAskedBeforeSynonyms finds questions that share a word with the draft
// only through a council synonym, and the control (the synonym swapped for
// an unrelated word) does not.
func TestAskedBeforeSynonyms(t *testing.T) {
	q := openQuestions(t, questionLibrary(t, true))
	for _, tc := range []struct {
		name, draft, control, want string
	}{
		{"non-emergency finds 101", "Are waits on the non-emergency line getting shorter?", "Are waits on the gritting line getting shorter?", "Councillor B"},
		{"101 finds non-emergency", "Is 101 staffed overnight?", "Is the switchboard staffed overnight?", "Councillor A"},
		{"Commissioner finds PCC", "Is the Commissioner visiting farms?", "Is the mayor visiting farms?", "Councillor C"},
		{"PCC finds Commissioner", "Is the PCC happy?", "Is the mayor happy?", "Councillor D"},
		{"council tax finds precept", "Is council tax going up again?", "Is the water rate going up again?", "Councillor E"},
		{"ASB finds antisocial behaviour", "How many ASB incidents were recorded?", "How many burglary incidents were recorded?", "Councillor F"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found := func(draft string) bool {
				for _, r := range similar(t, q, SimilarRequest{Text: draft, Limit: 20}) {
					if r.Asker == tc.want {
						return true
					}
				}
				return false
			}
			if !found(tc.draft) {
				t.Errorf("%q does not find %s's question", tc.draft, tc.want)
			}
			if found(tc.control) {
				t.Errorf("control %q finds %s's question too: the synonym is not what matched", tc.control, tc.want)
			}
		})
	}
	t.Run("PCC finds the Commissioner's sample questions", func(t *testing.T) {
		res := similar(t, q, SimilarRequest{Text: "PCC", Limit: 20})
		if len(res) < 3 {
			t.Errorf("\"PCC\" finds %d questions, want every question to the Commissioner:%s", len(res), describe(res))
		}
	})
}

// TestAskedBeforeNothing: a draft of words the papers never use finds
// nothing, without an error, as does an empty one.
func TestAskedBeforeNothing(t *testing.T) {
	q := openQuestions(t, questionLibrary(t, true))
	for _, draft := range []string{"zebra crossings", "", "the of and", "?!"} {
		if res := similar(t, q, SimilarRequest{Text: draft}); len(res) != 0 {
			t.Errorf("%q finds%s", draft, describe(res))
		}
	}
}

// TestAskedBeforeFilters: Before leaves out a meeting's own questions, and
// Limit caps the answer; a bad date is a QueryError.
func TestAskedBeforeFilters(t *testing.T) {
	q := openQuestions(t, questionLibrary(t, true))
	res := similar(t, q, SimilarRequest{Text: "101 non-emergency calls", Before: "2023-07-14", Limit: 20})
	for _, r := range res {
		if r.Meeting >= "2023-07-14" {
			t.Errorf("Before 2023-07-14 gives a question of %s", r.Meeting)
		}
	}
	res = similar(t, q, SimilarRequest{Text: "101 non-emergency calls", Before: "2023-10-27", Limit: 20})
	if len(res) == 0 || res[0].Meeting != "2023-07-14" {
		t.Errorf("Before 2023-10-27:%s; want the 14 July question first", describe(res))
	}
	if res := similar(t, q, SimilarRequest{Text: "Commissioner", Limit: 2}); len(res) != 2 {
		t.Errorf("Limit 2 gives %d", len(res))
	}
	if _, err := q.Similar(SimilarRequest{Text: "101", Before: "14/07/2023"}); err == nil {
		t.Error("a bad date is accepted")
	}
}

// TestQuestionsInStep: Add, Remove and Refresh keep the index to the
// current papers, like the page index.
func TestQuestionsInStep(t *testing.T) {
	lib := questionLibrary(t, true)
	dir := t.TempDir()
	q := openQuestionsIn(t, dir, lib)
	if got := q.Len(); got != 2+5+6 {
		t.Fatalf("Len = %d, want 13 (2 in the minutes, 5 in the pack, 6 synthetic)", got)
	}
	fs, _ := samplePapers()
	minutes, pack := fs[0], fs[1]
	fromPack := func() bool {
		for _, r := range similar(t, q, SimilarRequest{Text: reworded, Limit: 20}) {
			if r.Pack == pack.Version.SHA256 {
				return true
			}
		}
		return false
	}
	if err := q.Remove(minutes.Version.SHA256); err != nil {
		t.Fatal(err)
	}
	if got := q.Len(); got != 11 {
		t.Errorf("Len after Remove = %d, want 11", got)
	}
	// With the minutes gone, the pack's copy of them answers instead.
	res := similar(t, q, SimilarRequest{Text: reworded})
	if len(res) == 0 || res[0].Pack != pack.Version.SHA256 || res[0].Meeting != "2023-07-14" || res[0].Page != 3 || res[0].Printed != "3" || !res[0].Answered() {
		t.Errorf("after removing the minutes:%s; want the minutes bound into the 27 October pack, page 3", describe(res))
	}
	if err := q.Remove(minutes.Version.SHA256); err != nil {
		t.Errorf("removing twice: %v", err)
	}
	v := minutes.Version
	if err := q.Add(&v, minutes.Pages); err != nil {
		t.Fatal(err)
	}
	if err := q.Add(&v, minutes.Pages); err != nil { // again: replaces
		t.Fatal(err)
	}
	if got := q.Len(); got != 13 {
		t.Errorf("Len after Add = %d, want 13", got)
	}
	if lib.pageReads() != 0 {
		t.Errorf("building the index read every page of %d papers", lib.pageReads())
	}
	if err := q.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Similar(SimilarRequest{Text: reworded}); err == nil {
		t.Error("a closed index answers")
	}
	// A paper removed while the index was closed (by the command line,
	// say) is dropped when it is next opened.
	lib.remove(pack.Version.SHA256)
	q = openQuestionsIn(t, dir, lib)
	if got := q.Len(); got != 8 || fromPack() {
		t.Errorf("reopened without the pack: Len %d, pack found %v", got, fromPack())
	}
}

// TestQuestionsPagesRead: a paper's questions are read, with their printed
// page numbers and the pages of their responses, when the paper is first
// indexed: from the pages its questions are on when the source reads single
// pages, else from the whole paper; never again once the index holds them.
func TestQuestionsPagesRead(t *testing.T) {
	const draft = "Will the Commissioner publish how many officers can work in Welsh?"
	for _, tc := range []struct {
		name         string
		paged        bool
		maxPageReads int
	}{
		{"source reads single pages", true, 2 + 4}, // page 3 and the next three, page 7
		{"source reads whole papers only", false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lib := questionLibrary(t, false, 1) // the pack alone
			var src Source = lib.fakeLibrary
			if tc.paged {
				src = lib
			}
			dir := t.TempDir()
			q := openQuestionsIn(t, dir, src)
			check := func(when string) {
				res := similar(t, q, SimilarRequest{Text: draft})
				if len(res) == 0 || res[0].Meeting != "2023-07-14" || res[0].Asker != "Councillor Dafydd Llŷr Thomas" {
					t.Fatalf("%s: results:%s", when, describe(res))
				}
				if res[0].Printed != "3" || res[0].ResponsePage != 4 || !res[0].Answered() {
					t.Errorf("%s: printed page %q, response page %d; want 3, 4", when, res[0].Printed, res[0].ResponsePage)
				}
			}
			check("first open")
			single, whole := lib.singleReads(), lib.pageReads()
			if tc.paged && (single == 0 || single > tc.maxPageReads || whole != 0) {
				t.Errorf("%d single pages and %d whole papers read, want at most %d pages", single, whole, tc.maxPageReads)
			}
			if !tc.paged && whole != 1 {
				t.Errorf("%d whole papers read, want 1", whole)
			}
			if err := q.Close(); err != nil {
				t.Fatal(err)
			}
			q = openQuestionsIn(t, dir, src)
			check("reopened")
			if lib.singleReads() != single || lib.pageReads() != whole {
				t.Errorf("reopening read pages again: %d single, %d whole", lib.singleReads()-single, lib.pageReads()-whole)
			}
		})
	}
}

// TestQuestionsConcurrent runs searches while papers come and go (for -race).
func TestQuestionsConcurrent(t *testing.T) {
	lib := questionLibrary(t, true)
	q := openQuestions(t, lib)
	fs, _ := samplePapers()
	v := fs[1].Version
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			for range 20 {
				if _, err := q.Similar(SimilarRequest{Text: reworded}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for range 10 {
		if err := q.Remove(v.SHA256); err != nil {
			t.Fatal(err)
		}
		if err := q.Add(&v, fs[1].Pages); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
}

// TestDraftConcepts checks how a draft is split: synonyms, longest first,
// become one concept used as often as any of its forms is; common words go.
func TestDraftConcepts(t *testing.T) {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	a := m.AnalyzerNamed(textAnalyzer)
	cs := draftConcepts(a, "Will the PCC ring 101 about non-emergency calls, and will the Police and Crime Commissioner call back?")
	var got []string
	for _, c := range cs {
		var alts []string
		for _, alt := range c.alts {
			alts = append(alts, strings.Join(alt, " "))
		}
		got = append(got, fmt.Sprintf("%s×%d", strings.Join(alts, "|"), c.tf))
	}
	want := []string{"pcc|commission×2", "ring|call|caller|phone|telephon×3", "101|non emerg×2", "polic×1", "crime×1", "back×1"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("concepts\n got %v\nwant %v", got, want)
	}
}

// TestSimilarPassages finds the minutes page that records the 101 question
// from the reworded draft, with a snippet.
func TestSimilarPassages(t *testing.T) {
	lib := questionLibrary(t, true)
	x, _ := openTest(t, lib)
	fs, _ := samplePapers()
	hits, err := x.SimilarPassages(reworded, "minutes", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].SHA256 != fs[0].Version.SHA256 || hits[0].Page != 1 {
		t.Fatalf("hits %+v; want page 1 of the minutes first", hits)
	}
	if !strings.Contains(hits[0].Snippet, "«") {
		t.Errorf("snippet %q marks nothing", hits[0].Snippet)
	}
	for _, h := range hits {
		if h.Kind != "minutes" {
			t.Errorf("a %s page among minutes passages", h.Kind)
		}
	}
	if _, err := x.SimilarPassages(reworded, "nonsense", 3); err == nil {
		t.Error("an unknown kind is accepted")
	}
}

// BenchmarkSimilar times "asked before?" over 2,000 questions, as the member
// types; BenchmarkOpenQuestions times building that index, and opening it
// again when nothing changed.
func BenchmarkSimilar(b *testing.B) {
	lib := benchQuestions(2000)
	q := openQuestions(b, lib)
	drafts := []string{reworded, "What is the PCC doing about rural crime in Powys?", "council tax precept 2024/25"}
	for i := 0; b.Loop(); i++ {
		if _, err := q.Similar(SimilarRequest{Text: drafts[i%len(drafts)]}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpenQuestions(b *testing.B) {
	for _, n := range []int{300, 2000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			lib := benchQuestions(n)
			b.Run("build", func(b *testing.B) {
				for b.Loop() {
					q, err := OpenQuestions(b.TempDir(), lib)
					if err != nil {
						b.Fatal(err)
					}
					_ = q.Close()
				}
			})
			b.Run("reopen", func(b *testing.B) {
				dir := b.TempDir()
				openQuestionsIn(b, dir, lib).Close()
				for b.Loop() {
					q, err := OpenQuestions(dir, lib)
					if err != nil {
						b.Fatal(err)
					}
					_ = q.Close()
				}
			})
		})
	}
}

// benchQuestions is a library of n generated questions, 20 to a paper.
func benchQuestions(n int) *pagedLibrary {
	p := packgen.NewProse(7)
	lib := &pagedLibrary{fakeLibrary: &fakeLibrary{pages: map[string][]docs.Page{}}}
	day := time.Date(2015, 1, 9, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i += 20 {
		var qs []docs.Question
		for j := range min(20, n-i) {
			qs = append(qs, docs.Question{Asker: fmt.Sprintf("Councillor %d", j), Text: p.Sentence() + " " + p.Sentence(),
				Response: p.Paragraph(), Page: j + 1})
		}
		sum := sha256.Sum256([]byte(fmt.Sprint(i)))
		v := &docs.Version{SHA256: hex.EncodeToString(sum[:]), Kind: docs.KindMinutes, Date: day.AddDate(0, 0, 7*i/20).Format(time.DateOnly),
			Committee: "Dyfed-Powys Police and Crime Panel", Agenda: docs.Agenda{Questions: qs}}
		lib.add(v, nil)
	}
	return lib
}
