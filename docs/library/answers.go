package library

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
	"panelpapers/docs/questions"

	bolt "go.etcd.io/bbolt"
)

// MeetingDrafts lists the drafts for a meeting (yyyy-mm-dd), in the order
// they were started: the questions that go to the clerk together.
func (l *Library) MeetingDrafts(meeting string) ([]docs.Draft, error) {
	all, err := l.Drafts()
	if err != nil {
		return nil, err
	}
	var out []docs.Draft
	for _, d := range all {
		if d.Meeting == meeting {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Created.Before(out[j].Created) })
	return out, nil
}

// MarkSent records that drafts were sent on the day of at (Europe/London).
// A draft already answered keeps its status.
func (l *Library) MarkSent(ids []string, at time.Time) ([]docs.Draft, error) {
	day := at.In(docs.London).Format(time.DateOnly)
	out := make([]docs.Draft, 0, len(ids))
	for _, id := range ids {
		d, err := l.Draft(id)
		if err != nil {
			return out, err
		}
		if d.Status != docs.DraftAnswered {
			d.Status, d.SentOn = docs.DraftSent, day
		}
		if d, err = l.SaveDraft(d); err != nil {
			return out, err
		}
		out = append(out, d)
	}
	return out, nil
}

// bucketAnswers holds the responses linked to drafts: draft id → Answer
// (JSON). Created by the first link, so older libraries need no migration.
var bucketAnswers = []byte("answers")

// LinkAnswers looks in a newly arrived paper (usually minutes) for the
// responses to the member's sent drafts: each one found is recorded, and its
// draft becomes answered. pages are the paper's pages (for the page the
// response is on; nil will do, with the question's page instead). It
// returns the answers linked.
func (l *Library) LinkAnswers(v *docs.Version, pages []docs.Page) ([]questions.Answer, error) {
	var found []agenda.PackQuestion
	for _, q := range agenda.QuestionsIn(v, pages) {
		if q.Answered() {
			found = append(found, q)
		}
	}
	if len(found) == 0 {
		return nil, nil
	}
	drafts, err := l.Drafts()
	if err != nil {
		return nil, fmt.Errorf("link responses in %s: %w", v.ID(), err)
	}
	answers := questions.MatchAnswers(drafts, found)
	if len(answers) == 0 {
		return nil, nil
	}
	now := time.Now().UTC()
	err = l.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketAnswers)
		if err != nil {
			return err
		}
		for i := range answers {
			answers[i].Linked = now
			raw, err := json.Marshal(answers[i])
			if err != nil {
				return err
			}
			if err := b.Put([]byte(answers[i].Draft), raw); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("link responses in %s: %w", v.ID(), err)
	}
	// The answers are stored first: should a status change below fail, the
	// next paper to arrive links them again.
	byID := map[string]docs.Draft{}
	for _, d := range drafts {
		byID[d.ID] = d
	}
	for _, a := range answers {
		d := byID[a.Draft]
		d.Status = docs.DraftAnswered
		if _, err := l.SaveDraft(d); err != nil {
			return answers, fmt.Errorf("link responses in %s: %w", v.ID(), err)
		}
	}
	return answers, nil
}

// Answer returns the response linked to a draft; the error is ErrNotFound
// to errors.Is when none is (or the draft is gone).
func (l *Library) Answer(draftID string) (questions.Answer, error) {
	var a questions.Answer
	err := l.view(func(tx *bolt.Tx) error {
		drafts, answers := tx.Bucket(bucketDrafts), tx.Bucket(bucketAnswers)
		if drafts == nil || drafts.Get([]byte(draftID)) == nil {
			return errNoDraft
		}
		var raw []byte
		if answers != nil {
			raw = answers.Get([]byte(draftID))
		}
		if raw == nil {
			return fmt.Errorf("no response is recorded yet: %w", docs.ErrNotFound)
		}
		return json.Unmarshal(raw, &a)
	})
	if err != nil {
		return questions.Answer{}, fmt.Errorf("response to question draft %s: %w", draftID, err)
	}
	return a, nil
}
