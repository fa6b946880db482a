package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"panelpapers/docs"
	"panelpapers/docs/fetch"
	"panelpapers/docs/library"
)

// openSettings opens the settings window and lets it read what it shows.
func (f *dlFixture) openSettings() *SettingsView {
	f.t.Helper()
	f.u.Settings.onOpen()
	f.settle()
	if f.u.Settings.win == nil {
		f.t.Fatal("no settings window")
	}
	return f.u.Settings
}

func TestFollowCommitteesFromSettings(t *testing.T) {
	site := newCouncilSite(t)
	f := newDLFixture(t)
	v := f.openSettings()
	if !strings.Contains(overlayText(v.followedBox), "None yet") {
		t.Errorf("followed: %q", overlayText(v.followedBox))
	}

	// The member pastes the council's address and lists its committees.
	v.site.SetText(site.URL + "/mgListCommittees.aspx?bcr=1")
	test.Tap(v.listB)
	f.settle()
	if len(v.checks) != 3 || !v.filter.Visible() {
		t.Fatalf("%d committees listed (%q)", len(v.checks), v.siteStatus.Text)
	}
	audit := docs.Committee{Site: site.URL, ID: 144}.Key()
	old := docs.Committee{Site: site.URL, ID: 312}.Key()
	if ch := v.checks[old]; ch == nil || !strings.HasSuffix(ch.Text, "(no longer meets)") {
		t.Errorf("an expired committee is shown as %+v", ch)
	}
	v.filter.SetText("audit")
	if len(v.checks) != 1 || v.checks[audit] == nil {
		t.Fatalf("filtered to %d committees", len(v.checks))
	}
	if got, _ := f.lib.Setting(fetch.SettingSite); got != site.URL {
		t.Errorf("site remembered as %q", got)
	}

	// Ticking follows.
	test.Tap(v.checks[audit])
	f.settle()
	followed, err := f.lib.Followed()
	if err != nil || len(followed) != 1 || followed[0].Title != "Audit Committee" || followed[0].Site != site.URL {
		t.Fatalf("followed %+v (%v)", followed, err)
	}
	if v.unfollowB[audit] == nil || !strings.Contains(overlayText(v.followedBox), "Audit Committee") {
		t.Errorf("the followed list shows %q", overlayText(v.followedBox))
	}

	// Closing the settings fetches the new committee's papers.
	test.AssertNotificationSent(t, &fyne.Notification{Title: "Panel Papers", Content: "New papers: Audit Committee, 10 February"}, func() {
		v.win.Close()
		f.settle()
	})
	if v.win != nil {
		t.Error("the settings window is still open")
	}
	if f.hasRow(rowPaper, "Reports pack") == nil {
		t.Errorf("no papers after following:\n%s", strings.Join(f.rows(), "\n"))
	}

	// Stop following from the list: the papers stay.
	v = f.openSettings()
	v.site.SetText(site.URL)
	test.Tap(v.listB)
	f.settle()
	if !v.checks[audit].Checked {
		t.Error("a followed committee is not ticked")
	}
	test.Tap(v.unfollowB[audit])
	f.settle()
	if followed, _ := f.lib.Followed(); len(followed) != 0 {
		t.Errorf("still following %+v", followed)
	}
	if v.checks[audit].Checked || !strings.Contains(v.siteStatus.Text, "Its papers stay") {
		t.Errorf("after unfollowing: ticked %v, %q", v.checks[audit].Checked, v.siteStatus.Text)
	}
	if f.hasRow(rowPaper, "Reports pack") == nil {
		t.Error("unfollowing removed the papers")
	}
	v.win.Close()
}

func TestSettingsSayWhenASiteIsNotModernGov(t *testing.T) {
	site := newCouncilSite(t)
	site.edit(func(s *councilSite) { s.xml["committees"] = "<!DOCTYPE html><html><body>Welcome</body></html>" })
	f := newDLFixture(t)
	v := f.openSettings()
	test.Tap(v.listB)
	if !strings.Contains(v.siteStatus.Text, "Paste the address") {
		t.Errorf("no address: %q", v.siteStatus.Text)
	}
	v.site.SetText(site.URL)
	test.Tap(v.listB)
	f.settle()
	if !strings.Contains(v.siteStatus.Text, "ModernGov") || len(v.checks) != 0 {
		t.Errorf("status %q, %d committees", v.siteStatus.Text, len(v.checks))
	}
	v.win.Close()
}

func TestSettingsHowOftenToCheck(t *testing.T) {
	f := newDLFixture(t)
	if err := f.lib.SetSetting(fetch.SettingLastSync, f.now.Add(-2*time.Hour).UTC().Format(time.RFC3339)); err != nil {
		t.Fatal(err)
	}
	v := f.openSettings()
	if v.every.Selected != "Every 4 hours" {
		t.Errorf("default interval shown as %q", v.every.Selected)
	}
	if v.last.Text != "Last checked today at 07:30." {
		t.Errorf("last check: %q", v.last.Text)
	}
	cases := []struct {
		label  string
		stored string
		every  time.Duration
	}{
		{"Once a day", "24", 24 * time.Hour},
		{"Only when I ask", "0", 0},
		{"Every hour", "1", time.Hour},
	}
	for _, tc := range cases {
		t.Run(tc.label, func(t *testing.T) {
			v.every.SetSelected(tc.label)
			f.settle()
			if got, _ := f.lib.Setting(fetch.SettingSyncEvery); got != tc.stored {
				t.Errorf("stored %q, want %q", got, tc.stored)
			}
			if f.u.Downloads.every != tc.every {
				t.Errorf("checking every %v, want %v", f.u.Downloads.every, tc.every)
			}
		})
	}
	v.win.Close()
}

