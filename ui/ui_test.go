package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/pdf"
)

func TestLibraryGroupsPapersByCommitteeAndMeeting(t *testing.T) {
	var supp, mins, other *docs.Version
	f := newFixture(t, func(lib *fakeLib, now time.Time) {
		p := samplePacks(t)
		supp = lib.add(t, p["supplement"], now.Add(-time.Hour))
		mins = lib.add(t, p["minutes"], now.AddDate(0, -2, 0))
		// A paper of no known committee.
		other = lib.addBytes(t, []byte("%PDF-1.4 other"), docs.Agenda{Title: "Budget notes", Kind: docs.KindOther},
			[]docs.Page{{Number: 1, Text: "notes"}}, now.AddDate(0, 0, -1))
	})
	f.lib.SetSetting(positionKey(mins.SHA256), strconv.Itoa(mins.Pages)+" width")

	f.u.Library.reload()
	f.settle()
	type row struct {
		kind  rowKind
		text  string
		badge string
	}
	var got []row
	for _, r := range f.u.Library.rows {
		got = append(got, row{r.kind, r.text, r.badge})
	}
	want := []row{
		{rowCommittee, "Dyfed-Powys Police and Crime Panel", ""},
		{rowMeeting, "Friday 27 October 2023", ""},
		{rowPaper, "Reports pack", "Unread"},    // added a month ago, never opened
		{rowPaper, paperTitle(supp), "New"},     // added an hour ago
		{rowMeeting, "Friday 14 July 2023", ""}, // the older meeting after
		{rowPaper, "Minutes", "Read"},           // read to its last page
		{rowCommittee, "Other papers", ""},      // no committee: last
		{rowMeeting, "Date not stated", ""},
		{rowPaper, "Budget notes", "New"},
	}
	if len(got) != len(want) {
		t.Fatalf("rows:\n%v\nwant\n%v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if f.u.Library.count.Text != "4 papers" {
		t.Errorf("count = %q", f.u.Library.count.Text)
	}
	if d := f.u.Library.rows[1].detail; !strings.Contains(d, "10:00") || !strings.Contains(d, "County Hall") {
		t.Errorf("meeting detail = %q, want time and venue", d)
	}
	_ = other
}

func TestLibraryShowsProgressAndEmptyLibrary(t *testing.T) {
	f := newFixture(t, nil)
	f.u.ReportProgress(Progress{Key: "a", Title: "Supplementary pack", Committee: "Dyfed-Powys Police and Crime Panel",
		Date: "2023-10-27", Kind: docs.KindSupplement, Verb: "Downloading", Done: 45, Total: 100})
	f.settle()
	var found *libRow
	for i, r := range f.u.Library.rows {
		if r.kind == rowProgress {
			found = &f.u.Library.rows[i]
		}
	}
	if found == nil || found.detail != "Downloading… 45%" {
		t.Fatalf("progress row = %+v", found)
	}
	f.u.ReportProgress(Progress{Key: "a", Finished: true})
	f.settle()
	for _, r := range f.u.Library.rows {
		if r.kind == rowProgress {
			t.Error("finished download still shown")
		}
	}

	empty := newFixture(t, nil)
	empty.lib.versions = nil
	empty.u.Library.reload()
	empty.settle()
	if !empty.u.Library.empty.Visible() || empty.u.Library.list.Visible() {
		t.Error("an empty library should say so")
	}
}

func TestOpenPackAgendaClickShowsPage(t *testing.T) {
	f := newFixture(t, nil)
	f.openFromList(f.pack)
	r := f.u.Reader
	if f.u.view != r.root {
		t.Fatal("reader not shown")
	}
	if r.current != 1 || !f.shown(1) {
		t.Fatalf("opened at page %d, page 1 shown %v", r.current, f.shown(1))
	}
	if r.firstShown <= 0 {
		t.Error("time to first page not measured")
	}
	if r.fit != fitWidth {
		t.Errorf("a paper never opened should fit its width, got %v", r.fit)
	}

	// Choose item 5 (pages 9-14) in the agenda.
	var item5 *agendaRow
	for _, row := range r.agenda.rows {
		if row.item != nil && row.item.Number == "5" {
			item5 = row
		}
	}
	if item5 == nil {
		t.Fatal("no item 5 in the agenda")
	}
	test.Tap(item5.row)
	f.settle()
	if r.current != 9 {
		t.Errorf("after choosing item 5, page %d, want 9", r.current)
	}
	if !f.shown(9) {
		t.Error("page 9 not drawn")
	}
	if !item5.row.Selected() || r.agenda.currentItem().Number != "5" {
		t.Error("item 5 not highlighted")
	}
	if r.pageInfo.Text != "Page 9  (PDF page 9 of 20)" {
		t.Errorf("page info = %q", r.pageInfo.Text)
	}
	// Questions on notice sit under their item.
	var questions []string
	for i, row := range r.agenda.rows {
		if row.question != nil {
			prev := r.agenda.rows[i-1]
			for prev.item == nil {
				i--
				prev = r.agenda.rows[i-1]
			}
			questions = append(questions, prev.item.Number)
		}
	}
	if strings.Join(questions, ",") != "3,3,4,4,4" {
		t.Errorf("questions under items %v", questions)
	}
	// Pages far away hold no drawing: memory stays bounded.
	if f.shown(1) {
		t.Error("page 1 kept its drawing while reading page 9")
	}
}

func TestScrollingFollowsAgendaAndDrawsAhead(t *testing.T) {
	f := newFixture(t, nil)
	f.openFromList(f.pack)
	r := f.u.Reader
	// Scroll as a mouse wheel would, to the middle of page 15.
	col := r.pagesView.col
	r.pagesView.scroll.ScrollToOffset(fyne.NewPos(0, col.top(15)+col.pageSize(15).Height/4))
	r.onScrolled()
	f.settle()
	if r.current != 15 {
		t.Fatalf("current page %d, want 15", r.current)
	}
	if it := r.agenda.currentItem(); it == nil || it.Number != "6" {
		t.Errorf("agenda highlights %+v, want item 6", it)
	}
	// The pages in view, and one either side, show their drawings; those
	// further ahead are drawn into the cache, ready, but hold no drawing
	// on their tiles: Fyne would upload each to the graphics card, a
	// page's worth of memory each (with keepAround in place of drawnAround
	// in requestPages, this fails).
	first, last := r.pagesView.visible()
	for n := first; n <= min(last+prefetchAhead, 20); n++ {
		near := n <= last+drawnAround
		if near && !f.shown(n) {
			t.Errorf("page %d (in view or next to it) not shown", n)
		}
		if !near && f.shown(n) {
			t.Errorf("page %d (ahead of the view) holds its drawing on its tile", n)
		}
		if _, exact := f.u.renderer.Cached(r.version.SHA256, n, r.dpi()); !exact {
			t.Errorf("page %d (in view or just ahead) not drawn", n)
		}
	}
	for n := 1; n <= r.numPages; n++ {
		if f.shown(n) && (n < first-drawnAround || n > last+drawnAround) {
			t.Errorf("page %d, away from the view (%d–%d), holds its drawing", n, first, last)
		}
	}
	// Scrolling on brings a page drawn ahead into view at once, from the cache.
	r.pagesView.scroll.ScrollToOffset(fyne.NewPos(0, col.top(last+2)))
	r.onScrolled()
	if !f.shown(last + 2) {
		t.Errorf("page %d, drawn ahead, not shown at once when scrolled to", last+2)
	}
}

func TestKeysAndZoom(t *testing.T) {
	f := newFixture(t, nil)
	f.openFromList(f.pack)
	r := f.u.Reader

	test.Tap(r.fitPageB)
	f.settle()
	if r.fit != fitPage {
		t.Fatal("fit page not chosen")
	}
	steps := []struct {
		key  fyne.KeyName
		want int
	}{
		{fyne.KeyPageDown, 2},
		{fyne.KeyPageDown, 3},
		{fyne.KeyPageUp, 2},
		{fyne.KeyEnd, 20},
		{fyne.KeyHome, 1},
		{fyne.KeyRight, 2},
		{fyne.KeyLeft, 1},
	}
	for _, s := range steps {
		f.press(s.key)
		if r.current != s.want {
			t.Errorf("after %s: page %d, want %d", s.key, r.current, s.want)
		}
	}

	// Zoom in from the fitted zoom: the next step up, and no longer fitted.
	before := r.zoom
	test.Tap(r.zoomIn)
	f.settle()
	if r.zoom <= before || r.fit != fitNone {
		t.Errorf("zoom in: %v → %v, fit %v", before, r.zoom, r.fit)
	}
	if r.current != 1 {
		t.Errorf("zooming moved to page %d", r.current)
	}
	if r.zoomLabel.Text != strings.TrimSuffix(r.zoomLabel.Text, "%")+"%" {
		t.Errorf("zoom label %q", r.zoomLabel.Text)
	}
	// Every page in view is drawn at the new resolution.
	first, last := r.pagesView.visible()
	for n := first; n <= last; n++ {
		if tile := r.pagesView.tiles[n-1]; tile.dpi != r.dpi() {
			t.Errorf("page %d drawn at %d dpi, want %d", n, tile.dpi, r.dpi())
		}
	}
	f.menuItem("Fit width").Action()
	f.settle()
	if r.fit != fitWidth {
		t.Error("Fit width from the menu did nothing")
	}
	// The Go menu's shortcuts are shown as the keys that work.
	if sc := f.menuItem("Next page").Shortcut; sc == nil || !strings.Contains(sc.ShortcutName(), string(fyne.KeyPageDown)) {
		t.Errorf("Next page shortcut %v", sc)
	}
}

func TestGoToPage(t *testing.T) {
	// Printed numbers two behind the PDF's: a cover and an agenda unnumbered.
	pages := make([]docs.Page, 30)
	for i := range pages {
		pages[i] = docs.Page{Number: i + 1}
		if i >= 2 {
			pages[i].Printed = strconv.Itoa(i - 1)
		}
	}
	printed := printedIndex(pages)
	cases := []struct {
		in   string
		want int
		err  string
	}{
		{"Page 23", 25, ""},
		{"p23", 25, ""},
		{"p. 23", 25, ""},
		{"23", 25, ""}, // printed wins when a page is printed so
		{"29", 29, ""}, // no page printed 29 (the last is 28): PDF page
		{"PDF 23", 23, ""},
		{"pdf page 5", 5, ""},
		{"#30", 30, ""},
		{"Page 40", 0, "No page is printed with the number 40"},
		{"31", 0, "There is no page 31: this paper has pages 1 to 30."},
		{"PDF 0", 0, "There is no page 0"},
		{"twelve", 0, "is not a page number"},
		{"", 0, "Type a page number."},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, msg := parsePageRef(c.in, printed, 30)
			if got != c.want || !strings.Contains(msg, c.err) || (c.err == "") != (msg == "") {
				t.Errorf("parsePageRef(%q) = %d, %q; want %d, %q", c.in, got, msg, c.want, c.err)
			}
		})
	}

	f := newFixture(t, nil)
	f.openFromList(f.pack)
	r := f.u.Reader
	test.Type(r.goTo, "Page 12")
	r.goTo.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.settle()
	if r.current != 12 || r.pageError.Visible() {
		t.Errorf("go to Page 12: at %d, error %q", r.current, r.pageError.Text)
	}
	test.Type(r.goTo, "400")
	r.goTo.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.settle()
	if r.current != 12 || !r.pageError.Visible() {
		t.Errorf("go to 400: at %d, error shown %v", r.current, r.pageError.Visible())
	}
}

