package ui

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"panelpapers/docs"
	"panelpapers/docs/questions"
)

// TestMain has the window speak English in every test, whatever the
// computer's language: the tests read its words.
func TestMain(m *testing.M) {
	if os.Getenv(probeMallocEnv) != "" {
		fmt.Println(probeMalloc())
		os.Exit(0)
	}
	if _, err := UseLanguage(LangEnglish); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// inWelsh switches the window's words to Welsh for one test.
func inWelsh(t *testing.T) {
	t.Helper()
	if got, err := UseLanguage(LangWelsh); err != nil || got != LangWelsh {
		t.Fatalf("UseLanguage(cy) = %q, %v", got, err)
	}
	t.Cleanup(func() {
		if _, err := UseLanguage(LangEnglish); err != nil {
			t.Error(err)
		}
	})
}

// langCall is a call of Fyne's lang functions found in the source.
type langCall struct {
	key    string
	plural bool   // lang.N or lang.XN
	where  string // file:line
}

// langCalls finds every lang.L, lang.N, lang.X and lang.XN call in the
// window's source (and main.go, whose progress rows the window shows); a
// key that is not a string literal cannot be checked, so it is an error.
func langCalls(t *testing.T) []langCall {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat("../main.go"); err == nil {
		files = append(files, "../main.go")
	}
	var calls []langCall
	fs := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fs, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			fn, ok := langFunc(n)
			if !ok {
				return true
			}
			c := n.(*ast.CallExpr)
			where := fs.Position(c.Pos()).String()
			lit, ok := c.Args[0].(*ast.BasicLit)
			if (!ok || lit.Kind != token.STRING) && name == "lang.go" {
				return true // plural's own lookup of a form
			}
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: lang.%s with a key that is not a string literal: the translations cannot be checked", where, fn)
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			calls = append(calls, langCall{key: key, plural: fn == "N" || fn == "XN", where: where})
			return true
		})
	}
	return calls
}

// langFunc reports whether n calls lang.L, N, X or XN, or the window's
// plural, and which.
func langFunc(n ast.Node) (string, bool) {
	c, ok := n.(*ast.CallExpr)
	if !ok || len(c.Args) == 0 {
		return "", false
	}
	if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "plural" {
		return "XN", true
	}
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" {
		return "", false
	}
	switch sel.Sel.Name {
	case "L", "N", "X", "XN":
		return sel.Sel.Name, true
	}
	return "", false
}

// readTranslations reads a translation file: key → text, or key → plural
// forms.
func readTranslations(t *testing.T, code string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "assets", "translations", code+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	return m
}

var placeholderRE = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// placeholders are the blanks a text fills: {{.Count}} → "Count".
func placeholders(v any) map[string]bool {
	out := map[string]bool{}
	var texts []string
	switch x := v.(type) {
	case string:
		texts = []string{x}
	case map[string]any:
		if o, ok := x["other"].(string); ok {
			texts = []string{o}
		}
	}
	for _, s := range texts {
		for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
			out[m[1]] = true
		}
	}
	return out
}

// TestTranslationsComplete fails when a string is in one language only:
// every key the code asks for is in both files, both files hold the same
// keys, plural keys have the forms each language needs, and a Welsh text
// fills the same blanks as the English one.
func TestTranslationsComplete(t *testing.T) {
	en, cy := readTranslations(t, LangEnglish), readTranslations(t, LangWelsh)
	calls := langCalls(t)
	if len(calls) < 300 {
		t.Fatalf("only %d translated strings found: is the parser looking in the right place?", len(calls))
	}
	for _, c := range calls {
		for code, file := range map[string]map[string]any{"en": en, "cy": cy} {
			v, ok := file[c.key]
			if !ok {
				t.Errorf("%s: %q is missing from %s.json", c.where, c.key, code)
				continue
			}
			if _, isPlural := v.(map[string]any); isPlural != c.plural {
				t.Errorf("%s: %q is plural in the code: %v, in %s.json: %v", c.where, c.key, c.plural, code, isPlural)
			}
		}
	}
	for k := range en {
		if _, ok := cy[k]; !ok {
			t.Errorf("%q is in en.json but not in cy.json", k)
		}
	}
	for k := range cy {
		if _, ok := en[k]; !ok {
			t.Errorf("%q is in cy.json but not in en.json", k)
		}
	}
	for k, v := range cy {
		if c, ok := cy["language.code"].(string); !ok || c != LangWelsh {
			t.Fatalf("cy.json names its language %v", cy["language.code"])
		}
		if s, ok := v.(string); ok && strings.TrimSpace(s) == "" {
			t.Errorf("cy.json: %q is empty", k)
		}
		if forms, ok := v.(map[string]any); ok && strings.HasPrefix(k, "count.") {
			for _, f := range []string{"zero", "one", "two", "few", "many", "other"} {
				if _, ok := forms[f]; !ok {
					t.Errorf("cy.json: %q lacks the %q form Welsh needs", k, f)
				}
			}
		}
		if forms, ok := en[k].(map[string]any); ok && strings.HasPrefix(k, "count.") {
			for _, f := range []string{"one", "other"} {
				if _, ok := forms[f]; !ok {
					t.Errorf("en.json: %q lacks the %q form", k, f)
				}
			}
		}
		want, got := placeholders(en[k]), placeholders(v)
		for p := range want {
			if !got[p] {
				t.Errorf("cy.json: %q does not fill {{.%s}}", k, p)
			}
		}
		for p := range got {
			if !want[p] {
				t.Errorf("cy.json: %q has {{.%s}}, which the English has not", k, p)
			}
		}
	}
}

