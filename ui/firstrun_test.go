package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"panelpapers/docs"
	"panelpapers/docs/fetch"
	"panelpapers/docs/library"
)

func TestKnownSites(t *testing.T) {
	seen := map[string]bool{}
	panels := 0
	for _, s := range fetch.Councils {
		t.Run(s.Name, func(t *testing.T) {
			if s.Name == "" || s.NameCy == "" || s.Address == "" {
				t.Fatalf("incomplete: %+v", s)
			}
			if strings.Contains(s.Address, "/") || strings.ToLower(s.Address) != s.Address {
				t.Errorf("address %q is not a bare host name", s.Address)
			}
			if seen[s.Address] {
				t.Errorf("%s listed twice", s.Address)
			}
			seen[s.Address] = true
			if (s.Panel == "") != (s.PanelCy == "") {
				t.Errorf("panel named in one language only: %q / %q", s.Panel, s.PanelCy)
			}
		})
		if s.Panel != "" {
			panels++
		}
	}
	if len(fetch.Councils) < 15 || panels != 4 {
		t.Errorf("%d councils, %d police and crime panels' hosts", len(fetch.Councils), panels)
	}
	var carms fetch.Council
	for _, s := range fetch.Councils {
		if s.Address == "democracy.carmarthenshire.gov.wales" {
			carms = s
		}
	}
	if carms.PanelID != 193 || !strings.Contains(siteLabel(carms), "Dyfed-Powys Police and Crime Panel") {
		t.Errorf("Carmarthenshire: %+v, %q", carms, siteLabel(carms))
	}
}

// TestFirstRunFollowYourPanel follows a committee from an empty library's
// welcome, as a new member does, and its papers arrive.
func TestFirstRunFollowYourPanel(t *testing.T) {
	site := newCouncilSite(t)
	f := newDLFixture(t)
	lib := f.u.Library
	if !lib.empty.Visible() || lib.list.Visible() {
		t.Fatal("an empty library shows no welcome")
	}
	v := f.u.FirstRun
	if !strings.Contains(overlayText(v.root), "Follow your panel") {
		t.Errorf("welcome: %q", overlayText(v.root))
	}
	if len(v.site.Options) != len(fetch.Councils) {
		t.Errorf("%d councils offered", len(v.site.Options))
	}

	// Nothing typed: said, not an error.
	test.Tap(v.listB)
	f.settle()
	if !strings.Contains(v.status.Text, "Choose your council") {
		t.Errorf("status %q", v.status.Text)
	}

	// The member pastes their council's address and lists its committees.
	v.address.SetText(site.URL)
	test.Tap(v.listB)
	f.settle()
	if !v.pick.Visible() || len(v.pick.Options) < 2 || v.followB.Disabled() == false {
		t.Fatalf("committees %q, follow enabled %v (status %q)", v.pick.Options, !v.followB.Disabled(), v.status.Text)
	}
	if last := v.pick.Options[len(v.pick.Options)-1]; !strings.HasSuffix(last, "(no longer meets)") {
		t.Errorf("committees that no longer meet should come last: %q", v.pick.Options)
	}
	v.filter.SetText("audit")
	if len(v.pick.Options) != 1 || v.pick.Options[0] != "Audit Committee" {
		t.Fatalf("filtered to %q", v.pick.Options)
	}
	v.pick.SetSelected("Audit Committee")
	if v.followB.Disabled() {
		t.Fatal("cannot follow the committee chosen")
	}

	// Following downloads its papers, which fill the list.
	test.Tap(v.followB)
	f.settle()
	followed, err := f.lib.Followed()
	if err != nil || len(followed) != 1 || followed[0].ID != 144 {
		t.Fatalf("followed %+v, %v", followed, err)
	}
	if f.u.lastError != "" {
		t.Fatalf("error: %q", f.u.lastError)
	}
	if len(lib.papers) == 0 || lib.empty.Visible() || !lib.list.Visible() {
		t.Errorf("after following: %d papers, welcome shown %v", len(lib.papers), lib.empty.Visible())
	}
}

