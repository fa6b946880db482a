package ui

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/questions"
	"panelpapers/search"
	"panelpapers/ui/widgets"
)

// startQuestion opens a new draft from a seed; it is saved at once when
// the seed holds words or a citation, else at the member's first change.
func (v *QuestionsView) startQuestion(seed questionSeed) {
	v.flush()
	d := &docs.Draft{Committee: seed.meeting.committee, Meeting: seed.meeting.date, Title: seed.title, Body: seed.body,
		Addressee: defaultAddressee(), Status: docs.DraftWriting}
	if seed.citation != nil {
		d.Citations = []docs.Citation{*seed.citation}
	}
	v.showDraft(d)
	v.autoMeeting = seed.auto
	if d.Body != "" || len(d.Citations) > 0 {
		v.save()
	}
	v.rebuildList()
	v.u.win.Canvas().Focus(v.body)
}

// onChooseDraft shows a draft from the list.
func (v *QuestionsView) onChooseDraft(id string) {
	if v.draft != nil && v.draft.ID == id {
		return
	}
	v.flush()
	for i := range v.drafts {
		if v.drafts[i].ID == id {
			d := v.drafts[i]
			v.showDraft(&d)
		}
	}
	v.rebuildList()
}

// showDraft puts a draft in the editor (nil: none).
func (v *QuestionsView) showDraft(d *docs.Draft) {
	v.saveLater.cancel()
	v.simLater.cancel()
	v.draft = d
	v.slot = &draftSlot{}
	v.autoMeeting = false
	if d != nil {
		v.slot.id = d.ID
	}
	v.loading = true
	v.dateEntry.SetText("")
	v.loading = false
	v.dateRow.Hide()
	v.message.SetText("")
	if d == nil {
		v.editor.Hide()
		v.noDraft.Show()
		v.showSimilar(nil, "")
		return
	}
	v.noDraft.Hide()
	v.editor.Show()
	v.fillEditor()
	v.similarLater()
}

// fillEditor shows the working copy in the editor's boxes.
func (v *QuestionsView) fillEditor() {
	d := v.draft
	v.loading = true
	defer func() { v.loading = false }()
	v.fillMeetings()
	v.status.SetSelected(statusLabel(d.Status))
	setEntry(v.title, d.Title)
	setEntry(v.addressee, d.Addressee)
	setEntry(v.asker, d.Asker)
	setEntry(v.body, d.Body)
	v.refreshDraftInfo()
}

func setEntry(e *widgets.EditEntry, s string) {
	if e.Text != s {
		e.SetText(s)
	}
}

// refreshDraftInfo updates what follows from the draft: its deadline, word
// count, citations, response and the buttons that apply.
func (v *QuestionsView) refreshDraftInfo() {
	d := v.draft
	if d == nil {
		return
	}
	v.refreshDeadline()
	v.refreshWords()
	v.refreshCitations()
	v.refreshStatus()
}

// refreshStatus shows what the draft's status brings: when it was sent, the
// response once linked, and whether it can still be marked as sent.
func (v *QuestionsView) refreshStatus() {
	d := v.draft
	a, answered := v.answers[d.ID]
	switch {
	case d.Status == docs.DraftAnswered && answered:
		v.answer.SetText(lang.L("Answered at the meeting on {{.Date}}.", tv{"Date": shortDay(a.Meeting)}) + " " + ellipsis(a.Response, 300))
		v.answer.Show()
		v.answerB.Show()
	case d.Status == docs.DraftAnswered:
		v.answer.SetText(lang.L("Answered."))
		v.answer.Show()
		v.answerB.Hide()
	case d.Status == docs.DraftSent:
		v.answer.SetText(lang.L("Sent on {{.Date}}. When the minutes arrive, the response is linked here.", tv{"Date": shortDay(d.SentOn)}))
		v.answer.Show()
		v.answerB.Hide()
	default:
		v.answer.Hide()
		v.answerB.Hide()
	}
	if d.Status == docs.DraftSent || d.Status == docs.DraftAnswered {
		v.sentB.Disable()
	} else {
		v.sentB.Enable()
	}
}

