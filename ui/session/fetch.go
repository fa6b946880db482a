package session

import (
	"context"
	"os"
	"strings"

	"panelpapers/docs"
	"panelpapers/docs/fetch"
	"panelpapers/docs/library"
)

// SyncStore is the library as a sync needs it: its records, and imports
// through the flow that also keeps search up to date.
type SyncStore struct {
	*library.Library
	Papers *library.Papers
}

var _ fetch.Store = SyncStore{}

// ImportFile adds a downloaded paper of a meeting (see fetch.Store).
func (s SyncStore) ImportFile(path string, m *docs.Meeting, d *docs.MeetingDocument) (string, bool, error) {
	return s.Papers.ImportFile(path, m, d)
}

// AddFromLink downloads the PDF at link into tempDir (on the library's file
// system) and adds it, recording the address so that a sync that meets it
// later asks the site only whether it changed. It is "Add from link…" in the
// window and `panelpapers fetch`. The result is nil when the paper could
// not be added; with a result, err may still say that search lags.
func AddFromLink(ctx context.Context, c *fetch.Client, p *library.Papers, tempDir, link string,
	downloading func(done, total int64), reading func(done, total int)) (*library.ImportResult, error) {
	link = strings.TrimSpace(link)
	if err := os.MkdirAll(tempDir, 0o700); err != nil {
		return nil, err
	}
	d, err := c.Download(ctx, link, tempDir, fetch.Validators{}, downloading)
	if err != nil {
		return nil, err
	}
	defer os.Remove(d.Path)
	res, err := p.Import(ctx, d.Path, library.ImportOptions{Source: link, Progress: reading})
	if res == nil {
		return nil, err
	}
	// Without the record a sync that meets the same address downloads it
	// again, and finds it is already here: a waste, not a fault.
	_ = p.Lib.SetRemote(docs.Remote{URL: link, ETag: d.ETag, LastModified: d.LastModified, SHA256: res.Version.SHA256})
	return res, err
}
