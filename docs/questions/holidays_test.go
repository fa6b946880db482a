package questions

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// The deadline tests' oracle for bank holidays of England and Wales. It never
// calls the code it checks (bankHolidays, rickar/cal): for the years GOV.UK
// has published it is the publication (testdata/), and for the years beyond
// it is the standing rules written out again here, with Easter by the
// anonymous Gregorian algorithm. TestRuleOracleMatchesGOVUK checks those
// rules against every published year, so the oracle for the later years is
// the same oracle that the publication vouches for.

// govUKFiles are the publications in testdata/; namesToo says whether their
// titles are today's (the 2015 feed named the jubilee differently).
var govUKFiles = []struct {
	name     string
	namesToo bool
}{
	{"bank-holidays-england-and-wales.json", true},
	{"bank-holidays-england-and-wales-2012-2015.json", false},
}

// govUKYear is one published year: date → name, named the way the app names
// it ("New Year's Day (substitute day)"), and whether the names are to be
// compared.
type govUKYear struct {
	days     map[string]string
	namesToo bool
}

var loadGOVUK = sync.OnceValues(func() (map[int]govUKYear, error) {
	years := map[int]govUKYear{}
	for _, f := range govUKFiles {
		raw, err := os.ReadFile(filepath.Join("testdata", f.name))
		if err != nil {
			return nil, err
		}
		var feed struct {
			Division string
			Events   []struct{ Title, Date, Notes string }
		}
		if err := json.Unmarshal(raw, &feed); err != nil {
			return nil, err
		}
		for _, e := range feed.Events {
			day, err := time.Parse(time.DateOnly, e.Date)
			if err != nil {
				return nil, err
			}
			y, ok := years[day.Year()]
			if !ok {
				y = govUKYear{days: map[string]string{}, namesToo: f.namesToo}
				years[day.Year()] = y
			}
			name := strings.ReplaceAll(e.Title, "\u2019", "'")
			if e.Notes == "Substitute day" {
				name += " (substitute day)"
			}
			y.days[e.Date] = name
		}
	}
	return years, nil
})

func govUK(t testing.TB) map[int]govUKYear {
	t.Helper()
	years, err := loadGOVUK()
	if err != nil {
		t.Fatal(err)
	}
	return years
}

// easter is Easter Sunday by the anonymous Gregorian algorithm (Meeus,
// Jones, Butcher).
func easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// standingHolidays are the bank holidays of England and Wales by the
// standing rules alone (Banking and Financial Dealings Act 1971 and the
// royal proclamations that fixed the May and August days), with GOV.UK's
// names: no one-off holidays or moves.
func standingHolidays(year int) map[string]string {
	out := map[string]string{}
	add := func(month time.Month, day int, name string) {
		out[time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)] = name
	}
	weekday := func(month time.Month, day int) time.Weekday {
		return time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Weekday()
	}
	switch weekday(time.January, 1) {
	case time.Saturday:
		add(time.January, 3, "New Year's Day (substitute day)")
	case time.Sunday:
		add(time.January, 2, "New Year's Day (substitute day)")
	default:
		add(time.January, 1, "New Year's Day")
	}
	e := easter(year)
	add(e.Month(), e.Day()-2, "Good Friday") // time.Date carries day 0 and -1 into March
	add(e.Month(), e.Day()+1, "Easter Monday")
	add(time.May, 1+(7+int(time.Monday)-int(weekday(time.May, 1)))%7, "Early May bank holiday")
	add(time.May, 31-(7+int(weekday(time.May, 31))-int(time.Monday))%7, "Spring bank holiday")
	add(time.August, 31-(7+int(weekday(time.August, 31))-int(time.Monday))%7, "Summer bank holiday")
	switch weekday(time.December, 25) {
	case time.Friday:
		add(time.December, 25, "Christmas Day")
		add(time.December, 28, "Boxing Day (substitute day)")
	case time.Saturday:
		add(time.December, 27, "Christmas Day (substitute day)")
		add(time.December, 28, "Boxing Day (substitute day)")
	case time.Sunday:
		add(time.December, 26, "Boxing Day")
		add(time.December, 27, "Christmas Day (substitute day)")
	default:
		add(time.December, 25, "Christmas Day")
		add(time.December, 26, "Boxing Day")
	}
	return out
}

