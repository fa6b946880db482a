package agenda_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"panelpapers/docs/agenda"
)

// TestCorpusRules counts, on both labelled sets, which rule read each fact
// Read returned (Input.Trace), and names the papers a rule read a fact in
// when it did so in one paper only: a rule made for one file is a smell.
// It fails only when a fact has no rule.
func TestCorpusRules(t *testing.T) {
	type hit struct{ files map[string]bool }
	hits := map[string]*hit{}
	for _, set := range labelSets {
		dir := sharedDir(t, set.sub)
		names, _ := readLabels(t, dir, set.labels)
		for _, name := range names {
			pages := realPaper(t, set.sub, name)
			agenda.Read(agenda.Input{Pages: pages, Trace: func(fact, rule, value string) {
				if rule == "" {
					t.Errorf("%s: %s %q read by no rule", name, fact, value)
				}
				h := hits[rule]
				if h == nil {
					h = &hit{files: map[string]bool{}}
					hits[rule] = h
				}
				h.files[set.name+"/"+name] = true
			}})
		}
	}
	var rules []string
	for r := range hits {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	var b strings.Builder
	fmt.Fprintf(&b, "%-36s %8s %6s\n", "rule", "meetings", "corpus")
	for _, r := range rules {
		per := map[string]int{}
		for f := range hits[r].files {
			per[strings.SplitN(f, "/", 2)[0]]++
		}
		fmt.Fprintf(&b, "%-36s %8d %6d", r, per["meetings"], per["corpus"])
		if len(hits[r].files) == 1 {
			for f := range hits[r].files {
				fmt.Fprintf(&b, "  (only %s)", f)
			}
		}
		b.WriteString("\n")
	}
	t.Logf("rule hits on the labelled papers:\n%s", b.String())
}
