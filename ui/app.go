// Package ui holds Panel Papers' window: the papers in the library, the
// reader with its agenda panel, and search over every paper. It takes its
// data through the small interfaces declared here, so that the views can be
// tested headlessly with fakes, and it never starts goroutines that touch
// widgets except through async.go.
//
// Files follow the views. app.go is the window, its bar and menus, and
// errors.go what it says when something fails; library.go the papers list,
// with editdetails.go (Edit details…: correcting a paper's facts);
// reader.go a paper being read, with navigate.go (zoom, keys, going to a
// page), find.go (find in the paper), position.go (where the member left
// it), pages.go, pdfpages.go, pagetext.go, highlight.go (words and their
// boxes on a page), agenda.go and notelayer.go (notes drawn on the pages);
// searchview.go; notesview.go; questions.go (the list) with
// questioneditor.go, questionsend.go and rules.go (a panel's deadline
// rule); settings.go with following.go and datafolder.go; firstrun.go;
// downloads.go. lang.go, theme.go, rows.go, async.go, dialogs.go (Enter
// and Escape in messages) and windowplace.go (the window's size and place)
// serve them all; widgets free of Panel Papers are in ui/widgets.
package ui

import (
	"context"
	"image"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/library"
	"panelpapers/docs/pdf"
	"panelpapers/search"
	"panelpapers/ui/widgets"
)

// Library is what the window needs from the paper library; *docs.Library
// implements it.
type Library interface {
	// Versions lists the papers, newest meeting first; all includes older
	// versions of republished papers.
	Versions(all bool) ([]*docs.Version, error)
	// Version returns one paper by its full SHA-256.
	Version(sha256 string) (*docs.Version, error)
	// Pages returns the stored pages (text, printed numbers, scans) of a paper.
	Pages(sha256 string) ([]docs.Page, error)
	// FilePath is where the paper's PDF is stored.
	FilePath(sha256 string) string
	// Setting and SetSetting keep the member's reading positions.
	Setting(key string) (string, error)
	SetSetting(key, val string) error
}

// PageSource opens PDFs for drawing. PDFiumPages adapts the PDF engine to
// it; tests use a fake that draws plain images.
type PageSource interface {
	// Open opens the PDF at path. It may wait for the PDF engine to start,
	// until ctx ends.
	Open(ctx context.Context, path, password string) (PageDoc, error)
	// Ready reports whether Open would start at once: false while the PDF
	// engine is still starting, which the reader then says.
	Ready() bool
}

// PageDoc is an open PDF whose pages can be drawn; *docs.PDFDoc is one.
// Pages are numbered from 1; sizes and boxes are in points.
type PageDoc interface {
	NumPages() int
	PageSize(n int) (width, height float64, err error)
	Render(n int, dpi float64) (image.Image, error)
	CharBoxes(n int) ([]docs.CharBox, error)
	Close() error
}

// Searcher answers searches over the whole library; *search.Index
// implements it.
type Searcher interface {
	Search(req search.Request) (*search.Result, error)
}

// Importer adds PDFs to the library; *docs.Papers implements it.
type Importer interface {
	Import(ctx context.Context, path string, opt library.ImportOptions) (*library.ImportResult, error)
}

