package ui

import (
	"errors"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/questions"
	"panelpapers/ui/filedialog"
)

// exportText is the draft in the panel's form.
func (v *QuestionsView) exportText(f questions.ExportFormat) string {
	return questions.ExportQuestions([]docs.Draft{*v.draft}, f)
}

func (v *QuestionsView) say(msg string) {
	v.message.Importance = widget.MediumImportance
	v.message.SetText(msg)
}

// onCopy copies the question, in the panel's form, to the clipboard.
func (v *QuestionsView) onCopy() {
	if v.draft == nil {
		return
	}
	v.flush()
	v.u.app.Clipboard().SetContent(v.exportText(questions.ExportText))
	v.say(lang.L("Copied. Paste it into an e-mail or the council's form."))
}

// onSaveAs writes the question to a file: Markdown for a .md name, plain
// text otherwise.
func (v *QuestionsView) onSaveAs() {
	if v.draft == nil {
		return
	}
	v.flush()
	s := filedialog.Save{Title: lang.L("Save the question"), Name: exportFileName(*v.draft) + ".txt", Filters: textFilter()}
	v.u.files.save(v.u.win, s, v.writeExport)
}

// writeExport writes the question to w, in the format its name asks for,
// and reports whether it was saved.
func (v *QuestionsView) writeExport(w fyne.URIWriteCloser) bool {
	f := questions.ExportText
	if strings.EqualFold(w.URI().Extension(), ".md") {
		f = questions.ExportMarkdown
	}
	_, err := w.Write([]byte(v.exportText(f)))
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		v.u.showError(lang.L("The question could not be saved"), err)
		return false
	}
	v.say(lang.L("Saved to {{.Path}}", tv{"Path": w.URI().Path()}))
	return true
}

// exportFileName is "Question for 27 October 2023", or the title.
func exportFileName(d docs.Draft) string {
	name := lang.L("Question")
	if d.Meeting != "" {
		name = lang.L("Question for {{.Date}}", tv{"Date": shortDay(d.Meeting)})
	}
	return safeFileName(name)
}

// safeFileName replaces the characters file systems refuse in a name.
func safeFileName(name string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, name)
}

// officerFor is the democratic services officer the papers of a meeting
// name, or the last one the committee's papers named.
func (v *QuestionsView) officerFor(d docs.Draft) *docs.Officer {
	var best *docs.Officer
	bestDate := ""
	for _, ver := range v.versions {
		o := ver.Agenda.Officer
		if o == nil || o.Email == "" || committeeKey(ver.Committee) != committeeKey(d.Committee) {
			continue
		}
		if ver.Date == d.Meeting {
			return o
		}
		if best == nil || ver.Date > bestDate {
			best, bestDate = o, ver.Date
		}
	}
	return best
}

// onEmail opens the member's e-mail program with the question addressed to
// the officer, after asking, once the deadline has passed, whether to send
// it all the same. When no e-mail program opens (or the message is too
// long for a mailto: link) it offers what works without one.
func (v *QuestionsView) onEmail() {
	if v.draft == nil {
		return
	}
	v.flush()
	v.unlessLate(lang.L("E-mail it all the same?"), lang.L("E-mail it"), v.email)
}

// email opens the e-mail in the member's e-mail program, off the UI
// thread: the system's opener may take a few seconds to say it failed.
func (v *QuestionsView) email() {
	if v.draft == nil {
		return
	}
	mail := questions.QuestionEmail(v.officerFor(*v.draft), []docs.Draft{*v.draft})
	link := mail.MailtoURL()
	if len(link) > questions.MailtoMaxLen {
		v.showNoMail(mail, lang.L("This question is too long to open in your e-mail program directly."))
		return
	}
	u, err := url.Parse(link)
	if err != nil {
		v.showNoMail(mail, lang.L("Your e-mail program could not be opened."))
		return
	}
	v.say(lang.L("Opening your e-mail program…"))
	open := v.openURL
	v.u.async.run(func() func() {
		err := open(u)
		return func() {
			if err != nil {
				v.showNoMail(mail, lang.L("No e-mail program opened: none may be set up on this computer."))
				return
			}
			msg := lang.L("Your e-mail program is open with the e-mail to {{.To}}. Once you have sent it, choose Mark as sent.", tv{"To": mail.To})
			if mail.To == "" {
				msg = lang.L("Your e-mail program is open with the e-mail. The papers do not give the officer's e-mail address: add it there. Once you have sent it, choose Mark as sent.")
			}
			v.say(msg)
		}
	})
}

