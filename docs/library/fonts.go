package library

import (
	"os"
	"path/filepath"
	"sync"
)

// fontPairs are regular/bold TrueType files with Welsh letters (ŵ, ŷ) that
// the PDF export looks for, in order, under each font folder: both files
// of a pair must be there, so headings and text share one family.
var fontPairs = [][2]string{
	{"truetype/dejavu/DejaVuSans.ttf", "truetype/dejavu/DejaVuSans-Bold.ttf"},
	{"truetype/noto/NotoSans-Regular.ttf", "truetype/noto/NotoSans-Bold.ttf"},
	{"truetype/liberation/LiberationSans-Regular.ttf", "truetype/liberation/LiberationSans-Bold.ttf"},
	{"truetype/liberation2/LiberationSans-Regular.ttf", "truetype/liberation2/LiberationSans-Bold.ttf"},
	{"TTF/DejaVuSans.ttf", "TTF/DejaVuSans-Bold.ttf"},
	{"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"},
	{"arial.ttf", "arialbd.ttf"},    // Windows
	{"Arial.ttf", "Arial Bold.ttf"}, // macOS
	{"Supplemental/Arial.ttf", "Supplemental/Arial Bold.ttf"},
}

// fontDirs lists the folders fonts are installed in on Linux, macOS and
// Windows; PANELPAPERS_FONT_DIR comes first when set.
func fontDirs() []string {
	var dirs []string
	if d := os.Getenv("PANELPAPERS_FONT_DIR"); d != "" {
		dirs = append(dirs, d)
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, "Library", "Fonts"))
	}
	if w := os.Getenv("WINDIR"); w != "" {
		dirs = append(dirs, filepath.Join(w, "Fonts"))
	}
	return append(dirs, "/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts")
}

var systemFont struct {
	once          sync.Once
	regular, bold []byte
}

// loadSystemFonts returns the first regular/bold pair found, read once per
// process, or nil and nil when there is none (the export then uses PDF's
// built-in Helvetica, which lacks some Welsh letters).
func loadSystemFonts() (regular, bold []byte) {
	systemFont.once.Do(func() {
		for _, dir := range fontDirs() {
			for _, p := range fontPairs {
				r, err1 := os.ReadFile(filepath.Join(dir, p[0]))
				b, err2 := os.ReadFile(filepath.Join(dir, p[1]))
				if err1 == nil && err2 == nil {
					systemFont.regular, systemFont.bold = r, b
					return
				}
			}
		}
	})
	return systemFont.regular, systemFont.bold
}
