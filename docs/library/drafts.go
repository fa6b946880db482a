package library

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/questions"

	bolt "go.etcd.io/bbolt"
)

// bucketDrafts holds the member's questions being written: id → Draft (JSON).
// It is created by the first save, so libraries made before drafts existed
// need no migration.
var bucketDrafts = []byte("drafts")

// errNoDraft is the error for a draft id the library does not hold: it is
// ErrNotFound to errors.Is, in words that fit a draft.
var errNoDraft error = noDraftError{}

type noDraftError struct{}

func (noDraftError) Error() string { return "no such question draft (it may have been deleted)" }

func (noDraftError) Is(target error) bool { return target == docs.ErrNotFound }

// SaveDraft stores a draft and returns it as stored, with its id, times and
// history filled in. A draft without an id is a new one. Each call is one
// transaction, on disk when SaveDraft returns, so the editor can call it on
// every pause in typing; a call that changes nothing writes nothing.
func (l *Library) SaveDraft(d docs.Draft) (docs.Draft, error) {
	now := time.Now().UTC()
	op := "save new question draft"
	if d.ID != "" {
		op = "save question draft " + d.ID
	}
	if err := normaliseDraft(&d, now); err != nil {
		return docs.Draft{}, fmt.Errorf("%s: %w", op, err)
	}
	err := l.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketDrafts)
		if err != nil {
			return err
		}
		var old *docs.Draft
		if d.ID == "" {
			seq, err := b.NextSequence()
			if err != nil {
				return err
			}
			d.ID = strconv.FormatUint(seq, 10)
		} else if old, err = getDraft(b, d.ID); err != nil {
			return err
		}
		d.Created, d.Updated, d.History = now, now, nil
		if old != nil {
			d.Created, d.Updated, d.History = old.Created, old.Updated, old.History
			if sameDraft(*old, d) {
				d = *old
				return nil
			}
			d.Updated = now
		}
		if old == nil || old.Status != d.Status {
			d.History = append(d.History, docs.DraftChange{At: now, Status: d.Status})
		}
		raw, err := json.Marshal(d)
		if err != nil {
			return err
		}
		return b.Put([]byte(d.ID), raw)
	})
	if err != nil {
		return docs.Draft{}, fmt.Errorf("%s: %w", op, err)
	}
	return d, nil
}

// normaliseDraft fills in the defaults and checks what the member typed.
func normaliseDraft(d *docs.Draft, now time.Time) error {
	if d.Status == "" {
		d.Status = docs.DraftWriting
	}
	if !d.Status.Valid() {
		return fmt.Errorf("unknown status %q (use draft, ready, sent or answered)", d.Status)
	}
	if strings.TrimSpace(d.Addressee) == "" {
		d.Addressee = docs.DefaultAddressee
	}
	for _, f := range []struct{ name, val string }{{"meeting date", d.Meeting}, {"sent date", d.SentOn}} {
		if f.val == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, f.val); err != nil {
			return fmt.Errorf("the %s %q is not a date like 2023-10-27", f.name, f.val)
		}
	}
	if d.SentOn == "" && (d.Status == docs.DraftSent || d.Status == docs.DraftAnswered) {
		d.SentOn = now.In(docs.London).Format(time.DateOnly)
	}
	return nil
}

// sameDraft reports whether a and b differ only in what the library keeps.
func sameDraft(a, b docs.Draft) bool {
	a.Created, a.Updated, a.History = time.Time{}, time.Time{}, nil
	b.Created, b.Updated, b.History = time.Time{}, time.Time{}, nil
	ra, errA := json.Marshal(a)
	rb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ra, rb)
}

func getDraft(b *bolt.Bucket, id string) (*docs.Draft, error) {
	raw := b.Get([]byte(id))
	if raw == nil {
		return nil, errNoDraft
	}
	d := new(docs.Draft)
	if err := json.Unmarshal(raw, d); err != nil {
		return nil, fmt.Errorf("question draft %s is damaged: %w", id, err)
	}
	return d, nil
}

