//go:build !windows

package ui

import (
	"errors"
	"os/exec"
	"testing"
	"time"
)

// TestOpenWithReportsFailure: an opener that cannot start or ends in
// failure (no program takes the link) is errNoMailProgram; one that ends
// well, or is still starting the program after the wait, opened it.
func TestOpenWithReportsFailure(t *testing.T) {
	for _, tc := range []struct {
		name string
		cmd  *exec.Cmd
		fail bool
	}{
		{"no opener", exec.Command("panelpapers-no-such-opener", "mailto:a@example.org"), true},
		{"opener fails", exec.Command("sh", "-c", "exit 3"), true},
		{"opener succeeds", exec.Command("true"), false},
		{"opener still starting the program", exec.Command("sleep", "5"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			err := openWith(tc.cmd, 200*time.Millisecond)
			if tc.fail != errors.Is(err, errNoMailProgram) || !tc.fail && err != nil {
				t.Errorf("openWith = %v, want failure %v", err, tc.fail)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}
