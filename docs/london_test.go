package docs

import (
	"testing"
	"time"
)

// One zone serves the library, the deadlines and the window: summer time
// must be right (a UTC stand-in would put 10:00 BST at 10:00).
func TestLondon(t *testing.T) {
	if London.String() != "Europe/London" {
		t.Fatalf("London is %q", London)
	}
	summer := time.Date(2023, 7, 14, 9, 0, 0, 0, time.UTC).In(London)
	if summer.Hour() != 10 {
		t.Errorf("09:00 UTC on 14 July is %02d:00 in London, want 10:00", summer.Hour())
	}
}
