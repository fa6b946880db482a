package library

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/notes"
	"panelpapers/docs/words"

	bolt "go.etcd.io/bbolt"
)

// migrate brings a store written at schema from up to SchemaVersion, inside
// the transaction that opens it, so a library is upgraded whole or not at
// all. Each step is the change one schema made to what the store keeps.
func migrate(tx *bolt.Tx, from int) error {
	if from < 2 {
		if err := splitCollided(tx); err != nil {
			return fmt.Errorf("upgrade the library to version 2: %w", err)
		}
		if err := rekeyRules(tx); err != nil {
			return fmt.Errorf("upgrade the library to version 2: %w", err)
		}
	}
	return nil
}

// splitCollided is schema 2's step. Schema 1 identified a paper by its
// committee, date, kind and title, so unrelated papers whose facts it could
// not read (two undated "Minutes") became versions of one paper: the older
// vanished from the list and from search, and its notes were carried onto
// the other, where their words are not. Each such paper's versions are
// regrouped by the rule new files follow (identity.go: same file name and
// mostly the same words), each group a paper of its own, keeping the first
// group's identity; a note carried across papers goes back to the version
// it was made on.
func splitCollided(tx *bolt.Tx) error {
	byDoc := map[string][]*docs.Version{}
	err := tx.Bucket(bucketVersions).ForEach(func(_, raw []byte) error {
		v := new(docs.Version)
		if err := json.Unmarshal(raw, v); err != nil {
			return err
		}
		byDoc[v.Document] = append(byDoc[v.Document], v)
		return nil
	})
	if err != nil {
		return err
	}
	moved := map[string]string{} // version → its paper, where that changed
	for doc, vs := range byDoc {
		f := strings.SplitN(doc, "|", 4)
		if len(vs) < 2 || len(f) < 4 || (f[0] != "" && f[1] != "") {
			continue // a paper whose facts told it apart
		}
		sort.Slice(vs, func(i, j int) bool { return vs[i].Added.Before(vs[j].Added) })
		var groups [][]*docs.Version
		for _, v := range vs {
			g, err := groupOf(tx, groups, v)
			if err != nil {
				return err
			}
			if g < 0 {
				groups = append(groups, nil)
				g = len(groups) - 1
			}
			groups[g] = append(groups[g], v)
		}
		if len(groups) < 2 {
			continue
		}
		for i, g := range groups {
			id := doc
			if i > 0 {
				id = doc + "#" + g[0].SHA256[:docs.ShortIDLen]
			}
			for k, v := range g {
				v.Document, v.SupersededBy = id, ""
				if k+1 < len(g) {
					v.SupersededBy = g[k+1].SHA256
				}
				if err := putVersion(tx, v); err != nil {
					return err
				}
				moved[v.SHA256] = id
			}
			if err := tx.Bucket(bucketDocuments).Put([]byte(id), []byte(g[len(g)-1].SHA256)); err != nil {
				return err
			}
		}
	}
	if len(moved) == 0 {
		return nil
	}
	return returnNotes(tx, moved)
}

// groupOf finds the group v continues (same file name, mostly the same
// words as the group's newest version), or -1.
func groupOf(tx *bolt.Tx, groups [][]*docs.Version, v *docs.Version) (int, error) {
	pages, err := pagesTx(tx, v.SHA256)
	if err != nil {
		return -1, err
	}
	bag := words.Bag(allText(pages))
	for i, g := range groups {
		last := g[len(g)-1]
		if fileName(last.SourceName) != fileName(v.SourceName) {
			continue
		}
		theirs, err := pagesTx(tx, last.SHA256)
		if err != nil {
			return -1, err
		}
		if words.F1(bag, words.Bag(allText(theirs))) >= sameWords {
			return i, nil
		}
	}
	return -1, nil
}

// returnNotes files the notes of regrouped versions under their new papers;
// a note that schema 1 carried from one paper onto another goes back to the
// version it was on, placed again on its words there.
func returnNotes(tx *bolt.Tx, moved map[string]string) error {
	b := tx.Bucket(bucketNotes)
	if b == nil {
		return nil
	}
	var changed []docs.Note
	err := forEachNote(tx, func(n *docs.Note) error {
		doc, ok := moved[n.Version]
		if !ok {
			return nil
		}
		if n.Moved != nil {
			if from, ok := moved[n.Moved.From]; ok && from != doc {
				if err := putBack(tx, n); err != nil {
					return err
				}
				doc = from
			}
		}
		n.Document = doc
		changed = append(changed, *n)
		return nil
	})
	if err != nil {
		return err
	}
	for i := range changed {
		if err := putNote(b, &changed[i]); err != nil {
			return err
		}
	}
	return nil
}

// putBack returns note n to the version it was carried from.
func putBack(tx *bolt.Tx, n *docs.Note) error {
	from := n.Moved
	v, err := getVersion(tx, from.From)
	if err != nil {
		return err
	}
	if from.Quote != "" {
		n.Quote = from.Quote
	}
	n.Version, n.Page, n.Moved, n.Boxes = v.SHA256, from.Page, nil, nil
	n.Updated = time.Now().UTC()
	var p docs.Page
	if n.Kind != docs.NoteItem {
		if p, err = pageTx(tx, v.SHA256, n.Page); err != nil {
			return err
		}
	}
	if err := notes.Anchor(n, v, p); err != nil {
		// Its words are not there either: kept, for the member to place.
		n.Status, n.Reason = docs.NoteNeedsAttention, "the words it quotes could not be found again"
	}
	return nil
}

// rekeyRules files deadline rules under docs.CommitteeKey as schema 2 reads
// it: schema 1 keyed a committee's rule by its name in lower case, so
// "Transport & Connectivity" and "the Transport and Connectivity" had two.
func rekeyRules(tx *bolt.Tx) error {
	b := tx.Bucket(bucketSettings)
	type rule struct{ old, neu, val []byte }
	var rules []rule
	c := b.Cursor()
	for k, v := c.Seek([]byte("rule/")); k != nil && strings.HasPrefix(string(k), "rule/"); k, v = c.Next() {
		neu := ruleKey(strings.TrimPrefix(string(k), "rule/"))
		if neu != string(k) {
			rules = append(rules, rule{append([]byte(nil), k...), []byte(neu), append([]byte(nil), v...)})
		}
	}
	for _, r := range rules {
		if b.Get(r.neu) == nil {
			if err := b.Put(r.neu, r.val); err != nil {
				return err
			}
		}
		if err := b.Delete(r.old); err != nil {
			return err
		}
	}
	return nil
}
