package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/library"
	"panelpapers/ui/widgets"
)

// Corrector corrects what Panel Papers read about a paper (Edit details…),
// on all its versions, moving with a changed meeting what hung on it, and
// keeps search in step; *library.Papers implements it.
type Corrector interface {
	Correct(sha256 string, c library.Correction) (*library.Corrected, error)
}

// detailsForm is "Edit details…": a paper's meeting facts (committee,
// date, start time, venue, kind and council), each with where it came
// from, for the member to correct. Nothing changes until Save, and a
// malformed date or time is refused before anything changes.
type detailsForm struct {
	u       *UI
	v       *docs.Version // the paper as it was when the form opened
	fields  []*detailField
	intro   *widget.Label
	body    *container.Scroll // the fields, scrolled on a small screen
	problem *widget.Label     // what is wrong with what was typed
	saveB   *widget.Button
	cancelB *widget.Button
	dialog  dialog.Dialog
	saving  bool
}

// detailField is one fact in the form.
type detailField struct {
	fact   string
	entry  *widgets.KeyEntry // the value; nil for the kind
	kind   *widget.Select    // the kind, chosen from docs.Kinds
	from   *widget.Label     // where the value came from, in words
	resetB *widget.Button    // "Use what the paper says", for a corrected fact
	reset  bool              // resetB was chosen: Save returns to what was read
}

// onEditDetails is the Papers menu's "Edit details…": for the paper being
// read, or in the papers list the paper whose row has the keyboard.
func (u *UI) onEditDetails() {
	if u.deps.Corrector == nil {
		return
	}
	switch u.view {
	case u.Reader.root:
		if u.Reader.version != nil {
			u.editDetails(u.Reader.version)
		}
	case u.Library.root:
		if v := u.Library.cursorPaper(); v != nil {
			u.editDetails(v)
			return
		}
		u.inform(u.win, lang.L("Edit details"), lang.L("Choose a paper first: move to it in the list with the arrow keys, or open it."))
	}
}

// editDetails opens the form on the paper as the library now has it.
func (u *UI) editDetails(v *docs.Version) {
	if u.deps.Corrector == nil || u.details != nil {
		return
	}
	lib := u.deps.Library
	u.async.run(func() func() {
		fresh, err := lib.Version(v.SHA256)
		return func() {
			if err != nil {
				u.showError(lang.L("The details of this paper cannot be changed"), err)
				return
			}
			if u.details == nil {
				u.details = u.newDetailsForm(fresh)
				u.details.show()
			}
		}
	})
}

// factLabel names a fact in the form.
func factLabel(fact string) string {
	switch fact {
	case docs.FactCommittee:
		return lang.L("Committee")
	case docs.FactDate:
		return lang.L("Meeting date")
	case docs.FactTime:
		return lang.L("Start time")
	case docs.FactVenue:
		return lang.L("Venue")
	case docs.FactKind:
		return lang.L("Kind of paper")
	case docs.FactBody:
		return lang.L("Council")
	}
	return fact
}

