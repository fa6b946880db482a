package agenda

import (
	"regexp"
	"sync"
)

// re is a regular expression compiled when first used. The package has
// about a hundred; compiled when the program started, they cost every
// command of the command line, even --version, several milliseconds.
type re struct {
	once sync.Once
	expr string
	r    *regexp.Regexp
}

// lazy is regexp.MustCompile, put off until the expression is first used
// (a bad expression still panics, then, in the tests that use it).
func lazy(expr string) *re { return &re{expr: expr} }

func (l *re) get() *regexp.Regexp {
	l.once.Do(func() { l.r = regexp.MustCompile(l.expr) })
	return l.r
}

// The methods of regexp.Regexp the package uses.

func (l *re) MatchString(s string) bool                  { return l.get().MatchString(s) }
func (l *re) FindString(s string) string                 { return l.get().FindString(s) }
func (l *re) FindStringIndex(s string) []int             { return l.get().FindStringIndex(s) }
func (l *re) FindStringSubmatch(s string) []string       { return l.get().FindStringSubmatch(s) }
func (l *re) FindStringSubmatchIndex(s string) []int     { return l.get().FindStringSubmatchIndex(s) }
func (l *re) FindAllStringIndex(s string, n int) [][]int { return l.get().FindAllStringIndex(s, n) }
func (l *re) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.get().FindAllStringSubmatchIndex(s, n)
}
func (l *re) FindAllString(s string, n int) []string { return l.get().FindAllString(s, n) }
func (l *re) FindAllStringSubmatch(s string, n int) [][]string {
	return l.get().FindAllStringSubmatch(s, n)
}
func (l *re) ReplaceAllString(src, repl string) string { return l.get().ReplaceAllString(src, repl) }
func (l *re) ReplaceAllStringFunc(src string, f func(string) string) string {
	return l.get().ReplaceAllStringFunc(src, f)
}
func (l *re) Split(s string, n int) []string { return l.get().Split(s, n) }
func (l *re) String() string                 { return l.expr }
func (l *re) SubexpIndex(name string) int    { return l.get().SubexpIndex(name) }
