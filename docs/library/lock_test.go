package library

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"panelpapers/docs"
)

// importerEnv names the library folder (and, after a space, the PDF) the
// importing child process of TestOneImportOfAPaperAtATime adds to.
const importerEnv = "PANELPAPERS_IMPORTER"

// stuckExtractor says "extracting" and then never finishes: the import
// holds its locks until the process is killed.
type stuckExtractor struct{}

func (stuckExtractor) Extract(ctx context.Context, _, _ string, _ func(int, int)) ([]docs.Page, error) {
	os.Stdout.WriteString("extracting\n")
	time.Sleep(time.Hour)
	return nil, ctx.Err()
}

// TestImporterProcess is the child process of TestOneImportOfAPaperAtATime,
// not a test of its own: it adds the PDF and gets stuck reading it.
func TestImporterProcess(t *testing.T) {
	spec := os.Getenv(importerEnv)
	if spec == "" {
		t.Skip("the child process of TestOneImportOfAPaperAtATime")
	}
	dir, pdf, _ := strings.Cut(spec, " ")
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := &Papers{Lib: lib, Extractor: stuckExtractor{}}
	_, err = p.Import(context.Background(), pdf, ImportOptions{})
	t.Fatalf("the import ended: %v", err)
}

// TestOneImportOfAPaperAtATime has another process add a PDF and get stuck
// reading it (killed later, as in a crash), and checks that adding the same
// PDF here waits briefly and then says it is busy; that a start-up tidying
// leaves the other process's staging copy alone while it lives and removes
// it, and the lock file, once it is dead; and that the PDF can then be
// added.
//
// Fails when the lock is removed (no lockPaper in Import: both add the
// paper), or when the tidying ignores the locks (removeLeftovers without
// filelock.Take: the live staging copy is deleted).
func TestOneImportOfAPaperAtATime(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	dir := t.TempDir()
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4 the same pack, added twice\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestImporterProcess$")
	cmd.Env = append(os.Environ(), importerEnv+"="+dir+" "+pdf)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	lines := bufio.NewScanner(out)
	for lines.Scan() && lines.Text() != "extracting" {
	}

	p := &Papers{Lib: lib, Extractor: fakeExtractor{pages: testPages()}}
	start := time.Now()
	_, err = p.Import(context.Background(), pdf, ImportOptions{})
	if !errors.Is(err, docs.ErrBusy) {
		t.Fatalf("adding the PDF the other process is adding: %v, want ErrBusy", err)
	}
	if waited := time.Since(start); waited < lockWait/2 {
		t.Errorf("gave up after %v without waiting", waited)
	}
	staging := leftovers(t, dir)
	if len(staging) != 2 {
		t.Fatalf("files/ holds %v, want the other process's staging copy and its paper's lock", staging)
	}
	// Even counted as old, a staging copy in use stays.
	old := time.Now().Add(-time.Hour)
	for _, name := range staging {
		os.Chtimes(filepath.Join(dir, "files", name), old, old)
	}
	if _, err := OpenLibrary(dir); err != nil {
		t.Fatal(err)
	}
	if got := leftovers(t, dir); len(got) != 2 {
		t.Fatalf("a start while the other process lives left %v, want %v", got, staging)
	}

	cmd.Process.Kill()
	cmd.Wait()
	if _, err := OpenLibrary(dir); err != nil {
		t.Fatal(err)
	}
	if got := leftovers(t, dir); len(got) != 0 {
		t.Errorf("a start after the other process died left %v", got)
	}
	res, err := p.Import(context.Background(), pdf, ImportOptions{})
	if err != nil || !res.Added {
		t.Fatalf("adding the PDF once the other process is gone: %+v, %v", res, err)
	}
	if got := leftovers(t, dir); len(got) != 0 {
		t.Errorf("an import left %v", got)
	}
}

// leftovers lists what files/ holds besides papers.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "files"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".pdf") || strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}
