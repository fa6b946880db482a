package ui

import (
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/fetch"
	"panelpapers/docs/library"
	"panelpapers/ui/widgets"
)

// Storage measures and frees the disk space the library takes;
// *docs.Papers implements it.
type Storage interface {
	// SpaceUsed measures the papers and the whole data folder.
	SpaceUsed() (library.Space, error)
	// OldPapers lists what RemoveOld would remove.
	OldPapers(before string) (*library.Clearing, error)
	// RemoveOld removes the papers of meetings before a day (yyyy-mm-dd),
	// keeping those with notes.
	RemoveOld(before string) (*library.Clearing, error)
}

// Backups keeps copies of the member's notes and question drafts, for
// "Back up now"; *docs.Library implements it. The settings offer it when
// the library does.
type Backups interface {
	// Backup reads every note and draft.
	Backup() (*library.Backup, error)
	// AutoBackup writes a backup into BackupDir unless the newest one there
	// holds the same; it returns the path written, or "".
	AutoBackup() (string, error)
	// BackupTo writes a backup to a file the member chose.
	BackupTo(path string) (*library.Backup, error)
	// BackupDir is the data folder's folder of backups.
	BackupDir() string
	// Restore merges a backup file into the library: what it lacks is
	// added, so restoring twice adds nothing.
	Restore(path string) (library.RestoreResult, error)
}

// dataFolder is a library that can say where it is; *docs.Library is one.
type dataFolder interface{ Dir() string }

// syncChoice is an interval offered for checking for new papers.
type syncChoice struct {
	label string
	every time.Duration
}

// syncChoices are the intervals offered for checking for new papers.
func syncChoices() []syncChoice {
	return []syncChoice{
		{lang.L("Every hour"), time.Hour},
		{lang.L("Every 2 hours"), 2 * time.Hour},
		{lang.L("Every 4 hours"), 4 * time.Hour},
		{lang.L("Every 8 hours"), 8 * time.Hour},
		{lang.L("Once a day"), 24 * time.Hour},
		{lang.L("Only when I ask"), 0},
	}
}

// languageChoice is a language offered in the settings, with the value
// SettingLanguage stores for it.
type languageChoice struct {
	label string
	code  string
}

// languageChoices are the languages the window can speak. The languages'
// own names are the same in both.
func languageChoices() []languageChoice {
	return []languageChoice{
		{lang.L("The computer's language"), LangSystem},
		{"English", LangEnglish},
		{"Cymraeg", LangWelsh},
	}
}

// SettingsView is the settings window, everything in one place: the
// committees the member follows and how to follow more, how often to check
// for new papers, the panels' rules for questions on notice, the language,
// the data folder with its backups, and the space the library takes with a
// way to free it.
type SettingsView struct {
	u   *UI
	win fyne.Window // nil while closed

	// Committees.
	followed     map[string]docs.Committee // by Key
	followedBox  *fyne.Container
	unfollowB    map[string]*widget.Button // "Stop following", by committee Key
	site         *widget.Entry
	listB        *widget.Button
	siteStatus   *widget.Label
	filter       *widget.Entry
	committees   []docs.Committee // of the site listed
	checks       map[string]*widget.Check
	checksBox    *fyne.Container
	followedMore bool // a committee was followed since the window opened

	// Updates and space.
	every        *widget.Select
	last         *widget.Label
	checkB       *widget.Button
	space        *widget.Label
	before       *widget.DateEntry
	removeB      *widget.Button
	removeStatus *widget.Label
	confirm      *dialog.ConfirmDialog // the open "Remove papers" question, for tests

	// Questions on notice.
	rulesB *widget.Button

	// Language.
	language     *widget.Select
	languageNote *widget.Label

	// Data folder and backups.
	folder       *widget.Label
	openFolderB  *widget.Button
	backUpB      *widget.Button
	backUpAsB    *widget.Button
	restoreB     *widget.Button
	backupStatus *widget.Label
	lastBackup   string // the path of the last backup made here, for tests

	// MoveData, when set, moves the library to the folder to and remembers
	// its new place, reporting the bytes copied; the settings then offer
	// "Move…". main binds it to the window's own lock
	// ((*docs.InstanceLock).MoveLibrary), as only the window may move the
	// library it has open.
	MoveData func(to string, progress func(done, total int64)) error
	// Quit closes Panel Papers once the library has moved: the window must
	// open again at the new place. main sets it to the app's Quit.
	Quit         func()
	moveB        *widget.Button
	moveConfirm  *dialog.ConfirmDialog // the open "Move the library" question, for tests
	moveProgress *widget.ProgressBar
	moveDone     dialog.Dialog // the open "will now close" message, for tests

	root *container.AppTabs
	tabs []fyne.CanvasObject // each tab's content, laid out again when it grows
}