// Deps is what the window is built from. Library and Pages are needed; the
// rest may be nil.
type Deps struct {
	Library Library
	Pages   PageSource
	// Search may be nil while the index is still opening; hand it over
	// later with SetSearcher.
	Search Searcher
	// Papers, when set, lets the member add PDFs ("Add papers…", or drop
	// files on the window).
	Papers Importer
	// Corrector, when set, lets the member correct what was read about a
	// paper (Edit details…): its committee, date, start time, venue, kind
	// and council. *library.Papers implements it.
	Corrector Corrector
	// Downloader, when set, lets the member add papers from links and
	// follow committees, whose papers it checks for in the background.
	Downloader Downloader
	// Storage, when set, shows the space the library takes in the settings
	// and lets the member remove old papers.
	Storage Storage
	// CacheBytes bounds the memory kept for drawn pages (0 means
	// defaultCacheBytes); the reader raises it to hold the pages around the
	// view when they are larger.
	CacheBytes int64
	// Questions, when set, keeps the member's questions on notice.
	Questions QuestionStore
	// Past finds questions asked before; it may be nil while its index
	// opens: hand it over later with SetPastQuestions.
	Past PastQuestions
	// Coming, when set, asks the councils' sites for the followed
	// committees' coming meetings, for questions on notice (*Fetcher).
	Coming MeetingFinder
	// Notes, when set, keeps the member's notes (NotebookStore).
	Notes NoteStore
	// Meetings, when set, tells the papers list what councils' sites said
	// about meetings: cancelled ones, and restricted items and papers.
	// *library.Library implements it.
	Meetings MeetingLister
	// Backups, when set, lets the member back up their notes and questions
	// and restore them, from the settings and the Papers menu.
	// *library.Library implements it.
	Backups Backups
	// DataDir is the library's folder, which the settings show and open,
	// and move with SettingsView.MoveData; "" when it is not known.
	DataDir string
	// Screen, when set, tells the window the screen it opens on, so that
	// it fits it and comes back where it was; without it the window opens
	// at its last size, or at one that fits a small laptop.
	Screen Screen
	// Files, when set, are the computer's own file dialogs
	// (*filedialog.Native); else, or when they fail, Fyne's are used.
	Files FileChooser
	// Documents is the member's Documents folder, where saving starts;
	// "" for the system's choice.
	Documents string
	// Downloads is the member's Downloads folder, where adding papers
	// starts (council papers are mostly downloaded first); "" for the
	// system's choice.
	Downloads string
}

// The library is what the window's optional parts are wired to.
var (
	_ Library       = (*library.Library)(nil)
	_ MeetingLister = (*library.Library)(nil)
	_ Backups       = (*library.Library)(nil)
	_ Storage       = (*library.Papers)(nil)
	_ Importer      = (*library.Papers)(nil)
	_ Corrector     = (*library.Papers)(nil)
)

// defaultCacheBytes holds about 10 A4 pages drawn at 110 dpi (fit width on
// a laptop), 5 at 150 dpi: the pages in view and those drawn ahead of it.
const defaultCacheBytes = 48 << 20

// UI is the main window of Panel Papers: one view at a time (the papers,
// a paper being read, or search results) under a bar with the way back to
// the papers and the search box.
type UI struct {
	app      fyne.App
	win      fyne.Window
	deps     Deps
	async    *async
	renderer *pdf.Renderer

	Library   *LibraryView
	Reader    *ReaderView
	Search    *SearchView
	Questions *QuestionsView
	Notes     *NotesView

	Downloads *Downloads // papers from links and followed committees
	Settings  *SettingsView
	FirstRun  *FirstRunView // what an empty library shows

	home    *widget.Button // back to the papers
	heading *widget.Label  // what the current view shows
	body    *fyne.Container
	view    fyne.CanvasObject // the view on show
	before  fyne.CanvasObject // the view search was opened from, for Escape

	files     *fileDialogs // asks for files and folders
	details   *detailsForm // "Edit details…" while it is open
	menu      *fyne.MainMenu
	dialogs   []*keyedDialog   // dialogs open over the windows, newest last, for Enter and Escape
	lastError string           // the last sentence shown in an error dialog, for tests
	now       func() time.Time // the clock; tests set it
	quit      func()           // ends the app (fyne.App.Quit); tests count
	shift     bool             // Shift is held (Fyne gives F3 without it)
}

// New builds the window's content, menus and shortcuts in w and starts
// reading the library. Call Close once the window has closed (after
// ShowAndRun returns): it stores where the member was reading.
func New(a fyne.App, w fyne.Window, deps Deps) *UI {
	u := newUI(a, w, deps, newAsync(false))
	u.Downloads.start() // tests check for new papers by hand
	// Papers that arrive by another way (the command line, a sync) appear
	// by themselves; tests check by hand.
	u.Library.watch(watchEvery)
	a.Lifecycle().SetOnEnteredForeground(func() { u.Library.checkChanged() })
	// Placed again once shown, when its screen and title bar are known.
	a.Lifecycle().SetOnStarted(u.placeWindow)
	w.SetCloseIntercept(func() {
		u.rememberWindow()
		w.Close()
	})
	return u
}

