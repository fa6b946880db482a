// Package questions is the arithmetic and wording of questions on notice,
// without storage: deadlines (clear working days, bank holidays, cut-off
// times), citations, exports for the panel, e-mail to the officer, and
// matching a sent question to the response the minutes record.
package questions

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"panelpapers/docs"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"
)

// DefaultClearDays is the notice a panel asks for until the member sets its
// own rule: Dyfed-Powys asks for 10 clear working days.
const DefaultClearDays = 10

// MaxClearDays bounds a rule's notice. Panels ask for 3 to 15 days; more than
// a month of notice is a typing mistake, not a standing order.
const MaxClearDays = 30

// ErrBadRule means a deadline rule cannot be used: the message says which
// part is wrong.
var ErrBadRule = errors.New("invalid deadline rule")

// DeadlineRule is a panel's rule for questions on notice: they must reach the
// clerk ClearDays whole working days before the meeting, neither the day
// they arrive nor the meeting day counted.
type DeadlineRule struct {
	ClearDays int `json:"clear_days"`
	// Cutoff is the time of day ("17:00", 24 h, Europe/London) by which the
	// question must arrive on the deadline day; "" means any time that day.
	Cutoff string `json:"cutoff"`
	// Closed lists extra days (yyyy-mm-dd) the council's offices are shut,
	// such as the days between Christmas and New Year, which bank holidays do
	// not cover.
	Closed []string `json:"closed"`
}

// Validate reports whether the rule can give a deadline; the error wraps
// ErrBadRule.
func (r DeadlineRule) Validate() error {
	if r.ClearDays < 0 || r.ClearDays > MaxClearDays {
		return fmt.Errorf("%w: clear working days must be from 0 to %d, not %d", ErrBadRule, MaxClearDays, r.ClearDays)
	}
	if _, _, err := r.cutoff(); err != nil {
		return err
	}
	for _, c := range r.Closed {
		if _, err := time.Parse(time.DateOnly, c); err != nil {
			return fmt.Errorf("%w: closed day %q is not a date like 2023-12-27", ErrBadRule, c)
		}
	}
	return nil
}

// cutoff parses Cutoff; hour is -1 when the rule has none.
func (r DeadlineRule) cutoff() (hour, minute int, err error) {
	if r.Cutoff == "" {
		return -1, -1, nil
	}
	t, err := time.Parse("15:04", r.Cutoff)
	if err != nil || len(r.Cutoff) != len("15:04") {
		return 0, 0, fmt.Errorf("%w: cut-off %q is not a time like 17:00", ErrBadRule, r.Cutoff)
	}
	if t.Hour() == 0 && t.Minute() == 0 {
		// 00:00 on the deadline day would be the end of the day before:
		// a rule written so is a mistake for "no cut-off".
		return 0, 0, fmt.Errorf("%w: a cut-off of 00:00 is the end of the day before; leave the cut-off empty for the end of the day", ErrBadRule)
	}
	return t.Hour(), t.Minute(), nil
}

// SkippedDay is a day between the deadline and the meeting that did not count
// as a working day.
type SkippedDay struct {
	Date time.Time // midnight starting the day, Europe/London
	// Reason is "Saturday", "Sunday", the bank holiday's name ("Good
	// Friday", "Christmas Day (substitute day)") or "closed" for a day the
	// member added.
	Reason string
}

// Deadline is when a question for a meeting must reach the clerk.
type Deadline struct {
	Meeting time.Time // midnight starting the meeting day, Europe/London
	// Day is the deadline day in Europe/London: at the cut-off time when
	// HasCutoff, otherwise at midnight starting the day (the question may
	// arrive any time that day).
	Day       time.Time
	HasCutoff bool
	Rule      DeadlineRule
	// Skipped lists, oldest first, the days between Day and Meeting that
	// were not counted.
	Skipped []SkippedDay
}