func newSettingsView(u *UI) *SettingsView {
	return &SettingsView{u: u, followed: map[string]docs.Committee{}, unfollowB: map[string]*widget.Button{}, checks: map[string]*widget.Check{}}
}

// onOpen shows the settings window, or brings it forward.
func (v *SettingsView) onOpen() {
	if v.win != nil {
		v.win.RequestFocus()
		return
	}
	if v.root == nil {
		v.build()
	}
	v.win = v.u.app.NewWindow(lang.L("Settings") + " — " + appName)
	v.win.SetContent(v.root)
	v.win.Resize(fyne.NewSize(640, 580))
	v.win.SetOnClosed(v.onClosed)
	v.win.Show()
	v.reload()
}

// onClosed checks for the papers of committees just followed.
func (v *SettingsView) onClosed() {
	v.win = nil
	if v.followedMore {
		v.followedMore = false
		v.u.Downloads.check(false)
	}
}

func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (v *SettingsView) build() {
	v.root = container.NewAppTabs()
	if v.u.deps.Downloader != nil {
		v.addTab(lang.L("Committees"), v.buildCommittees())
	}
	v.addTab(lang.L("New papers and space"), v.buildUpdates())
	v.addTab(lang.L("Questions"), v.buildQuestions())
	v.addTab(lang.L("Language and data"), v.buildLanguageAndData())
}

func (v *SettingsView) addTab(title string, content fyne.CanvasObject) {
	v.tabs = append(v.tabs, content)
	v.root.Append(container.NewTabItem(title, content))
}

// relayout lays the tabs out again after lines were added or shown: a
// container does not make room for a child that grew.
func (v *SettingsView) relayout() {
	for _, t := range v.tabs {
		t.Refresh()
	}
}

func (v *SettingsView) buildCommittees() fyne.CanvasObject {
	v.followedBox = container.NewVBox()
	v.site = widget.NewEntry()
	v.site.SetPlaceHolder("https://democracy.carmarthenshire.gov.wales")
	v.site.OnSubmitted = func(string) { v.onList() }
	v.listB = widget.NewButtonWithIcon(lang.L("Show committees"), theme.SearchIcon(), v.onList)
	v.siteStatus = wrapped("")
	v.siteStatus.Hide()
	v.filter = widget.NewEntry()
	v.filter.SetPlaceHolder(lang.L("Type part of a committee's name"))
	v.filter.OnChanged = func(string) { v.showChecks() }
	v.filter.Hide()
	v.checksBox = container.NewVBox()
	known := newSitePicker(func(s knownSite) {
		v.site.SetText(s.Address)
		v.onList()
	})
	top := container.NewVBox(
		heading(lang.L("Committees you follow")),
		v.followedBox,
		widget.NewSeparator(),
		heading(lang.L("Follow a committee")),
		wrapped(lang.L("Choose your council, or paste the address of its committee pages. Tick the committees to follow: their papers are downloaded as they are published.")),
		known,
		widgets.Border(nil, nil, nil, v.listB, v.site),
		v.siteStatus,
		v.filter,
	)
	return widgets.Border(top, nil, nil, nil, container.NewVScroll(v.checksBox))
}