// looksLikeWords reports whether a string in the source is words a member
// reads, rather than a format, a file extension or an address.
func looksLikeWords(s string) bool {
	s = formatVerbRE.ReplaceAllString(s, "")
	if strings.HasPrefix(s, ".") && !strings.Contains(s, " ") || strings.Contains(s, "://") {
		return false
	}
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

var formatVerbRE = regexp.MustCompile(`%[-+# 0]*[0-9.*]*[a-zA-Z%]`)

// displaySinks are the calls whose string arguments the member reads: a
// string literal with a letter in one is English the translations miss.
var displaySinks = map[string]bool{
	"NewLabel": true, "NewLabelWithStyle": true, "NewButton": true, "NewButtonWithIcon": true, "NewCheck": true,
	"SetText": true, "SetPlaceHolder": true, "ShowInformation": true, "ShowConfirm": true, "NewForm": true,
	"NewFormItem": true, "NewCustomConfirm": true, "NewCustomWithoutButtons": true, "NewCustom": true, "NewTabItem": true,
	"NewMenuItem": true, "NewMenu": true, "item": true, "heading": true, "wrapped": true, "NewNotification": true,
	"showError": true, "say": true, "sayAboutSite": true, "sayAboutRemoval": true, "sayAboutBackup": true,
	"showMessage": true, "setNotice": true, "setFailed": true, "newChoiceRow": true, "newHeadingRow": true,
	"SetTitle": true, "NewWindow": true, "showSimilar": true, "New": true, "Errorf": true,
}

// TestNoUntranslatedStrings fails on English written straight into a
// widget, a dialog or a menu, rather than through lang.
func TestNoUntranslatedStrings(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fs := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fs, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok || !displaySinks[calleeName(c)] {
				return true
			}
			if calleeName(c) == "Errorf" || calleeName(c) == "New" {
				// fmt.Errorf and errors.New wrap errors for logs and
				// explain(); only errors.New in a widget's way is checked,
				// by its caller's sink.
				return true
			}
			for _, arg := range c.Args {
				ast.Inspect(arg, func(n ast.Node) bool {
					if _, ok := langFunc(n); ok {
						return false // translated
					}
					if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						if looksLikeWords(s) {
							t.Errorf("%s: %q is shown untranslated: use lang.L", fs.Position(lit.Pos()), s)
						}
					}
					return true
				})
			}
			return true
		})
	}
}

