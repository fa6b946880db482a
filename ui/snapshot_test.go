package ui

import (
	"image/color"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"panelpapers/docs"
	"panelpapers/docs/library"
)

// The snapshot tests draw the main views headlessly and compare the
// canvas's markup with golden files in testdata/ (snapshot_*.xml): they
// characterise the window as it is, so that a refactor can show it left
// the window unchanged. A test without its golden file fails and writes
// the markup to testdata/failed/; read it, and move it into testdata/ if
// it shows the window as it should be.
//
// What the markup holds is pinned:
//   - the clock (UI.now) at 10:00 UTC (11 am in London) on Tuesday 17
//     October 2023, ten days before the sample meeting; papers were added
//     at 10:00 UTC too, whole days before, so that "added 16 Oct 2023"
//     (shown in the computer's time zone) reads the same from UTC−10
//     (Hawaii) to UTC+13 (New Zealand in summer);
//   - the window's size, 1000×520 (smallSize: what New sets when it cannot
//     ask the screen, as on a 1024×600 laptop), and the settings window's,
//     640×580;
//   - the theme: the window's own (Theme) in its light variant, set before
//     the window is built, as main does;
//   - the language: English (TestMain), whatever the computer's.
//
// Nothing in the fixture names a temp folder: the fake library does not
// say where it lives, and page drawings show only as present or not.
//
// Widgets are named by their Go type in the markup (type="*widgets.FocusRow"):
// moving a widget to another package changes that attribute and nothing
// else, which a reviewer can check on the files written to testdata/failed/
// before moving them over the golden ones.

// snapshotNow is the pinned clock: 11 am in London, ten days before the
// sample meeting of Friday 27 October 2023.
var snapshotNow = time.Date(2023, time.October, 17, 10, 0, 0, 0, time.UTC)

// snapshotAdded is the time of day of snapshotNow, days before it.
func snapshotAdded(days int) time.Time { return snapshotNow.AddDate(0, 0, -days) }

// lightTheme is a theme held in its light variant, whatever the test app's
// settings say (they name no variant).
type lightTheme struct{ fyne.Theme }

func (t lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, theme.VariantLight)
}

// newSnapshotFixture is newQFixture with the window's own theme set before
// the window is built, the pinned clock, and the other papers add puts in
// the library before the window first reads it. The sample reports pack
// was added a month before.
func newSnapshotFixture(t *testing.T, add func(lib *fakeLib)) *qFixture {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(lightTheme{Theme()})
	w := test.NewTempWindow(t, nil)
	f := &fixture{t: t, w: w, lib: newFakeLib(t), now: snapshotNow}
	f.pack = addSample(t, f.lib, "pack", snapshotNow.AddDate(0, -1, 0))
	f.pack.Document = "doc:sample-pack"
	if add != nil {
		add(f.lib)
	}
	f.pages = &fakePages{lib: f.lib}
	f.search = &fakeSearch{lib: f.lib}
	qf := &qFixture{fixture: f, drafts: newFakeDrafts(), past: &fakePast{}, notes: newFakeNotes(f.lib)}
	qf.drafts.rules[committeeKey(samplePanel)] = sampleRule
	u := newUI(a, w, Deps{Library: f.lib, Pages: f.pages, Search: f.search,
		Questions: qf.drafts, Past: qf.past, Notes: qf.notes}, newAsync(true))
	u.now = func() time.Time { return f.now }
	t.Cleanup(u.Close)
	f.u, qf.q = u, u.Questions
	f.settle()
	return qf
}

// addSample adds a generated sample paper (addBytes copies its pages).
func addSample(t *testing.T, lib *fakeLib, name string, added time.Time) *docs.Version {
	t.Helper()
	p := samplePacks(t)[name]
	return lib.add(t, p, added)
}

