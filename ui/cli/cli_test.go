package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"

	"panelpapers/docs/packgen"
	"panelpapers/docs/pdf"
	"panelpapers/search"
	"panelpapers/ui/session"
)

func TestMain(m *testing.M) {
	// The extractor starts this test binary as its text worker.
	if pdf.IsExtractWorker() {
		os.Exit(pdf.RunExtractWorker(os.Stdin, os.Stdout))
	}
	// One compiled PDF engine for every test run on this machine.
	os.Setenv("PANELPAPERS_CACHE", filepath.Join(os.TempDir(), "panelpapers-test-cache"))
	// The golden files hold dslipak's text of the sample pack: on a loaded
	// machine under -race a page must not go to PDFium for being slow.
	os.Setenv("PANELPAPERS_PATIENCE", "10")
	os.Exit(m.Run())
}

// testVersion is the release the command line reports in tests.
const testVersion = "0.1.0-test"

// testNow is the clock the command line runs with in tests; nil is the
// computer's.
var testNow func() time.Time

// run runs the command line in-process as main does, with the folders of
// this system and the test's clock; opening the window fails the test.
func run(args []string, stdout, stderr io.Writer) int {
	f := session.Folders{DefaultData: filepath.Join(xdg.DataHome, "panelpapers"), Config: filepath.Join(xdg.ConfigHome, "panelpapers"),
		Cache: os.Getenv("PANELPAPERS_CACHE")}
	p := &Program{Version: testVersion, Folders: f, Stdout: stdout, Stderr: stderr, Now: testNow,
		Window: func(string, bool) int { panic("a test opened the window") }}
	return p.Run(args)
}

// cli runs the command line in-process against a library in dir.
func cli(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"--data", dir}, args...), &out, &errb)
	return out.String(), errb.String(), code
}

// samplePack writes the generated sample pack and returns its path and
// number of pages.
func samplePack(t *testing.T) (string, int) {
	t.Helper()
	pack, err := packgen.Build(packgen.SamplePack())
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "Agenda reports pack 27th-Oct-2023 10.00 Dyfed-Powys Police and Crime Panel.pdf")
	if err := os.WriteFile(p, pack.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	return p, len(pack.Pages)
}

func TestCommandLine(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the PDF engine")
	}
	dir := t.TempDir()
	pack, pages := samplePack(t)
	bad := filepath.Join(t.TempDir(), "login.pdf")
	os.WriteFile(bad, []byte("<!DOCTYPE html><html><body>Please sign in</body></html>"), 0o644)

	// A bad file is reported in a sentence and does not stop the good one.
	out, errs, code := cli(t, dir, "add", bad, pack)
	if code != ExitFail {
		t.Fatalf("add with a bad file: exit %d, want 1", code)
	}
	if !strings.Contains(errs, "not a PDF (it looks like a web page)") || strings.Contains(errs, "goroutine") {
		t.Errorf("bad file message: %q", errs)
	}
	m := regexp.MustCompile(fmt.Sprintf(`^added ([0-9a-f]{12}) "([^"]+)" 2023-10-27 %d pages\n$`, pages)).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("add printed %q", out)
	}
	id := m[1]

	// Options may follow the arguments.
	var b bytes.Buffer
	run([]string{"add", pack, "--data", dir}, &b, &b)
	if out := b.String(); out != "already in library "+id+"\n" {
		t.Errorf("re-add printed %q", out)
	}

	out, _, code = cli(t, dir, "list")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, id) || !strings.Contains(out, "Dyfed-Powys Police and Crime Panel") {
		t.Errorf("list: %d %q", code, out)
	}
	out, _, _ = cli(t, dir, "list", "--json")
	var list struct{ Documents []map[string]any }
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list.Documents) != 1 {
		t.Errorf("list --json: %v %q", err, out)
	}

	out, _, _ = cli(t, dir, "text", id)
	if n := strings.Count(out, "\f"); n != pages {
		t.Errorf("text: %d form feeds, want %d", n, pages)
	}
	out, _, _ = cli(t, dir, "text", "--engine", "latest", "1")
	if !regexp.MustCompile(`^\[engine: (dslipak|pdfium)\]\n`).MatchString(out) || strings.Count(out, "\f") != 1 {
		t.Errorf("text --engine latest 1: %q", out)
	}
	if _, errs, code := cli(t, dir, "text", id, "99"); code != ExitFail || !strings.Contains(errs, "no page 99") {
		t.Errorf("text of a page that is not there: %d %q", code, errs)
	}

	out, _, _ = cli(t, dir, "agenda", "--json", id[:8])
	var agenda map[string]any
	if err := json.Unmarshal([]byte(out), &agenda); err != nil {
		t.Fatalf("agenda --json: %v %q", err, out)
	}
	for _, k := range []string{"committee", "date", "time", "venue", "officer", "items", "questions", "kind"} {
		if _, ok := agenda[k]; !ok {
			t.Errorf("agenda --json lacks %q", k)
		}
	}
	if agenda["date"] != "2023-10-27" || agenda["kind"] != "agenda" {
		t.Errorf("agenda: date %v kind %v", agenda["date"], agenda["kind"])
	}

	out, _, code = cli(t, dir, "search", "--json", "annual report")
	var res struct {
		Total int
		Hits  []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 || res.Total == 0 {
		t.Fatalf("search: %d %v %q", code, err, out)
	}
	if res.Hits[0]["pack"] != id || !strings.Contains(res.Hits[0]["snippet"].(string), "«") {
		t.Errorf("first hit: %v", res.Hits[0])
	}
	if _, errs, code := cli(t, dir, "search", `"unbalanced`); code != ExitFail || errs == "" || strings.Contains(errs, "goroutine") {
		t.Errorf("bad query: %d %q", code, errs)
	}

	if _, errs, code := cli(t, dir, "agenda", "deadbeef"); code != ExitFail || !strings.Contains(errs, "No paper has the id deadbeef") {
		t.Errorf("unknown id: %d %q", code, errs)
	}
	out, _, code = cli(t, dir, "remove", id)
	if code != 0 || !strings.HasPrefix(out, "removed "+id) {
		t.Errorf("remove: %d %q", code, out)
	}
	out, _, _ = cli(t, dir, "search", "--json", "annual report")
	if !strings.Contains(out, `"total": 0`) {
		t.Errorf("removed paper still found: %q", out)
	}
}

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"frobnicate"}, exitUsage},
		{[]string{"list", "--nonsense"}, exitUsage},
		{[]string{"text"}, exitUsage},
		{[]string{"add", "--help"}, ExitOK},
		{[]string{"search", "--limit", "x", "police"}, exitUsage},
		{[]string{"questions", "deadline"}, exitUsage},
		{[]string{"--version"}, ExitOK},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			if _, _, code := cli(t, dir, tc.args...); code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
		})
	}
	for _, c := range commands {
		out, _, code := cli(t, dir, c.name, "--help")
		if code != ExitOK || !strings.HasPrefix(out, "Usage: panelpapers "+c.name) {
			t.Errorf("%s --help: %d %q", c.name, code, out)
		}
	}
}

