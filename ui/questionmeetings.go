package ui

import (
	"context"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
)

// The meetings a question on notice can be put to: the followed
// committees' coming meetings, as the library knows them from the papers
// and the last sync, and as the councils' sites list them when the window
// can ask; a date the member types; or, for a draft written before, the
// meeting it was for, even when that is past.

// MeetingFinder asks the councils' sites which meetings the followed
// committees have coming; *Fetcher implements it.
type MeetingFinder interface {
	// Followed lists the committees the member follows.
	Followed() ([]docs.Committee, error)
	// ComingMeetings lists a committee's meetings from one day to another.
	ComingMeetings(ctx context.Context, c docs.Committee, from, to time.Time) ([]docs.Meeting, error)
}

// How the questions view asks the sites.
const (
	sitesEvery   = time.Hour        // not more often than this
	sitesTimeout = 30 * time.Second // a slow site is given up on (the editor never waits for it)
	comingMonths = 6                // how far ahead a coming meeting is looked for
)

// meetingChoiceOther is the meeting select's choice for a date the member
// types.
func meetingChoiceOther() string { return lang.L("Another date…") }

// sitesAnswer is what the councils' sites said: the coming meetings and
// those called off.
type sitesAnswer struct {
	coming    []meetingRef
	cancelled map[meetingRef]bool // keys: committee key and date
}

// askSites asks the councils' sites for the followed committees' coming
// meetings, in the background (at most hourly): the editor shows what the
// library knows meanwhile, and takes the sites' answer in when it comes.
func (v *QuestionsView) askSites() {
	finder := v.u.deps.Coming
	now := v.u.now()
	if finder == nil || (!v.sitesAsked.IsZero() && now.Sub(v.sitesAsked) < sitesEvery) {
		return
	}
	v.sitesAsked = now
	ctx := v.ctx
	v.sites.Add(1)
	go func() {
		defer v.sites.Done()
		ans, ok := comingMeetings(ctx, finder, now)
		if ok {
			v.u.async.post(func() { v.onSitesAnswered(ans) })
		}
	}()
}

// comingMeetings asks each followed committee's site for its meetings in
// the coming months; ok is false when no site answered.
func comingMeetings(ctx context.Context, finder MeetingFinder, now time.Time) (sitesAnswer, bool) {
	ctx, cancel := context.WithTimeout(ctx, sitesTimeout)
	defer cancel()
	ans := sitesAnswer{cancelled: map[meetingRef]bool{}}
	followed, err := finder.Followed()
	if err != nil {
		return ans, false
	}
	today := now.In(docs.London)
	answered := false
	for _, c := range followed {
		ms, err := finder.ComingMeetings(ctx, c, today, today.AddDate(0, comingMonths, 0))
		if err != nil {
			continue
		}
		answered = true
		for _, m := range ms {
			committee := m.Committee
			if committee == "" {
				committee = c.Title
			}
			if m.Cancelled() {
				ans.cancelled[meetingRef{committeeKey(committee), m.Date}] = true
				continue
			}
			ans.coming = append(ans.coming, meetingRef{strings.TrimSpace(committee), m.Date})
		}
	}
	return ans, answered
}

// onSitesAnswered takes in the sites' coming meetings. A question whose
// meeting the member has not chosen moves to the next meeting.
func (v *QuestionsView) onSitesAnswered(ans sitesAnswer) {
	v.online = ans
	v.meetings = mergeMeetings(v.known, v.online, v.today())
	if v.draft == nil {
		return
	}
	if v.followNextMeeting() {
		v.rebuildList()
	}
	v.fillMeetings()
	v.refreshDeadline()
}

// followNextMeeting puts a question whose meeting the member has not
// chosen to the next meeting known now, and reports whether it moved.
func (v *QuestionsView) followNextMeeting() bool {
	d := v.draft
	if !v.autoMeeting || !unsent(*d) {
		return false
	}
	next := v.nextMeeting(d.Committee)
	if next.date == "" || next.date == d.Meeting && d.Committee != "" {
		return false
	}
	d.Committee, d.Meeting = next.committee, next.date
	if d.ID != "" {
		v.slot.pending = true
		v.saveLater.call(v.save)
	}
	return true
}

// today is the day in Europe/London, yyyy-mm-dd.
func (v *QuestionsView) today() string { return v.u.now().In(docs.London).Format(time.DateOnly) }