func (u *UI) newDetailsForm(v *docs.Version) *detailsForm {
	f := &detailsForm{u: u, v: v}
	f.intro = widget.NewLabel(lang.L("Correct what Panel Papers read about this paper. Leave a box empty when it is not known."))
	f.intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm()
	for _, fact := range docs.Corrigible {
		fld := &detailField{fact: fact}
		var input fyne.CanvasObject
		if fact == docs.FactKind {
			fld.kind = widget.NewSelect(kindNames(), nil)
			fld.kind.SetSelected(kindName(v.Kind))
			input = fld.kind
		} else {
			fld.entry = widgets.NewKeyEntry()
			fld.entry.SetText(v.Fact(fact))
			fld.entry.OnSubmitted = func(string) { f.submit() }
			fld.entry.OnKey = func(k *fyne.KeyEvent) bool {
				if k.Name == fyne.KeyEscape {
					f.cancel()
					return true
				}
				return false
			}
			switch fact {
			case docs.FactDate:
				fld.entry.SetPlaceHolder(lang.L("Not known (like 2023-10-27)"))
			case docs.FactTime:
				fld.entry.SetPlaceHolder(lang.L("Not known (like 10:30)"))
			default:
				fld.entry.SetPlaceHolder(lang.L("Not known"))
			}
			input = fld.entry
		}
		fld.from = widget.NewLabel(fromText(v, fact))
		fld.from.Wrapping = fyne.TextWrapWord
		fld.from.TextStyle = fyne.TextStyle{Italic: true}
		var resetB fyne.CanvasObject
		if v.Agenda.Sources[fact] == docs.SourceMember {
			fld.resetB = widget.NewButtonWithIcon(lang.L("Use what the paper says"), theme.ContentUndoIcon(), func() { f.onReset(fld) })
			resetB = container.NewVBox(fld.resetB) // at the top of the line, not stretched
		}
		line := widgets.Border(nil, nil, nil, resetB, fld.from)
		form.Append(factLabel(fact), container.New(widgets.NewTightVBox(), input, line))
		f.fields = append(f.fields, fld)
	}
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Hide()
	f.saveB = widget.NewButtonWithIcon(lang.L("Save"), theme.ConfirmIcon(), f.submit)
	f.saveB.Importance = widget.HighImportance
	f.cancelB = widget.NewButton(lang.L("Cancel"), f.cancel)
	foot := container.NewVBox(f.problem, container.NewHBox(layout.NewSpacer(), f.cancelB, f.saveB))
	f.body = container.NewVScroll(container.NewVBox(f.intro, form))
	content := widgets.Border(nil, foot, nil, nil, f.body)
	title := lang.L("Edit details: {{.Title}}", tv{"Title": paperTitle(v)})
	f.dialog = u.keyed(u.win, dialog.NewCustomWithoutButtons(title, content, u.win), f.submit)
	f.dialog.SetOnClosed(func() { // after keyed's own
		if u.details == f {
			u.details = nil
		}
	})
	// As large as the form wants, within the window (a small laptop's
	// screen scrolls the form).
	want := fyne.NewSize(800, content.MinSize().Height+form.MinSize().Height+f.intro.MinSize().Height+2*theme.Padding())
	win := u.win.Canvas().Size()
	f.dialog.Resize(fyne.NewSize(min(want.Width, max(win.Width-40, 320)), min(want.Height, max(win.Height-16, 240))))
	return f
}

// show shows the form, the cursor in its first box.
func (f *detailsForm) show() {
	f.dialog.Show()
	f.u.win.Canvas().Focus(f.fields[0].entry)
}

// cancel closes the form, changing nothing.
func (f *detailsForm) cancel() {
	if !f.saving {
		f.dialog.Hide()
	}
}

// field is the form's field for a fact.
func (f *detailsForm) field(fact string) *detailField {
	for _, fld := range f.fields {
		if fld.fact == fact {
			return fld
		}
	}
	return nil
}

// onReset puts back what Panel Papers read for a corrected fact; Save
// makes it so.
func (f *detailsForm) onReset(fld *detailField) {
	read := f.v.Read[fld.fact]
	fld.reset = true
	if fld.kind != nil {
		k := docs.Kind(read.Value)
		if k == "" {
			k = docs.KindOther
		}
		fld.kind.SetSelected(kindName(k))
	} else {
		fld.entry.SetText(read.Value)
	}
	fld.from.SetText(lang.L("Back to what Panel Papers found, when you save:") + " " + sourceText(read.Source, read.Value != ""))
	fld.resetB.Disable()
}

// value is what a field holds now, as the library takes it: trimmed, a
// kind by its name, a time and a date in the library's form when they can
// be read as one.
func (fld *detailField) value() string {
	if fld.kind != nil {
		for _, k := range docs.Kinds {
			if kindName(k) == fld.kind.Selected {
				return string(k)
			}
		}
		return string(docs.KindOther)
	}
	s := strings.TrimSpace(fld.entry.Text)
	switch fld.fact {
	case docs.FactTime:
		return normalTime(s)
	case docs.FactDate:
		return normalDate(s)
	}
	return s
}