// Deadline works out the deadline for a meeting held on the calendar day of
// meeting (taken as written, in meeting's own location): the working day
// that leaves ClearDays working days strictly between it and the meeting
// day. Weekends, bank holidays of England and Wales and the rule's closed
// days are not working days.
func (r DeadlineRule) Deadline(meeting time.Time) (Deadline, error) {
	if err := r.Validate(); err != nil {
		return Deadline{}, err
	}
	if meeting.IsZero() {
		return Deadline{}, fmt.Errorf("%w: the meeting has no date", ErrBadRule)
	}
	y, m, d := meeting.Date()
	meetDay := time.Date(y, m, d, 0, 0, 0, 0, docs.London)
	wd := newWorkdays(r.Closed)

	var skipped []SkippedDay
	day, counted := meetDay, 0
	for {
		day = day.AddDate(0, 0, -1)
		if reason := wd.closedReason(day); reason != "" {
			skipped = append(skipped, SkippedDay{Date: day, Reason: reason})
			continue
		}
		if counted == r.ClearDays {
			break
		}
		counted++
	}
	slices.Reverse(skipped) // found walking back from the meeting

	out := Deadline{Meeting: meetDay, Day: day, Rule: r, Skipped: skipped}
	if hour, minute, _ := r.cutoff(); hour >= 0 {
		out.HasCutoff = true
		out.Day = time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, docs.London)
	}
	return out, nil
}

// DeadlineOn is Deadline for a meeting date written yyyy-mm-dd.
func (r DeadlineRule) DeadlineOn(meeting string) (Deadline, error) {
	t, err := time.Parse(time.DateOnly, meeting)
	if err != nil {
		return Deadline{}, fmt.Errorf("%w: meeting date %q is not a date like 2023-10-27", ErrBadRule, meeting)
	}
	return r.Deadline(t)
}

// End is the moment the deadline passes: the cut-off time, or midnight at the
// end of the deadline day when there is none.
func (d Deadline) End() time.Time {
	if d.HasCutoff {
		return d.Day
	}
	return startOfDay(d.Day).AddDate(0, 0, 1)
}

// Passed reports whether the deadline has passed at now.
func (d Deadline) Passed(now time.Time) bool { return !now.Before(d.End()) }

// WorkingDaysLeft counts the working days after now's day up to and
// including the deadline day: 1 the working day before, 0 on the day itself
// and once the deadline has passed.
func (d Deadline) WorkingDaysLeft(now time.Time) int {
	if d.Passed(now) {
		return 0
	}
	wd := newWorkdays(d.Rule.Closed)
	last := startOfDay(d.Day)
	n := 0
	for day := startOfDay(now.In(docs.London)).AddDate(0, 0, 1); !day.After(last); day = day.AddDate(0, 0, 1) {
		if wd.closedReason(day) == "" {
			n++
		}
	}
	return n
}

// Urgency is how pressing a deadline is, for the colour it is shown in.
type Urgency int

// The urgencies, from calm to too late.
const (
	UrgencyOK     Urgency = iota // more than a working day to go
	UrgencySoon                  // the last two working days: the day before and the day itself (amber)
	UrgencyPassed                // too late (red)
)

// String names the urgency: "ok", "soon" or "passed".
func (u Urgency) String() string {
	switch u {
	case UrgencyOK:
		return "ok"
	case UrgencySoon:
		return "soon"
	case UrgencyPassed:
		return "passed"
	}
	return fmt.Sprintf("Urgency(%d)", int(u))
}

// Urgency says how pressing the deadline is at now.
func (d Deadline) Urgency(now time.Time) Urgency {
	switch {
	case d.Passed(now):
		return UrgencyPassed
	case d.WorkingDaysLeft(now) <= 1:
		return UrgencySoon
	}
	return UrgencyOK
}

