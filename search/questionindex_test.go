package search

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"panelpapers/docs"
)

// noPages is a library whose pages cannot be read: an index that opens on
// it and answers with printed pages and responses' pages holds them itself.
type noPages struct{ *fakeLibrary }

func (noPages) Pages(sha string) ([]docs.Page, error) {
	return nil, fmt.Errorf("pages of %.12s: the test reads none", sha)
}

// strip leaves out the scores, which mean nothing outside one answer.
func strip(res []PastQuestion) []PastQuestion {
	out := make([]PastQuestion, len(res))
	for i, r := range res {
		r.Score = 0
		out[i] = r
	}
	return out
}

// askedDrafts are drafts whose answers the tests compare between runs.
var askedDrafts = []SimilarRequest{
	{Text: reworded, Limit: 10},
	{Text: "101 non-emergency calls", Limit: 10},
	{Text: "101 non-emergency calls", Before: "2023-10-27", Limit: 10},
	{Text: "Will the Commissioner publish how many officers can work in Welsh?"},
	{Text: "PCC", Limit: 20},
}

func answers(t testing.TB, q *Questions) [][]PastQuestion {
	t.Helper()
	var out [][]PastQuestion
	for _, req := range askedDrafts {
		out = append(out, similar(t, q, req))
	}
	return out
}