func TestSearchChooseResultShowsPageWithWordsMarked(t *testing.T) {
	f := newFixture(t, func(lib *fakeLib, now time.Time) {
		lib.add(t, samplePacks(t)["minutes"], now)
	})
	f.menuItem("Search all papers").Action()
	if f.u.view != f.u.Search.root || f.w.Canvas().Focused() != f.u.Search.query {
		t.Fatal("Ctrl+K did not open search with the cursor in the box")
	}
	test.Type(f.u.Search.query, "Tywi")
	f.settle()
	s := f.u.Search
	if len(s.hitRows) == 0 {
		t.Fatalf("no results; summary %q", s.summary.Text)
	}
	// Grouped by meeting: each meeting's hits together under one heading.
	seen := map[meetingKey]bool{}
	var last meetingKey
	for i, h := range s.hits {
		k := meetingKey{h.Committee, h.Date}
		if i > 0 && k != last && seen[k] {
			t.Errorf("hits of %v are split", k)
		}
		seen[k], last = true, k
	}
	if b := boldWords(s.hitRows[0].snippet); len(b) == 0 || !strings.EqualFold(b[0], "tywi") {
		t.Errorf("snippet bold words %v", b)
	}

	var hit *hitRow
	for _, row := range s.hitRows {
		if row.hit.SHA256 == f.pack.SHA256 {
			hit = row
		}
	}
	if hit == nil {
		t.Fatal("no hit in the reports pack")
	}
	test.Tap(hit.row)
	f.settle()
	r := f.u.Reader
	if f.u.view != r.root || r.doc == nil {
		t.Fatalf("choosing a result did not open the paper: %q", f.u.lastError)
	}
	if r.current != hit.hit.Page {
		t.Errorf("opened at page %d, want %d", r.current, hit.hit.Page)
	}
	if r.marksPage != hit.hit.Page || r.markCount == 0 {
		t.Fatalf("words marked on page %d (%d boxes), want page %d", r.marksPage, r.markCount, hit.hit.Page)
	}
	// The mark covers the word where the fake engine set it out.
	tile := r.pagesView.tiles[r.marksPage-1]
	m := tile.marks[0].box
	chars, _ := (&fakeDoc{pages: f.lib.pages[f.pack.SHA256]}).CharBoxes(hit.hit.Page)
	want := wordBoxes(r.pageText(hit.hit.Page), hit.hit.Matches[:1], chars)[0][0]
	if m != want || int((m.Right-m.Left+1)/fakeAdvance) != len("Tywi") {
		t.Errorf("mark %+v, want %+v (one box over 4 letters)", m, want)
	}

	// Escape from a new search goes back to the paper.
	f.menuItem("Search all papers").Action()
	f.u.Search.query.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if f.u.view != r.root {
		t.Error("Escape did not go back to the paper")
	}
}

