package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"panelpapers/assets"
	"panelpapers/docs/questions"
)

// SettingLanguage is the library setting that holds the language the member
// chose for the window: LangEnglish, LangWelsh, or LangSystem (empty, or no
// setting) to follow the computer's language.
const SettingLanguage = "ui/language"

// The languages the window speaks, as SettingLanguage stores them.
const (
	LangSystem  = ""
	LangEnglish = "en"
	LangWelsh   = "cy"
)

// appName is the app's name, the same in every language.
const appName = "Panel Papers"

// UseLanguage loads the window's translations into Fyne's lang package and
// settles which language the window speaks: choice is the stored
// SettingLanguage. With LangSystem the computer's language decides (Welsh
// for a Welsh locale, English otherwise). Call it before New: widgets take
// their words when they are built, so a change shows when the window is
// next opened. It returns the language chosen ("en" or "cy").
//
// Fyne picks the translation closest to the computer's locale and has no
// way to ask for another, so the chosen language's file is also registered
// under the computer's own locale, which then matches it exactly. The
// window's files also carry Fyne's own words (Cancel, Open, the weekdays)
// so that its dialogs speak the same language. Plural forms are chosen by
// the window (see plural), since Fyne would count by the rules of the
// computer's locale, not of the language registered under it.
func UseLanguage(choice string) (string, error) {
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		return LangEnglish, fmt.Errorf("load translations: %w", err)
	}
	sys := lang.SystemLocale()
	code := effectiveLanguage(choice, sys)
	data, err := assets.Translations.ReadFile("translations/" + code + ".json")
	if err == nil {
		data, err = flattenPlurals(data)
	}
	if err != nil {
		return LangEnglish, fmt.Errorf("load translations %s: %w", code, err)
	}
	if err := lang.AddTranslationsForLocale(data, sys); err != nil {
		return LangEnglish, fmt.Errorf("load translations %s: %w", code, err)
	}
	return code, nil
}

// effectiveLanguage is the language the window speaks for a stored choice
// on a computer set to locale sys.
func effectiveLanguage(choice string, sys fyne.Locale) string {
	switch choice {
	case LangEnglish, LangWelsh:
		return choice
	}
	base, _, _ := strings.Cut(strings.ReplaceAll(sys.String(), "_", "-"), "-")
	if strings.EqualFold(base, LangWelsh) {
		return LangWelsh
	}
	return LangEnglish
}

// pluralSep joins a plural key and one of its forms: "count.papers|two".
const pluralSep = "|"

// flattenPlurals adds each plural entry's forms to a translation file as
// keys of their own ("count.papers|two"), for plural to ask for by name.
// The entries stay as they are for Fyne's own use.
func flattenPlurals(data []byte) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	for k, v := range m {
		if forms, ok := v.(map[string]any); ok {
			for form, text := range forms {
				m[k+pluralSep+form] = text
			}
		}
	}
	return json.Marshal(m)
}

// plural is a sentence about n things in the window's language, from a
// plural entry of the translation files (its forms: "one" and "other" in
// English; "zero", "one", "two", "few", "many" and "other" in Welsh, whose
// nouns mutate after the numbers: "2 bapur", "3 phapur"). fallback is the
// English "other" form; data fills the blanks.
func plural(key, fallback string, n int, data tv) string {
	return lang.X(key+pluralSep+pluralForm(currentLanguage(), n), fallback, data)
}

// pluralForm is the CLDR plural category of n in a language.
func pluralForm(language string, n int) string {
	if language == LangWelsh {
		switch n {
		case 0:
			return "zero"
		case 1:
			return "one"
		case 2:
			return "two"
		case 3:
			return "few"
		case 6:
			return "many"
		}
		return "other"
	}
	if n == 1 {
		return "one"
	}
	return "other"
}

// currentLanguage is the language the window speaks now: each translation
// file names its own.
func currentLanguage() string { return lang.X("language.code", "en") }

// tv is the data of a translated sentence's blanks: {{.Name}} → value.
type tv = map[string]any