// TestQuestionsPersisted: the index is written once and read back at the
// next open, whole (printed pages, responses and their pages), without
// reading a page of the library, and gives the same answers.
func TestQuestionsPersisted(t *testing.T) {
	lib := questionLibrary(t, true)
	dir := filepath.Join(t.TempDir(), "index", "questions")
	q := openQuestionsIn(t, dir, lib)
	first := answers(t, q)
	if len(first[0]) == 0 || !first[0][0].Answered() || first[0][0].ResponsePage == 0 {
		t.Fatalf("first answers:%s", describe(first[0]))
	}
	if err := q.Close(); err != nil {
		t.Fatal(err)
	}
	for run := range 3 {
		q := openQuestionsIn(t, dir, noPages{lib.fakeLibrary})
		if got := answers(t, q); !reflect.DeepEqual(got, first) {
			for i := range got {
				t.Errorf("run %d, %q:\n got%s\nwant%s", run+2, askedDrafts[i].Text, describe(got[i]), describe(first[i]))
			}
		}
		if err := q.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestQuestionsSameCopyEveryRun: one question printed in two papers (the
// minutes of 14 July, and again in the pack of 27 October) is shown from the
// same paper whatever order the papers were indexed in: the minutes.
func TestQuestionsSameCopyEveryRun(t *testing.T) {
	for _, order := range [][]int{{0, 1}, {1, 0}} {
		t.Run(fmt.Sprint(order), func(t *testing.T) {
			fs, _ := samplePapers()
			q, err := OpenQuestions("", nil) // in memory: the same entries and writes
			if err != nil {
				t.Fatal(err)
			}
			defer q.Close()
			for _, i := range order {
				v := fs[i].Version
				if err := q.Add(&v, fs[i].Pages); err != nil {
					t.Fatal(err)
				}
			}
			res := similar(t, q, SimilarRequest{Text: reworded})
			if len(res) == 0 || res[0].Meeting != "2023-07-14" {
				t.Fatalf("results:%s", describe(res))
			}
			if top := res[0]; top.Pack != fs[0].Version.SHA256 || top.Kind != docs.KindMinutes || top.Page != 1 || top.ResponsePage != 1 {
				t.Errorf("the 14 July question is shown from %s page %d (response page %d); want the minutes, page 1", top.Kind, top.Page, top.ResponsePage)
			}
		})
	}
}

// TestQuestionsOwnEntries: the July question on 101 calls, carried in the
// October pack's copy of the July minutes, is an entry of its own with the
// July date and the minutes' response, beside the same words put again to
// the October meeting (no response recorded yet).
func TestQuestionsOwnEntries(t *testing.T) {
	q := openQuestions(t, questionLibrary(t, false, 1)) // the October pack alone
	res := similar(t, q, SimilarRequest{Text: "101 non-emergency calls", Limit: 10})
	var july, october *PastQuestion
	for i, r := range res {
		if r.Asker != "Councillor Jane Roberts-Jones" {
			continue
		}
		switch r.Meeting {
		case "2023-07-14":
			july = &res[i]
		case "2023-10-27":
			october = &res[i]
		}
	}
	if july == nil || october == nil {
		t.Fatalf("want the 101 question of July and of October, each on its own:%s", describe(res))
	}
	if !july.Answered() || july.Page != 3 || july.ResponsePage != 3 {
		t.Errorf("July: response %q on page %d; want the minutes' response, page 3", july.Response, july.ResponsePage)
	}
	if october.Answered() || october.Page != 7 {
		t.Errorf("October: response %q, page %d; want none yet, page 7", october.Response, october.Page)
	}
}

// TestQuestionsCatchUp: papers added, removed or read again while the index
// was closed are caught up with when it is next opened, and only those.
func TestQuestionsCatchUp(t *testing.T) {
	lib := questionLibrary(t, false, 0) // the minutes alone
	dir := t.TempDir()
	q := openQuestionsIn(t, dir, lib)
	if q.Len() != 2 {
		t.Fatalf("Len %d, want 2", q.Len())
	}
	q.Close()

	fs, _ := samplePapers()
	pack := fs[1].Version
	lib.add(&pack, fs[1].Pages)
	syn := syntheticQuestions()
	lib.add(&syn.Version, syn.Pages)
	reads := lib.singleReads()
	q = openQuestionsIn(t, dir, lib)
	if q.Len() != 2+5+6 {
		t.Errorf("after catching up Len %d, want 13", q.Len())
	}
	if lib.singleReads() == reads {
		t.Error("no page of the new papers read")
	}
	q.Close()

	// The synthetic paper read again (a newer parser): its record changed.
	lib.fakeLibrary.mu.Lock()
	changed := *lib.versions[2]
	changed.Agenda.Questions = changed.Agenda.Questions[:2]
	lib.versions[2] = &changed
	lib.fakeLibrary.mu.Unlock()
	q = openQuestionsIn(t, dir, lib)
	if q.Len() != 2+5+2 {
		t.Errorf("after a paper was read again Len %d, want 9", q.Len())
	}
	q.Close()

	lib.remove(pack.SHA256)
	reads = lib.singleReads()
	q = openQuestionsIn(t, dir, lib)
	if q.Len() != 2+2 {
		t.Errorf("after a removal Len %d, want 4", q.Len())
	}
	if lib.singleReads() != reads {
		t.Error("a removal read pages")
	}
}

// TestQuestionsToSearch: the command line's open is read-only when the
// index is in step, catches up first when it is not, and while the window
// holds the index answers from the same entries read into memory.
func TestQuestionsToSearch(t *testing.T) {
	lib := questionLibrary(t, true)
	dir := t.TempDir()
	held := openQuestionsIn(t, dir, lib)
	want := answers(t, held)

	t.Run("held by the window", func(t *testing.T) {
		q, err := OpenQuestionsToSearch(dir, lib)
		if err != nil {
			t.Fatal(err)
		}
		defer q.Close()
		if got := answers(t, q); !reflect.DeepEqual(stripAll(got), stripAll(want)) {
			t.Errorf("answers differ from the window's index")
		}
		v := lib.versions[0]
		if err := q.Add(v, nil); !errors.Is(err, errReadOnly) {
			t.Errorf("Add to an index opened to search: %v", err)
		}
	})
	held.Close()

	t.Run("in step", func(t *testing.T) {
		q, err := OpenQuestionsToSearch(dir, noPages{lib.fakeLibrary})
		if err != nil {
			t.Fatal(err)
		}
		defer q.Close()
		if !reflect.DeepEqual(answers(t, q), want) {
			t.Errorf("answers differ from the window's index")
		}
	})
	t.Run("behind", func(t *testing.T) {
		lib.remove(lib.versions[2].SHA256)
		q, err := OpenQuestionsToSearch(dir, lib)
		if err != nil {
			t.Fatal(err)
		}
		defer q.Close()
		if q.Len() != 7 {
			t.Errorf("Len %d, want 7 once caught up", q.Len())
		}
	})
}

func stripAll(rs [][]PastQuestion) [][]PastQuestion {
	out := make([][]PastQuestion, len(rs))
	for i, r := range rs {
		out[i] = strip(r)
	}
	return out
}

// TestQuestionsRebuilt: an index that is damaged, of an older schema or was
// left half-built is built again from the library.
func TestQuestionsRebuilt(t *testing.T) {
	for _, tc := range []struct {
		name  string
		wreck func(t *testing.T, path string)
	}{
		{"older schema", func(t *testing.T, path string) {
			idx, err := bleve.OpenUsing(path, runtimeConfig())
			if err != nil {
				t.Fatal(err)
			}
			if err := idx.SetInternal(keySchema, []byte("q0")); err != nil {
				t.Fatal(err)
			}
			idx.Close()
		}},
		{"half-built", func(t *testing.T, path string) {
			idx, err := bleve.OpenUsing(path, runtimeConfig())
			if err != nil {
				t.Fatal(err)
			}
			if err := idx.DeleteInternal(keySchema); err != nil {
				t.Fatal(err)
			}
			idx.Close()
		}},
		{"files gone", func(t *testing.T, path string) {
			if err := os.WriteFile(filepath.Join(path, "index_meta.json"), []byte("{"), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lib := questionLibrary(t, true)
			dir := t.TempDir()
			q := openQuestionsIn(t, dir, lib)
			want := answers(t, q)
			q.Close()
			tc.wreck(t, filepath.Join(dir, bleveName))
			q = openQuestionsIn(t, dir, lib)
			if got := answers(t, q); !reflect.DeepEqual(stripAll(got), stripAll(want)) {
				t.Errorf("answers after the rebuild differ")
			}
			if q.Len() != 13 {
				t.Errorf("Len %d after the rebuild", q.Len())
			}
		})
	}
}

// TestQuestionsLocked: a second opener of a held index gives up with
// docs.ErrLocked.
func TestQuestionsLocked(t *testing.T) {
	lib := questionLibrary(t, false)
	dir := t.TempDir()
	openQuestionsIn(t, dir, lib)
	if _, err := OpenQuestions(dir, lib); !errors.Is(err, docs.ErrLocked) {
		t.Errorf("second open: %v, want docs.ErrLocked", err)
	}
}
