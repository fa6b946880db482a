package fetch

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"time"

	"panelpapers/docs"
)

// Store is what a Syncer needs from the library (docs implements it on its
// bbolt store; tests use a map). Following and unfollowing, and removing old
// papers, are the library's own business: a sync only reads what is followed.
type Store interface {
	// Followed lists the committees the member follows.
	Followed() ([]docs.Committee, error)
	// Follower records a committee's Since when the member chooses which
	// meetings' papers to keep (KeepFrom).
	Follower
	// SaveMeeting records what the web service says about a meeting,
	// replacing any earlier record with the same Key, with toDownload: the
	// addresses of the papers the sync wanted from it that the library
	// still lacks (nil when none), for "2 papers still to download". These
	// facts win over what the library parsed from the meeting's papers
	// (docs.Meeting.Override).
	SaveMeeting(m *docs.Meeting, toDownload []string) error
	// Remote returns what SetRemote last recorded for an address; ok is false
	// when nothing was.
	Remote(url string) (r docs.Remote, ok bool, err error)
	// SetRemote records an address's validators and the SHA-256 of its
	// content, once that content is in the library.
	SetRemote(r docs.Remote) error
	// ImportFile adds a downloaded paper with the library's usual checks
	// (damaged, encrypted) and, in the same transaction, records its
	// meeting (as SaveMeeting does, with in.ToDownload) and its address
	// (in.Remote, with SHA256 set to the content's): the library never
	// holds a paper under a meeting record never saved, nor a meeting that
	// claims a paper it lacks. A new content for the same document
	// (committee, date, kind, title) is a new version. added is false when
	// the library already held exactly this content (the records are
	// written all the same). When the paper is in but search could not be
	// updated, sha256 is set and err wraps docs.ErrIndexBehind. The library
	// may move the file; the Syncer removes whatever is left at in.Path.
	ImportFile(in Incoming) (sha256 string, added bool, err error)
}

// Incoming is a downloaded paper for the Store to add, with what is
// recorded in the same transaction.
type Incoming struct {
	// Path is the PDF: complete, fsync'd, its %PDF- header checked, on the
	// library's file system.
	Path     string
	Meeting  *docs.Meeting
	Document *docs.MeetingDocument
	// Remote is the address and its validators; the store sets SHA256.
	Remote docs.Remote
	// ToDownload are the addresses of the meeting's papers still to
	// download once this one is in.
	ToDownload []string
}

// FewPacks is how many new papers a first sync fetches without asking: more
// than this, and the member chooses between all and only coming meetings.
const FewPacks = 3

// StaleAfter is how long an interrupted download waits to be resumed.
const StaleAfter = 14 * 24 * time.Hour

// Syncer brings the papers of followed committees up to date.
type Syncer struct {
	Client *Client
	Store  Store
	// TempDir receives downloads: it must be on the same file system as the
	// library's files so that an import is a rename.
	TempDir string
	// Now is the clock (nil: time.Now); the window is counted from it.
	Now func() time.Time
	// MonthsBack and MonthsAhead set the window of meetings asked about;
	// 0 means 12 back and 3 ahead.
	MonthsBack, MonthsAhead int
}

// Plan is what a sync would do: the meetings found and the papers to fetch.
// Making it reads the web service and meeting pages but downloads no paper
// and changes nothing in the store.
type Plan struct {
	// Meetings are all meetings of followed committees in the window, with
	// the service's facts (cancelled ones and unpublished agendas included).
	Meetings  []*docs.Meeting
	Downloads []Planned
	// Failures are committees or meetings that could not be read; the
	// rest of the plan stands.
	Failures []Failure
	// First lists the committees with papers to fetch that have never had
	// any downloaded: a first sync, which may be large. If the member then
	// chooses only coming meetings, record that choice in each one's Since so
	// that later syncs keep to it.
	First []docs.Committee
}

