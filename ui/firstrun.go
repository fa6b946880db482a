package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/assets"
	"panelpapers/docs"
	"panelpapers/docs/fetch"
	"panelpapers/docs/library"
	"panelpapers/ui/widgets"
)

// siteLabel is how the list names a site: the council in the window's
// language, and the panel it hosts.
func siteLabel(s fetch.Council) string {
	name, panel := s.Name, s.Panel
	if currentLanguage() == LangWelsh {
		name, panel = s.NameCy, s.PanelCy
	}
	if panel == "" {
		return name
	}
	return lang.L("{{.Council}} (hosts the {{.Panel}})", tv{"Council": name, "Panel": panel})
}

// sortedSites is fetch.Councils in the order of their names in the window's
// language.
func sortedSites() []fetch.Council {
	out := append([]fetch.Council(nil), fetch.Councils...)
	sort.SliceStable(out, func(i, j int) bool { return siteLabel(out[i]) < siteLabel(out[j]) })
	return out
}

// newSitePicker is a drop-down of the known councils; choosing one calls
// onPick with it.
func newSitePicker(onPick func(fetch.Council)) *widget.Select {
	sites := sortedSites()
	labels := make([]string, len(sites))
	for i, s := range sites {
		labels[i] = siteLabel(s)
	}
	sel := widget.NewSelect(labels, func(label string) {
		for _, s := range sites {
			if siteLabel(s) == label {
				onPick(s)
			}
		}
	})
	sel.PlaceHolder = lang.L("Choose your council")
	return sel
}

// FirstRunView is what an empty library shows: three ways in, none a dead
// end. "Follow your panel" picks a council (from the built-in list, or by
// pasting its address) and a committee, follows it and starts downloading
// its papers, whose progress then fills the papers list; "Open a PDF…"
// adds a paper from disk; "Try the sample pack" adds the made-up meeting
// the app carries.
type FirstRunView struct {
	u *UI

	// Follow your panel.
	site       *widget.Select // the built-in list
	address    *widget.Entry  // or an address pasted
	listB      *widget.Button
	status     *widget.Label
	filter     *widget.Entry
	committees []docs.Committee // of the site listed
	pick       *widget.RadioGroup
	picks      *container.Scroll         // the committees, once listed
	picked     map[string]docs.Committee // by the label shown
	followB    *widget.Button
	followed   *widget.Label // the committees already followed, and what to expect
	preferID   int           // the committee to tick first (the site's police and crime panel)

	// The other ways in.
	openB   *widget.Button
	sampleB *widget.Button

	root fyne.CanvasObject
}

func newFirstRunView(u *UI) *FirstRunView {
	v := &FirstRunView{u: u, picked: map[string]docs.Committee{}}
	title := widget.NewLabel(lang.L("Welcome to Panel Papers"))
	title.SizeName = theme.SizeNameHeadingText
	title.TextStyle = fyne.TextStyle{Bold: true}
	intro := wrapped(lang.L("Panel Papers keeps your committee papers on this computer, finds words in all of them, and helps you write questions on notice. Start in one of these ways:"))

	box := container.NewVBox(title, intro)

	if u.deps.Downloader != nil {
		v.site = newSitePicker(v.onSite)
		v.address = widget.NewEntry()
		v.address.SetPlaceHolder(lang.L("or paste the address of its committee pages"))
		v.address.OnSubmitted = func(string) { v.onList() }
		v.listB = widget.NewButtonWithIcon(lang.L("Show committees"), theme.SearchIcon(), v.onList)
		v.status = wrapped("")
		v.status.Hide()
		v.filter = widget.NewEntry()
		v.filter.SetPlaceHolder(lang.L("Type part of a committee's name"))
		v.filter.OnChanged = func(string) { v.showCommittees() }
		v.filter.Hide()
		v.pick = widget.NewRadioGroup(nil, func(string) { v.updateFollow() })
		v.pick.Hide()
		v.followB = widget.NewButtonWithIcon(lang.L("Follow and download its papers"), theme.DownloadIcon(), v.onFollow)
		v.followB.Importance = widget.HighImportance
		v.followB.Disable()
		v.followB.Hide()
		v.followed = wrapped("")
		v.followed.Hide()
		v.picks = container.NewVScroll(v.pick)
		v.picks.SetMinSize(fyne.NewSize(0, 180))
		v.picks.Hide()
		box.Add(widget.NewSeparator())
		box.Add(heading(lang.L("Follow your panel")))
		box.Add(wrapped(lang.L("Choose your council: Panel Papers lists its committees, and downloads the papers of the one you follow as they are published.")))
		box.Add(v.site)
		box.Add(widgets.Border(nil, nil, nil, v.listB, v.address))
		box.Add(v.status)
		box.Add(v.filter)
		box.Add(v.picks)
		box.Add(container.NewHBox(v.followB))
		box.Add(v.followed)
	}

	box.Add(widget.NewSeparator())
	if u.deps.Papers != nil {
		v.openB = widget.NewButtonWithIcon(lang.L("Open a PDF…"), theme.FolderOpenIcon(), func() { u.Library.onAdd() })
		v.sampleB = widget.NewButtonWithIcon(lang.L("Try the sample pack"), theme.DocumentIcon(), v.onSample)
		box.Add(heading(lang.L("Papers you already have")))
		box.Add(widgets.Border(nil, nil, v.openB, nil,
			wrapped(lang.L("Add an agenda pack, minutes or a report from this computer. You can also drop PDF files on this window."))))
		box.Add(widgets.Border(nil, nil, v.sampleB, nil,
			wrapped(lang.L("A made-up meeting's reports pack, to see how reading, search, notes and questions work."))))
	} else {
		box.Add(wrapped(lang.L("Add an agenda pack from the command line: panelpapers add FILE.pdf")))
	}

	// A column of readable width in the middle of the window, scrolling
	// when the window is small or the text large.
	column := container.New(&maxWidthLayout{width: 640}, box)
	v.root = container.NewVScroll(container.NewPadded(column))
	return v
}

