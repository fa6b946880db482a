package library

import (
	"encoding/json"
	"fmt"
	"sort"

	"panelpapers/docs"

	bolt "go.etcd.io/bbolt"
)

// Buckets for what the library knows from councils' web services.
var (
	bucketCommittees = []byte("committees") // Committee.Key() → Committee
	bucketMeetings   = []byte("meetings")   // Meeting.Key() → Meeting
	bucketRemotes    = []byte("remotes")    // URL → Remote
)

// getJSON reads one JSON record; ok is false when there is none.
func getJSON(tx *bolt.Tx, bucket []byte, key string, v any) (ok bool, err error) {
	raw := tx.Bucket(bucket).Get([]byte(key))
	if raw == nil {
		return false, nil
	}
	return true, json.Unmarshal(raw, v)
}

// putJSON writes one JSON record.
func putJSON(tx *bolt.Tx, bucket []byte, key string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return tx.Bucket(bucket).Put([]byte(key), raw)
}

// Followed lists the committees the member follows, by title.
func (l *Library) Followed() ([]docs.Committee, error) {
	var out []docs.Committee
	err := l.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCommittees).ForEach(func(_, raw []byte) error {
			var c docs.Committee
			if err := json.Unmarshal(raw, &c); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list followed committees: %w", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Title < out[j].Title })
	return out, nil
}

// Follow adds a committee to those a sync brings up to date; following it
// again updates its record (its title, or the member's Since choice).
func (l *Library) Follow(c docs.Committee) error {
	err := l.update(func(tx *bolt.Tx) error { return putJSON(tx, bucketCommittees, c.Key(), c) })
	if err != nil {
		return fmt.Errorf("follow %s: %w", c.Title, err)
	}
	return nil
}

// Unfollow stops syncing a committee. Its papers stay in the library.
func (l *Library) Unfollow(c docs.Committee) error {
	err := l.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketCommittees).Delete([]byte(c.Key())) })
	if err != nil {
		return fmt.Errorf("unfollow %s: %w", c.Title, err)
	}
	return nil
}

// StoredMeeting is a meeting as the library keeps it: what the council's
// web service said, and the papers a sync wanted from it that have not yet
// arrived.
type StoredMeeting struct {
	docs.Meeting
	// ToDownload are the addresses of the meeting's papers that the last
	// sync set out to download and that the library still lacks: the window
	// and `sync` say "2 papers still to download", and the next sync tries
	// them again. Empty when every paper wanted arrived, and for a meeting
	// that publishes none yet or is cancelled. (Stored as "to_download";
	// records written before it existed read as empty.)
	ToDownload []string `json:"to_download,omitempty"`
}

// SaveMeeting records what a council's web service says about a meeting,
// replacing the earlier record, with no paper still to download.
func (l *Library) SaveMeeting(m *docs.Meeting) error { return l.RecordMeeting(m, nil) }

// RecordMeeting records what a council's web service says about a meeting,
// replacing the earlier record, with the addresses of the papers a sync
// wanted from it that the library still lacks (see StoredMeeting).
func (l *Library) RecordMeeting(m *docs.Meeting, toDownload []string) error {
	err := l.update(func(tx *bolt.Tx) error { return putMeeting(tx, m, toDownload) })
	if err != nil {
		return fmt.Errorf("save meeting %s: %w", m.Date, err)
	}
	return nil
}

func putMeeting(tx *bolt.Tx, m *docs.Meeting, toDownload []string) error {
	return putJSON(tx, bucketMeetings, m.Key(), StoredMeeting{Meeting: *m, ToDownload: toDownload})
}

// Meetings lists the meetings known from web services, newest first.
func (l *Library) Meetings() ([]*docs.Meeting, error) {
	stored, err := l.StoredMeetings()
	if err != nil {
		return nil, err
	}
	out := make([]*docs.Meeting, len(stored))
	for i, m := range stored {
		out[i] = &m.Meeting
	}
	return out, nil
}

// StoredMeetings lists the meetings known from web services with the papers
// each still has to download, newest first.
func (l *Library) StoredMeetings() ([]*StoredMeeting, error) {
	var out []*StoredMeeting
	err := l.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeetings).ForEach(func(_, raw []byte) error {
			m := new(StoredMeeting)
			if err := json.Unmarshal(raw, m); err != nil {
				return err
			}
			out = append(out, m)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date > out[j].Date })
	return out, nil
}

// Remote returns what the library remembers of a paper's address.
func (l *Library) Remote(url string) (r docs.Remote, ok bool, err error) {
	err = l.view(func(tx *bolt.Tx) error {
		ok, err = getJSON(tx, bucketRemotes, url, &r)
		return err
	})
	if err != nil {
		return docs.Remote{}, false, fmt.Errorf("read download record of %s: %w", url, err)
	}
	return r, ok, nil
}

// SetRemote records a paper's address with its validators, so the next sync
// asks only whether it changed. Records outlive the paper: a paper removed
// to free space is not downloaded again while the council leaves it as it is.
func (l *Library) SetRemote(r docs.Remote) error {
	err := l.update(func(tx *bolt.Tx) error { return putJSON(tx, bucketRemotes, r.URL, r) })
	if err != nil {
		return fmt.Errorf("save download record of %s: %w", r.URL, err)
	}
	return nil
}
