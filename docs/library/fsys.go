package library

import (
	"io/fs"
	"os"
	"runtime"
)

// The library writes its own files (papers' staging copies, backups, the
// data folder's pointer) through fsys, so that a test can put there a layer
// that keeps what was not synced apart and drops it at a simulated power
// cut (durability_test.go). The store, library.db, is bbolt's: it syncs
// every transaction itself (the library never sets NoSync).
var fsys fileLayer = osLayer{}

// fileLayer is the part of the file system the library writes through.
type fileLayer interface {
	// CreateTemp is os.CreateTemp.
	CreateTemp(dir, pattern string) (writeFile, error)
	// Rename is os.Rename.
	Rename(from, to string) error
	// SyncDir makes the names in dir durable: files created, renamed or
	// removed in it survive a power cut once it returns.
	SyncDir(dir string) error
}

// writeFile is a file being written.
type writeFile interface {
	Write(p []byte) (int, error)
	Sync() error
	Close() error
	Name() string
	Stat() (fs.FileInfo, error)
}

type osLayer struct{}

func (osLayer) CreateTemp(dir, pattern string) (writeFile, error) { return os.CreateTemp(dir, pattern) }
func (osLayer) Rename(from, to string) error                      { return os.Rename(from, to) }

// SyncDir syncs the folder where the system can: not on Windows, where a
// folder cannot be opened for syncing and a rename is made durable by the
// file system's own journal.
func (osLayer) SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
