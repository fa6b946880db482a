package library

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"panelpapers/docs"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the version of the store's layout. Open refuses a store
// written by a newer release rather than damage it, and brings an older one
// up to date (migrate.go). 2: papers keep their identity when their facts
// change; unrelated papers schema 1 joined are apart again.
const SchemaVersion = 2

// Store layout: one bbolt file, library.db, with these buckets.
var (
	bucketMeta      = []byte("meta")      // "schema" → SchemaVersion
	bucketVersions  = []byte("versions")  // sha256 → Version (JSON)
	bucketPages     = []byte("pages")     // sha256 → bucket: page number (uint32 BE) → Page (JSON)
	bucketDocuments = []byte("documents") // document key → sha256 of its current version
	bucketSettings  = []byte("settings")  // setting key → value
)

var keySchema = []byte("schema")

// lockWait is how long a command waits for another process's transaction
// before saying the library is busy. Transactions are short (the store is
// opened per operation), so waiting longer than this means something is wrong.
const lockWait = 3 * time.Second

// Library is the member's collection of papers: a bbolt store of records
// (library.db) and the PDFs beside it (files/<sha256>.pdf).
//
// The store is opened for each operation and closed straight after, so that
// the window and the command line can both use the library: bbolt holds an
// exclusive file lock for as long as a writer has it open.
type Library struct {
	dir string
}

// OpenLibrary opens the library in dir, creating it if needed, and checks
// that its store is one this release can read.
func OpenLibrary(dir string) (*Library, error) {
	l := &Library{dir: dir}
	// Most opens find a library that is already set up: check that with a
	// read-only transaction, which needs no disk sync and no exclusive lock.
	ready := false
	err := l.view(func(tx *bolt.Tx) error {
		var err error
		ready, err = checkSchema(tx)
		return err
	})
	if err == nil && ready {
		l.removeLeftovers(time.Now())
		return l, nil
	}
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("open library %s: %w", dir, err)
	}
	// Private: another account on a shared computer must not list the
	// member's papers (the store and the index are private too).
	if err := os.MkdirAll(filepath.Join(dir, "files"), 0o700); err != nil {
		return nil, fmt.Errorf("open library %s: %w", dir, err)
	}
	err = l.update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		if _, err := checkSchema(tx); err != nil {
			return err
		}
		// A store without a schema recorded is a first release's, or new.
		var from int
		fmt.Sscan(string(tx.Bucket(bucketMeta).Get(keySchema)), &from)
		if err := migrate(tx, from); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte(fmt.Sprint(SchemaVersion)))
	})
	if err != nil {
		return nil, fmt.Errorf("open library %s: %w", dir, err)
	}
	// A new store's name, and the files folder's, made durable.
	_ = fsys.SyncDir(dir)
	l.removeLeftovers(time.Now())
	return l, nil
}

var allBuckets = [][]byte{bucketMeta, bucketVersions, bucketPages, bucketDocuments, bucketSettings,
	bucketCommittees, bucketMeetings, bucketRemotes}

// checkSchema reports whether the store is set up at this release's schema,
// and fails if a newer release wrote it.
func checkSchema(tx *bolt.Tx) (bool, error) {
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			return false, nil
		}
	}
	raw := tx.Bucket(bucketMeta).Get(keySchema)
	if raw == nil {
		return false, nil
	}
	var v int
	if _, err := fmt.Sscan(string(raw), &v); err != nil || v > SchemaVersion {
		return false, fmt.Errorf("the library was written by a newer Panel Papers (store version %s); update the app", raw)
	}
	return v == SchemaVersion, nil
}

// Dir is the data folder the library lives in.
func (l *Library) Dir() string { return l.dir }

// FilePath is where the PDF of a version is stored.
func (l *Library) FilePath(sha256 string) string {
	return filepath.Join(l.dir, "files", sha256+".pdf")
}

func (l *Library) dbPath() string { return filepath.Join(l.dir, "library.db") }

