// Command panelpapers is Panel Papers: a desktop reader for council committee
// papers, and a command line for scripts, tests and benchmarks.
//
// With no arguments it opens the window; with a subcommand it works headless
// and starts only what that subcommand needs (no window, and no PDF engine
// unless PDFs are read).
package main

import (
	"os"
	"path/filepath"

	"github.com/adrg/xdg"

	"panelpapers/docs/pdf"
	"panelpapers/ui/cli"
	"panelpapers/ui/session"
)

// version is the release, set by the build (-ldflags "-X main.version=…").
var version = "0.1.0-dev"

// folders are where the app keeps things on this system (xdg).
func folders() session.Folders {
	cache := os.Getenv("PANELPAPERS_CACHE")
	if cache == "" {
		cache = filepath.Join(xdg.CacheHome, "panelpapers")
	}
	return session.Folders{
		DefaultData: filepath.Join(xdg.DataHome, "panelpapers"),
		Config:      filepath.Join(xdg.ConfigHome, "panelpapers"),
		Cache:       cache,
	}
}

func main() {
	// The text worker is this same binary started by the extractor; it must
	// not parse arguments or touch the library.
	if pdf.IsExtractWorker() {
		os.Exit(pdf.RunExtractWorker(os.Stdin, os.Stdout))
	}
	f := folders()
	p := &cli.Program{Version: version, Folders: f, Stdout: os.Stdout, Stderr: os.Stderr,
		Window: func(dir string, movable bool) int { return runGUI(dir, movable, f, os.Stderr) }}
	os.Exit(p.Run(os.Args[1:]))
}
