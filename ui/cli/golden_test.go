package cli

// The golden test records what every command prints (stdout, stderr) and the
// status it exits with, on the bundled sample pack and on a fake ModernGov
// site, so that a change of the command line's code can show its behaviour
// is unchanged. It characterises today's behaviour, warts included: a golden
// file that changes is a change of behaviour, to be looked at in review.
//
//	go test -run Golden .            compare with testdata/golden
//	go test -run Golden -update .    rewrite testdata/golden from this run
//
// Each file in testdata/golden is one case: the command line that was run,
// its exit status, then its stdout and its stderr. To keep them readable and
// the same from run to run:
//
//   - the test's temporary folder is shown as <TMP>, the main library's data
//     folder as <DATA>, and the default data folder's parent (xdg's data
//     home, in --help) as <XDG_DATA_HOME>;
//   - the fake council sites' addresses (http://127.0.0.1:port) are <SITE>
//     and <SITE-2>, and a site that has gone away is <OFFLINE-SITE>;
//   - the release (main.version) is <VERSION>;
//   - a date and time in RFC 3339 form (2026-12-02T17:36:38Z, with or without
//     fractions of a second) that is not before the test started is <TIME>:
//     the library stamps these with the real clock (when a paper was added, a
//     note made); times written by the test itself are older and are kept;
//   - a note's id, random, is <NOTE-ID-01>, <NOTE-ID-02>… in the order notes
//     are added (as long as an id, so that columns stay aligned);
//   - a form feed (which ends each page of `text`) is shown as <FF> and a
//     line break, and output that does not end with a line break ends with
//     a line <no newline at end>.
//
// The command line's own clock (main.now, which counts a sync's window and
// its "coming meetings") is pinned to 1 March 2026, 12:00 UTC, after the fake
// site's two meetings (13 January and 10 February 2026). Papers' ids are the
// SHA-256 of generated PDFs, the same on every run, and are kept as they are.

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"

	"panelpapers/docs"
	"panelpapers/docs/fetch"
	"panelpapers/docs/fetch/fetchtest"
	"panelpapers/docs/packgen"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenClock is what main.now says during the golden test.
var goldenClock = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// golden runs commands and compares what they did with testdata/golden.
type golden struct {
	t       *testing.T
	started time.Time
	// names are the replacements that make output the same on every run:
	// what is printed → its placeholder.
	names map[string]string
	notes int             // note ids seen so far
	cases map[string]bool // the cases run, by name
}

func newGolden(t *testing.T) *golden {
	g := &golden{t: t, started: time.Now().UTC().Truncate(time.Second).Add(-time.Minute), names: map[string]string{}, cases: map[string]bool{}}
	g.name(xdg.DataHome, "<XDG_DATA_HOME>")
	g.name("panelpapers "+testVersion, "panelpapers <VERSION>")
	g.name("Panel Papers "+testVersion, "Panel Papers <VERSION>")
	return g
}

// name makes every s in the output read as placeholder.
func (g *golden) name(s, placeholder string) {
	if s != "" {
		g.names[s] = placeholder
	}
}

var (
	rfc3339    = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b`)
	addedNote  = regexp.MustCompile(`(?m)^added note ([0-9a-f]+) `)
	shellQuiet = regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./<>-]+$`)
)

// How a form feed, and output without a final line break, are shown.
const (
	formFeed  = "<FF>\n"
	noNewline = "<no newline at end>\n"
)

// normalise applies the replacements described at the top of this file.
func (g *golden) normalise(s string) string {
	keys := make([]string, 0, len(g.names))
	for k := range g.names {
		keys = append(keys, k)
	}
	// Longest first, so that a folder is replaced before its parent.
	sort.Slice(keys, func(i, j int) bool {
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) > len(keys[j])
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		s = strings.ReplaceAll(s, k, g.names[k])
	}
	return rfc3339.ReplaceAllStringFunc(s, func(ts string) string {
		at, err := time.Parse(time.RFC3339Nano, ts)
		if err != nil || at.Before(g.started) {
			return ts
		}
		return "<TIME>"
	})
}

// stream shows one output stream as the golden file holds it.
func stream(s string) string {
	s = strings.ReplaceAll(s, "\f", formFeed)
	if s != "" && !strings.HasSuffix(s, "\n") {
		s += "\n" + noNewline
	}
	return s
}

