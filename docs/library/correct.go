package library

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/questions"

	bolt "go.etcd.io/bbolt"
)

// bucketCorrections holds the member's corrections of papers' facts:
// document → map of fact → value ("" when the member says it is unknown).
// A correction belongs to the paper, so every version, and every reading of
// it, keeps it.
var bucketCorrections = []byte("corrections")

// ErrBadCorrection wraps what is wrong with a correction asked for.
var ErrBadCorrection = errors.New("the correction cannot be made")

// Correction is what the member changes about a paper: Set gives facts
// (by the docs.Fact names of docs.Corrigible) a value, "" making a fact
// unknown; Reset returns facts to what the app reads.
type Correction struct {
	Set   map[string]string
	Reset []string
}

// Corrected is what a correction did.
type Corrected struct {
	// Before and After are the paper's current version before and after.
	Before, After *docs.Version
	// Versions are every version of the paper, as now stored.
	Versions []*docs.Version
	// Drafts, Answers and Rule say what moved with a changed meeting: the
	// question drafts for it, the responses linked from its papers, and the
	// committee's deadline rule.
	Drafts, Answers int
	Rule            bool
}

// check refuses a correction of a fact that cannot be corrected, or a value
// that is not one the fact can take.
func (c Correction) check() error {
	for fact, v := range c.Set {
		if !slices.Contains(docs.Corrigible, fact) {
			return fmt.Errorf("%w: there is no fact %q", ErrBadCorrection, fact)
		}
		if err := checkFact(fact, v); err != nil {
			return err
		}
	}
	for _, fact := range c.Reset {
		if !slices.Contains(docs.Corrigible, fact) {
			return fmt.Errorf("%w: there is no fact %q", ErrBadCorrection, fact)
		}
		if _, ok := c.Set[fact]; ok {
			return fmt.Errorf("%w: %s is both set and reset", ErrBadCorrection, fact)
		}
	}
	return nil
}

// checkFact checks a value a fact is to take.
func checkFact(fact, v string) error {
	if v == "" {
		return nil
	}
	switch fact {
	case docs.FactDate:
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return fmt.Errorf("%w: the date %q is not a date like 2023-10-27", ErrBadCorrection, v)
		}
	case docs.FactTime:
		if t, err := time.Parse("15:04", v); err != nil || t.Format("15:04") != v {
			return fmt.Errorf("%w: the time %q is not a time like 10:30", ErrBadCorrection, v)
		}
	case docs.FactKind:
		if !slices.Contains(docs.Kinds, docs.Kind(v)) {
			return fmt.Errorf("%w: there is no kind %q", ErrBadCorrection, v)
		}
	}
	return nil
}

// CheckCorrection says whether c could be made, without making it, so that
// a front end can refuse a malformed value before anything changes.
func CheckCorrection(c Correction) error { return c.check() }

