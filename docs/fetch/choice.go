package fetch

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"panelpapers/docs"
)

// Follower records a committee the member follows; library.Library
// implements it.
type Follower interface {
	Follow(c docs.Committee) error
}

// KeepFrom narrows a plan to the papers of meetings on or after day
// (yyyy-mm-dd) and remembers that choice: every committee of plan.First that
// is still followed gets Since = day, so that later syncs keep to it. It is
// the member's "only coming meetings" at a first sync (day is today), and
// `sync --since` (day is the date given).
func (s *Syncer) KeepFrom(plan *Plan, day string) (*Plan, error) {
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return nil, fmt.Errorf("keep papers from %q: want a date as yyyy-mm-dd", day)
	}
	// The member may have stopped following a committee while deciding:
	// following it again would undo that.
	followed, err := s.Store.Followed()
	if err != nil {
		return nil, fmt.Errorf("keep papers from %s: %w", day, err)
	}
	still := map[string]bool{}
	for _, c := range followed {
		still[c.Key()] = true
	}
	for _, c := range plan.First {
		if !still[c.Key()] {
			continue
		}
		c.Since = day
		if err := s.Store.Follow(c); err != nil {
			return nil, fmt.Errorf("keep papers from %s: %w", day, err)
		}
	}
	return plan.From(day), nil
}

// KeepComingOnly is KeepFrom today (by the Syncer's clock): the member's
// answer "only coming meetings" before a large first sync.
func (s *Syncer) KeepComingOnly(plan *Plan) (*Plan, error) {
	return s.KeepFrom(plan, s.now().Format(time.DateOnly))
}

// Settings of background syncing, kept in the library's settings so that
// the window and the command line read the same values.
const (
	// SettingSyncEvery is how many hours apart the window checks for new
	// papers; "0" means only when the member asks.
	SettingSyncEvery = "sync/every-hours"
	// SettingLastSync is when the last check succeeded (RFC 3339).
	SettingLastSync = "sync/last"
	// SettingSite is the council site the member last listed committees of.
	SettingSite = "sync/site"
)

// DefaultSyncEvery is how often the window checks when the member has not
// chosen: councils publish packs a week before meetings, so a few hours is
// soon enough and costs the site a handful of small requests.
const DefaultSyncEvery = 4 * time.Hour

// ParseSyncEvery reads SettingSyncEvery: a whole number of hours, 0 for
// never. An empty or unreadable value gives DefaultSyncEvery.
func ParseSyncEvery(s string) time.Duration {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return DefaultSyncEvery
	}
	return time.Duration(n) * time.Hour
}

// FormatSyncEvery writes a duration for SettingSyncEvery, in whole hours.
func FormatSyncEvery(d time.Duration) string {
	return strconv.Itoa(int(d / time.Hour))
}