// weekdayName is a day of the week in the window's language: "Friday",
// "Dydd Gwener".
func weekdayName(d time.Weekday) string {
	switch d {
	case time.Sunday:
		return lang.X("date.weekday.sunday", "Sunday")
	case time.Monday:
		return lang.X("date.weekday.monday", "Monday")
	case time.Tuesday:
		return lang.X("date.weekday.tuesday", "Tuesday")
	case time.Wednesday:
		return lang.X("date.weekday.wednesday", "Wednesday")
	case time.Thursday:
		return lang.X("date.weekday.thursday", "Thursday")
	case time.Friday:
		return lang.X("date.weekday.friday", "Friday")
	}
	return lang.X("date.weekday.saturday", "Saturday")
}

// monthName is a month in the window's language: "October", "Hydref".
func monthName(m time.Month) string {
	switch m {
	case time.January:
		return lang.X("date.month.january", "January")
	case time.February:
		return lang.X("date.month.february", "February")
	case time.March:
		return lang.X("date.month.march", "March")
	case time.April:
		return lang.X("date.month.april", "April")
	case time.May:
		return lang.X("date.month.may", "May")
	case time.June:
		return lang.X("date.month.june", "June")
	case time.July:
		return lang.X("date.month.july", "July")
	case time.August:
		return lang.X("date.month.august", "August")
	case time.September:
		return lang.X("date.month.september", "September")
	case time.October:
		return lang.X("date.month.october", "October")
	case time.November:
		return lang.X("date.month.november", "November")
	}
	return lang.X("date.month.december", "December")
}

// monthShort is a month's short name: "Oct", "Hyd".
func monthShort(m time.Month) string {
	switch m {
	case time.January:
		return lang.X("date.month.short.january", "Jan")
	case time.February:
		return lang.X("date.month.short.february", "Feb")
	case time.March:
		return lang.X("date.month.short.march", "Mar")
	case time.April:
		return lang.X("date.month.short.april", "Apr")
	case time.May:
		return lang.X("date.month.short.may", "May")
	case time.June:
		return lang.X("date.month.short.june", "Jun")
	case time.July:
		return lang.X("date.month.short.july", "Jul")
	case time.August:
		return lang.X("date.month.short.august", "Aug")
	case time.September:
		return lang.X("date.month.short.september", "Sep")
	case time.October:
		return lang.X("date.month.short.october", "Oct")
	case time.November:
		return lang.X("date.month.short.november", "Nov")
	}
	return lang.X("date.month.short.december", "Dec")
}

// longDate is a day with its weekday: "Friday 27 October 2023", "Dydd
// Gwener 27 Hydref 2023".
func longDate(t time.Time) string {
	return fmt.Sprintf("%s %d %s %d", weekdayName(t.Weekday()), t.Day(), monthName(t.Month()), t.Year())
}

// weekdayDayMonth is "Friday 27 October", for a day this year.
func weekdayDayMonth(t time.Time) string {
	return fmt.Sprintf("%s %d %s", weekdayName(t.Weekday()), t.Day(), monthName(t.Month()))
}

// dayMonthYear is "27 October 2023".
func dayMonthYear(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), monthName(t.Month()), t.Year())
}

// dayMonth is "27 October".
func dayMonth(t time.Time) string { return fmt.Sprintf("%d %s", t.Day(), monthName(t.Month())) }

// shortDate is "27 Oct 2023", in the computer's time zone.
func shortDate(t time.Time) string {
	t = t.Local()
	return fmt.Sprintf("%d %s %d", t.Day(), monthShort(t.Month()), t.Year())
}

// clockTime is a time of day as council papers write it: "5 pm", "5.30 pm",
// "12 noon"; in Welsh "5 y.h.", "12 canol dydd".
func clockTime(t time.Time) string {
	return questions.Clock(t, questions.ClockWords{Noon: lang.L("12 noon"), AM: lang.X("clock.am", "am"), PM: lang.X("clock.pm", "pm")})
}

// upperFirst is s with its first letter a capital.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
