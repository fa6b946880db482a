package agenda

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Dates and times are read in English, Welsh and French, as councils print
// them: "Thursday, 13th March, 2025", "Dydd Gwener, 27 Hydref 2023", "ar y
// 9fed Rhagfyr 2015", "March 13, 2025", "13/03/2025"; "3.00 pm", "10.30
// y.b.", "12 noon", "19:00hrs", "Time: 10:00", "16h00". "Mawrth" is both
// March and Tuesday ("Dydd Mawrth"): only "Dydd" makes it a day.

var monthNames = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6, "gorffennaf": 7, "awst": 8,
	"medi": 9, "hydref": 10, "tachwedd": 11, "rhagfyr": 12,
	"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8, "aout": 8,
	"septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}

const (
	weekdayPattern = `(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|` +
		`dydd\s+(?:llun|mawrth|mercher|iau|gwener|sadwrn|sul)|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)`
	monthPattern = `(january|february|march|april|may|june|july|august|september|october|november|december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec|` +
		`ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr|` +
		`janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)`
	// ordinal is an English, Welsh or French ordinal ending: 1st, 9fed, 1af, 11eg, 1er.
	ordinal = `(?:st|nd|rd|th|af|ain|ed|fed|ydd|eg|er)?`
)

var (
	dateWords = lazy(`(?i)\b(` + weekdayPattern + `\.?,?\s+)?(?:the\s+|le\s+|y\s+|yr\s+)?(\d{1,2})` + ordinal + `\s+(?:of\s+)?` + monthPattern + `\.?,?\s+(\d{4})\b`)
	dateMonth = lazy(`(?i)\b(` + weekdayPattern + `\.?,?\s+)?` + monthPattern + `\.?\s+(\d{1,2})` + ordinal + `,?\s+(\d{4})\b`)
	// dateNoYear is a day and month without a year: "Séance … tenue le 20
	// juin", "held on Tuesday 4th March".
	dateNoYear = lazy(`(?i)\b(` + weekdayPattern + `\.?,?\s+)?(?:the\s+|le\s+|y\s+|yr\s+)?(\d{1,2})` + ordinal + `\s+(?:of\s+)?` + monthPattern + `\b(\.?,?\s+\d{4})?`)
	dateNum    = lazy(`(?i)\b(` + weekdayPattern + `,?\s+)?(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b`)
	// time12h: "3.00 pm", "7.30pm", "10.30 y.b." (Welsh bore, morning),
	// "2.00 y.h." (hwyr) or "y.p." (prynhawn), "12 noon", "midday".
	time12h = lazy(`(?i)\b(\d{1,2})(?:[.:](\d{2}))?\s*(a\.?m\b\.?|p\.?m\b\.?|y\.?\s?b\b\.?|y\.?\s?h\b\.?|y\.?\s?p\b\.?)|\b(12)(?:[.:]00)?\s*(noon|midday|hanner dydd)\b|\b(noon|midday|hanner dydd)\b`)
	// time24h: a 24-hour time needs a label, "at" or "@" before it, or
	// "hrs" after it, so that a minute number (19.07) is not a time.
	time24h   = lazy(`(?i)(?:\b(?:time|amser|heure|at|from|starting|commencing|à)\s*:?\s*|@\s*)([01]?\d|2[0-3])[:.]([0-5]\d)\b|\b([01]?\d|2[0-3])[:.]?([0-5]\d)\s*(?:hrs|hours)\b|\b([01]?\d|2[0-3])h([0-5]\d)\b`)
	dateLabel = lazy(`(?i)\b(?:date of (?:publication|issue|despatch|dispatch)|published|publication|despatch|dispatched|issued|dated|date|circulated|printed|dyddiad)\b\s*:?`)
)

// foundDate is a date found in a line.
type foundDate struct {
	iso      string
	weekday  bool
	at, end  int // byte offsets in the text
	monthDay bool
}

