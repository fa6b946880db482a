package library

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"panelpapers/docs"
	"panelpapers/docs/notes"

	bolt "go.etcd.io/bbolt"
)

// Buckets of the member's notes, created by the first note saved, so that
// libraries made before notes existed need no migration.
var (
	bucketNotes    = []byte("notes")    // note id → Note (JSON)
	bucketNoteUndo = []byte("noteundo") // sequence (uint64 BE) → noteChange (JSON), the newest last
)

// undoDepth is how many changes to notes can be undone, one after another.
const undoDepth = 100

// errNoNote is ErrNotFound to errors.Is, in words that fit a note.
var errNoNote error = noNoteError{}

type noNoteError struct{}

func (noNoteError) Error() string        { return "no such note (it may have been deleted)" }
func (noNoteError) Is(target error) bool { return target == docs.ErrNotFound }

// newNoteID returns a random id: notes made on two machines and merged from
// a backup must not collide.
func newNoteID(b *bolt.Bucket) (string, error) {
	for {
		var raw [6]byte
		if _, err := rand.Read(raw[:]); err != nil {
			return "", err
		}
		id := hex.EncodeToString(raw[:])
		if b.Get([]byte(id)) == nil {
			return id, nil
		}
	}
}

func getNote(b *bolt.Bucket, id string) (*docs.Note, error) {
	if b == nil {
		return nil, errNoNote
	}
	raw := b.Get([]byte(id))
	if raw == nil {
		return nil, errNoNote
	}
	n := new(docs.Note)
	if err := json.Unmarshal(raw, n); err != nil {
		return nil, fmt.Errorf("note %s is damaged: %w", id, err)
	}
	return n, nil
}

func putNote(b *bolt.Bucket, n *docs.Note) error {
	raw, err := json.Marshal(n)
	if err != nil {
		return err
	}
	return b.Put([]byte(n.ID), raw)
}

// forEachNote calls fn with every stored note.
func forEachNote(tx *bolt.Tx, fn func(n *docs.Note) error) error {
	b := tx.Bucket(bucketNotes)
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, _ []byte) error {
		n, err := getNote(b, string(k))
		if err != nil {
			return err
		}
		return fn(n)
	})
}

// pagesTx reads the pages of a version inside a transaction; nil when the
// library does not hold it.
func pagesTx(tx *bolt.Tx, sha256 string) ([]docs.Page, error) {
	b := tx.Bucket(bucketPages).Bucket([]byte(sha256))
	if b == nil {
		return nil, nil
	}
	var pages []docs.Page
	err := b.ForEach(func(_, raw []byte) error {
		var p docs.Page
		if err := json.Unmarshal(raw, &p); err != nil {
			return err
		}
		pages = append(pages, p)
		return nil
	})
	return pages, err
}

func pageTx(tx *bolt.Tx, sha256 string, n int) (docs.Page, error) {
	var p docs.Page
	b := tx.Bucket(bucketPages).Bucket([]byte(sha256))
	if b == nil {
		return p, docs.ErrNotFound
	}
	raw := b.Get(pageKey(n))
	if raw == nil {
		return p, fmt.Errorf("%w: there is no page %d", docs.ErrBadNote, n)
	}
	err := json.Unmarshal(raw, &p)
	return p, err
}

// currentOf returns the current version of a document, or nil.
func currentOf(tx *bolt.Tx, document string) (*docs.Version, error) {
	sha := tx.Bucket(bucketDocuments).Get([]byte(document))
	if sha == nil {
		return nil, nil
	}
	v, err := getVersion(tx, string(sha))
	if errors.Is(err, docs.ErrNotFound) {
		return nil, nil
	}
	return v, err
}

// cleanTags trims tags and drops empty and repeated ones (in any case).
func cleanTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.Join(strings.Fields(t), " ")
		k := strings.ToLower(t)
		if t == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	return out
}

// anchor places a new or re-selected note on its version: it finds a
// highlight's quote on its page (near Start when End > Start), checks a pin's
// page and an item note's item, and fills in what the library keeps.
func anchor(tx *bolt.Tx, n *docs.Note, v *docs.Version) error {
	var p docs.Page
	if n.Kind == docs.NoteHighlight || n.Kind == docs.NotePin {
		var err error
		if p, err = pageTx(tx, v.SHA256, n.Page); err != nil {
			return err
		}
	}
	return notes.Anchor(n, v, p)
}

