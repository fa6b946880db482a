package questions

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"panelpapers/docs"
)

func TestDeadline(t *testing.T) {
	tests := []struct {
		name    string
		meeting string
		rule    DeadlineRule
		want    string // Explain's output
	}{
		{
			name:    "issue's example: Friday meeting, 10 days, 5 pm",
			meeting: "2023-10-27",
			rule:    DeadlineRule{ClearDays: 10, Cutoff: "17:00"},
			want: `2023-10-12 17:00
skipped 2023-10-14 Saturday
skipped 2023-10-15 Sunday
skipped 2023-10-21 Saturday
skipped 2023-10-22 Sunday
`,
		},
		{
			name:    "Monday meeting",
			meeting: "2023-10-30",
			rule:    DeadlineRule{ClearDays: 10, Cutoff: "17:30"},
			want: `2023-10-13 17:30
skipped 2023-10-14 Saturday
skipped 2023-10-15 Sunday
skipped 2023-10-21 Saturday
skipped 2023-10-22 Sunday
skipped 2023-10-28 Saturday
skipped 2023-10-29 Sunday
`,
		},
		{
			name:    "no clear days: the working day before",
			meeting: "2023-10-30",
			rule:    DeadlineRule{},
			want: `2023-10-27
skipped 2023-10-28 Saturday
skipped 2023-10-29 Sunday
`,
		},
		{
			name:    "Easter 2024",
			meeting: "2024-04-02",
			rule:    DeadlineRule{ClearDays: 3, Cutoff: "12:00"},
			want: `2024-03-25 12:00
skipped 2024-03-29 Good Friday
skipped 2024-03-30 Saturday
skipped 2024-03-31 Sunday
skipped 2024-04-01 Easter Monday
`,
		},
		{
			name:    "Easter 2030",
			meeting: "2030-04-24",
			rule:    DeadlineRule{ClearDays: 2},
			want: `2030-04-17
skipped 2030-04-19 Good Friday
skipped 2030-04-20 Saturday
skipped 2030-04-21 Sunday
skipped 2030-04-22 Easter Monday
`,
		},
		{
			name:    "early May and the coronation, 2023",
			meeting: "2023-05-10",
			rule:    DeadlineRule{ClearDays: 5, Cutoff: "09:00"},
			want: `2023-04-28 09:00
skipped 2023-04-29 Saturday
skipped 2023-04-30 Sunday
skipped 2023-05-01 Early May bank holiday
skipped 2023-05-06 Saturday
skipped 2023-05-07 Sunday
skipped 2023-05-08 Bank holiday for the coronation of King Charles III
`,
		},
		{
			name:    "late May 2025, Monday meeting",
			meeting: "2025-06-02",
			rule:    DeadlineRule{ClearDays: 5},
			want: `2025-05-22
skipped 2025-05-24 Saturday
skipped 2025-05-25 Sunday
skipped 2025-05-26 Spring bank holiday
skipped 2025-05-31 Saturday
skipped 2025-06-01 Sunday
`,
		},
		{
			name:    "August 2026",
			meeting: "2026-09-03",
			rule:    DeadlineRule{ClearDays: 3, Cutoff: "16:00"},
			want: `2026-08-27 16:00
skipped 2026-08-29 Saturday
skipped 2026-08-30 Sunday
skipped 2026-08-31 Summer bank holiday
`,
		},
		{
			name:    "Christmas 2027 on a weekend, New Year 2028 on a Saturday",
			meeting: "2028-01-05",
			rule:    DeadlineRule{ClearDays: 5},
			want: `2027-12-23
skipped 2027-12-25 Saturday
skipped 2027-12-26 Sunday
skipped 2027-12-27 Christmas Day (substitute day)
skipped 2027-12-28 Boxing Day (substitute day)
skipped 2028-01-01 Saturday
skipped 2028-01-02 Sunday
skipped 2028-01-03 New Year's Day (substitute day)
`,
		},
		{
			name:    "closed days between Christmas and New Year",
			meeting: "2028-01-05",
			rule:    DeadlineRule{ClearDays: 5, Closed: []string{"2027-12-29", "2027-12-30", "2027-12-31", "2027-12-26"}},
			want: `2027-12-20
skipped 2027-12-25 Saturday
skipped 2027-12-26 Sunday
skipped 2027-12-27 Christmas Day (substitute day)
skipped 2027-12-28 Boxing Day (substitute day)
skipped 2027-12-29 closed
skipped 2027-12-30 closed
skipped 2027-12-31 closed
skipped 2028-01-01 Saturday
skipped 2028-01-02 Sunday
skipped 2028-01-03 New Year's Day (substitute day)
`,
		},
		{
			name:    "Christmas 2033 on a Sunday",
			meeting: "2033-12-29",
			rule:    DeadlineRule{ClearDays: 1},
			want: `2033-12-23
skipped 2033-12-24 Saturday
skipped 2033-12-25 Sunday
skipped 2033-12-26 Boxing Day
skipped 2033-12-27 Christmas Day (substitute day)
`,
		},
		{
			name:    "Boxing Day 2026 on a Saturday",
			meeting: "2026-12-30",
			rule:    DeadlineRule{ClearDays: 1, Cutoff: "10:00"},
			want: `2026-12-24 10:00
skipped 2026-12-25 Christmas Day
skipped 2026-12-26 Saturday
skipped 2026-12-27 Sunday
skipped 2026-12-28 Boxing Day (substitute day)
`,
		},
		{
			name:    "state funeral, 2022",
			meeting: "2022-09-21",
			rule:    DeadlineRule{ClearDays: 1},
			want: `2022-09-16
skipped 2022-09-17 Saturday
skipped 2022-09-18 Sunday
skipped 2022-09-19 Bank Holiday for the State Funeral of Queen Elizabeth II
`,
		},
		{
			name:    "deadline on the Monday after clocks go back",
			meeting: "2023-11-03",
			rule:    DeadlineRule{ClearDays: 3, Cutoff: "17:00"},
			want:    "2023-10-30 17:00\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tt.rule.DeadlineOn(tt.meeting)
			if err != nil {
				t.Fatal(err)
			}
			if got := d.Explain(); got != tt.want {
				t.Errorf("Explain() =\n%s\nwant\n%s", got, tt.want)
			}
			if d.Day.Location().String() != "Europe/London" {
				t.Errorf("deadline in %s, want Europe/London", d.Day.Location())
			}
			if got := d.Meeting.Format(time.DateOnly); got != tt.meeting {
				t.Errorf("Meeting = %s, want %s", got, tt.meeting)
			}
			if d.HasCutoff != (tt.rule.Cutoff != "") {
				t.Errorf("HasCutoff = %v with cut-off %q", d.HasCutoff, tt.rule.Cutoff)
			}
		})
	}
}

