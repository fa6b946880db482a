//go:build !windows

package ui

import (
	"fmt"
	"net/url"
	"os/exec"
	"time"
)

// mailOpenWait is how long the system's opener is given to say it failed.
// One still running by then is starting the e-mail program (some wait for
// it to close): that counts as opened.
const mailOpenWait = 5 * time.Second

// openMailLink opens a mailto: link with the system's opener of links,
// which ends in failure when no program takes it.
func openMailLink(u *url.URL) error {
	return openWith(exec.Command(linkOpener, u.String()), mailOpenWait)
}

// openWith runs an opener and waits for it at most wait: an opener that
// cannot start, or ends in failure, is errNoMailProgram.
func openWith(cmd *exec.Cmd, wait time.Duration) error {
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%w: %v", errNoMailProgram, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("%w: %s: %v", errNoMailProgram, cmd.Path, err)
		}
		return nil
	case <-time.After(wait):
		return nil
	}
}