// commandLine shows args as a shell would take them.
func commandLine(args []string) string {
	var b strings.Builder
	b.WriteString("$ panelpapers")
	for _, a := range args {
		b.WriteByte(' ')
		if shellQuiet.MatchString(a) {
			b.WriteString(a)
		} else {
			b.WriteString("'" + strings.ReplaceAll(a, "'", `'\''`) + "'")
		}
	}
	return b.String()
}

// check runs `panelpapers args…` in-process, then, as the sub-test name,
// compares what it did with testdata/golden/name.txt (or writes that file
// with -update). The command runs even when -run leaves its sub-test out,
// since later cases build on what earlier ones did.
func (g *golden) check(name string, args ...string) {
	g.t.Helper()
	if g.cases[name] {
		g.t.Fatalf("two cases are called %s", name)
	}
	g.cases[name] = true
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	for _, m := range addedNote.FindAllStringSubmatch(out.String(), -1) {
		if _, seen := g.names[m[1]]; !seen {
			g.notes++
			g.name(m[1], fmt.Sprintf("<NOTE-ID-%02d>", g.notes))
		}
	}
	got := g.normalise(fmt.Sprintf("%s\n== exit %d\n== stdout\n%s== stderr\n%s",
		commandLine(args), code, stream(out.String()), stream(errb.String())))
	g.t.Run(name, func(t *testing.T) {
		path := filepath.Join("testdata", "golden", name+".txt")
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run 'go test -run Golden -update .' to write it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from what the command did now (- golden, + now; 'go test -run Golden -update .' rewrites it):\n%s",
				path, lineDiff(string(want), got))
		}
	})
}

// stale reports golden files that no case wrote, or with -update removes
// them: a case renamed or dropped must not leave its old file behind.
func (g *golden) stale() {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	if err != nil {
		g.t.Fatal(err)
	}
	for _, f := range files {
		if g.cases[strings.TrimSuffix(filepath.Base(f), ".txt")] {
			continue
		}
		if *update {
			if err := os.Remove(f); err != nil {
				g.t.Error(err)
			}
			continue
		}
		g.t.Errorf("%s belongs to no case ('go test -run Golden -update .' removes it)", f)
	}
}

// lineDiff shows the lines that differ between a and b, with a line of
// context, as - and + lines.
func lineDiff(a, b string) string {
	x, y := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	// lcs[i][j] is the length of the longest common subsequence of x[i:] and y[j:].
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte
		text string
	}
	var lines []line
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			lines = append(lines, line{' ', x[i]})
			i++
			j++
		case i < len(x) && (j == len(y) || lcs[i+1][j] >= lcs[i][j+1]):
			lines = append(lines, line{'-', x[i]})
			i++
		default:
			lines = append(lines, line{'+', y[j]})
			j++
		}
	}
	var out strings.Builder
	for k, l := range lines {
		near := l.op != ' '
		for d := -1; d <= 1 && !near; d += 2 {
			near = k+d >= 0 && k+d < len(lines) && lines[k+d].op != ' '
		}
		if near {
			fmt.Fprintf(&out, "%c %s", l.op, strings.TrimSuffix(l.text, "\n")+"\n")
		}
	}
	return out.String()
}