func TestSearchFiltersAndMessages(t *testing.T) {
	f := newFixture(t, nil)
	s := f.u.Search
	f.u.openSearch()
	test.Type(s.query, "budget")
	f.settle()
	s.committee.SetSelected("Dyfed-Powys Police and Crime Panel")
	s.kind.SetSelected("Minutes")
	from := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	s.from.SetDate(&from)
	s.onFilterChanged() // DateEntry calls back only when it can parse its text in the test's locale
	f.settle()
	req := f.search.lastRequest()
	if req.Query != "budget" || req.Committee != "Dyfed-Powys Police and Crime Panel" || req.Kind != "minutes" || req.From != "2023-01-01" || req.To != "" {
		t.Errorf("request %+v", req)
	}
	if len(s.hitRows) != 0 || !strings.HasPrefix(s.summary.Text, "No pages match") {
		t.Errorf("no minutes in the library, yet %d hits (%q)", len(s.hitRows), s.summary.Text)
	}
	test.Tap(s.clear)
	f.settle()
	if req := f.search.lastRequest(); req.Committee != "" || req.Kind != "" || req.From != "" {
		t.Errorf("filters not cleared: %+v", req)
	}
	// A query the index cannot run is a sentence, not a dialog.
	s.query.SetText(`"rural crime`)
	f.settle()
	if !strings.Contains(s.summary.Text, "closing quote") || f.u.lastError != "" {
		t.Errorf("summary %q, dialog %q", s.summary.Text, f.u.lastError)
	}
	// Before the index is ready, search says so and runs once it is.
	f.u.Search.searcher = nil
	s.query.SetText("tywi")
	f.settle()
	if !strings.Contains(s.summary.Text, "getting ready") {
		t.Errorf("summary without an index: %q", s.summary.Text)
	}
	f.u.SetSearcher(f.search)
	f.settle()
	if len(s.hitRows) == 0 {
		t.Error("search did not run once the index arrived")
	}
}