func (v *SettingsView) buildUpdates() fyne.CanvasObject {
	choices := syncChoices()
	labels := make([]string, len(choices))
	for i, c := range choices {
		labels[i] = c.label
	}
	v.every = widget.NewSelect(labels, nil)
	v.last = widget.NewLabel("")
	v.checkB = widget.NewButtonWithIcon(lang.L("Check now"), theme.ViewRefreshIcon(), v.u.Downloads.onCheckNow)
	v.space = wrapped("")
	v.before = widget.NewDateEntry()
	year := v.u.now().AddDate(-1, 0, 0)
	start := time.Date(year.Year(), year.Month(), 1, 0, 0, 0, 0, time.Local)
	v.before.SetDate(&start)
	v.removeB = widget.NewButtonWithIcon(lang.L("Remove…"), theme.DeleteIcon(), v.onRemove)
	v.removeStatus = wrapped("")
	v.removeStatus.Hide()
	box := container.NewVBox()
	if v.u.deps.Downloader != nil {
		box.Add(heading(lang.L("New papers")))
		box.Add(widgets.Border(nil, nil, widget.NewLabel(lang.L("Check for new papers")), v.checkB, v.every))
		box.Add(v.last)
		box.Add(widget.NewSeparator())
	}
	if v.u.deps.Storage != nil {
		box.Add(heading(lang.L("Space")))
		box.Add(v.space)
		box.Add(widgets.Border(nil, nil, widget.NewLabel(lang.L("Remove papers of meetings before")), v.removeB, v.before))
		box.Add(wrapped(lang.L("Papers you wrote notes on are kept. Removed papers are not downloaded again; the council's site still has them.")))
		box.Add(v.removeStatus)
	}
	if v.u.deps.Downloader == nil && v.u.deps.Storage == nil {
		box.Add(wrapped(lang.L("Papers are added by hand in this window: there is nothing to set here.")))
	}
	return container.NewVScroll(box)
}

// buildQuestions is the questions on notice: each panel's rule for when
// questions must be in, set in the form the questions view uses.
func (v *SettingsView) buildQuestions() fyne.CanvasObject {
	v.rulesB = widget.NewButtonWithIcon(lang.L("Deadline rules…"), theme.SettingsIcon(), v.onRules)
	if v.u.deps.Questions == nil {
		v.rulesB.Disable()
	}
	return container.NewVScroll(container.NewVBox(
		heading(lang.L("Questions on notice")),
		wrapped(lang.L("Each panel has its own rule for questions on notice: how many clear working days before the meeting they must reach the clerk, by what time, the days the offices are closed, and any word limit. The deadline of every question follows it.")),
		container.NewHBox(v.rulesB),
	))
}

// onRules opens the deadline rules form over the settings.
func (v *SettingsView) onRules() {
	if v.u.deps.Questions == nil {
		return
	}
	v.u.Questions.openRulesOn(v.parent(), nil)
}

// buildLanguageAndData is the window's language, where the library is kept
// and its backups.
func (v *SettingsView) buildLanguageAndData() fyne.CanvasObject {
	var labels []string
	for _, c := range languageChoices() {
		labels = append(labels, c.label)
	}
	v.language = widget.NewSelect(labels, nil)
	v.languageNote = wrapped("")
	v.languageNote.Hide()

	v.folder = wrapped("")
	v.folder.Selectable = true
	v.openFolderB = widget.NewButtonWithIcon(lang.L("Open the folder"), theme.FolderOpenIcon(), v.onOpenFolder)
	v.backUpB = widget.NewButtonWithIcon(lang.L("Back up now"), theme.DocumentSaveIcon(), v.onBackUp)
	v.backUpAsB = widget.NewButtonWithIcon(lang.L("Save a backup as…"), theme.DownloadIcon(), v.onBackUpAs)
	v.restoreB = widget.NewButtonWithIcon(lang.L("Restore a backup…"), theme.UploadIcon(), v.onRestore)
	v.backupStatus = wrapped("")
	v.backupStatus.Hide()

	box := container.NewVBox(
		heading(lang.L("Language")),
		widgets.Border(nil, nil, widget.NewLabel(lang.L("Language of the window")), nil, v.language),
		wrapped(lang.L("Dates, menus and messages follow it. The command line always speaks English.")),
		v.languageNote,
		widget.NewSeparator(),
		heading(lang.L("Data folder")),
		v.folder,
	)
	dir := v.dataDir()
	if dir == "" {
		v.folder.SetText(lang.L("The library's folder is not known in this window."))
		v.openFolderB.Disable()
	} else {
		v.folder.SetText(dir)
	}
	v.moveB = widget.NewButtonWithIcon(lang.L("Move…"), theme.FolderIcon(), v.onMove)
	box.Add(container.NewHBox(v.openFolderB, v.moveB))
	if v.MoveData == nil || dir == "" {
		v.moveB.Hide()
		box.Add(wrapped(lang.L("To keep the library elsewhere, close Panel Papers, move this folder, and start Panel Papers with the PANELPAPERS_DATA setting pointing at its new place.")))
	} else {
		box.Add(wrapped(lang.L("Move… copies the library to a folder you choose, checks every file, and then removes the old folder. Panel Papers then closes; open it again to carry on.")))
	}
	box.Add(widget.NewSeparator())
	box.Add(heading(lang.L("Backups of your notes and questions")))
	if b, ok := v.u.deps.Library.(Backups); ok {
		box.Add(wrapped(lang.L("Panel Papers keeps copies of your notes and questions in {{.Folder}}. Back up now to make one at once, or save one where you choose (a memory stick, say).", tv{"Folder": b.BackupDir()})))
		box.Add(container.NewHBox(v.backUpB, v.backUpAsB, v.restoreB))
	} else {
		box.Add(wrapped(lang.L("Backups cannot be made from this window.")))
		v.backUpB.Disable()
		v.backUpAsB.Disable()
		v.restoreB.Disable()
	}
	box.Add(v.backupStatus)
	return container.NewVScroll(box)
}