func TestQuestionsDeadline(t *testing.T) {
	out, _, code := cli(t, t.TempDir(), "questions", "deadline", "--meeting", "2023-10-27", "--cutoff", "17:00")
	if code != 0 || !strings.HasPrefix(out, "2023-10-12 17:00\n") {
		t.Errorf("deadline: %d %q", code, out)
	}
	out, _, code = cli(t, t.TempDir(), "questions", "--days", "5", "deadline", "--meeting=2025-01-30")
	if code != 0 || !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}\n`).MatchString(out) {
		t.Errorf("deadline --days 5: %d %q", code, out)
	}
	if _, errs, code := cli(t, t.TempDir(), "questions", "deadline", "--meeting", "2023-10-27", "--days", "-1"); code != ExitFail || errs == "" {
		t.Errorf("negative days: %d %q", code, errs)
	}
}

// TestQuestionsSimilarEveryRun: "questions similar" answers from the index
// of questions kept in the data folder, the same every run, and the same
// while the window holds that index.
func TestQuestionsSimilarEveryRun(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the PDF engine")
	}
	dir := t.TempDir()
	pack, _ := samplePack(t)
	if _, errs, code := cli(t, dir, "add", pack); code != ExitOK {
		t.Fatalf("add: %d %q", code, errs)
	}
	similar := func() string {
		t.Helper()
		out, errs, code := cli(t, dir, "questions", "similar", "--json", "--limit", "10", "How long do callers wait on 101?")
		if code != ExitOK {
			t.Fatalf("questions similar: %d %q", code, errs)
		}
		return out
	}
	first := similar()
	var res struct {
		Results []struct {
			Date, Asker, Response *string
			Page                  int
		}
	}
	if err := json.Unmarshal([]byte(first), &res); err != nil {
		t.Fatal(err)
	}
	july, october := false, false
	for _, r := range res.Results {
		switch {
		case r.Date != nil && *r.Date == "2023-07-14" && r.Response != nil && strings.HasPrefix(*r.Response, "The average wait on 101"):
			july = true
		case r.Date != nil && *r.Date == "2023-10-27" && r.Response == nil && r.Page == 7:
			october = true
		}
	}
	if !july || !october {
		t.Errorf("want the July question with its response and the October one without:\n%s", first)
	}
	if _, err := os.Stat(filepath.Join(dir, "index", "questions", "bleve")); err != nil {
		t.Errorf("no index of questions kept in the data folder: %v", err)
	}
	for run := 2; run <= 3; run++ {
		if again := similar(); again != first {
			t.Errorf("run %d answers differently:\n%s\nthe first:\n%s", run, again, first)
		}
	}
	held, err := search.OpenQuestions(filepath.Join(dir, "index", "questions"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	if again := similar(); again != first {
		t.Errorf("while the window holds the index:\n%s\nwithout:\n%s", again, first)
	}
}
