package agenda_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// bestScores holds the best figures ../shared/score-meetings.py has given
// the command line on each labelled set: none may fall.
const bestScores = "testdata/score-best.txt"

var scoreLine = regexp.MustCompile(`meeting facts right: (\d+)/(\d+) \(\d+%\), stated but wrong: (\d+)`)

// TestCorpusScore builds the app, runs ../shared/score-meetings.py on the
// labelled papers (each added under a neutral name, as a member's
// agenda.pdf from an e-mail) and fails when the facts right fall below, or
// the facts stated wrongly rise above, the best committed figures.
func TestCorpusScore(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the app and scores every labelled paper; skipped under -short")
	}
	if raceEnabled {
		t.Skip("too slow under the race detector; make test runs it without (-run Corpus)")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: it runs ../shared/score-meetings.py")
	}
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (poppler-utils) is not installed: score-meetings.py counts pages with it")
	}
	meetings := sharedDir(t, "meetings")
	corpus := sharedDir(t, "corpus")
	scorer := filepath.Join(filepath.Dir(meetings), "score-meetings.py")
	if _, err := os.Stat(scorer); err != nil {
		t.Skipf("no scorer: %v", err)
	}
	best := readBest(t)

	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "panelpapers")
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		goTool = "go"
	}
	build := exec.Command(goTool, "build", "-o", bin, ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the app: %v\n%s", err, out)
	}
	labels, err := filepath.Abs(filepath.Join("testdata", "corpus", "LABELS.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range []struct{ name, labels, dir string }{
		{"meetings", filepath.Join(meetings, "LABELS.json"), meetings},
		{"corpus", labels, corpus},
	} {
		t.Run(set.name, func(t *testing.T) {
			cmd := exec.Command(py, scorer, bin, set.labels, set.dir)
			cmd.Env = append(os.Environ(), "LANG=en_GB.UTF-8")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("score-meetings.py: %v\n%s", err, out)
			}
			t.Logf("%s", out)
			m := scoreLine.FindStringSubmatch(string(out))
			if m == nil {
				t.Fatalf("no figures in the scorer's output")
			}
			right, all, wrong := atoiT(m[1]), atoiT(m[2]), atoiT(m[3])
			b, ok := best[set.name]
			if !ok {
				t.Fatalf("%s has no line for %s", bestScores, set.name)
			}
			if wrong > b[2] {
				t.Errorf("%d facts stated wrongly, the best was %d", wrong, b[2])
			}
			if right < b[0] {
				t.Errorf("%d/%d facts right, the best was %d/%d", right, all, b[0], b[1])
			}
			if right > b[0] || wrong < b[2] {
				t.Logf("better than the best committed figures: write \"%s right %d/%d wrong %d\" in %s", set.name, right, all, wrong, bestScores)
			}
		})
	}
}

// readBest reads lines "meetings right 108/109 wrong 0".
func readBest(t *testing.T) map[string][3]int {
	f, err := os.Open(bestScores)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][3]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var name string
		var r, n, w int
		if _, err := fmt.Sscanf(line, "%s right %d/%d wrong %d", &name, &r, &n, &w); err != nil {
			t.Fatalf("%s: %q: %v", bestScores, line, err)
		}
		out[name] = [3]int{r, n, w}
	}
	return out
}

func atoiT(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