// dataDir is the library's folder, or "" when the library does not say.
func (v *SettingsView) dataDir() string {
	if d, ok := v.u.deps.Library.(dataFolder); ok {
		return d.Dir()
	}
	return ""
}

// showLanguage selects the language stored, without storing it again.
func (v *SettingsView) showLanguage(code string) {
	v.language.OnChanged = nil
	for _, c := range languageChoices() {
		if c.code == code {
			v.language.SetSelected(c.label)
		}
	}
	v.language.OnChanged = v.onLanguage
}

// onLanguage stores the language chosen; the window speaks it from its
// next start, as its widgets have their words already.
func (v *SettingsView) onLanguage(label string) {
	for _, c := range languageChoices() {
		if c.label != label {
			continue
		}
		lib := v.u.deps.Library
		v.u.async.run(func() func() {
			err := lib.SetSetting(SettingLanguage, c.code)
			return func() {
				if err != nil {
					v.showError(lang.L("The setting could not be saved"), err)
					return
				}
				v.languageNote.SetText(lang.L("Panel Papers will use the language you chose the next time it opens."))
				v.languageNote.Show()
				v.relayout()
			}
		})
	}
}

// onMove asks for the library's new folder.
func (v *SettingsView) onMove() {
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			v.showError(lang.L("The library could not be moved"), err)
			return
		}
		if dir != nil {
			v.confirmMove(dir.Path())
		}
	}, v.parent())
}

// confirmMove asks to confirm moving the library to the folder to.
func (v *SettingsView) confirmMove(to string) {
	msg := wrapped(lang.L("Move the library to {{.Folder}}? Panel Papers will close when it is done; open it again to carry on.", tv{"Folder": to}))
	v.moveConfirm = dialog.NewCustomConfirm(lang.L("Move the library"), lang.L("Move"), lang.L("Cancel"), msg, func(ok bool) {
		v.moveConfirm = nil
		if ok {
			v.move(to)
		}
	}, v.parent())
	v.moveConfirm.Show()
}

// move moves the library, showing its progress, then says that Panel
// Papers will close and closes it.
func (v *SettingsView) move(to string) {
	v.moveProgress = widget.NewProgressBar()
	bar := v.moveProgress
	working := dialog.NewCustomWithoutButtons(lang.L("Moving the library"), bar, v.parent())
	working.Show()
	move := v.MoveData
	v.u.async.run(func() func() {
		err := move(to, func(done, total int64) {
			v.u.async.post(func() {
				if total > 0 {
					bar.SetValue(float64(done) / float64(total))
				}
			})
		})
		return func() {
			working.Hide()
			if err != nil && !errors.Is(err, library.ErrOldFolderLeft) {
				v.u.lastError = moveSentence(err)
				dialog.ShowInformation(lang.L("The library could not be moved"), v.u.lastError, v.parent())
				return
			}
			msg := lang.L("Panel Papers will now close; open it again to use the library in its new place.")
			if err != nil {
				msg += "\n\n" + lang.L("Some files could not be removed from the old folder; you may delete them yourself.")
			}
			v.moveDone = dialog.NewInformation(lang.L("The library has moved"), msg, v.parent())
			v.moveDone.SetOnClosed(func() {
				if v.Quit != nil {
					v.Quit()
				}
			})
			v.moveDone.Show()
		}
	})
}