func newUI(a fyne.App, w fyne.Window, deps Deps, as *async) *UI {
	if deps.CacheBytes <= 0 {
		deps.CacheBytes = defaultCacheBytes
	}
	u := &UI{app: a, win: w, deps: deps, async: as, renderer: pdf.NewRenderer(deps.CacheBytes), now: time.Now, quit: a.Quit}
	u.files = newFileDialogs(u)
	u.Downloads = newDownloads(u)
	u.Settings = newSettingsView(u)
	u.FirstRun = newFirstRunView(u)
	u.Library = newLibraryView(u)
	u.Reader = newReaderView(u)
	u.Search = newSearchView(u)
	u.Questions = newQuestionsView(u)
	u.Notes = newNotesView(u)

	u.home = widget.NewButtonWithIcon(lang.L("Papers"), theme.HomeIcon(), u.onHome)
	u.heading = widget.NewLabel("")
	u.heading.TextStyle = fyne.TextStyle{Bold: true}
	u.heading.Truncation = fyne.TextTruncateEllipsis
	searchBox := container.NewGridWrap(fyne.NewSize(340, u.Search.query.MinSize().Height), u.Search.query)
	bar := widgets.Border(nil, nil, u.home, searchBox, u.heading)
	u.body = container.NewStack()
	w.SetContent(widgets.Border(container.NewVBox(bar, widget.NewSeparator()), u.Downloads.bar, nil, nil, u.body))
	u.menu = u.mainMenu()
	w.SetMainMenu(u.menu)
	w.Canvas().SetOnTypedKey(u.onTypedKey)
	if dc, ok := w.Canvas().(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(e *fyne.KeyEvent) {
			if isShift(e.Name) {
				u.onShift(true)
			}
		})
		dc.SetOnKeyUp(func(e *fyne.KeyEvent) {
			if isShift(e.Name) {
				u.onShift(false)
			}
		})
	}
	u.Reader.keys.onShift = u.onShift
	w.SetOnDropped(u.onDropped)
	u.placeWindow()
	u.show(u.Library.root)
	u.Library.reload()
	return u
}

// SetSearcher hands over the search index once it is open; safe to call
// from any goroutine.
func (u *UI) SetSearcher(s Searcher) {
	u.async.post(func() { u.Search.setSearcher(s) })
}

// ReportProgress shows a paper on its way into the library (downloading,
// or being read) with its progress, in the list of papers. Safe to call
// from any goroutine; a report with Finished set removes the row.
func (u *UI) ReportProgress(p Progress) {
	u.async.post(func() { u.Library.onProgress(p) })
}

// OpenPaper shows the paper with the given SHA-256 at PDF page (from 1),
// or where the member left it when page is 0. Safe to call from any
// goroutine: for a file named on the command line, or a notification.
func (u *UI) OpenPaper(sha256 string, page int) {
	u.async.post(func() {
		var at *place
		if page > 0 {
			at = &place{page: page}
		}
		u.openBySHA(sha256, at)
	})
}

// SearchFor shows the results of searching all papers for query. Safe to
// call from any goroutine.
func (u *UI) SearchFor(query string) {
	u.async.post(func() {
		u.openSearch()
		u.Search.query.SetText(query)
	})
}

// Close stores where the member was reading, closes the open paper and
// stops drawing pages. Call it on the UI goroutine, after the window has
// closed; background work still running is then dropped.
func (u *UI) Close() {
	u.Questions.close()
	u.Reader.close()
	u.Library.unwatch()
	u.Downloads.stop()
	u.async.stop()
	u.renderer.Close()
}