// findDates returns the dates a text mentions, in order.
func findDates(s string) []foundDate {
	var out []foundDate
	for _, m := range dateWords.FindAllStringSubmatchIndex(s, -1) {
		day := atoi(s[m[4]:m[5]])
		mon := monthNames[strings.ToLower(s[m[6]:m[7]])]
		year := atoi(s[m[8]:m[9]])
		if iso := isoDate(year, mon, day); iso != "" {
			out = append(out, foundDate{iso: iso, weekday: m[2] >= 0, at: m[0], end: m[1]})
		}
	}
	for _, m := range dateMonth.FindAllStringSubmatchIndex(s, -1) {
		mon := monthNames[strings.ToLower(s[m[4]:m[5]])]
		day := atoi(s[m[6]:m[7]])
		year := atoi(s[m[8]:m[9]])
		if iso := isoDate(year, mon, day); iso != "" && !overlaps(out, m[0], m[1]) {
			out = append(out, foundDate{iso: iso, weekday: m[2] >= 0, at: m[0], end: m[1], monthDay: true})
		}
	}
	for _, m := range dateNum.FindAllStringSubmatchIndex(s, -1) {
		day, mon, year := atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]])
		if iso := isoDate(year, time.Month(mon), day); iso != "" && !overlaps(out, m[0], m[1]) {
			out = append(out, foundDate{iso: iso, weekday: m[2] >= 0, at: m[0], end: m[1]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].at < out[j].at })
	return out
}

func overlaps(ds []foundDate, at, end int) bool {
	for _, d := range ds {
		if at < d.end && d.at < end {
			return true
		}
	}
	return false
}

func isoDate(year int, mon time.Month, day int) string {
	if year < 1900 || year > 2200 || mon < 1 || mon > 12 || day < 1 {
		return ""
	}
	t := time.Date(year, mon, day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return ""
	}
	return t.Format("2006-01-02")
}

// foundTime is a time of day found in a text.
type foundTime struct {
	clock   string // "hh:mm"
	at, end int
}

// findTimes returns the times of day a text mentions, in order. A number
// that goes on with another (10.25.3, a minute number) is not a time.
func findTimes(s string) []foundTime {
	var out []foundTime
	goesOn := func(end int) bool {
		return end+1 < len(s) && (s[end] == '.' || s[end] == ':') && s[end+1] >= '0' && s[end+1] <= '9'
	}
	for _, m := range time12h.FindAllStringSubmatchIndex(s, -1) {
		var clock string
		switch {
		case m[8] >= 0 || m[12] >= 0:
			clock = "12:00"
		default:
			h, mm := atoi(s[m[2]:m[3]]), 0
			if m[4] >= 0 {
				mm = atoi(s[m[4]:m[5]])
			}
			suffix := strings.ToLower(strings.NewReplacer(".", "", " ", "").Replace(s[m[6]:m[7]]))
			pm := suffix == "pm" || suffix == "yh" || suffix == "yp"
			if h < 1 || h > 12 || mm > 59 {
				continue
			}
			if pm && h != 12 {
				h += 12
			}
			if !pm && h == 12 {
				h = 0
			}
			clock = fmt.Sprintf("%02d:%02d", h, mm)
		}
		out = append(out, foundTime{clock: clock, at: m[0], end: m[1]})
	}
	for _, m := range time24h.FindAllStringSubmatchIndex(s, -1) {
		var h, mm, end int
		switch {
		case m[2] >= 0:
			h, mm, end = atoi(s[m[2]:m[3]]), atoi(s[m[4]:m[5]]), m[5]
		case m[6] >= 0:
			h, mm, end = atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]]), m[9]
		default:
			h, mm, end = atoi(s[m[10]:m[11]]), atoi(s[m[12]:m[13]]), m[13]
		}
		if goesOn(end) || overlapsTime(out, m[0], m[1]) {
			continue
		}
		out = append(out, foundTime{clock: fmt.Sprintf("%02d:%02d", h, mm), at: m[0], end: m[1]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].at < out[j].at })
	return out
}

func overlapsTime(ts []foundTime, at, end int) bool {
	for _, t := range ts {
		if at < t.end && t.at < end {
			return true
		}
	}
	return false
}

// findTime returns the first time of day in s as "hh:mm", or "".
func findTime(s string) string {
	if ts := findTimes(s); len(ts) > 0 {
		return ts[0].clock
	}
	return ""
}

// dateOnly reports whether a line is nothing but a date (and a weekday).
func dateOnly(s string) bool {
	ds := findDates(s)
	if len(ds) != 1 {
		return false
	}
	rest := s[:ds[0].at] + s[ds[0].end:]
	return strings.Trim(rest, " ,.-–") == ""
}

// yearless finds the first day and month printed without a year in s, and
// returns them with their offset, or ok false.
func yearless(s string) (day int, mon time.Month, at int, ok bool) {
	for _, m := range dateNoYear.FindAllStringSubmatchIndex(s, -1) {
		if m[8] >= 0 {
			continue // it has a year
		}
		return atoi(s[m[4]:m[5]]), monthNames[strings.ToLower(s[m[6]:m[7]])], m[0], true
	}
	return 0, 0, 0, false
}