// unlessLate does next at once while the deadline has not passed; after it,
// only once the member confirms: ask is the question put to them, goLabel
// the confirming button's words.
func (v *QuestionsView) unlessLate(ask, goLabel string, next func()) {
	d := v.draft
	dl, ok := v.deadlineOf(*d)
	if !ok || !unsent(*d) || !dl.Passed(v.u.now()) {
		next()
		return
	}
	v.lateNote = widget.NewLabel(lang.L("Questions for the meeting on {{.Meeting}} had to reach the clerk by {{.Deadline}}. The panel may not accept this question now.",
		tv{"Meeting": shortDay(d.Meeting), "Deadline": deadlineDay(dl)}) + " " + ask)
	v.lateNote.Wrapping = fyne.TextWrapWord
	v.late = dialog.NewCustomConfirm(lang.L("The deadline has passed"), goLabel, lang.L("Cancel"), v.lateNote,
		func(ok bool) {
			if ok {
				next()
			}
		}, v.u.win)
	v.late.Resize(fyne.NewSize(480, 0))
	v.late.Show()
}

// deadlineDay is a deadline's day and cut-off: "Monday 23 October 2023, 5 pm".
func deadlineDay(d questions.Deadline) string {
	s := longDate(d.Day)
	if d.HasCutoff {
		s += ", " + clockTime(d.Day)
	}
	return s
}

// noMailDialog is what the window offers when no e-mail program opened:
// copy the address, copy the text, or save the e-mail as a file the
// member's e-mail program (or webmail) can open. What was done is said in
// the dialog and under the question.
type noMailDialog struct {
	dialog   *dialog.CustomDialog
	reason   *widget.Label
	copyTo   *widget.Button
	copyText *widget.Button
	save     *widget.Button
	done     *widget.Label
	mail     questions.Email
}

// showNoMail offers what works without an e-mail program, saying why.
func (v *QuestionsView) showNoMail(mail questions.Email, why string) {
	n := &noMailDialog{mail: mail}
	n.reason = widget.NewLabel(why + " " + lang.L("Send the question another way:"))
	n.reason.Wrapping = fyne.TextWrapWord
	n.copyTo = widget.NewButtonWithIcon(lang.L("Copy the address"), theme.ContentCopyIcon(), func() { v.copyAddress(n) })
	if mail.To == "" {
		n.copyTo.Disable()
	}
	n.copyText = widget.NewButtonWithIcon(lang.L("Copy the e-mail's text"), theme.ContentCopyIcon(), func() { v.copyMailText(n) })
	n.save = widget.NewButtonWithIcon(lang.L("Save as an e-mail file…"), theme.DocumentSaveIcon(), func() { v.saveEML(n) })
	to := lang.L("The papers do not give the officer's e-mail address.")
	if mail.To != "" {
		to = lang.L("To: {{.To}}", tv{"To": mail.To})
	}
	toL := widget.NewLabel(to)
	toL.Wrapping = fyne.TextWrapWord
	subject := widget.NewLabel(lang.L("Subject: {{.Subject}}", tv{"Subject": mail.Subject}))
	subject.Wrapping = fyne.TextWrapWord
	n.done = widget.NewLabel("")
	n.done.Wrapping = fyne.TextWrapWord
	n.done.TextStyle = fyne.TextStyle{Bold: true}
	n.done.Hide()
	content := container.NewVBox(n.reason, toL, subject, container.NewGridWithColumns(1, n.copyTo, n.copyText, n.save), n.done)
	n.dialog = dialog.NewCustom(lang.L("Send the question without an e-mail program"), lang.L("Close"), content, v.u.win)
	n.dialog.Resize(fyne.NewSize(520, 0))
	v.noMail = n
	v.say(why)
	n.dialog.Show()
}

// tell says what was done, in the dialog and under the question.
func (n *noMailDialog) tell(v *QuestionsView, msg string) {
	n.done.SetText(msg)
	n.done.Show()
	v.say(msg)
}

