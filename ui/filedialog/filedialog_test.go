package filedialog

import (
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf16"
)

func TestWithExtension(t *testing.T) {
	text := []Filter{{Name: "Text documents", Extensions: []string{"txt", "md"}}}
	for _, tc := range []struct {
		path    string
		filters []Filter
		want    string
	}{
		{"/d/Notes for 20 Oct 2023", text, "/d/Notes for 20 Oct 2023.txt"},
		{"/d/notes.md", text, "/d/notes.md"},
		{"/d/notes.TXT", text, "/d/notes.TXT"},
		{"/d/notes.doc", text, "/d/notes.doc.txt"},
		{"/d/backup", nil, "/d/backup"},
		{"/d/any", []Filter{{Name: "All", Extensions: []string{"*"}}}, "/d/any"},
	} {
		if got := WithExtension(tc.path, tc.filters); got != tc.want {
			t.Errorf("WithExtension(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

// TestSplitOpenBuffer reads what the Windows open dialog writes.
func TestSplitOpenBuffer(t *testing.T) {
	enc := func(parts ...string) []uint16 {
		var b []uint16
		for _, p := range parts {
			b = append(append(b, utf16.Encode([]rune(p))...), 0)
		}
		return append(b, 0, 0, 0)
	}
	if got := splitOpenBuffer(enc(`C:\Papers\pack.pdf`)); !slices.Equal(got, []string{`C:\Papers\pack.pdf`}) {
		t.Errorf("one file: %q", got)
	}
	got := splitOpenBuffer(enc("dir", "a.pdf", "Pecyn adroddiadau.pdf"))
	if want := []string{filepath.Join("dir", "a.pdf"), filepath.Join("dir", "Pecyn adroddiadau.pdf")}; !slices.Equal(got, want) {
		t.Errorf("several files: %q, want %q", got, want)
	}
	if got := splitOpenBuffer(make([]uint16, 8)); got != nil {
		t.Errorf("empty: %q", got)
	}
}
