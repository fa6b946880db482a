package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/library"
	"panelpapers/docs/questions"
	"panelpapers/ui/widgets"
)

// edFixture is a window on a real (temporary) library holding the sample
// reports pack and minutes, read as the app reads them, with a question
// drafted for the pack's meeting and a 5-day rule for its panel.
type edFixture struct {
	*fixture
	real   *library.Library
	papers *library.Papers
	pack   *docs.Version // the reports pack, as read
	mins   *docs.Version // the minutes
}

func newEdFixture(t *testing.T) *edFixture {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	dir := t.TempDir()
	lib, err := library.OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	papers := &library.Papers{Lib: lib, Extractor: newSamplePages(t)}
	f := &edFixture{fixture: &fixture{t: t, w: w, now: time.Date(2023, 10, 17, 10, 0, 0, 0, time.UTC)}, real: lib, papers: papers}
	add := func(name string) *docs.Version {
		path := filepath.Join(t.TempDir(), name+".pdf")
		if err := os.WriteFile(path, samplePacks(t)[name].PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := papers.Import(context.Background(), path, library.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return res.Version
	}
	f.pack, f.mins = add("pack"), add("minutes")
	if f.pack.Committee != samplePanel || f.pack.Date != "2023-10-27" {
		t.Fatalf("the pack was read as %q on %q", f.pack.Committee, f.pack.Date)
	}
	if _, err := lib.SaveDraft(docs.Draft{Committee: samplePanel, Meeting: "2023-10-27", Title: "Rural crime"}); err != nil {
		t.Fatal(err)
	}
	if err := lib.SetRule(samplePanel, questions.DeadlineRule{ClearDays: 5}); err != nil {
		t.Fatal(err)
	}
	f.fixture.pack = f.pack
	f.pages = &fakePages{lib: lib}
	f.u = newUI(a, w, Deps{Library: lib, Pages: f.pages, Papers: papers, Corrector: papers}, newAsync(true))
	f.u.now = func() time.Time { return f.now }
	t.Cleanup(f.u.Close)
	f.settle()
	return f
}

// committees lists the papers list's committee headings, in order.
func (f *edFixture) committees() []string {
	var out []string
	for _, r := range f.u.Library.rows {
		if r.kind == rowCommittee {
			out = append(out, r.text)
		}
	}
	return out
}

// committeeOf is the heading the paper v is listed under.
func (f *edFixture) committeeOf(v *docs.Version) string {
	heading := ""
	for _, r := range f.u.Library.rows {
		if r.kind == rowCommittee {
			heading = r.text
		}
		if r.version != nil && r.version.SHA256 == v.SHA256 {
			return heading
		}
	}
	f.t.Fatalf("%s is not in the list", v.Title)
	return ""
}

// editFromRow opens Edit details… from the paper's menu in the list, as a
// right click does.
func (f *edFixture) editFromRow(v *docs.Version) *detailsForm {
	f.t.Helper()
	f.u.Library.onRowMenu(f.rowOf(v), fyne.NewPos(10, 10))
	m := f.u.Library.menu
	if m == nil {
		f.t.Fatal("no menu for the paper's row")
	}
	var labels []string
	for _, it := range m.Items {
		labels = append(labels, it.Label)
		if it.Label == "Edit details…" {
			it.Action()
			f.settle()
		}
	}
	if f.u.details == nil {
		f.t.Fatalf("Edit details… did not open the form (menu %q)", labels)
	}
	return f.u.details
}

// set types a value into a fact's box, replacing what was there.
func (f *edFixture) set(d *detailsForm, fact, val string) {
	f.t.Helper()
	e := d.field(fact).entry
	f.w.Canvas().Focus(e)
	e.SetText("")
	test.Type(e, val)
}

// enter presses Enter in a fact's box.
func (f *edFixture) enter(d *detailsForm, fact string) {
	e := d.field(fact).entry
	f.w.Canvas().Focus(e)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	f.settle()
}

func (f *edFixture) stored(v *docs.Version) *docs.Version {
	f.t.Helper()
	got, err := f.real.Version(v.SHA256)
	if err != nil {
		f.t.Fatal(err)
	}
	return got
}

// The member corrects the committee of the minutes, then the pack's
// committee and date, from their rows' menus: the list regroups at once;
// once no paper is left under the panel, the draft and the panel's rule
// move with the meeting, and a message says so; opened again, the form
// says what the app had read, and "Use what the paper says" returns to it.
func TestEditDetailsRegroupsTheList(t *testing.T) {
	f := newEdFixture(t)
	if got := f.committeeOf(f.pack); got != samplePanel {
		t.Fatalf("the pack is under %q", got)
	}
	d := f.editFromRow(f.mins)
	f.set(d, docs.FactCommittee, "Audit Committee")
	f.enter(d, docs.FactCommittee)
	if f.u.details != nil {
		t.Fatalf("the form is still open: %q", d.problem.Text)
	}
	if got := f.committeeOf(f.mins); got != "Audit Committee" {
		t.Errorf("after the correction the minutes are under %q; committees %q", got, f.committees())
	}
	if got := f.committeeOf(f.pack); got != samplePanel {
		t.Errorf("the pack moved too, to %q", got)
	}
	if top := f.w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a message though nothing moved with the minutes: %q", overlayText(top))
	}

	d = f.editFromRow(f.pack)
	if f.w.Canvas().Focused() != d.field(docs.FactCommittee).entry {
		t.Error("the cursor is not in the committee's box")
	}
	for fact, want := range map[string]string{
		docs.FactCommittee: samplePanel, docs.FactDate: "2023-10-27", docs.FactKind: "Reports pack",
	} {
		fld := d.field(fact)
		got := ""
		if fld.kind != nil {
			got = fld.kind.Selected
		} else {
			got = fld.entry.Text
		}
		if got != want {
			t.Errorf("%s shows %q, want %q", fact, got, want)
		}
		if fld.from.Text != "Read from the paper" {
			t.Errorf("%s came from %q", fact, fld.from.Text)
		}
		if fld.resetB != nil {
			t.Errorf("%s offers to go back to the paper before it was corrected", fact)
		}
	}

	f.set(d, docs.FactCommittee, "Audit Committee")
	f.set(d, docs.FactDate, "9/11/2023") // as British papers write it
	f.enter(d, docs.FactDate)
	if f.u.details != nil {
		t.Fatalf("the form is still open: %q", d.problem.Text)
	}
	if got := f.committeeOf(f.pack); got != "Audit Committee" {
		t.Errorf("after the correction the pack is under %q; committees %q", got, f.committees())
	}
	if got := f.committees(); len(got) != 1 {
		t.Errorf("committees %q: the panel has no papers left", got)
	}
	top := f.w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(overlayText(top), "1 question draft and the panel's deadline rule moved with the meeting.") {
		t.Error("no message of what moved with the meeting")
		if top != nil {
			t.Logf("it says %q", overlayText(top))
		}
	}
	f.press(fyne.KeyEscape)

	v := f.stored(f.pack)
	if v.Committee != "Audit Committee" || v.Date != "2023-11-09" || v.Agenda.Sources[docs.FactCommittee] != docs.SourceMember ||
		v.Read[docs.FactCommittee].Value != samplePanel {
		t.Errorf("stored: %q %s, sources %v, read %v", v.Committee, v.Date, v.Agenda.Sources, v.Read)
	}
	ds, _ := f.real.Drafts()
	if len(ds) != 1 || ds[0].Committee != "Audit Committee" || ds[0].Meeting != "2023-11-09" {
		t.Errorf("the draft: %+v", ds)
	}
	if rule, _ := f.real.RuleFor("Audit Committee"); rule.ClearDays != 5 {
		t.Errorf("the rule did not follow: %+v", rule)
	}

	// Opened again: what was read, and the way back to it.
	d = f.editFromRow(v)
	com := d.field(docs.FactCommittee)
	if want := "You corrected this. Panel Papers had found “" + samplePanel + "” in the paper."; com.from.Text != want {
		t.Errorf("committee came from %q, want %q", com.from.Text, want)
	}
	if want := "You corrected this. Panel Papers had found “Friday 27 October 2023” in the paper."; d.field(docs.FactDate).from.Text != want {
		t.Errorf("date came from %q", d.field(docs.FactDate).from.Text)
	}
	if com.resetB == nil || d.field(docs.FactVenue).resetB != nil {
		t.Fatal("Use what the paper says is not offered for the corrected facts alone")
	}
	test.Tap(com.resetB)
	if com.entry.Text != samplePanel {
		t.Errorf("the committee's box shows %q after Use what the paper says", com.entry.Text)
	}
	if c := d.correction(); len(c.Reset) != 1 || c.Reset[0] != docs.FactCommittee || len(c.Set) != 0 {
		t.Errorf("the correction asked for: %+v", c)
	}
	d.saveB.OnTapped()
	f.settle()
	if f.u.details != nil {
		t.Fatal("the form is still open after Save")
	}
	v = f.stored(f.pack)
	if v.Committee != samplePanel || v.Agenda.Sources[docs.FactCommittee] != docs.SourceText || v.Date != "2023-11-09" {
		t.Errorf("after the reset: %q (%s) on %s", v.Committee, v.Agenda.Sources[docs.FactCommittee], v.Date)
	}
	if _, ok := v.Read[docs.FactCommittee]; ok {
		t.Errorf("what was read is still kept as corrected: %v", v.Read)
	}
	if got := f.committeeOf(f.pack); got != samplePanel {
		t.Errorf("after the reset the pack is under %q", got)
	}
}

// A malformed date or time is refused with a sentence, and nothing
// changes; Escape then closes the form, still changing nothing.
func TestEditDetailsRefusesABadDate(t *testing.T) {
	f := newEdFixture(t)
	before := f.stored(f.pack)
	d := f.editFromRow(f.pack)
	cases := []struct{ fact, val, want string }{
		{docs.FactDate, "31/02/2023", "“31/02/2023” is not a date like 2023-10-27. Correct it, or leave the date empty if it is not known."},
		{docs.FactDate, "next Friday", "“next Friday” is not a date like 2023-10-27."},
		{docs.FactTime, "25:00", "“25:00” is not a time like 10:30."},
		{docs.FactTime, "half ten", "“half ten” is not a time like 10:30."},
	}
	for _, tc := range cases {
		f.set(d, docs.FactCommittee, "Audit Committee")
		f.set(d, tc.fact, tc.val)
		f.enter(d, tc.fact)
		if f.u.details != d || !d.problem.Visible() || !strings.HasPrefix(d.problem.Text, tc.want) {
			t.Errorf("%s %q: open %v, says %q", tc.fact, tc.val, f.u.details == d, d.problem.Text)
		}
		f.set(d, tc.fact, before.Fact(tc.fact))
	}
	after := f.stored(f.pack)
	if after.Committee != before.Committee || after.Date != before.Date || after.Agenda.Time != before.Agenda.Time || after.Read != nil {
		t.Errorf("the paper changed: %q %s %s, read %v", after.Committee, after.Date, after.Agenda.Time, after.Read)
	}
	// Escape in a box closes the form.
	e := d.field(docs.FactVenue).entry
	f.w.Canvas().Focus(e)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	f.settle()
	if f.u.details != nil {
		t.Error("Escape did not close the form")
	}
	if f.stored(f.pack).Committee != samplePanel {
		t.Error("Escape saved the committee typed")
	}
}

// From the reader: Ctrl+E opens the form on the paper being read; an
// emptied box makes the fact unknown, a time is read as one ("9.30"),
// Enter with nothing focused saves, and the reader's heading follows.
func TestEditDetailsFromTheReader(t *testing.T) {
	f := newEdFixture(t)
	f.openFromList(f.pack)
	f.menuItem("Edit details…").Action()
	f.settle()
	d := f.u.details
	if d == nil || d.v.SHA256 != f.pack.SHA256 {
		t.Fatal("Ctrl+E in the reader did not open the form on its paper")
	}
	f.set(d, docs.FactCommittee, "Police and Crime Panel")
	f.set(d, docs.FactTime, "9.30")
	f.set(d, docs.FactVenue, "")
	d.field(docs.FactKind).kind.SetSelected("Minutes")
	f.press(fyne.KeyReturn) // nothing focused: the form's default is Save
	if f.u.details != nil {
		t.Fatalf("Enter did not save: %q", d.problem.Text)
	}
	v := f.stored(f.pack)
	if v.Committee != "Police and Crime Panel" || v.Agenda.Time != "09:30" || v.Agenda.Venue != "" || v.Kind != docs.KindMinutes {
		t.Errorf("stored: %q at %q in %q, a %s", v.Committee, v.Agenda.Time, v.Agenda.Venue, v.Kind)
	}
	if got := f.u.heading.Text; !strings.Contains(got, "Police and Crime Panel") || strings.Contains(got, samplePanel) {
		t.Errorf("the reader's heading: %q", got)
	}
	if f.u.Reader.version.Committee != "Police and Crime Panel" {
		t.Error("the reader still holds the paper as it was")
	}
	// The minutes keep the panel: its rule stays; the draft follows.
	if top := f.w.Canvas().Overlays().Top(); top == nil || !strings.Contains(overlayText(top), "1 question draft moved with the meeting.") {
		t.Error("no message of the draft that moved")
	}
	f.press(fyne.KeyEscape)
	d = f.editFromRow(v)
	if got := d.field(docs.FactVenue).from.Text; !strings.HasPrefix(got, "You corrected this. Panel Papers had found “") {
		t.Errorf("emptied venue: %q", got)
	}
}

// In the papers list, Ctrl+E edits the paper whose row has the keyboard,
// and says what to do on a row that is not a paper's.
func TestEditDetailsFromTheKeyboard(t *testing.T) {
	f := newEdFixture(t)
	f.w.Canvas().Focus(f.u.Library.list)
	f.menuItem("Edit details…").Action()
	f.settle()
	if f.u.details != nil || !strings.Contains(overlayText(f.w.Canvas().Overlays().Top()), "Choose a paper first") {
		t.Error("Ctrl+E on a committee's heading")
	}
	f.press(fyne.KeyEscape)
	for f.u.Library.list.Cursor() < f.rowOf(f.mins) {
		f.u.Library.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	f.menuItem("Edit details…").Action()
	f.settle()
	if f.u.details == nil || f.u.details.v.SHA256 != f.mins.SHA256 {
		t.Fatal("Ctrl+E did not edit the paper with the keyboard")
	}
}

// A click on a row still opens its paper, and the list's keyboard is then
// on that row (the row takes clicks itself, for its right-click menu).
func TestPapersListClickWithRowMenu(t *testing.T) {
	f := newEdFixture(t)
	row := f.rowOf(f.mins)
	f.u.Library.list.Tap(f.w.Canvas(), row)
	f.settle()
	if f.u.view != f.u.Reader.root || f.u.Reader.version.SHA256 != f.mins.SHA256 {
		t.Fatal("a click on the row did not open the paper")
	}
	if got := f.u.Library.list.Cursor(); got != row {
		t.Errorf("the keyboard is on row %d, want %d", got, row)
	}
	// A right click on a row that is not a paper's shows no menu.
	f.u.Library.menu = nil
	f.u.Library.onRowMenu(0, fyne.NewPos(1, 1))
	if f.u.Library.menu != nil {
		t.Error("a committee's heading has a paper's menu")
	}
}

// Where each fact came from, in words.
func TestFactSources(t *testing.T) {
	v := &docs.Version{Committee: "Audit Committee", Date: "2023-11-09", Kind: docs.KindOther, Agenda: docs.Agenda{
		Venue: "County Hall", Body: "Kent County Council", Time: "10:00",
		Sources: map[string]docs.Source{docs.FactCommittee: docs.SourceService, docs.FactDate: docs.SourceFileName,
			docs.FactVenue: docs.SourceMetadata, docs.FactTime: docs.SourceMember, docs.FactBody: docs.SourceMember},
	}, Read: map[string]docs.ReadFact{docs.FactTime: {Value: "", Source: ""}, docs.FactBody: {Value: "Kent", Source: docs.SourceFileName}}}
	for fact, want := range map[string]string{
		docs.FactCommittee: "From the council's website",
		docs.FactDate:      "From the file's name",
		docs.FactVenue:     "From the PDF's details",
		docs.FactKind:      "Not known: the paper does not say",
		docs.FactTime:      "You corrected this. Panel Papers had not found it.",
		docs.FactBody:      "You corrected this. Panel Papers had found “Kent” in the file's name.",
	} {
		if got := fromText(v, fact); got != want {
			t.Errorf("%s: %q, want %q", fact, got, want)
		}
	}
	if got := movedText(&library.Corrected{Drafts: 2, Answers: 1}); got != "2 question drafts and 1 linked response moved with the meeting." {
		t.Errorf("moved: %q", got)
	}
	if got := movedText(&library.Corrected{Rule: true}); got != "The panel's deadline rule moved with the meeting." {
		t.Errorf("moved: %q", got)
	}
	if got := movedText(&library.Corrected{}); got != "" {
		t.Errorf("nothing moved: %q", got)
	}
	// Untouched values are not corrections, though stored with spaces or
	// with no kind.
	d := &detailsForm{v: &docs.Version{Committee: " Cabinet ", Agenda: docs.Agenda{Venue: "County Hall"}}}
	for _, fact := range docs.Corrigible {
		fld := &detailField{fact: fact}
		if fact == docs.FactKind {
			fld.kind = widget.NewSelect(kindNames(), nil)
			fld.kind.SetSelected(kindName(d.v.Kind))
		} else {
			fld.entry = widgets.NewKeyEntry()
			fld.entry.SetText(d.v.Fact(fact))
		}
		d.fields = append(d.fields, fld)
	}
	if c := d.correction(); len(c.Set) != 0 || len(c.Reset) != 0 {
		t.Errorf("an untouched form asks for %+v", c)
	}

	inWelsh(t)
	if got, want := movedText(&library.Corrected{Drafts: 1, Rule: true}), "Symudodd 1 drafft cwestiwn a rheol dyddiad cau'r panel gyda'r cyfarfod."; got != want {
		t.Errorf("in Welsh: %q, want %q", got, want)
	}
	if got, want := movedText(&library.Corrected{Drafts: 2}), "Symudodd 2 ddrafft cwestiwn gyda'r cyfarfod."; got != want {
		t.Errorf("in Welsh: %q, want %q", got, want)
	}
	if got, want := fromText(v, docs.FactBody), "Chi a gywirodd hyn. Roedd Panel Papers wedi canfod “Kent” yn enw'r ffeil."; got != want {
		t.Errorf("in Welsh: %q, want %q", got, want)
	}
}