// correction is what the form asks to change: each fact whose value
// differs from the paper's, and each returned to what was read.
func (f *detailsForm) correction() library.Correction {
	c := library.Correction{Set: map[string]string{}}
	for _, fld := range f.fields {
		val := fld.value()
		read, corrected := f.v.Read[fld.fact]
		switch {
		case fld.reset && corrected && val == sameAs(fld.fact, read.Value):
			c.Reset = append(c.Reset, fld.fact)
		case val != sameAs(fld.fact, f.v.Fact(fld.fact)):
			c.Set[fld.fact] = val
		}
	}
	return c
}

// sameAs is a stored value as the form would give it back untouched, so
// that a value the member left alone is not taken for a correction: no
// space around it, and no kind is KindOther.
func sameAs(fact, val string) string {
	if fact == docs.FactKind && val == "" {
		return string(docs.KindOther)
	}
	return strings.TrimSpace(val)
}

// submit checks what was typed and saves it: a mistake is said in the form,
// which stays open with nothing changed.
func (f *detailsForm) submit() {
	if f.saving {
		return
	}
	c := f.correction()
	if err := library.CheckCorrection(c); err != nil {
		f.say(correctionMistake(c, err))
		return
	}
	if len(c.Set) == 0 && len(c.Reset) == 0 {
		f.dialog.Hide() // nothing to change
		return
	}
	f.say("")
	f.saving = true
	f.saveB.Disable()
	f.cancelB.Disable()
	corrector, sha := f.u.deps.Corrector, f.v.SHA256
	f.u.async.run(func() func() {
		res, err := corrector.Correct(sha, c)
		return func() {
			f.saving = false
			f.saveB.Enable()
			f.cancelB.Enable()
			if res == nil {
				f.say(f.u.explain(err))
				return
			}
			f.dialog.Hide()
			f.u.onCorrected(res, err)
		}
	})
}

// say shows a problem under the form; "" hides it.
func (f *detailsForm) say(text string) {
	f.problem.SetText(text)
	f.problem.Hidden = text == ""
	f.problem.Refresh()
}

// onCorrected shows a corrected paper where it now belongs at once: the
// papers list regroups, the reader's heading follows, and a message says
// what moved with its meeting (drafts, linked responses, the panel's
// deadline rule), and if search is behind.
func (u *UI) onCorrected(res *library.Corrected, err error) {
	byID := map[string]*docs.Version{}
	for _, v := range res.Versions {
		byID[v.SHA256] = v
	}
	for i, p := range u.Library.papers {
		if v, ok := byID[p.SHA256]; ok {
			u.Library.papers[i] = v
		}
	}
	u.Library.rebuild()
	u.Library.reload()
	if r := u.Reader; r.version != nil {
		if v, ok := byID[r.version.SHA256]; ok {
			r.version = v
			if u.view == r.root {
				u.heading.SetText(r.titleText())
				u.setTitle()
			}
		}
	}
	var said []string
	if moved := movedText(res); moved != "" {
		said = append(said, moved)
	}
	if err != nil {
		said = append(said, u.explain(err))
	}
	if len(said) > 0 {
		u.inform(u.win, lang.L("Details saved"), strings.Join(said, "\n\n"))
	}
}

// movedText says what moved with a paper's meeting: "1 question draft and
// the panel's deadline rule moved with the meeting."; "" when nothing did.
func movedText(res *library.Corrected) string {
	var parts []string
	if res.Drafts > 0 {
		parts = append(parts, plural("count.question-drafts", "{{.Count}} question drafts", res.Drafts, tv{"Count": res.Drafts}))
	}
	if res.Answers > 0 {
		parts = append(parts, plural("count.linked-responses", "{{.Count}} linked responses", res.Answers, tv{"Count": res.Answers}))
	}
	if res.Rule {
		parts = append(parts, lang.L("the panel's deadline rule"))
	}
	if len(parts) == 0 {
		return ""
	}
	return upperFirst(lang.L("{{.Things}} moved with the meeting.", tv{"Things": joinAnd(parts)}))
}

