package widgets

import (
	"go/build"
	"strings"
	"testing"
)

// TestImportsOnlyFyne keeps the package free of Panel Papers: its files
// import Fyne and the standard library only (go list -deps says the same
// of the whole graph, as Fyne imports nothing of ours).
func TestImportsOnlyFyne(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkg.Imports {
		first := strings.Split(p, "/")[0]
		if strings.HasPrefix(p, "panelpapers") || strings.Contains(first, ".") && !strings.HasPrefix(p, "fyne.io/fyne/v2") {
			t.Errorf("ui/widgets imports %s: it may import only Fyne and the standard library", p)
		}
	}
}