// show puts a view in the window and sets the bar for it.
func (u *UI) show(view fyne.CanvasObject) {
	u.view = view
	u.body.Objects = []fyne.CanvasObject{view}
	u.body.Refresh()
	switch view {
	case u.Library.root:
		u.home.Hide()
		u.heading.SetText(lang.L("Papers"))
	case u.Reader.root:
		u.home.Show()
		u.heading.SetText(u.Reader.titleText())
	case u.Search.root:
		u.home.Show()
		u.heading.SetText(lang.L("Search all papers"))
	case u.Questions.root:
		u.home.Show()
		u.heading.SetText(lang.L("Questions on notice"))
	case u.Notes.root:
		u.home.Show()
		u.heading.SetText(lang.L("Notes for the meeting"))
	}
	u.setTitle()
}

// setTitle names the window after what it shows.
func (u *UI) setTitle() {
	if u.view == u.Reader.root && u.Reader.version != nil {
		u.win.SetTitle(paperTitle(u.Reader.version) + " — " + appName)
		return
	}
	u.win.SetTitle(appName)
}

func (u *UI) onHome() {
	u.Reader.leave()
	u.Library.reload()
	u.show(u.Library.root)
	u.win.Canvas().Focus(u.Library.list)
}

// openSearch shows the search view with the cursor in the search box.
func (u *UI) openSearch() {
	if u.view != u.Search.root {
		u.before = u.view
		u.show(u.Search.root)
	}
	u.win.Canvas().Focus(u.Search.query)
}

// closeSearch goes back to the view search was opened from.
func (u *UI) closeSearch() {
	if u.view != u.Search.root {
		return
	}
	back := u.before
	if back == nil || (back == u.Reader.root && u.Reader.doc == nil) {
		back = u.Library.root
	}
	u.show(back)
	u.win.Canvas().Unfocus()
}

// openPaper shows the reader on v at the place the member left it, or at
// page with the given words marked when page > 0.
func (u *UI) openPaper(v *docs.Version, at *place) {
	clicked := time.Now()
	u.show(u.Reader.root)
	u.Reader.open(v, at, clicked)
	u.heading.SetText(u.Reader.titleText())
	u.setTitle()
	u.win.Canvas().Unfocus()
}

// openBySHA is openPaper for a paper known by its SHA-256 (a search hit).
func (u *UI) openBySHA(sha string, at *place) {
	lib := u.deps.Library
	u.async.run(func() func() {
		v, err := lib.Version(sha)
		return func() {
			if err != nil {
				u.showError(lang.L("This paper cannot be opened"), err)
				return
			}
			u.openPaper(v, at)
		}
	})
}

// showError shows err as a sentence in a dialog: never a crash, never a
// frozen window.
func (u *UI) showError(title string, err error) {
	u.lastError = u.explain(err)
	u.inform(u.win, title, u.lastError)
}

// onTypedKey handles the reading keys when no box has the cursor.
func (u *UI) onTypedKey(e *fyne.KeyEvent) {
	if u.dialogKey(u.win, e.Name) {
		return
	}
	switch {
	case e.Name == fyne.KeyEscape && u.view == u.Search.root:
		u.closeSearch()
	case e.Name == fyne.KeyEscape && u.view == u.Reader.root && u.Reader.findBar.Hidden && u.Reader.fromResults:
		u.backToResults()
	case e.Name == fyne.KeyEscape && u.view == u.Reader.root:
		u.Reader.closeFind()
	case e.Name == fyne.KeyF3:
		u.onNextMatch(u.direction())
	case u.view == u.Reader.root:
		u.Reader.onKey(e.Name)
	}
}

// onShift follows the Shift key (pressed when down).
func (u *UI) onShift(down bool) { u.shift = down }

// isShift reports whether k is a Shift key.
func isShift(k fyne.KeyName) bool { return k == desktop.KeyShiftLeft || k == desktop.KeyShiftRight }

// direction is where F3 goes: back with Shift held, else on.
func (u *UI) direction() int {
	if u.shift {
		return -1
	}
	return 1
}

