package packgen

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// ErrNoFont reports that no TrueType font with Welsh letters (ŵ, ŷ, â) was
// found. Installing Debian's fonts-dejavu-core (or fonts-liberation) fixes it.
var ErrNoFont = errors.New("no TrueType font found: install fonts-dejavu-core or set PANELPAPERS_FONT_DIR")

// fontPairs are regular/bold file pairs looked for in order; both files of a
// pair must exist so that headings and body text share one family.
var fontPairs = [][2]string{
	{"truetype/dejavu/DejaVuSans.ttf", "truetype/dejavu/DejaVuSans-Bold.ttf"},
	{"truetype/liberation/LiberationSans-Regular.ttf", "truetype/liberation/LiberationSans-Bold.ttf"},
	{"truetype/liberation2/LiberationSans-Regular.ttf", "truetype/liberation2/LiberationSans-Bold.ttf"},
	{"TTF/DejaVuSans.ttf", "TTF/DejaVuSans-Bold.ttf"},
	{"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"},
	{"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"},
}

type fontFiles struct {
	regular, bold []byte
}

var (
	fontOnce   sync.Once
	fontLoaded fontFiles
	fontErr    error
)

// loadFonts reads the font files once per process: every generated PDF embeds
// a subset of the same files, and reading 700 kB per pack would dominate the
// time of a small pack.
func loadFonts() (fontFiles, error) {
	fontOnce.Do(func() {
		roots := []string{"/usr/share/fonts", "/usr/local/share/fonts"}
		if d := os.Getenv("PANELPAPERS_FONT_DIR"); d != "" {
			roots = append([]string{d}, roots...)
		}
		for _, root := range roots {
			for _, p := range fontPairs {
				reg, err1 := os.ReadFile(filepath.Join(root, p[0]))
				bold, err2 := os.ReadFile(filepath.Join(root, p[1]))
				if err1 == nil && err2 == nil {
					fontLoaded = fontFiles{regular: reg, bold: bold}
					return
				}
			}
		}
		fontErr = fmt.Errorf("load fonts from %v: %w", roots, ErrNoFont)
	})
	return fontLoaded, fontErr
}
