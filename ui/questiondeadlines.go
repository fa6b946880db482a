// This file holds the questions' deadlines: how they are written, the panel's
// rule, the next meeting, and the reminders checked every hour.

package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/questions"
)

// shortDay writes yyyy-mm-dd as "12 October 2023", "12 Hydref 2023".
func shortDay(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return dayMonthYear(t)
}

// describeDeadline is a deadline as the editor shows it: "Deadline:
// Friday 20 October, 5 pm — 3 working days left".
func describeDeadline(d questions.Deadline, now time.Time) string {
	return lang.L("Deadline: {{.When}}", tv{"When": deadlineWhen(d, now)})
}

// deadlineWhen is a deadline's day and how far off it is: "Friday 20
// October, 5 pm — 3 working days left" (the year added when not this year).
func deadlineWhen(d questions.Deadline, now time.Time) string {
	var b strings.Builder
	b.WriteString(weekdayDayMonth(d.Day))
	if d.Day.Year() != now.In(docs.London).Year() {
		fmt.Fprintf(&b, " %d", d.Day.Year())
	}
	if d.HasCutoff {
		b.WriteString(", " + clockTime(d.Day))
	}
	b.WriteString(" — ")
	switch left := d.WorkingDaysLeft(now); {
	case d.Passed(now):
		b.WriteString(lang.L("passed"))
	case left == 0:
		b.WriteString(lang.L("today"))
	default:
		b.WriteString(plural("count.working-days-left", "{{.Count}} working days left", left, tv{"Count": left}))
	}
	return b.String()
}

// deadlineOf is the deadline of a draft's meeting under its panel's rule.
func (v *QuestionsView) deadlineOf(d docs.Draft) (questions.Deadline, bool) {
	if d.Meeting == "" {
		return questions.Deadline{}, false
	}
	rule, _ := v.ruleOf(d.Committee)
	dl, err := rule.DeadlineOn(d.Meeting)
	return dl, err == nil
}

// ruleOf is a panel's deadline rule, and whether it is the panel's own
// (else it is the default: DefaultClearDays clear working days).
func (v *QuestionsView) ruleOf(committee string) (questions.DeadlineRule, bool) {
	if r, ok := v.rules[committeeKey(committee)]; ok {
		return r, true
	}
	return questions.DeadlineRule{ClearDays: questions.DefaultClearDays}, false
}

// deadlineImportance colours a deadline: amber in its last two working
// days, red once passed.
func deadlineImportance(u questions.Urgency) widget.Importance {
	switch u {
	case questions.UrgencySoon:
		return widget.WarningImportance
	case questions.UrgencyPassed:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// nextMeeting is the first coming meeting of a committee ("" for any);
// when none is known, no meeting, of the committee (or, for any, of the
// one the member most likely writes to).
func (v *QuestionsView) nextMeeting(committee string) meetingRef {
	today := v.today()
	for _, m := range v.meetings {
		if m.date >= today && (committee == "" || committeeKey(m.committee) == committeeKey(committee)) {
			return m
		}
	}
	if committee == "" {
		committee = v.defaultCommittee()
	}
	return meetingRef{committee: committee}
}

// checkHourly checks the deadlines every hour until the window closes.
func (v *QuestionsView) checkHourly() {
	t := time.NewTicker(deadlineInterval)
	defer t.Stop()
	for {
		select {
		case <-v.stopChecks:
			return
		case <-t.C:
			v.u.async.post(v.checkDeadlines)
		}
	}
}

// checkDeadlines warns, with a notification, of every draft not yet sent
// whose deadline is a working day away or today; each deadline once. The
// deadline shown is brought up to date too.
func (v *QuestionsView) checkDeadlines() {
	store, lib, now := v.store, v.u.deps.Library, v.u.now()
	if store == nil {
		return
	}
	v.u.async.run(func() func() {
		notes := dueNotifications(store, lib, now)
		return func() {
			for _, n := range notes {
				v.notify(n)
			}
			if v.draft != nil {
				v.refreshDeadline()
			}
			if v.u.view == v.root {
				v.rebuildList()
			}
		}
	})
}

// dueNotifications finds the drafts to warn about and records that they
// were warned of, off the UI thread.
func dueNotifications(store QuestionStore, lib Library, now time.Time) []*fyne.Notification {
	drafts, err := store.Drafts()
	if err != nil {
		return nil
	}
	var out []*fyne.Notification
	for _, d := range drafts {
		if !unsent(d) || d.Meeting == "" || d.ID == "" {
			continue
		}
		rule, _, err := store.OwnRule(d.Committee)
		if err != nil {
			continue
		}
		dl, err := rule.DeadlineOn(d.Meeting)
		if err != nil || dl.Passed(now) || dl.WorkingDaysLeft(now) > 1 {
			continue
		}
		day := dl.Day.Format(time.DateOnly)
		if seen, _ := lib.Setting(notifiedPrefix + d.ID); seen == day {
			continue
		}
		if err := lib.SetSetting(notifiedPrefix+d.ID, day); err != nil {
			continue // better to warn next hour than twice
		}
		out = append(out, fyne.NewNotification(lang.L("Question not sent yet: {{.Title}}", tv{"Title": draftTitle(d)}), describeDeadline(dl, now)))
	}
	return out
}