// Planned is one paper a sync fetches or checks.
type Planned struct {
	Meeting  *docs.Meeting
	Document docs.MeetingDocument
	// Known papers were downloaded before: a conditional request asks
	// whether they changed, and usually nothing is downloaded.
	Known bool
	// Size is an estimate in bytes for a paper not downloaded before (from
	// the meeting page or a HEAD request), 0 when unknown.
	Size int64
}

// Estimate sums the papers a plan would download for the first time.
type Estimate struct {
	Count   int
	Bytes   int64 // of those whose size is known
	Unsized int   // how many have no size estimate
}

// New estimates the papers never downloaded before.
func (p *Plan) New() Estimate {
	var e Estimate
	for _, d := range p.Downloads {
		if d.Known {
			continue
		}
		e.Count++
		if d.Size > 0 {
			e.Bytes += d.Size
		} else {
			e.Unsized++
		}
	}
	return e
}

// NeedsChoice reports whether to ask the member before running the plan:
// a first sync with more than FewPacks papers to fetch.
func (p *Plan) NeedsChoice() bool { return len(p.First) > 0 && p.New().Count > FewPacks }

// From keeps only the papers of meetings on or after day (yyyy-mm-dd): the
// member's "only coming meetings". Meetings' facts are all still saved.
func (p *Plan) From(day string) *Plan {
	q := *p
	q.Downloads = nil
	for _, d := range p.Downloads {
		if d.Meeting.Date == "" || d.Meeting.Date >= day {
			q.Downloads = append(q.Downloads, d)
		}
	}
	return &q
}

// Failure is one thing a sync could not do.
type Failure struct {
	Committee string
	Meeting   *docs.Meeting         // nil when the committee's meetings could not be listed
	Document  *docs.MeetingDocument // nil unless a paper failed
	Err       error
}

// Error names what failed, for a line of the sync's summary.
func (f Failure) Error() string {
	what := f.Committee
	if f.Meeting != nil {
		what = MeetingLabel(f.Meeting)
	}
	if f.Document != nil {
		what += ": " + f.Document.Title
	}
	return what + ": " + f.Err.Error()
}

// Unwrap lets errors.Is see the cause (ErrOffline, docs.ErrLooksHTML…).
func (f Failure) Unwrap() error { return f.Err }

// Progress is where a sync is, for a progress bar.
type Progress struct {
	Index, Count int // downloading paper Index (from 1) of Count
	Meeting      *docs.Meeting
	Document     *docs.MeetingDocument
	Done, Total  int64 // bytes of this paper; Total < 0 when unknown
}

// Report is what a sync did.
type Report struct {
	Meetings []*docs.Meeting // every meeting seen, as saved
	Arrived  []Arrival       // new papers and new versions, in meeting order
	// Unchanged counts papers checked and found as they were.
	Unchanged int
	Failures  []Failure
	// ToDownload lists the meetings whose papers did not all arrive, with
	// those still to download: the library records them so, and the next
	// sync tries them again.
	ToDownload []Unfinished
	// IndexBehind is set when papers arrived but search could not be
	// brought up to date: it catches up the next time the app starts.
	IndexBehind bool
}

// Unfinished is a meeting some of whose papers did not arrive.
type Unfinished struct {
	Meeting *docs.Meeting
	Papers  []docs.MeetingDocument
}

// Arrival is a paper that came in.
type Arrival struct {
	Meeting  *docs.Meeting
	Document docs.MeetingDocument
	SHA256   string
	// Changed means the council republished it: the library holds the
	// earlier version too.
	Changed bool
}

// News groups arrivals by meeting, for "New papers: Police and Crime
// Panel, 27 October".
type News struct {
	Meeting *docs.Meeting
	Papers  []Arrival
}

// News lists the meetings with new papers, in the order they were fetched.
func (r *Report) News() []News {
	var out []News
	at := map[*docs.Meeting]int{}
	for _, a := range r.Arrived {
		i, ok := at[a.Meeting]
		if !ok {
			i = len(out)
			at[a.Meeting] = i
			out = append(out, News{Meeting: a.Meeting})
		}
		out[i].Papers = append(out[i].Papers, a)
	}
	return out
}

