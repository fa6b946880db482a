package ui

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs/fetch"
	"panelpapers/docs/library"
	"panelpapers/ui/filedialog"
)

// Backups keeps copies of the member's notes and question drafts, for
// "Back up now"; *library.Library implements it. The settings offer it
// when the window has it (Deps.Backups).
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

// dataDir is the library's folder, or "" when the window was not told.
func (v *SettingsView) dataDir() string { return v.u.deps.DataDir }

// onMove asks for the folder to move the library to. A folder that
// already holds files gets the library in a new folder of its own inside,
// "Panel Papers", so that choosing Documents or a memory stick just works.
func (v *SettingsView) onMove() {
	if v.MoveData == nil {
		return
	}
	start := ""
	if d := v.dataDir(); d != "" {
		start = filepath.Dir(d)
	}
	fo := filedialog.Folder{Title: lang.L("Choose where to keep the library"), Dir: start}
	v.u.files.folder(v.parent(), fo, func(dir string) { v.confirmMove(moveTarget(dir)) })
}

// moveTarget is where the library goes when the member chose dir: dir
// itself when it is empty (or not there yet), else a new folder in it.
func moveTarget(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		return dir
	}
	return filepath.Join(dir, appName)
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
	v.moveCopied = wrapped(lang.L("Moving the library to {{.Folder}}…", tv{"Folder": to}))
	copied := v.moveCopied
	working := dialog.NewCustomWithoutButtons(lang.L("Moving the library"), container.NewVBox(copied, bar), v.parent())
	working.Show()
	move := v.MoveData
	v.u.async.run(func() func() {
		err := move(to, func(done, total int64) {
			v.u.async.post(func() {
				if total > 0 {
					bar.SetValue(float64(done) / float64(total))
					copied.SetText(lang.L("Copied {{.Done}} of {{.Total}} to {{.Folder}}…",
						tv{"Done": fetch.FormatBytes(done), "Total": fetch.FormatBytes(total), "Folder": to}))
				}
			})
		})
		return func() {
			working.Hide()
			if err != nil && !errors.Is(err, library.ErrOldFolderLeft) {
				v.u.lastError = moveSentence(err)
				v.u.inform(v.parent(), lang.L("The library could not be moved"), v.u.lastError)
				return
			}
			msg := lang.L("Panel Papers will now close; open it again to use the library in its new place.")
			if err != nil {
				msg += "\n\n" + lang.L("Some files could not be removed from the old folder; you may delete them yourself.")
			}
			v.moveDone = v.u.newInformation(v.parent(), lang.L("The library has moved"), msg)
			v.moveDone.SetOnClosed(func() {
				if v.Quit != nil {
					v.Quit()
				}
			})
			v.moveDone.Show()
		}
	})
}

// onOpenFolder shows the data folder in the computer's file manager.
func (v *SettingsView) onOpenFolder() {
	if dir := v.dataDir(); dir != "" {
		v.u.files.openFolder(v.parent(), dir)
	}
}

// onBackUp makes a backup of the notes and questions in the backups folder.
func (v *SettingsView) onBackUp() {
	b := v.u.deps.Backups
	if b == nil {
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
	b := v.u.deps.Backups
	if b == nil {
		return
	}
	s := filedialog.Save{Title: lang.L("Save a backup"),
		Name:    safeFileName(lang.L("Panel Papers backup {{.Date}}", tv{"Date": v.u.now().Format(time.DateOnly)})) + ".json",
		Filters: backupFilter()}
	v.u.files.savePath(v.parent(), s, func(path string) { v.backUpTo(b, path) })
}

// backupFilter is the filter of dialogs that save or open backups.
func backupFilter() []filedialog.Filter {
	return []filedialog.Filter{{Name: lang.L("Panel Papers backups"), Extensions: []string{"json"}}}
}

// onRestore brings back the notes and questions of a backup file, such as
// one saved on a memory stick before a laptop was lost.
func (v *SettingsView) onRestore() {
	b := v.u.deps.Backups
	if b == nil {
		return
	}
	o := filedialog.Open{Title: lang.L("Restore a backup"), Dir: b.BackupDir(), Filters: backupFilter()}
	v.u.files.open(v.parent(), o, func(paths []string) { v.restoreFrom(b, paths[0]) })
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
		v.u.inform(v.parent(), lang.L("Backups of your notes and questions"), text)
		return
	}
	v.backupStatus.SetText(text)
	v.backupStatus.Show()
	v.relayout()
}
