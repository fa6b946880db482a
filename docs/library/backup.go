package library

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/notes"

	bolt "go.etcd.io/bbolt"
)

// A backup file holds everything the member wrote: notes and question
// drafts. Papers are not in it (they can be downloaded again), so a new
// machine restores a backup and syncs, and each note finds its paper again.
//
// The file is JSON, UTF-8, indented, with every key always present:
//
//	{
//	  "format":  "panelpapers-backup",   // identifies the file
//	  "version": 1,                      // BackupVersion of the layout
//	  "created": "2023-10-26T18:00:00Z", // when it was written, UTC
//	  "papers":  [{"sha256", "document", "title", "committee", "date", "kind", "source"}],
//	  "notes":   [Note…],                // as the Note type's JSON, oldest first
//	  "drafts":  [Draft…]                // as the Draft type's JSON, oldest first
//	}
//
// "papers" describes each version a note is placed on, so that a restored
// note whose paper is not downloaded yet can say which paper it belongs to.
// A note is identified by its "id" (random, so notes from two machines
// never collide), a draft by its "created" time (draft ids are numbered per
// library): restoring a file twice, or a file holding what the library
// already has, adds nothing, and where both have an entry the one updated
// last wins. A later release that changes the layout raises "version";
// this release refuses a file of a higher version rather than lose what it
// does not understand.

// BackupFormat is the "format" of a backup file.
const BackupFormat = "panelpapers-backup"

// BackupVersion is the layout version this release writes and the highest
// it reads.
const BackupVersion = 1

// BackupsKept is how many automatic backups the data folder keeps.
const BackupsKept = 5

// maxBackupSize bounds what Restore reads: a backup of many years of notes
// is a few megabytes.
const maxBackupSize = 256 << 20

// Errors reading a backup file.
var (
	ErrBadBackup    = errors.New("this file is not a Panel Papers backup, or it is damaged")
	ErrBackupTooNew = errors.New("this backup was made by a newer Panel Papers; update Panel Papers to restore it")
)

// BackupPaper describes a version that notes in a backup are placed on.
type BackupPaper struct {
	SHA256    string    `json:"sha256"`
	Document  string    `json:"document"`
	Title     string    `json:"title"`
	Committee string    `json:"committee"`
	Date      string    `json:"date"`
	Kind      docs.Kind `json:"kind"`
	Source    string    `json:"source"`
}

// Backup is the content of a backup file.
type Backup struct {
	Format  string        `json:"format"`
	Version int           `json:"version"`
	Created time.Time     `json:"created"`
	Papers  []BackupPaper `json:"papers"`
	Notes   []docs.Note   `json:"notes"`
	Drafts  []docs.Draft  `json:"drafts"`
}