// onePage reads any PDF as a page of text, for tests that add a PDF the
// sample packs do not include.
type onePage struct{}

func (onePage) Extract(_ context.Context, _, _ string, progress func(done, total int)) ([]docs.Page, error) {
	if progress != nil {
		progress(1, 1)
	}
	return []docs.Page{{Number: 1, Text: "Dyfed-Powys Police and Crime Panel agenda"}}, nil
}

func TestFirstRunSamplePack(t *testing.T) {
	f := newDLFixture(t)
	f.papers.Extractor = onePage{}
	v := f.u.FirstRun
	test.Tap(v.sampleB)
	f.settle()
	if n := len(f.u.Library.papers); n != 1 {
		t.Fatalf("%d papers after adding the sample (error %q)", n, f.u.lastError)
	}
	added := f.u.Library.papers[0]
	if f.u.Reader.version == nil || f.u.Reader.version.SHA256 != added.SHA256 {
		t.Error("the sample pack was not opened")
	}
	if _, err := os.Stat(f.lib.FilePath(added.SHA256)); err != nil {
		t.Errorf("the sample's file is not in the library: %v", err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(os.TempDir(), "panelpapers-sample-*"))
	for _, dir := range leftovers {
		if _, err := os.Stat(filepath.Join(dir, "Sample reports pack.pdf")); err == nil {
			t.Errorf("temporary copy left behind in %s", dir)
		}
	}
}

// TestFirstRunWithoutDownloads offers what the window can do: with no
// downloader, no "Follow your panel"; with no importer, the command line.
func TestFirstRunWithoutDownloads(t *testing.T) {
	f := newFixture(t, nil)
	v := f.u.FirstRun
	if v.site != nil || v.openB != nil {
		t.Errorf("follow %v, open %v offered without a downloader or importer", v.site != nil, v.openB != nil)
	}
	if text := overlayText(v.root); !strings.Contains(text, "panelpapers add FILE.pdf") {
		t.Errorf("welcome without an importer: %q", text)
	}
}

func TestSettingsLanguageFolderAndBackups(t *testing.T) {
	f := newDLFixture(t)
	v := f.openSettings()

	// Language: following the computer until chosen; stored for next time.
	if v.language.Selected != "The computer's language" {
		t.Errorf("language shown %q", v.language.Selected)
	}
	v.language.SetSelected("Cymraeg")
	f.settle()
	if got, _ := f.lib.Setting(SettingLanguage); got != LangWelsh {
		t.Errorf("language stored %q", got)
	}
	if !v.languageNote.Visible() || !strings.Contains(v.languageNote.Text, "next time") {
		t.Errorf("note %q", v.languageNote.Text)
	}

	// The data folder is shown.
	if v.folder.Text != f.lib.Dir() {
		t.Errorf("folder %q, want %q", v.folder.Text, f.lib.Dir())
	}

	// Back up now: nothing to keep yet, then a question's draft is kept,
	// then nothing new.
	test.Tap(v.backUpB)
	f.settle()
	if !strings.Contains(v.backupStatus.Text, "nothing to back up") {
		t.Errorf("empty backup: %q", v.backupStatus.Text)
	}
	if _, err := f.lib.SaveDraft(docs.Draft{Committee: "Audit Committee", Body: "What is the cost?", Status: docs.DraftWriting}); err != nil {
		t.Fatal(err)
	}
	test.Tap(v.backUpB)
	f.settle()
	if v.lastBackup == "" || !strings.HasPrefix(v.backupStatus.Text, "Backed up to ") {
		t.Fatalf("backup: %q (%q)", v.backupStatus.Text, f.u.lastError)
	}
	if raw, err := os.Open(v.lastBackup); err != nil {
		t.Error(err)
	} else {
		b, err := library.ReadBackup(raw)
		raw.Close()
		if err != nil || len(b.Drafts) != 1 {
			t.Errorf("the backup holds %+v, %v", b, err)
		}
	}
	test.Tap(v.backUpB)
	f.settle()
	if !strings.Contains(v.backupStatus.Text, "already holds") {
		t.Errorf("second backup: %q", v.backupStatus.Text)
	}

	// A backup saved where the member chose.
	to := filepath.Join(t.TempDir(), "backup.json")
	v.backUpTo(f.lib, to)
	f.settle()
	if !strings.Contains(v.backupStatus.Text, "1 question to backup.json") {
		t.Errorf("saved backup: %q", v.backupStatus.Text)
	}
	if _, err := os.Stat(to); err != nil {
		t.Error(err)
	}

	// Restoring that backup after the draft was lost brings it back, once.
	drafts, _ := f.lib.Drafts()
	if err := f.lib.DeleteDraft(drafts[0].ID); err != nil {
		t.Fatal(err)
	}
	v.restoreFrom(f.lib, to)
	f.settle()
	if got, _ := f.lib.Drafts(); len(got) != 1 || got[0].Body != "What is the cost?" {
		t.Errorf("after restore: %+v (%q)", got, f.u.lastError)
	}
	if !strings.Contains(v.backupStatus.Text, "Restored from backup.json") {
		t.Errorf("restore: %q", v.backupStatus.Text)
	}
	v.restoreFrom(f.lib, to)
	f.settle()
	if got, _ := f.lib.Drafts(); len(got) != 1 {
		t.Errorf("restoring twice made %d drafts", len(got))
	}
}

// TestSettingsOpenDeadlineRules opens the questions' rules form from the
// settings, on the settings window.
func TestSettingsOpenDeadlineRules(t *testing.T) {
	f := newQFixture(t)
	s := f.u.Settings
	s.onOpen()
	f.settle()
	if s.rulesB.Disabled() {
		t.Fatal("deadline rules not offered")
	}
	var form *ruleForm
	f.q.openRulesOn(s.parent(), func(r *ruleForm) { form = r })
	f.settle()
	if form == nil || form.parent != s.win {
		t.Fatal("the rules form did not open on the settings window")
	}
	if form.committee.Selected != samplePanel || form.days.Text != "3" {
		t.Errorf("form shows %q, %q days", form.committee.Selected, form.days.Text)
	}
	test.Tap(s.rulesB)
	f.settle()
	if top := s.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(overlayText(top), "clear working days") {
		t.Error("the settings' button shows no rules form")
	}
}

// TestPageTextView reads a page's words in the plain text view, moving
// page by page with the keys.
func TestPageTextView(t *testing.T) {
	f := newFixture(t, nil)
	f.openFromList(f.pack)
	r := f.u.Reader
	r.onToggleText()
	f.settle()
	if !r.textMode || !r.text.root.Visible() {
		t.Fatal("no text view")
	}
	pages, _ := f.lib.Pages(f.pack.SHA256)
	want := strings.TrimSpace(pages[0].Text)
	if want == "" || r.text.body.Text != want {
		t.Errorf("page 1 text %q, want %q", r.text.body.Text, want)
	}
	if !r.text.body.Selectable || r.text.body.Wrapping != fyne.TextWrapWord {
		t.Error("the text cannot be selected, or does not wrap")
	}
	f.press(fyne.KeyPageDown)
	f.settle()
	if r.textPage != 2 || r.text.body.Text != strings.TrimSpace(pages[1].Text) {
		t.Errorf("after Page Down: page %d, %q", r.textPage, r.text.body.Text)
	}
	if !strings.HasPrefix(r.text.heading.Text, "Page ") {
		t.Errorf("heading %q", r.text.heading.Text)
	}
	f.press(fyne.KeyEnd)
	f.settle()
	if r.textPage != r.numPages {
		t.Errorf("End went to page %d of %d", r.textPage, r.numPages)
	}
	r.onToggleText()
	f.settle()
	if r.textMode || r.text.root.Visible() || r.current != r.numPages {
		t.Errorf("back to the pages: text %v, at page %d", r.textMode, r.current)
	}
}
