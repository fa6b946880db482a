package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/gofrs/flock"

	"panelpapers/docs"
)

// One writer per file, across processes. bbolt locks library.db itself;
// the files beside it are the library's to guard:
//
//   - a paper being added or removed: files/<sha256>.lock, held from the
//     moment the content is known until it is recorded (or removed) and
//     indexed, so that two copies of the app adding the same PDF, or one
//     removing what the other adds, take turns;
//   - a staging copy (files/.import-*): locked by the import that made it
//     for as long as it lives, so that the tidying at start removes only
//     those whose process is gone.
//
// The locks are the system's (flock on Unix, LockFileEx on Windows, through
// gofrs/flock): they go with the process that held them, so a crash never
// leaves a paper locked. Two tasks of one process exclude each other too,
// as each opens the file afresh.

// stagingPrefix starts the names of staging copies in files/.
const stagingPrefix = ".import-"

// stagingGrace is how old an unlocked staging copy must be before it is
// taken for a crash's: between creating its file and locking it, an import
// holds no lock for an instant.
const stagingGrace = time.Minute

// fileLock is a held lock.
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

// unlock lets go of the lock and leaves the file (a staging copy, which
// has been renamed into place or removed by then).
func (l *fileLock) unlock() {
	if l != nil {
		_ = l.fl.Unlock()
	}
}

// lockOpen locks the file f has just created, checking that its name still
// leads to it.
func lockOpen(f writeFile) (*fileLock, error) {
	l, err := lockPath(context.Background(), f.Name(), 0)
	if err != nil {
		return nil, err
	}
	held, err := l.fl.Stat()
	mine, err2 := f.Stat()
	if err != nil || err2 != nil || !os.SameFile(held, mine) {
		l.unlock()
		return nil, fmt.Errorf("%s was removed while being created", f.Name())
	}
	return l, nil
}

// paperLockPath is the lock of the paper whose SHA-256 is sum.
func (l *Library) paperLockPath(sum string) string {
	return filepath.Join(l.dir, "files", sum+".lock")
}

// lockPaper takes the lock of a paper's content, waiting briefly.
func (l *Library) lockPaper(ctx context.Context, sum string) (*fileLock, error) {
	lk, err := lockPath(ctx, l.paperLockPath(sum), lockWait)
	if errors.Is(err, docs.ErrBusy) {
		return nil, fmt.Errorf("%w: adding or removing the same PDF (%.12s)", docs.ErrBusy, sum)
	}
	return lk, err
}

// removeLeftovers removes from files/ what a crash left there: staging
// copies and lock files that no process holds. It is tidying: a failure
// changes nothing.
func (l *Library) removeLeftovers(now time.Time) {
	dir := filepath.Join(l.dir, "files")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		switch {
		case strings.HasPrefix(name, stagingPrefix):
			fi, err := e.Info()
			if err != nil || now.Sub(fi.ModTime()) < stagingGrace {
				continue
			}
			if lk, err := lockPath(context.Background(), path, 0); err == nil {
				lk.release() // removes it
			}
		case strings.HasSuffix(name, ".lock"):
			if lk, err := lockPath(context.Background(), path, 0); err == nil {
				lk.release()
			}
		}
	}
}