// fromText says where a paper's fact came from; for one the member
// corrected, what Panel Papers had found.
func fromText(v *docs.Version, fact string) string {
	src := v.Agenda.Sources[fact]
	if src != docs.SourceMember {
		val := v.Fact(fact)
		known := val != "" && !(fact == docs.FactKind && docs.Kind(val) == docs.KindOther && src == "")
		return sourceText(src, known)
	}
	read, ok := v.Read[fact]
	switch {
	case !ok:
		return lang.L("You corrected this.")
	case read.Value == "" || fact == docs.FactKind && read.Source == "" && docs.Kind(read.Value) == docs.KindOther:
		return lang.L("You corrected this. Panel Papers had not found it.")
	}
	return lang.L("You corrected this. Panel Papers had found “{{.Value}}” {{.Where}}.",
		tv{"Value": factText(fact, read.Value), "Where": sourcePlace(read.Source)})
}

// sourceText says where a fact came from: known is false for a fact
// that is not known.
func sourceText(src docs.Source, known bool) string {
	switch src {
	case docs.SourceMember:
		return lang.L("You corrected this.")
	case docs.SourceService:
		return lang.L("From the council's website")
	case docs.SourceText:
		return lang.L("Read from the paper")
	case docs.SourceFileName:
		return lang.L("From the file's name")
	case docs.SourceMetadata:
		return lang.L("From the PDF's details")
	}
	if !known {
		return lang.L("Not known: the paper does not say")
	}
	return lang.L("Found when the paper was added")
}

// sourcePlace is where a fact was found, in a sentence: "in the paper".
func sourcePlace(src docs.Source) string {
	switch src {
	case docs.SourceService:
		return lang.L("on the council's website")
	case docs.SourceText:
		return lang.L("in the paper")
	case docs.SourceFileName:
		return lang.L("in the file's name")
	case docs.SourceMetadata:
		return lang.L("in the PDF's details")
	}
	return lang.L("when the paper was added")
}

// factText is a fact's value as the member reads it: a date in words, a
// kind by its name.
func factText(fact, val string) string {
	switch fact {
	case docs.FactDate:
		return meetingTitle(val)
	case docs.FactKind:
		return kindName(docs.Kind(val))
	}
	return val
}

// kindNames are the kinds' names, in their order, for a choice.
func kindNames() []string {
	out := make([]string, len(docs.Kinds))
	for i, k := range docs.Kinds {
		out[i] = kindName(k)
	}
	return out
}

// normalTime is a time as the library writes it when s can be read as one
// ("9:30" and "9.30" are "09:30"), else s.
func normalTime(s string) string {
	for _, layout := range []string{"15:04", "15.04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("15:04")
		}
	}
	return s
}

// normalDate is a date as the library writes it when s can be read as one
// (27/10/2023, as British papers write it, is 2023-10-27), else s.
func normalDate(s string) string {
	if t, err := time.Parse("2/1/2006", s); err == nil {
		return t.Format(time.DateOnly)
	}
	return s
}

// correctionMistake says in the window's language which value the library
// refused (err), asking it of each value on its own.
func correctionMistake(c library.Correction, err error) string {
	for _, fact := range docs.Corrigible {
		val, ok := c.Set[fact]
		if !ok || library.CheckCorrection(library.Correction{Set: map[string]string{fact: val}}) == nil {
			continue
		}
		switch fact {
		case docs.FactDate:
			return lang.L("“{{.Text}}” is not a date like 2023-10-27. Correct it, or leave the date empty if it is not known.", tv{"Text": val})
		case docs.FactTime:
			return lang.L("“{{.Text}}” is not a time like 10:30. Correct it, or leave the time empty if it is not known.", tv{"Text": val})
		}
	}
	if errors.Is(err, library.ErrBadCorrection) {
		return explain(err)
	}
	return plainSentence(err)
}
