// Package filelock is one writer per file, across processes: a lock file
// beside what it guards, held with the system's lock (flock on Unix,
// LockFileEx on Windows, through gofrs/flock). The lock goes with the
// process that held it, so a crash never leaves a lock behind, only a file
// the next taker reuses; two tasks of one process exclude each other too,
// as each opens the file afresh. The library's papers and the downloads
// both use it.
package filelock

import (
	"context"
	"os"
	"runtime"
	"time"

	"github.com/gofrs/flock"

	"panelpapers/docs"
)

// Lock is a held lock on a lock file.
type Lock struct{ fl *flock.Flock }

// Take takes the lock on the file at path, creating it if need be, waiting
// up to wait (0: one try). Another holder gives docs.ErrBusy.
func Take(ctx context.Context, path string, wait time.Duration) (*Lock, error) {
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
				return &Lock{fl}, nil
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

// Stat describes the file locked.
func (l *Lock) Stat() (os.FileInfo, error) { return l.fl.Stat() }

// Release removes the lock file and lets go of the lock. On Windows an
// open file cannot be removed: the lock goes first, and the file stays if
// another process has opened it meanwhile. A nil Lock is released already.
func (l *Lock) Release() {
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

// Unlock lets go of the lock and leaves the file (one that has been renamed
// into place, or removed, by then).
func (l *Lock) Unlock() {
	if l != nil {
		_ = l.fl.Unlock()
	}
}
