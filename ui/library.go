// Package ui holds Panel Papers' windows and widgets. It takes its data
// through the small interfaces declared here, so that views can be tested
// headlessly with fake libraries.
package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
)

// Library is what the window needs from the paper library.
type Library interface {
	// Versions lists the papers, newest meeting first; all includes older
	// versions of republished papers.
	Versions(all bool) ([]*docs.Version, error)
}

// LibraryView lists the papers in the library.
type LibraryView struct {
	lib    Library
	papers []*docs.Version

	list   *widget.List
	status *widget.Label
	empty  *widget.Label
	root   *fyne.Container
}

// NewLibraryView makes the list of papers and fills it from lib.
func NewLibraryView(lib Library) *LibraryView {
	v := &LibraryView{lib: lib}
	v.status = widget.NewLabel("")
	v.empty = widget.NewLabel("No papers yet.\nAdd an agenda pack with: panelpapers add FILE.pdf")
	v.empty.Alignment = fyne.TextAlignCenter
	v.list = widget.NewList(
		func() int { return len(v.papers) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("Title")
			title.TextStyle = fyne.TextStyle{Bold: true}
			return container.NewVBox(title, widget.NewLabel("details"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			p := v.papers[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(p.Title)
			box.Objects[1].(*widget.Label).SetText(paperDetails(p))
		},
	)
	v.root = container.NewBorder(nil, v.status, nil, nil, container.NewStack(v.list, v.empty))
	v.Refresh()
	return v
}

// paperDetails is the line under a paper's title: meeting, committee, size.
func paperDetails(p *docs.Version) string {
	date := p.Date
	if date == "" {
		date = "Undated"
	}
	committee := p.Committee
	if committee == "" {
		committee = "Committee not stated"
	}
	return fmt.Sprintf("%s · %s · %s · %d pages", date, committee, kindName(p.Kind), p.Pages)
}

// kindName is how a member would call a kind of paper.
func kindName(k docs.Kind) string {
	switch k {
	case docs.KindAgenda:
		return "Agenda"
	case docs.KindSupplement:
		return "Supplement"
	case docs.KindMinutes:
		return "Minutes"
	case docs.KindReport:
		return "Report"
	}
	return "Paper"
}

// Refresh reloads the list from the library.
func (v *LibraryView) Refresh() {
	papers, err := v.lib.Versions(false)
	if err != nil {
		v.status.SetText("The library could not be read: " + err.Error())
		return
	}
	v.papers = papers
	if len(papers) == 0 {
		v.empty.Show()
		v.list.Hide()
	} else {
		v.empty.Hide()
		v.list.Show()
	}
	v.status.SetText(fmt.Sprintf("%d papers", len(papers)))
	v.list.Refresh()
}

// Content is the view's root object, to put in a window.
func (v *LibraryView) Content() fyne.CanvasObject { return v.root }
