package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
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
	site         *widgets.KeyEntry
	listB        *widget.Button
	siteStatus   *widget.Label
	filter       *widgets.KeyEntry
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
	// "Move to another folder…". main binds it to the window's own lock
	// ((*docs.InstanceLock).MoveLibrary), as only the window may move the
	// library it has open.
	MoveData func(to string, progress func(done, total int64)) error
	// Quit closes Panel Papers once the library has moved: the window must
	// open again at the new place. main sets it to the app's Quit.
	Quit         func()
	moveB        *widget.Button
	moveConfirm  *dialog.ConfirmDialog // the open "Move the library" question, for tests
	moveProgress *widget.ProgressBar
	moveCopied   *widget.Label // how much is copied, under the bar
	moveDone     dialog.Dialog // the open "will now close" message, for tests

	root   *container.AppTabs
	closeB *widget.Button      // "Close", at the foot of the window
	tabs   []fyne.CanvasObject // each tab's content, laid out again when it grows
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
	v.closeB = widget.NewButton(lang.L("Close"), v.onClose)
	foot := container.NewHBox(layout.NewSpacer(), v.closeB)
	v.win.SetContent(widgets.Border(nil, container.NewVBox(widget.NewSeparator(), foot), nil, nil, v.root))
	v.win.Canvas().SetOnTypedKey(v.onTypedKey)
	v.win.Resize(fyne.NewSize(640, 580))
	v.win.SetOnClosed(v.onClosed)
	v.win.Show()
	v.reload()
}

// onClose closes the settings window.
func (v *SettingsView) onClose() {
	if v.win != nil {
		v.win.Close()
	}
}

// onTypedKey closes the window with Escape, or the dialog open over it.
func (v *SettingsView) onTypedKey(e *fyne.KeyEvent) {
	if v.win == nil || v.u.dialogKey(v.win, e.Name) {
		return
	}
	if e.Name == fyne.KeyEscape {
		v.onClose()
	}
}

// escapeCloses makes Escape in a box close the window, as it does
// elsewhere in it.
func (v *SettingsView) escapeCloses(k *fyne.KeyEvent) bool {
	if k.Name == fyne.KeyEscape {
		v.onClose()
		return true
	}
	return false
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
	v.moveB = widget.NewButtonWithIcon(lang.L("Move to another folder…"), theme.FolderIcon(), v.onMove)
	box.Add(container.NewHBox(v.openFolderB, v.moveB))
	if v.MoveData == nil || dir == "" {
		v.moveB.Disable()
		box.Add(wrapped(lang.L("This folder was named when Panel Papers was started (with --data or the PANELPAPERS_DATA setting), so it cannot be moved from here: close Panel Papers, move the folder, and change that setting to its new place.")))
	} else {
		box.Add(wrapped(lang.L("Move to another folder… copies the library to a folder you choose, checks every file, and then removes the old folder. Panel Papers then closes; open it again to carry on.")))
	}
	box.Add(widget.NewSeparator())
	box.Add(heading(lang.L("Backups of your notes and questions")))
	if b := v.u.deps.Backups; b != nil {
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
			v.u.keyed(v.parent(), v.confirm, nil).Show()
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

// showError shows err in a dialog on the settings window; the settings
// speak mostly of councils' sites, so they explain as downloads do.
func (v *SettingsView) showError(title string, err error) {
	v.u.lastError = v.u.explainIn(inDownload, err)
	v.u.inform(v.parent(), title, v.u.lastError)
}
