package filedialog

import (
	"path/filepath"
	"unicode/utf16"
)

// splitOpenBuffer reads what GetOpenFileName wrote: one full path, or a
// folder and the names of the files in it.
func splitOpenBuffer(buf []uint16) []string {
	var parts []string
	start := 0
	for i, c := range buf {
		if c != 0 {
			continue
		}
		if i == start {
			break // the second NUL
		}
		parts = append(parts, string(utf16.Decode(buf[start:i])))
		start = i + 1
	}
	if len(parts) <= 1 {
		return parts
	}
	out := make([]string, 0, len(parts)-1)
	for _, name := range parts[1:] {
		out = append(out, filepath.Join(parts[0], name))
	}
	return out
}
