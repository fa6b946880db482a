package ui

import (
	"fmt"
	"strings"
	"testing"

	"panelpapers/docs"
)

// A file refused for its size and a page too big to draw are two errors:
// with one ErrTooLarge for both, refusing a big file told the member to
// zoom out.
func TestTooLargeSentences(t *testing.T) {
	u := &UI{}
	file := u.explain(fmt.Errorf("add x.pdf: 2048 MB: %w", docs.ErrFileTooLarge))
	page := u.explain(fmt.Errorf("draw page 3: %w", docs.ErrPageTooLarge))
	if strings.Contains(strings.ToLower(file), "zoom") || !strings.Contains(file, "too large") {
		t.Errorf("a file too large: %q", file)
	}
	if !strings.Contains(strings.ToLower(page), "zoom") {
		t.Errorf("a page too large: %q", page)
	}
}
