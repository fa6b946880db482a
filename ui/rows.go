package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"panelpapers/ui/widgets"
)

// rowLabels are a row's title and the line under it, set close together
// (text) and wrapped; the line is hidden while it is empty.
func rowLabels(title, detail string) (t, d *widget.Label, text *fyne.Container) {
	t = widget.NewLabel(title)
	t.Wrapping = fyne.TextWrapWord
	d = widget.NewLabel(detail)
	d.Wrapping = fyne.TextWrapWord
	d.Hidden = detail == ""
	return t, d, container.New(widgets.NewTightVBox(), t, d)
}

// choiceRow is a row that does something when chosen: a draft in the
// list, a past question, a cited page, a note. It may carry a coloured
// swatch (a note's colour). row is what goes in the window.
type choiceRow struct {
	row    *widgets.FocusRow
	key    string // what the row stands for: a draft's or a note's id
	title  *widget.Label
	detail *widget.Label
}

func newChoiceRow(title, detail string, swatch color.Color, onTapped func()) *choiceRow {
	r := &choiceRow{}
	var text *fyne.Container
	r.title, r.detail, text = rowLabels(title, detail)
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	var body fyne.CanvasObject = text
	if swatch != nil {
		s := canvas.NewRectangle(swatch)
		s.SetMinSize(fyne.NewSize(6, 6))
		body = widgets.Border(nil, nil, s, nil, text)
	}
	r.row = widgets.NewFocusRow(body, onTapped)
	return r
}
