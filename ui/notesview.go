package ui

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/library"
	"panelpapers/docs/notes"
	"panelpapers/ui/filedialog"
	"panelpapers/ui/widgets"
)

// NoteStore keeps the member's notes: the notebook flow (stored and kept
// searchable), and a meeting's notes in agenda order. NotebookStore adapts
// *docs.Notebook to it.
type NoteStore interface {
	Add(n docs.Note) (docs.Note, error)
	Save(n docs.Note) (docs.Note, error)
	Delete(id string) error
	Undo() (docs.NoteChange, error)
	List(f docs.NoteFilter) ([]docs.NoteEntry, error)
	MeetingNotes(committee, date string) (*notes.Briefing, error)
}

// NotebookStore is the library's notebook as the window's NoteStore.
func NotebookStore(nb *library.Notebook) NoteStore { return notebookStore{nb} }

type notebookStore struct{ *library.Notebook }

// MeetingNotes gathers a meeting's notes from the library.
func (s notebookStore) MeetingNotes(committee, date string) (*notes.Briefing, error) {
	return s.Lib.MeetingNotes(committee, date)
}

// noteSaved reports whether a note change was stored: a search index that
// lags behind does not undo it.
func noteSaved(err error) bool { return err == nil || errors.Is(err, docs.ErrNoteIndexBehind) }

// --- the note editor ---------------------------------------------------------------

// noteEditor is the dialog that edits a note's comment and colour.
type noteEditor struct {
	note    docs.Note
	colour  *widget.RadioGroup
	comment *widgets.ProseEntry
	dialog  dialog.Dialog
}

// edit opens the editor of a note.
func (v *NotesView) edit(n docs.Note) *noteEditor {
	e := &noteEditor{note: n}
	var names []string
	for _, c := range docs.Colours {
		names = append(names, colourName(c))
	}
	e.colour = widget.NewRadioGroup(names, nil)
	e.colour.Horizontal = true
	e.colour.SetSelected(colourName(n.Colour))
	e.comment = widgets.NewProseEntry()
	e.comment.SetMinRowsVisible(4)
	e.comment.SetPlaceHolder(lang.L("Your comment (optional)"))
	e.comment.SetText(n.Comment)
	quote := widget.NewLabel(noteQuoteText(n))
	quote.Wrapping = fyne.TextWrapWord
	quote.TextStyle = fyne.TextStyle{Italic: true}
	save := widget.NewButtonWithIcon(lang.L("Save"), theme.ConfirmIcon(), func() { v.saveEditor(e) })
	save.Importance = widget.HighImportance
	del := widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), func() {
		e.dialog.Hide()
		v.deleteNote(n.ID)
	})
	cancel := widget.NewButton(lang.L("Cancel"), func() { e.dialog.Hide() })
	content := container.NewVBox(quote, e.colour, e.comment, container.NewHBox(del, layout.NewSpacer(), cancel, save))
	e.dialog = dialog.NewCustomWithoutButtons(lang.L("Note"), content, v.u.win)
	e.dialog.Resize(fyne.NewSize(480, 320))
	e.dialog.Show()
	v.u.win.Canvas().Focus(e.comment)
	v.editor = e
	return e
}

// saveEditor stores what the editor holds.
func (v *NotesView) saveEditor(e *noteEditor) {
	e.dialog.Hide()
	n := e.note
	n.Comment = strings.TrimSpace(e.comment.Text)
	for _, c := range docs.Colours {
		if colourName(c) == e.colour.Selected {
			n.Colour = c
		}
	}
	v.saveNote(n)
}

// noteQuoteText says what a note is on: its words, or its place.
func noteQuoteText(n docs.Note) string {
	switch {
	case n.Quote != "":
		return "“" + ellipsis(n.Quote, 300) + "”"
	case n.Kind == docs.NoteItem:
		return lang.L("Agenda item {{.Number}}", tv{"Number": n.Item})
	}
	return lang.L("A note on page {{.Page}}", tv{"Page": n.Page})
}

// --- the notes of a meeting ---------------------------------------------------------

// NotesView shows a meeting's notes in agenda order, each going to its
// place, with the notes that need attention, and prepares them for the
// meeting: copied, or saved as a text document or PDF.
type NotesView struct {
	u       *UI
	store   NoteStore
	meeting meetingRef
	choices []meetingRef
	brief   *notes.Briefing
	gen     int

	pick     *widget.Select
	colour   *widget.Select // shows only notes of one colour, or of any
	summary  *widget.Label
	list     *fyne.Container
	rows     []*choiceRow
	copyB    *widget.Button
	mdB      *widget.Button
	pdfB     *widget.Button
	backB    *widget.Button
	bar      *widgets.Bar // the buttons that do not fit fold into More
	editor   *noteEditor
	root     *fyne.Container
	lastSave string // what the last export wrote, for tests
}