// Stamp changes whenever the library is written, by this program or
// another (the command line adding papers, a sync), so that the window can
// notice new papers without reading them all: it is the store's size and
// time of last change. Reading it costs one stat.
func (l *Library) Stamp() (string, error) {
	fi, err := os.Stat(l.dbPath())
	if err != nil {
		return "", fmt.Errorf("check the library for changes: %w", err)
	}
	return fmt.Sprintf("%d %d", fi.Size(), fi.ModTime().UnixNano()), nil
}

func (l *Library) open(readOnly bool) (*bolt.DB, error) {
	if readOnly {
		if _, err := os.Stat(l.dbPath()); err != nil {
			return nil, err
		}
	}
	db, err := bolt.Open(l.dbPath(), 0o600, &bolt.Options{Timeout: lockWait, ReadOnly: readOnly})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, docs.ErrLocked
	}
	return db, err
}

func (l *Library) update(fn func(tx *bolt.Tx) error) error {
	db, err := l.open(false)
	if err != nil {
		return err
	}
	err = db.Update(fn)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

func (l *Library) view(fn func(tx *bolt.Tx) error) error {
	db, err := l.open(true)
	if err != nil {
		return err
	}
	err = db.View(fn)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// DocumentKey is a paper's facts as one string: committee, meeting date,
// kind and title, compared without regard to case or spacing. A new paper is
// filed under it (identity.go), and two papers whose facts are known and
// give the same key are one paper published twice.
func DocumentKey(committee, date string, kind docs.Kind, title string) string {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return norm(committee) + "|" + date + "|" + string(kind) + "|" + norm(title)
}

// Versions lists versions, newest meeting first; with all false only the
// current version of each document.
func (l *Library) Versions(all bool) ([]*docs.Version, error) {
	var out []*docs.Version
	err := l.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketVersions).ForEach(func(_, raw []byte) error {
			v := new(docs.Version)
			if err := json.Unmarshal(raw, v); err != nil {
				return err
			}
			if all || v.Current() {
				out = append(out, v)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list library: %w", err)
	}
	sortVersions(out)
	return out, nil
}

// CurrentVersions lists the current version of every document.
func (l *Library) CurrentVersions() ([]*docs.Version, error) { return l.Versions(false) }

// sortVersions orders by meeting date (newest first, undated last), then
// committee, kind and title, so that a list reads like a meetings calendar.
func sortVersions(vs []*docs.Version) {
	sort.SliceStable(vs, func(i, j int) bool {
		a, b := vs[i], vs[j]
		if c := docs.CompareMeetings(a.Date, a.Committee, b.Date, b.Committee); c != 0 {
			return c < 0
		}
		if a.Kind != b.Kind {
			return a.Kind.Rank() < b.Kind.Rank()
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.Added.After(b.Added)
	})
}

// Version returns the version with the given full SHA-256.
func (l *Library) Version(sha256 string) (*docs.Version, error) {
	var v *docs.Version
	err := l.view(func(tx *bolt.Tx) error {
		var err error
		v, err = getVersion(tx, sha256)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read paper %.12s: %w", sha256, err)
	}
	return v, nil
}

func getVersion(tx *bolt.Tx, sha256 string) (*docs.Version, error) {
	raw := tx.Bucket(bucketVersions).Get([]byte(sha256))
	if raw == nil {
		return nil, docs.ErrNotFound
	}
	v := new(docs.Version)
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, err
	}
	return v, nil
}

func putVersion(tx *bolt.Tx, v *docs.Version) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketVersions).Put([]byte(v.SHA256), raw)
}

// MinIDLen is the fewest hex digits that may name a version.
const MinIDLen = 8

// Resolve finds the version a person means by ref: "latest" (the version
// added most recently), a full SHA-256, or a unique prefix of at least
// MinIDLen hex digits.
func (l *Library) Resolve(ref string) (*docs.Version, error) {
	ref = strings.ToLower(strings.TrimSpace(ref))
	all, err := l.Versions(true)
	if err != nil {
		return nil, err
	}
	if ref == "latest" {
		var newest *docs.Version
		for _, v := range all {
			if newest == nil || v.Added.After(newest.Added) {
				newest = v
			}
		}
		if newest == nil {
			return nil, fmt.Errorf("the library is empty: %w", docs.ErrNotFound)
		}
		return newest, nil
	}
	if len(ref) < MinIDLen || strings.Trim(ref, "0123456789abcdef") != "" {
		return nil, fmt.Errorf("%q is not a paper id (ids are at least %d letters and digits 0-9, a-f; see 'panelpapers list'): %w", ref, MinIDLen, docs.ErrNotFound)
	}
	var found []*docs.Version
	for _, v := range all {
		if strings.HasPrefix(v.SHA256, ref) {
			found = append(found, v)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("no paper has the id %s: %w", ref, docs.ErrNotFound)
	case 1:
		return found[0], nil
	default:
		return nil, fmt.Errorf("%d papers have ids starting %s; give more digits: %w", len(found), ref, docs.ErrAmbiguous)
	}
}

func pageKey(n int) []byte {
	var k [4]byte
	binary.BigEndian.PutUint32(k[:], uint32(n))
	return k[:]
}

// Pages returns every page of a version, in order.
func (l *Library) Pages(sha256 string) ([]docs.Page, error) {
	var pages []docs.Page
	err := l.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPages).Bucket([]byte(sha256))
		if b == nil {
			return docs.ErrNotFound
		}
		return b.ForEach(func(_, raw []byte) error {
			var p docs.Page
			if err := json.Unmarshal(raw, &p); err != nil {
				return err
			}
			pages = append(pages, p)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read pages of %.12s: %w", sha256, err)
	}
	return pages, nil
}

// Page returns one page of a version; n is the PDF page number from 1.
func (l *Library) Page(sha256 string, n int) (docs.Page, error) {
	var p docs.Page
	err := l.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPages).Bucket([]byte(sha256))
		if b == nil {
			return docs.ErrNotFound
		}
		raw := b.Get(pageKey(n))
		if raw == nil {
			return fmt.Errorf("there is no page %d: %w", n, docs.ErrNotFound)
		}
		return json.Unmarshal(raw, &p)
	})
	if err != nil {
		return docs.Page{}, fmt.Errorf("read page %d of %.12s: %w", n, sha256, err)
	}
	return p, nil
}