// refreshDeadline shows the deadline of the draft's meeting, coloured by
// how close it is (a sent question needs no deadline), and the rule it
// follows: the panel's own, or the default until one is set.
func (v *QuestionsView) refreshDeadline() {
	d := v.draft
	if d == nil {
		return
	}
	v.refreshRuleNote()
	dl, ok := v.deadlineOf(*d)
	switch {
	case d.Meeting == "":
		v.deadline.SetText(lang.L("Choose the meeting this question is for to see its deadline."))
		v.deadline.Importance = widget.MediumImportance
	case !ok:
		v.deadline.SetText(lang.L("The deadline cannot be worked out: check this panel's deadline rules."))
		v.deadline.Importance = widget.WarningImportance
	case !unsent(*d):
		v.deadline.SetText(describeDeadline(dl, v.u.now()) + " " + lang.L("(sent)"))
		v.deadline.Importance = widget.MediumImportance
	default:
		v.deadline.SetText(describeDeadline(dl, v.u.now()))
		v.deadline.Importance = deadlineImportance(dl.Urgency(v.u.now()))
	}
	v.deadline.Refresh()
}

// refreshRuleNote says which rule the deadline follows and where to set
// the panel's own.
func (v *QuestionsView) refreshRuleNote() {
	d := v.draft
	rule, own := v.ruleOf(d.Committee)
	panel := strings.TrimSpace(d.Committee)
	switch {
	case d.Meeting == "" || !unsent(*d):
		v.ruleNote.SetText("")
	case own:
		v.ruleNote.SetText(ruleSentence(panel, rule))
	case panel == "":
		v.ruleNote.SetText(lang.L("This deadline uses the usual rule of {{.Days}} clear working days before the meeting. Choose the meeting to use its panel's own rule.", tv{"Days": rule.ClearDays}))
	default:
		v.ruleNote.SetText(lang.L("This deadline uses the usual rule of {{.Days}} clear working days before the meeting: the rule of {{.Panel}} has not been set. If its standing orders say otherwise, set it with “Set this panel's rule…” (also in Settings, under Questions).", tv{"Days": rule.ClearDays, "Panel": panel}))
	}
	v.ruleNote.Importance = widget.MediumImportance
	if !own && v.ruleNote.Text != "" {
		v.ruleNote.Importance = widget.WarningImportance
	}
	v.ruleNote.Hidden = v.ruleNote.Text == ""
	v.ruleNote.Refresh()
	v.ruleB.Hidden = own || v.ruleNote.Hidden
	v.ruleB.Refresh()
}

// ruleSentence says a panel's own rule: "The rule of Dyfed-Powys
// Police and Crime Panel: 3 clear working days before the meeting, by 5 pm."
func ruleSentence(panel string, r questions.DeadlineRule) string {
	days := plural("count.clear-working-days", "{{.Count}} clear working days", r.ClearDays, tv{"Count": r.ClearDays})
	if t, err := time.Parse("15:04", r.Cutoff); err == nil && r.Cutoff != "" {
		return lang.L("The rule of {{.Panel}}: {{.Days}} before the meeting, by {{.Time}}.", tv{"Panel": panel, "Days": days, "Time": clockTime(t)})
	}
	return lang.L("The rule of {{.Panel}}: {{.Days}} before the meeting.", tv{"Panel": panel, "Days": days})
}

// refreshWords counts the body's words against the panel's limit.
func (v *QuestionsView) refreshWords() {
	n := len(strings.Fields(v.body.Text))
	limit := v.limits[committeeKey(v.draft.Committee)]
	text := plural("count.words", "{{.Count}} words", n, tv{"Count": n})
	v.words.Importance = widget.MediumImportance
	switch {
	case limit > 0 && n > limit:
		text = lang.L("{{.Count}} words: {{.Over}} over the panel's limit of {{.Limit}}", tv{"Count": n, "Over": n - limit, "Limit": limit})
		v.words.Importance = widget.DangerImportance
	case limit > 0:
		text = lang.L("{{.Count}} of {{.Limit}} words", tv{"Count": n, "Limit": limit})
	}
	v.words.SetText(text)
}

