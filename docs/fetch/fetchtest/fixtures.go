package fetchtest

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// modulePath is the module whose root the fixtures are found from.
const modulePath = "panelpapers"

// Where the fixtures live, relative to the repository's root: the real
// ModernGov responses in the shared folder beside the repository, and the
// meeting pages written for the tests in docs/fetch/testdata (which the
// window's tests read too).
var (
	moderngovDir = filepath.Join("..", "shared", "moderngov")
	pagesDir     = filepath.Join("docs", "fetch", "testdata")
)

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

// ModernGovDir is the folder of real ModernGov web-service responses,
// ../shared/moderngov beside the repository's root (see its README).
func ModernGovDir() (string, error) {
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, moderngovDir)
	if _, err := os.Stat(filepath.Join(dir, "committees.xml")); err != nil {
		return "", fmt.Errorf("the ModernGov fixtures are not at %s (../shared beside the repository): %w", dir, err)
	}
	return dir, nil
}

// Fixture returns a fixture's text: a web-service response ("committees.xml",
// "meetings.xml", "meeting_with_minutes.xml", "meeting_no_minutes.xml") from
// ModernGovDir, or a meeting page ("ieListDocuments_4967.html",
// "ieListDocuments_4967_nopack.html") from docs/fetch/testdata. A fixture
// that cannot be read fails the test.
func Fixture(t testing.TB, name string) string {
	t.Helper()
	b, err := readFixture(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func readFixture(name string) ([]byte, error) {
	if strings.HasSuffix(name, ".xml") {
		dir, err := ModernGovDir()
		if err != nil {
			return nil, err
		}
		return os.ReadFile(filepath.Join(dir, name))
	}
	root, err := RepoRoot()
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(root, pagesDir, name))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("fetchtest: no fixture %q in %s: %w", name, filepath.Join(root, pagesDir), err)
	}
	return b, err
}