// mergeMeetings lists the meetings known from the library and the sites,
// each once, without those the sites say are called off: coming ones
// first (soonest first), then past ones (newest first).
func mergeMeetings(known []meetingRef, online sitesAnswer, today string) []meetingRef {
	seen := map[meetingRef]bool{}
	var out []meetingRef
	for _, list := range [][]meetingRef{online.coming, known} {
		for _, m := range list {
			key := meetingRef{committeeKey(m.committee), m.date}
			if m.date == "" || seen[key] || online.cancelled[key] {
				continue
			}
			seen[key] = true
			out = append(out, m)
		}
	}
	sortMeetings(out, today)
	return out
}

// sortMeetings puts coming meetings first (soonest first), then past ones
// (newest first).
func sortMeetings(ms []meetingRef, today string) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		ac, bc := a.date >= today, b.date >= today
		switch {
		case ac != bc:
			return ac
		case a.date != b.date && ac:
			return a.date < b.date
		case a.date != b.date:
			return a.date > b.date
		}
		return a.committee < b.committee
	})
}

// meetingOptions are the meetings the select offers for d: the coming
// ones and, for a draft written before, its own meeting even when past.
func (v *QuestionsView) meetingOptions(d *docs.Draft) []meetingRef {
	today := v.today()
	var out []meetingRef
	own := false
	for _, m := range v.meetings {
		mine := d.Meeting == m.date && committeeKey(d.Committee) == committeeKey(m.committee)
		if m.date >= today || mine {
			out = append(out, m)
			own = own || mine
		}
	}
	if !own && d.Meeting != "" {
		out = append(out, meetingRef{d.Committee, d.Meeting})
	}
	return out
}

// fillMeetings shows the draft's meeting in the select, among those it
// can be put to; a date typed that is not one of them stays in its box.
func (v *QuestionsView) fillMeetings() {
	d := v.draft
	loading := v.loading
	v.loading = true
	defer func() { v.loading = loading }()
	v.options = v.meetingOptions(d)
	opts := make([]string, 0, len(v.options)+2)
	sel := ""
	for _, m := range v.options {
		opts = append(opts, m.label())
		if d.Meeting == m.date && committeeKey(d.Committee) == committeeKey(m.committee) {
			sel = m.label()
		}
	}
	opts = append(opts, meetingChoiceOther(), meetingChoiceNone())
	typing := v.meeting.Selected == meetingChoiceOther() && v.dateRow.Visible()
	if typing {
		if date, ok := parseMeetingDate(v.dateEntry.Text, v.u.now()); ok && date == d.Meeting {
			sel = meetingChoiceOther()
		}
	}
	if sel == "" {
		sel = meetingChoiceNone()
	}
	v.meeting.Options = opts
	v.meeting.SetSelected(sel)
	if sel != meetingChoiceOther() {
		v.dateRow.Hide()
	}
}

// onMeetingSelected follows the member's choice of meeting: "Another
// date…" opens the box for a date.
func (v *QuestionsView) onMeetingSelected(choice string) {
	if v.loading || v.draft == nil {
		return
	}
	v.autoMeeting = false
	if choice == meetingChoiceOther() {
		v.dateRow.Show()
		v.showDateHint()
		v.u.win.Canvas().Focus(v.dateEntry)
		if _, ok := parseMeetingDate(v.dateEntry.Text, v.u.now()); !ok {
			return // the draft keeps its meeting until a date is typed
		}
	} else {
		v.dateRow.Hide()
	}
	v.onEdited()
}

// onDateTyped takes a date the member types as the meeting's.
func (v *QuestionsView) onDateTyped(string) {
	if v.loading || v.draft == nil {
		return
	}
	v.autoMeeting = false
	v.showDateHint()
	if _, ok := parseMeetingDate(v.dateEntry.Text, v.u.now()); ok {
		v.onEdited()
	}
}

// showDateHint says which day the date typed is, or how to type one.
func (v *QuestionsView) showDateHint() {
	date, ok := parseMeetingDate(v.dateEntry.Text, v.u.now())
	switch {
	case ok:
		t, _ := time.Parse(time.DateOnly, date)
		v.dateHint.SetText(longDate(t))
		v.dateHint.Importance = widget.MediumImportance
	case strings.TrimSpace(v.dateEntry.Text) != "":
		v.dateHint.SetText(lang.L("That is not a date. Type the meeting's date like 2 February 2024 or 2024-02-02."))
		v.dateHint.Importance = widget.WarningImportance
	default:
		v.dateHint.SetText(lang.L("Type the meeting's date, like 2 February 2024 or 2024-02-02."))
		v.dateHint.Importance = widget.MediumImportance
	}
	v.dateHint.Refresh()
}

