package library

import (
	"fmt"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/notes"

	bolt "go.etcd.io/bbolt"
)

// CarryResult says what carrying notes to a new version did.
type CarryResult struct {
	Placed         int         // notes found again and placed on the new version
	NeedsAttention int         // notes kept but not placed
	Notes          []docs.Note // the notes as they are now
}

func (r *CarryResult) add(n docs.Note) {
	r.Notes = append(r.Notes, n)
	if n.Status == docs.NotePlaced {
		r.Placed++
	} else {
		r.NeedsAttention++
	}
}

// CarryNotes moves the notes of v's document that are not placed on v onto
// it (v is the document's new current version, pages its pages): each
// note's quote is looked for near where its page went, then anywhere in v,
// tolerating small edits; an item note follows its item. A note that cannot
// be placed stays, with status NoteNeedsAttention. Import calls it.
func (l *Library) CarryNotes(v *docs.Version, pages []docs.Page) (CarryResult, error) {
	var res CarryResult
	var pending bool
	err := l.view(func(tx *bolt.Tx) error {
		return forEachNote(tx, func(n *docs.Note) error {
			pending = pending || needsCarry(n, v)
			return nil
		})
	})
	if err != nil || !pending {
		return res, wrapCarry(v, err)
	}
	err = l.update(func(tx *bolt.Tx) error {
		res = CarryResult{}
		c := notes.NewCarrier(txPages(tx), v, pages, time.Now().UTC())
		var moved []docs.Note
		if err := forEachNote(tx, func(n *docs.Note) error {
			if needsCarry(n, v) {
				moved = append(moved, *n)
			}
			return nil
		}); err != nil {
			return err
		}
		return carryAll(tx, c, moved, &res)
	})
	return res, wrapCarry(v, err)
}

func wrapCarry(v *docs.Version, err error) error {
	if err != nil {
		return fmt.Errorf("carry notes to %s: %w", v.ID(), err)
	}
	return nil
}

// needsCarry reports whether a note of v's document is not (yet) placed on v.
func needsCarry(n *docs.Note, v *docs.Version) bool {
	return n.Document == v.Document && (n.Version != v.SHA256 || n.Status != docs.NotePlaced)
}

// CatchUpNotes carries every note that is not on the current version of its
// paper, for the notes a crash or an error kept from moving when the paper
// was republished, and those restored from a backup onto papers since
// republished. The window calls it at start, the command line before
// listing notes.
func (l *Library) CatchUpNotes() (CarryResult, error) {
	var res CarryResult
	behind := func(tx *bolt.Tx) (map[string][]docs.Note, error) {
		out := map[string][]docs.Note{}
		err := forEachNote(tx, func(n *docs.Note) error {
			cur, err := currentOf(tx, n.Document)
			if err != nil || cur == nil {
				return err
			}
			if cur.SHA256 != n.Version {
				out[cur.SHA256] = append(out[cur.SHA256], *n)
			}
			return nil
		})
		return out, err
	}
	var pending map[string][]docs.Note
	err := l.view(func(tx *bolt.Tx) error {
		var err error
		pending, err = behind(tx)
		return err
	})
	if err == nil && len(pending) > 0 {
		err = l.update(func(tx *bolt.Tx) error {
			res = CarryResult{}
			pending, err := behind(tx)
			if err != nil {
				return err
			}
			now := time.Now().UTC()
			for sha, behind := range pending {
				v, err := getVersion(tx, sha)
				if err != nil {
					return err
				}
				pages, err := pagesTx(tx, sha)
				if err != nil {
					return err
				}
				if err := carryAll(tx, notes.NewCarrier(txPages(tx), v, pages, now), behind, &res); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil {
		return res, fmt.Errorf("move notes to the current papers: %w", err)
	}
	return res, nil
}

// carryOne carries one note to the current version of its paper, inside a
// transaction that will store it.
func carryOne(tx *bolt.Tx, n docs.Note, now time.Time) (docs.Note, error) {
	v, err := currentOf(tx, n.Document)
	if err != nil || v == nil {
		return n, err
	}
	pages, err := pagesTx(tx, v.SHA256)
	if err != nil {
		return n, err
	}
	return notes.NewCarrier(txPages(tx), v, pages, now).Carry(n)
}

// txPages reads versions' pages inside tx, for a carrier.
func txPages(tx *bolt.Tx) func(sha string) ([]docs.Page, error) {
	return func(sha string) ([]docs.Page, error) { return pagesTx(tx, sha) }
}

// carryAll carries notes with c and stores them in tx.
func carryAll(tx *bolt.Tx, c *notes.Carrier, moving []docs.Note, res *CarryResult) error {
	b, err := tx.CreateBucketIfNotExists(bucketNotes)
	if err != nil {
		return err
	}
	for _, n := range moving {
		n, err := c.Carry(n)
		if err != nil {
			return err
		}
		if err := putNote(b, &n); err != nil {
			return err
		}
		res.add(n)
	}
	return nil
}