// AddNote stores a new note and returns it as stored. The caller gives its
// Kind (a highlight by default), Version and Page, the Quote of a
// highlight (and, from the window, Start and End as a hint and Boxes), the
// Spot of a pin, the Item of an item note, and Colour, Comment and Tags;
// the library fills in the rest. A note made on a version that has since
// been superseded is carried to the current one at once.
//
// The error wraps ErrQuoteNotFound when the quote is not on the page, and
// ErrBadNote or ErrNotFound when the note cannot be made.
func (l *Library) AddNote(n docs.Note) (docs.Note, error) {
	now := time.Now().UTC()
	if n.Kind == "" {
		n.Kind = docs.NoteHighlight
	}
	colour, err := docs.ParseColour(string(n.Colour))
	if err != nil {
		return docs.Note{}, fmt.Errorf("add note: %w", err)
	}
	n.Colour, n.Tags, n.Moved = colour, cleanTags(n.Tags), nil
	err = l.update(func(tx *bolt.Tx) error {
		v, err := getVersion(tx, n.Version)
		if err != nil {
			return err
		}
		if err := anchor(tx, &n, v); err != nil {
			return err
		}
		b, err := tx.CreateBucketIfNotExists(bucketNotes)
		if err != nil {
			return err
		}
		if n.ID, err = newNoteID(b); err != nil {
			return err
		}
		n.Created, n.Updated = now, now
		if !v.Current() {
			if n, err = carryOne(tx, n, now); err != nil {
				return err
			}
		}
		if err := putNote(b, &n); err != nil {
			return err
		}
		return pushUndo(tx, nil, &n)
	})
	if err != nil {
		return docs.Note{}, fmt.Errorf("add note to %s of %.12s: %w", n.Where(), n.Version, err)
	}
	return n, nil
}

// SaveNote stores the member's changes to a note: its Colour, Comment, Tags,
// Boxes and Spot, and, when Version, Page, Quote, Start or End differ from
// the stored note, its new place (on a version of the same paper), found as
// AddNote finds it; that is how a note that needs attention is placed again.
// A call that changes nothing writes nothing.
func (l *Library) SaveNote(n docs.Note) (docs.Note, error) {
	now := time.Now().UTC()
	colour, err := docs.ParseColour(string(n.Colour))
	if err != nil {
		return docs.Note{}, fmt.Errorf("save note %s: %w", n.ID, err)
	}
	var saved docs.Note
	err = l.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketNotes)
		if err != nil {
			return err
		}
		old, err := getNote(b, n.ID)
		if err != nil {
			return err
		}
		next := *old
		next.Colour, next.Comment, next.Tags, next.Boxes, next.Spot = colour, n.Comment, cleanTags(n.Tags), n.Boxes, n.Spot
		if n.Version == "" {
			n.Version = old.Version
		}
		if n.Kind != "" && n.Kind != old.Kind {
			return fmt.Errorf("%w: a %s cannot become a %s", docs.ErrBadNote, old.Kind, n.Kind)
		}
		moved := n.Version != old.Version
		if old.Kind == docs.NoteItem {
			moved = moved || docs.NormalItemNumber(n.Item) != docs.NormalItemNumber(old.Item)
		} else {
			moved = moved || n.Page != old.Page || strings.Join(strings.Fields(n.Quote), " ") != old.Quote ||
				n.Start != old.Start || n.End != old.End
		}
		if moved {
			v, err := getVersion(tx, n.Version)
			if err != nil {
				return err
			}
			if v.Document != old.Document {
				return fmt.Errorf("%w: a note cannot move to another paper", docs.ErrBadNote)
			}
			next.Version, next.Page, next.Item, next.Quote, next.Start, next.End = n.Version, n.Page, n.Item, n.Quote, n.Start, n.End
			if err := anchor(tx, &next, v); err != nil {
				return err
			}
			if !v.Current() {
				if next, err = carryOne(tx, next, now); err != nil {
					return err
				}
			}
		}
		if sameNote(*old, next) {
			saved = *old
			return nil
		}
		next.Updated = now
		if err := putNote(b, &next); err != nil {
			return err
		}
		saved = next
		return pushUndo(tx, old, &next)
	})
	if err != nil {
		return docs.Note{}, fmt.Errorf("save note %s: %w", n.ID, err)
	}
	return saved, nil
}