func TestReopenRestoresPosition(t *testing.T) {
	f := newFixture(t, nil)
	f.openFromList(f.pack)
	r := f.u.Reader
	r.goToPage(12)
	test.Tap(r.zoomIn)
	f.settle()
	zoom := r.zoom
	test.Tap(f.u.home)
	f.settle()
	if got := f.lib.setting(positionKey(f.pack.SHA256)); got != (position{page: 12, zoom: zoom}).String() {
		t.Errorf("stored position %q", got)
	}
	if b := f.u.Library.rows[f.rowOf(f.pack)].badge; b != "Read to page 12" {
		t.Errorf("badge %q", b)
	}

	f.openFromList(f.pack)
	if r.current != 12 || r.zoom != zoom || r.fit != fitNone {
		t.Errorf("reopened at page %d zoom %v fit %v", r.current, r.zoom, r.fit)
	}

	// A new window on the same library (the app started again).
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	test.Tap(f.u.home)
	f.settle()
	f.u = f.start(a, w)
	f.openFromList(f.pack)
	if f.u.Reader.current != 12 || f.u.Reader.zoom != zoom {
		t.Errorf("after restart: page %d zoom %v", f.u.Reader.current, f.u.Reader.zoom)
	}
}

func TestCorruptPackShowsDialog(t *testing.T) {
	var broken *docs.Version
	f := newFixture(t, func(lib *fakeLib, now time.Time) {
		pk := samplePacks(t)["report"]
		bad := append([]byte("<html>not a pdf</html>"), pk.PDF[:100]...)
		broken = lib.addBytes(t, bad, pk.Agenda, pk.Pages, now)
	})
	f.u.Library.list.Select(f.rowOf(broken))
	f.settle()
	r := f.u.Reader
	if r.doc != nil {
		t.Fatal("a damaged paper opened")
	}
	if !strings.Contains(f.u.lastError, "damaged") {
		t.Errorf("dialog says %q", f.u.lastError)
	}
	if f.w.Canvas().Overlays().Top() == nil {
		t.Error("no dialog shown")
	}
	if !r.messageUI.Visible() || !r.backB.Visible() {
		t.Error("the reader should say why and offer the way back")
	}
	// The way back works, and other papers still open.
	test.Tap(r.backB)
	f.settle()
	f.w.Canvas().Overlays().Top().Hide()
	f.openFromList(f.pack)
}