// onNextMatch is F3 (dir 1) and Shift+F3 (-1): the next match of "Find in
// this paper" while its bar is open, else the next search result once one
// was opened (from the results too).
func (u *UI) onNextMatch(dir int) {
	r := u.Reader
	switch {
	case u.view == u.Search.root:
		u.Search.step(dir)
	case u.view != r.root:
	case !r.findBar.Hidden && len(r.findHits) > 0:
		if dir < 0 {
			r.onFindPrevious()
		} else {
			r.onFindNext()
		}
	case r.fromResults:
		u.Search.step(dir)
	}
}

// onDropped adds PDFs dropped on the window.
func (u *UI) onDropped(_ fyne.Position, uris []fyne.URI) { u.addDropped(uris) }

// shortcut is Ctrl (Cmd on a Mac) with key, and mod added.
func shortcut(key fyne.KeyName, mod fyne.KeyModifier) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault | mod}
}

// key is a key pressed alone, shown in a menu; the window handles it.
func key(k fyne.KeyName) fyne.Shortcut { return &desktop.CustomShortcut{KeyName: k} }

func item(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	it.Shortcut = sc
	return it
}

// mainMenu lists every action with its shortcut. Shortcuts with Ctrl work
// through the menu from anywhere in the window; the keys pressed alone work
// while no box has the cursor.
func (u *UI) mainMenu() *fyne.MainMenu {
	r := u.Reader
	inReader := func(f func()) func() {
		return func() {
			if u.view == u.Reader.root {
				f()
			}
		}
	}
	papers := fyne.NewMenu(lang.L("Papers"),
		item(lang.L("Show all papers"), shortcut(fyne.KeyL, 0), u.onHome),
		item(lang.L("Add papers…"), shortcut(fyne.KeyO, 0), u.Library.onAdd),
		item(lang.L("Add from link…"), shortcut(fyne.KeyO, fyne.KeyModifierShift), u.Downloads.onAddFromLink),
		item(lang.L("Check for new papers"), shortcut(fyne.KeyR, 0), u.Downloads.onCheckNow),
		u.editDetailsItem(),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Back up notes and questions now"), nil, u.Settings.onBackUp),
		item(lang.L("Settings…"), shortcut(fyne.KeyComma, 0), u.Settings.onOpen),
		fyne.NewMenuItemSeparator(),
		u.quitItem(),
	)
	view := fyne.NewMenu(lang.L("View"),
		item(lang.L("Zoom in"), shortcut(fyne.KeyEqual, 0), inReader(r.onZoomIn)),
		item(lang.L("Zoom out"), shortcut(fyne.KeyMinus, 0), inReader(r.onZoomOut)),
		item(lang.L("Actual size"), shortcut(fyne.Key0, 0), inReader(r.onActualSize)),
		item(lang.L("Fit width"), shortcut(fyne.Key1, 0), inReader(r.onFitWidth)),
		item(lang.L("Fit page"), shortcut(fyne.Key2, 0), inReader(r.onFitPage)),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Show or hide the agenda"), shortcut(fyne.KeyJ, 0), inReader(r.onToggleAgenda)),
		item(lang.L("Show the page as text"), shortcut(fyne.KeyT, fyne.KeyModifierShift), inReader(r.onToggleText)),
	)
	goMenu := fyne.NewMenu(lang.L("Go"),
		item(lang.L("Next page"), key(fyne.KeyPageDown), inReader(func() { r.onKey(fyne.KeyPageDown) })),
		item(lang.L("Previous page"), key(fyne.KeyPageUp), inReader(func() { r.onKey(fyne.KeyPageUp) })),
		item(lang.L("First page"), key(fyne.KeyHome), inReader(func() { r.onKey(fyne.KeyHome) })),
		item(lang.L("Last page"), key(fyne.KeyEnd), inReader(func() { r.onKey(fyne.KeyEnd) })),
		item(lang.L("Go to page…"), shortcut(fyne.KeyG, 0), inReader(r.onGoToPageFocus)),
		fyne.NewMenuItemSeparator(),
		item(lang.L("Next agenda item"), shortcut(fyne.KeyDown, fyne.KeyModifierAlt), inReader(func() { r.onItemStep(1) })),
		item(lang.L("Previous agenda item"), shortcut(fyne.KeyUp, fyne.KeyModifierAlt), inReader(func() { r.onItemStep(-1) })),
	)
	find := fyne.NewMenu(lang.L("Search"),
		item(lang.L("Search all papers"), shortcut(fyne.KeyK, 0), u.openSearch),
		item(lang.L("Find in this paper"), shortcut(fyne.KeyF, 0), u.onFind),
		item(lang.L("Find next"), key(fyne.KeyF3), func() { u.onNextMatch(1) }),
		item(lang.L("Find previous"), shortcut(fyne.KeyF3, fyne.KeyModifierShift), func() { u.onNextMatch(-1) }),
		item(lang.L("Back to results"), &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}, func() {
			if u.view == r.root && r.fromResults {
				u.backToResults()
			}
		}),
	)
	return fyne.NewMainMenu(papers, view, goMenu, find, u.notesMenu(), u.questionsMenu())
}

