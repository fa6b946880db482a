// Package fonts finds a TrueType font with the Welsh letters (ŵ, ŷ, â) for
// the PDFs the app writes: the meeting briefing, and the generated test
// packs.
package fonts

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
)

// ErrNone reports that no regular/bold pair of the fonts looked for is
// installed. Debian's fonts-dejavu-core (or fonts-liberation) fixes it.
var ErrNone = errors.New("no TrueType font found: install fonts-dejavu-core or set PANELPAPERS_FONT_DIR")

// pairs are regular/bold TrueType files looked for, in order, under each
// font folder: both files of a pair must be there, so headings and text
// share one family.
var pairs = [][2]string{
	{"truetype/dejavu/DejaVuSans.ttf", "truetype/dejavu/DejaVuSans-Bold.ttf"},
	{"truetype/noto/NotoSans-Regular.ttf", "truetype/noto/NotoSans-Bold.ttf"},
	{"truetype/liberation/LiberationSans-Regular.ttf", "truetype/liberation/LiberationSans-Bold.ttf"},
	{"truetype/liberation2/LiberationSans-Regular.ttf", "truetype/liberation2/LiberationSans-Bold.ttf"},
	{"TTF/DejaVuSans.ttf", "TTF/DejaVuSans-Bold.ttf"},
	{"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"},
	{"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"},
	{"arial.ttf", "arialbd.ttf"},    // Windows
	{"Arial.ttf", "Arial Bold.ttf"}, // macOS
	{"Supplemental/Arial.ttf", "Supplemental/Arial Bold.ttf"},
}

// dirs lists the folders fonts are installed in on Linux, macOS and
// Windows; PANELPAPERS_FONT_DIR comes first when set.
func dirs() []string {
	var out []string
	if d := os.Getenv("PANELPAPERS_FONT_DIR"); d != "" {
		out = append(out, d)
	}
	if home, err := os.UserHomeDir(); err == nil {
		out = append(out, filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, "Library", "Fonts"))
	}
	if w := os.Getenv("WINDIR"); w != "" {
		out = append(out, filepath.Join(w, "Fonts"))
	}
	return append(out, "/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts")
}

// Load returns the first regular/bold pair found. The files are read once
// per process: every PDF written embeds a subset of the same files.
var Load = sync.OnceValues(func() (Pair, error) {
	for _, dir := range dirs() {
		for _, p := range pairs {
			r, err1 := os.ReadFile(filepath.Join(dir, p[0]))
			b, err2 := os.ReadFile(filepath.Join(dir, p[1]))
			if err1 == nil && err2 == nil {
				return Pair{Regular: r, Bold: b}, nil
			}
		}
	}
	return Pair{}, ErrNone
})

// Pair is a font's regular and bold TrueType files.
type Pair struct {
	Regular, Bold []byte
}
