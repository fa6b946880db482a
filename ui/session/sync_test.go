package session_test

// Syncs against the real library (bbolt store, files folder, the session's
// PDF engine) in a temporary folder: never an in-memory stand-in.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/fetch"
	"panelpapers/docs/fetch/fetchtest"
	"panelpapers/docs/library"
	"panelpapers/ui/session"
)

// envHelper runs this test binary as a helper process (see helperMain):
// its value says what the helper does.
const envHelper = "PANELPAPERS_SESSION_HELPER"

// envHelperCache gives the helper the tests' cache folder.
const envHelperCache = "PANELPAPERS_SESSION_HELPER_CACHE"

// testMaxSize is the client's size cap: far above the test PDFs.
const testMaxSize = 256 << 10

// syncClock is where the syncer's clock stands: after the fixtures'
// meetings (13 January and 10 February 2026).
var syncClock = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// cacheDir is shared by every session of the tests, so that the PDF
// engine's compiled code is reused.
var cacheDir string

func TestMain(m *testing.M) {
	if mode := os.Getenv(envHelper); mode != "" {
		cacheDir = os.Getenv(envHelperCache)
		os.Exit(helperMain(mode))
	}
	var err error
	cacheDir, err = os.MkdirTemp("", "panelpapers-session-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(cacheDir)
	os.Exit(code)
}

// library is a data folder with a session on it and a syncer that files
// into it the way `panelpapers sync` does.
type realLibrary struct {
	dir    string
	s      *session.Session
	lib    *library.Library
	syncer *fetch.Syncer
}

func testClient(t *testing.T) *fetch.Client {
	t.Helper()
	c, err := fetch.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	c.Timeout = 10 * time.Second
	c.Retries = 0
	c.Backoff = time.Millisecond
	c.MaxSize = testMaxSize
	return c
}

// openReal opens a new library in a temporary folder that follows the
// site's Audit Committee.
func openReal(t *testing.T, site *fetchtest.Site) *realLibrary {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	s := session.New(dir, cacheDir)
	t.Cleanup(s.Close)
	papers, err := s.Papers()
	if err != nil {
		t.Fatal(err)
	}
	r := &realLibrary{dir: dir, s: s, lib: papers.Lib, syncer: &fetch.Syncer{
		Client: testClient(t), Store: session.SyncStore{Library: papers.Lib, Papers: papers},
		TempDir: s.DownloadDir(), Now: func() time.Time { return syncClock },
	}}
	list, err := r.syncer.Client.Committees(context.Background(), site.URL)
	if err != nil {
		t.Fatal(err)
	}
	c, err := fetch.FindCommittee(list, "audit")
	if err != nil {
		t.Fatal(err)
	}
	if err := r.lib.Follow(c); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *realLibrary) sync(t *testing.T) (*fetch.Report, error) {
	t.Helper()
	return r.syncer.Sync(context.Background(), time.Time{}, nil)
}

// dump is the library's whole content as text, without the times it was
// written at, to compare two libraries.
func (r *realLibrary) dump(t *testing.T, site *fetchtest.Site) string {
	t.Helper()
	var b strings.Builder
	vs, err := r.lib.Versions(true)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		fmt.Fprintf(&b, "version %s %q %s %s %s %d pages current=%v source=%s\n",
			fetchtest.Label(v.SHA256), v.Title, v.Committee, v.Date, v.Kind, v.Pages, v.Current(), strings.TrimPrefix(v.SourceName, site.URL))
	}
	ms, err := r.lib.StoredMeetings()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		raw, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "meeting %s\n", strings.ReplaceAll(string(raw), site.URL, "<SITE>"))
	}
	for _, uri := range allURIs {
		rm, ok, err := r.lib.Remote(site.URL + uri)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			fmt.Fprintf(&b, "remote %s %s %s %s\n", uri, rm.ETag, rm.LastModified, fetchtest.Label(rm.SHA256))
		}
	}
	files, _ := os.ReadDir(filepath.Join(r.dir, "files"))
	for _, f := range files {
		fmt.Fprintf(&b, "file %s\n", f.Name())
	}
	return b.String()
}