// SetNoteBoxes stores the boxes the window measured for a note placed on
// version (after it found the quote again, as after a republication), so
// that it need not measure them again. It is not a change by the member: it
// leaves Updated and the undo log alone, and does nothing if the note has
// moved on or is gone.
func (l *Library) SetNoteBoxes(id, version string, boxes []docs.Rect) error {
	err := l.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketNotes)
		n, err := getNote(b, id)
		if errors.Is(err, errNoNote) || (err == nil && n.Version != version) {
			return nil
		}
		if err != nil {
			return err
		}
		n.Boxes = boxes
		return putNote(b, n)
	})
	if err != nil {
		return fmt.Errorf("save the place of note %s: %w", id, err)
	}
	return nil
}

// sameNote reports whether a and b differ only in when they were saved.
func sameNote(a, b docs.Note) bool {
	a.Updated, b.Updated = time.Time{}, time.Time{}
	ra, errA := json.Marshal(a)
	rb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ra) == string(rb)
}

// DeleteNote removes a note; the error is ErrNotFound to errors.Is when
// there is none. UndoLastNoteChange brings it back.
func (l *Library) DeleteNote(id string) error {
	err := l.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketNotes)
		if err != nil {
			return err
		}
		old, err := getNote(b, id)
		if err != nil {
			return err
		}
		if err := b.Delete([]byte(id)); err != nil {
			return err
		}
		return pushUndo(tx, old, nil)
	})
	if err != nil {
		return fmt.Errorf("delete note %s: %w", id, err)
	}
	return nil
}

// Note returns the note with the given id; the error is ErrNotFound to
// errors.Is when there is none.
func (l *Library) Note(id string) (docs.Note, error) {
	var n *docs.Note
	err := l.view(func(tx *bolt.Tx) error {
		var err error
		n, err = getNote(tx.Bucket(bucketNotes), id)
		return err
	})
	if err != nil {
		return docs.Note{}, fmt.Errorf("read note %s: %w", id, err)
	}
	return *n, nil
}

// noteChange is one entry of the undo log: the note before and after a
// change by the member (nil before an add, nil after a delete).
type noteChange struct {
	Before *docs.Note `json:"before"`
	After  *docs.Note `json:"after"`
}