// Describe puts the deadline in a sentence for the member, as seen at now:
// "Deadline: Thursday 12 October, 5 pm — 3 working days left". The year is
// added only when it is not now's year.
func (d Deadline) Describe(now time.Time) string {
	var b strings.Builder
	b.WriteString("Deadline: ")
	b.WriteString(d.Day.Format("Monday 2 January"))
	if d.Day.Year() != now.In(docs.London).Year() {
		fmt.Fprintf(&b, " %d", d.Day.Year())
	}
	if d.HasCutoff {
		b.WriteString(", ")
		b.WriteString(clockTime(d.Day))
	}
	b.WriteString(" — ")
	switch left := d.WorkingDaysLeft(now); {
	case d.Passed(now):
		b.WriteString("passed")
	case left == 0:
		b.WriteString("today")
	case left == 1:
		b.WriteString("1 working day left")
	default:
		fmt.Fprintf(&b, "%d working days left", left)
	}
	return b.String()
}

// ClockWords are the words a time of day is written with: English's are
// "12 noon", "am" and "pm".
type ClockWords struct{ Noon, AM, PM string }

// English is how English papers write times of day.
var English = ClockWords{Noon: "12 noon", AM: "am", PM: "pm"}

// Clock writes a time of day the way council papers do: "5 pm",
// "5.30 pm", "9 am", "12 noon" (in English; the window passes Welsh words).
func Clock(t time.Time, w ClockWords) string {
	h, m := t.Hour(), t.Minute()
	if h == 12 && m == 0 {
		return w.Noon
	}
	suffix := w.AM
	if h >= 12 {
		suffix = w.PM
	}
	h %= 12
	if h == 0 {
		h = 12
	}
	if m == 0 {
		return fmt.Sprintf("%d %s", h, suffix)
	}
	return fmt.Sprintf("%d.%02d %s", h, m, suffix)
}

// clockTime writes a time of day in English.
func clockTime(t time.Time) string { return Clock(t, English) }

// Explain is the command line's answer: the deadline (yyyy-mm-dd, then
// " HH:MM" with a cut-off) on the first line, then one line for each day
// that was not counted ("skipped 2023-10-14 Saturday"). Every line ends in
// a newline.
func (d Deadline) Explain() string {
	var b strings.Builder
	b.WriteString(d.Day.Format(time.DateOnly))
	if d.HasCutoff {
		b.WriteString(d.Day.Format(" 15:04"))
	}
	b.WriteByte('\n')
	for _, s := range d.Skipped {
		fmt.Fprintf(&b, "skipped %s %s\n", s.Date.Format(time.DateOnly), s.Reason)
	}
	return b.String()
}

// startOfDay is midnight starting t's day in Europe/London.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.In(docs.London).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, docs.London)
}

// workdays tells working days from the rest for one rule. It keeps the bank
// holidays of each year it has been asked about.
type workdays struct {
	closed   map[string]bool
	holidays map[int]map[string]string // year → yyyy-mm-dd → name
}

func newWorkdays(closed []string) *workdays {
	w := &workdays{closed: make(map[string]bool, len(closed)), holidays: map[int]map[string]string{}}
	for _, c := range closed {
		w.closed[c] = true
	}
	return w
}

// closedReason says why day is not a working day, or "" when it is one.
func (w *workdays) closedReason(day time.Time) string {
	switch wd := day.Weekday(); wd {
	case time.Saturday, time.Sunday:
		return wd.String()
	}
	key := day.Format(time.DateOnly)
	hols, ok := w.holidays[day.Year()]
	if !ok {
		hols = bankHolidays(day.Year())
		w.holidays[day.Year()] = hols
	}
	if name := hols[key]; name != "" {
		return name
	}
	if w.closed[key] {
		return "closed"
	}
	return ""
}

// The one-off bank holidays of England and Wales that rickar/cal's gb
// package lacks: in 2012 the spring bank holiday moved to 4 June for the
// Diamond Jubilee, and 2011 and 2022 had extra days.
var (
	gbRoyalWedding2011 = oneOffHoliday("Bank holiday for the wedding of Prince William and Catherine Middleton", 2011, time.April, 29)
	gbSpring2012       = oneOffHoliday("Spring bank holiday", 2012, time.June, 4)
	gbJubilee2012      = oneOffHoliday("Queen's Diamond Jubilee bank holiday", 2012, time.June, 5)
	gbStateFuneral2022 = oneOffHoliday("Bank Holiday for the State Funeral of Queen Elizabeth II", 2022, time.September, 19)
)

