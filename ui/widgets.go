package ui

import (
	"context"
	"errors"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs/pdf"
)

// askPassword asks for the password of a protected PDF and calls then with
// it; cancelling does nothing.
func (u *UI) askPassword(name string, wrong bool, then func(password string)) {
	pw := widget.NewPasswordEntry()
	msg := lang.L("{{.Name}} is protected by a password. Type it to open the paper.", tv{"Name": name})
	if wrong {
		msg = lang.L("That password does not open {{.Name}}. Try again.", tv{"Name": name})
	}
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm(lang.L("Password needed"), lang.L("Open"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem("", text), widget.NewFormItem(lang.L("Password"), pw)},
		func(ok bool) {
			if ok && pw.Text != "" {
				then(pw.Text)
			}
		}, u.win)
	d.Resize(fyne.NewSize(420, 200))
	d.Show()
	u.win.Canvas().Focus(pw)
}

// PDFiumPages draws pages with PDFium: Open waits for engine (which starts
// in the background at launch, see docs.StartPDFiumInBackground) and opens
// the file in it.
func PDFiumPages(engine func(context.Context) (*pdf.PDFium, error)) PageSource {
	return pdfiumPages{engine: engine}
}

type pdfiumPages struct {
	engine func(context.Context) (*pdf.PDFium, error)
}

// Ready reports whether the engine has started, so that the reader can say
// it is starting rather than leave the member looking at "Opening…".
func (p pdfiumPages) Ready() bool {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := p.engine(ctx)
	return !errors.Is(err, context.Canceled)
}

// Open reads the file and opens it in the engine.
func (p pdfiumPages) Open(ctx context.Context, path, password string) (PageDoc, error) {
	eng, err := p.engine(ctx)
	if err != nil {
		return nil, fmt.Errorf("start the PDF engine: %w", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("open paper: %w", err)
	}
	d, err := eng.Open(data, password)
	if err != nil {
		return nil, err
	}
	return d, nil
}
