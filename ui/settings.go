package ui

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/fetch"
)

// Storage measures and frees the disk space the library takes;
// *docs.Papers implements it.
type Storage interface {
	// SpaceUsed measures the papers and the whole data folder.
	SpaceUsed() (docs.Space, error)
	// OldPapers lists what RemoveOld would remove.
	OldPapers(before string) (*docs.Clearing, error)
	// RemoveOld removes the papers of meetings before a day (yyyy-mm-dd),
	// keeping those with notes.
	RemoveOld(before string) (*docs.Clearing, error)
}

// syncChoices are the intervals offered for checking for new papers.
var syncChoices = []struct {
	label string
	every time.Duration
}{
	{"Every hour", time.Hour},
	{"Every 2 hours", 2 * time.Hour},
	{"Every 4 hours", 4 * time.Hour},
	{"Every 8 hours", 8 * time.Hour},
	{"Once a day", 24 * time.Hour},
	{"Only when I ask", 0},
}

// SettingsView is the settings window: the committees the member follows
// and how to follow more, how often to check for new papers, and the space
// the library takes with a way to free it.
type SettingsView struct {
	u   *UI
	win fyne.Window // nil while closed

	// Committees.
	followed     map[string]docs.Committee // by Key
	followedBox  *fyne.Container
	unfollowB    map[string]*widget.Button // "Stop following", by committee Key
	site         *widget.Entry
	listB        *widget.Button
	siteStatus   *widget.Label
	filter       *widget.Entry
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

	root *container.AppTabs
	tabs []fyne.CanvasObject // each tab's content, laid out again when it grows
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
	v.win = v.u.app.NewWindow("Settings — Panel Papers")
	v.win.SetContent(v.root)
	v.win.Resize(fyne.NewSize(640, 580))
	v.win.SetOnClosed(v.onClosed)
	v.win.Show()
	v.reload()
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
		v.addTab("Committees", v.buildCommittees())
	}
	v.addTab("New papers and space", v.buildUpdates())
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

func (v *SettingsView) buildCommittees() fyne.CanvasObject {
	v.followedBox = container.NewVBox()
	v.site = widget.NewEntry()
	v.site.SetPlaceHolder("https://democracy.carmarthenshire.gov.wales")
	v.site.OnSubmitted = func(string) { v.onList() }
	v.listB = widget.NewButtonWithIcon("Show committees", theme.SearchIcon(), v.onList)
	v.siteStatus = wrapped("")
	v.siteStatus.Hide()
	v.filter = widget.NewEntry()
	v.filter.SetPlaceHolder("Type part of a committee's name")
	v.filter.OnChanged = func(string) { v.showChecks() }
	v.filter.Hide()
	v.checksBox = container.NewVBox()
	top := container.NewVBox(
		heading("Committees you follow"),
		v.followedBox,
		widget.NewSeparator(),
		heading("Follow a committee"),
		wrapped("Paste the address of your council's committee pages. Tick the committees to follow: their papers are downloaded as they are published."),
		container.NewBorder(nil, nil, nil, v.listB, v.site),
		v.siteStatus,
		v.filter,
	)
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(v.checksBox))
}

func (v *SettingsView) buildUpdates() fyne.CanvasObject {
	labels := make([]string, len(syncChoices))
	for i, c := range syncChoices {
		labels[i] = c.label
	}
	v.every = widget.NewSelect(labels, nil)
	v.last = widget.NewLabel("")
	v.checkB = widget.NewButtonWithIcon("Check now", theme.ViewRefreshIcon(), v.u.Downloads.onCheckNow)
	v.space = wrapped("")
	v.before = widget.NewDateEntry()
	year := v.u.now().AddDate(-1, 0, 0)
	start := time.Date(year.Year(), year.Month(), 1, 0, 0, 0, 0, time.Local)
	v.before.SetDate(&start)
	v.removeB = widget.NewButtonWithIcon("Remove…", theme.DeleteIcon(), v.onRemove)
	v.removeStatus = wrapped("")
	v.removeStatus.Hide()
	box := container.NewVBox()
	if v.u.deps.Downloader != nil {
		box.Add(heading("New papers"))
		box.Add(container.NewBorder(nil, nil, widget.NewLabel("Check for new papers"), v.checkB, v.every))
		box.Add(v.last)
		box.Add(widget.NewSeparator())
	}
	if v.u.deps.Storage != nil {
		box.Add(heading("Space"))
		box.Add(v.space)
		box.Add(container.NewBorder(nil, nil, widget.NewLabel("Remove papers of meetings before"), v.removeB, v.before))
		box.Add(wrapped("Papers you wrote notes on are kept. Removed papers are not downloaded again; the council's site still has them."))
		box.Add(v.removeStatus)
	}
	return container.NewVScroll(box)
}