// gbHolidayName is a holiday's name as GOV.UK gives it, where cal's differs.
func gbHolidayName(h *cal.Holiday) string {
	switch h {
	case gb.EarlyMay:
		return "Early May bank holiday"
	case gb.VEDay:
		return "Early May bank holiday (VE day)"
	case gb.CoronationDay:
		return "Bank holiday for the coronation of King Charles III"
	case gb.SummerHoliday:
		return "Summer bank holiday"
	case gb.PlatinumJubilee:
		return "Platinum Jubilee bank holiday"
	}
	if h.Name == gb.SpringHoliday.Name {
		return "Spring bank holiday" // gb.SpringHoliday, its 2022 move and our clone
	}
	return h.Name
}

func oneOffHoliday(name string, year int, month time.Month, day int) *cal.Holiday {
	return &cal.Holiday{Name: name, Type: cal.ObservanceBank, Month: month, Day: day,
		Func: cal.CalcDayOfMonth, StartYear: year, EndYear: year}
}

// gbHolidayRules are the bank holidays of England and Wales: gb.Holidays
// (which are England and Wales's, despite the package name) with the spring
// bank holiday's 2012 move and the missing one-offs.
var gbHolidayRules = func() []*cal.Holiday {
	var rules []*cal.Holiday
	for _, h := range gb.Holidays {
		if h == gb.SpringHoliday {
			h = h.Clone(&cal.Holiday{Except: append([]int{2012}, h.Except...)})
		}
		rules = append(rules, h)
	}
	return append(rules, gbRoyalWedding2011, gbSpring2012, gbJubilee2012, gbStateFuneral2022)
}()

// bankHolidays lists the bank holidays of England and Wales in a year, by
// yyyy-mm-dd, with GOV.UK's names.
//
// The days are those of gbHolidayRules, substitutes as cal computes them.
// The names need care: cal moves
// each holiday that falls on a weekend on its own, so when Christmas Day is
// a Sunday it calls Monday 26 December "Christmas Day" and moves Boxing Day
// to the Tuesday, where GOV.UK keeps Boxing Day on the Monday and calls the
// Tuesday "Christmas Day (substitute day)". So a holiday whose own day is a
// weekday keeps that day's name, and the remaining substitute days are named,
// in date order, after the holidays that fell on a weekend.
func bankHolidays(year int) map[string]string {
	type holiday struct {
		day  time.Time
		name string
	}
	out := map[string]string{}    // every day cal observes, with cal's name to start with
	ownDay := map[string]string{} // holidays observed on their own weekday
	var displaced []holiday       // holidays that fell on a weekend
	for _, h := range gbHolidayRules {
		act, obs := h.Calc(year)
		if obs.IsZero() {
			continue
		}
		name := gbHolidayName(h)
		out[obs.Format(time.DateOnly)] = name
		switch act.Weekday() {
		case time.Saturday, time.Sunday:
			if !act.Equal(obs) {
				displaced = append(displaced, holiday{act, name})
			}
		default:
			ownDay[act.Format(time.DateOnly)] = name
		}
	}
	var substitutes []string
	for day := range out {
		if name := ownDay[day]; name != "" {
			out[day] = name
		} else {
			substitutes = append(substitutes, day)
		}
	}
	if len(substitutes) != len(displaced) {
		return out // not the usual pattern: keep cal's names
	}
	sort.Strings(substitutes)
	sort.Slice(displaced, func(i, j int) bool { return displaced[i].day.Before(displaced[j].day) })
	for i, day := range substitutes {
		out[day] = displaced[i].name + " (substitute day)"
	}
	return out
}
