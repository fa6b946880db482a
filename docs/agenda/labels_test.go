package agenda_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
)

// The labelled papers are judged here as ../shared/score-meetings.py judges
// the command line's answers, fact by fact: right, unknown (the paper was
// not understood) or wrong (a fact stated that the paper does not support,
// which misleads a member and is never allowed).

type state int

const (
	right state = iota
	unknown
	wrong
)

func (s state) String() string { return [...]string{"right", "unknown", "wrong"}[s] }

// factResult is the verdict on one fact of one paper.
type factResult struct {
	fact      string
	state     state
	got, want string
}

var (
	stopWords = map[string]bool{"the": true, "of": true, "a": true, "an": true, "meeting": true, "and": true,
		"for": true, "in": true, "at": true, "to": true, "on": true}
	notWordChar = regexp.MustCompile(`[^a-z0-9]+`)
)

// scoreWords are a name's distinctive words, as the scorer reads them.
func scoreWords(s string) []string {
	s = strings.ReplaceAll(strings.ToLower(s), "&", " and ")
	var out []string
	for _, w := range strings.Fields(notWordChar.ReplaceAllString(s, " ")) {
		if !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// namesMatch: every distinctive word of the label is in the answer, and the
// answer carries at most slack more.
func namesMatch(got, want string, slack int) bool {
	g, w := scoreWords(got), scoreWords(want)
	have := map[string]bool{}
	for _, x := range g {
		have[x] = true
	}
	for _, x := range w {
		if !have[x] {
			return false
		}
	}
	return len(g) > 0 && len(g) <= len(w)+slack
}

func judge(got string, ok bool) state {
	switch {
	case got == "":
		return unknown
	case ok:
		return right
	}
	return wrong
}

// thisMeetingsQuestions are the questions the command line lists for a
// paper: those put to the meeting the paper is for.
func thisMeetingsQuestions(a docs.Agenda) []docs.Question {
	var out []docs.Question
	for _, q := range a.Questions {
		if !agenda.OtherMeeting(a, q) {
			out = append(out, q)
		}
	}
	return out
}

// judgeFacts compares what Analyse read with a label.
func judgeFacts(a docs.Agenda, l label, nPages int) []factResult {
	var out []factResult
	add := func(fact string, s state, got, want string) {
		out = append(out, factResult{fact, s, got, want})
	}
	gk := string(a.Kind)
	if gk == string(docs.KindOther) && l.Kind != gk {
		gk = ""
	}
	add("kind", judge(gk, gk == l.Kind), string(a.Kind), l.Kind)
	for _, f := range []struct {
		name      string
		got       string
		want      *string
		slack     int
		nullScore bool
	}{
		{"committee", a.Committee, l.Committee, 4, true},
		{"body", a.Body, l.Body, 3, false},
	} {
		switch {
		case f.want != nil && *f.want != "":
			add(f.name, judge(f.got, namesMatch(f.got, *f.want, f.slack)), f.got, *f.want)
		case f.got != "" && f.nullScore:
			add(f.name, wrong, f.got, "(none printed)")
		}
	}
	for _, f := range []struct {
		name string
		got  string
		want *string
	}{{"date", a.Date, l.Date}, {"time", a.Time, l.Time}} {
		switch {
		case f.want != nil && *f.want != "":
			add(f.name, judge(f.got, f.got == *f.want), f.got, *f.want)
		case f.got != "":
			add(f.name, wrong, f.got, "(none printed)")
		}
	}
	switch {
	case l.Venue != nil && *l.Venue != "":
		w := scoreWords(*l.Venue)
		w3 := strings.Join(w[:min(3, len(w))], " ")
		add("venue", judge(a.Venue, namesMatch(a.Venue, w3, 8)), a.Venue, *l.Venue)
	case a.Venue != "":
		add("venue", wrong, a.Venue, "(none printed)")
	}
	if len(l.Items) > 0 {
		var got []string
		byNumber := map[string]docs.AgendaItem{}
		for _, it := range a.Items {
			n := strings.TrimRight(strings.TrimSpace(it.Number), ".")
			got = append(got, n)
			byNumber[n] = it
		}
		g, w := strings.Join(got, " "), strings.Join(l.Items, " ")
		add("items", judge(g, g == w), g, w)
		last := 0
		for _, r := range l.ItemPages {
			last = max(last, r[1])
		}
		if last <= nPages {
			var nums []string
			for n := range l.ItemPages {
				nums = append(nums, n)
			}
			sort.Strings(nums)
			for _, n := range nums {
				r := l.ItemPages[n]
				it := byNumber[n]
				g := ""
				if it.PrintedFirst > 0 {
					g = fmt.Sprintf("%d-%d", it.PrintedFirst, max(it.PrintedLast, it.PrintedFirst))
				}
				add("item pages", judge(g, g == fmt.Sprintf("%d-%d", r[0], r[1])), g, fmt.Sprintf("%d-%d", r[0], r[1]))
			}
		}
	}
	if l.Questions != nil && (l.Kind == "agenda" || l.Kind == "questions") {
		n := len(thisMeetingsQuestions(a))
		s := right
		if n != *l.Questions {
			s = wrong
			if n == 0 {
				s = unknown
			}
		}
		add("questions", s, strconv.Itoa(n), strconv.Itoa(*l.Questions))
	}
	return out
}

// TestCorpusLabels reads every labelled real paper, as a member's
// "agenda.pdf" from an e-mail (no file name to go by), and holds what it
// understands to the labels: no fact may be stated wrongly.
func TestCorpusLabels(t *testing.T) {
	for _, set := range labelSets {
		t.Run(set.name, func(t *testing.T) {
			dir := sharedDir(t, set.sub)
			names, labels := readLabels(t, dir, set.labels)
			totals := map[string][2]int{}
			stillWrong := map[string]bool{}
			nRight, all, wrongs := 0, 0, 0
			for _, name := range names {
				pages := realPaper(t, set.sub, name)
				a := agenda.Analyse(pages, "")
				var notes []string
				for _, r := range judgeFacts(a, labels[name], len(pages)) {
					tt := totals[r.fact]
					tt[1]++
					all++
					if r.state == right {
						tt[0]++
						nRight++
					}
					totals[r.fact] = tt
					if r.state == wrong {
						wrongs++
						stillWrong[set.name+"/"+name+"/"+r.fact] = true
						if !knownWrong[set.name+"/"+name+"/"+r.fact] {
							t.Errorf("%s: %s stated wrongly: %q (the paper: %q)", name, r.fact, r.got, r.want)
						}
					}
					if r.state != right {
						notes = append(notes, fmt.Sprintf("%s %s: %q (want %q)", r.fact, r.state, r.got, r.want))
					}
				}
				if len(notes) > 0 {
					t.Logf("%-60.60s %s", name, strings.Join(notes, "; "))
				}
			}
			for k := range knownWrong {
				if strings.HasPrefix(k, set.name+"/") && !stillWrong[k] {
					t.Errorf("%s is no longer stated wrongly: take it off knownWrong", k)
				}
			}
			var facts []string
			for f := range totals {
				facts = append(facts, f)
			}
			sort.Strings(facts)
			var per []string
			for _, f := range facts {
				per = append(per, fmt.Sprintf("%s %d/%d", f, totals[f][0], totals[f][1]))
			}
			t.Logf("per fact: %s", strings.Join(per, ", "))
			t.Logf("meeting facts right: %d/%d (%.0f%%), stated but wrong: %d", nRight, all, 100*float64(nRight)/float64(max(all, 1)), wrongs)
		})
	}
}

// knownWrong are the facts still stated wrongly, by set/file/fact: each is a
// bug to fix, listed so that no new one goes unnoticed meanwhile.
var knownWrong = map[string]bool{}

// TestCorpusDump prints what Analyse reads in each labelled paper whose
// name contains $PANELPAPERS_AGENDA_DUMP: a tool for working on the
// parser, skipped otherwise.
func TestCorpusDump(t *testing.T) {
	match := os.Getenv("PANELPAPERS_AGENDA_DUMP")
	if match == "" {
		t.Skip("set PANELPAPERS_AGENDA_DUMP to part of a file name to print what Analyse reads in it")
	}
	for _, set := range labelSets {
		dir := sharedDir(t, set.sub)
		names, _ := readLabels(t, dir, set.labels)
		for _, name := range names {
			if !strings.Contains(name, match) {
				continue
			}
			pages := realPaper(t, set.sub, name)
			var rules []string
			a := agenda.Read(agenda.Input{Pages: pages, Trace: func(fact, rule, value string) {
				rules = append(rules, fmt.Sprintf("%s=%q by %s", fact, value, rule))
			}})
			sort.Strings(rules)
			for _, it := range a.Items {
				rules = append(rules, fmt.Sprintf("item %s [%d] %q p%d-%d pdf%d-%d", it.Number, it.Meeting, it.Title, it.PrintedFirst, it.PrintedLast, it.First, it.Last))
				for _, s := range it.Sub {
					rules = append(rules, fmt.Sprintf("    sub %s %q p%d-%d", s.Number, s.Title, s.PrintedFirst, s.PrintedLast))
				}
			}
			for _, q := range a.Questions {
				rules = append(rules, fmt.Sprintf("question %q item %s page %d meeting %s response %v", q.Asker, q.Item, q.Page, q.Meeting, q.Response != ""))
			}
			a.Questions, a.Items = nil, nil
			b, _ := json.MarshalIndent(a, "", "  ")
			t.Logf("%s:\n%s\n%s", name, strings.Join(rules, "\n"), b)
		}
	}
}

// TestCorpusNotMeetingPapers: the corpus's other papers (accounts, polling
// station lists, nomination statements, leaflets, a federal register) are
// not meeting papers: no meeting may be read in them.
func TestCorpusNotMeetingPapers(t *testing.T) {
	dir := sharedDir(t, "corpus")
	_, labels := readLabels(t, dir, filepath.Join("testdata", "corpus", "LABELS.json"))
	files, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		if _, ok := labels[name]; ok {
			continue
		}
		a := agenda.Analyse(realPaper(t, "corpus", name), "")
		switch {
		case a.Kind != docs.KindOther && a.Kind != docs.KindReport:
			t.Errorf("%s read as %s", name, a.Kind)
		case a.Committee != "" || a.Date != "" || a.Time != "" || a.Venue != "" || len(a.Items) > 0:
			t.Errorf("%s: a meeting read in it: committee %q date %q time %q venue %q, %d items", name, a.Committee, a.Date, a.Time, a.Venue, len(a.Items))
		}
	}
}