// moveSentence says why the library could not move, and what to do.
func moveSentence(err error) string {
	switch {
	case errors.Is(err, library.ErrMoveOverlap):
		return lang.L("The library cannot move into its own folder, nor into a folder that holds it. Choose another folder.")
	case errors.Is(err, library.ErrMoveNotEmpty):
		return lang.L("That folder already has things in it. Choose an empty folder, or make a new one.")
	case errors.Is(err, library.ErrMoveNoSpace):
		return lang.L("There is not enough free space there for the library. Free some space or choose another place.")
	case errors.Is(err, docs.ErrLocked):
		return lang.L("The library is busy (the command line may be using it). Try again in a moment.")
	}
	return lang.L("The library could not be moved, and is still where it was. ({{.Reason}})", tv{"Reason": err.Error()})
}

// onOpenFolder shows the data folder in the computer's file manager.
func (v *SettingsView) onOpenFolder() {
	dir := v.dataDir()
	if dir == "" {
		return
	}
	u, err := url.Parse(storage.NewFileURI(dir).String())
	if err == nil {
		err = v.u.app.OpenURL(u)
	}
	if err != nil {
		v.showError(lang.L("The folder could not be opened"), err)
	}
}

// onBackUp makes a backup of the notes and questions in the backups folder.
func (v *SettingsView) onBackUp() {
	b, ok := v.u.deps.Library.(Backups)
	if !ok {
		return
	}
	if v.backUpB != nil {
		v.backUpB.Disable()
	}
	v.u.async.run(func() func() {
		path, err := b.AutoBackup()
		held := 0
		if err == nil && path == "" {
			if all, berr := b.Backup(); berr == nil {
				held = len(all.Notes) + len(all.Drafts)
			}
		}
		return func() {
			if v.backUpB != nil {
				v.backUpB.Enable()
			}
			switch {
			case err != nil:
				v.showError(lang.L("The backup could not be made"), err)
			case path != "":
				v.lastBackup = path
				v.sayAboutBackup(lang.L("Backed up to {{.Path}}.", tv{"Path": path}))
			case held == 0:
				v.sayAboutBackup(lang.L("There is nothing to back up yet: you have no notes or questions."))
			default:
				v.sayAboutBackup(lang.L("Your newest backup already holds every note and question, in {{.Folder}}.", tv{"Folder": b.BackupDir()}))
			}
		}
	})
}

// onBackUpAs saves a backup where the member chooses.
func (v *SettingsView) onBackUpAs() {
	b, ok := v.u.deps.Library.(Backups)
	if !ok {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			v.showError(lang.L("The backup could not be made"), err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close() // BackupTo writes the file whole, then puts it in place
		v.backUpTo(b, path)
	}, v.parent())
	d.SetFileName(safeFileName(lang.L("Panel Papers backup {{.Date}}", tv{"Date": v.u.now().Format(time.DateOnly)})) + ".json")
	d.Show()
}

// onRestore brings back the notes and questions of a backup file, such as
// one saved on a memory stick before a laptop was lost.
func (v *SettingsView) onRestore() {
	b, ok := v.u.deps.Library.(Backups)
	if !ok {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.showError(lang.L("The backup could not be restored"), err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		v.restoreFrom(b, path)
	}, v.parent())
	d.Show()
}

// restoreFrom merges the backup at path into the library.
func (v *SettingsView) restoreFrom(b Backups, path string) {
	v.u.async.run(func() func() {
		res, err := b.Restore(path)
		return func() {
			if err != nil {
				v.showError(lang.L("The backup could not be restored"), err)
				return
			}
			v.sayAboutBackup(lang.L("Restored from {{.Name}}: {{.Notes}} and {{.Questions}} added or brought up to date.", tv{
				"Notes":     plural("count.notes", "{{.Count}} notes", res.NotesAdded+res.NotesUpdated, tv{"Count": res.NotesAdded + res.NotesUpdated}),
				"Questions": plural("count.questions", "{{.Count}} questions", res.DraftsAdded+res.DraftsUpdated, tv{"Count": res.DraftsAdded + res.DraftsUpdated}),
				"Name":      filepath.Base(path)}))
		}
	})
}