// assertSnapshot compares the markup of canvas c with testdata/name, once
// background work is done, no box holds the cursor (a blinking cursor is
// not part of a view) and the canvas is laid out as a window draws it. The
// canvas must be at its pinned size.
func (f *qFixture) assertSnapshot(name string, c fyne.Canvas, size fyne.Size) {
	f.t.Helper()
	f.settle()
	c.Unfocus()
	layOut(c.Content())
	layOut(c.Content()) // a row that wraps (widgets.NewFlow) knows its height once laid out
	if got := c.Size(); got != size {
		f.t.Errorf("%s: canvas is %v, want %v", name, got, size)
		return
	}
	test.AssertRendersToMarkup(f.t, name, c)
}

// typeInto types text into a box as the member does: the box takes the
// keyboard from the one that had it (test.Type alone would leave both
// looking focused).
func (f *qFixture) typeInto(e fyne.Focusable, text string) {
	f.w.Canvas().Focus(e)
	test.Type(e, text)
}

// layOut does what a window does before drawing each frame (the test
// canvas does not): it lays out every container and widget again, top
// down, so that one whose content grew after it was laid out (a label
// given its text) has the room it has on screen.
func layOut(o fyne.CanvasObject) {
	if o == nil || !o.Visible() {
		return
	}
	switch o := o.(type) {
	case *fyne.Container:
		if o.Layout != nil {
			o.Layout.Layout(o.Objects, o.Size())
		}
		for _, child := range o.Objects {
			layOut(child)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(o)
		r.Layout(o.Size())
		for _, child := range r.Objects() {
			layOut(child)
		}
	}
}

// windowSize is the main window's size, as New sets it with no screen to
// ask.
var windowSize = smallSize

func TestSnapshotPapersList(t *testing.T) {
	f := newSnapshotFixture(t, func(lib *fakeLib) {
		supp := addSample(t, lib, "supplement", snapshotAdded(1)) // new, and downloaded: the others were added from files
		supp.SourceName = "https://democracy.example.gov.uk/documents/s1234/Supplement.pdf"
		mins := addSample(t, lib, "minutes", snapshotAdded(90))
		report := addSample(t, lib, "report", snapshotAdded(20))
		lib.SetSetting(positionKey(mins.SHA256), strconv.Itoa(mins.Pages)+" width") // read to the end
		lib.SetSetting(positionKey(report.SHA256), "2 1.25")                        // read to page 2
		// Another committee, meeting later, and a paper of no committee.
		lib.addBytes(t, []byte("%PDF-1.4 audit"), docs.Agenda{Title: "Agenda and reports", Committee: "Audit Committee",
			Date: "2023-11-09", Time: "14:00", Venue: "Committee Room 1, County Hall", Kind: docs.KindAgenda},
			[]docs.Page{{Number: 1, Text: "Audit Committee"}, {Number: 2, Text: "Internal audit plan"}}, snapshotAdded(3))
		lib.addBytes(t, []byte("%PDF-1.4 other"), docs.Agenda{Title: "Budget notes", Kind: docs.KindOther},
			[]docs.Page{{Number: 1, Text: "notes"}}, snapshotAdded(40))
	})
	if f.u.view != f.u.Library.root || len(f.u.Library.rows) == 0 {
		t.Fatal("the papers list is not shown")
	}
	f.assertSnapshot("snapshot_papers.xml", f.w.Canvas(), windowSize)
}

func TestSnapshotReader(t *testing.T) {
	f := newSnapshotFixture(t, nil)
	f.openFromList(f.pack)
	var item5 *agendaRow
	for _, row := range f.u.Reader.agenda.rows {
		if row.item != nil && row.item.Number == "5" {
			item5 = row
		}
	}
	if item5 == nil {
		t.Fatal("no item 5 in the agenda")
	}
	test.Tap(item5.row)
	f.settle()
	if f.u.Reader.current != 9 {
		t.Fatalf("at page %d, want 9", f.u.Reader.current)
	}
	f.assertSnapshot("snapshot_reader.xml", f.w.Canvas(), windowSize)
}

func TestSnapshotSearch(t *testing.T) {
	f := newSnapshotFixture(t, func(lib *fakeLib) {
		addSample(t, lib, "minutes", snapshotAdded(90))
	})
	f.menuItem("Search all papers").Action() // the cursor in the search box
	test.Type(f.u.Search.query, "Tywi")
	f.settle()
	if len(f.u.Search.hitRows) < 2 {
		t.Fatalf("%d results, want a few; summary %q", len(f.u.Search.hitRows), f.u.Search.summary.Text)
	}
	f.assertSnapshot("snapshot_search.xml", f.w.Canvas(), windowSize)
}

func TestSnapshotNotes(t *testing.T) {
	f := newSnapshotFixture(t, nil)
	f.openAt(9)
	f.dragOver(9, "the Chair expressed concern")
	f.choose("Highlight and add a comment…")
	ed := f.u.Notes.editor
	if ed == nil {
		t.Fatal("the note's editor did not open")
	}
	ed.comment.SetText("Ask what the hub costs.")
	ed.colour.SetSelected("Green")
	f.u.Notes.saveEditor(ed)
	f.settle()
	if len(f.u.Reader.notes.rects) != 1 {
		t.Fatalf("%d boxes drawn, want the one note", len(f.u.Reader.notes.rects))
	}
	f.assertSnapshot("snapshot_note_on_page.xml", f.w.Canvas(), windowSize)

	// The meeting's notes panel.
	f.menuItem("Notes for this meeting").Action()
	f.settle()
	if f.u.view != f.u.Notes.root || len(f.u.Notes.rows) != 1 {
		t.Fatalf("notes view shown %v, %d rows", f.u.view == f.u.Notes.root, len(f.u.Notes.rows))
	}
	f.assertSnapshot("snapshot_notes.xml", f.w.Canvas(), windowSize)
}

func TestSnapshotQuestions(t *testing.T) {
	f := newSnapshotFixture(t, nil)
	f.newQuestion()
	f.typeInto(f.q.title, "Rural crime officers")
	f.typeInto(f.q.body, "How many rural crime officers patrol Ceredigion and Powys, and how many posts are vacant?")
	f.settle()
	if want := "Deadline: Monday 23 October, 5 pm — 4 working days left"; f.q.deadline.Text != want {
		t.Fatalf("deadline %q, want %q", f.q.deadline.Text, want)
	}
	f.assertSnapshot("snapshot_questions.xml", f.w.Canvas(), windowSize)
}

func TestSnapshotSettings(t *testing.T) {
	f := newSnapshotFixture(t, nil)
	v := f.u.Settings
	v.onOpen()
	f.settle()
	if v.win == nil {
		t.Fatal("no settings window")
	}
	// Each tab of the window; the fake library has no downloads, no
	// storage and no data folder, so the settings say what they cannot do.
	for i, name := range []string{"snapshot_settings_papers.xml", "snapshot_settings_questions.xml", "snapshot_settings_language.xml"} {
		v.root.SelectIndex(i)
		f.assertSnapshot(name, v.win.Canvas(), fyne.NewSize(640, 580))
	}
}

// stubCorrector is a Corrector for views that only show the form.
type stubCorrector struct{}

func (stubCorrector) Correct(string, library.Correction) (*library.Corrected, error) {
	return nil, docs.ErrNotFound
}

func TestSnapshotEditDetails(t *testing.T) {
	f := newSnapshotFixture(t, nil)
	f.u.deps.Corrector = stubCorrector{}
	// Read from the paper, but for the venue the member corrected and the
	// council the paper does not name.
	p := f.pack
	p.Agenda.Sources = map[string]docs.Source{docs.FactCommittee: docs.SourceText, docs.FactDate: docs.SourceText,
		docs.FactTime: docs.SourceText, docs.FactKind: docs.SourceText, docs.FactVenue: docs.SourceMember}
	p.Read = map[string]docs.ReadFact{docs.FactVenue: {Value: p.Agenda.Venue, Source: docs.SourceText}}
	p.Agenda.Venue, p.Agenda.Body = "Council Chamber, Neuadd y Sir, Aberaeron", ""
	f.u.editDetails(p)
	f.settle()
	if f.u.details == nil {
		t.Fatal("the form did not open")
	}
	f.assertSnapshot("snapshot_edit_details.xml", f.w.Canvas(), windowSize)
}