func TestPasswordProtectedPaperAsks(t *testing.T) {
	f := newFixture(t, nil)
	f.pages.password = "secret"
	f.u.Library.list.Select(f.rowOf(f.pack))
	f.settle()
	if f.u.Reader.doc != nil || !strings.Contains(f.u.Reader.message.Text, "password") {
		t.Errorf("message %q", f.u.Reader.message.Text)
	}
	if f.w.Canvas().Overlays().Top() == nil {
		t.Error("no password dialog")
	}
	f.u.Reader.openWith(f.pack, nil, "secret")
	f.settle()
	if f.u.Reader.doc == nil {
		t.Error("the right password did not open the paper")
	}
}

// Find in a paper compares words as search does: "dwr" finds "dŵr" (with
// its own folding, Ctrl+F found only "dŵr" typed with its circumflex).
func TestFindInPaperFoldsAccents(t *testing.T) {
	f := newFixture(t, nil)
	f.openFromList(f.pack)
	r := f.u.Reader
	f.menuItem("Find in this paper").Action()
	test.Type(r.findEntry, "dwr")
	f.settle()
	if len(r.findHits) == 0 {
		t.Fatal(`"dwr" found nothing; the pack mentions "dŵr"`)
	}
	var found []string
	for _, h := range r.findHits {
		for _, p := range f.lib.pages[f.pack.SHA256] {
			if p.Number == h.page {
				found = append(found, p.Text[h.start:h.end])
			}
		}
	}
	if !slices.Contains(found, "dŵr") {
		t.Errorf("found %q, want dŵr among them", found)
	}
}

func TestFindInPaper(t *testing.T) {
	f := newFixture(t, nil)
	f.openFromList(f.pack)
	r := f.u.Reader
	f.menuItem("Find in this paper").Action()
	if !r.findBar.Visible() || f.w.Canvas().Focused() != r.findEntry {
		t.Fatal("find bar not open with the cursor in it")
	}
	test.Type(r.findEntry, "crime  commissioner")
	f.settle()
	want := findInPages(f.lib.pages[f.pack.SHA256], "crime commissioner")
	if len(want) < 2 || len(r.findHits) != len(want) {
		t.Fatalf("%d hits, want %d (at least 2)", len(r.findHits), len(want))
	}
	if r.findInfo.Text != "1 of "+strconv.Itoa(len(want)) {
		t.Errorf("find info %q", r.findInfo.Text)
	}
	if r.marksPage != want[0].page || r.markCount == 0 {
		t.Errorf("marks on page %d (%d), want page %d", r.marksPage, r.markCount, want[0].page)
	}
	r.findEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.settle()
	if r.findAt != 1 || r.findInfo.Text != "2 of "+strconv.Itoa(len(want)) || r.current != want[1].page {
		t.Errorf("next: at %d, %q, page %d", r.findAt, r.findInfo.Text, r.current)
	}
	r.findEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if r.findBar.Visible() || r.marksPage != 0 {
		t.Error("Escape left the find bar or its marks")
	}

	test.Type(r.goTo, "") // leave the find bar closed; find a word nowhere
	r.openFind()
	r.findEntry.SetText("xylophone")
	f.settle()
	if r.findInfo.Text != "Not found in this paper" {
		t.Errorf("find info %q", r.findInfo.Text)
	}
}

func TestScannedPageSaysSo(t *testing.T) {
	f := newFixture(t, nil)
	f.lib.pages[f.pack.SHA256][1].Scanned = true
	f.openFromList(f.pack)
	tile := f.u.Reader.pagesView.tiles[1]
	if !tile.notice.Visible() || tile.notice.Text != scanNotice() {
		t.Errorf("page 2 notice %q visible %v", tile.notice.Text, tile.notice.Visible())
	}
	if f.u.Reader.pagesView.tiles[0].notice.Visible() {
		t.Error("page 1 is not a scan")
	}
}

