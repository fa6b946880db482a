//go:build !nowindow

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"
	"github.com/adrg/xdg"

	"panelpapers/assets"
	"panelpapers/docs"
	"panelpapers/docs/fetch"
	"panelpapers/docs/library"
	"panelpapers/search"
	"panelpapers/ui"
	"panelpapers/ui/cli"
	"panelpapers/ui/filedialog"
	"panelpapers/ui/session"
)

// appID is the application's identity for Fyne (preferences, notifications).
const appID = "wales.panelpapers.app"

// runGUI opens the window on the library. A second window on the same data
// folder is refused at once with a sentence, never left hanging on a lock.
// The PDF engine and the search index start in the background, so the list
// of papers is on screen before either is ready.
func runGUI(dir string, movable bool, f session.Folders, stderr io.Writer) int {
	lock, err := library.LockInstance(dir)
	if err != nil {
		fmt.Fprintln(stderr, cli.Sentence(err))
		return cli.ExitFail
	}
	defer lock.Release()
	ui.SaveMemory()
	s := session.New(dir, f.Cache)
	defer s.Close()
	lib, err := s.Library()
	if err != nil {
		fmt.Fprintln(stderr, cli.Sentence(err))
		return cli.ExitFail
	}
	engine := s.Engine() // started now, so the first page is drawn sooner
	papers, _ := s.Papers()
	notebook, _ := s.Notebook()
	drafts, _ := s.Drafts()

	// The interface speaks the member's chosen language (or the system's);
	// the command line always speaks English.
	choice, _ := lib.Setting(ui.SettingLanguage)
	if _, err := ui.UseLanguage(choice); err != nil {
		fmt.Fprintln(stderr, "The chosen language could not be loaded; using English. ("+err.Error()+")")
	}
	a := app.NewWithID(appID)
	a.Settings().SetTheme(ui.Theme())
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow("Panel Papers")
	client, err := fetch.NewClient()
	if err != nil {
		fmt.Fprintln(stderr, cli.Sentence(err))
		return cli.ExitFail
	}
	fetcher := ui.NewFetcher(client, papers, s.DownloadDir())
	u := ui.New(a, w, ui.Deps{Library: lib, Pages: ui.PDFiumPages(engine.Wait), Papers: papers, Corrector: papers,
		Downloader: fetcher, Storage: papers, Meetings: lib, Backups: lib, DataDir: lib.Dir(),
		Questions: drafts, Notes: ui.NotebookStore(notebook), Coming: fetcher, Screen: glfwScreen{w},
		// The computer's own file dialogs, Fyne's where they cannot open;
		// saving starts in the member's Documents folder, adding papers in
		// their Downloads.
		Files: new(filedialog.Native), Documents: xdg.UserDirs.Documents, Downloads: xdg.UserDirs.Download})
	defer u.Close()
	var moved atomic.Bool
	if movable {
		u.Settings.MoveData = func(to string, progress func(done, total int64)) error {
			err := lock.MoveLibrary(to, f.Config, progress) // under the window's own lock
			if err == nil || errors.Is(err, library.ErrOldFolderLeft) {
				moved.Store(true) // nothing more may be written to the old place
			}
			return err
		}
		u.Settings.Quit = a.Quit
	}

	go func() {
		rebuilt := false
		i, err := search.Open(filepath.Join(dir, "index"), lib, func(done, total int) {
			rebuilt = true
			u.ReportProgress(ui.Progress{Key: "index", Title: lang.L("Search index"), Verb: ui.VerbUpdating, Done: int64(done), Total: int64(total), Finished: done >= total})
		})
		if err != nil {
			u.ReportProgress(ui.Progress{Key: "index", Title: lang.L("Search index"), Verb: ui.VerbUpdating, Err: err, Finished: true})
			return
		}
		if rebuilt {
			u.ReportProgress(ui.Progress{Key: "index", Finished: true})
		}
		s.Index.SetPages(i)
		u.SetSearcher(i)
		// Papers read by an older edition of the reading are read again,
		// now that search can follow.
		if need, err := lib.NeedsRereading(); err == nil && need {
			title := lang.L("Papers")
			err := papers.Reread(context.Background(), func(done, total int) {
				u.ReportProgress(ui.Progress{Key: "reread", Title: title, Verb: ui.VerbUpdating, Done: int64(done), Total: int64(total)})
			})
			u.ReportProgress(ui.Progress{Key: "reread", Title: title, Verb: ui.VerbUpdating, Err: err, Finished: true})
		}
	}()
	go func() {
		qs, err := search.OpenQuestions(s.QuestionsDir(), lib)
		if err != nil {
			u.ReportProgress(ui.Progress{Key: "questions", Title: lang.L("Earlier questions"), Verb: ui.VerbReading, Err: err, Finished: true})
			return
		}
		s.Index.SetQuestions(qs)
		u.SetPastQuestions(qs)
	}()

	// Notes and drafts are copied to backups/ whenever they changed, every
	// few minutes and at the end, so that a lost store loses little.
	stopBackups := make(chan struct{})
	go func() {
		t := time.NewTicker(5 * time.Minute)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				_, _ = lib.AutoBackup() // retried at the next tick
			case <-stopBackups:
				return
			}
		}
	}()
	defer func() {
		close(stopBackups)
		if moved.Load() {
			return
		}
		if _, err := lib.AutoBackup(); err != nil {
			fmt.Fprintln(stderr, "Notes could not be backed up: "+cli.Sentence(err))
		}
	}()

	w.SetMaster()
	w.ShowAndRun()
	return cli.ExitOK
}

var (
	_ ui.Library       = (*library.Library)(nil)
	_ ui.Searcher      = (*search.Index)(nil)
	_ ui.Importer      = (*library.Papers)(nil)
	_ ui.Corrector     = (*library.Papers)(nil)
	_ docs.Indexer     = (*search.Index)(nil)
	_ ui.Downloader    = (*ui.Fetcher)(nil)
	_ ui.Storage       = (*library.Papers)(nil)
	_ ui.MeetingLister = (*library.Library)(nil)
	_ ui.QuestionStore = (*library.Library)(nil)
	_ ui.PastQuestions = (*search.Questions)(nil)
	_ docs.Indexer     = (*search.Questions)(nil)
	_ ui.QuestionStore = library.Drafts{}
	_ search.Source    = (*library.Library)(nil)
	_ ui.Screen        = glfwScreen{}
	_ ui.FileChooser   = (*filedialog.Native)(nil)
)

// The window asks the councils' sites for coming meetings through the fetcher.
var _ ui.MeetingFinder = (*ui.Fetcher)(nil)
