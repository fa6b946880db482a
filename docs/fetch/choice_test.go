package fetch

import (
	"context"
	"testing"
	"time"
)

func TestKeepFrom(t *testing.T) {
	cases := []struct {
		name      string
		keep      func(s *Syncer, p *Plan) (*Plan, error)
		unfollow  bool // the member stops following while deciding
		downloads int
		since     string // the committee's Since afterwards
		followed  int
	}{
		{"coming only, by the clock", func(s *Syncer, p *Plan) (*Plan, error) { return s.KeepComingOnly(p) }, false, 0, "2026-03-01", 1},
		{"from a date before the meeting", func(s *Syncer, p *Plan) (*Plan, error) { return s.KeepFrom(p, "2026-02-01") }, false, 3, "2026-02-01", 1},
		{"unfollowed meanwhile", func(s *Syncer, p *Plan) (*Plan, error) { return s.KeepFrom(p, "2026-02-01") }, true, 3, "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.follow(t, "audit")
			plan, err := h.syncer.Plan(context.Background(), time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.First) != 1 || len(plan.Downloads) != 3 {
				t.Fatalf("plan: first %v, %d downloads", plan.First, len(plan.Downloads))
			}
			if tc.unfollow {
				h.store.mu.Lock()
				h.store.followed = nil
				h.store.mu.Unlock()
			}
			kept, err := tc.keep(h.syncer, plan)
			if err != nil {
				t.Fatal(err)
			}
			if len(kept.Downloads) != tc.downloads || len(kept.Meetings) != 2 {
				t.Errorf("kept %d downloads of %d meetings, want %d of 2", len(kept.Downloads), len(kept.Meetings), tc.downloads)
			}
			if len(plan.Downloads) != 3 {
				t.Error("the original plan changed")
			}
			followed, _ := h.store.Followed()
			if len(followed) != tc.followed {
				t.Fatalf("following %v", followed)
			}
			if tc.followed > 0 && followed[0].Since != tc.since {
				t.Errorf("since = %q, want %q", followed[0].Since, tc.since)
			}
		})
	}
}

func TestKeepFromRefuses(t *testing.T) {
	h := newHarness(t)
	if _, err := h.syncer.KeepFrom(&Plan{}, "1 March"); err == nil {
		t.Error("a date not yyyy-mm-dd should be an error")
	}
}

func TestParseSyncEvery(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
	}{
		{"", DefaultSyncEvery},
		{"2", 2 * time.Hour},
		{" 24 ", 24 * time.Hour},
		{"0", 0},
		{"-1", DefaultSyncEvery},
		{"often", DefaultSyncEvery},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			if got := ParseSyncEvery(tc.in); got != tc.want {
				t.Errorf("ParseSyncEvery(%q) = %v, want %v", tc.in, got, tc.want)
			}
			if tc.want != DefaultSyncEvery || tc.in == "" {
				if back := ParseSyncEvery(FormatSyncEvery(tc.want)); back != tc.want {
					t.Errorf("round trip of %v gave %v", tc.want, back)
				}
			}
		})
	}
}