// A cut-off is Europe/London wall-clock time on either side of the clocks
// changing, and a meeting date is its calendar day whatever zone it is given in.
func TestDeadlineZones(t *testing.T) {
	rule := DeadlineRule{ClearDays: 3, Cutoff: "17:00"}
	summer, err := rule.DeadlineOn("2023-10-27") // deadline Monday 23 October, BST
	if err != nil {
		t.Fatal(err)
	}
	winter, err := rule.DeadlineOn("2023-11-03") // deadline Monday 30 October, GMT
	if err != nil {
		t.Fatal(err)
	}
	if got := summer.End().UTC().Format(time.DateTime); got != "2023-10-23 16:00:00" {
		t.Errorf("summer cut-off = %s UTC, want 16:00", got)
	}
	if got := winter.End().UTC().Format(time.DateTime); got != "2023-10-30 17:00:00" {
		t.Errorf("winter cut-off = %s UTC, want 17:00", got)
	}
	noCutoff, err := DeadlineRule{ClearDays: 3}.DeadlineOn("2023-10-27")
	if err != nil {
		t.Fatal(err)
	}
	if got := noCutoff.End().UTC().Format(time.DateTime); got != "2023-10-23 23:00:00" {
		t.Errorf("end of a deadline day without cut-off = %s UTC, want 23:00 (midnight BST)", got)
	}

	tokyo := time.FixedZone("UTC+9", 9*3600)
	d, err := rule.Deadline(time.Date(2023, 10, 27, 0, 0, 0, 0, tokyo))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Day.Format(time.DateOnly); got != "2023-10-23" {
		t.Errorf("meeting given at midnight in UTC+9: deadline %s, want 2023-10-23", got)
	}
}