func calleeName(c *ast.CallExpr) string {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

func TestEffectiveLanguage(t *testing.T) {
	cases := []struct {
		choice string
		sys    fyne.Locale
		want   string
	}{
		{LangSystem, "cy-GB", LangWelsh},
		{LangSystem, "cy", LangWelsh},
		{LangSystem, "en-GB", LangEnglish},
		{LangSystem, "fr-FR", LangEnglish},
		{LangSystem, "", LangEnglish},
		{LangEnglish, "cy-GB", LangEnglish},
		{LangWelsh, "en-GB", LangWelsh},
		{LangWelsh, "de", LangWelsh},
		{"xx", "cy_GB", LangWelsh},
	}
	for _, tc := range cases {
		t.Run(tc.choice+"/"+string(tc.sys), func(t *testing.T) {
			if got := effectiveLanguage(tc.choice, tc.sys); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestWelshWords checks the Welsh the window speaks where grammar is at
// stake: dates, the counts' mutations, the deadline line.
func TestWelshWords(t *testing.T) {
	inWelsh(t)
	london := docs.London
	cases := []struct {
		name, got, want string
	}{
		{"meeting date", meetingTitle("2023-10-27"), "Dydd Gwener 27 Hydref 2023"},
		{"undated", meetingTitle(""), "Dyddiad heb ei nodi"},
		{"day month", dayMonth(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)), "1 Mawrth"},
		{"short date", shortDate(time.Date(2024, 6, 5, 12, 0, 0, 0, time.Local)), "5 Meh 2024"},
		{"one paper", pluralPapers(1), "1 papur"},
		{"two papers", pluralPapers(2), "2 bapur"},
		{"three papers", pluralPapers(3), "3 phapur"},
		{"six papers", pluralPapers(6), "6 phapur"},
		{"eleven papers", pluralPapers(11), "11 papur"},
		{"one page", pagesText(1), "1 dudalen"},
		{"pages", pagesText(20), "20 tudalen"},
		{"noon", clockTime(time.Date(2023, 10, 20, 12, 0, 0, 0, london)), "12 canol dydd"},
		{"afternoon", clockTime(time.Date(2023, 10, 20, 17, 30, 0, 0, london)), "5.30 y.h."},
		{"and", joinAnd([]string{"Pwyllgor Archwilio", "Panel Heddlu"}), "Pwyllgor Archwilio a Panel Heddlu"},
		{"and before a vowel", joinAnd([]string{"Cabinet", "Archwilio"}), "Cabinet ac Archwilio"},
		{"kind", kindName(docs.KindMinutes), "Cofnodion"},
		{"heading", lang.L("Papers"), "Papurau"},
		{"Fyne's own", lang.L("Cancel"), "Canslo"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}

	rule := questions.DeadlineRule{ClearDays: 3, Cutoff: "17:00"}
	dl, err := rule.DeadlineOn("2023-10-27")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2023, 10, 16, 9, 0, 0, 0, london)
	got := describeDeadline(dl, now)
	if !strings.HasPrefix(got, "Dyddiad cau: Dydd ") || !strings.Contains(got, "Hydref, 5 y.h. — ") || !strings.Contains(got, "diwrnod gwaith ar ôl") {
		t.Errorf("deadline in Welsh: %q", got)
	}
}

// TestWindowInWelsh builds the whole window in Welsh: its bar, menus and
// first-run welcome speak Welsh, and no menu is left in English.
func TestWindowInWelsh(t *testing.T) {
	inWelsh(t)
	f := newFixture(t, nil)
	if got := f.u.heading.Text; got != "Papurau" {
		t.Errorf("heading %q", got)
	}
	var menus []string
	for _, m := range f.u.menu.Items {
		menus = append(menus, m.Label)
	}
	sort.Strings(menus)
	if want := "Chwilio Cwestiynau Golwg Mynd Nodiadau Papurau"; strings.Join(menus, " ") != want {
		t.Errorf("menus %q, want %q", strings.Join(menus, " "), want)
	}
	if got := f.u.Reader.fitWidthB.Text; got != "Ffitio'r lled" {
		t.Errorf("fit width button %q", got)
	}
	en := readTranslations(t, LangEnglish)
	for _, m := range f.u.menu.Items {
		for _, it := range m.Items {
			if it.IsSeparator {
				continue
			}
			if _, english := en[it.Label]; english {
				t.Errorf("menu item %q is in English", it.Label)
			}
		}
	}
	f.lib.versions = nil
	f.u.Library.reload()
	f.settle()
	if !f.u.Library.empty.Visible() {
		t.Fatal("an empty library shows no welcome")
	}
	if text := overlayText(f.u.FirstRun.root); !strings.Contains(text, "Croeso i Panel Papers") {
		t.Errorf("welcome: %q", text)
	}
}

// TestEnglishMatchesTheLibrary checks the English words the window shares
// with the library and the command line are the same.
func TestEnglishMatchesTheLibrary(t *testing.T) {
	if got := defaultAddressee(); got != docs.DefaultAddressee {
		t.Errorf("default addressee %q, the library's %q", got, docs.DefaultAddressee)
	}
	for _, k := range docs.Kinds {
		if kindName(k) != kindNamesEnglish[k] {
			t.Errorf("%s: %q, in English %q", k, kindName(k), kindNamesEnglish[k])
		}
	}
}
