package ui

import (
	"errors"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
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
// the officer; a message too long for a mailto: link is copied instead.
func (v *QuestionsView) onEmail() {
	if v.draft == nil {
		return
	}
	v.flush()
	officer := v.officerFor(*v.draft)
	mail := questions.QuestionEmail(officer, []docs.Draft{*v.draft})
	link := mail.MailtoURL()
	to := lang.L("the democratic services officer")
	if mail.To != "" {
		to = mail.To
	}
	if len(link) > questions.MailtoMaxLen {
		v.u.app.Clipboard().SetContent(mail.Body)
		v.say(lang.L("This question is too long to open in your e-mail program directly, so it has been copied instead. Start a new e-mail to {{.To}} with the subject “{{.Subject}}” and paste it in.",
			tv{"To": to, "Subject": mail.Subject}))
		return
	}
	u, err := url.Parse(link)
	if err == nil {
		err = v.openURL(u)
	}
	if err != nil {
		v.u.app.Clipboard().SetContent(mail.Body)
		v.say(lang.L("Your e-mail program could not be opened, so the e-mail has been copied instead. Paste it into a new e-mail to {{.To}}.", tv{"To": to}))
		return
	}
	msg := lang.L("Your e-mail program should now show the e-mail to {{.To}}. Once you have sent it, choose Mark as sent.", tv{"To": to})
	if mail.To == "" {
		msg = lang.L("The papers do not give the officer's e-mail address: add it in your e-mail program. Once you have sent it, choose Mark as sent.")
	}
	v.say(msg)
}

// onMarkSent records that the question was sent today.
func (v *QuestionsView) onMarkSent() {
	if v.draft == nil || v.store == nil {
		return
	}
	if strings.TrimSpace(v.draft.Body) == "" {
		v.say(lang.L("Write the question first: an empty question cannot be sent."))
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