func pushUndo(tx *bolt.Tx, before, after *docs.Note) error {
	b, err := tx.CreateBucketIfNotExists(bucketNoteUndo)
	if err != nil {
		return err
	}
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	raw, err := json.Marshal(noteChange{Before: before, After: after})
	if err != nil {
		return err
	}
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], seq)
	if err := b.Put(k[:], raw); err != nil {
		return err
	}
	// Forget the oldest changes beyond undoDepth.
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		keys = append(keys, k)
	}
	for _, k := range keys[:max(0, len(keys)-undoDepth)] {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// UndoLastNoteChange undoes the member's last add, edit or delete of a note
// not yet undone; called again, it undoes the one before. A note brought
// back onto a version that has since been superseded is carried to the
// current one. The error is ErrNothingToUndo when nothing is left.
func (l *Library) UndoLastNoteChange() (docs.NoteChange, error) {
	now := time.Now().UTC()
	var res docs.NoteChange
	err := l.update(func(tx *bolt.Tx) error {
		ub := tx.Bucket(bucketNoteUndo)
		if ub == nil {
			return docs.ErrNothingToUndo
		}
		c := ub.Cursor()
		k, raw := c.Last()
		if k == nil {
			return docs.ErrNothingToUndo
		}
		var ch noteChange
		if err := json.Unmarshal(raw, &ch); err != nil {
			return fmt.Errorf("the undo record is damaged: %w", err)
		}
		if err := c.Delete(); err != nil {
			return err
		}
		b, err := tx.CreateBucketIfNotExists(bucketNotes)
		if err != nil {
			return err
		}
		if ch.Before == nil {
			if ch.After == nil {
				return fmt.Errorf("the undo record is damaged: it holds no note")
			}
			res.ID = ch.After.ID
			return b.Delete([]byte(ch.After.ID))
		}
		n := *ch.Before
		n.Updated = now
		if cur, err := currentOf(tx, n.Document); err != nil {
			return err
		} else if cur != nil && cur.SHA256 != n.Version {
			if n, err = carryOne(tx, n, now); err != nil {
				return err
			}
		}
		res.ID, res.Note = n.ID, &n
		return putNote(b, &n)
	})
	if err != nil {
		return docs.NoteChange{}, fmt.Errorf("undo: %w", err)
	}
	return res, nil
}

// Notes lists the notes f chooses with what a reader needs to find them,
// newest meeting first, then by paper, page and place on the page. A note
// on a version the library does not hold (restored from a backup before its
// paper was downloaded) is listed as needing attention.
func (l *Library) Notes(f docs.NoteFilter) ([]docs.NoteEntry, error) {
	var out []docs.NoteEntry
	err := l.view(func(tx *bolt.Tx) error {
		var err error
		out, err = noteEntries(tx, func(n *docs.Note) bool { return f.Keeps(n) }, f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list notes: %w", err)
	}
	sortEntries(out)
	return out, nil
}

// noteEntries reads the notes keep chooses and describes them; the
// filter's meeting and status, which need the paper, are applied here.
func noteEntries(tx *bolt.Tx, keep func(n *docs.Note) bool, f docs.NoteFilter) ([]docs.NoteEntry, error) {
	versions := map[string]*docs.Version{}
	printed := map[string]map[int]string{}
	out := []docs.NoteEntry{}
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	err := forEachNote(tx, func(n *docs.Note) error {
		if !keep(n) {
			return nil
		}
		v, seen := versions[n.Version]
		if !seen {
			var err error
			if v, err = getVersion(tx, n.Version); err != nil && !errors.Is(err, docs.ErrNotFound) {
				return err
			}
			versions[n.Version] = v
		}
		e := docs.NoteEntry{Note: *n}
		if v == nil {
			e.Status, e.Reason = docs.NoteNeedsAttention, "its paper is not in the library"
			e.Committee, e.Date, e.PaperKind, e.Paper = documentFacts(n.Document)
		} else {
			e.Paper, e.PaperKind, e.Committee, e.Date = v.Title, v.Kind, v.Committee, v.Date
			if printed[v.SHA256] == nil {
				printed[v.SHA256] = map[int]string{}
				pages, err := pagesTx(tx, v.SHA256)
				if err != nil {
					return err
				}
				for _, p := range pages {
					printed[v.SHA256][p.Number] = p.Printed
				}
			}
			e.Printed = printed[v.SHA256][n.Page]
		}
		if f.Status != "" && e.Status != f.Status {
			return nil
		}
		if f.Date != "" && (e.Date != f.Date || norm(e.Committee) != norm(f.Committee)) {
			return nil
		}
		out = append(out, e)
		return nil
	})
	return out, err
}

// versionSuffix is what newDocument adds to a key its facts do not make unique.
var versionSuffix = regexp.MustCompile(`#[0-9a-f]{12}$`)

// documentFacts reads committee, date, kind and title back from a
// DocumentKey (in the key's lower case), for a note whose paper is missing.
func documentFacts(key string) (committee, date string, kind docs.Kind, title string) {
	f := strings.SplitN(key, "|", 4)
	for len(f) < 4 {
		f = append(f, "")
	}
	title = versionSuffix.ReplaceAllString(f[3], "")
	if r, size := utf8.DecodeRuneInString(title); size > 0 {
		title = string(unicode.ToUpper(r)) + title[size:]
	}
	return f[0], f[1], docs.Kind(f[2]), title
}

func sortEntries(es []docs.NoteEntry) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if c := docs.CompareMeetings(a.Date, a.Committee, b.Date, b.Committee); c != 0 {
			return c < 0
		}
		return notes.SamePaperOrder(a, b)
	})
}