// backupFile is a backup as `notes export` writes it, made on another
// machine in January 2024: a note on the sample pack and three question
// drafts. {{SHA}} stands for the sample pack's SHA-256 and {{VERSION}} for
// the backup layout's version.
const backupFile = `{
  "format": "panelpapers-backup",
  "version": {{VERSION}},
  "created": "2024-01-12T18:00:00Z",
  "papers": [
    {
      "sha256": "{{SHA}}",
      "document": "dyfed-powys police and crime panel|2023-10-27|agenda|reports pack",
      "title": "Reports pack",
      "committee": "Dyfed-Powys Police and Crime Panel",
      "date": "2023-10-27",
      "kind": "agenda",
      "source": "Agenda reports pack 27th-Oct-2023 10.00 Dyfed-Powys Police and Crime Panel.pdf"
    }
  ],
  "notes": [
    {
      "id": "0a1b2c3d4e5f",
      "kind": "highlight",
      "document": "dyfed-powys police and crime panel|2023-10-27|agenda|reports pack",
      "version": "{{SHA}}",
      "page": 9,
      "quote": "ANNUAL REPORT 2022/23",
      "before": "",
      "after": "",
      "start": 0,
      "end": 0,
      "boxes": null,
      "spot": null,
      "colour": "pink",
      "comment": "Compare with last year's report",
      "tags": ["policing", "budget"],
      "item": "5",
      "status": "placed",
      "reason": "",
      "moved": null,
      "created": "2024-01-09T08:00:00Z",
      "updated": "2024-01-09T08:15:00Z"
    }
  ],
  "drafts": [
    {
      "id": "1",
      "meeting": "2023-10-27",
      "committee": "Dyfed-Powys Police and Crime Panel",
      "title": "101 waiting times",
      "body": "What is the Commissioner doing to cut the time callers wait on 101 in rural Powys?",
      "addressee": "",
      "asker": "Councillor Jane Roberts-Jones",
      "status": "ready",
      "sent_on": "",
      "citations": [{"pack": "{{SHA}}", "page": 7, "text": "101 non-emergency number"}],
      "created": "2024-01-10T09:00:00Z",
      "updated": "2024-01-11T10:30:00Z",
      "history": [{"at": "2024-01-11T10:30:00Z", "status": "ready"}]
    },
    {
      "id": "2",
      "meeting": "2023-10-27",
      "committee": "Dyfed-Powys Police and Crime Panel",
      "title": "Welsh speakers",
      "body": "How many officers can work through the medium of Welsh?",
      "addressee": "the Chief Constable",
      "asker": "Councillor Dafydd Llŷr Thomas",
      "status": "sent",
      "sent_on": "2023-10-10",
      "citations": [],
      "created": "2024-01-10T09:05:00Z",
      "updated": "2024-01-10T09:05:00Z",
      "history": []
    },
    {
      "id": "3",
      "meeting": "",
      "committee": "",
      "title": "Rural crime",
      "body": "",
      "addressee": "",
      "asker": "",
      "status": "draft",
      "sent_on": "",
      "citations": [],
      "created": "2024-01-10T09:10:00Z",
      "updated": "2024-01-10T09:10:00Z",
      "history": []
    }
  ]
}
`

