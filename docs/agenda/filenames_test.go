package agenda_test

import (
	"bufio"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
)

// TestCorpusFileNames reads the labelled corpus papers under the names
// their council published them with (../shared/corpus/MANIFEST.tsv), and
// judges apart the facts that came from a ModernGov-style file name: right
// when the paper prints the same, unverifiable when the paper prints none
// (a start time only in the name), wrong when the paper prints another.
// A file name must never change a fact read from the text.
func TestCorpusFileNames(t *testing.T) {
	dir := sharedDir(t, "corpus")
	_, labels := readLabels(t, dir, filepath.Join("testdata", "corpus", "LABELS.json"))
	published := map[string]string{}
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) > 2 {
			published[cols[0]] = path.Base(cols[2])
		}
	}
	var names []string
	for n := range labels {
		names = append(names, n)
	}
	sort.Strings(names)
	counts := map[string]int{}
	var lines []string
	for _, name := range names {
		fileName := published[name]
		if fileName == "" {
			continue
		}
		pages := realPaper(t, "corpus", name)
		bare := agenda.Analyse(append([]docs.Page(nil), pages...), "")
		named := agenda.Analyse(append([]docs.Page(nil), pages...), fileName)
		l := labels[name]
		for _, f := range []struct {
			fact        string
			bare, named string
			want        *string
		}{
			{docs.FactCommittee, bare.Committee, named.Committee, l.Committee},
			{docs.FactDate, bare.Date, named.Date, l.Date},
			{docs.FactTime, bare.Time, named.Time, l.Time},
		} {
			if named.Sources[f.fact] != docs.SourceFileName {
				if f.bare != f.named {
					t.Errorf("%s: the file name %q changed the %s read from the text: %q → %q", name, fileName, f.fact, f.bare, f.named)
				}
				continue
			}
			verdict := "unverifiable (the paper prints none)"
			switch {
			case f.want == nil || *f.want == "":
			case f.fact == docs.FactCommittee && namesMatch(f.named, *f.want, 4), f.named == *f.want:
				verdict = "right"
			default:
				verdict = "WRONG: the paper prints " + *f.want
				t.Errorf("%s: %s %q from the file name %q, the paper prints %q", name, f.fact, f.named, fileName, *f.want)
			}
			counts[strings.SplitN(verdict, " ", 2)[0]]++
			lines = append(lines, fmt.Sprintf("%-52.52s %-9s %-12q %s", name, f.fact, f.named, verdict))
		}
		if named.Sources[docs.FactKind] == docs.SourceFileName && string(named.Kind) != l.Kind {
			t.Errorf("%s: kind %q from the file name %q, the paper is %q", name, named.Kind, fileName, l.Kind)
		}
	}
	t.Logf("facts from ModernGov file names beside the text: %d right, %d unverifiable, %d wrong\n%s", counts["right"], counts["unverifiable"], counts["WRONG:"],
		strings.Join(lines, "\n"))

	// The file names alone, the text unread (a scanned paper): what they
	// say against what the papers print.
	alone := map[string]int{}
	lines = nil
	for _, name := range names {
		fileName := published[name]
		if fileName == "" {
			continue
		}
		a := agenda.Analyse([]docs.Page{{Number: 1}}, fileName)
		l := labels[name]
		for _, f := range []struct {
			fact string
			got  string
			want *string
		}{{docs.FactCommittee, a.Committee, l.Committee}, {docs.FactDate, a.Date, l.Date}, {docs.FactTime, a.Time, l.Time}} {
			if f.got == "" {
				continue
			}
			verdict := "unverifiable"
			switch {
			case f.want == nil || *f.want == "":
			case f.fact == docs.FactCommittee && namesMatch(f.got, *f.want, 4), f.got == *f.want:
				verdict = "right"
			default:
				verdict = "wrong"
				t.Errorf("%s: %s %q from the file name %q alone, the paper prints %q", name, f.fact, f.got, fileName, *f.want)
			}
			alone[verdict]++
			lines = append(lines, fmt.Sprintf("%-52.52s %-9s %-28q %s", name, f.fact, f.got, verdict))
		}
	}
	t.Logf("facts from ModernGov file names alone: %d right, %d unverifiable, %d wrong\n%s", alone["right"], alone["unverifiable"], alone["wrong"],
		strings.Join(lines, "\n"))
}