// copyAddress copies the officer's address, to paste into a new e-mail.
func (v *QuestionsView) copyAddress(n *noMailDialog) {
	v.u.app.Clipboard().SetContent(n.mail.To)
	n.tell(v, lang.L("The address {{.To}} is copied: paste it into a new e-mail's “To” box.", tv{"To": n.mail.To}))
}

// copyMailText copies the e-mail's text, to paste into a new e-mail.
func (v *QuestionsView) copyMailText(n *noMailDialog) {
	v.u.app.Clipboard().SetContent(n.mail.Body)
	n.tell(v, lang.L("The e-mail's text is copied: paste it into a new e-mail with the subject “{{.Subject}}”. Once you have sent it, choose Mark as sent.", tv{"Subject": n.mail.Subject}))
}

// saveEML saves the e-mail as an .eml file, where the member chooses.
func (v *QuestionsView) saveEML(n *noMailDialog) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			v.u.showError(lang.L("The e-mail could not be saved"), err)
			return
		}
		if w != nil {
			v.writeEML(n, w)
		}
	}, v.u.win)
	d.SetFileName(exportFileName(*v.draft) + questions.EMLName)
	d.SetFilter(storage.NewExtensionFileFilter([]string{questions.EMLName}))
	d.Show()
}

// writeEML writes the e-mail file and says where it went.
func (v *QuestionsView) writeEML(n *noMailDialog, w fyne.URIWriteCloser) {
	_, err := w.Write(n.mail.EML(v.u.now()))
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		v.u.showError(lang.L("The e-mail could not be saved"), err)
		return
	}
	n.tell(v, lang.L("The e-mail is saved as {{.Name}} in {{.Folder}}. Open that file to send it from your e-mail program. Once you have sent it, choose Mark as sent.",
		tv{"Name": w.URI().Name(), "Folder": folderOf(w.URI())}))
}

// folderOf is the folder a file is in, as the member would read it.
func folderOf(u fyne.URI) string {
	if u.Scheme() == "file" {
		return filepath.FromSlash(filepath.Dir(u.Path()))
	}
	if p, err := storage.Parent(u); err == nil && p != nil {
		return p.String()
	}
	return ""
}

// onMarkSent records that the question was sent today, after asking, once
// the deadline has passed, whether it was sent all the same.
func (v *QuestionsView) onMarkSent() {
	if v.draft == nil || v.store == nil {
		return
	}
	if strings.TrimSpace(v.draft.Body) == "" {
		v.say(lang.L("Write the question first: an empty question cannot be sent."))
		return
	}
	v.unlessLate(lang.L("Mark it as sent all the same?"), lang.L("Mark as sent"), v.markSent)
}

// markSent records that the question was sent today.
func (v *QuestionsView) markSent() {
	if v.draft == nil || v.store == nil {
		return
	}
	v.saveLater.cancel()
	store, slot, now := v.store, v.slot, v.u.now()
	snapshot, seq := v.snapshot(), slot.next()
	v.u.async.run(func() func() {
		// The member's last words are saved first, so that what is marked
		// sent is what was sent, and a new draft has its id.
		if _, _, err := slot.write(store, snapshot, seq); err != nil {
			return func() { v.u.showError(lang.L("The question could not be marked as sent"), err) }
		}
		slot.mu.Lock()
		id := slot.id
		slot.mu.Unlock()
		ds, err := store.MarkSent([]string{id}, now)
		return func() {
			if err != nil || len(ds) == 0 {
				v.u.showError(lang.L("The question could not be marked as sent"), orErr(err))
				return
			}
			if slot == v.slot && v.draft != nil {
				v.draft.Status, v.draft.SentOn, v.draft.History = ds[0].Status, ds[0].SentOn, ds[0].History
				v.loading = true
				v.status.SetSelected(statusLabel(v.draft.Status))
				v.loading = false
				v.refreshDraftInfo()
				v.say(lang.L("Marked as sent on {{.Date}}.", tv{"Date": shortDay(ds[0].SentOn)}))
			}
			v.listDraft(ds[0])
		}
	})
}

func orErr(err error) error {
	if err == nil {
		return errors.New(lang.L("the library did not record it"))
	}
	return err
}