func writeFile(t *testing.T, path string, b []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestGolden runs every command and sub-command: its --help, a usage error,
// failures and what it is for, on the sample pack and a fake council site.
func TestGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the PDF engine")
	}
	// Downloads fail at once rather than retry: the fake site never needs it.
	t.Setenv(fetch.EnvRetries, "0")
	t.Setenv(fetch.EnvBackoff, "1ms")
	t.Setenv(fetch.EnvTimeout, "20s")
	t.Setenv("PANELPAPERS_DATA", "")
	defer func(clock func() time.Time) { testNow = clock }(testNow)
	testNow = func() time.Time { return goldenClock }

	g := newGolden(t)
	tmp := t.TempDir()
	data := filepath.Join(tmp, "library")
	g.name(tmp, "<TMP>")
	g.name(data, "<DATA>")

	sample, err := packgen.Build(packgen.SamplePack())
	if err != nil {
		t.Fatal(err)
	}
	republished, err := packgen.Build(packgen.Republish(packgen.SamplePack()))
	if err != nil {
		t.Fatal(err)
	}
	sha := fetchtest.SHA256(sample.PDF)
	id := sha[:docs.ShortIDLen]
	pack := writeFile(t, filepath.Join(tmp, "papers", "Agenda reports pack 27th-Oct-2023 10.00 Dyfed-Powys Police and Crime Panel.pdf"), sample.PDF)
	newPack := writeFile(t, filepath.Join(tmp, "papers", "Agenda reports pack 27th-Oct-2023 10.00 Dyfed-Powys Police and Crime Panel (republished).pdf"), republished.PDF)
	login := writeFile(t, filepath.Join(tmp, "papers", "login.pdf"), []byte("<!DOCTYPE html><html><body>Please sign in</body></html>"))
	empty := writeFile(t, filepath.Join(tmp, "papers", "empty.pdf"), nil)
	notPDF := writeFile(t, filepath.Join(tmp, "papers", "notes.pdf"), []byte("Notes for the meeting: ask about 101.\n"))
	missing := filepath.Join(tmp, "papers", "missing.pdf")
	backup := func(name string, version int) string {
		s := strings.ReplaceAll(backupFile, "{{SHA}}", sha)
		s = strings.ReplaceAll(s, "{{VERSION}}", strconv.Itoa(version))
		return writeFile(t, filepath.Join(tmp, "backups", name), []byte(s))
	}
	fromLaptop := backup("from-laptop.json", 1)
	fromTheFuture := backup("from-a-newer-release.json", 2)
	notABackup := writeFile(t, filepath.Join(tmp, "backups", "shopping.json"), []byte(`{"eggs": 6}`))
	exported := filepath.Join(tmp, "backups", "exported.json")
	// A data folder that is a file: every command fails to open the library.
	aFile := writeFile(t, filepath.Join(tmp, "not-a-folder"), []byte("x"))

	lib := func(args ...string) []string { return append([]string{"--data", data}, args...) }

	// The command line as a whole.
	g.check("panelpapers-help", "--help")
	g.check("panelpapers-version", "--version")
	g.check("panelpapers-help-command", "help", "add")
	g.check("panelpapers-help-unknown", "help", "frobnicate")
	g.check("panelpapers-unknown-command", "frobnicate")
	g.check("panelpapers-data-without-folder", "--data")
	g.check("panelpapers-unknown-option", "list", "--nonsense")
	g.check("panelpapers-option-with-value", "list", "--json=yes")

	// add → list → agenda → text → search → reindex → questions → notes →
	// a new version → remove, on one library.
	g.check("add-help", lib("add", "--help")...)
	g.check("add-usage", lib("add")...)
	g.check("list-empty", lib("list")...)
	g.check("agenda-empty-library", lib("agenda", "latest")...)
	g.check("add", lib("add", pack)...)
	g.check("add-again-options-last", "add", pack, "--data", data)
	g.check("add-web-page-and-pack", lib("add", login, pack)...)
	g.check("add-empty-file", lib("add", empty)...)
	g.check("add-not-pdf", lib("add", notPDF)...)
	g.check("add-missing-file", lib("add", missing)...)
	g.check("add-library-unusable", "--data", aFile, "add", pack)

	g.check("list-help", lib("list", "--help")...)
	g.check("list-usage", lib("list", "extra")...)
	g.check("list", lib("list")...)
	g.check("list-json", lib("list", "--json")...)
	g.check("list-all", lib("list", "--all")...)
	g.check("list-library-unusable", "--data", aFile, "list")

	g.check("agenda-help", lib("agenda", "--help")...)
	g.check("agenda-usage", lib("agenda")...)
	g.check("agenda", lib("agenda", id[:8])...)
	g.check("agenda-json", lib("agenda", "--json", "latest")...)
	g.check("agenda-unknown-pack", lib("agenda", "deadbeef")...)
	g.check("agenda-short-prefix", lib("agenda", id[:4])...)
	// Correcting the facts, then returning to what the app reads.
	g.check("edit-help", lib("edit", "--help")...)
	g.check("edit-nothing-to-correct", lib("edit", id[:8])...)
	g.check("edit-bad-date", lib("edit", id[:8], "--date", "27/10/2023")...)
	g.check("edit-bad-kind", lib("edit", id[:8], "--kind", "pamphlet")...)
	g.check("edit-bad-reset", lib("edit", id[:8], "--reset", "colour")...)
	g.check("edit-unknown-pack", lib("edit", "deadbeef", "--time", "10:30")...)
	g.check("edit", lib("edit", id[:8], "--committee", "Police and Crime Panel", "--time", "10:30", "--venue", "")...)
	g.check("edit-agenda-json", lib("agenda", "--json", id[:8])...)
	g.check("edit-reset-all", lib("edit", "--reset", "all", id[:8])...)

	g.check("text-help", lib("text", "--help")...)
	g.check("text-usage", lib("text")...)
	g.check("text-usage-too-many", lib("text", id, "1", "2")...)
	g.check("text", lib("text", id)...)
	g.check("text-page", lib("text", "latest", "7")...)
	g.check("text-engine", lib("text", "--engine", "latest", "1")...)
	g.check("text-no-such-page", lib("text", id, "99")...)
	g.check("text-unknown-pack", lib("text", "0123456789")...)

	g.check("search-help", lib("search", "--help")...)
	g.check("search-usage", lib("search")...)
	g.check("search-usage-limit", lib("search", "--limit", "x", "police")...)
	g.check("search", lib("search", "annual report")...)
	g.check("search-json", lib("search", "--json", "--limit", "3", "rural crime")...)
	g.check("search-limit", lib("search", "--limit", "2", "police")...)
	g.check("search-filters", lib("search", "--committee", "dyfed", "--from", "2023-10-01", "--to", "2023-10-31", "--kind", "agenda", "--", "complaints", "-commissioner")...)
	g.check("search-nothing-found", lib("search", "xylophone")...)
	g.check("search-nothing-found-json", lib("search", "--json", "xylophone")...)
	g.check("search-bad-query", lib("search", `"unbalanced`)...)

	g.check("reindex-help", lib("reindex", "--help")...)
	g.check("reindex-usage", lib("reindex", "now")...)
	g.check("reindex", lib("reindex")...)
	g.check("reindex-library-unusable", "--data", aFile, "reindex")

	g.check("questions-help", lib("questions", "--help")...)
	g.check("questions-usage", lib("questions")...)
	g.check("questions-unknown-subcommand", lib("questions", "ask")...)
	g.check("questions-list-usage", lib("questions", "list", "extra")...)
	g.check("questions-list-empty", lib("questions", "list")...)
	g.check("questions-list-library-unusable", "--data", aFile, "questions", "list")
	g.check("questions-deadline", lib("questions", "deadline", "--meeting", "2023-10-27", "--cutoff", "17:00")...)
	g.check("questions-deadline-days-first", lib("questions", "--days", "5", "deadline", "--meeting=2025-01-30")...)
	g.check("questions-deadline-closed", lib("questions", "deadline", "--meeting", "2023-12-28", "--closed", "2023-12-27, 2023-12-22")...)
	g.check("questions-deadline-committee", lib("questions", "deadline", "--meeting", "2023-10-27", "--committee", "Dyfed-Powys Police and Crime Panel")...)
	g.check("questions-deadline-usage", lib("questions", "deadline")...)
	g.check("questions-deadline-usage-days", lib("questions", "deadline", "--meeting", "2023-10-27", "--days", "ten")...)
	g.check("questions-deadline-usage-argument", lib("questions", "deadline", "2023-10-27")...)
	g.check("questions-deadline-negative-days", lib("questions", "deadline", "--meeting", "2023-10-27", "--days", "-1")...)
	g.check("questions-deadline-not-a-date", lib("questions", "deadline", "--meeting", "27/10/2023")...)
	g.check("questions-deadline-bad-cutoff", lib("questions", "deadline", "--meeting", "2023-10-27", "--cutoff", "5pm")...)
	g.check("questions-similar", lib("questions", "similar", "101 waiting times")...)
	g.check("questions-similar-json", lib("questions", "similar", "--json", "--limit", "1", "--", "Welsh", "speakers", "in", "the", "Force")...)
	g.check("questions-similar-nothing", lib("questions", "similar", "xylophone orchestra")...)
	g.check("questions-similar-usage", lib("questions", "similar")...)
	g.check("questions-similar-usage-limit", lib("questions", "similar", "--limit", "0", "101")...)
	g.check("questions-similar-library-unusable", "--data", aFile, "questions", "similar", "101")
	g.check("questions-export-nothing", lib("questions", "export", "2023-10-27")...)
	g.check("questions-export-usage", lib("questions", "export")...)
	g.check("questions-export-usage-date", lib("questions", "export", "27 October")...)
	g.check("questions-export-library-unusable", "--data", aFile, "questions", "export", "2023-10-27")

	g.check("notes-help", lib("notes", "--help")...)
	g.check("notes-usage", lib("notes")...)
	g.check("notes-unknown-subcommand", lib("notes", "delete")...)
	g.check("notes-list-empty", lib("notes", "list")...)
	g.check("notes-list-usage", lib("notes", "list", "latest", "7")...)
	g.check("notes-export-usage", lib("notes", "export")...)
	g.check("notes-import-usage", lib("notes", "import")...)
	g.check("notes-add-usage", lib("notes", "add", "latest")...)
	g.check("notes-add-usage-quote", lib("notes", "add", "latest", "7")...)
	g.check("notes-add-usage-colour", lib("notes", "add", "latest", "7", "--quote", "101", "--colour", "purple")...)
	g.check("notes-add", lib("notes", "add", "latest", "7", "--quote", "101 non-emergency number", "--comment", "Ask about Powys", "--colour", "green")...)
	g.check("notes-add-plain", lib("notes", "add", id, "3", "--quote", "minutes of the meeting")...)
	g.check("notes-add-quote-not-found", lib("notes", "add", id, "7", "--quote", "stop and search")...)
	g.check("notes-add-no-such-page", lib("notes", "add", id, "21", "--quote", "budget")...)
	g.check("notes-add-unknown-pack", lib("notes", "add", "feedface", "1", "--quote", "budget")...)
	g.check("notes-list", lib("notes", "list")...)
	g.check("notes-list-json", lib("notes", "list", "--json")...)
	g.check("notes-list-pack", lib("notes", "list", id[:8])...)
	g.check("notes-list-colour", lib("notes", "list", "--colour", "green")...)
	g.check("notes-list-bad-colour", lib("notes", "list", "--colour", "purple")...)
	g.check("notes-list-unknown-pack", lib("notes", "list", "feedface")...)
	g.check("notes-export", lib("notes", "export", exported)...)
	g.check("notes-export-nowhere", lib("notes", "export", filepath.Join(tmp, "no", "such", "folder", "backup.json"))...)
	g.check("notes-import", lib("notes", "import", fromLaptop)...)
	g.check("notes-import-again", lib("notes", "import", fromLaptop)...)
	g.check("notes-import-exported", lib("notes", "import", exported)...)
	g.check("notes-import-not-a-backup", lib("notes", "import", notABackup)...)
	g.check("notes-import-newer-release", lib("notes", "import", fromTheFuture)...)
	g.check("notes-import-missing-file", lib("notes", "import", missing)...)
	g.check("notes-list-tag", lib("notes", "list", "--tag", "policing")...)
	g.check("notes-list-after-import", lib("notes", "list")...)

	// The imported backup brought question drafts.
	g.check("questions-list", lib("questions", "list")...)
	g.check("questions-list-json", lib("questions", "list", "--json")...)
	g.check("questions-export", lib("questions", "export", "2023-10-27")...)
	g.check("questions-export-markdown", lib("questions", "export", "--markdown", "2023-10-27")...)

	// The council republishes the pack: a new version, the notes carried to it.
	g.check("add-new-version", lib("add", newPack)...)
	g.check("list-after-new-version", lib("list")...)
	g.check("list-all-after-new-version", lib("list", "--all")...)
	g.check("list-json-all-after-new-version", lib("list", "--json", "--all")...)
	g.check("notes-list-after-new-version", lib("notes", "list")...)
	g.check("notes-list-old-version", lib("notes", "list", "--json", id)...)
	g.check("agenda-old-version", lib("agenda", id)...)
	g.check("search-after-new-version", lib("search", "annual report")...)

	g.check("remove-help", lib("remove", "--help")...)
	g.check("remove-usage", lib("remove")...)
	g.check("remove-unknown-pack", lib("remove", "deadbeef")...)
	g.check("remove-old-version", lib("remove", id)...)
	g.check("remove-again", lib("remove", id)...)
	g.check("remove-latest", lib("remove", "latest")...)
	g.check("list-after-remove", lib("list", "--all")...)
	g.check("notes-list-after-remove", lib("notes", "list")...)
	g.check("search-after-remove", lib("search", "annual report")...)
	g.check("questions-list-after-remove", lib("questions", "list")...)

	// A council's site: follow, sync, unfollow, fetch.
	site := fetchtest.NewSite(t)
	g.name(site.URL, "<SITE>")
	gone := fetchtest.NewSite(t)
	gone.Close()
	g.name(gone.URL, "<OFFLINE-SITE>")
	council := filepath.Join(tmp, "council")
	at := func(args ...string) []string { return append([]string{"--data", council}, args...) }

	g.check("follow-help", at("follow", "--help")...)
	g.check("follow-usage", at("follow")...)
	g.check("follow-usage-too-many", at("follow", site.URL, "audit", "committee")...)
	g.check("follow-committees", at("follow", site.URL)...)
	g.check("follow-no-such-committee", at("follow", site.URL, "planning")...)
	g.check("follow-ambiguous-committee", at("follow", site.URL, "committee")...)
	g.check("follow-no-such-id", at("follow", site.URL, "999")...)
	g.check("follow-insecure", at("follow", "http://democracy.example.invalid")...)
	g.check("follow-offline", at("follow", gone.URL)...)

	g.check("sync-help", at("sync", "--help")...)
	g.check("sync-usage", at("sync", "now")...)
	g.check("sync-nothing-followed", at("sync")...)
	g.check("follow", at("follow", site.URL+"/", "audit")...)
	g.check("follow-again", at("follow", site.URL, "144")...)
	g.check("sync-usage-since", at("sync", "--since", "1 March")...)
	g.check("sync", at("sync")...)
	g.check("sync-again", at("sync")...)
	g.check("list-after-sync", at("list")...)
	g.check("agenda-after-sync", at("agenda", "--json", "latest")...)
	site.Republish(fetchtest.URIPack)
	g.check("sync-since-after-the-meeting", at("sync", "--since", "2026-02-11")...)
	g.check("sync-since-before-the-meeting", at("sync", "--since", "2026-02-01")...)
	site.Republish(fetchtest.URIPack)
	site.SetFault(fetchtest.URIPack, fetchtest.FaultHTML, 1)
	g.check("sync-web-page-instead-of-pdf", at("sync")...)
	g.check("sync-recovered", at("sync")...)
	g.check("list-all-after-sync", at("list", "--all")...)

	// A first sync in which one paper fails: the others arrive, the
	// meeting is marked, and the next sync brings the missing one.
	third := filepath.Join(tmp, "council-3")
	at3 := func(args ...string) []string { return append([]string{"--data", third}, args...) }
	g.check("follow-third-library", at3("follow", site.URL, "audit")...)
	site.SetFault(fetchtest.URISupp, fetchtest.Fault500, 1)
	g.check("sync-first-with-a-failure", at3("sync")...)
	g.check("sync-first-after-a-failure", at3("sync")...)

	g.check("unfollow-help", at("unfollow", "--help")...)
	g.check("unfollow-usage", at("unfollow")...)
	g.check("unfollow-not-followed", at("unfollow", "art galleries")...)
	g.check("unfollow", at("unfollow", "Audit")...)
	g.check("unfollow-again", at("unfollow", "144")...)
	g.check("sync-after-unfollow", at("sync")...)

	g.check("fetch-help", at("fetch", "--help")...)
	g.check("fetch-usage", at("fetch")...)
	g.check("fetch", at("fetch", site.URL+fetchtest.URIItem9)...)
	g.check("fetch-again", at("fetch", site.URL+fetchtest.URIItem9)...)
	g.check("fetch-already-synced", at("fetch", site.URL+fetchtest.URIMinutes)...)
	site.SetFault(fetchtest.URIItem1, fetchtest.FaultLogin, 1)
	g.check("fetch-login-page-and-paper", at("fetch", site.URL+fetchtest.URIItem1, site.URL+fetchtest.URISupp)...)
	g.check("fetch-not-found", at("fetch", site.URL+"/documents/s1/Nothing.pdf")...)
	g.check("fetch-insecure", at("fetch", "http://democracy.example.invalid/documents/s1/Report.pdf")...)
	g.check("fetch-offline", at("fetch", gone.URL+fetchtest.URIPack)...)

	// A first sync with more papers than fetch.FewPacks, without a terminal:
	// only coming meetings (none, by the pinned clock), unless --all.
	big := fetchtest.NewSite(t)
	g.name(big.URL, "<SITE-2>")
	big.SetPage("4967", fetchtest.Fixture(t, "ieListDocuments_4967_nopack.html"))
	second := filepath.Join(tmp, "council-2")
	at2 := func(args ...string) []string { return append([]string{"--data", second}, args...) }
	g.check("follow-second-site", at2("follow", big.URL, "Audit Committee")...)
	g.check("sync-first-many-papers", at2("sync")...)
	g.check("sync-all", at2("sync", "--all")...)
	big.Close()
	g.check("sync-offline", at2("sync")...)
	g.check("list-after-sync-all", at2("list")...)

	g.stale()
}
