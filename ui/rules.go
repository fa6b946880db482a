package ui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs/questions"
	"panelpapers/ui/widgets"
)

// ruleForm is the small form that sets a panel's deadline rule and word
// limit.
type ruleForm struct {
	v         *QuestionsView
	committee *widget.Select
	days      *widget.Entry
	cutoff    *widget.Entry
	closed    *widgets.ProseEntry
	words     *widget.Entry
	problem   *widget.Label
	dialog    dialog.Dialog
	parent    fyne.Window // the window the form is shown on
}

// onRules opens the deadline rules form, for the draft's panel.
func (v *QuestionsView) onRules() {
	f := v.newRuleForm()
	f.dialog.Show()
}

// openRulesOn reads the panels the member writes to, then opens the
// deadline rules form on parent (the settings window); then, if set, is
// called with the form.
func (v *QuestionsView) openRulesOn(parent fyne.Window, then func(*ruleForm)) {
	v.reloadThen(func() {
		f := v.newRuleForm()
		f.parent = parent
		f.build()
		f.dialog.Show()
		if then != nil {
			then(f)
		}
	})
}

func (v *QuestionsView) newRuleForm() *ruleForm {
	f := &ruleForm{v: v, parent: v.u.win}
	f.build()
	return f
}

// build lays out the form's widgets and dialog on f.parent.
func (f *ruleForm) build() {
	v := f.v
	var names []string
	seen := map[string]bool{}
	addName := func(c string) {
		if c != "" && !seen[committeeKey(c)] {
			seen[committeeKey(c)] = true
			names = append(names, c)
		}
	}
	if v.draft != nil {
		addName(v.draft.Committee)
	}
	for _, m := range v.meetings {
		addName(m.committee)
	}
	for _, d := range v.drafts {
		addName(d.Committee)
	}
	f.committee = widget.NewSelect(names, f.onCommittee)
	f.days = widget.NewEntry()
	f.days.SetPlaceHolder(strconv.Itoa(questions.DefaultClearDays))
	f.cutoff = widget.NewEntry()
	f.cutoff.SetPlaceHolder(lang.L("17:00, or empty for any time that day"))
	f.closed = widgets.NewProseEntry()
	f.closed.SetPlaceHolder("2023-12-27\n2023-12-28")
	f.closed.SetMinRowsVisible(3)
	f.words = widget.NewEntry()
	f.words.SetPlaceHolder(lang.L("Empty for no limit"))
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	explainL := widget.NewLabel(lang.L("Questions must reach the clerk this many clear working days before the meeting (weekends and bank holidays are not counted). Add the days the council's offices are closed."))
	explainL.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Panel"), f.committee),
		widget.NewFormItem(lang.L("Clear working days"), f.days),
		widget.NewFormItem(lang.L("Cut-off time"), f.cutoff),
		widget.NewFormItem(lang.L("Offices closed on"), f.closed),
		widget.NewFormItem(lang.L("Word limit"), f.words),
	)
	save := widget.NewButtonWithIcon(lang.L("Save"), theme.ConfirmIcon(), func() { f.submit() })
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { f.dialog.Hide() })
	content := container.NewVBox(explainL, form, f.problem, container.NewHBox(layout.NewSpacer(), cancel, save))
	f.dialog = dialog.NewCustomWithoutButtons(lang.L("Deadline rules"), content, f.parent)
	f.dialog.Resize(fyne.NewSize(560, 440))
	if len(names) > 0 {
		f.committee.SetSelected(names[0])
	}
}

// onCommittee fills the form with the rule of the panel chosen.
func (f *ruleForm) onCommittee(name string) {
	k := committeeKey(name)
	rule, ok := f.v.rules[k]
	if !ok {
		rule = questions.DeadlineRule{ClearDays: questions.DefaultClearDays}
	}
	f.days.SetText(strconv.Itoa(rule.ClearDays))
	f.cutoff.SetText(rule.Cutoff)
	f.closed.SetText(strings.Join(rule.Closed, "\n"))
	f.words.SetText("")
	if n := f.v.limits[k]; n > 0 {
		f.words.SetText(strconv.Itoa(n))
	}
	f.problem.SetText("")
}

