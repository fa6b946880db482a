package agenda

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

var monthNames = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6, "gorffennaf": 7, "awst": 8,
	"medi": 9, "hydref": 10, "tachwedd": 11, "rhagfyr": 12,
}

const weekdayPattern = `(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|dydd\s+(?:llun|mawrth|mercher|iau|gwener|sadwrn|sul))`

var (
	dateWords = regexp.MustCompile(`(?i)\b(` + weekdayPattern + `\.?,?\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th|af|ain|ed|fed|ydd|eg)?\s+(?:of\s+)?(january|february|march|april|may|june|july|august|september|october|november|december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec|ionawr|chwefror|mawrth|ebrill|mai|mehefin|gorffennaf|awst|medi|hydref|tachwedd|rhagfyr)\.?,?\s+(\d{4})\b`)
	dateNum   = regexp.MustCompile(`(?i)\b(` + weekdayPattern + `,?\s+)?(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b`)
	time12h   = regexp.MustCompile(`(?i)\b(\d{1,2})(?:[.:](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?:\W|$)|\b(12)(?:[.:]00)?\s*(noon|midday)\b|\b(noon|midday)\b`)
	time24h   = regexp.MustCompile(`(?i)(?:^|\b(?:time|amser|at)\s*:?\s*)(\d{1,2})[:.](\d{2})(?:\s*(?:hrs|hours))?\b`)
	dateLabel = regexp.MustCompile(`(?i)\b(?:date of (?:publication|issue|despatch|dispatch)|published|publication|despatch|dispatched|issued|dated|date|circulated|printed|dyddiad)\b\s*:?`)
)

// foundDate is a date found in a line.
type foundDate struct {
	iso     string
	weekday bool
	at      int // byte offset in the line
}

// findDates returns the dates a line mentions.
func findDates(s string) []foundDate {
	var out []foundDate
	for _, m := range dateWords.FindAllStringSubmatchIndex(s, -1) {
		day := atoi(s[m[4]:m[5]])
		mon := monthNames[strings.ToLower(s[m[6]:m[7]])]
		year := atoi(s[m[8]:m[9]])
		if iso := isoDate(year, mon, day); iso != "" {
			out = append(out, foundDate{iso: iso, weekday: m[2] >= 0, at: m[0]})
		}
	}
	for _, m := range dateNum.FindAllStringSubmatchIndex(s, -1) {
		day, mon, year := atoi(s[m[4]:m[5]]), atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]])
		if iso := isoDate(year, time.Month(mon), day); iso != "" {
			out = append(out, foundDate{iso: iso, weekday: m[2] >= 0, at: m[0]})
		}
	}
	return out
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

// findTime returns the first time of day in s as "hh:mm", or "".
func findTime(s string) string {
	if m := time12h.FindStringSubmatch(s); m != nil {
		switch {
		case m[6] != "" || m[4] != "":
			return "12:00"
		}
		h, mm := atoi(m[1]), 0
		if m[2] != "" {
			mm = atoi(m[2])
		}
		pm := strings.HasPrefix(strings.ToLower(m[3]), "p")
		if h < 1 || h > 12 || mm > 59 {
			return ""
		}
		if pm && h != 12 {
			h += 12
		}
		if !pm && h == 12 {
			h = 0
		}
		return fmt.Sprintf("%02d:%02d", h, mm)
	}
	if m := time24h.FindStringSubmatch(s); m != nil {
		h, mm := atoi(m[1]), atoi(m[2])
		if h < 24 && mm < 60 {
			return fmt.Sprintf("%02d:%02d", h, mm)
		}
	}
	return ""
}

// dateOnly reports whether a line is nothing but a date (and a weekday).
func dateOnly(s string) bool {
	ds := findDates(s)
	if len(ds) != 1 {
		return false
	}
	rest := dateWords.ReplaceAllString(s, "")
	rest = dateNum.ReplaceAllString(rest, "")
	return strings.Trim(rest, " ,.-–") == ""
}
