package ui

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/fetch"
	"panelpapers/ui/widgets"
)

// buildCommittees is the tab of the committees followed, and of how to
// follow more.
func (v *SettingsView) buildCommittees() fyne.CanvasObject {
	v.followedBox = container.NewVBox()
	v.site = widgets.NewKeyEntry()
	v.site.OnKey = v.escapeCloses
	v.site.SetPlaceHolder("https://democracy.carmarthenshire.gov.wales")
	v.site.OnSubmitted = func(string) { v.onList() }
	v.listB = widget.NewButtonWithIcon(lang.L("Show committees"), theme.SearchIcon(), v.onList)
	v.siteStatus = wrapped("")
	v.siteStatus.Hide()
	v.filter = widgets.NewKeyEntry()
	v.filter.OnKey = v.escapeCloses
	v.filter.SetPlaceHolder(lang.L("Type part of a committee's name"))
	v.filter.OnChanged = func(string) { v.showChecks() }
	v.filter.Hide()
	v.checksBox = container.NewVBox()
	known := newSitePicker(func(s fetch.Council) {
		v.site.SetText(s.Address)
		v.onList()
	})
	top := container.NewVBox(
		heading(lang.L("Committees you follow")),
		v.followedBox,
		widget.NewSeparator(),
		heading(lang.L("Follow a committee")),
		wrapped(lang.L("Choose your council, or paste the address of its committee pages. Tick the committees to follow: their papers are downloaded as they are published.")),
		known,
		widgets.Border(nil, nil, nil, v.listB, v.site),
		v.siteStatus,
		v.filter,
	)
	return widgets.Border(top, nil, nil, nil, container.NewVScroll(v.checksBox))
}

// showFollowed lists the committees followed, each with "Stop following".
func (v *SettingsView) showFollowed(list []docs.Committee, err error) {
	v.followedBox.RemoveAll()
	v.unfollowB = map[string]*widget.Button{}
	v.followed = map[string]docs.Committee{}
	if err != nil {
		v.followedBox.Add(wrapped(lang.L("The committees you follow could not be read.") + " " + v.u.explain(err)))
		return
	}
	if len(list) == 0 {
		v.followedBox.Add(wrapped(lang.L("None yet.")))
	}
	for _, c := range list {
		v.followed[c.Key()] = c
		detail := siteName(c.Site)
		if c.Since != "" {
			detail += " · " + lang.L("papers of meetings from {{.Date}}", tv{"Date": meetingTitle(c.Since)})
		}
		title := widget.NewLabelWithStyle(c.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		sub := widget.NewLabel(detail)
		sub.Truncation = fyne.TextTruncateEllipsis
		b := widget.NewButton(lang.L("Stop following"), func() { v.setFollowing(c, false) })
		v.unfollowB[c.Key()] = b
		v.followedBox.Add(widgets.Border(nil, nil, nil, container.NewCenter(b), container.New(widgets.NewTightVBox(), title, sub)))
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
		v.sayAboutSite(lang.L("Paste the address of your council's committee pages first."))
		return
	}
	lib := v.u.deps.Library
	v.u.Downloads.askCommittees(site, v.listB, v.sayAboutSite, func(list []docs.Committee) {
		v.u.async.run(func() func() {
			_ = lib.SetSetting(fetch.SettingSite, list[0].Site) // only a convenience for next time
			return nil
		})
		v.committees = list
		v.sayAboutSite(plural("count.committees-on-site", "{{.Count}} committees on {{.Site}}. Tick those you want to follow.", len(list),
			tv{"Count": len(list), "Site": siteName(list[0].Site)}))
		v.filter.SetText("")
		v.filter.Show()
		v.showChecks()
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
			label += " " + lang.L("(no longer meets)")
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
				v.showError(lang.L("The change could not be saved"), err)
			}
			if on && err == nil {
				v.followedMore = true
				v.sayAboutSite(lang.L("Following {{.Committee}}. Its papers are downloaded when you close this window.", tv{"Committee": c.Title}))
			}
			if !on && err == nil {
				v.sayAboutSite(lang.L("Stopped following {{.Committee}}. Its papers stay in the library.", tv{"Committee": c.Title}))
			}
			v.showFollowed(list, ferr)
			v.u.Library.reload()
		}
	})
}