// Backup takes a copy of every note and draft, in one read transaction.
func (l *Library) Backup() (*Backup, error) {
	b := &Backup{Format: BackupFormat, Version: BackupVersion, Created: time.Now().UTC().Truncate(time.Second),
		Papers: []BackupPaper{}, Notes: []docs.Note{}, Drafts: []docs.Draft{}}
	err := l.view(func(tx *bolt.Tx) error {
		seen := map[string]bool{}
		if err := forEachNote(tx, func(n *docs.Note) error {
			b.Notes = append(b.Notes, *n)
			if seen[n.Version] {
				return nil
			}
			seen[n.Version] = true
			v, err := getVersion(tx, n.Version)
			if errors.Is(err, docs.ErrNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			b.Papers = append(b.Papers, BackupPaper{SHA256: v.SHA256, Document: v.Document, Title: v.Title,
				Committee: v.Committee, Date: v.Date, Kind: v.Kind, Source: v.SourceName})
			return nil
		}); err != nil {
			return err
		}
		db := tx.Bucket(bucketDrafts)
		if db == nil {
			return nil
		}
		return db.ForEach(func(k, _ []byte) error {
			d, err := getDraft(db, string(k))
			if err == nil {
				b.Drafts = append(b.Drafts, *d)
			}
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("back up notes and drafts: %w", err)
	}
	b.sort()
	return b, nil
}

func (b *Backup) sort() {
	sort.Slice(b.Papers, func(i, j int) bool { return b.Papers[i].SHA256 < b.Papers[j].SHA256 })
	sort.SliceStable(b.Notes, func(i, j int) bool {
		if !b.Notes[i].Created.Equal(b.Notes[j].Created) {
			return b.Notes[i].Created.Before(b.Notes[j].Created)
		}
		return b.Notes[i].ID < b.Notes[j].ID
	})
	sort.SliceStable(b.Drafts, func(i, j int) bool {
		if !b.Drafts[i].Created.Equal(b.Drafts[j].Created) {
			return b.Drafts[i].Created.Before(b.Drafts[j].Created)
		}
		return b.Drafts[i].ID < b.Drafts[j].ID
	})
}

// Encode gives the file's bytes: the same backup always gives the same bytes.
func (b *Backup) Encode() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		return nil, fmt.Errorf("encode backup: %w", err)
	}
	return buf.Bytes(), nil
}

// BackupTo writes a backup of every note and draft to path ("Back up to…"
// and `notes export`) and returns what it wrote. The file is written beside its final name and
// renamed into place once on disk, so an existing backup there is replaced
// whole or not at all.
func (l *Library) BackupTo(path string) (*Backup, error) {
	b, err := l.Backup()
	if err != nil {
		return nil, err
	}
	raw, err := b.Encode()
	if err != nil {
		return nil, err
	}
	if err := writeFileAtomic(path, raw); err != nil {
		return nil, fmt.Errorf("write backup %s: %w", path, err)
	}
	return b, nil
}

// BackupDir is the data folder's folder of automatic backups.
func (l *Library) BackupDir() string { return filepath.Join(l.dir, "backups") }

// autoBackupPrefix starts the names of automatic backups, which sort by time.
const autoBackupPrefix = "notes-"

// AutoBackup writes a backup into BackupDir when the notes or drafts
// changed since the newest one there, and deletes all but the newest
// BackupsKept. It returns the path written, or "" when nothing changed. The
// window calls it after changes settle and when it closes.
func (l *Library) AutoBackup() (string, error) {
	b, err := l.Backup()
	if err != nil {
		return "", err
	}
	if len(b.Notes) == 0 && len(b.Drafts) == 0 {
		return "", nil
	}
	dir := l.BackupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("back up notes and drafts: %w", err)
	}
	names, err := autoBackups(dir)
	if err != nil {
		return "", err
	}
	if len(names) > 0 && sameContent(filepath.Join(dir, names[len(names)-1]), b) {
		return "", nil
	}
	// Names sort by time, to the millisecond, so rotation keeps the newest.
	at := time.Now().UTC()
	name := autoBackupPrefix + at.Format("20060102-150405.000") + ".json"
	for fileExists(filepath.Join(dir, name)) {
		at = at.Add(time.Millisecond)
		name = autoBackupPrefix + at.Format("20060102-150405.000") + ".json"
	}
	raw, err := b.Encode()
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, name)
	if err := writeFileAtomic(path, raw); err != nil {
		return "", fmt.Errorf("back up notes and drafts: %w", err)
	}
	names = append(names, name)
	for _, old := range names[:max(0, len(names)-BackupsKept)] {
		// A backup that cannot be deleted costs space, not data.
		_ = os.Remove(filepath.Join(dir, old))
	}
	return path, nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// autoBackups lists the automatic backups in dir, oldest first.
func autoBackups(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && strings.HasPrefix(n, autoBackupPrefix) && strings.HasSuffix(n, ".json") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names, nil
}

// sameContent reports whether the backup at path holds what b holds.
func sameContent(path string, b *Backup) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	old, err := ReadBackup(f)
	if err != nil {
		return false
	}
	old.Created = b.Created
	x, err1 := old.Encode()
	y, err2 := b.Encode()
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

// ReadBackup reads and checks a backup file. Nothing in it is trusted until
// all of it is checked: the error wraps ErrBadBackup (naming the first
// fault) or ErrBackupTooNew.
func ReadBackup(r io.Reader) (*Backup, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxBackupSize+1))
	if err != nil {
		return nil, fmt.Errorf("read backup: %w", err)
	}
	if len(raw) > maxBackupSize {
		return nil, fmt.Errorf("%w: it is larger than any backup Panel Papers writes", ErrBadBackup)
	}
	var head struct {
		Format  *string `json:"format"`
		Version *int    `json:"version"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrBadBackup, err)
	}
	switch {
	case head.Format == nil || *head.Format != BackupFormat:
		return nil, fmt.Errorf("%w: it does not say it is one", ErrBadBackup)
	case head.Version == nil || *head.Version < 1:
		return nil, fmt.Errorf("%w: it has no valid version", ErrBadBackup)
	case *head.Version > BackupVersion:
		return nil, fmt.Errorf("%w (it is a version %d backup; this Panel Papers reads up to version %d)",
			ErrBackupTooNew, *head.Version, BackupVersion)
	}
	b := new(Backup)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(b); err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrBadBackup, err)
	}
	if err := b.check(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadBackup, err)
	}
	return b, nil
}

// check finds what would make a backup's entries unusable.
func (b *Backup) check() error {
	ids := map[string]bool{}
	for i, n := range b.Notes {
		fail := func(what string) error { return fmt.Errorf("note %d %s", i+1, what) }
		switch {
		case n.ID == "":
			return fail("has no id")
		case ids[n.ID]:
			return fail("repeats the id " + n.ID)
		case n.Kind != docs.NoteHighlight && n.Kind != docs.NotePin && n.Kind != docs.NoteItem:
			return fail(fmt.Sprintf("is of an unknown kind %q", n.Kind))
		case n.Document == "" || strings.Count(n.Document, "|") < 3:
			return fail("does not say which paper it is on")
		case len(n.Version) != 64 || strings.Trim(n.Version, "0123456789abcdef") != "":
			return fail("does not say which version of its paper it is on")
		case n.Status != docs.NotePlaced && n.Status != docs.NoteNeedsAttention:
			return fail(fmt.Sprintf("has an unknown status %q", n.Status))
		case n.Kind == docs.NoteHighlight && strings.TrimSpace(n.Quote) == "":
			return fail("is a highlight without words")
		case n.Page < 0 || n.Start < 0 || n.End < n.Start:
			return fail("has an impossible position")
		case n.Created.IsZero():
			return fail("has no date")
		}
		if _, err := docs.ParseColour(string(n.Colour)); err != nil || n.Colour == "" {
			return fail(fmt.Sprintf("has an unknown colour %q", n.Colour))
		}
		ids[n.ID] = true
	}
	created := map[time.Time]bool{}
	for i, d := range b.Drafts {
		fail := func(what string) error { return fmt.Errorf("question draft %d %s", i+1, what) }
		switch {
		case d.Created.IsZero():
			return fail("has no date")
		case created[d.Created.UTC()]:
			return fail("repeats another's date")
		case !d.Status.Valid():
			return fail(fmt.Sprintf("has an unknown status %q", d.Status))
		}
		for _, f := range []string{d.Meeting, d.SentOn} {
			if _, err := time.Parse(time.DateOnly, f); f != "" && err != nil {
				return fail(fmt.Sprintf("has a date %q that is not a date", f))
			}
		}
		created[d.Created.UTC()] = true
	}
	return nil
}

// RestoreResult counts what a restore did.
type RestoreResult struct {
	NotesAdded, NotesUpdated, NotesKept    int
	DraftsAdded, DraftsUpdated, DraftsKept int
	// Notes lists the ids of the notes added or updated, and of any
	// carried to a newer version of their paper after the restore.
	Notes []string
}

// Restore merges the backup file at path into the library, in one
// transaction: notes and drafts it lacks are added, those it has are
// replaced only by a copy updated later. So restoring twice changes
// nothing the second time. A file that is not a valid backup of a version
// this release reads changes nothing (see ReadBackup). Restored notes on
// papers since republished are carried to the current versions.
func (l *Library) Restore(path string) (RestoreResult, error) {
	var res RestoreResult
	f, err := os.Open(path)
	if err != nil {
		return res, fmt.Errorf("restore %s: %w", path, err)
	}
	b, err := ReadBackup(f)
	f.Close()
	if err != nil {
		return res, fmt.Errorf("restore %s: %w", path, err)
	}
	err = l.update(func(tx *bolt.Tx) error {
		res = RestoreResult{}
		nb, err := tx.CreateBucketIfNotExists(bucketNotes)
		if err != nil {
			return err
		}
		for _, n := range b.Notes {
			old, err := getNote(nb, n.ID)
			switch {
			case errors.Is(err, errNoNote):
				res.NotesAdded++
			case err != nil:
				return err
			case n.Updated.After(old.Updated):
				res.NotesUpdated++
			default:
				res.NotesKept++
				continue
			}
			n.Tags = cleanTags(n.Tags)
			if err := putNote(nb, &n); err != nil {
				return err
			}
			res.Notes = append(res.Notes, n.ID)
		}
		return restoreDrafts(tx, b.Drafts, &res)
	})
	if err != nil {
		return RestoreResult{}, fmt.Errorf("restore %s: %w", path, err)
	}
	moved, err := l.CatchUpNotes()
	if err != nil {
		return res, fmt.Errorf("restore %s: %w", path, err)
	}
	restored := map[string]bool{}
	for _, id := range res.Notes {
		restored[id] = true
	}
	for _, n := range moved.Notes {
		if !restored[n.ID] {
			res.Notes = append(res.Notes, n.ID)
		}
	}
	return res, nil
}

// restoreDrafts merges drafts, matching them by when they were started: a
// draft new to this library gets the next free id here.
func restoreDrafts(tx *bolt.Tx, drafts []docs.Draft, res *RestoreResult) error {
	b, err := tx.CreateBucketIfNotExists(bucketDrafts)
	if err != nil {
		return err
	}
	byCreated := map[time.Time]*docs.Draft{}
	if err := b.ForEach(func(k, _ []byte) error {
		d, err := getDraft(b, string(k))
		if err == nil {
			byCreated[d.Created.UTC()] = d
		}
		return err
	}); err != nil {
		return err
	}
	for _, d := range drafts {
		old := byCreated[d.Created.UTC()]
		switch {
		case old == nil:
			seq, err := b.NextSequence()
			if err != nil {
				return err
			}
			d.ID = strconv.FormatUint(seq, 10)
			res.DraftsAdded++
		case d.Updated.After(old.Updated):
			d.ID = old.ID
			res.DraftsUpdated++
		default:
			res.DraftsKept++
			continue
		}
		raw, err := json.Marshal(d)
		if err != nil {
			return err
		}
		if err := b.Put([]byte(d.ID), raw); err != nil {
			return err
		}
	}
	return nil
}

// Restore merges a backup file into the library (see Library.Restore) and
// indexes the notes it brought.
func (nb *Notebook) Restore(path string) (RestoreResult, error) {
	res, err := nb.Lib.Restore(path)
	if err != nil {
		return res, err
	}
	return res, nb.reindex(res.Notes...)
}

// MeetingNotes gathers the notes on the current papers of one meeting (a
// committee, by title in any case or spacing, and a date) in agenda order:
// by item as the agenda lists them, within an item notes on the item
// itself first, then by paper (agenda, supplement, reports, minutes), page
// and place on the page.
func (l *Library) MeetingNotes(committee, date string) (*notes.Briefing, error) {
	entries, err := l.Notes(docs.NoteFilter{Committee: committee, Date: date})
	if err != nil {
		return nil, err
	}
	versions, err := l.Versions(false)
	if err != nil {
		return nil, err
	}
	return notes.NewBriefing(committee, date, entries, versions), nil
}
