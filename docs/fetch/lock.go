package fetch

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/gofrs/flock"

	"panelpapers/docs"
)

// One writer per file, across processes: a download holds the lock of its
// address (pp-<hash>.lock beside the .part) from its first byte until the
// caller has imported the file (Downloaded.Close). The lock is the
// system's (flock on Unix, LockFileEx on Windows, through gofrs/flock):
// it goes with the process that held it, so a crash never leaves a lock
// behind, only a file that the next taker reuses. Two downloads in one
// process exclude each other too, as each opens the file afresh.

// lockWait is how long a download waits for another download of the same
// address before saying it is busy: long enough for one that is finishing,
// short enough not to keep the member waiting on a large pack.
const lockWait = 2 * time.Second

// fileLock is a held lock on a lock file.
type fileLock struct{ fl *flock.Flock }

// lockPath takes the lock on the file at path, creating it if need be,
// waiting up to wait (0: one try). Another holder gives docs.ErrBusy.
func lockPath(ctx context.Context, path string, wait time.Duration) (*fileLock, error) {
	deadline := time.Now().Add(wait)
	for {
		fl := flock.New(path, flock.SetPermissions(0o600))
		ok, err := fl.TryLock()
		if err != nil {
			return nil, err
		}
		if ok {
			// A holder removes the file as it lets go: if the name no
			// longer leads to the file locked, the lock is of no use.
			if sameFile(fl, path) {
				return &fileLock{fl}, nil
			}
			_ = fl.Unlock()
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !time.Now().Before(deadline) {
			return nil, docs.ErrBusy
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(25 * time.Millisecond):
		}
	}
}

func sameFile(fl *flock.Flock, path string) bool {
	held, err := fl.Stat()
	if err != nil {
		return false
	}
	named, err := os.Stat(path)
	return err == nil && os.SameFile(held, named)
}

// release removes the lock file and lets go of the lock. On Windows an
// open file cannot be removed: the lock goes first, and the file stays if
// another process has opened it meanwhile.
func (l *fileLock) release() {
	if l == nil {
		return
	}
	if runtime.GOOS == "windows" {
		_ = l.fl.Unlock()
		_ = os.Remove(l.fl.Path())
		return
	}
	_ = os.Remove(l.fl.Path())
	_ = l.fl.Unlock()
}

// busy says what is busy, for the member.
func busy(what string) error { return fmt.Errorf("%w: %s", docs.ErrBusy, what) }
