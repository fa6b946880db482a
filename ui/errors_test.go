package ui

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/fetch"
	"panelpapers/docs/library"
	"panelpapers/docs/questions"
	"panelpapers/search"
)

// sentinels are the domain's sentinel errors by the name their source
// declares them under (folder from the repository's root, then name), and
// the system's errors the member meets. TestEveryErrorHasASentence finds
// the domain's in the source: a new one fails the test until it is listed
// here and errorTable (errors.go) has a sentence for it.
var sentinels = map[string]error{
	"docs.ErrEmptyFile":                docs.ErrEmptyFile,
	"docs.ErrBusy":                     docs.ErrBusy,
	"docs.ErrPageTimeout":              docs.ErrPageTimeout,
	"docs.ErrPageOutOfMemory":          docs.ErrPageOutOfMemory,
	"docs/library.ErrBadCorrection":    library.ErrBadCorrection,
	"docs.ErrNotPDF":                   docs.ErrNotPDF,
	"docs.ErrLooksHTML":                docs.ErrLooksHTML,
	"docs.ErrDamaged":                  docs.ErrDamaged,
	"docs.ErrEncrypted":                docs.ErrEncrypted,
	"docs.ErrBadPassword":              docs.ErrBadPassword,
	"docs.ErrNoPages":                  docs.ErrNoPages,
	"docs.ErrFileTooLarge":             docs.ErrFileTooLarge,
	"docs.ErrPageTooLarge":             docs.ErrPageTooLarge,
	"docs.ErrLocked":                   docs.ErrLocked,
	"docs.ErrNotFound":                 docs.ErrNotFound,
	"docs.ErrAmbiguous":                docs.ErrAmbiguous,
	"docs.ErrIndexBehind":              docs.ErrIndexBehind,
	"docs.ErrAlreadyOpen":              docs.ErrAlreadyOpen,
	"docs.ErrQuoteNotFound":            docs.ErrQuoteNotFound,
	"docs.ErrBadNote":                  docs.ErrBadNote,
	"docs.ErrNothingToUndo":            docs.ErrNothingToUndo,
	"docs.ErrNotesBehind":              docs.ErrNotesBehind,
	"docs.ErrNoteIndexBehind":          docs.ErrNoteIndexBehind,
	"docs/library.ErrBadBackup":        library.ErrBadBackup,
	"docs/library.ErrBackupTooNew":     library.ErrBackupTooNew,
	"docs/library.ErrMoveOverlap":      library.ErrMoveOverlap,
	"docs/library.ErrMoveNotEmpty":     library.ErrMoveNotEmpty,
	"docs/library.ErrMoveNoSpace":      library.ErrMoveNoSpace,
	"docs/library.ErrMoveNoLibrary":    library.ErrMoveNoLibrary,
	"docs/library.ErrOldFolderLeft":    library.ErrOldFolderLeft,
	"docs/fetch.ErrUnknownCommittee":   fetch.ErrUnknownCommittee,
	"docs/fetch.ErrAmbiguousCommittee": fetch.ErrAmbiguousCommittee,
	"docs/fetch.ErrOffline":            fetch.ErrOffline,
	"docs/fetch.ErrStalled":            fetch.ErrStalled,
	"docs/fetch.ErrDropped":            fetch.ErrDropped,
	"docs/fetch.ErrInsecure":           fetch.ErrInsecure,
	"docs/fetch.ErrBadResponse":        fetch.ErrBadResponse,
	"docs/questions.ErrBadRule":        questions.ErrBadRule,
	"search.ErrBadQuery":               search.ErrBadQuery,
	"search.ErrDamaged":                search.ErrDamaged,

	// The system's.
	"syscall.ENOSPC":           syscall.ENOSPC,
	"os.ErrNotExist":           os.ErrNotExist,
	"os.ErrPermission":         os.ErrPermission,
	"context.DeadlineExceeded": context.DeadlineExceeded,
}

// unreachable are sentinels declared under docs/ that never reach the
// window, and why. The test checks the reason still holds.
var unreachable = map[string]string{
	"docs/packgen.ErrNoFont": "packgen builds the sample packs of tests and benchmarks; the window does not import it",
	"docs/internal/fonts.ErrNone": "fonts.Load's callers are packgen and the briefing, which falls back to the PDF core fonts " +
		"(and ui may not import an internal package of docs)",
}

// repoRoot is the folder of go.mod, above the test's own.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = up
	}
}

