package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// Fyne's dialogs close only with their buttons. The window closes the
// dialog on top with the keyboard too: Escape dismisses it, and Enter does
// what its default button does (OK, for a message). The keys reach the
// window while nothing in the dialog has the keyboard, as when it has just
// opened; a dialog whose box has the cursor keeps its keys.

// keyedDialog is a dialog that the keys close, once shown.
type keyedDialog struct {
	dialog.Dialog
	u     *UI
	win   fyne.Window
	enter func() // what Enter does; nil: nothing
}

// Show shows the dialog and gives it the keys.
func (d *keyedDialog) Show() {
	d.u.dialogs = append(slices.DeleteFunc(d.u.dialogs, func(o *keyedDialog) bool { return o == d }), d)
	d.Dialog.Show()
}

// keyed lets Escape dismiss d, shown over win, and Enter call enter (when
// not nil), once d is shown.
func (u *UI) keyed(win fyne.Window, d dialog.Dialog, enter func()) dialog.Dialog {
	k := &keyedDialog{Dialog: d, u: u, win: win, enter: enter}
	d.SetOnClosed(func() {
		u.dialogs = slices.DeleteFunc(u.dialogs, func(o *keyedDialog) bool { return o == k })
	})
	return k
}

// newInformation is dialog.NewInformation that Enter and Escape close, as
// OK does.
func (u *UI) newInformation(win fyne.Window, title, message string) dialog.Dialog {
	d := dialog.NewInformation(title, message, win)
	return u.keyed(win, d, d.Hide)
}

// inform shows a message over win that OK, Enter and Escape close.
func (u *UI) inform(win fyne.Window, title, message string) dialog.Dialog {
	d := u.newInformation(win, title, message)
	d.Show()
	return d
}

// dialogKey gives key to the newest dialog open over win, if any; it
// reports whether the dialog took it.
func (u *UI) dialogKey(win fyne.Window, key fyne.KeyName) bool {
	for i := len(u.dialogs) - 1; i >= 0; i-- {
		d := u.dialogs[i]
		if d.win != win {
			continue
		}
		switch key {
		case fyne.KeyEscape:
			d.Hide()
			return true
		case fyne.KeyReturn, fyne.KeyEnter:
			if d.enter != nil {
				d.enter()
			}
			return true
		}
		return false
	}
	return false
}
