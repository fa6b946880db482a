package fetchtest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"panelpapers/docs/internal/doctest"
)

// Where the fixtures live, relative to the repository's root: the real
// ModernGov responses in the shared folder beside the repository, and the
// meeting pages written for the tests in docs/fetch/testdata (which the
// window's tests read too).
var (
	moderngovDir = filepath.Join("..", "shared", "moderngov")
	pagesDir     = filepath.Join("docs", "fetch", "testdata")
)

// RepoRoot finds the repository's root (see doctest.RepoRoot).
func RepoRoot() (string, error) { return doctest.RepoRoot() }

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