// backUpTo writes a backup to path.
func (v *SettingsView) backUpTo(b Backups, path string) {
	v.u.async.run(func() func() {
		bk, err := b.BackupTo(path)
		return func() {
			if err != nil {
				v.showError(lang.L("The backup could not be made"), err)
				return
			}
			v.lastBackup = path
			v.sayAboutBackup(lang.L("Saved {{.Notes}} and {{.Questions}} to {{.Name}}.", tv{
				"Notes":     plural("count.notes", "{{.Count}} notes", len(bk.Notes), tv{"Count": len(bk.Notes)}),
				"Questions": plural("count.questions", "{{.Count}} questions", len(bk.Drafts), tv{"Count": len(bk.Drafts)}),
				"Name":      filepath.Base(path)}))
		}
	})
}

func (v *SettingsView) sayAboutBackup(text string) {
	if v.backupStatus == nil {
		dialog.ShowInformation(lang.L("Backups of your notes and questions"), text, v.parent())
		return
	}
	v.backupStatus.SetText(text)
	v.backupStatus.Show()
	v.relayout()
}

// reload reads the settings, the committees followed and the space used.
func (v *SettingsView) reload() {
	lib, dl, st := v.u.deps.Library, v.u.deps.Downloader, v.u.deps.Storage
	v.u.async.run(func() func() {
		every, _ := lib.Setting(fetch.SettingSyncEvery)
		language, _ := lib.Setting(SettingLanguage)
		lastRaw, _ := lib.Setting(fetch.SettingLastSync)
		site, _ := lib.Setting(fetch.SettingSite)
		var (
			followed []docs.Committee
			ferr     error
		)
		if dl != nil {
			followed, ferr = dl.Followed()
		}
		var (
			space library.Space
			serr  error
		)
		if st != nil {
			space, serr = st.SpaceUsed()
		}
		return func() {
			v.showLanguage(language)
			v.showEvery(fetch.ParseSyncEvery(every))
			last, err := time.Parse(time.RFC3339, lastRaw)
			if err != nil {
				last = time.Time{}
			}
			v.showLast(last)
			if dl != nil {
				if v.site.Text == "" {
					v.site.SetText(site)
				}
				v.showFollowed(followed, ferr)
			}
			v.showSpace(space, serr)
		}
	})
}

// showEvery selects the interval without storing it again.
func (v *SettingsView) showEvery(every time.Duration) {
	v.every.OnChanged = nil
	for _, c := range syncChoices() {
		if c.every == every {
			v.every.SetSelected(c.label)
		}
	}
	v.every.OnChanged = v.onEvery
}

// onEvery stores how often to check.
func (v *SettingsView) onEvery(label string) {
	for _, c := range syncChoices() {
		if c.label != label {
			continue
		}
		v.u.Downloads.setEvery(c.every)
		lib := v.u.deps.Library
		v.u.async.run(func() func() {
			if err := lib.SetSetting(fetch.SettingSyncEvery, fetch.FormatSyncEvery(c.every)); err != nil {
				return func() { v.u.showError(lang.L("The setting could not be saved"), err) }
			}
			return nil
		})
	}
}