// Err joins the failures, nil when there were none. errors.Is sees through
// it: errors.Is(err, ErrOffline).
func (r *Report) Err() error {
	errs := make([]error, len(r.Failures))
	for i, f := range r.Failures {
		errs[i] = f
	}
	return errors.Join(errs...)
}

// MeetingLabel names a meeting for a person: "Audit Committee, 10 February".
func MeetingLabel(m *docs.Meeting) string {
	t, err := time.Parse("2006-01-02", m.Date)
	if err != nil {
		return m.Committee
	}
	return m.Committee + ", " + t.Format("2 January")
}

func (s *Syncer) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Sync plans and runs in one go, for when no one needs asking.
func (s *Syncer) Sync(ctx context.Context, since time.Time, progress func(Progress)) (*Report, error) {
	p, err := s.Plan(ctx, since)
	if err != nil {
		return nil, err
	}
	return s.Run(ctx, p, progress)
}

// Plan asks every followed committee's site for its meetings in the window
// and what they publish. Papers of meetings before since (if not zero), or
// before a committee's own Since, are left out. When no site can be reached
// at all it returns an error that errors.Is ErrOffline.
func (s *Syncer) Plan(ctx context.Context, since time.Time) (*Plan, error) {
	followed, err := s.Store.Followed()
	if err != nil {
		return nil, fmt.Errorf("sync: %w", err)
	}
	back, ahead := s.MonthsBack, s.MonthsAhead
	if back == 0 && ahead == 0 {
		back, ahead = 12, 3
	}
	now := s.now()
	from, to := now.AddDate(0, -back, 0), now.AddDate(0, ahead, 0)
	p := &Plan{}
	var offline []error
	for _, c := range followed {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("sync: %w", err)
		}
		cutoff := latest(from.Format(time.DateOnly), c.Since)
		if !since.IsZero() {
			cutoff = latest(cutoff, since.Format(time.DateOnly))
		}
		if err := s.planCommittee(ctx, p, c, from, to, cutoff); err != nil {
			if errors.Is(err, ErrOffline) {
				offline = append(offline, err)
			}
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("sync: %w", err)
			}
			p.Failures = append(p.Failures, Failure{Committee: c.Title, Err: err})
		}
	}
	if len(offline) > 0 && len(offline) == len(followed) {
		return nil, fmt.Errorf("sync: %w", offline[0])
	}
	s.estimate(ctx, p)
	return p, nil
}

func latest(a, b string) string {
	if b > a {
		return b
	}
	return a
}

// planCommittee adds one committee's meetings and papers to p. An error is
// returned only when the committee could not be read at all (or the network
// went away); a meeting that fails is recorded and skipped.
func (s *Syncer) planCommittee(ctx context.Context, p *Plan, c docs.Committee, from, to time.Time, cutoff string) error {
	stubs, err := s.Client.Meetings(ctx, c.Site, c.ID, from, to)
	if err != nil {
		return err
	}
	known, fetching := false, false
	for i := range stubs {
		stub := &stubs[i]
		m, err := s.meeting(ctx, c, stub)
		if err != nil {
			if errors.Is(err, ErrOffline) || ctx.Err() != nil {
				return err
			}
			p.Failures = append(p.Failures, Failure{Committee: c.Title, Meeting: stub, Err: err})
			continue
		}
		p.Meetings = append(p.Meetings, m)
		for _, d := range wantedDocuments(m) {
			_, ok, err := s.Store.Remote(d.URL)
			if err != nil {
				return fmt.Errorf("sync: %w", err)
			}
			known = known || ok
			if m.Date != "" && m.Date < cutoff {
				continue
			}
			fetching = true
			p.Downloads = append(p.Downloads, Planned{Meeting: m, Document: d, Known: ok, Size: d.Size})
		}
	}
	if fetching && !known {
		p.First = append(p.First, c)
	}
	return nil
}