// refreshCitations lists the pages the draft cites, each opening its page.
func (v *QuestionsView) refreshCitations() {
	var objs []fyne.CanvasObject
	for i, c := range v.draft.Citations {
		i, c := i, c
		label := lang.L("Cited: {{.Where}}", tv{"Where": v.citationLabel(c)})
		row := newChoiceRow(label, ellipsis(c.Text, 160), nil, func() { v.u.openBySHA(c.Pack, &place{page: c.Page}) })
		remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { v.removeCitation(i) })
		objs = append(objs, widgets.Border(nil, nil, nil, remove, row.row))
	}
	v.citations.Objects = objs
	v.citations.Refresh()
}

// citationLabel names a cited page the way the member cites it; the
// printed page number is known when the paper is open in the reader.
func (v *QuestionsView) citationLabel(c docs.Citation) string {
	for _, ver := range v.versions {
		if ver.SHA256 != c.Pack {
			continue
		}
		p := docs.Page{Number: c.Page}
		if r := v.u.Reader; r.version != nil && r.version.SHA256 == c.Pack {
			p.Printed = r.printedOf(c.Page)
		}
		return citationText(ver, p)
	}
	return lang.L("PDF page {{.Page}}", tv{"Page": c.Page})
}

// citationText names a page the way a member cites it in a question (see
// docs.CitationText), in the window's language: "Performance report, item
// 6, page 23 of the 27 October 2023 pack"; "…, eitem 6, tudalen 23 o becyn
// 27 Hydref 2023".
func citationText(v *docs.Version, p docs.Page) string {
	if currentLanguage() == LangEnglish {
		return questions.CitationText(v, p)
	}
	var parts []string
	if p.Item != "" {
		for _, it := range v.Agenda.Items {
			if it.Number == p.Item && strings.TrimSpace(it.Title) != "" {
				parts = append(parts, strings.TrimSpace(it.Title))
				break
			}
		}
		parts = append(parts, lang.L("item {{.Number}}", tv{"Number": p.Item}))
	}
	titled := p.Item == "" && v.Kind == docs.KindReport && v.Title != ""
	if titled {
		parts = append(parts, v.Title)
	}
	page := p.Printed
	if page == "" {
		page = strconv.Itoa(p.Number)
	}
	where := lang.L("page {{.Page}}", tv{"Page": page})
	date := v.Date
	if date == "" {
		date = v.Agenda.Date
	}
	if t, err := time.Parse(time.DateOnly, date); err == nil {
		data := tv{"Page": page, "Date": dayMonthYear(t)}
		switch v.Kind {
		case docs.KindAgenda:
			where = lang.L("page {{.Page}} of the {{.Date}} pack", data)
		case docs.KindSupplement:
			where = lang.L("page {{.Page}} of the {{.Date}} supplementary pack", data)
		case docs.KindMinutes:
			where = lang.L("page {{.Page}} of the {{.Date}} minutes", data)
		case docs.KindReport:
			where = lang.L("page {{.Page}} of the {{.Date}} report", data)
		default:
			where = lang.L("page {{.Page}} of the {{.Date}} papers", data)
		}
	} else if !titled && v.Title != "" {
		where = lang.L("page {{.Page}} of “{{.Title}}”", tv{"Page": page, "Title": v.Title})
	}
	return upperFirst(strings.Join(append(parts, where), ", "))
}

func (v *QuestionsView) removeCitation(i int) {
	if v.draft == nil || i >= len(v.draft.Citations) {
		return
	}
	v.draft.Citations = append(v.draft.Citations[:i:i], v.draft.Citations[i+1:]...)
	v.refreshCitations()
	v.save()
}

// onEdited takes what the member changed into the working copy and saves
// it after a pause.
func (v *QuestionsView) onEdited() {
	if v.loading || v.draft == nil {
		return
	}
	d := v.draft
	v.slot.pending = true
	d.Title, d.Addressee, d.Asker, d.Body = v.title.Text, v.addressee.Text, v.asker.Text, v.body.Text
	if s := statusOf(v.status.Selected); s != d.Status {
		d.Status = s
		if s == docs.DraftWriting || s == docs.DraftReady {
			d.SentOn = ""
		}
	}
	if m, ok := v.chosenMeeting(); ok {
		d.Committee, d.Meeting = m.committee, m.date
	}
	v.refreshDeadline()
	v.refreshWords()
	v.refreshStatus()
	v.saveLater.call(v.save)
}

