package ui

import (
	"errors"
	"net/url"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs/library"
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
	b := v.u.deps.Backups
	if b == nil {
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
		v.u.inform(v.parent(), lang.L("Backups of your notes and questions"), text)
		return
	}
	v.backupStatus.SetText(text)
	v.backupStatus.Show()
	v.relayout()
}
