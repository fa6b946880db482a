// Package session is what a front end opens on a data folder: the library,
// the PDF engine with one text extractor for the whole session, and the
// search indexes, each started when first needed. The window and the
// command line both use it, so neither holds wiring the other lacks. It
// does not import Fyne.
package session

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/fetch"
	"panelpapers/docs/library"
	"panelpapers/docs/pdf"
	"panelpapers/search"
)

// Session holds what is open on one data folder. Close it when done.
type Session struct {
	// Dir is the data folder; CacheDir holds derived files that may be
	// deleted at any time (the PDF engine's compiled code).
	Dir, CacheDir string
	// Index is the search indexes as imports, notes and drafts see them:
	// the command line opens them before changing anything, the window in
	// the background.
	Index search.Deferred

	mu        sync.Mutex
	lib       *library.Library
	engine    *pdf.PDFiumStarter
	extractor *extractor
}

// New returns a session on the data folder dir; nothing is opened yet.
func New(dir, cacheDir string) *Session {
	return &Session{Dir: dir, CacheDir: cacheDir}
}

// DownloadDir is where downloads wait until they are complete and checked:
// inside the data folder, so that adding them to the library is a rename.
func (s *Session) DownloadDir() string { return filepath.Join(s.Dir, "downloads") }

// IndexDir is the folder of the search index of pages.
func (s *Session) IndexDir() string { return filepath.Join(s.Dir, "index") }

// QuestionsDir is the folder of the index of questions asked before, inside
// the page index's folder: derived data, left behind when the library moves.
func (s *Session) QuestionsDir() string { return filepath.Join(s.Dir, "index", "questions") }

// Library opens the library on first use.
func (s *Session) Library() (*library.Library, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lib == nil {
		lib, err := library.OpenLibrary(s.Dir)
		if err != nil {
			return nil, err
		}
		// What a crash left in the downloads folder goes now, except what
		// another copy of the app is downloading (the library tidies its
		// own files folder as it opens). Tidying only: a failure changes
		// nothing.
		_ = fetch.RemoveStaleParts(s.DownloadDir(), fetch.StaleAfter, time.Now())
		s.lib = lib
	}
	return s.lib, nil
}

// Engine starts the PDF engine in the background on first use and returns
// it being started: Wait gives it once it is ready.
func (s *Session) Engine() *pdf.PDFiumStarter {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.engine == nil {
		s.engine = pdf.StartPDFiumInBackground(filepath.Join(s.CacheDir, "wazero"))
	}
	return s.engine
}

// Extractor reads PDFs with one pool of text workers for the session; it
// starts the engine only when a PDF is first read.
func (s *Session) Extractor() docs.TextExtractor { return s.pdfExtractor() }

// pdfExtractor is the session's one extractor, made on first use: it reads
// texts (docs.TextExtractor) and titles (docs.TitleReader).
func (s *Session) pdfExtractor() *extractor {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.extractor == nil {
		s.extractor = &extractor{engine: s.Engine}
	}
	return s.extractor
}

// Papers is the import and removal flow on the library, with the session's
// extractor and indexes.
func (s *Session) Papers() (*library.Papers, error) {
	lib, err := s.Library()
	if err != nil {
		return nil, err
	}
	x := s.pdfExtractor()
	return &library.Papers{Lib: lib, Extractor: x, Titles: x, Index: &s.Index}, nil
}

// Notebook is the notes flow, keeping notes searchable.
func (s *Session) Notebook() (*library.Notebook, error) {
	lib, err := s.Library()
	if err != nil {
		return nil, err
	}
	return &library.Notebook{Lib: lib, Index: &s.Index}, nil
}

// Drafts is the question drafts, kept searchable.
func (s *Session) Drafts() (library.Drafts, error) {
	lib, err := s.Library()
	if err != nil {
		return library.Drafts{}, err
	}
	return library.Drafts{Library: lib, Index: &s.Index}, nil
}

// Close closes the indexes, stops the text workers and the engine.
func (s *Session) Close() {
	s.Index.Close()
	s.mu.Lock()
	x, engine := s.extractor, s.engine
	s.mu.Unlock()
	if x != nil {
		x.close()
	}
	if engine != nil {
		_ = engine.Close()
	}
}

// extractor reads PDFs once the engine is ready, with one pdf.Extractor
// (and its pool of text workers) for the whole session.
type extractor struct {
	engine func() *pdf.PDFiumStarter
	once   sync.Once
	x      *pdf.Extractor
}

// ready waits for the engine and makes the pdf.Extractor on first use.
func (e *extractor) ready(ctx context.Context) (*pdf.Extractor, error) {
	p, err := e.engine().Wait(ctx)
	if err != nil {
		return nil, fmt.Errorf("start the PDF engine: %w", err)
	}
	e.once.Do(func() { e.x = pdf.NewExtractor(p) })
	return e.x, nil
}

func (e *extractor) Extract(ctx context.Context, path, password string, progress func(done, total int)) ([]docs.Page, error) {
	x, err := e.ready(ctx)
	if err != nil {
		return nil, err
	}
	return x.Extract(ctx, path, password, progress)
}

// Title reads a PDF's Title metadata with the session's extractor.
func (e *extractor) Title(ctx context.Context, path, password string) (string, error) {
	x, err := e.ready(ctx)
	if err != nil {
		return "", err
	}
	return x.Title(ctx, path, password)
}

// The session's extractor reads texts and titles.
var (
	_ docs.TextExtractor = (*extractor)(nil)
	_ docs.TitleReader   = (*extractor)(nil)
)

// close stops the text workers, if any were started.
func (e *extractor) close() {
	e.once.Do(func() {})
	if e.x != nil {
		e.x.Close()
	}
}

// Folders are where the app keeps things, as main resolves them for the
// system it runs on.
type Folders struct {
	// DefaultData is the data folder when nothing else names one.
	DefaultData string
	// Config holds only the data folder's own place after a "Move…".
	Config string
	// Cache holds derived files that may be deleted at any time.
	Cache string
}

// DataDir resolves the data folder: flag (--data), then $PANELPAPERS_DATA,
// then where a "Move…" put it (the pointer in Config), then DefaultData.
// movable says whether "Move…" may be offered: not when --data or
// $PANELPAPERS_DATA chose the folder, as they would win over the pointer
// and the member would open the emptied old place.
func (f Folders) DataDir(flag string) (dir string, movable bool, err error) {
	if flag != "" {
		return flag, false, nil
	}
	if d := os.Getenv("PANELPAPERS_DATA"); d != "" {
		return d, false, nil
	}
	moved, err := library.ReadDataPointer(f.Config)
	if err != nil {
		return "", false, err
	}
	if moved != "" {
		// A moved library that is not there (a drive not plugged in) must
		// not be replaced by a new empty one.
		if _, err := os.Stat(filepath.Join(moved, "library.db")); err != nil {
			return "", false, fmt.Errorf("the library was moved to %s, which cannot be found (is its drive plugged in?): %w", moved, err)
		}
		return moved, true, nil
	}
	return f.DefaultData, true, nil
}