// chosenMeeting is the meeting the select shows, or the date typed for
// "Another date…"; false when there is none to take (no date typed yet).
func (v *QuestionsView) chosenMeeting() (meetingRef, bool) {
	switch v.meeting.Selected {
	case meetingChoiceNone():
		return meetingRef{committee: v.draft.Committee}, true
	case meetingChoiceOther():
		if date, ok := parseMeetingDate(v.dateEntry.Text, v.u.now()); ok {
			return meetingRef{v.draftCommittee(), date}, true
		}
		return meetingRef{}, false
	}
	for _, m := range v.options {
		if m.label() == v.meeting.Selected {
			return m, true
		}
	}
	return meetingRef{}, false
}

// flush saves at once what is waiting for a pause in typing: the member
// left a box, or another draft or view is being shown.
func (v *QuestionsView) flush() {
	if v.draft == nil || v.loading {
		return
	}
	v.saveLater.cancel()
	if v.slot.pending {
		v.save()
	}
}

// save stores the working copy off the UI thread. Saves of one draft go
// through its slot in order, so a new draft gets one id however many
// saves are in flight.
func (v *QuestionsView) save() {
	if v.draft == nil || v.store == nil {
		return
	}
	snapshot := v.snapshot()
	slot, seq := v.slot, v.slot.next()
	store := v.store
	v.u.async.run(func() func() {
		saved, wrote, err := slot.write(store, snapshot, seq)
		return func() { v.onSaved(slot, saved, wrote, err) }
	})
}

// snapshot is a copy of the working copy for a save off the UI thread.
func (v *QuestionsView) snapshot() docs.Draft {
	d := *v.draft
	d.Citations = append([]docs.Citation(nil), v.draft.Citations...)
	return d
}

// onSaved takes the library's part of a saved draft (its id and history)
// into the working copy, if it is still the one shown.
func (v *QuestionsView) onSaved(slot *draftSlot, saved docs.Draft, wrote bool, err error) {
	if err != nil {
		if slot == v.slot {
			v.message.SetText(lang.L("Your question could not be saved:") + " " + v.u.explain(err) + " " + lang.L("Keep this window open and try again."))
			v.message.Importance = widget.DangerImportance
			v.message.Refresh()
		}
		return
	}
	if !wrote {
		return
	}
	if slot == v.slot && v.draft != nil {
		v.draft.ID, v.draft.Created, v.draft.Updated, v.draft.History = saved.ID, saved.Created, saved.Updated, saved.History
		if v.draft.SentOn == "" && saved.Status == v.draft.Status {
			v.draft.SentOn = saved.SentOn
		}
		if v.message.Importance == widget.DangerImportance {
			v.message.SetText("")
			v.message.Importance = widget.MediumImportance
		}
		saved = *v.draft
	}
	v.listDraft(saved)
}

// listDraft brings the list in step with a draft saved: its row is updated,
// or the list regrouped when the draft is new or moved to another meeting.
func (v *QuestionsView) listDraft(d docs.Draft) {
	regroup := true
	for _, old := range v.drafts {
		if old.ID == d.ID {
			regroup = old.Meeting != d.Meeting || committeeKey(old.Committee) != committeeKey(d.Committee)
		}
	}
	v.upsert(d)
	if regroup {
		v.rebuildList()
		return
	}
	for _, r := range v.rows {
		if r.key == d.ID {
			r.title.SetText(draftTitle(d))
			r.detail.SetText(v.draftDetail(d))
			if dl, ok := v.deadlineOf(d); ok && unsent(d) {
				r.detail.Importance = deadlineImportance(dl.Urgency(v.u.now()))
			} else {
				r.detail.Importance = widget.MediumImportance
			}
			r.detail.Refresh()
		}
	}
}