// A page the engine gave up on says so, and why, and the rest of the paper
// is drawn (the engine's bounds: docs/pdf).
func TestPageGivenUpOnSaysSo(t *testing.T) {
	f := newFixture(t, nil)
	f.pages.renderErr = map[int]error{1: fmt.Errorf("draw page 1: %w", docs.ErrPageTimeout)}
	f.openFromList(f.pack)
	f.settle()
	tiles := f.u.Reader.pagesView.tiles
	if !tiles[0].label.Visible() || !strings.Contains(tiles[0].label.Text, "could not be drawn: it takes too long") {
		t.Errorf("page 1 says %q (visible %v)", tiles[0].label.Text, tiles[0].label.Visible())
	}
	r := f.u.Reader
	if _, exact := f.u.renderer.Cached(r.version.SHA256, 2, r.dpi()); !exact {
		t.Errorf("page 2 not drawn: %q", tiles[1].label.Text)
	}
}

// A page the engines gave up reading when the paper was added says so.
func TestUnreadPageSaysSo(t *testing.T) {
	f := newFixture(t, nil)
	f.lib.pages[f.pack.SHA256][2].Unread = true
	f.openFromList(f.pack)
	if tile := f.u.Reader.pagesView.tiles[2]; !tile.notice.Visible() || tile.notice.Text != unreadNotice() {
		t.Errorf("page 3 notice %q visible %v", tile.notice.Text, tile.notice.Visible())
	}
}

func TestPositionSaveFailureIsShown(t *testing.T) {
	f := newFixture(t, nil)
	f.openFromList(f.pack)
	f.lib.failSet = errors.New("disk full")
	f.u.Reader.goToPage(5)
	f.settle()
	if !f.u.Reader.pageError.Visible() || !strings.Contains(f.u.Reader.pageError.Text, "could not be saved") {
		t.Errorf("page error %q", f.u.Reader.pageError.Text)
	}
}

func TestPositionSetting(t *testing.T) {
	cases := []struct {
		in   string
		want position
		ok   bool
	}{
		{"12 width", position{page: 12, fit: fitWidth}, true},
		{"3 page", position{page: 3, fit: fitPage}, true},
		{"7 1.25", position{page: 7, zoom: 1.25}, true},
		{"7", position{page: 7, fit: fitWidth}, true},
		{"7 99", position{page: 7, fit: fitWidth}, true}, // a silly zoom is ignored
		{"0 width", position{}, false},
		{"", position{}, false},
		{"x", position{}, false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, ok := parsePosition(c.in)
			if got != c.want || ok != c.ok {
				t.Errorf("parsePosition(%q) = %+v %v, want %+v %v", c.in, got, ok, c.want, c.ok)
			}
			if ok {
				if again, _ := parsePosition(got.String()); again != got {
					t.Errorf("round trip %q → %+v", got.String(), again)
				}
			}
		})
	}
}

func TestWordBoxes(t *testing.T) {
	line := func(top float64, s string) []docs.CharBox {
		var out []docs.CharBox
		for i, r := range []rune(s) {
			x := float64(10 + 5*i)
			out = append(out, docs.CharBox{Rune: r, Box: docs.Rect{Left: x, Right: x + 4, Top: top, Bottom: top - 8}})
		}
		return out
	}
	// PDFium's text: a ligature, other spacing and case, two lines.
	chars := append(line(700, "The ﬁnal POLICE budget"), line(688, "for rural crime")...)
	text := "The final police\nbudget for rural  crime"
	at := func(s string) [2]int { i := strings.Index(text, s); return [2]int{i, i + len(s)} }
	cases := []struct {
		name  string
		rg    [2]int
		boxes int
		left  float64
	}{
		{"ligature", at("final"), 1, 10 + 5*4},
		{"case", at("police"), 1, 10 + 5*9},
		{"over two lines", at("budget for"), 2, 10 + 5*16},
		{"spacing", at("rural  crime"), 1, 10 + 5*4},
		{"absent", [2]int{0, 0}, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := wordBoxes(text, [][2]int{c.rg}, chars)[0]
			if len(got) != c.boxes {
				t.Fatalf("%d boxes %+v, want %d", len(got), got, c.boxes)
			}
			if c.boxes > 0 && got[0].Left != c.left {
				t.Errorf("left %v, want %v", got[0].Left, c.left)
			}
		})
	}
}

