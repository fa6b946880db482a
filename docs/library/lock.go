package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/internal/filelock"
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

// lockOpen locks the file f has just created, checking that its name still
// leads to it.
func lockOpen(f writeFile) (*filelock.Lock, error) {
	l, err := filelock.Take(context.Background(), f.Name(), 0)
	if err != nil {
		return nil, err
	}
	held, err := l.Stat()
	mine, err2 := f.Stat()
	if err != nil || err2 != nil || !os.SameFile(held, mine) {
		l.Unlock()
		return nil, fmt.Errorf("%s was removed while being created", f.Name())
	}
	return l, nil
}

// paperLockPath is the lock of the paper whose SHA-256 is sum.
func (l *Library) paperLockPath(sum string) string {
	return filepath.Join(l.dir, "files", sum+".lock")
}

// lockPaper takes the lock of a paper's content, waiting briefly.
func (l *Library) lockPaper(ctx context.Context, sum string) (*filelock.Lock, error) {
	lk, err := filelock.Take(ctx, l.paperLockPath(sum), lockWait)
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
			if lk, err := filelock.Take(context.Background(), path, 0); err == nil {
				lk.Release() // removes it
			}
		case strings.HasSuffix(name, ".lock"):
			if lk, err := filelock.Take(context.Background(), path, 0); err == nil {
				lk.Release()
			}
		}
	}
}
