package doctest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// modulePath is the module whose root the shared material is found from.
const modulePath = "panelpapers"

// RepoRoot finds the repository's root (the folder whose go.mod declares
// module panelpapers): upwards from the working directory, which is the
// package's folder when `go test` runs, else from this source file.
func RepoRoot() (string, error) {
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		starts = append(starts, filepath.Dir(file))
	}
	for _, dir := range starts {
		for {
			if isModuleRoot(dir) {
				return dir, nil
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return "", fmt.Errorf("no go.mod of module %s above %s", modulePath, strings.Join(starts, " or "))
}

func isModuleRoot(dir string) bool {
	f, err := os.Open(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) == 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`) == modulePath
		}
	}
	return false
}

// SharedDir is a folder of the real material beside the repository
// (../shared/<sub>: corpus, meetings, moderngov), or $PANELPAPERS_SHARED/<sub>,
// or for the corpus $PANELPAPERS_CORPUS. Without it the test is skipped,
// except on CI (CI=true), where it fails: CI must test the real papers.
func SharedDir(t testing.TB, sub string) string {
	t.Helper()
	dir := ""
	switch {
	case sub == "corpus" && os.Getenv("PANELPAPERS_CORPUS") != "":
		dir = os.Getenv("PANELPAPERS_CORPUS")
	case os.Getenv("PANELPAPERS_SHARED") != "":
		dir = filepath.Join(os.Getenv("PANELPAPERS_SHARED"), sub)
	default:
		root, err := RepoRoot()
		if err != nil {
			Need(t, "the repository's root: %v", err)
		}
		dir = filepath.Join(root, "..", "shared", sub)
	}
	if _, err := os.Stat(dir); err != nil {
		Need(t, "the real papers in ../shared/%s (set PANELPAPERS_SHARED to the folder holding meetings/ and corpus/): %v", sub, err)
	}
	return dir
}

// Need skips the test for want of something, or fails it on CI.
func Need(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("missing "+format, args...)
	}
	t.Skipf("missing "+format, args...)
}