// Drafts lists every draft, newest meeting first (drafts without a meeting
// last), then in the order they were started.
func (l *Library) Drafts() ([]docs.Draft, error) {
	var out []docs.Draft
	err := l.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			d, err := getDraft(b, string(k))
			if err != nil {
				return err
			}
			out = append(out, *d)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list question drafts: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Meeting != b.Meeting {
			if a.Meeting == "" || b.Meeting == "" {
				return b.Meeting == ""
			}
			return a.Meeting > b.Meeting
		}
		return a.Created.Before(b.Created)
	})
	return out, nil
}

// Draft returns the draft with the given id; the error is ErrNotFound to
// errors.Is when there is none.
func (l *Library) Draft(id string) (docs.Draft, error) {
	var d *docs.Draft
	err := l.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		if b == nil {
			return errNoDraft
		}
		var err error
		d, err = getDraft(b, id)
		return err
	})
	if err != nil {
		return docs.Draft{}, fmt.Errorf("read question draft %s: %w", id, err)
	}
	return *d, nil
}

// DeleteDraft removes a draft; the error is ErrNotFound to errors.Is when
// there is none.
func (l *Library) DeleteDraft(id string) error {
	err := l.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketDrafts)
		if err != nil {
			return err
		}
		if b.Get([]byte(id)) == nil {
			return errNoDraft
		}
		return b.Delete([]byte(id))
	})
	if err != nil {
		return fmt.Errorf("delete question draft %s: %w", id, err)
	}
	return nil
}

// ruleKey is the setting that holds a committee's deadline rule.
func ruleKey(committee string) string {
	return "rule/" + docs.CommitteeKey(committee)
}

// RuleFor returns the deadline rule of a committee (by title), or
// DefaultClearDays clear working days with no cut-off when the member has
// not set one.
func (l *Library) RuleFor(committee string) (questions.DeadlineRule, error) {
	r, _, err := l.OwnRule(committee)
	return r, err
}

// OwnRule is RuleFor, saying too whether the rule is the panel's own (set
// by the member) or the default. Committees are one when docs.CommitteeKey
// says so: one rule each.
func (l *Library) OwnRule(committee string) (r questions.DeadlineRule, own bool, err error) {
	raw, err := l.Setting(ruleKey(committee))
	if err != nil {
		return questions.DeadlineRule{}, false, err
	}
	if raw == "" {
		return questions.DeadlineRule{ClearDays: questions.DefaultClearDays}, false, nil
	}
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		return questions.DeadlineRule{}, false, fmt.Errorf("read the deadline rule of %s: %w", committee, err)
	}
	return r, true, nil
}

// SetRule stores the deadline rule of a committee (by title) after checking
// it; the error wraps ErrBadRule when the rule is wrong.
func (l *Library) SetRule(committee string, r questions.DeadlineRule) error {
	if err := r.Validate(); err != nil {
		return fmt.Errorf("set the deadline rule of %s: %w", committee, err)
	}
	raw, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("set the deadline rule of %s: %w", committee, err)
	}
	return l.SetSetting(ruleKey(committee), string(raw))
}

// Drafts is the library's question drafts kept searchable as the member
// writes them: the flow the window and the command line share, as Notebook
// is for notes. It is the Library in every other respect.
type Drafts struct {
	*Library
	Index docs.DraftIndexer // may be nil; then nothing is indexed
}

// SaveDraft stores a draft (see Library.SaveDraft) and indexes it. An index
// failure is not reported: the index catches up from the library when it is
// next opened.
func (ds Drafts) SaveDraft(d docs.Draft) (docs.Draft, error) {
	saved, err := ds.Library.SaveDraft(d)
	if err == nil && ds.Index != nil {
		_ = ds.Index.IndexDraft(saved)
	}
	return saved, err
}

// DeleteDraft removes a draft from the library and the index.
func (ds Drafts) DeleteDraft(id string) error {
	err := ds.Library.DeleteDraft(id)
	if err == nil && ds.Index != nil {
		_ = ds.Index.RemoveDraft(id)
	}
	return err
}
