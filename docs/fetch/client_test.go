package fetch

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/fetch/fetchtest"
	"panelpapers/docs/internal/filelock"
)

func TestNewClientFromEnvironment(t *testing.T) {
	cases := []struct {
		name                      string
		timeout, retries, backoff string
		want                      Client
		bad                       bool
	}{
		{name: "defaults", want: Client{Timeout: DefaultTimeout, Retries: DefaultRetries, Backoff: DefaultBackoff}},
		{name: "shortened for tests", timeout: "250ms", retries: "0", backoff: "1ms",
			want: Client{Timeout: 250 * time.Millisecond, Retries: 0, Backoff: time.Millisecond}},
		{name: "whole seconds", timeout: "5", want: Client{Timeout: 5 * time.Second, Retries: DefaultRetries, Backoff: DefaultBackoff}},
		{name: "bad timeout", timeout: "soon", bad: true},
		{name: "negative retries", retries: "-1", bad: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvTimeout, tc.timeout)
			t.Setenv(EnvRetries, tc.retries)
			t.Setenv(EnvBackoff, tc.backoff)
			c, err := NewClient()
			if tc.bad {
				if err == nil {
					t.Error("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Timeout != tc.want.Timeout || c.Retries != tc.want.Retries || c.Backoff != tc.want.Backoff ||
				c.MaxSize != DefaultMaxSize || !strings.HasPrefix(c.UserAgent, "Mozilla/5.0 ") {
				t.Errorf("client %+v", c)
			}
		})
	}
}

func TestCheckURL(t *testing.T) {
	cases := []struct {
		url string
		ok  bool
	}{
		{"https://democracy.carmarthenshire.gov.wales/documents/g1/pack.pdf", true},
		{"http://127.0.0.1:8080/pack.pdf", true},
		{"http://localhost/pack.pdf", true},
		{"http://[::1]:9000/pack.pdf", true},
		{"http://democracy.carmarthenshire.gov.wales/documents/g1/pack.pdf", false},
		{"http://127.0.0.1.example.com/pack.pdf", false},
		{"ftp://example.gov.uk/pack.pdf", false},
		{"file:///etc/passwd", false},
		{"https://", false},
	}
	for _, tc := range cases {
		t.Run(tc.url, func(t *testing.T) {
			_, err := CheckURL(tc.url)
			if (err == nil) != tc.ok {
				t.Errorf("CheckURL(%q) = %v", tc.url, err)
			}
		})
	}
}

// TestDownloadRefusesPlainHTTP must not touch the network: the address is
// refused before any connection.
func TestDownloadRefusesPlainHTTP(t *testing.T) {
	c := testClient(t)
	tmp := t.TempDir()
	ctx := context.Background()
	if _, err := c.Download(ctx, "http://democracy.example.invalid/documents/g1/pack.pdf", tmp, Validators{}, nil); !errors.Is(err, ErrInsecure) {
		t.Errorf("Download: %v", err)
	}
	if _, err := c.Committees(ctx, "http://democracy.example.invalid"); !errors.Is(err, ErrInsecure) {
		t.Errorf("Committees: %v", err)
	}
	if _, err := c.Size(ctx, "http://democracy.example.invalid/x.pdf"); !errors.Is(err, ErrInsecure) {
		t.Errorf("Size: %v", err)
	}
}

func TestDownload(t *testing.T) {
	site := fetchtest.NewSite(t)
	c := testClient(t)
	ctx := context.Background()
	tmp := t.TempDir()
	var calls int
	var last [2]int64
	d, err := c.Download(ctx, site.URL+fetchtest.URIPack, tmp, Validators{}, func(done, total int64) { calls++; last = [2]int64{done, total} })
	if err != nil {
		t.Fatal(err)
	}
	body := site.Body(fetchtest.URIPack)
	got, err := os.ReadFile(d.Path)
	if err != nil || !bytes.Equal(got, body) {
		t.Fatalf("downloaded %d bytes (%v), want %d", len(got), err, len(body))
	}
	if filepath.Dir(d.Path) != tmp || d.Size != int64(len(body)) || d.ETag == "" || d.LastModified == "" || len(d.SHA256) != 64 {
		t.Errorf("downloaded %+v", d)
	}
	if calls < 2 || last != [2]int64{int64(len(body)), int64(len(body))} {
		t.Errorf("progress called %d times, last %v", calls, last)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	for name, cond := range map[string]Validators{"etag": {ETag: d.ETag}, "date": {LastModified: d.LastModified}} {
		t.Run("not modified by "+name, func(t *testing.T) {
			nm, err := c.Download(ctx, site.URL+fetchtest.URIPack, tmp, cond, nil)
			if err != nil || !nm.NotModified || nm.Path != "" {
				t.Errorf("conditional download: %+v, %v", nm, err)
			}
		})
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
}

func TestSniff(t *testing.T) {
	cases := []struct {
		name, head, contentType string
		want                    error
	}{
		{"pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3", "application/pdf", nil},
		{"pdf after junk", "\xef\xbb\xbf\r\n%PDF-1.4", "application/octet-stream", nil},
		{"error page", "<!DOCTYPE html>\n<html><head><title>Runtime Error</title>", "application/pdf", docs.ErrLooksHTML},
		{"login page", "\n\n  <html>\n<body><form action=\"mgLogin.aspx\">", "", docs.ErrLooksHTML},
		{"html by its type", "Sorry", "text/html; charset=utf-8", docs.ErrLooksHTML},
		{"zip", "PK\x03\x04", "application/zip", docs.ErrNotPDF},
		{"empty", "", "application/pdf", docs.ErrEmptyFile},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := sniff([]byte(tc.head), tc.contentType); !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
				t.Errorf("sniff = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestContentRangeStart(t *testing.T) {
	cases := map[string]int64{"bytes 100-999/1000": 100, "bytes 0-9/*": 0, "items 1-2/3": -1, "bytes */1000": -1, "": -1}
	for in, want := range cases {
		got, ok := contentRangeStart(in)
		if (want < 0 && ok) || (want >= 0 && (!ok || got != want)) {
			t.Errorf("contentRangeStart(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
}

func TestRemoveStaleParts(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	meta := `{"url":"https://example.gov.uk/p.pdf","ETag":"\"1\""}`
	files := map[string]struct {
		age     time.Duration
		content string
	}{
		"pp-old.part":          {30 * 24 * time.Hour, "x"}, // resumable, but not retried for a month
		"pp-old.part.json":     {30 * 24 * time.Hour, meta},
		"pp-new.part":          {time.Hour, "x"}, // resumable: kept for the next attempt
		"pp-new.part.json":     {time.Hour, meta},
		"pp-novalidators.part": {time.Hour, "x"}, // cannot be resumed: a crash left it
		"pp-done.pdf":          {time.Minute, "%PDF-"},
		"pp-done.lock":         {time.Minute, ""}, // no one holds it: a crash left it
		"pp-busy.part":         {time.Hour, "x"},  // being downloaded by someone
		"pp-busy.pdf":          {time.Hour, "%PDF-"},
		"download-1.pdf":       {2 * time.Hour, "%PDF-"}, // an earlier release's, never imported
		"other.pdf":            {30 * 24 * time.Hour, "x"},
	}
	for name, f := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(f.content), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-f.age), now.Add(-f.age)); err != nil {
			t.Fatal(err)
		}
	}
	// Remove the lock check (take no lock in RemoveStaleParts) and
	// pp-busy's files go.
	held, err := filelock.Take(context.Background(), filepath.Join(dir, "pp-busy.lock"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	if err := RemoveStaleParts(dir, StaleAfter, now); err != nil {
		t.Fatal(err)
	}
	var left []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if got, want := strings.Join(left, " "), "other.pdf pp-busy.lock pp-busy.part pp-busy.pdf pp-new.part pp-new.part.json"; got != want {
		t.Errorf("left %s\nwant %s", got, want)
	}
	if err := RemoveStaleParts(filepath.Join(dir, "missing"), StaleAfter, now); err != nil {
		t.Errorf("missing folder: %v", err)
	}
}

func TestProgressLine(t *testing.T) {
	cases := []struct {
		done, total int64
		elapsed     time.Duration
		want        string
	}{
		{12_300_000, 40_100_000, 10 * time.Second, "12.3 MB of 40.1 MB  1.2 MB/s  23 s left"},
		{500, -1, 2 * time.Second, "500 B  250 B/s"},
		{1000, 5000, 100 * time.Millisecond, "1.0 KB of 5.0 KB"},
		{0, 5000, 3 * time.Second, "0 B of 5.0 KB"},
		{1_000_000, 1_000_000_000, 10 * time.Second, "1.0 MB of 1.00 GB  100 KB/s  2 h 47 min left"},
		{3_000_000, 9_000_000, time.Second, "3.0 MB of 9.0 MB  3.0 MB/s  2 s left"},
		{30_000_000, 90_000_000, 60 * time.Second, "30.0 MB of 90.0 MB  500 KB/s  2 min left"},
		{5000, 5000, time.Second, "5.0 KB of 5.0 KB  5.0 KB/s  0 s left"},
	}
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			if got := ProgressLine(tc.done, tc.total, tc.elapsed); got != tc.want {
				t.Errorf("ProgressLine(%d, %d, %s) = %q, want %q", tc.done, tc.total, tc.elapsed, got, tc.want)
			}
		})
	}
}

// A download that cannot be written (a full disk) is the computer's fault:
// never "the connection dropped", never tried again. Without the file-error
// case in classify, Go's *fs.PathError passed for a network error.
func TestClassifyFullDisk(t *testing.T) {
	err := classify(context.Background(), &fs.PathError{Op: "write", Path: "x.part", Err: syscall.ENOSPC}, time.Second)
	if errors.Is(err, ErrDropped) || !errors.Is(err, syscall.ENOSPC) || retryable(err) {
		t.Errorf("classify(ENOSPC) = %v", err)
	}
}