// Setting returns a stored setting, or "" when it is not set.
func (l *Library) Setting(key string) (string, error) {
	var val string
	err := l.view(func(tx *bolt.Tx) error {
		val = string(tx.Bucket(bucketSettings).Get([]byte(key)))
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, err)
	}
	return val, nil
}

// SetSetting stores a setting; an empty value removes it.
func (l *Library) SetSetting(key, val string) error {
	err := l.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSettings)
		if val == "" {
			return b.Delete([]byte(key))
		}
		return b.Put([]byte(key), []byte(val))
	})
	if err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, synced before it is renamed and the folder synced after, so that
// a crash, a power cut or a full disk never leaves a half-written file
// under the final name, and a file acknowledged is there after a power cut.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := fsys.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := fsys.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return fsys.SyncDir(filepath.Dir(path))
}

// sameBytes reports whether the file at path holds exactly data.
func sameBytes(path string, data []byte) bool {
	have, err := os.ReadFile(path)
	return err == nil && bytes.Equal(have, data)
}

// InstanceLock is held by the window for as long as it is open, so that a
// second window can say at once that Panel Papers is already open instead of
// waiting on the store. (It is a bbolt file used only for its cross-platform
// file lock; it holds no data.)
type InstanceLock struct{ db *bolt.DB }

// LockInstance takes the data folder's window lock, or returns ErrLocked at
// once when another window holds it.
func LockInstance(dir string) (*InstanceLock, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("open data folder %s: %w", dir, err)
	}
	db, err := bolt.Open(filepath.Join(dir, "window.lock"), 0o600, &bolt.Options{Timeout: 100 * time.Millisecond})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, docs.ErrAlreadyOpen
	}
	if err != nil {
		return nil, fmt.Errorf("lock data folder %s: %w", dir, err)
	}
	return &InstanceLock{db: db}, nil
}

// Release lets another window open.
func (l *InstanceLock) Release() error { return l.db.Close() }
