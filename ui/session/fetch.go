package session

import (
	"context"
	"errors"
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

// SaveMeeting records a meeting with the papers it still has to download
// (see fetch.Store).
func (s SyncStore) SaveMeeting(m *docs.Meeting, toDownload []string) error {
	return s.Library.RecordMeeting(m, toDownload)
}

// ImportFile adds a downloaded paper of a meeting, its meeting's record and
// its address's in one transaction, through the flow that keeps search up
// to date (see fetch.Store).
func (s SyncStore) ImportFile(in fetch.Incoming) (string, bool, error) {
	res, err := s.Papers.Import(context.Background(), in.Path, library.ImportOptions{
		Source: in.Document.URL, Meeting: in.Meeting, Document: in.Document,
		Remote: &in.Remote, RecordMeeting: true, ToDownload: in.ToDownload,
	})
	if res == nil {
		return "", false, err
	}
	if err != nil && !errors.Is(err, docs.ErrIndexBehind) {
		// The paper is recorded; notes that could not be carried to it stay
		// on the earlier version. A sync counts the paper as arrived.
		err = nil
	}
	return res.Version.SHA256, res.Added, err
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
	defer d.Close()
	// The address is recorded with the paper, in one transaction: a sync
	// that meets it later asks the site only whether it changed.
	return p.Import(ctx, d.Path, library.ImportOptions{Source: link, Progress: reading,
		Remote: &docs.Remote{URL: link, ETag: d.ETag, LastModified: d.LastModified}})
}