// editDetailsItem is "Edit details…" (Ctrl+E): the paper being read, or
// the one whose row has the keyboard in the papers list. It is greyed out
// when the window cannot correct papers.
func (u *UI) editDetailsItem() *fyne.MenuItem {
	it := item(lang.L("Edit details…"), shortcut(fyne.KeyE, 0), u.onEditDetails)
	it.Disabled = u.deps.Corrector == nil
	return it
}

// quitItem is Quit, with Ctrl+Q (Cmd+Q on a Mac, where Fyne moves it to
// the app's menu). Being the last item of the first menu, and marked as
// Quit, it stands in for the Quit that Fyne adds without a shortcut.
func (u *UI) quitItem() *fyne.MenuItem {
	it := item(lang.L("Quit"), shortcut(fyne.KeyQ, 0), u.onQuit)
	it.IsQuit = true
	return it
}

// onQuit ends Panel Papers as closing the window does.
func (u *UI) onQuit() {
	u.rememberWindow()
	u.quit()
}

// onFind finds in the paper being read, or searches all papers elsewhere.
func (u *UI) onFind() {
	if u.view == u.Reader.root && u.Reader.doc != nil {
		u.Reader.openFind()
		return
	}
	u.openSearch()
}

// place is where to open a paper: a PDF page, and the byte ranges of the
// page's text to mark (from a search hit).
type place struct {
	page    int
	matches [][2]int
	// quote, when set, is a note's words to mark instead of matches.
	quote *quoteRef
	// fromResults is set when a search result was opened: the reader then
	// offers the way back to the results, and F3 goes on to the next.
	fromResults bool
}

// quoteRef is where a note's words are in a page's stored text: rune
// offsets, as docs.Note keeps them, and the words themselves.
type quoteRef struct {
	start, end int
	text       string
}

// Progress is a paper on its way into the library, for ReportProgress.
type Progress struct {
	Key       string // identifies the paper across reports
	Title     string // "Public reports pack"
	Committee string
	Date      string // meeting date, yyyy-mm-dd, or ""
	Kind      docs.Kind
	Verb      string // what is happening: VerbDownloading, VerbReading, VerbUpdating
	Done      int64  // of Total; Total 0 when unknown
	Total     int64
	// Detail, when set, is shown after Verb instead of a percentage:
	// "12.3 MB of 40.1 MB  1.2 MB/s  23 s left".
	Detail   string
	Err      error // set when it failed
	Finished bool  // remove the row
}

// Verbs for Progress.Verb: what is happening to a paper on its way in. The
// window says them in its own language.
const (
	VerbDownloading = "Downloading"
	VerbReading     = "Reading"
	VerbUpdating    = "Updating"
)

// verbText is a Progress verb in the window's language.
func verbText(verb string) string {
	switch verb {
	case VerbDownloading:
		return lang.L("Downloading")
	case VerbReading:
		return lang.L("Reading")
	case VerbUpdating:
		return lang.L("Updating")
	}
	return verb
}
