package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"panelpapers/docs"
	"panelpapers/search"
)

// fixedSearch answers every search with the same hits.
type fixedSearch struct{ hits []search.Hit }

func (s fixedSearch) Search(req search.Request) (*search.Result, error) {
	return &search.Result{Query: req.Query, Total: uint64(len(s.hits)), Hits: s.hits}, nil
}

// TestSearchRoundTrip follows a member through the results by keyboard:
// Enter shows the results (it opens nothing), the arrow keys and Enter
// open one, F3 and Shift+F3 go on to the next and back, and Escape (or
// "Back to results") comes back to the list where they were.
func TestSearchRoundTrip(t *testing.T) {
	f := newFixture(t, func(lib *fakeLib, now time.Time) {
		lib.add(t, samplePacks(t)["minutes"], now)
	})
	s, r, c := f.u.Search, f.u.Reader, f.w.Canvas()
	f.menuItem("Search all papers").Action()
	test.Type(s.query, "Tywi")
	s.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.settle()
	if f.u.view != s.root {
		t.Fatal("Enter in the search box left the results")
	}
	if len(s.hitRows) < 3 {
		t.Fatalf("%d results, want three or more", len(s.hitRows))
	}
	if c.Focused() != s.hitRows[0].row {
		t.Fatalf("after Enter the keyboard is on %T, want the first result", c.Focused())
	}

	pressKey(c, fyne.KeyDown)
	pressKey(c, fyne.KeyReturn)
	f.settle()
	second := s.hits[1]
	if f.u.view != r.root || r.version == nil || r.version.SHA256 != second.SHA256 || r.current != second.Page {
		t.Fatalf("Down, Enter opened %v at page %d, want the second result", r.version, r.current)
	}
	if !r.resultsB.Visible() {
		t.Error("no way back to the results from the page")
	}

	f.press(fyne.KeyF3)
	third := s.hits[2]
	if r.version.SHA256 != third.SHA256 || r.current != third.Page || r.marksPage != third.Page {
		t.Errorf("F3 went to page %d (marks on %d), want the third result's page %d", r.current, r.marksPage, third.Page)
	}
	f.u.onShift(true)
	f.press(fyne.KeyF3)
	f.u.onShift(false)
	if r.current != second.Page || s.opened != 1 {
		t.Errorf("Shift+F3 went to page %d (result %d), want the second result again", r.current, s.opened)
	}

	f.press(fyne.KeyEscape)
	if f.u.view != s.root {
		t.Fatal("Escape on a page opened from the results did not go back to them")
	}
	if c.Focused() != s.hitRows[1].row {
		t.Error("back at the results, the keyboard is not on the result last opened")
	}
	if len(s.hitRows) < 3 || s.query.Text != "Tywi" {
		t.Error("the results were not kept")
	}
	test.Tap(s.hitRows[0].row)
	f.settle()
	test.Tap(r.resultsB)
	if f.u.view != s.root || c.Focused() != s.hitRows[0].row {
		t.Error("Back to results did not bring back the results at the first")
	}

	// A paper opened from the list offers no way back to results.
	f.u.onHome()
	f.openFromList(f.pack)
	if r.resultsB.Visible() || r.fromResults {
		t.Error("a paper opened from the list offers Back to results")
	}
}

// TestSearchShowsMoreResults checks a search of many pages shows the
// best 50, says so, and shows 50 more on asking, the keyboard going to
// the first of them.
func TestSearchShowsMoreResults(t *testing.T) {
	f := newFixture(t, func(lib *fakeLib, now time.Time) {
		var pages []docs.Page
		for i := 1; i <= 70; i++ {
			pages = append(pages, docs.Page{Number: i, Text: fmt.Sprintf("Quillwort %d of the budget", i)})
		}
		lib.addBytes(t, []byte("%PDF-1.4 budget"), docs.Agenda{Title: "Budget book", Committee: "Cabinet", Date: "2024-02-01", Kind: docs.KindReport},
			pages, now)
	})
	s := f.u.Search
	f.menuItem("Search all papers").Action()
	test.Type(s.query, "quillwort")
	f.settle()
	if len(s.hitRows) != searchPage || !s.moreShown() {
		t.Fatalf("%d results, more offered %v; want %d and more", len(s.hitRows), s.moreShown(), searchPage)
	}
	if !strings.Contains(s.summary.Text, "70") || !strings.Contains(s.summary.Text, "50") {
		t.Errorf("summary %q says nothing of 70 pages, 50 shown", s.summary.Text)
	}
	// From the last result, Down reaches the button.
	c := f.w.Canvas()
	c.Focus(s.hitRows[len(s.hitRows)-1].row)
	pressKey(c, fyne.KeyDown)
	if c.Focused() != s.more {
		t.Fatalf("Down from the last result goes to %T, want Show more results", c.Focused())
	}
	test.Tap(s.more)
	f.settle()
	if len(s.hitRows) != 70 || s.moreShown() {
		t.Errorf("%d results after Show more, more offered %v; want all 70", len(s.hitRows), s.moreShown())
	}
	if c.Focused() != s.hitRows[searchPage].row {
		t.Error("the keyboard is not on the first new result")
	}
}