// rule reads the form; the error says what to correct.
func (f *ruleForm) rule() (questions.DeadlineRule, int, error) {
	var r questions.DeadlineRule
	days := strings.TrimSpace(f.days.Text)
	if days == "" {
		days = strconv.Itoa(questions.DefaultClearDays)
	}
	n, err := strconv.Atoi(days)
	if err != nil {
		return r, 0, errors.New(lang.L("“{{.Text}}” is not a number of days", tv{"Text": days}))
	}
	r.ClearDays, r.Cutoff = n, strings.TrimSpace(f.cutoff.Text)
	r.Closed = strings.FieldsFunc(f.closed.Text, func(r rune) bool { return r == '\n' || r == ',' || r == ' ' || r == ';' })
	limit := 0
	if w := strings.TrimSpace(f.words.Text); w != "" {
		if limit, err = strconv.Atoi(w); err != nil || limit < 0 {
			return r, 0, errors.New(lang.L("the word limit “{{.Text}}” is not a number of words", tv{"Text": w}))
		}
	}
	if err := r.Validate(); err != nil {
		return r, 0, ruleMistake(r, err)
	}
	return r, limit, nil
}

// ruleMistake says in the window's language which part of a rule the
// library refused (err), asking the library of each part on its own.
func ruleMistake(r questions.DeadlineRule, err error) error {
	if (questions.DeadlineRule{ClearDays: r.ClearDays}).Validate() != nil {
		return errors.New(lang.L("clear working days must be from 0 to {{.Max}}, not {{.Days}}", tv{"Max": questions.MaxClearDays, "Days": r.ClearDays}))
	}
	if (questions.DeadlineRule{Cutoff: r.Cutoff}).Validate() != nil {
		if t, perr := time.Parse("15:04", r.Cutoff); perr == nil && t.Hour() == 0 && t.Minute() == 0 {
			return errors.New(lang.L("a cut-off of 00:00 is the end of the day before; leave the cut-off empty for the end of the day"))
		}
		return errors.New(lang.L("cut-off “{{.Text}}” is not a time like 17:00", tv{"Text": r.Cutoff}))
	}
	for _, c := range r.Closed {
		if (questions.DeadlineRule{Closed: []string{c}}).Validate() != nil {
			return errors.New(lang.L("closed day “{{.Text}}” is not a date like 2023-12-27", tv{"Text": c}))
		}
	}
	return err
}

// submit checks and saves the rule; a mistake is shown in the form, which
// stays open. It reports whether the form was accepted.
func (f *ruleForm) submit() bool {
	name := f.committee.Selected
	if name == "" {
		f.problem.SetText(lang.L("Choose the panel first."))
		return false
	}
	r, limit, err := f.rule()
	if err != nil {
		f.problem.SetText(ruleProblem(err))
		return false
	}
	f.problem.SetText("")
	f.dialog.Hide()
	v := f.v
	k := committeeKey(name)
	v.rules[k] = r
	if limit > 0 {
		v.limits[k] = limit
	} else {
		delete(v.limits, k)
	}
	v.refreshDraftInfo()
	v.rebuildList()
	store, lib := v.store, v.u.deps.Library
	v.u.async.run(func() func() {
		err := store.SetRule(name, r)
		if err == nil {
			val := ""
			if limit > 0 {
				val = strconv.Itoa(limit)
			}
			err = lib.SetSetting(wordLimitPrefix+k, val)
		}
		if err != nil {
			return func() { v.u.showError(lang.L("The deadline rule could not be saved"), err) }
		}
		return nil
	})
	return true
}

// ruleProblem is a rule's mistake as a sentence.
func ruleProblem(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, questions.ErrBadRule.Error()+": "); i >= 0 {
		msg = msg[i+len(questions.ErrBadRule.Error())+2:]
	}
	return upperFirst(msg) + "."
}