// oneOffs are the published changes to the standing rules: days dropped
// (a moved holiday's usual day) and days added.
var oneOffs = map[int]struct {
	drop []string
	add  map[string]string
}{
	2011: {add: map[string]string{"2011-04-29": "Bank holiday for the wedding of Prince William and Catherine Middleton"}},
	2012: {drop: []string{"2012-05-28"}, add: map[string]string{
		"2012-06-04": "Spring bank holiday",
		"2012-06-05": "Queen's Diamond Jubilee bank holiday",
	}},
	2020: {drop: []string{"2020-05-04"}, add: map[string]string{"2020-05-08": "Early May bank holiday (VE day)"}},
	2022: {drop: []string{"2022-05-30"}, add: map[string]string{
		"2022-06-02": "Spring bank holiday",
		"2022-06-03": "Platinum Jubilee bank holiday",
		"2022-09-19": "Bank Holiday for the State Funeral of Queen Elizabeth II",
	}},
	2023: {add: map[string]string{"2023-05-08": "Bank holiday for the coronation of King Charles III"}},
}

// ruleHolidays are the standing rules with the one-offs applied.
func ruleHolidays(year int) map[string]string {
	out := standingHolidays(year)
	for _, d := range oneOffs[year].drop {
		delete(out, d)
	}
	maps.Copy(out, oneOffs[year].add)
	return out
}

// expectedHolidays is the oracle: the publication where GOV.UK has the year,
// the rules otherwise.
func expectedHolidays(t testing.TB, year int) map[string]string {
	if y, ok := govUK(t)[year]; ok {
		return y.days
	}
	return ruleHolidays(year)
}

func listHolidays(days map[string]string, names bool) string {
	var lines []string
	for day, name := range days {
		if names {
			day += " " + name
		}
		lines = append(lines, day)
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// The oracle's rules agree with every year GOV.UK has published, so they can
// stand in for GOV.UK in the years it has not published yet. (Change a rule
// here — Easter a day late, Boxing Day not moved off a Saturday — and this
// fails.)
func TestRuleOracleMatchesGOVUK(t *testing.T) {
	years := govUK(t)
	if len(years) < 13 {
		t.Fatalf("testdata holds %d published years, want the 13 of 2012–2015 and 2019–2027", len(years))
	}
	for year, pub := range years {
		got, want := listHolidays(ruleHolidays(year), pub.namesToo), listHolidays(pub.days, pub.namesToo)
		if got != want {
			t.Errorf("rules for %d:\n%s\nGOV.UK:\n%s", year, got, want)
		}
	}
	// Easter by the algorithm, against dates known independently of GOV.UK.
	for year, want := range map[int]string{1961: "1961-04-02", 2000: "2000-04-23", 2008: "2008-03-23", 2011: "2011-04-24",
		2038: "2038-04-25", 2285: "2285-03-22"} {
		if got := easter(year).Format(time.DateOnly); got != want {
			t.Errorf("easter(%d) = %s, want %s", year, got, want)
		}
	}
}

// bankHolidays gives GOV.UK's days and names for every published year, and
// the standing rules' for the rest up to 2040. (Make bankHolidays drop or
// misname any holiday — for example return early for years after 2030 — and
// this fails; so does the property test below, whose oracle before this test
// existed called bankHolidays itself for 2031–2035.)
func TestBankHolidaysMatchGOVUK(t *testing.T) {
	published := govUK(t)
	for year := 2011; year <= 2040; year++ {
		t.Run(time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006"), func(t *testing.T) {
			want, source, names := ruleHolidays(year), "the standing rules", true
			if pub, ok := published[year]; ok {
				want, source, names = pub.days, "GOV.UK", pub.namesToo
			}
			if got, want := listHolidays(bankHolidays(year), names), listHolidays(want, names); got != want {
				t.Errorf("bank holidays of %d:\n%s\nwant (%s):\n%s", year, got, source, want)
			}
			if !names { // the 2015 feed's names are older: the rules' names, then
				if got, want := listHolidays(bankHolidays(year), true), listHolidays(ruleHolidays(year), true); got != want {
					t.Errorf("names of %d:\n%s\nwant:\n%s", year, got, want)
				}
			}
		})
	}
}

// isWorkingDayOracle decides working days from weekends, the closed days and
// expectedHolidays, never from the code under test.
func isWorkingDayOracle(t testing.TB, day time.Time, closed map[string]bool) bool {
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	key := day.Format(time.DateOnly)
	return !closed[key] && expectedHolidays(t, day.Year())[key] == ""
}