func TestDescribe(t *testing.T) {
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04", s, docs.London)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	deadline := func(meeting string, r DeadlineRule) Deadline {
		t.Helper()
		d, err := r.DeadlineOn(meeting)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	fivePM := deadline("2023-10-27", DeadlineRule{ClearDays: 10, Cutoff: "17:00"}) // Thursday 12 October
	anyTime := deadline("2023-10-27", DeadlineRule{ClearDays: 10})
	tests := []struct {
		name    string
		d       Deadline
		now     time.Time
		want    string
		left    int
		urgency Urgency
	}{
		{"issue's example", fivePM, at("2023-10-09 10:00"), "Deadline: Thursday 12 October, 5 pm — 3 working days left", 3, UrgencyOK},
		{"the Friday before", fivePM, at("2023-10-06 18:00"), "Deadline: Thursday 12 October, 5 pm — 4 working days left", 4, UrgencyOK},
		{"the weekend before", fivePM, at("2023-10-07 12:00"), "Deadline: Thursday 12 October, 5 pm — 4 working days left", 4, UrgencyOK},
		{"two days to go", fivePM, at("2023-10-10 09:00"), "Deadline: Thursday 12 October, 5 pm — 2 working days left", 2, UrgencyOK},
		{"the day before", fivePM, at("2023-10-11 23:59"), "Deadline: Thursday 12 October, 5 pm — 1 working day left", 1, UrgencySoon},
		{"the day itself", fivePM, at("2023-10-12 00:00"), "Deadline: Thursday 12 October, 5 pm — today", 0, UrgencySoon},
		{"a minute to go", fivePM, at("2023-10-12 16:59"), "Deadline: Thursday 12 October, 5 pm — today", 0, UrgencySoon},
		{"at the cut-off", fivePM, at("2023-10-12 17:00"), "Deadline: Thursday 12 October, 5 pm — passed", 0, UrgencyPassed},
		{"cut-off passed, clock in UTC", fivePM, time.Date(2023, 10, 12, 16, 30, 0, 0, time.UTC), "Deadline: Thursday 12 October, 5 pm — passed", 0, UrgencyPassed},
		{"weeks later", fivePM, at("2023-11-20 09:00"), "Deadline: Thursday 12 October, 5 pm — passed", 0, UrgencyPassed},
		{"no cut-off, late on the day", anyTime, at("2023-10-12 23:59"), "Deadline: Thursday 12 October — today", 0, UrgencySoon},
		{"no cut-off, the day after", anyTime, at("2023-10-13 00:00"), "Deadline: Thursday 12 October — passed", 0, UrgencyPassed},
		{"half past", deadline("2023-10-27", DeadlineRule{ClearDays: 10, Cutoff: "17:30"}), at("2023-10-09 10:00"), "Deadline: Thursday 12 October, 5.30 pm — 3 working days left", 3, UrgencyOK},
		{"noon", deadline("2023-10-27", DeadlineRule{ClearDays: 10, Cutoff: "12:00"}), at("2023-10-09 10:00"), "Deadline: Thursday 12 October, 12 noon — 3 working days left", 3, UrgencyOK},
		{"morning", deadline("2023-10-27", DeadlineRule{ClearDays: 10, Cutoff: "09:15"}), at("2023-10-09 10:00"), "Deadline: Thursday 12 October, 9.15 am — 3 working days left", 3, UrgencyOK},
		{"just after midnight", deadline("2023-10-27", DeadlineRule{ClearDays: 10, Cutoff: "00:30"}), at("2023-10-09 10:00"), "Deadline: Thursday 12 October, 12.30 am — 3 working days left", 3, UrgencyOK},
		// Thursday 6 January 2028, seen from Monday 20 December 2027: the
		// Christmas and New Year substitute days do not count.
		{"next year", deadline("2028-01-12", DeadlineRule{ClearDays: 3}), at("2027-12-20 12:00"), "Deadline: Thursday 6 January 2028 — 10 working days left", 10, UrgencyOK},
		{"over Easter", deadline("2024-04-05", DeadlineRule{ClearDays: 1, Cutoff: "17:00"}), at("2024-03-28 17:00"), "Deadline: Wednesday 3 April, 5 pm — 2 working days left", 2, UrgencyOK},
		{"closed day not counted", deadline("2023-10-27", DeadlineRule{ClearDays: 10, Cutoff: "17:00", Closed: []string{"2023-10-05", "2023-10-18"}}), at("2023-10-04 10:00"), "Deadline: Wednesday 11 October, 5 pm — 4 working days left", 4, UrgencyOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Describe(tt.now); got != tt.want {
				t.Errorf("Describe() = %q\nwant          %q", got, tt.want)
			}
			if got := tt.d.WorkingDaysLeft(tt.now); got != tt.left {
				t.Errorf("WorkingDaysLeft() = %d, want %d", got, tt.left)
			}
			if got := tt.d.Urgency(tt.now); got != tt.urgency {
				t.Errorf("Urgency() = %v, want %v", got, tt.urgency)
			}
		})
	}
}