// saveNow stores the working copy before returning: the window is
// closing, and a save still in flight on another goroutine might not get
// to the disk before the process ends. A draft saved before and unchanged
// since is written again harmlessly (the library skips a save that
// changes nothing).
func (v *QuestionsView) saveNow() {
	if v.draft == nil || v.store == nil || (!v.slot.pending && v.slot.seq == 0) {
		return
	}
	v.saveLater.cancel()
	if _, _, err := v.slot.write(v.store, v.snapshot(), v.slot.next()); err != nil {
		v.u.lastError = v.u.explain(err) // nowhere left to show it: the window has closed
	}
}

// close saves what is unsaved, stops the deadline checks and gives up on
// the councils' sites.
func (v *QuestionsView) close() {
	v.saveNow()
	v.cancel()
	v.stopOnce.Do(func() { close(v.stopChecks) })
}

// draftSlot orders the saves of one draft being edited: a save started
// earlier never overwrites a later one, and all of them use the id the
// first one was given.
type draftSlot struct {
	seq     uint64 // the last number handed out; UI thread only
	pending bool   // a change waits for a pause in typing; UI thread only

	mu      sync.Mutex
	id      string
	written uint64
}

// next numbers a save; called on the UI thread.
func (s *draftSlot) next() uint64 {
	s.seq++
	s.pending = false
	return s.seq
}

// write saves d unless a newer save was done; wrote is false then.
func (s *draftSlot) write(store QuestionStore, d docs.Draft, seq uint64) (saved docs.Draft, wrote bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq <= s.written {
		return docs.Draft{}, false, nil
	}
	if d.ID == "" {
		d.ID = s.id
	}
	saved, err = store.SaveDraft(d)
	if err != nil {
		return docs.Draft{}, false, err
	}
	s.written, s.id = seq, saved.ID
	return saved, true, nil
}

// --- asked before? -------------------------------------------------------------

// similarLater looks for past questions like the draft once typing pauses.
func (v *QuestionsView) similarLater() {
	if v.draft == nil {
		return
	}
	v.simLater.call(v.runSimilar)
}

// runSimilar asks the index of questions for the past questions closest in
// wording to the draft, before its meeting.
func (v *QuestionsView) runSimilar() {
	if v.draft == nil {
		return
	}
	text := strings.TrimSpace(v.title.Text + "\n" + v.body.Text)
	v.simGen++
	gen := v.simGen
	switch {
	case len(strings.Fields(text)) < 3:
		v.showSimilar(nil, lang.L("As you write, questions asked before in like words are shown here."))
		return
	case v.past == nil:
		v.showSimilar(nil, lang.L("Earlier questions are still being gathered from your papers…"))
		return
	}
	past, req := v.past, search.SimilarRequest{Text: text, Before: v.draft.Meeting, Limit: similarShown}
	v.u.async.run(func() func() {
		res, err := past.Similar(req)
		return func() {
			if gen != v.simGen {
				return
			}
			if err != nil {
				v.showSimilar(nil, lang.L("Earlier questions could not be searched.")+" "+v.u.explain(err))
				return
			}
			msg := lang.L("No question asked before is close to this one.")
			if len(res) > 0 {
				msg = lang.L("Questions asked before in like words (choose one to read it in its paper):")
			}
			v.showSimilar(res, msg)
		}
	})
}

// showSimilar lists past questions: meeting, asker, the question and the
// response, each opening the page that records it.
func (v *QuestionsView) showSimilar(res []search.PastQuestion, summary string) {
	v.simSummary.SetText(summary)
	v.simRows = v.simRows[:0]
	var objs []fyne.CanvasObject
	for _, q := range res {
		q := q
		head := meetingTitle(q.Meeting)
		if q.Asker != "" {
			head += " — " + q.Asker
		}
		detail := ellipsis(q.Text, 220)
		if q.Response != "" {
			detail += "\n" + lang.L("Response: {{.Text}}", tv{"Text": ellipsis(q.Response, 260)})
		} else {
			detail += "\n" + lang.L("No response recorded in the papers.")
		}
		page := q.Page
		if q.ResponsePage > 0 {
			page = q.ResponsePage
		}
		row := newChoiceRow(head, detail, nil, func() { v.u.openBySHA(q.Pack, &place{page: page}) })
		v.simRows = append(v.simRows, row)
		objs = append(objs, row.row, widget.NewSeparator())
	}
	v.similar.Objects = objs
	v.similar.Refresh()
}

