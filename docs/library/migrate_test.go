package library

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/questions"

	bolt "go.etcd.io/bbolt"
)

var updateStore = flag.Bool("update-store", false, "rewrite testdata/store-v1 from the store this release writes")

// buildStore fills a new library in dir the way this release writes one: a
// paper with its pages and a reading position, two notes and two drafts on
// it, a deadline rule, a followed committee with a meeting, and a download
// record.
func buildStore(t *testing.T, dir string) *Library {
	t.Helper()
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	v := addTestVersion(t, lib, "a", 0, testPages(), testAgenda())
	for _, n := range []docs.Note{
		{Page: 3, Quote: "The reserves strategy sets aside £2.1m for the estate.", Colour: docs.Yellow, Comment: "Which buildings?",
			Boxes: []docs.Rect{{Left: 72, Bottom: 700, Right: 410, Top: 712}}},
		{Kind: docs.NoteItem, Item: "5", Colour: docs.Green, Comment: "Declare an interest."},
	} {
		n.Version = v.SHA256
		if _, err := lib.AddNote(n); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []docs.Draft{
		{Meeting: "2023-10-27", Committee: testPanel, Title: "Rural crime", Body: "How many officers patrol Powys at night?"},
		{Title: "Estate", Body: "Which stations will close?", Status: docs.DraftReady},
	} {
		if _, err := lib.SaveDraft(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := lib.SetRule(testPanel, questions.DeadlineRule{ClearDays: 3, Cutoff: "17:00"}); err != nil {
		t.Fatal(err)
	}
	if err := lib.SetSetting("position/"+v.SHA256, "3 width"); err != nil {
		t.Fatal(err)
	}
	site := "https://democracy.carmarthenshire.gov.wales"
	if err := lib.Follow(docs.Committee{Site: site, ID: 193, Title: testPanel}); err != nil {
		t.Fatal(err)
	}
	if err := lib.SaveMeeting(&docs.Meeting{Site: site, CommitteeID: 193, ID: 4967, Committee: testPanel, Date: "2023-10-27", Time: "10:00"}); err != nil {
		t.Fatal(err)
	}
	if err := lib.SetRemote(docs.Remote{URL: site + "/documents/g4967/pack.pdf", ETag: `"1"`, SHA256: v.SHA256}); err != nil {
		t.Fatal(err)
	}
	return lib
}

// storeContent is what a member keeps in a library, written out so that
// two libraries can be compared: ids and times left out, as a store from
// another run has its own.
type storeContent struct {
	papers, notes, drafts, rules, positions, committees, meetings, remotes []string
}

func readContent(t *testing.T, lib *Library) storeContent {
	t.Helper()
	var c storeContent
	vs, err := lib.Versions(true)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		pages, err := lib.Pages(v.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, p := range pages {
			fmt.Fprintf(&text, "%d/%s/%s/%q;", p.Number, p.Printed, p.Item, p.Text)
		}
		c.papers = append(c.papers, fmt.Sprintf("%s %q %s %s %d items, pages %s", v.SHA256[:8], v.Title, v.Committee, v.Date, len(v.Agenda.Items), text.String()))
		pos, err := lib.Setting("position/" + v.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		c.positions = append(c.positions, pos)
	}
	notes, err := lib.Notes(docs.NoteFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		c.notes = append(c.notes, fmt.Sprintf("%s %s p%d item %q %q %s %q %v %s", n.Version[:8], n.Kind, n.Page, n.Item, n.Quote, n.Colour, n.Comment, n.Boxes, n.Status))
	}
	drafts, err := lib.Drafts()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range drafts {
		c.drafts = append(c.drafts, fmt.Sprintf("%q %s %s %q %s", d.Title, d.Committee, d.Meeting, d.Body, d.Status))
	}
	rule, err := lib.RuleFor(testPanel)
	if err != nil {
		t.Fatal(err)
	}
	c.rules = []string{fmt.Sprint(rule)}
	cs, err := lib.Followed()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range cs {
		c.committees = append(c.committees, f.Key()+" "+f.Title)
	}
	ms, err := lib.Meetings()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		c.meetings = append(c.meetings, fmt.Sprintf("%d %s %s %s", m.ID, m.Committee, m.Date, m.Time))
	}
	if r, ok, err := lib.Remote("https://democracy.carmarthenshire.gov.wales/documents/g4967/pack.pdf"); err != nil {
		t.Fatal(err)
	} else if ok {
		c.remotes = append(c.remotes, r.ETag+" "+r.SHA256[:8])
	}
	for _, s := range [][]string{c.papers, c.notes, c.drafts, c.committees, c.meetings} {
		sort.Strings(s)
	}
	return c
}

// storeBuckets lists the store's top-level buckets and its schema.
func storeBuckets(t *testing.T, lib *Library) (names []string, schema string) {
	t.Helper()
	err := lib.view(func(tx *bolt.Tx) error {
		if m := tx.Bucket(bucketMeta); m != nil {
			schema = string(m.Get(keySchema))
		}
		return tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			names = append(names, string(name))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return names, schema
}

// TestUpgradeKeepsEverything simulates the libraries earlier releases
// wrote, each without the buckets added after it, and checks that this
// release opens them, sets them up to its schema, and keeps every paper,
// note, draft and setting they held; then that the library takes new
// records of every kind.
func TestUpgradeKeepsEverything(t *testing.T) {
	cases := []struct {
		name string
		// missing are the buckets the older release did not have (their
		// records were never written); schema is what it wrote in meta
		// ("" none).
		missing []string
		schema  string
	}{
		{"papers only, no schema recorded", []string{"committees", "meetings", "remotes", "drafts", "answers", "notes", "noteundo"}, ""},
		{"papers and followed committees", []string{"drafts", "answers", "notes", "noteundo"}, "0"},
		{"drafts and answers, before notes", []string{"notes", "noteundo"}, "0"},
		{"notes and drafts, before committees", []string{"committees", "meetings", "remotes", "answers"}, "0"},
		{"this release's own", nil, fmt.Sprint(SchemaVersion)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			full := readContent(t, buildStore(t, dir))
			if len(full.papers) != 1 || len(full.notes) != 2 || len(full.drafts) != 2 || len(full.committees) != 1 ||
				len(full.meetings) != 1 || len(full.remotes) != 1 || full.positions[0] != "3 width" {
				t.Fatalf("the store was not filled: %+v", full)
			}

			// The older release's store.
			old := &Library{dir: dir}
			err := old.update(func(tx *bolt.Tx) error {
				for _, b := range tc.missing {
					if err := tx.DeleteBucket([]byte(b)); err != nil && err != bolt.ErrBucketNotFound {
						return err
					}
				}
				if tc.schema == "" {
					return tx.Bucket(bucketMeta).Delete(keySchema)
				}
				return tx.Bucket(bucketMeta).Put(keySchema, []byte(tc.schema))
			})
			if err != nil {
				t.Fatal(err)
			}
			want := full
			gone := map[string]bool{}
			for _, b := range tc.missing {
				gone[b] = true
			}
			if gone["notes"] {
				want.notes = nil
			}
			if gone["drafts"] {
				want.drafts = nil
			}
			if gone["committees"] {
				want.committees = nil
			}
			if gone["meetings"] {
				want.meetings = nil
			}
			if gone["remotes"] {
				want.remotes = nil
			}
			before, err := os.ReadFile(filepath.Join(dir, "library.db"))
			if err != nil {
				t.Fatal(err)
			}

			// This release opens it.
			lib, err := OpenLibrary(dir)
			if err != nil {
				t.Fatalf("the older library does not open: %v", err)
			}
			got := readContent(t, lib)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("after the upgrade:\n%+v\nwant:\n%+v", got, want)
			}
			names, schema := storeBuckets(t, lib)
			if schema != fmt.Sprint(SchemaVersion) {
				t.Errorf("schema %q after opening, want %d", schema, SchemaVersion)
			}
			for _, b := range allBuckets {
				if !contains(names, string(b)) {
					t.Errorf("bucket %s not created (buckets: %v)", b, names)
				}
			}
			after, err := os.ReadFile(filepath.Join(dir, "library.db"))
			if err != nil {
				t.Fatal(err)
			}
			if upToDate := len(tc.missing) == 0 && tc.schema == fmt.Sprint(SchemaVersion); upToDate != bytes.Equal(before, after) {
				t.Errorf("store rewritten: %v, but up to date already: %v", !bytes.Equal(before, after), upToDate)
			}

			// And takes new records of every kind.
			v, err := lib.Version(strings.Repeat("a", 64))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := lib.AddNote(docs.Note{Version: v.SHA256, Page: 2, Quote: "What steps is the Commissioner taking", Colour: docs.Blue}); err != nil {
				t.Errorf("a note cannot be added after the upgrade: %v", err)
			}
			if _, err := lib.SaveDraft(docs.Draft{Title: "After the upgrade", Body: "Still works?"}); err != nil {
				t.Errorf("a draft cannot be saved after the upgrade: %v", err)
			}
			if err := lib.Follow(docs.Committee{Site: "https://cardiff.moderngov.co.uk", ID: 1, Title: "Cabinet"}); err != nil {
				t.Errorf("a committee cannot be followed after the upgrade: %v", err)
			}
			if _, err := lib.UndoLastNoteChange(); err != nil {
				t.Errorf("undo after the upgrade: %v", err)
			}
			if _, err := OpenLibrary(dir); err != nil {
				t.Errorf("the upgraded library does not open again: %v", err)
			}
		})
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestStoreFromReleaseOne opens a library written by the release that
// introduced schema 1 (testdata/store-v1, gzipped; the papers' PDFs are not
// needed to read the records) and finds in it what that release wrote. A
// change to a record's JSON that loses a field fails here. Rewrite the
// fixture with -update-store only when the schema version goes up, keeping
// the old one beside it.
func TestStoreFromReleaseOne(t *testing.T) {
	fixture := filepath.Join("testdata", "store-v1", "library.db.gz")
	fresh := t.TempDir()
	want := readContent(t, buildStore(t, fresh))
	if *updateStore {
		raw, err := os.ReadFile(filepath.Join(fresh, "library.db"))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(raw)
		zw.Close()
		if err := os.MkdirAll(filepath.Dir(fixture), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fixture, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := unpackStore(t, fixture)
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatalf("the release-one library does not open: %v", err)
	}
	if got := readContent(t, lib); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the release-one library reads as\n%+v\nwant\n%+v", got, want)
	}
	// Upgraded once (schema 1 to SchemaVersion), then left alone.
	upgraded, err := os.ReadFile(filepath.Join(dir, "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenLibrary(dir); err != nil {
		t.Fatal(err)
	}
	if after, err := os.ReadFile(filepath.Join(dir, "library.db")); err != nil || sha256.Sum256(after) != sha256.Sum256(upgraded) {
		t.Errorf("opening an up-to-date library rewrote it (%v)", err)
	}
}
