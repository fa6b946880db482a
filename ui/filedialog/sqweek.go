//go:build windows || (darwin && cgo)

package filedialog

import (
	"errors"
	"strings"

	"github.com/sqweek/dialog"
)

// builder is a sqweek/dialog file dialog with a title, filters and folder.
func builder(title, dir string, filters []Filter) *dialog.FileBuilder {
	b := dialog.File().Title(title)
	for _, f := range filters {
		b = b.Filter(f.Name, f.Extensions...)
	}
	if dir != "" {
		b = b.SetStartDir(dir)
	}
	return b
}

// cancelled turns sqweek/dialog's "cancelled" into no answer and no error.
func cancelled(err error) error {
	if errors.Is(err, dialog.ErrCancelled) {
		return nil
	}
	return err
}

func saveFile(s Save) (string, error) {
	b := builder(s.Title, s.Dir, s.Filters)
	if s.Name != "" {
		b = b.SetStartFile(s.Name)
	}
	path, err := b.Save()
	return strings.TrimSpace(path), cancelled(err)
}

func chooseFolder(f Folder) (string, error) {
	d := dialog.Directory().Title(f.Title)
	if f.Dir != "" {
		d = d.SetStartDir(f.Dir)
	}
	dir, err := d.Browse()
	return dir, cancelled(err)
}