func newNotesView(u *UI) *NotesView {
	v := &NotesView{u: u, store: u.deps.Notes}
	v.pick = widget.NewSelect(nil, v.onPick)
	v.pick.PlaceHolder = lang.L("Choose a meeting")
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapWord
	v.list = container.NewVBox()
	v.copyB = widget.NewButtonWithIcon(lang.L("Copy for the meeting"), theme.ContentCopyIcon(), v.onCopy)
	v.mdB = widget.NewButtonWithIcon(lang.L("Save as a text document…"), theme.DocumentSaveIcon(), func() { v.onSave(".txt") })
	v.pdfB = widget.NewButtonWithIcon(lang.L("Save as PDF…"), theme.DocumentPrintIcon(), func() { v.onSave(".pdf") })
	v.backB = widget.NewButtonWithIcon(lang.L("Back to the paper"), theme.NavigateBackIcon(), v.onBack)
	v.backB.Hide()
	choices := []string{lang.L("Any colour")}
	for _, c := range docs.Colours {
		choices = append(choices, colourName(c))
	}
	v.colour = widget.NewSelect(choices, func(string) {
		if v.brief != nil {
			v.showBriefing(v.brief)
		}
	})
	v.colour.SetSelectedIndex(0)
	v.bar = widgets.NewBar(lang.L("More"), v.backB, container.NewGridWrap(fyne.NewSize(420, v.pick.MinSize().Height), v.pick),
		v.colour, v.copyB, v.mdB, v.pdfB)
	v.root = widgets.Border(container.NewVBox(v.bar, v.summary, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(v.list))
	return v
}

// openForReader shows the notes of the meeting of the paper being read.
func (v *NotesView) openForReader() {
	m := meetingRef{}
	if r := v.u.Reader; r.version != nil {
		m = meetingRef{r.version.Committee, r.version.Date}
	}
	v.open(m)
}

// open shows the notes of a meeting (the next one when m is empty).
func (v *NotesView) open(m meetingRef) {
	if v.u.view != v.root {
		v.u.show(v.root)
	}
	v.backB.Hidden = v.u.Reader.doc == nil
	v.bar.Refresh()
	lib, today := v.u.deps.Library, v.u.now().In(docs.London).Format("2006-01-02")
	v.u.async.run(func() func() {
		versions, _ := lib.Versions(false)
		var choices []meetingRef
		seen := map[meetingRef]bool{}
		for _, ver := range versions {
			k := meetingRef{committeeKey(ver.Committee), ver.Date}
			if ver.Date != "" && !seen[k] {
				seen[k] = true
				choices = append(choices, meetingRef{ver.Committee, ver.Date})
			}
		}
		return func() {
			v.choices = choices
			if m.date == "" {
				m = nearestMeeting(choices, today)
			}
			v.meeting = m
			opts := make([]string, len(choices))
			for i, c := range choices {
				opts[i] = c.label()
			}
			v.pick.Options = opts
			v.pick.SetSelected(m.label()) // loads the notes through onPick
			v.load()
		}
	})
}

// nearestMeeting is the next meeting from today, or the latest before it.
func nearestMeeting(ms []meetingRef, today string) meetingRef {
	var next, last meetingRef
	for _, m := range ms {
		if m.date >= today && (next.date == "" || m.date < next.date) {
			next = m
		}
		if m.date < today && m.date > last.date {
			last = m
		}
	}
	if next.date != "" {
		return next
	}
	return last
}

func (v *NotesView) onPick(label string) {
	for _, c := range v.choices {
		if c.label() == label && c != v.meeting {
			v.meeting = c
			v.load()
		}
	}
}

func (v *NotesView) onBack() {
	if v.u.Reader.doc != nil {
		v.u.show(v.u.Reader.root)
	}
}

// changed follows a change to notes made elsewhere.
func (v *NotesView) changed() {
	if v.u.view == v.root {
		v.load()
	}
}

// load reads the meeting's notes off the UI thread.
func (v *NotesView) load() {
	if v.store == nil {
		v.summary.SetText(lang.L("Notes cannot be kept: the library is not open."))
		return
	}
	if v.meeting.date == "" {
		v.showBriefing(nil)
		return
	}
	v.gen++
	gen, store, m := v.gen, v.store, v.meeting
	v.u.async.run(func() func() {
		b, err := store.MeetingNotes(m.committee, m.date)
		return func() {
			if gen != v.gen {
				return
			}
			if err != nil {
				v.summary.SetText(lang.L("The notes could not be read.") + " " + v.u.explain(err))
				return
			}
			v.showBriefing(b)
		}
	})
}

// showBriefing lists a meeting's notes under their agenda items, then
// those that need attention.
func (v *NotesView) showBriefing(b *notes.Briefing) {
	v.brief = b
	v.rows = v.rows[:0]
	var objs []fyne.CanvasObject
	if b == nil || b.Count() == 0 {
		v.summary.SetText(lang.L("No notes for this meeting yet. Select words on a page of its papers to highlight them, or right-click a page to add a note."))
	} else {
		v.summary.SetText(plural("count.notes-in-order", "{{.Count}} notes, in agenda order. Choose one to go to its place.", b.Count(), tv{"Count": b.Count()}))
	}
	heading := func(text string) {
		h := widget.NewLabel(text)
		h.TextStyle = fyne.TextStyle{Bold: true}
		h.SizeName = theme.SizeNameSubHeadingText
		h.Wrapping = fyne.TextWrapWord
		objs = append(objs, h)
	}
	// The colour filter narrows what is shown; exports keep every note.
	shown := func(e docs.NoteEntry) bool {
		i := v.colour.SelectedIndex()
		return i <= 0 || e.Colour == docs.Colours[i-1]
	}
	if b != nil {
		for _, it := range b.Items {
			var rows []fyne.CanvasObject
			for _, e := range it.Notes {
				if shown(e) {
					rows = append(rows, v.noteRow(e))
				}
			}
			if len(rows) == 0 {
				continue
			}
			switch {
			case it.Number == "":
				heading(lang.L("Front sheet and other pages"))
			default:
				heading(itemLabel(it.Number, it.Title))
			}
			objs = append(objs, rows...)
		}
		if len(b.Attention) > 0 {
			heading(lang.L("Needs attention"))
			note := widget.NewLabel(lang.L("These notes could not be placed on the current version of their paper. Open the paper and note the words again, or delete the note."))
			note.Wrapping = fyne.TextWrapWord
			objs = append(objs, note)
			for _, e := range b.Attention {
				objs = append(objs, v.noteRow(e))
			}
		}
	}
	has := b != nil && b.Count() > 0
	for _, btn := range []*widget.Button{v.copyB, v.mdB, v.pdfB} {
		if has {
			btn.Enable()
		} else {
			btn.Disable()
		}
	}
	v.list.Objects = objs
	v.list.Refresh()
}

// noteRow is one note: where it is, its words and comment; choosing it
// goes to its place, and its buttons edit or delete it.
func (v *NotesView) noteRow(e docs.NoteEntry) fyne.CanvasObject {
	where := noteWhere(e)
	var detail []string
	if e.Quote != "" {
		detail = append(detail, "“"+ellipsis(e.Quote, 240)+"”")
	}
	if e.Comment != "" {
		detail = append(detail, e.Comment)
	}
	if e.Status == docs.NoteNeedsAttention && e.Reason != "" {
		detail = append(detail, lang.L("Needs attention: {{.Reason}}.", tv{"Reason": e.Reason}))
	}
	n := e.Note
	row := newChoiceRow(where, strings.Join(detail, "\n"), noteColour(e.Colour), func() { v.goTo(n) })
	row.key = e.ID
	v.rows = append(v.rows, row)
	editB := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { v.edit(n) })
	delB := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { v.deleteNote(n.ID) })
	return widgets.Border(nil, nil, nil, container.NewHBox(editB, delB), row.row)
}