func TestErrorSentences(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{docs.ErrDamaged, "damaged or incomplete"},
		{docs.ErrEncrypted, "password"},
		{errors.New("something odd"), "Something odd."},
	}
	for _, c := range cases {
		if got := explain(c.err); !strings.Contains(got, c.want) {
			t.Errorf("explain(%v) = %q", c.err, got)
		}
	}
}

func TestPDFiumPagesReady(t *testing.T) {
	cases := []struct {
		name   string
		engine func(context.Context) (*pdf.PDFium, error)
		ready  bool
	}{
		{"started", func(context.Context) (*pdf.PDFium, error) { return nil, nil }, true},
		{"failed to start", func(context.Context) (*pdf.PDFium, error) { return nil, errors.New("no wasm") }, true},
		{"starting", func(ctx context.Context) (*pdf.PDFium, error) { <-ctx.Done(); return nil, ctx.Err() }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := PDFiumPages(c.engine).Ready(); got != c.ready {
				t.Errorf("Ready() = %v, want %v", got, c.ready)
			}
		})
	}
	// A failed start is a sentence when a paper is opened.
	_, err := PDFiumPages(cases[1].engine).Open(context.Background(), "x.pdf", "")
	if err == nil || !strings.Contains(err.Error(), "start the PDF engine") {
		t.Errorf("open with a failed engine: %v", err)
	}
}

// boldWords lists the words a snippet shows in bold, for tests.
func boldWords(rt *widget.RichText) []string {
	var out []string
	for _, seg := range rt.Segments {
		if t, ok := seg.(*widget.TextSegment); ok && t.Style.TextStyle.Bold {
			out = append(out, t.Text)
		}
	}
	return out
}

// TestPapersListNoticesNewPapers checks papers added by another program
// (the command line, a sync) appear in the list without Ctrl+R, and each
// paper says how it came.
func TestPapersListNoticesNewPapers(t *testing.T) {
	f := newFixture(t, nil)
	v := f.u.Library
	before := len(v.rows)
	f.u.Library.checkChanged()
	f.settle()
	if len(v.rows) != before {
		t.Fatal("the list changed with nothing written")
	}
	// The command line adds the minutes while the window is open.
	mins := f.lib.add(t, samplePacks(t)["minutes"], f.now)
	mins.SourceName = "https://democracy.example.gov.uk/documents/minutes.pdf"
	f.u.Library.checkChanged() // the watch's tick
	f.settle()
	row := v.rows[f.rowOf(mins)]
	if len(v.rows) <= before {
		t.Fatal("papers added by another program do not appear")
	}
	if !strings.Contains(row.detail, "downloaded 1 Nov 2023") {
		t.Errorf("a paper from a council's site reads %q", row.detail)
	}
	if pack := v.rows[f.rowOf(f.pack)]; !strings.Contains(pack.detail, "added 1 Oct 2023") || strings.Contains(pack.detail, "downloaded") {
		t.Errorf("a paper added from the computer reads %q", pack.detail)
	}

	// Away from the list, nothing is read; back at it, the paper is there.
	f.openFromList(f.pack)
	supp := f.lib.add(t, samplePacks(t)["supplement"], f.now)
	f.u.Library.checkChanged()
	f.settle()
	for _, r := range v.rows {
		if r.version != nil && r.version.SHA256 == supp.SHA256 {
			t.Error("the list was read again while a paper was being read")
		}
	}
	f.u.onHome()
	f.settle()
	f.rowOf(supp)
}

// TestDrawingsLeavingTheViewFreeTheirTextures: a page scrolled away from
// has Fyne free its texture at once (remove freeDrawing from clearImage and
// this fails: the texture would stay until Fyne's cache expired it).
func TestDrawingsLeavingTheViewFreeTheirTextures(t *testing.T) {
	f := newFixture(t, nil)
	f.openFromList(f.pack)
	r := f.u.Reader
	freed := map[fyne.CanvasObject]bool{}
	old := freeDrawing
	freeDrawing = func(o fyne.CanvasObject) { freed[o] = true }
	t.Cleanup(func() { freeDrawing = old })
	if !f.shown(1) {
		t.Fatal("page 1 not shown on opening")
	}
	img := r.pagesView.tiles[0].img
	col := r.pagesView.col
	r.pagesView.scroll.ScrollToOffset(fyne.NewPos(0, col.top(12)))
	r.onScrolled()
	f.settle()
	if f.shown(1) {
		t.Fatal("page 1 kept its drawing while reading page 12")
	}
	if !freed[img] {
		t.Error("page 1's drawing was let go but its texture was not freed")
	}
}