// showLast says when new papers were last checked for; safe to call
// before the window was first opened.
func (v *SettingsView) showLast(t time.Time) {
	if v.last == nil {
		return
	}
	if t.IsZero() {
		v.last.SetText(lang.L("Not checked yet."))
		return
	}
	now, t := v.u.now().Local(), t.Local()
	clock := t.Format("15:04")
	switch {
	case sameDay(t, now):
		v.last.SetText(lang.L("Last checked today at {{.Time}}.", tv{"Time": clock}))
	case sameDay(t, now.AddDate(0, 0, -1)):
		v.last.SetText(lang.L("Last checked yesterday at {{.Time}}.", tv{"Time": clock}))
	default:
		v.last.SetText(lang.L("Last checked on {{.Day}} at {{.Time}}.", tv{"Day": dayMonth(t), "Time": clock}))
	}
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// showFollowed lists the committees followed, each with "Stop following".
func (v *SettingsView) showFollowed(list []docs.Committee, err error) {
	v.followedBox.RemoveAll()
	v.unfollowB = map[string]*widget.Button{}
	v.followed = map[string]docs.Committee{}
	if err != nil {
		v.followedBox.Add(wrapped(lang.L("The committees you follow could not be read.") + " " + v.u.explain(err)))
		return
	}
	if len(list) == 0 {
		v.followedBox.Add(wrapped(lang.L("None yet.")))
	}
	for _, c := range list {
		v.followed[c.Key()] = c
		detail := siteName(c.Site)
		if c.Since != "" {
			detail += " · " + lang.L("papers of meetings from {{.Date}}", tv{"Date": meetingTitle(c.Since)})
		}
		title := widget.NewLabelWithStyle(c.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		sub := widget.NewLabel(detail)
		sub.Truncation = fyne.TextTruncateEllipsis
		b := widget.NewButton(lang.L("Stop following"), func() { v.setFollowing(c, false) })
		v.unfollowB[c.Key()] = b
		v.followedBox.Add(widgets.Border(nil, nil, nil, container.NewCenter(b), container.New(widgets.NewTightVBox(), title, sub)))
	}
	// The ticks follow what is followed.
	for key, ch := range v.checks {
		_, on := v.followed[key]
		if ch.Checked != on {
			f := ch.OnChanged
			ch.OnChanged = nil
			ch.SetChecked(on)
			ch.OnChanged = f
		}
	}
	v.relayout()
}

// siteName is a site's host, as a member knows it.
func siteName(site string) string {
	if u, err := url.Parse(site); err == nil && u.Host != "" {
		return u.Host
	}
	return site
}

// onList lists the committees of the site typed.
func (v *SettingsView) onList() {
	site := strings.TrimSpace(v.site.Text)
	if site == "" {
		v.sayAboutSite(lang.L("Paste the address of your council's committee pages first."))
		return
	}
	lib := v.u.deps.Library
	v.u.Downloads.askCommittees(site, v.listB, v.sayAboutSite, func(list []docs.Committee) {
		v.u.async.run(func() func() {
			_ = lib.SetSetting(fetch.SettingSite, list[0].Site) // only a convenience for next time
			return nil
		})
		v.committees = list
		v.sayAboutSite(plural("count.committees-on-site", "{{.Count}} committees on {{.Site}}. Tick those you want to follow.", len(list),
			tv{"Count": len(list), "Site": siteName(list[0].Site)}))
		v.filter.SetText("")
		v.filter.Show()
		v.showChecks()
	})
}

func (v *SettingsView) sayAboutSite(text string) {
	v.siteStatus.SetText(text)
	v.siteStatus.Show()
	v.relayout()
}

// showChecks lists the site's committees the filter matches, ticked when
// followed.
func (v *SettingsView) showChecks() {
	v.checksBox.RemoveAll()
	v.checks = map[string]*widget.Check{}
	words := strings.Fields(strings.ToLower(v.filter.Text))
	for _, c := range v.committees {
		if !containsAll(strings.ToLower(c.Title), words) {
			continue
		}
		label := c.Title
		if c.Expired {
			label += " " + lang.L("(no longer meets)")
		}
		ch := widget.NewCheck(label, nil)
		_, on := v.followed[c.Key()]
		ch.SetChecked(on)
		ch.OnChanged = func(on bool) { v.setFollowing(c, on) }
		v.checks[c.Key()] = ch
		v.checksBox.Add(ch)
	}
	v.relayout()
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// setFollowing follows or stops following a committee.
func (v *SettingsView) setFollowing(c docs.Committee, on bool) {
	dl := v.u.deps.Downloader
	if on {
		if old, ok := v.followed[c.Key()]; ok {
			c.Since = old.Since
		}
	}
	v.u.async.run(func() func() {
		var err error
		if on {
			err = dl.Follow(c)
		} else {
			err = dl.Unfollow(c)
		}
		list, ferr := dl.Followed()
		return func() {
			if err != nil {
				v.showError(lang.L("The change could not be saved"), err)
			}
			if on && err == nil {
				v.followedMore = true
				v.sayAboutSite(lang.L("Following {{.Committee}}. Its papers are downloaded when you close this window.", tv{"Committee": c.Title}))
			}
			if !on && err == nil {
				v.sayAboutSite(lang.L("Stopped following {{.Committee}}. Its papers stay in the library.", tv{"Committee": c.Title}))
			}
			v.showFollowed(list, ferr)
			v.u.Library.reload()
		}
	})
}

// showSpace says how much space the library takes.
func (v *SettingsView) showSpace(s library.Space, err error) {
	if v.u.deps.Storage == nil {
		return
	}
	if err != nil {
		v.space.SetText(lang.L("The space used could not be measured.") + " " + v.u.explain(err))
		return
	}
	if s.Count == 0 {
		v.space.SetText(lang.L("No papers yet. The library folder takes {{.Size}}.", tv{"Size": fetch.FormatBytes(s.Total)}))
		return
	}
	v.space.SetText(plural("count.space", "Your {{.Count}} papers take {{.Papers}}. With the search index and records, the library folder takes {{.Total}}.", s.Count,
		tv{"Count": s.Count, "Papers": fetch.FormatBytes(s.Papers), "Total": fetch.FormatBytes(s.Total)}))
}

// onRemove asks to confirm removing the papers of meetings before the date
// chosen, saying how many and how much space that frees.
func (v *SettingsView) onRemove() {
	if v.before.Date == nil {
		v.sayAboutRemoval(lang.L("Choose a date first."))
		return
	}
	day := v.before.Date.Format(time.DateOnly)
	st := v.u.deps.Storage
	v.u.async.run(func() func() {
		c, err := st.OldPapers(day)
		return func() {
			if err != nil {
				v.showError(lang.L("Old papers could not be listed"), err)
				return
			}
			kept := keptText(c)
			if len(c.Remove) == 0 {
				v.sayAboutRemoval(lang.L("There are no papers of meetings before {{.Date}} to remove.", tv{"Date": meetingTitle(day)}) + kept)
				return
			}
			msg := wrapped(lang.L("Remove {{.Papers}} of meetings before {{.Date}}? This frees about {{.Size}}.",
				tv{"Papers": pluralPapers(len(c.Remove)), "Date": meetingTitle(day), "Size": fetch.FormatBytes(c.Bytes)}) + kept)
			v.confirm = dialog.NewCustomConfirm(lang.L("Remove old papers"), lang.L("Remove"), lang.L("Cancel"), msg, func(ok bool) {
				v.confirm = nil
				if ok {
					v.remove(day)
				}
			}, v.parent())
			v.confirm.Resize(fyne.NewSize(460, 200))
			v.confirm.Show()
		}
	})
}

// remove removes the papers of meetings before day.
func (v *SettingsView) remove(day string) {
	st := v.u.deps.Storage
	v.removeB.Disable()
	v.sayAboutRemoval(lang.L("Removing old papers…"))
	v.u.async.run(func() func() {
		c, err := st.RemoveOld(day)
		space, serr := st.SpaceUsed()
		return func() {
			v.removeB.Enable()
			if c != nil {
				v.sayAboutRemoval(lang.L("Removed {{.Papers}}; {{.Size}} freed.", tv{"Papers": pluralPapers(len(c.Remove)), "Size": fetch.FormatBytes(c.Bytes)}) + keptText(c))
			}
			if err != nil && !errors.Is(err, docs.ErrIndexBehind) {
				v.showError(lang.L("Old papers could not all be removed"), err)
			}
			v.showSpace(space, serr)
			v.u.Library.reload()
		}
	})
}

func keptText(c *library.Clearing) string {
	if len(c.Kept) == 0 {
		return ""
	}
	return " " + plural("count.kept", "{{.Count}} papers with your notes are kept.", len(c.Kept), tv{"Count": len(c.Kept)})
}

func (v *SettingsView) sayAboutRemoval(text string) {
	v.removeStatus.SetText(text)
	v.removeStatus.Show()
	v.relayout()
}

// parent is the window dialogs of the settings go on.
func (v *SettingsView) parent() fyne.Window {
	if v.win != nil {
		return v.win
	}
	return v.u.win
}

func (v *SettingsView) showError(title string, err error) {
	v.u.lastError = v.u.Downloads.explain(err)
	dialog.ShowInformation(title, v.u.lastError, v.parent())
}