// meeting completes a meeting listed by GetMeetings with GetMeeting and,
// when its papers are out, its page's action list.
func (s *Syncer) meeting(ctx context.Context, c docs.Committee, stub *docs.Meeting) (*docs.Meeting, error) {
	m, err := s.Client.Meeting(ctx, c.Site, stub.ID)
	if err != nil {
		return nil, err
	}
	m.CommitteeID = c.ID
	m.URL = stub.URL
	// The last title given wins: GetMeetings' is the service's current name.
	for _, title := range []string{m.Committee, c.Title, stub.Committee} {
		if title != "" {
			m.Committee = title
		}
	}
	if m.Date == "" {
		m.Date = stub.Date
	}
	if m.Time == "" {
		m.Time = stub.Time
	}
	if stub.Cancelled() {
		m.Status = docs.StatusCancelled
	}
	if m.Cancelled() || !m.AgendaPublished {
		return m, nil
	}
	pageDocs, err := s.Client.MeetingPage(ctx, c.Site, c.ID, m.ID)
	if err != nil {
		return nil, err
	}
	m.Documents = append(pageDocs, m.Documents...)
	return m, nil
}

// wantedDocuments picks the papers worth having: the reports pack (or, where
// there is none, the front sheet and each item's documents), supplements and
// printed minutes. Nothing for a cancelled meeting, an agenda not yet
// published or a restricted item.
func wantedDocuments(m *docs.Meeting) []docs.MeetingDocument {
	if m.Cancelled() || !m.AgendaPublished {
		return nil
	}
	pack := false
	for _, d := range m.Documents {
		if d.Item == "" && d.Kind == docs.KindAgenda && isPackTitle(d.Title) && !d.Restricted {
			pack = true
		}
	}
	var out []docs.MeetingDocument
	seen := map[string]bool{}
	for _, d := range m.Documents {
		if d.Restricted || seen[d.URL] {
			continue
		}
		var want bool
		switch {
		case d.Item != "":
			want = !pack && d.Kind == docs.KindReport
		case d.Kind == docs.KindAgenda:
			want = !pack || isPackTitle(d.Title)
		case d.Kind == docs.KindSupplement, d.Kind == docs.KindMinutes:
			want = true
		}
		if want {
			seen[d.URL] = true
			out = append(out, d)
		}
	}
	return out
}

// estimate asks for the size of new papers the meeting page did not state.
// A failure only leaves the size unknown.
func (s *Syncer) estimate(ctx context.Context, p *Plan) {
	for i := range p.Downloads {
		d := &p.Downloads[i]
		if d.Known || d.Size > 0 {
			continue
		}
		if n, err := s.Client.Size(ctx, d.Document.URL); err == nil && n > 0 {
			d.Size = n
		}
	}
}