// Notebook is the notes flow the window and the command line share: the
// library's notes, kept in step with the search index.
type Notebook struct {
	Lib   *Library
	Index docs.NoteIndexer // may be nil; then nothing is indexed
}

// Add stores a new note (see Library.AddNote) and indexes it. An index
// failure is reported wrapped in ErrNoteIndexBehind with the note saved.
func (nb *Notebook) Add(n docs.Note) (docs.Note, error) {
	n, err := nb.Lib.AddNote(n)
	if err != nil {
		return n, err
	}
	return n, nb.reindex(n.ID)
}

// Save stores changes to a note (see Library.SaveNote) and reindexes it.
func (nb *Notebook) Save(n docs.Note) (docs.Note, error) {
	n, err := nb.Lib.SaveNote(n)
	if err != nil {
		return n, err
	}
	return n, nb.reindex(n.ID)
}

// Delete removes a note from the library and the index.
func (nb *Notebook) Delete(id string) error {
	if err := nb.Lib.DeleteNote(id); err != nil {
		return err
	}
	return nb.reindex(id)
}

// Undo undoes the last change to a note (see Library.UndoLastNoteChange)
// and brings the index in step.
func (nb *Notebook) Undo() (docs.NoteChange, error) {
	ch, err := nb.Lib.UndoLastNoteChange()
	if err != nil {
		return ch, err
	}
	return ch, nb.reindex(ch.ID)
}

// CatchUp carries notes left behind onto the current papers (see
// Library.CatchUpNotes) and reindexes them.
func (nb *Notebook) CatchUp() (CarryResult, error) {
	res, err := nb.Lib.CatchUpNotes()
	if err != nil {
		return res, err
	}
	return res, nb.reindex(noteIDs(res.Notes)...)
}

// List catches up (see CatchUp) and lists the notes f chooses, so that a
// note shows on the current version of its paper.
func (nb *Notebook) List(f docs.NoteFilter) ([]docs.NoteEntry, error) {
	if _, err := nb.CatchUp(); err != nil && !errors.Is(err, docs.ErrNoteIndexBehind) {
		return nil, err
	}
	return nb.Lib.Notes(f)
}

func noteIDs(notes []docs.Note) []string {
	ids := make([]string, len(notes))
	for i, n := range notes {
		ids[i] = n.ID
	}
	return ids
}

// reindex brings the index's entries for the given notes in step with the
// library: indexed as they are, or removed when gone.
func (nb *Notebook) reindex(ids ...string) error {
	if nb.Index == nil || len(ids) == 0 {
		return nil
	}
	return reindexNotes(nb.Lib, nb.Index, ids)
}

func reindexNotes(lib *Library, idx docs.NoteIndexer, ids []string) error {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var entries []docs.NoteEntry
	err := lib.view(func(tx *bolt.Tx) error {
		var err error
		entries, err = noteEntries(tx, func(n *docs.Note) bool { return want[n.ID] }, docs.NoteFilter{})
		return err
	})
	if err == nil {
		for _, e := range entries {
			delete(want, e.ID)
			if err = idx.IndexNote(e); err != nil {
				break
			}
		}
	}
	if err == nil {
		for id := range want {
			if err = idx.RemoveNote(id); err != nil {
				break
			}
		}
	}
	if err != nil {
		return fmt.Errorf("%w: %v", docs.ErrNoteIndexBehind, err)
	}
	return nil
}

// carryNotes is Import's last step: the notes on earlier versions of the
// document follow it to v, and into the index when it takes notes too. A
// failure leaves them for CatchUpNotes and does not undo the import.
func (im *Papers) carryNotes(v *docs.Version, pages []docs.Page) error {
	res, err := im.Lib.CarryNotes(v, pages)
	if err != nil {
		return fmt.Errorf("%w: %v", docs.ErrNotesBehind, err)
	}
	if idx, ok := im.Index.(docs.NoteIndexer); ok && len(res.Notes) > 0 {
		return reindexNotes(im.Lib, idx, noteIDs(res.Notes))
	}
	return nil
}
