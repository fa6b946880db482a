//go:build !nowindow

package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"panelpapers/docs"
	"panelpapers/docs/library"
	"panelpapers/ui/cli"
	"panelpapers/ui/session"
)

// firstWindowEnv makes this test binary, run again, stand in for a first
// window: it holds the data folder's window lock and the store itself, says
// "ready", and lets go when its standard input closes.
const firstWindowEnv = "PANELPAPERS_TEST_FIRST_WINDOW"

func TestMain(m *testing.M) {
	if dir := os.Getenv(firstWindowEnv); dir != "" {
		os.Exit(holdFirstWindow(dir))
	}
	os.Exit(m.Run())
}

func holdFirstWindow(dir string) int {
	lock, err := library.LockInstance(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer lock.Release()
	// The store open for writing: bbolt's exclusive lock on library.db, as
	// while the first window saves. Anything that opened the store before
	// the window lock would wait its whole lock timeout here.
	db, err := bolt.Open(filepath.Join(dir, "library.db"), 0o600, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	return 0
}

// startFirstWindow runs holdFirstWindow in another process and returns once
// it holds both locks.
func startFirstWindow(tb testing.TB, dir string) {
	tb.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), firstWindowEnv+"="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			tb.Errorf("first window: %v: %s", err, stderr.String())
		}
	})
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "ready\n" {
		tb.Fatalf("first window did not start: %q %s", line, stderr.String())
	}
}

// A second window on a library already open in another process is refused
// with the already-open sentence, from the window lock, without waiting on
// the store: the first process holds library.db too, so a second window
// that opened the store before taking the window lock would wait the store's
// lock timeout (3 s) and then say the library is busy instead. (Move
// library.LockInstance after session.Library in runGUI, or have
// LockInstance open library.db, and this fails.) How long the refusal takes
// is BenchmarkSecondWindowRefused's to measure, not this test's.
func TestSecondWindowRefusedWithoutWaitingOnTheStore(t *testing.T) {
	dir := t.TempDir()
	startFirstWindow(t, dir)

	var stderr strings.Builder
	if code := runGUI(dir, false, session.Folders{}, &stderr); code != cli.ExitFail {
		t.Errorf("runGUI returned %d, want %d", code, cli.ExitFail)
	}
	if got, want := strings.TrimSpace(stderr.String()), cli.Sentence(docs.ErrAlreadyOpen); got != want {
		t.Errorf("the second window said %q, want %q", got, want)
	}
	if _, err := library.LockInstance(dir); !errors.Is(err, docs.ErrAlreadyOpen) {
		t.Errorf("LockInstance: %v, want ErrAlreadyOpen", err)
	}
}

// BenchmarkSecondWindowRefused is how long a second window takes to be
// refused while another process has the library open: the figure for the
// README.
func BenchmarkSecondWindowRefused(b *testing.B) {
	dir := b.TempDir()
	startFirstWindow(b, dir)
	for b.Loop() {
		if code := runGUI(dir, false, session.Folders{}, io.Discard); code != cli.ExitFail {
			b.Fatalf("runGUI returned %d", code)
		}
	}
}

// TestDownloadFolderFromTheSession checks the front ends wait for downloads
// in the session's folder (Session.DownloadDir), where opening a session
// tidies stale parts away, rather than naming a folder of their own: no
// string "downloads" in the window's wiring, main or the command line.
func TestDownloadFolderFromTheSession(t *testing.T) {
	fs := token.NewFileSet()
	for _, dir := range []string{".", "ui/cli"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fs, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, _ := strconv.Unquote(lit.Value); s == "downloads" {
						t.Errorf("%s names the downloads folder: use the session's DownloadDir", fs.Position(lit.Pos()))
					}
				}
				return true
			})
		}
	}
}