// --- citations and new questions from the reader ----------------------------------

// citeFromReader cites the page being read in a question: the draft being
// edited when it is for the paper's meeting, else a new one.
func (v *QuestionsView) citeFromReader(quote string) {
	r := v.u.Reader
	if r.version == nil || r.doc == nil {
		return
	}
	ver, page := r.version, r.current
	p := docs.Page{Number: page, Printed: r.printedOf(page)}
	for _, sp := range r.pages {
		if sp.Number == page {
			p = sp
		}
	}
	citeText := citationText(ver, p)
	c := docs.Citation{Pack: ver.SHA256, Page: page, Text: strings.Join(strings.Fields(quote), " ")}
	text := "(" + citeText + ")"
	if c.Text != "" {
		text = "“" + c.Text + "” " + text
	}
	v.open()
	m, auto := v.meetingFor(ver)
	if d := v.draft; d != nil && unsent(*d) && d.Meeting == m.date && committeeKey(d.Committee) == committeeKey(m.committee) {
		body := strings.TrimRight(v.body.Text, " \n")
		if body != "" {
			body += " "
		}
		d.Citations = append(d.Citations, c)
		v.body.SetText(body + text) // saved through onEdited
		v.refreshCitations()
		v.u.win.Canvas().Focus(v.body)
		return
	}
	v.startQuestion(questionSeed{meeting: m, auto: auto, body: text + " ", citation: &c})
}

// askAboutItem starts a question on the agenda item being read.
func (v *QuestionsView) askAboutItem() {
	r := v.u.Reader
	if r.version == nil {
		return
	}
	v.open()
	var seed questionSeed
	seed.meeting, seed.auto = v.meetingFor(r.version)
	if it := r.agenda.currentItem(); it != nil {
		seed.title = tidyItemTitle(it)
	}
	v.startQuestion(seed)
}

// askForMeeting starts a question for the meeting of the paper being read
// (its committee's next meeting once that one is past), or the next
// meeting when no paper is open.
func (v *QuestionsView) askForMeeting() {
	r := v.u.Reader
	reading := r.version != nil && v.u.view == r.root
	v.open()
	seed := questionSeed{meeting: v.nextMeeting(""), auto: true}
	if reading {
		seed.meeting, seed.auto = v.meetingFor(r.version)
	}
	v.startQuestion(seed)
}

func tidyItemTitle(it *docs.AgendaItem) string {
	t := strings.Join(strings.Fields(it.Title), " ")
	if it.Number != "" {
		return itemLabel(it.Number, t)
	}
	return t
}

// onDelete deletes the draft after asking.
func (v *QuestionsView) onDelete() {
	if v.draft == nil {
		return
	}
	d, slot := v.draft, v.slot
	dialog.ShowConfirm(lang.L("Delete this question?"), lang.L("“{{.Title}}” will be deleted. This cannot be undone.", tv{"Title": draftTitle(*d)}), func(ok bool) {
		if ok {
			v.deleteDraft(slot)
		}
	}, v.u.win)
}

func (v *QuestionsView) deleteDraft(slot *draftSlot) {
	v.saveLater.cancel()
	store := v.store
	v.u.async.run(func() func() {
		slot.mu.Lock()
		id := slot.id
		slot.written = ^uint64(0) // no save in flight writes it back
		slot.mu.Unlock()
		var err error
		if id != "" {
			err = store.DeleteDraft(id)
		}
		return func() {
			if err != nil && !errors.Is(err, docs.ErrNotFound) {
				v.u.showError(lang.L("The question could not be deleted"), err)
				return
			}
			kept := v.drafts[:0]
			for _, d := range v.drafts {
				if d.ID != id {
					kept = append(kept, d)
				}
			}
			v.drafts = kept
			if slot == v.slot {
				v.showDraft(nil)
			}
			v.rebuildList()
		}
	})
}

// onShowAnswer opens the page where the response is recorded.
func (v *QuestionsView) onShowAnswer() {
	if v.draft == nil {
		return
	}
	if a, ok := v.answers[v.draft.ID]; ok {
		v.u.openBySHA(a.Pack, &place{page: a.Page})
	}
}