var allURIs = []string{fetchtest.URIFront, fetchtest.URIPack, fetchtest.URISupp, fetchtest.URIMinutes, fetchtest.URIItem1, fetchtest.URIItem9}

// checkConsistent checks the rule a sync keeps whatever fails: every
// paper the library holds is under a saved meeting, and every paper a saved
// meeting wanted (planned) is either in the library, whole, or listed as
// still to download. It returns the addresses still to download.
func (r *realLibrary) checkConsistent(t *testing.T, planned map[string][]string) map[string][]string {
	t.Helper()
	ms, err := r.lib.StoredMeetings()
	if err != nil {
		t.Fatal(err)
	}
	saved := map[string]*library.StoredMeeting{}
	pending := map[string][]string{}
	for _, m := range ms {
		saved[m.Key()] = m
		if len(m.ToDownload) > 0 {
			pending[m.Key()] = m.ToDownload
		}
	}
	for key, urls := range planned {
		m := saved[key]
		for _, u := range urls {
			rm, have, err := r.lib.Remote(u)
			if err != nil {
				t.Fatal(err)
			}
			if have {
				if m == nil {
					t.Errorf("%s is in the library under meeting %s, whose record was never saved", u, key)
				}
				v, err := r.lib.Version(rm.SHA256)
				if err != nil {
					t.Errorf("%s recorded as downloaded, but the library lacks its paper: %v", u, err)
					continue
				}
				raw, err := os.ReadFile(r.lib.FilePath(v.SHA256))
				if err != nil || fetchtest.SHA256(raw) != v.SHA256 {
					t.Errorf("%s: the paper's file is missing or not whole (%v)", u, err)
				}
				if m != nil && contains(m.ToDownload, u) {
					t.Errorf("meeting %s lists %s as still to download, but it is in", key, u)
				}
				continue
			}
			if m != nil && !contains(m.ToDownload, u) {
				t.Errorf("meeting %s claims %s, which the library lacks and does not list as still to download", key, u)
			}
		}
	}
	return pending
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// plannedURLs asks what a sync would download, by meeting.
func (r *realLibrary) plannedURLs(t *testing.T) (map[string][]string, []fetch.Planned) {
	t.Helper()
	p, err := r.syncer.Plan(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, d := range p.Downloads {
		out[d.Meeting.Key()] = append(out[d.Meeting.Key()], d.Document.URL)
	}
	return out, p.Downloads
}

// TestFirstSyncThatFailsLeavesMeetingsConsistent runs a first sync in which
// the second of the meeting's three papers fails (cut body, 500, stall, a
// login page), checks that the library holds the other two with their
// meeting's record, which says one paper is still to download, then syncs
// again and compares the library with one from a sync that never failed.
//
// Fails when meetings are saved before their papers download and not marked
// (save the meeting up front, without ToDownload), or when a paper is
// recorded in its own transaction apart from its meeting and a failure
// falls between.
func TestFirstSyncThatFailsLeavesMeetingsConsistent(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the PDF engine")
	}
	goodSite := fetchtest.NewSite(t)
	goodSite.SetMaxSize(testMaxSize)
	good := openReal(t, goodSite)
	planned, _ := good.plannedURLs(t)
	rep, err := good.sync(t)
	if err != nil || len(rep.Arrived) != 3 {
		t.Fatalf("a sync that never failed: %v, %d arrived", err, len(rep.Arrived))
	}
	if p := good.checkConsistent(t, planned); len(p) != 0 {
		t.Errorf("after a good sync, still to download: %v", p)
	}
	want := good.dump(t, goodSite)
	if !strings.Contains(want, `"status":"cancelled"`) {
		t.Errorf("the cancelled meeting was not kept as such:\n%s", want)
	}

	cases := []struct {
		name  string
		fault fetchtest.Fault
		want  func(error) bool
		setup func(r *realLibrary)
	}{
		{"cut body", fetchtest.FaultDrop, func(err error) bool { return errors.Is(err, fetch.ErrDropped) }, nil},
		{"server error", fetchtest.Fault500, func(err error) bool {
			var se *fetch.StatusError
			return errors.As(err, &se) && se.Code == 500
		}, nil},
		{"stall", fetchtest.FaultStall, func(err error) bool { return errors.Is(err, fetch.ErrStalled) },
			func(r *realLibrary) { r.syncer.Client.Timeout = 500 * time.Millisecond }},
		{"login page", fetchtest.FaultLogin, func(err error) bool { return errors.Is(err, docs.ErrLooksHTML) }, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			site := fetchtest.NewSite(t)
			site.SetMaxSize(testMaxSize)
			r := openReal(t, site)
			if tc.setup != nil {
				tc.setup(r)
			}
			planned, downloads := r.plannedURLs(t)
			if len(downloads) != 3 {
				t.Fatalf("planned %d papers, want 3", len(downloads))
			}
			second := downloads[1]
			site.SetFault(strings.TrimPrefix(second.Document.URL, site.URL), tc.fault, 1)

			rep, err := r.sync(t)
			if err == nil || !tc.want(err) {
				t.Fatalf("first sync: %v", err)
			}
			if len(rep.Arrived) != 2 || len(rep.Failures) != 1 || rep.Failures[0].Document.URL != second.Document.URL {
				t.Fatalf("first sync: arrived %d, failures %v", len(rep.Arrived), rep.Failures)
			}
			if len(rep.ToDownload) != 1 || len(rep.ToDownload[0].Papers) != 1 || rep.ToDownload[0].Papers[0].URL != second.Document.URL {
				t.Errorf("report of what is still to download: %+v", rep.ToDownload)
			}
			pending := r.checkConsistent(t, planned)
			key := second.Meeting.Key()
			if len(pending) != 1 || len(pending[key]) != 1 || pending[key][0] != second.Document.URL {
				t.Errorf("still to download after the failure: %v, want only %s", pending, second.Document.URL)
			}

			// The site recovers: the next sync fetches the paper that
			// failed, and the library is as if nothing had.
			rep, err = r.sync(t)
			if err != nil || len(rep.Arrived) != 1 || rep.Arrived[0].Document.URL != second.Document.URL {
				t.Fatalf("second sync: %v, arrived %+v", err, rep.Arrived)
			}
			if p := r.checkConsistent(t, planned); len(p) != 0 {
				t.Errorf("still to download after recovery: %v", p)
			}
			if got := r.dump(t, site); got != want {
				t.Errorf("after recovery the library differs from one whose sync never failed:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestSyncKilledMidwayLeavesMeetingsConsistent kills a real `sync` process
// (this test binary run again) with SIGKILL while the second of three
// papers hangs, after the first arrived, and checks that the library it
// leaves holds the first paper under its saved meeting, which lists the
// other two as still to download.
//
// Fails when a paper is recorded without its meeting's facts (set
// RecordMeeting false in SyncStore.ImportFile: the meeting is then saved
// only when all its papers are done, which the kill never reaches).
func TestSyncKilledMidwayLeavesMeetingsConsistent(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the PDF engine")
	}
	site := fetchtest.NewSite(t)
	site.SetMaxSize(testMaxSize)
	r := openReal(t, site)
	planned, downloads := r.plannedURLs(t)
	second := strings.TrimPrefix(downloads[1].Document.URL, site.URL)
	site.SetFault(second, fetchtest.FaultStall, 1)
	r.s.Close() // the helper has the library to itself

	h := startHelper(t, "sync", r.dir, site.URL)
	// Wait until the second paper is being sent (and stalls).
	deadline := time.Now().Add(2 * time.Minute)
	for !requested(site, second) {
		if time.Now().After(deadline) {
			t.Fatalf("the helper never asked for the second paper; its output:\n%s", h.output())
		}
		time.Sleep(20 * time.Millisecond)
	}
	h.kill(t)

	pending := r.checkConsistent(t, planned)
	key := downloads[0].Meeting.Key()
	if _, ok, _ := r.lib.Remote(downloads[0].Document.URL); !ok {
		t.Fatalf("the first paper did not arrive before the kill; helper output:\n%s", h.output())
	}
	if len(pending[key]) != 2 {
		t.Errorf("still to download after the kill: %v, want the second and third papers", pending)
	}
}

func requested(site *fetchtest.Site, uri string) bool {
	for _, q := range site.Requests() {
		if q.URI == uri && q.Method == "GET" {
			return true
		}
	}
	return false
}