// draftCommittee is the committee a date typed for the draft is a meeting
// of: the draft's own, else the one the member most likely writes to.
func (v *QuestionsView) draftCommittee() string {
	if c := strings.TrimSpace(v.draft.Committee); c != "" {
		return c
	}
	return v.defaultCommittee()
}

// defaultCommittee is the committee of the next meeting known, else of the
// latest meeting.
func (v *QuestionsView) defaultCommittee() string {
	for _, m := range v.meetings {
		if m.committee != "" {
			return m.committee
		}
	}
	return ""
}

// meetingFor is the meeting a question asked from a paper is put to: the
// paper's own meeting while it is to come, else the committee's next
// meeting (auto: a guess the sites' answer may improve).
func (v *QuestionsView) meetingFor(ver *docs.Version) (m meetingRef, auto bool) {
	if ver.Date != "" && ver.Date >= v.today() {
		return meetingRef{ver.Committee, ver.Date}, false
	}
	return v.nextMeeting(ver.Committee), true
}

// Dates the member may type: 2024-02-02; 2/2/2024 (day first, as in the
// UK); 2 February 2024, Friday 2 February 2024, 2 Chwefror 2024, 2nd Feb;
// a date without a year is the next such day.
var (
	isoDateRE   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	numDateRE   = regexp.MustCompile(`^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?$`)
	wordsDateRE = regexp.MustCompile(`^(?:\pL+\s+)*?(\d{1,2})(?:st|nd|rd|th|af|ed|ydd|fed)?\s+(\pL+)(?:\s+(\d{4}))?$`)
)

// parseMeetingDate reads a date the member typed; ok is false when it is
// not one.
func parseMeetingDate(s string, now time.Time) (date string, ok bool) {
	s = strings.ToLower(strings.Join(strings.Fields(strings.NewReplacer(",", " ").Replace(s)), " "))
	if s == "" {
		return "", false
	}
	today := now.In(docs.London)
	var y, d int
	var m time.Month
	switch {
	case isoDateRE.MatchString(s):
		p := isoDateRE.FindStringSubmatch(s)
		y, m, d = atoiOr0(p[1]), time.Month(atoiOr0(p[2])), atoiOr0(p[3])
	case numDateRE.MatchString(s):
		p := numDateRE.FindStringSubmatch(s)
		d, m, y = atoiOr0(p[1]), time.Month(atoiOr0(p[2])), atoiOr0(p[3])
		if y > 0 && y < 100 {
			y += 2000
		}
	case wordsDateRE.MatchString(s):
		p := wordsDateRE.FindStringSubmatch(s)
		d, m, y = atoiOr0(p[1]), monthNamed(p[2]), atoiOr0(p[3])
	default:
		return "", false
	}
	if m < time.January || m > time.December || d < 1 {
		return "", false
	}
	if y == 0 { // the next such day
		y = today.Year()
		if time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly) < today.Format(time.DateOnly) {
			y++
		}
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || y < 2000 || y > 2100 {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

func atoiOr0(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// monthNames are the months as typed in English and Welsh, in full and
// short, after the word's first letters (Welsh "Mehefin", "Meh").
var monthNames = sync.OnceValue(func() map[string]time.Month {
	names := map[string]time.Month{}
	en := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	cy := []string{"ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin", "gorffennaf", "awst", "medi", "hydref", "tachwedd", "rhagfyr"}
	for i := range en {
		m := time.Month(i + 1)
		names[en[i]], names[en[i][:3]], names[cy[i]] = m, m, m
	}
	names["sept"] = time.September
	names["chwef"], names["meh"], names["gorff"], names["tach"], names["rhag"] = time.February, time.June, time.July, time.November, time.December
	names["ion"], names["ebr"], names["hyd"] = time.January, time.April, time.October
	// Welsh mutations after "o" or "ym mis": "o Fawrth", "o Orffennaf".
	names["fawrth"], names["orffennaf"], names["fedi"], names["dachwedd"], names["hydref"] = time.March, time.July, time.September, time.November, time.October
	return names
})

// monthNamed is the month a word names, or 0.
func monthNamed(w string) time.Month { return monthNames()[strings.ToLower(w)] }