func TestDeadlineRuleValidate(t *testing.T) {
	tests := []struct {
		name string
		rule DeadlineRule
		ok   bool
	}{
		{"default", DeadlineRule{ClearDays: DefaultClearDays}, true},
		{"no notice", DeadlineRule{}, true},
		{"most notice", DeadlineRule{ClearDays: MaxClearDays}, true},
		{"negative", DeadlineRule{ClearDays: -1}, false},
		{"too many", DeadlineRule{ClearDays: MaxClearDays + 1}, false},
		{"cut-off", DeadlineRule{ClearDays: 3, Cutoff: "17:00"}, true},
		{"last minute of the day", DeadlineRule{ClearDays: 3, Cutoff: "23:59"}, true},
		{"cut-off in words", DeadlineRule{ClearDays: 3, Cutoff: "5pm"}, false},
		{"cut-off with one-digit hour", DeadlineRule{ClearDays: 3, Cutoff: "9:00"}, false},
		{"cut-off past the day", DeadlineRule{ClearDays: 3, Cutoff: "24:00"}, false},
		{"cut-off at midnight", DeadlineRule{ClearDays: 3, Cutoff: "00:00"}, false},
		{"cut-off with seconds", DeadlineRule{ClearDays: 3, Cutoff: "17:00:00"}, false},
		{"closed days", DeadlineRule{ClearDays: 3, Closed: []string{"2023-12-27", "2023-12-28"}}, true},
		{"closed day written the British way", DeadlineRule{ClearDays: 3, Closed: []string{"27/12/2023"}}, false},
		{"closed day that does not exist", DeadlineRule{ClearDays: 3, Closed: []string{"2023-02-30"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.rule.Validate()
			if tt.ok && err != nil {
				t.Fatalf("Validate() = %v, want no error", err)
			}
			if !tt.ok && !errors.Is(err, ErrBadRule) {
				t.Fatalf("Validate() = %v, want ErrBadRule", err)
			}
			// Deadline refuses exactly the rules Validate refuses.
			_, err = tt.rule.DeadlineOn("2023-10-27")
			if tt.ok != (err == nil) {
				t.Errorf("Deadline() = %v", err)
			}
		})
	}
}

func TestDeadlineBadMeeting(t *testing.T) {
	for _, meeting := range []string{"", "2023-13-01", "27/10/2023", "2023-10-27 10:00"} {
		t.Run(meeting, func(t *testing.T) {
			if _, err := (DeadlineRule{ClearDays: 10}).DeadlineOn(meeting); !errors.Is(err, ErrBadRule) {
				t.Errorf("DeadlineOn(%q) = %v, want ErrBadRule", meeting, err)
			}
		})
	}
	if _, err := (DeadlineRule{ClearDays: 10}).Deadline(time.Time{}); !errors.Is(err, ErrBadRule) {
		t.Errorf("Deadline(zero time) = %v, want ErrBadRule", err)
	}
}

// Deadlines for random meetings from 2023 to 2035, checked day by day against
// isWorkingDayOracle: GOV.UK's published holidays to 2027, the standing rules
// written out in holidays_test.go after. (Make bankHolidays lose a holiday in
// any of those years — say, return nothing for 2031 — and this fails; when
// the oracle called bankHolidays for 2031–2035 it could not.)
func TestDeadlineProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(2023, 10))
	first := time.Date(2023, 1, 1, 0, 0, 0, 0, docs.London)
	span := int(time.Date(2035, 12, 31, 0, 0, 0, 0, docs.London).Sub(first).Hours()/24) + 1
	for i := 0; i < 3000; i++ {
		meeting := first.AddDate(0, 0, rng.IntN(span))
		rule := DeadlineRule{ClearDays: 1 + rng.IntN(15)}
		if rng.IntN(2) == 0 {
			rule.Cutoff = "17:00"
		}
		closed := map[string]bool{}
		for range rng.IntN(4) { // a few closed days in the weeks before the meeting
			c := meeting.AddDate(0, 0, -1-rng.IntN(25)).Format(time.DateOnly)
			rule.Closed = append(rule.Closed, c)
			closed[c] = true
		}
		d, err := rule.Deadline(meeting)
		if err != nil {
			t.Fatalf("meeting %s, %+v: %v", meeting.Format(time.DateOnly), rule, err)
		}
		day := startOfDay(d.Day)
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("meeting %s, %+v, deadline %s: "+format,
				append([]any{meeting.Format(time.DateOnly), rule, day.Format(time.DateOnly)}, args...)...)
		}
		if !isWorkingDayOracle(t, day, closed) {
			fail("the deadline is not a working day")
		}
		if !day.Before(meeting) {
			fail("the deadline is not before the meeting")
		}
		between, skipped := 0, 0
		for x := day.AddDate(0, 0, 1); x.Before(meeting); x = x.AddDate(0, 0, 1) {
			if isWorkingDayOracle(t, x, closed) {
				between++
				continue
			}
			if skipped >= len(d.Skipped) || !d.Skipped[skipped].Date.Equal(x) {
				fail("%s is not listed as skipped (%v)", x.Format(time.DateOnly), d.Skipped)
			}
			skipped++
		}
		if between != rule.ClearDays {
			fail("%d working days between, want %d", between, rule.ClearDays)
		}
		if skipped != len(d.Skipped) {
			fail("%d days listed as skipped, want %d", len(d.Skipped), skipped)
		}
		// From the working day before the deadline, one day is left; on the
		// day none; on the meeting day it has passed.
		before := day.AddDate(0, 0, -1)
		for !isWorkingDayOracle(t, before, closed) {
			before = before.AddDate(0, 0, -1)
		}
		if got := d.WorkingDaysLeft(before.Add(9 * time.Hour)); got != 1 {
			fail("from the working day before: %d working days left, want 1", got)
		}
		if got := d.Urgency(day.Add(9 * time.Hour)); got != UrgencySoon {
			fail("on the day at 9 am: urgency %v, want soon", got)
		}
		if got := d.Urgency(meeting); got != UrgencyPassed {
			fail("on the meeting day: urgency %v, want passed", got)
		}
	}
}