// noteWhere says where a note is: "Reports pack, page 23 (PDF page 25)".
func noteWhere(e docs.NoteEntry) string {
	paper := paperTitle(&docs.Version{Title: e.Paper, Kind: e.PaperKind})
	switch {
	case e.Kind == docs.NoteItem:
		return lang.L("{{.Paper}}, agenda item {{.Number}}", tv{"Paper": paper, "Number": e.Item})
	case e.Printed != "" && e.Printed != strconv.Itoa(e.Page):
		return lang.L("{{.Paper}}, page {{.Printed}} (PDF page {{.Page}})", tv{"Paper": paper, "Printed": e.Printed, "Page": e.Page})
	}
	return lang.L("{{.Paper}}, page {{.Page}}", tv{"Paper": paper, "Page": e.Page})
}

// goTo opens the paper of a note at its page.
func (v *NotesView) goTo(n docs.Note) {
	if n.Page <= 0 {
		v.u.openBySHA(n.Version, nil)
		return
	}
	v.u.openBySHA(n.Version, &place{page: n.Page})
}

// saveNote stores changes to a note off the UI thread, then shows them.
func (v *NotesView) saveNote(n docs.Note) {
	store := v.store
	if store == nil {
		return
	}
	v.u.async.run(func() func() {
		_, err := store.Save(n)
		return func() {
			if !noteSaved(err) {
				v.u.showError(lang.L("The note could not be saved"), err)
			}
			v.u.Reader.notes.reload()
		}
	})
}

