//go:build unix

package session_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/fetch/fetchtest"
	"panelpapers/ui/session"
)

// (Windows has no permission bits: there the profile folder is private.)

// TestDataFolderIsPrivate checks that the data folder and its files,
// backups and downloads folders are created for the member alone (0700), so
// that another account on a shared computer cannot list them. Fails when
// they are created 0755 again.
func TestDataFolderIsPrivate(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the PDF engine")
	}
	old := syscall.Umask(0o022) // the usual: group and others may read
	defer syscall.Umask(old)
	site := fetchtest.NewSite(t)
	site.SetMaxSize(testMaxSize)
	r := openReal(t, site)
	papers, err := r.s.Papers()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := session.AddFromLink(context.Background(), testClient(t), papers, r.s.DownloadDir(), site.URL+fetchtest.URIMinutes, nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := r.lib.SaveDraft(docs.Draft{Title: "Rural crime", Body: "How many officers patrol at night?"}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.lib.AutoBackup(); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{r.dir, filepath.Join(r.dir, "files"), r.lib.BackupDir(), r.s.DownloadDir()} {
		fi, err := os.Stat(dir)
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		if perm := fi.Mode().Perm(); perm != 0o700 {
			t.Errorf("%s is %#o, want 0700", filepath.Base(dir), perm)
		}
	}
}