// Correct makes a correction to the paper of the version sha256, on all its
// versions, and in the same transaction moves with it what hung on the
// paper's meeting: when the committee or date of its current version
// changes, the question drafts for the old meeting (when no other paper is
// still filed under it), the responses linked from the paper, and the
// committee's deadline rule (when no other paper is still filed under the
// old committee, and the new one has none).
func (l *Library) Correct(sha256 string, c Correction) (*Corrected, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	var res *Corrected
	err := l.update(func(tx *bolt.Tx) error {
		v, err := getVersion(tx, sha256)
		if err != nil {
			return err
		}
		stored, err := corrections(tx, v.Document)
		if err != nil {
			return err
		}
		for fact, val := range c.Set {
			stored[fact] = val
		}
		for _, fact := range c.Reset {
			delete(stored, fact)
		}
		if err := putCorrections(tx, v.Document, stored); err != nil {
			return err
		}
		res, err = recorrect(tx, v.Document, stored, c.Reset)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("correct %.12s: %w", sha256, err)
	}
	return res, nil
}

// corrections reads a paper's corrections.
func corrections(tx *bolt.Tx, document string) (map[string]string, error) {
	out := map[string]string{}
	b := tx.Bucket(bucketCorrections)
	if b == nil {
		return out, nil
	}
	if raw := b.Get([]byte(document)); raw != nil {
		if err := json.Unmarshal(raw, &out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func putCorrections(tx *bolt.Tx, document string, c map[string]string) error {
	b, err := tx.CreateBucketIfNotExists(bucketCorrections)
	if err != nil {
		return err
	}
	if len(c) == 0 {
		return b.Delete([]byte(document))
	}
	raw, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return b.Put([]byte(document), raw)
}

// applyCorrections puts a paper's corrections on one version, keeping what
// the app had read of each corrected fact, and returns to what was read the
// facts in reset.
func applyCorrections(v *docs.Version, c map[string]string, reset []string) {
	for _, fact := range reset {
		if r, ok := v.Read[fact]; ok {
			v.SetFact(fact, r.Value, r.Source)
			delete(v.Read, fact)
		}
	}
	for fact, val := range c {
		if _, ok := v.Read[fact]; !ok {
			if v.Read == nil {
				v.Read = map[string]docs.ReadFact{}
			}
			v.Read[fact] = docs.ReadFact{Value: v.Fact(fact), Source: v.Agenda.Sources[fact]}
		}
		v.SetFact(fact, val, docs.SourceMember)
	}
	if len(v.Read) == 0 {
		v.Read = nil
	}
}

// recorrect applies a paper's corrections to every version of it and moves
// what hung on its meeting when the current version's committee or date
// changed.
func recorrect(tx *bolt.Tx, document string, c map[string]string, reset []string) (*Corrected, error) {
	res := &Corrected{}
	err := tx.Bucket(bucketVersions).ForEach(func(_, raw []byte) error {
		v := new(docs.Version)
		if err := json.Unmarshal(raw, v); err != nil {
			return err
		}
		if v.Document != document {
			return nil
		}
		before := *v
		applyCorrections(v, c, reset)
		if err := putVersion(tx, v); err != nil {
			return err
		}
		res.Versions = append(res.Versions, v)
		if v.Current() {
			res.Before, res.After = &before, v
		}
		return nil
	})
	if err != nil || res.After == nil {
		return res, err
	}
	return res, moveMeeting(tx, res)
}

// moveMeeting moves drafts, answers and the deadline rule from the meeting
// a paper was filed under to the one it now is.
func moveMeeting(tx *bolt.Tx, res *Corrected) error {
	from, to := res.Before, res.After
	sameCommittee := docs.CommitteeKey(from.Committee) == docs.CommitteeKey(to.Committee)
	if sameCommittee && from.Date == to.Date {
		return nil
	}
	// Is another paper still filed under the old meeting, or committee?
	oldMeeting, oldCommittee := false, false
	err := tx.Bucket(bucketVersions).ForEach(func(_, raw []byte) error {
		o := new(docs.Version)
		if err := json.Unmarshal(raw, o); err != nil {
			return err
		}
		if o.Document == to.Document || !o.Current() {
			return nil
		}
		if docs.CommitteeKey(o.Committee) == docs.CommitteeKey(from.Committee) {
			oldCommittee = true
			oldMeeting = oldMeeting || o.Date == from.Date
		}
		return nil
	})
	if err != nil {
		return err
	}
	if from.Committee != "" && !oldMeeting {
		if res.Drafts, err = moveDrafts(tx, from, to); err != nil {
			return err
		}
	}
	if res.Answers, err = moveAnswers(tx, res.Versions, to); err != nil {
		return err
	}
	if !sameCommittee && from.Committee != "" && to.Committee != "" && !oldCommittee {
		if res.Rule, err = moveRule(tx, from.Committee, to.Committee); err != nil {
			return err
		}
	}
	return nil
}

// moveDrafts refiles the question drafts for meeting from under meeting to.
func moveDrafts(tx *bolt.Tx, from, to *docs.Version) (int, error) {
	b := tx.Bucket(bucketDrafts)
	if b == nil {
		return 0, nil
	}
	var moved []docs.Draft
	err := b.ForEach(func(_, raw []byte) error {
		var d docs.Draft
		if err := json.Unmarshal(raw, &d); err != nil {
			return err
		}
		if docs.CommitteeKey(d.Committee) == docs.CommitteeKey(from.Committee) && d.Meeting == from.Date {
			d.Committee, d.Meeting = to.Committee, to.Date
			moved = append(moved, d)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, d := range moved {
		raw, err := json.Marshal(d)
		if err != nil {
			return 0, err
		}
		if err := b.Put([]byte(d.ID), raw); err != nil {
			return 0, err
		}
	}
	return len(moved), nil
}

// moveAnswers dates the responses linked from a paper's versions by its
// meeting as it now is.
func moveAnswers(tx *bolt.Tx, versions []*docs.Version, to *docs.Version) (int, error) {
	b := tx.Bucket(bucketAnswers)
	if b == nil {
		return 0, nil
	}
	ofPaper := map[string]bool{}
	for _, v := range versions {
		ofPaper[v.SHA256] = true
	}
	var moved []questions.Answer
	err := b.ForEach(func(_, raw []byte) error {
		var a questions.Answer
		if err := json.Unmarshal(raw, &a); err != nil {
			return err
		}
		if ofPaper[a.Pack] && a.Meeting != to.Date {
			a.Meeting = to.Date
			moved = append(moved, a)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for _, a := range moved {
		raw, err := json.Marshal(a)
		if err != nil {
			return 0, err
		}
		if err := b.Put([]byte(a.Draft), raw); err != nil {
			return 0, err
		}
	}
	return len(moved), nil
}

// moveRule moves a committee's deadline rule to its corrected name, unless
// the corrected name has a rule of its own.
func moveRule(tx *bolt.Tx, from, to string) (bool, error) {
	b := tx.Bucket(bucketSettings)
	rule := b.Get([]byte(ruleKey(from)))
	if rule == nil || b.Get([]byte(ruleKey(to))) != nil {
		return false, nil
	}
	rule = append([]byte(nil), rule...)
	if err := b.Put([]byte(ruleKey(to)), rule); err != nil {
		return false, err
	}
	return true, b.Delete([]byte(ruleKey(from)))
}

// Correct makes a correction (Library.Correct) and brings search in step:
// the paper's current version is indexed again under its corrected facts.
// A failure of the index is ErrIndexBehind, with the correction made.
func (im *Papers) Correct(sha256 string, c Correction) (*Corrected, error) {
	res, err := im.Lib.Correct(sha256, c)
	if err != nil || res.After == nil || im.Index == nil {
		return res, err
	}
	pages, err := im.Lib.Pages(res.After.SHA256)
	if err == nil {
		err = im.Index.Add(res.After, pages)
	}
	if err != nil {
		return res, fmt.Errorf("%w: %v", docs.ErrIndexBehind, err)
	}
	return res, nil
}