// refresh says which committees are followed already: a member who
// followed one whose papers are not out yet sees why the list is empty.
func (v *FirstRunView) refresh() {
	dl := v.u.deps.Downloader
	if dl == nil {
		return
	}
	v.u.async.run(func() func() {
		list, err := dl.Followed()
		return func() {
			if err != nil || len(list) == 0 {
				v.followed.Hide()
				return
			}
			names := make([]string, len(list))
			for i, c := range list {
				names[i] = c.Title
			}
			v.followed.SetText(lang.L("You follow {{.Committees}}. Their papers are downloaded as they are published; choose Check for new papers in the Papers menu to look now.",
				tv{"Committees": joinAnd(names)}))
			v.followed.Show()
		}
	})
}

// onSite lists the committees of a council chosen from the list.
func (v *FirstRunView) onSite(s fetch.Council) {
	v.preferID = s.PanelID
	v.address.SetText(s.Address)
	v.onList()
}

// onList asks the site typed or chosen for its committees.
func (v *FirstRunView) onList() {
	site := strings.TrimSpace(v.address.Text)
	if site == "" {
		v.say(lang.L("Choose your council, or paste the address of its committee pages."))
		return
	}
	v.u.Downloads.askCommittees(site, v.listB, v.say, func(list []docs.Committee) {
		v.committees = list
		v.say(plural("count.committees-pick", "{{.Count}} committees on {{.Site}}. Choose the one you sit on.", len(list),
			tv{"Count": len(list), "Site": siteName(list[0].Site)}))
		v.filter.SetText("")
		v.filter.Show()
		v.showCommittees()
	})
}

func (v *FirstRunView) say(text string) {
	v.status.SetText(text)
	v.status.Show()
}

// showCommittees lists the site's committees the filter matches, those
// that still meet first; the site's police and crime panel is chosen.
func (v *FirstRunView) showCommittees() {
	words := strings.Fields(strings.ToLower(v.filter.Text))
	v.picked = map[string]docs.Committee{}
	var labels []string
	var preferred string
	for _, c := range v.committees {
		if !containsAll(strings.ToLower(c.Title), words) {
			continue
		}
		label := c.Title
		if c.Expired {
			label += " " + lang.L("(no longer meets)")
		}
		if _, dup := v.picked[label]; dup {
			label = fmt.Sprintf("%s (%d)", label, c.ID)
		}
		v.picked[label] = c
		labels = append(labels, label)
		if v.preferID != 0 && c.ID == v.preferID {
			preferred = label
		}
	}
	sort.SliceStable(labels, func(i, j int) bool { return !v.picked[labels[i]].Expired && v.picked[labels[j]].Expired })
	sel := v.pick.Selected
	v.pick.Options = labels
	if _, ok := v.picked[sel]; !ok {
		sel = preferred
	}
	v.pick.Selected = sel
	v.pick.Refresh()
	v.pick.Show()
	v.picks.Show()
	v.followB.Show()
	v.updateFollow()
}

// updateFollow lets the member follow once a committee is chosen.
func (v *FirstRunView) updateFollow() {
	if _, ok := v.picked[v.pick.Selected]; ok {
		v.followB.Enable()
	} else {
		v.followB.Disable()
	}
}

// onFollow follows the committee chosen and checks for its papers at
// once: their downloads then show in the papers list.
func (v *FirstRunView) onFollow() {
	c, ok := v.picked[v.pick.Selected]
	if !ok {
		return
	}
	dl, lib := v.u.deps.Downloader, v.u.deps.Library
	v.followB.Disable()
	v.say(lang.L("Following {{.Committee}}. Looking for its papers…", tv{"Committee": c.Title}))
	v.u.async.run(func() func() {
		err := dl.Follow(c)
		if err == nil {
			_ = lib.SetSetting(fetch.SettingSite, c.Site) // only a convenience for the settings
		}
		return func() {
			v.followB.Enable()
			if err != nil {
				v.u.Downloads.showError(lang.L("The change could not be saved"), err)
				return
			}
			v.refresh()
			v.u.Downloads.check(true)
		}
	})
}

// onSample adds the sample pack the app carries, through the importer as
// any PDF, and opens it.
func (v *FirstRunView) onSample() {
	dir, err := os.MkdirTemp("", "panelpapers-sample-")
	path := filepath.Join(dir, safeFileName(lang.L("Sample reports pack"))+".pdf")
	if err == nil {
		err = os.WriteFile(path, assets.SamplePack, 0o600)
	}
	if err != nil {
		os.RemoveAll(dir)
		v.u.showError(lang.L("The sample pack could not be added"), err)
		return
	}
	v.u.Library.addWithPassword(path, "", func(res *library.ImportResult) {
		os.RemoveAll(dir)
		if res != nil {
			v.u.openPaper(res.Version, nil)
		}
	})
}

// maxWidthLayout centres its objects in a column no wider than width.
type maxWidthLayout struct{ width float32 }

// MinSize is the objects' own.
func (l *maxWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// Layout centres the column.
func (l *maxWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, max(l.width, l.MinSize(objs).Width))
	for _, o := range objs {
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
	}
}
