package ui

import (
	"errors"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"panelpapers/docs"
	"panelpapers/ui/filedialog"
)

// FileChooser is the computer's own file dialogs, for Deps.Files:
// *filedialog.Native. Each call blocks until the member answers and is made
// off the window's thread; a cancelled dialog gives no paths and no error.
// An error means the dialog could not be shown, and the window shows its
// own instead (for the rest of the session when it is
// filedialog.ErrUnavailable: no GTK, no display).
type FileChooser interface {
	Open(filedialog.Open) ([]string, error)
	Save(filedialog.Save) (string, error)
	Folder(filedialog.Folder) (string, error)
}

var _ FileChooser = (*filedialog.Native)(nil)

// fileDialogs asks the member for files and folders: with the computer's
// own dialogs when the window has them, else with Fyne's.
type fileDialogs struct {
	u        *UI
	native   FileChooser // nil: Fyne's dialogs only
	busy     bool        // a native dialog is open: a second is not stacked on it
	saveDir  string      // where the member last saved this session
	openDir  string      // where the member last opened files from this session
	saved    dialog.Dialog
	lastPath string // the file last saved, for tests
	// openURL opens a folder in the file manager; tests replace it.
	openURL func(*url.URL) error
}

func newFileDialogs(u *UI) *fileDialogs {
	return &fileDialogs{u: u, native: u.deps.Files, openURL: u.app.OpenURL}
}

// useNative runs ask (a native dialog) off the window's thread and hands
// its answer to done on it; on failure it runs fallback instead, and after
// filedialog.ErrUnavailable keeps to the window's own dialogs.
func (f *fileDialogs) useNative(ask func() error, done, fallback func()) {
	if f.busy {
		return
	}
	f.busy = true
	f.u.async.run(func() func() {
		err := ask()
		return func() {
			f.busy = false
			if err != nil {
				if errors.Is(err, filedialog.ErrUnavailable) {
					f.native = nil
				}
				fallback()
				return
			}
			done()
		}
	})
}

// open asks for files to open: several when o.Multiple (Fyne's own dialog,
// the fallback, takes one). done gets the paths, on the window's thread,
// and is not called when the member cancels.
func (f *fileDialogs) open(parent fyne.Window, o filedialog.Open, done func([]string)) {
	o.Accept, o.Cancel = orDefault(o.Accept, lang.L("Open")), lang.L("Cancel")
	if o.Dir == "" {
		o.Dir = firstDir(f.openDir, f.u.deps.Downloads)
	}
	chosen := done
	done = func(paths []string) {
		f.openDir = filepath.Dir(paths[0])
		chosen(paths)
	}
	fyneOpen := func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				f.u.showError(lang.L("The file could not be opened"), err)
				return
			}
			if r == nil {
				return
			}
			path := r.URI().Path()
			r.Close()
			done([]string{path})
		}, parent)
		if exts := fyneExtensions(o.Filters); exts != nil {
			d.SetFilter(storage.NewExtensionFileFilter(exts))
		}
		setLocation(d, o.Dir)
		d.Show()
	}
	if f.native == nil {
		fyneOpen()
		return
	}
	native := f.native
	var paths []string
	f.useNative(func() (err error) {
		paths, err = native.Open(o)
		return err
	}, func() {
		if len(paths) > 0 {
			done(paths)
		}
	}, fyneOpen)
}

// savePath asks where to save a file, starting in the member's Documents
// folder (or where they last saved), and hands the path to done.
func (f *fileDialogs) savePath(parent fyne.Window, s filedialog.Save, done func(path string)) {
	if s.Dir == "" {
		s.Dir = f.defaultSaveDir()
	}
	s.Accept, s.Cancel = lang.L("Save"), lang.L("Cancel")
	fyneSave := func() {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil {
				f.u.showError(lang.L("The file could not be saved"), err)
				return
			}
			if w == nil {
				return
			}
			path := w.URI().Path()
			w.Close() // the caller writes the file whole
			done(filedialog.WithExtension(path, s.Filters))
		}, parent)
		d.SetFileName(s.Name)
		if exts := fyneExtensions(s.Filters); exts != nil {
			d.SetFilter(storage.NewExtensionFileFilter(exts))
		}
		setLocation(d, s.Dir)
		d.Show()
	}
	if f.native == nil {
		fyneSave()
		return
	}
	native := f.native
	var path string
	f.useNative(func() (err error) {
		path, err = native.Save(s)
		return err
	}, func() {
		if path != "" {
			done(filedialog.WithExtension(path, s.Filters))
		}
	}, fyneSave)
}

// save asks where to save a file and writes it there with write, which
// closes the writer and reports its own errors (returning false). Then the
// window says in full where the file went, with a button to open its
// folder.
func (f *fileDialogs) save(parent fyne.Window, s filedialog.Save, write func(fyne.URIWriteCloser) bool) {
	f.savePath(parent, s, func(path string) {
		w, err := storage.Writer(storage.NewFileURI(path))
		if err != nil {
			f.u.showError(lang.L("The file could not be saved"), err)
			return
		}
		if write(w) {
			f.showSaved(parent, path)
		}
	})
}