// sentinelsInSource finds every exported package-level variable named
// Err… in the Go source (not the tests) of docs/... and search, by
// "folder.Name".
func sentinelsInSource(t *testing.T) map[string]token.Position {
	t.Helper()
	root := repoRoot(t)
	found := map[string]token.Position{}
	fset := token.NewFileSet()
	for _, top := range []string{"docs", "search"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(root, filepath.Dir(path))
			if err != nil {
				return err
			}
			for _, decl := range f.Decls {
				g, ok := decl.(*ast.GenDecl)
				if !ok || g.Tok != token.VAR {
					continue
				}
				for _, spec := range g.Specs {
					for _, name := range spec.(*ast.ValueSpec).Names {
						if strings.HasPrefix(name.Name, "Err") && name.IsExported() {
							found[filepath.ToSlash(rel)+"."+name.Name] = fset.Position(name.Pos())
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(found) < 30 {
		t.Fatalf("only %d sentinel errors found in docs/ and search/: is the walk looking in the right place?", len(found))
	}
	return found
}

// TestEveryErrorHasASentence checks the window can say every error the
// domain can return in its own words, in English and in Welsh: it finds
// the sentinels in the source of docs/... and search, and asks errorTable
// for each.
func TestEveryErrorHasASentence(t *testing.T) {
	found := sentinelsInSource(t)
	var names []string
	for name := range found {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		_, listed := sentinels[name]
		_, skipped := unreachable[name]
		if !listed && !skipped {
			t.Errorf("%s: %s has no sentence: add it to sentinels (errors_test.go) and its words to errorTable (errors.go), in both languages", found[name], name)
		}
	}
	for name := range sentinels {
		if _, ok := found[name]; !ok && !strings.HasPrefix(name, "syscall.") && !strings.HasPrefix(name, "os.") && !strings.HasPrefix(name, "context.") {
			t.Errorf("%s is no longer declared: take it out of sentinels", name)
		}
	}
	for name := range unreachable {
		if _, ok := found[name]; !ok {
			t.Errorf("%s is no longer declared: take it out of unreachable", name)
		}
	}
	checkPackgenUnused(t)

	english := map[string]string{}
	for name, err := range sentinels {
		msg, ok := sentenceFor(anywhere, fmt.Errorf("some operation: %w", err))
		if !ok {
			t.Errorf("%s: errorTable has no sentence for it anywhere", name)
			continue
		}
		if strings.Contains(msg, "{{") || !strings.HasSuffix(msg, ".") || strings.ToUpper(msg[:1]) != msg[:1] {
			t.Errorf("%s: %q is not a whole sentence", name, msg)
		}
		english[name] = msg
	}
	inWelsh(t)
	for name, err := range sentinels {
		if _, ok := english[name]; !ok {
			continue
		}
		msg, _ := sentenceFor(anywhere, fmt.Errorf("some operation: %w", err))
		if msg == english[name] {
			t.Errorf("%s: %q is not translated into Welsh", name, msg)
		}
	}
}

// TestEverySentenceIsWelsh checks every sentence of the table, those for
// one place included, has its Welsh.
func TestEverySentenceIsWelsh(t *testing.T) {
	probes := []error{&fetch.StatusError{URL: "x", Code: 404}, &fetch.StatusError{URL: "x", Code: 403},
		&fetch.StatusError{URL: "x", Code: 503}, x509.UnknownAuthorityError{}}
	probe := func(s errorSentence) error {
		if s.err != nil {
			return s.err
		}
		for _, p := range probes {
			if s.as(p) {
				return p
			}
		}
		t.Fatalf("no probe matches an entry of the table: add one")
		return nil
	}
	english := make([]string, len(errorTable))
	for i, s := range errorTable {
		english[i] = s.say(probe(s))
	}
	inWelsh(t)
	for i, s := range errorTable {
		if got := s.say(probe(s)); got == english[i] || got == "" {
			t.Errorf("%q is not translated into Welsh", english[i])
		}
	}
}

// checkPackgenUnused checks the reason unreachable gives for packgen: no
// file of the window or of main imports it.
func checkPackgenUnused(t *testing.T) {
	t.Helper()
	root := repoRoot(t)
	files, _ := filepath.Glob(filepath.Join(root, "ui", "*.go"))
	more, _ := filepath.Glob(filepath.Join(root, "*.go"))
	fset := token.NewFileSet()
	for _, name := range append(files, more...) {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "panelpapers/docs/packgen" {
				t.Errorf("%s imports packgen: its ErrNoFont can reach the member now, so give it a sentence", name)
			}
		}
	}
}

// TestErrorPlaces checks the same error is said for where it shows: a web
// page instead of a PDF is the site's doing in a download, the file's
// elsewhere; a busy library while moving may be the command line's.
func TestErrorPlaces(t *testing.T) {
	html := fmt.Errorf("add x: %w", docs.ErrLooksHTML)
	if got, _ := sentenceFor(inDownload, html); !strings.Contains(got, "council's site sent a web page") {
		t.Errorf("in a download: %q", got)
	}
	if got, _ := sentenceFor(anywhere, html); !strings.Contains(got, "This file is not a PDF") {
		t.Errorf("anywhere: %q", got)
	}
	if got := moveSentence(docs.ErrLocked); !strings.Contains(got, "command line") {
		t.Errorf("moving, locked: %q", got)
	}
	if got := moveSentence(library.ErrMoveNotEmpty); got != "That folder already has things in it. Choose an empty folder, or make a new one." {
		t.Errorf("moving into a full folder: %q", got)
	}
	if got := moveSentence(fmt.Errorf("copy: %w", syscall.ENOSPC)); !strings.Contains(got, "still where it was") || !strings.Contains(got, "disk is full") {
		t.Errorf("moving, disk full: %q", got)
	}
	if got := moveSentence(errors.New("copy x: odd")); !strings.Contains(got, "(copy x: odd)") {
		t.Errorf("moving, unknown: %q", got)
	}
	// A search's own words for its mistake, in English; in Welsh the
	// table's.
	bad := fmt.Errorf("search: %w", &search.QueryError{Msg: "The search has an opening quote with no closing quote."})
	if got := explain(bad); got != "The search has an opening quote with no closing quote." {
		t.Errorf("bad search: %q", got)
	}
	inWelsh(t)
	if got := explain(bad); !strings.Contains(got, "Ni ellir deall") {
		t.Errorf("bad search in Welsh: %q", got)
	}
}

// TestWindowUsesItsOwnWords checks the window speaks its own table, in the
// member's language; it once fell back to the command line's English.
func TestWindowUsesItsOwnWords(t *testing.T) {
	f := newFixture(t, nil)
	inWelsh(t)
	if got := f.u.explain(fmt.Errorf("open: %w", docs.ErrNoPages)); got != "Nid oes tudalennau yn y PDF hwn." {
		t.Errorf("known error: %q", got)
	}
	if got := f.u.explain(errors.New("odd")); got != "Odd." {
		t.Errorf("unknown error: %q", got)
	}
}