// TestZoomedDrawingsStayBounded: however far the member zooms in, a page
// is drawn at no more than 16 megapixels, 64 MB of pixels (and as much
// again on the graphics card); past that the graphics card enlarges it.
// With maxPixels back at 40 megapixels this fails.
func TestZoomedDrawingsStayBounded(t *testing.T) {
	f := newFixture(t, nil)
	f.openFromList(f.pack)
	r := f.u.Reader
	r.zoom = 8 // 800%, beyond any zoom button
	d := r.dpi()
	s := r.sizes[max(r.current, 1)-1]
	px := float64(s.Width) * float64(s.Height) * float64(d*d) / (72 * 72)
	if px > 16<<20 {
		t.Errorf("a page drawn at %d dpi: %.0f megapixels, over 16", d, px/(1<<20))
	}
	if d < 300 {
		t.Errorf("a page zoomed in drawn at only %d dpi", d)
	}
}

// TestSaveMemory: the window's process collects garbage when its heap has
// grown by a quarter, not by all of it (remove SetGCPercent from
// SaveMemory and this fails), and gives large C blocks back when freed.
func TestSaveMemory(t *testing.T) {
	prev := debug.SetGCPercent(100)
	defer func() { debug.SetGCPercent(prev); saving.Store(false) }()
	SaveMemory()
	if got := debug.SetGCPercent(100); got != gcPercent || gcPercent > 50 {
		t.Errorf("GC percent %d after SaveMemory, want %d (at most 50)", got, gcPercent)
	}
	// In a fresh process, a large C block (a page texture) freed and made
	// again is mapped on its own, so that freeing it gives it back
	// (remove the mallopt call from returnLargeFrees and this fails).
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), probeMallocEnv+"=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("probe: %v\n%s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got == "heap" {
		t.Error("a large C block freed and allocated again came from the heap")
	} else if got != "mapped" && got != "unknown" {
		t.Errorf("probe said %q", got)
	}
}

// probeMallocEnv has TestMain report, before anything else, where a large
// C block comes from once SaveMemory has run.
const probeMallocEnv = "PANELPAPERS_PROBE_MALLOC"

// probeMalloc is that report: "mapped", "heap" or "unknown".
func probeMalloc() string {
	SaveMemory()
	switch mapped, ok := largeBlocksMapped(); {
	case !ok:
		return "unknown"
	case mapped:
		return "mapped"
	}
	return "heap"
}

// TestPageTurnsDrawEachPageOnce: reading a paper from start to end draws
// each page once, however small the cache was made: the reader makes room
// for the pages in view and those drawn ahead. (Remove the SetRoom call
// from requestPages, or the Cached call before the early return there, and
// pages are drawn twice: every page turn waits for a drawing again.)
func TestPageTurnsDrawEachPageOnce(t *testing.T) {
	f := newFixture(t, nil)
	f.u.renderer.Close()
	f.u.renderer = pdf.NewRenderer(1 << 20) // a megabyte: a page or less
	f.openFromList(f.pack)
	r := f.u.Reader
	for r.current < r.numPages {
		f.press(fyne.KeyPageDown)
	}
	f.press(fyne.KeyPageUp) // back a little: the page behind is still drawn
	f.press(fyne.KeyPageUp)
	f.settle()
	if s := f.u.renderer.Stats(); s.Rendered > r.numPages {
		t.Errorf("%d pages drawn reading a %d-page paper once through", s.Rendered, r.numPages)
	}
}

// TestZoomingOutGivesMemoryBack: zooming back out lets go of the large
// drawings, and the window gives their memory back to the system then,
// not minutes later (remove releaseMemory from requestPages and this
// fails: only closing the paper would give it back).
func TestZoomingOutGivesMemoryBack(t *testing.T) {
	var given atomic.Int32
	old := giveBack
	giveBack = func() { given.Add(1) }
	saving.Store(true)
	t.Cleanup(func() {
		saving.Store(false)
		for releasing.Load() { // closing the paper started one
			time.Sleep(time.Millisecond)
		}
		giveBack = old
	})
	f := newFixture(t, nil)
	f.openFromList(f.pack)
	r := f.u.Reader
	for range 6 {
		r.onZoomIn()
		f.settle()
	}
	for releasing.Load() { // opening the paper gave back what the last one held
		time.Sleep(time.Millisecond)
	}
	given.Store(0)
	if r.zoom < 3 {
		t.Fatalf("zoomed in to %v only", r.zoom)
	}
	r.onFitWidth()
	f.settle()
	deadline := time.Now().Add(10 * time.Second) // the release runs in the background
	for given.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if given.Load() == 0 {
		t.Error("zooming back out gave no memory back")
	}
}