// Run carries out a plan: it fetches each paper in turn (conditionally when
// known) and imports what is new or changed, each paper in one transaction
// with its meeting's facts and the papers that meeting still lacks; then
// it records every meeting's facts with what it still lacks. A paper that
// fails is reported and the rest go on, except when the network is gone or
// the disk is full. The error joins the plan's and the run's failures; the
// report says all that was done, failures or not.
func (s *Syncer) Run(ctx context.Context, p *Plan, progress func(Progress)) (*Report, error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	rep := &Report{Meetings: p.Meetings, Failures: append([]Failure(nil), p.Failures...)}
	_ = RemoveStaleParts(s.TempDir, StaleAfter, s.now()) // tidying only: a failure changes nothing

	// What each meeting lacks: the papers planned that the library never
	// had. Each is struck off as it arrives.
	lacking := map[*docs.Meeting][]docs.MeetingDocument{}
	last := map[*docs.Meeting]int{} // the index of each meeting's last download
	for i, d := range p.Downloads {
		last[d.Meeting] = i
		if !d.Known {
			lacking[d.Meeting] = append(lacking[d.Meeting], d.Document)
		}
	}
	saved := map[*docs.Meeting]bool{}
	finish := func(m *docs.Meeting) error {
		if saved[m] {
			return nil
		}
		saved[m] = true
		if err := s.Store.SaveMeeting(m, urls(lacking[m])); err != nil {
			rep.Failures = append(rep.Failures, Failure{Committee: m.Committee, Meeting: m, Err: err})
			return err
		}
		if len(lacking[m]) > 0 {
			rep.ToDownload = append(rep.ToDownload, Unfinished{Meeting: m, Papers: lacking[m]})
		}
		return nil
	}
	full := false // the disk is full: write nothing more
	for i := range p.Downloads {
		pl := &p.Downloads[i]
		prog := func(done, total int64) {
			progress(Progress{Index: i + 1, Count: len(p.Downloads), Meeting: pl.Meeting, Document: &pl.Document, Done: done, Total: total})
		}
		if err := s.fetch(ctx, pl, prog, rep, lacking); err != nil {
			rep.Failures = append(rep.Failures, Failure{Committee: pl.Meeting.Committee, Meeting: pl.Meeting, Document: &pl.Document, Err: err})
			full = isNoSpace(err)
			if errors.Is(err, ErrOffline) || ctx.Err() != nil || full {
				break
			}
		}
		if last[pl.Meeting] == i {
			if err := finish(pl.Meeting); isNoSpace(err) {
				full = true
				break
			}
		}
	}
	// The facts of every other meeting: those with nothing to fetch (no
	// papers published yet, cancelled, before the member's choice) and,
	// when the network went, those not reached, with all their papers
	// still to come.
	for _, m := range p.Meetings {
		if full {
			break
		}
		full = isNoSpace(finish(m))
	}
	if err := rep.Err(); err != nil {
		return rep, fmt.Errorf("sync: %w", err)
	}
	return rep, nil
}

// isNoSpace reports whether err is a full disk.
func isNoSpace(err error) bool { return err != nil && errors.Is(err, syscall.ENOSPC) }

func urls(ds []docs.MeetingDocument) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.URL)
	}
	return out
}

// without is ds less the document at url.
func without(ds []docs.MeetingDocument, url string) []docs.MeetingDocument {
	var out []docs.MeetingDocument
	for _, d := range ds {
		if d.URL != url {
			out = append(out, d)
		}
	}
	return out
}

// fetch brings one paper: conditionally if it was fetched before, imported
// only when its content is new, together with its meeting's facts and what
// that meeting still lacks once it is in.
func (s *Syncer) fetch(ctx context.Context, pl *Planned, progress func(done, total int64), rep *Report, lacking map[*docs.Meeting][]docs.MeetingDocument) error {
	old, known, err := s.Store.Remote(pl.Document.URL)
	if err != nil {
		return err
	}
	var cond Validators
	if known {
		cond = Validators{ETag: old.ETag, LastModified: old.LastModified}
	}
	d, err := s.Client.Download(ctx, pl.Document.URL, s.TempDir, cond, progress)
	if err != nil {
		return err
	}
	defer d.Close()
	if d.NotModified {
		rep.Unchanged++
		return nil
	}
	r := docs.Remote{URL: pl.Document.URL, ETag: d.ETag, LastModified: d.LastModified, SHA256: d.SHA256}
	if known && d.SHA256 == old.SHA256 { // a server without validators, or new ones for the same bytes
		rep.Unchanged++
		if r != old {
			return s.Store.SetRemote(r)
		}
		return nil
	}
	rest := without(lacking[pl.Meeting], pl.Document.URL)
	sum, added, err := s.Store.ImportFile(Incoming{Path: d.Path, Meeting: pl.Meeting, Document: &pl.Document, Remote: r, ToDownload: urls(rest)})
	if err != nil && (sum == "" || !errors.Is(err, docs.ErrIndexBehind)) {
		return fmt.Errorf("add to the library: %w", err)
	}
	if err != nil {
		rep.IndexBehind = true
	}
	lacking[pl.Meeting] = rest
	if added {
		rep.Arrived = append(rep.Arrived, Arrival{Meeting: pl.Meeting, Document: pl.Document, SHA256: sum, Changed: known})
	} else {
		rep.Unchanged++
	}
	return nil
}