func TestSettingsSpaceAndRemovingOldPapers(t *testing.T) {
	f := newDLFixture(t)
	dir := t.TempDir()
	var minutes *docs.Version
	for _, name := range []string{"pack", "supplement", "minutes"} {
		p := samplePacks(t)[name]
		path := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(path, p.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := f.papers.Import(context.Background(), path, library.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if name == "minutes" {
			minutes = res.Version
		}
	}
	// A note on the minutes (14 July 2023) keeps them.
	pages, err := f.lib.Pages(minutes.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	quote := strings.Join(strings.Fields(pages[0].Text)[:3], " ")
	if _, err := f.lib.AddNote(docs.Note{Version: minutes.SHA256, Page: 1, Quote: quote, Comment: "Check this"}); err != nil {
		t.Fatal(err)
	}
	v := f.openSettings()
	if !strings.HasPrefix(v.space.Text, "Your 3 papers take ") || !strings.Contains(v.space.Text, "the library folder takes") {
		t.Errorf("space: %q", v.space.Text)
	}

	// Before the minutes' meeting: nothing but the minutes, which are kept.
	day := time.Date(2023, 9, 1, 0, 0, 0, 0, time.Local)
	v.before.SetDate(&day)
	test.Tap(v.removeB)
	f.settle()
	if v.confirm != nil || !strings.Contains(v.removeStatus.Text, "no papers of meetings before Friday 1 September 2023") ||
		!strings.Contains(v.removeStatus.Text, "1 paper with your notes is kept") {
		t.Errorf("status %q", v.removeStatus.Text)
	}

	// Before 2024: the pack and its supplement go, the minutes stay.
	day = time.Date(2024, 1, 1, 0, 0, 0, 0, time.Local)
	v.before.SetDate(&day)
	test.Tap(v.removeB)
	f.settle()
	if v.confirm == nil {
		t.Fatal("not asked to confirm")
	}
	if text := overlayText(v.win.Canvas().Overlays().Top()); !strings.Contains(text, "Remove 2 papers of meetings before Monday 1 January 2024? This frees about") {
		t.Errorf("question: %q", text)
	}
	v.confirm.Confirm()
	f.settle()
	if !strings.HasPrefix(v.removeStatus.Text, "Removed 2 papers;") || !strings.Contains(v.removeStatus.Text, "1 paper with your notes is kept") {
		t.Errorf("status %q", v.removeStatus.Text)
	}
	left, err := f.lib.Versions(true)
	if err != nil || len(left) != 1 || left[0].SHA256 != minutes.SHA256 {
		t.Errorf("library holds %d papers (%v)", len(left), err)
	}
	if !strings.HasPrefix(v.space.Text, "Your 1 paper takes ") {
		t.Errorf("space after: %q", v.space.Text)
	}
	if len(f.u.Library.papers) != 1 {
		t.Errorf("the papers list shows %d papers", len(f.u.Library.papers))
	}
	v.win.Close()
}

func TestMoveDataFolder(t *testing.T) {
	cases := []struct {
		name    string
		to      func(t *testing.T) string
		moved   bool
		message string
	}{
		{"to a new folder", func(t *testing.T) string { return filepath.Join(t.TempDir(), "Papers") }, true,
			"Panel Papers will now close; open it again to use the library in its new place."},
		{"to a folder with things in it", func(t *testing.T) string {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "letter.txt"), []byte("x"), 0o600); err != nil {
				t.Fatal(err)
			}
			return dir
		}, false, "That folder already has things in it. Choose an empty folder, or make a new one."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newDLFixture(t)
			from, config := f.lib.Dir(), t.TempDir()
			if _, err := f.lib.SaveDraft(docs.Draft{Title: "Waiting times on 101"}); err != nil {
				t.Fatal(err)
			}
			quit := 0
			f.u.Settings.MoveData = func(to string, progress func(done, total int64)) error {
				return library.MoveLibrary(from, to, config, progress)
			}
			f.u.Settings.Quit = func() { quit++ }
			v := f.openSettings()
			if !v.moveB.Visible() {
				t.Fatal("no Move… button")
			}
			to := c.to(t)
			v.confirmMove(to)
			if v.moveConfirm == nil {
				t.Fatal("not asked to confirm")
			}
			v.moveConfirm.Confirm()
			f.settle()

			pointer, err := library.ReadDataPointer(config)
			if err != nil {
				t.Fatal(err)
			}
			if !c.moved {
				if pointer != "" || v.moveDone != nil || quit != 0 || f.u.lastError != c.message {
					t.Fatalf("pointer %q, said %q, quit %d", pointer, f.u.lastError, quit)
				}
				if d, err := f.lib.Drafts(); err != nil || len(d) != 1 {
					t.Errorf("the library lost its drafts: %v (%v)", d, err)
				}
				return
			}
			if pointer != to || v.moveDone == nil || v.moveProgress.Value != 1 {
				t.Fatalf("pointer %q, progress %v, done dialog %v (%s)", pointer, v.moveProgress.Value, v.moveDone, f.u.lastError)
			}
			if quit != 0 {
				t.Fatal("quit before the member read the message")
			}
			v.moveDone.Hide()
			if quit != 1 {
				t.Errorf("quit %d times", quit)
			}
			moved, err := library.OpenLibrary(to)
			if err != nil {
				t.Fatal(err)
			}
			if d, err := moved.Drafts(); err != nil || len(d) != 1 || d[0].Title != "Waiting times on 101" {
				t.Errorf("the moved library holds %v (%v)", d, err)
			}
		})
	}
}