// folder asks for a folder and hands it to done.
func (f *fileDialogs) folder(parent fyne.Window, fo filedialog.Folder, done func(dir string)) {
	fo.Accept, fo.Cancel = orDefault(fo.Accept, lang.L("Choose")), lang.L("Cancel")
	fyneFolder := func() {
		d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil {
				f.u.showError(lang.L("The folder could not be opened"), err)
				return
			}
			if dir != nil {
				done(dir.Path())
			}
		}, parent)
		setLocation(d, fo.Dir)
		d.Show()
	}
	if f.native == nil {
		fyneFolder()
		return
	}
	native := f.native
	var dir string
	f.useNative(func() (err error) {
		dir, err = native.Folder(fo)
		return err
	}, func() {
		if dir != "" {
			done(dir)
		}
	}, fyneFolder)
}

// defaultSaveDir is where a save dialog starts: the folder the member last
// saved to in this session, else their Documents folder (Deps.Documents),
// else the system's choice.
func (f *fileDialogs) defaultSaveDir() string {
	return firstDir(f.saveDir, f.u.deps.Documents)
}

// firstDir is the first of dirs that is a folder, or "".
func firstDir(dirs ...string) string {
	for _, d := range dirs {
		if st, err := os.Stat(d); d != "" && err == nil && st.IsDir() {
			return d
		}
	}
	return ""
}

// showSaved says where a file was saved, in full, with a button to open
// its folder.
func (f *fileDialogs) showSaved(parent fyne.Window, path string) {
	f.saveDir, f.lastPath = filepath.Dir(path), path
	msg := wrapped(lang.L("Saved to {{.Path}}", tv{"Path": path}))
	f.saved = dialog.NewCustomConfirm(lang.L("Saved"), lang.L("Open the folder"), lang.L("Close"), msg, func(open bool) {
		f.saved = nil
		if open {
			f.openFolder(parent, filepath.Dir(path))
		}
	}, parent)
	f.saved.Show()
}

// openFolder shows a folder in the computer's file manager.
func (f *fileDialogs) openFolder(parent fyne.Window, dir string) {
	u, err := url.Parse(storage.NewFileURI(dir).String())
	if err == nil {
		err = f.openURL(u)
	}
	if err != nil {
		f.u.lastError = explain(err)
		dialog.ShowInformation(lang.L("The folder could not be opened"), lang.L("Open {{.Folder}} in your file manager.", tv{"Folder": dir}), parent)
	}
}

// fyneExtensions are the filters' extensions as Fyne's dialog takes them
// (".pdf", in either case), or nil for any file.
func fyneExtensions(filters []filedialog.Filter) []string {
	var out []string
	for _, fl := range filters {
		for _, e := range fl.Extensions {
			if e == "*" {
				return nil
			}
			out = append(out, "."+strings.ToLower(e), "."+strings.ToUpper(e))
		}
	}
	return out
}

// setLocation starts a Fyne file dialog in dir, when it is a folder.
func setLocation(d interface{ SetLocation(fyne.ListableURI) }, dir string) {
	if dir == "" {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

// pdfFilter is the filter of dialogs that open papers.
func pdfFilter() []filedialog.Filter {
	return []filedialog.Filter{{Name: lang.L("PDF files"), Extensions: []string{"pdf"}}}
}

// textFilter is the filter of dialogs that save text documents.
func textFilter() []filedialog.Filter {
	return []filedialog.Filter{{Name: lang.L("Text documents"), Extensions: []string{"txt", "md"}}}
}

// addDropped adds the PDFs dropped on the window, and says which other
// files it left alone.
func (u *UI) addDropped(uris []fyne.URI) {
	var others []string
	for _, uri := range uris {
		if uri.Scheme() != "file" {
			continue
		}
		if strings.EqualFold(uri.Extension(), ".pdf") || isPDFFile(uri.Path()) {
			u.Library.add(uri.Path())
			continue
		}
		others = append(others, uri.Name())
	}
	if len(others) > 0 {
		dialog.ShowInformation(lang.L("Only PDF files can be added"),
			lang.L("These are not PDF files, so they were not added: {{.Names}}.", tv{"Names": joinAnd(others)}), u.win)
	}
}

// isPDFFile reports whether the file at path starts as a PDF does, for a
// paper saved without its extension (ModernGov's mgConvert2PDF links).
func isPDFFile(path string) bool {
	fh, err := os.Open(path)
	if err != nil {
		return false
	}
	defer fh.Close()
	head := make([]byte, docs.SniffLen)
	n, _ := io.ReadFull(fh, head)
	return docs.Sniff(head[:n]) == nil
}