// TestSearchResultsOfEachKind checks a note and a question draft look like
// what they are and open what they are: a note at its words on the page,
// a draft in the questions view.
func TestSearchResultsOfEachKind(t *testing.T) {
	f := newQFixture(t)
	f.openAt(9)
	f.dragOver(9, "the Chair expressed concern")
	f.choose("Highlight in yellow")
	n := f.notes.only(t)
	draft, err := f.drafts.SaveDraft(docs.Draft{Title: "Rural crime", Body: "How many officers?", Committee: samplePanel, Meeting: "2023-10-27"})
	if err != nil {
		t.Fatal(err)
	}
	f.u.onHome()
	f.settle()

	printed := "9"
	hits := []search.Hit{
		{Kind: "agenda", Title: "Reports pack", SHA256: f.pack.SHA256, Page: 9, PrintedPage: &printed, Committee: samplePanel, Date: "2023-10-27",
			Snippet: "«Chair» expressed", Matches: [][2]int{{4, 9}}},
		// A note's matches are in the note's own words ("concern" is letters
		// 20 to 27 of its quote), never in the page's.
		{Kind: "note", Title: "Reports pack", SHA256: f.pack.SHA256, Page: 9, PrintedPage: &printed, Committee: samplePanel, Date: "2023-10-27",
			Note: n.ID, Snippet: "the Chair expressed «concern»", Matches: [][2]int{{20, 27}}},
		{Kind: "question", Title: "Rural crime", Committee: samplePanel, Date: "2023-10-27", Draft: draft.ID,
			Snippet: "How many «officers»?", Matches: [][2]int{{9, 17}}},
	}
	s := f.u.Search
	s.setSearcher(fixedSearch{hits})
	f.menuItem("Search all papers").Action()
	test.Type(s.query, "anything")
	f.settle()
	if len(s.hitRows) != 3 {
		t.Fatalf("%d rows", len(s.hitRows))
	}
	page, note, question := s.hitRows[0], s.hitRows[1], s.hitRows[2]
	if !strings.HasPrefix(note.title.Text, "Your note · Reports pack, page 9") || note.icon.Resource == page.icon.Resource {
		t.Errorf("the note reads %q: it looks like a page", note.title.Text)
	}
	if question.title.Text != "Your question · Rural crime" || question.icon.Resource == page.icon.Resource || question.icon.Resource == note.icon.Resource {
		t.Errorf("the draft reads %q: it looks like a page or a note", question.title.Text)
	}
	if page.title.Text != "Reports pack · Page 9" || page.icon.Resource != theme.FileTextIcon() {
		t.Errorf("the page reads %q", page.title.Text)
	}

	test.Tap(note.row)
	f.settle()
	r := f.u.Reader
	if f.u.view != r.root || r.current != 9 || r.marksPage != 9 || r.markCount == 0 {
		t.Fatalf("the note opened at page %d with %d boxes marked on page %d", r.current, r.markCount, r.marksPage)
	}
	chars, _ := r.doc.CharBoxes(9)
	want := wordBoxes(n.Quote, [][2]int{{0, len(n.Quote)}}, chars)[0]
	got := r.pagesView.tiles[8].marks
	if len(got) != len(want) || got[0].box != want[0] {
		t.Errorf("marked %v, want the note's words %v", got, want)
	}

	f.u.backToResults()
	test.Tap(question.row)
	f.settle()
	if f.u.lastError != "" {
		t.Fatalf("opening the draft said %q", f.u.lastError)
	}
	if f.u.view != f.q.root || f.q.draft == nil || f.q.draft.ID != draft.ID {
		t.Fatal("the question draft did not open in the questions view")
	}
}