// deleteNote deletes a note; Undo brings it back.
func (v *NotesView) deleteNote(id string) {
	store := v.store
	if store == nil {
		return
	}
	v.u.async.run(func() func() {
		err := store.Delete(id)
		return func() {
			if !noteSaved(err) && !errors.Is(err, docs.ErrNotFound) {
				v.u.showError(lang.L("The note could not be deleted"), err)
			}
			v.u.Reader.notes.reload()
		}
	})
}

// undo undoes the last change to a note.
func (v *NotesView) undo() {
	store := v.store
	if store == nil {
		return
	}
	v.u.async.run(func() func() {
		_, err := store.Undo()
		return func() {
			switch {
			case errors.Is(err, docs.ErrNothingToUndo):
				return
			case !noteSaved(err):
				v.u.showError(lang.L("The change could not be undone"), err)
			}
			v.u.Reader.notes.reload()
		}
	})
}

// onCopy copies the meeting's notes, as Markdown, to the clipboard.
func (v *NotesView) onCopy() {
	if v.brief == nil {
		return
	}
	v.u.app.Clipboard().SetContent(v.brief.Markdown())
	v.summary.SetText(plural("count.notes-copied", "Copied {{.Count}} notes as text. Paste them where you prepare for the meeting.", v.brief.Count(), tv{"Count": v.brief.Count()}))
}

// onSave saves the meeting's notes as a text document (ext ".txt", the
// briefing as Markdown, which reads as plain text) or a PDF (".pdf"),
// starting in the member's Documents folder.
func (v *NotesView) onSave(ext string) {
	if v.brief == nil {
		return
	}
	name := lang.L("Notes")
	if v.meeting.date != "" {
		name = lang.L("Notes for {{.Date}}", tv{"Date": shortDay(v.meeting.date)})
	}
	filters := textFilter()
	if ext == ".pdf" {
		filters = pdfFilter()
	}
	s := filedialog.Save{Title: lang.L("Save the notes"), Name: safeFileName(name) + ext, Filters: filters}
	v.u.files.save(v.u.win, s, v.writeBriefing)
}

// writeBriefing writes the notes to w: PDF for a .pdf name, else Markdown
// (a text document). It reports whether they were saved.
func (v *NotesView) writeBriefing(w fyne.URIWriteCloser) bool {
	var buf bytes.Buffer
	var err error
	if strings.EqualFold(w.URI().Extension(), ".pdf") {
		err = v.brief.WritePDF(&buf)
	} else {
		buf.WriteString(v.brief.Markdown())
	}
	if err == nil {
		_, err = w.Write(buf.Bytes())
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		v.u.showError(lang.L("The notes could not be saved"), err)
		return false
	}
	v.lastSave = w.URI().Name()
	v.summary.SetText(lang.L("Saved to {{.Path}}", tv{"Path": w.URI().Path()}))
	return true
}

// --- menu ---------------------------------------------------------------------------

// notesMenu lists what the member can do with notes.
func (u *UI) notesMenu() *fyne.Menu {
	n := u.Notes
	inReader := func(f func()) func() {
		return func() {
			if u.view == u.Reader.root && u.Reader.doc != nil {
				f()
			}
		}
	}
	l := u.Reader.notes
	return fyne.NewMenu(lang.L("Notes"),
		item(lang.L("Undo the last change to a note"), &fyne.ShortcutUndo{}, u.onUndo),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Add a note to this page…"), nil, inReader(func() {
			r := u.Reader
			page := max(r.current, 1)
			h := float64(r.sizes[page-1].Height)
			l.addPin(page, 36, h-36)
		})),
		item(lang.L("Note this agenda item…"), nil, inReader(func() {
			if it := l.itemOf(max(u.Reader.current, 1)); it != nil {
				l.addItemNote(it.Number)
			}
		})),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Notes for this meeting"), shortcut(fyne.KeyN, fyne.KeyModifierShift), n.openForReader),
		item(lang.L("Prepare for meeting…"), nil, n.openForReader),
	)
}

// onUndo undoes typing in the box that has the cursor, else the last change
// to a note: the menu sees Ctrl+Z before the box does.
func (u *UI) onUndo() {
	if f, ok := u.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(&fyne.ShortcutUndo{})
		return
	}
	u.Notes.undo()
}
