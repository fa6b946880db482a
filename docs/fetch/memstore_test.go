package fetch

import (
	"bytes"
	"encoding/json"
	"os"
	"sync"

	"panelpapers/docs"
	"panelpapers/docs/fetch/fetchtest"
)

// memStore is the library as far as a sync can see it, in memory.
type memStore struct {
	mu        sync.Mutex
	followed  []docs.Committee
	meetings  map[string]docs.Meeting
	pending   map[string][]string // meeting key → papers still to download
	remotes   map[string]docs.Remote
	versions  []memVersion
	importErr error // what ImportFile answers, to play a library that refuses a file
}

type memVersion struct {
	SHA256   string
	Meeting  string
	Title    string
	Kind     docs.Kind
	Item     string
	Size     int
	Contents string // which test PDF it is: "pack, version 2"
}

func newMemStore(follow ...docs.Committee) *memStore {
	return &memStore{followed: follow, meetings: map[string]docs.Meeting{}, pending: map[string][]string{}, remotes: map[string]docs.Remote{}}
}

func (s *memStore) Followed() ([]docs.Committee, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]docs.Committee(nil), s.followed...), nil
}

// Follow records c, replacing a committee with the same key.
func (s *memStore) Follow(c docs.Committee) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.followed {
		if f.Key() == c.Key() {
			s.followed[i] = c
			return nil
		}
	}
	s.followed = append(s.followed, c)
	return nil
}

func (s *memStore) SaveMeeting(m *docs.Meeting, toDownload []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.saveMeeting(m, toDownload)
}

func (s *memStore) saveMeeting(m *docs.Meeting, toDownload []string) error {
	b, _ := json.Marshal(m) // a deep copy: the store must not share the sync's slices
	var c docs.Meeting
	if err := json.Unmarshal(b, &c); err != nil {
		return err
	}
	s.meetings[m.Key()] = c
	if len(toDownload) > 0 {
		s.pending[m.Key()] = append([]string(nil), toDownload...)
	} else {
		delete(s.pending, m.Key())
	}
	return nil
}

func (s *memStore) Remote(url string) (docs.Remote, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.remotes[url]
	return r, ok, nil
}

func (s *memStore) SetRemote(r docs.Remote) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.remotes[r.URL] = r
	return nil
}

func (s *memStore) ImportFile(in Incoming) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.importErr != nil {
		return "", false, s.importErr
	}
	b, err := os.ReadFile(in.Path)
	if err != nil {
		return "", false, err
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return "", false, docs.ErrNotPDF
	}
	sum := fetchtest.SHA256(b)
	if err := s.saveMeeting(in.Meeting, in.ToDownload); err != nil {
		return "", false, err
	}
	r := in.Remote
	r.SHA256 = sum
	s.remotes[r.URL] = r
	for _, v := range s.versions {
		if v.SHA256 == sum {
			return sum, false, nil
		}
	}
	d := in.Document
	s.versions = append(s.versions, memVersion{SHA256: sum, Meeting: in.Meeting.Key(), Title: d.Title, Kind: d.Kind, Item: d.Item, Size: len(b), Contents: fetchtest.Label(sum)})
	return sum, true, nil
}

// snapshot is the store's whole state as text, to check a failed sync
// changed nothing.
func (s *memStore) snapshot() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := json.MarshalIndent(struct {
		F []docs.Committee
		M map[string]docs.Meeting
		P map[string][]string
		R map[string]docs.Remote
		V []memVersion
	}{s.followed, s.meetings, s.pending, s.remotes, s.versions}, "", " ")
	if err != nil {
		panic(err)
	}
	return string(b)
}

func (s *memStore) version(contents string) *memVersion {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.versions {
		if s.versions[i].Contents == contents {
			return &s.versions[i]
		}
	}
	return nil
}