// reload reads the settings, the committees followed and the space used.
func (v *SettingsView) reload() {
	lib, dl, st := v.u.deps.Library, v.u.deps.Downloader, v.u.deps.Storage
	v.u.async.run(func() func() {
		every, _ := lib.Setting(fetch.SettingSyncEvery)
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
			space docs.Space
			serr  error
		)
		if st != nil {
			space, serr = st.SpaceUsed()
		}
		return func() {
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
	for _, c := range syncChoices {
		if c.every == every {
			v.every.SetSelected(c.label)
		}
	}
	v.every.OnChanged = v.onEvery
}

// onEvery stores how often to check.
func (v *SettingsView) onEvery(label string) {
	for _, c := range syncChoices {
		if c.label != label {
			continue
		}
		v.u.Downloads.setEvery(c.every)
		lib := v.u.deps.Library
		v.u.async.run(func() func() {
			if err := lib.SetSetting(fetch.SettingSyncEvery, fetch.FormatSyncEvery(c.every)); err != nil {
				return func() { v.u.showError("The setting could not be saved", err) }
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
		v.last.SetText("Not checked yet.")
		return
	}
	now, t := v.u.now().Local(), t.Local()
	day := t.Format("2 January")
	switch {
	case sameDay(t, now):
		day = "today"
	case sameDay(t, now.AddDate(0, 0, -1)):
		day = "yesterday"
	}
	v.last.SetText("Last checked " + day + " at " + t.Format("15:04") + ".")
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// showFollowed lists the committees followed, each with "Stop following".
func (v *SettingsView) showFollowed(list []docs.Committee, err error) {
	v.followedBox.RemoveAll()
	v.unfollowB = map[string]*widget.Button{}
	v.followed = map[string]docs.Committee{}
	if err != nil {
		v.followedBox.Add(wrapped("The committees you follow could not be read. " + v.u.explain(err)))
		return
	}
	if len(list) == 0 {
		v.followedBox.Add(wrapped("None yet."))
	}
	for _, c := range list {
		v.followed[c.Key()] = c
		detail := siteName(c.Site)
		if c.Since != "" {
			detail += " · papers of meetings from " + meetingTitle(c.Since)
		}
		title := widget.NewLabelWithStyle(c.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		sub := widget.NewLabel(detail)
		sub.Truncation = fyne.TextTruncateEllipsis
		b := widget.NewButton("Stop following", func() { v.setFollowing(c, false) })
		v.unfollowB[c.Key()] = b
		v.followedBox.Add(container.NewBorder(nil, nil, nil, container.NewCenter(b), container.New(newTightVBox(), title, sub)))
	}
	// The ticks follow what is followed.
	for key, ch := range v.checks {
		_, on := v.followed[key]
		if ch.Checked != on {
			f := ch.OnChanged
			ch.OnChanged = nil
			ch.SetChecked(on)
			ch.OnChanged = f
		}
	}
	v.relayout()
}

// siteName is a site's host, as a member knows it.
func siteName(site string) string {
	if u, err := url.Parse(site); err == nil && u.Host != "" {
		return u.Host
	}
	return site
}

// onList lists the committees of the site typed.
func (v *SettingsView) onList() {
	site := strings.TrimSpace(v.site.Text)
	if site == "" {
		v.sayAboutSite("Paste the address of your council's committee pages first.")
		return
	}
	v.sayAboutSite("Asking the council's site for its committees…")
	v.listB.Disable()
	dl, lib, ctx := v.u.deps.Downloader, v.u.deps.Library, v.u.Downloads.ctx
	v.u.async.run(func() func() {
		list, err := dl.Committees(ctx, site)
		if err == nil && len(list) > 0 {
			_ = lib.SetSetting(fetch.SettingSite, list[0].Site) // only a convenience for next time
		}
		return func() {
			v.listB.Enable()
			if err != nil {
				v.sayAboutSite(v.u.Downloads.explain(err))
				return
			}
			if len(list) == 0 {
				v.sayAboutSite("This site lists no committees.")
				return
			}
			v.committees = list
			v.sayAboutSite(fmt.Sprintf("%d committees on %s. Tick those you want to follow.", len(list), siteName(list[0].Site)))
			v.filter.SetText("")
			v.filter.Show()
			v.showChecks()
		}
	})
}

func (v *SettingsView) sayAboutSite(text string) {
	v.siteStatus.SetText(text)
	v.siteStatus.Show()
	v.relayout()
}

// showChecks lists the site's committees the filter matches, ticked when
// followed.
func (v *SettingsView) showChecks() {
	v.checksBox.RemoveAll()
	v.checks = map[string]*widget.Check{}
	words := strings.Fields(strings.ToLower(v.filter.Text))
	for _, c := range v.committees {
		if !containsAll(strings.ToLower(c.Title), words) {
			continue
		}
		label := c.Title
		if c.Expired {
			label += " (no longer meets)"
		}
		ch := widget.NewCheck(label, nil)
		_, on := v.followed[c.Key()]
		ch.SetChecked(on)
		ch.OnChanged = func(on bool) { v.setFollowing(c, on) }
		v.checks[c.Key()] = ch
		v.checksBox.Add(ch)
	}
	v.relayout()
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// setFollowing follows or stops following a committee.
func (v *SettingsView) setFollowing(c docs.Committee, on bool) {
	dl := v.u.deps.Downloader
	if on {
		if old, ok := v.followed[c.Key()]; ok {
			c.Since = old.Since
		}
	}
	v.u.async.run(func() func() {
		var err error
		if on {
			err = dl.Follow(c)
		} else {
			err = dl.Unfollow(c)
		}
		list, ferr := dl.Followed()
		return func() {
			if err != nil {
				v.showError("The change could not be saved", err)
			}
			if on && err == nil {
				v.followedMore = true
				v.sayAboutSite("Following " + c.Title + ". Its papers are downloaded when you close this window.")
			}
			if !on && err == nil {
				v.sayAboutSite("Stopped following " + c.Title + ". Its papers stay in the library.")
			}
			v.showFollowed(list, ferr)
			v.u.Library.reload()
		}
	})
}

// showSpace says how much space the library takes.
func (v *SettingsView) showSpace(s docs.Space, err error) {
	if v.u.deps.Storage == nil {
		return
	}
	if err != nil {
		v.space.SetText("The space used could not be measured. " + v.u.explain(err))
		return
	}
	if s.Count == 0 {
		v.space.SetText("No papers yet. The library folder takes " + fetch.FormatBytes(s.Total) + ".")
		return
	}
	verb := "take"
	if s.Count == 1 {
		verb = "takes"
	}
	v.space.SetText(fmt.Sprintf("Your %s %s %s. With the search index and records, the library folder takes %s.",
		pluralPapers(s.Count), verb, fetch.FormatBytes(s.Papers), fetch.FormatBytes(s.Total)))
}

// onRemove asks to confirm removing the papers of meetings before the date
// chosen, saying how many and how much space that frees.
func (v *SettingsView) onRemove() {
	if v.before.Date == nil {
		v.sayAboutRemoval("Choose a date first.")
		return
	}
	day := v.before.Date.Format(time.DateOnly)
	st := v.u.deps.Storage
	v.u.async.run(func() func() {
		c, err := st.OldPapers(day)
		return func() {
			if err != nil {
				v.showError("Old papers could not be listed", err)
				return
			}
			kept := keptText(c)
			if len(c.Remove) == 0 {
				v.sayAboutRemoval("There are no papers of meetings before " + meetingTitle(day) + " to remove." + kept)
				return
			}
			msg := wrapped(fmt.Sprintf("Remove %s of meetings before %s? This frees about %s.%s",
				pluralPapers(len(c.Remove)), meetingTitle(day), fetch.FormatBytes(c.Bytes), kept))
			v.confirm = dialog.NewCustomConfirm("Remove old papers", "Remove", "Cancel", msg, func(ok bool) {
				v.confirm = nil
				if ok {
					v.remove(day)
				}
			}, v.parent())
			v.confirm.Resize(fyne.NewSize(460, 200))
			v.confirm.Show()
		}
	})
}

// remove removes the papers of meetings before day.
func (v *SettingsView) remove(day string) {
	st := v.u.deps.Storage
	v.removeB.Disable()
	v.sayAboutRemoval("Removing old papers…")
	v.u.async.run(func() func() {
		c, err := st.RemoveOld(day)
		space, serr := st.SpaceUsed()
		return func() {
			v.removeB.Enable()
			if c != nil {
				v.sayAboutRemoval(fmt.Sprintf("Removed %s; %s freed.%s", pluralPapers(len(c.Remove)), fetch.FormatBytes(c.Bytes), keptText(c)))
			}
			if err != nil && !errors.Is(err, docs.ErrIndexBehind) {
				v.showError("Old papers could not all be removed", err)
			}
			v.showSpace(space, serr)
			v.u.Library.reload()
		}
	})
}

func keptText(c *docs.Clearing) string {
	switch len(c.Kept) {
	case 0:
		return ""
	case 1:
		return " 1 paper with your notes is kept."
	}
	return fmt.Sprintf(" %d papers with your notes are kept.", len(c.Kept))
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

func (v *SettingsView) showError(title string, err error) {
	v.u.lastError = v.u.Downloads.explain(err)
	dialog.ShowInformation(title, v.u.lastError, v.parent())
}
