package library

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"panelpapers/docs"

	bolt "go.etcd.io/bbolt"
)

// The data folder's place is normally fixed (--data, $PANELPAPERS_DATA or
// the system's data folder), but a member may move it from the settings.
// The new place is then remembered in a small "pointer" file in the config
// folder, because the library cannot say where it is from inside itself.

// dataPointerName is the pointer file's name inside the config folder.
const dataPointerName = "data-folder"

// Reasons a move is refused, checked with errors.Is.
var (
	ErrMoveOverlap   = errors.New("the new place is inside the library's folder, or holds it")
	ErrMoveNotEmpty  = errors.New("the new folder is not empty; choose an empty folder or a new one")
	ErrMoveNoSpace   = errors.New("there is not enough free space in the new place")
	ErrMoveNoLibrary = errors.New("there is no library in this folder to move")
	// ErrOldFolderLeft means the library moved, but some of its files could
	// not be removed from the old folder: the member may delete them.
	ErrOldFolderLeft = errors.New("the library moved, but some files were left in the old folder")
)

// ReadDataPointer returns the data folder a move left in configDir, or ""
// when the library was never moved.
func ReadDataPointer(configDir string) (string, error) {
	raw, err := os.ReadFile(filepath.Join(configDir, dataPointerName))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read where the library is: %w", err)
	}
	dir := strings.TrimSpace(string(raw))
	if dir != "" && !filepath.IsAbs(dir) {
		return "", fmt.Errorf("read where the library is: %s holds %q, not a full path", filepath.Join(configDir, dataPointerName), dir)
	}
	return dir, nil
}

// WriteDataPointer remembers in configDir that the library is now in dir.
// The file is replaced whole (temp, fsync, rename), so a crash leaves
// either the old place or the new one, never half a path.
func WriteDataPointer(configDir, dir string) error {
	abs, err := filepath.Abs(dir)
	if err == nil {
		err = os.MkdirAll(configDir, 0o755)
	}
	if err == nil {
		err = writeFileAtomic(filepath.Join(configDir, dataPointerName), []byte(abs+"\n"))
	}
	if err != nil {
		return fmt.Errorf("remember the library's new place %s: %w", dir, err)
	}
	return nil
}

// moveSkip are the data folder's entries that are not copied: the window's
// lock, the search index (derived: rebuilt at the new place) and unfinished
// downloads.
var moveSkip = map[string]bool{"window.lock": true, "index": true, "downloads": true}

// diskFree is freeSpace, replaced in tests.
var diskFree = freeSpace

// moveFileHook, when set (tests), runs before each file is copied; an error
// it returns stops the move as a failed copy would.
var moveFileHook func(rel string) error

// MoveLibrary moves the library in from to the folder to, when no window
// has it open: it takes the window lock itself and refuses with
// ErrAlreadyOpen otherwise. See (*InstanceLock).MoveLibrary.
func MoveLibrary(from, to, configDir string, progress func(done, total int64)) error {
	lock, err := LockInstance(from)
	if err != nil {
		return fmt.Errorf("move the library: %w", err)
	}
	defer lock.Release()
	return lock.MoveLibrary(to, configDir, progress)
}

// MoveLibrary moves the library whose window lock l is to the folder to,
// and remembers the new place in configDir (WriteDataPointer). It is a
// method of the lock because only the holder of the lock may move the
// library: the window that has it open moves it, then closes, and opens at
// the new place next time.
//
// It refuses when to is inside the library's folder or holds it, when to
// exists and is not empty, when to's disk has too little free space (where
// that can be told), and when another process is writing to the library
// (ErrLocked). Writers wait while the copy runs: the store is held open
// read-only throughout, so what is copied is what the library holds.
//
// Every file is copied except the search index and unfinished downloads,
// synced, and read back: its size and SHA-256 must match the original's,
// and a paper's must match its name. Only then is the pointer written; any
// failure before that removes the partial copy and leaves the library as it
// was. After the pointer is written the old folder's copied files are
// removed (the member moved the library, often to free the disk it was on;
// two libraries would be one too many), and the derived ones with them.
// A file that cannot be removed gives ErrOldFolderLeft: the move itself has
// succeeded.
//
// progress, if not nil, is called with the bytes copied so far.
func (l *InstanceLock) MoveLibrary(to, configDir string, progress func(done, total int64)) error {
	from := filepath.Dir(l.db.Path())
	if err := moveLibrary(from, to, configDir, progress); err != nil {
		return fmt.Errorf("move the library from %s to %s: %w", from, to, err)
	}
	return nil
}

// moveFile is a file of the library to copy, by its path relative to the
// library's folder.
type moveFile struct {
	rel  string
	size int64
}

func moveLibrary(from, to, configDir string, progress func(done, total int64)) (err error) {
	if progress == nil {
		progress = func(int64, int64) {}
	}
	from, err = filepath.Abs(from)
	if err != nil {
		return err
	}
	to, err = filepath.Abs(to)
	if err != nil {
		return err
	}
	if err := checkApart(from, to); err != nil {
		return err
	}
	created, err := checkEmpty(to)
	if err != nil {
		return err
	}

	// A read-only open holds a shared lock on the store: other readers go
	// on, writers wait (and give up with ErrLocked), so the records cannot
	// change under the copy, nor papers be added that it would miss.
	dbPath := filepath.Join(from, "library.db")
	if _, err := os.Stat(dbPath); errors.Is(err, fs.ErrNotExist) {
		return ErrMoveNoLibrary
	}
	db, err := bolt.Open(dbPath, 0o600, &bolt.Options{ReadOnly: true, Timeout: lockWait})
	if errors.Is(err, bolt.ErrTimeout) {
		return docs.ErrLocked
	}
	if err != nil {
		return err
	}
	dbOpen := true
	defer func() {
		if dbOpen {
			db.Close()
		}
	}()

	files, total, err := libraryFiles(from)
	if err != nil {
		return err
	}
	var dbSize int64
	if err := db.View(func(tx *bolt.Tx) error { dbSize = tx.Size(); return nil }); err != nil {
		return err
	}
	total += dbSize
	if free := diskFree(existingAncestor(to)); free >= 0 && free < total+total/50+(16<<20) {
		return fmt.Errorf("%w (%d MB needed, %d MB free)", ErrMoveNoSpace, total>>20, free>>20)
	}

	if err := os.MkdirAll(to, 0o700); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			removeCopy(to, created)
		}
	}()
	var done int64
	progress(0, total)
	if err := copyStore(db, filepath.Join(to, "library.db")); err != nil {
		return fmt.Errorf("copy library.db: %w", err)
	}
	done += dbSize
	progress(done, total)
	dirs := map[string]bool{to: true}
	for _, f := range files {
		if moveFileHook != nil {
			if err := moveFileHook(f.rel); err != nil {
				return fmt.Errorf("copy %s: %w", f.rel, err)
			}
		}
		dst := filepath.Join(to, f.rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return err
		}
		dirs[filepath.Dir(dst)] = true
		if err := copyVerified(filepath.Join(from, f.rel), dst, f.rel); err != nil {
			return fmt.Errorf("copy %s: %w", f.rel, err)
		}
		done += f.size
		progress(done, total)
	}
	syncDirs(dirs)

	if err := WriteDataPointer(configDir, to); err != nil {
		return err
	}

	// From here the library is at its new place, whatever happens to the
	// old folder.
	dbOpen = false
	if err := db.Close(); err != nil {
		return fmt.Errorf("%w: %v", ErrOldFolderLeft, err)
	}
	return removeOld(from, files)
}

// checkApart refuses a move into the library's own folder, or to a folder
// that holds it, after resolving links so that a path through a link is
// caught too.
func checkApart(from, to string) error {
	a := resolved(from)
	b := resolved(to)
	if within(a, b) || within(b, a) {
		return ErrMoveOverlap
	}
	return nil
}

// resolved is path with links resolved as far as the path exists.
func resolved(path string) string {
	base := existingAncestor(path)
	target, err := filepath.EvalSymlinks(base)
	if err != nil {
		return path
	}
	rest, err := filepath.Rel(base, path)
	if err != nil {
		return path
	}
	return filepath.Join(target, rest)
}

// within reports whether path is dir or inside it. Folders are compared
// without regard to case where the usual file system ignores it.
func within(path, dir string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		path, dir = strings.ToLower(path), strings.ToLower(dir)
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// existingAncestor is path, or the nearest folder above it that exists.
func existingAncestor(path string) string {
	for {
		if _, err := os.Stat(path); err == nil {
			return path
		}
		up := filepath.Dir(path)
		if up == path {
			return path
		}
		path = up
	}
}

// checkEmpty refuses a destination with anything in it, and says whether
// the move will create it (and so may remove it again on failure).
func checkEmpty(to string) (created bool, err error) {
	fi, err := os.Stat(to)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	if !fi.IsDir() {
		return false, fmt.Errorf("%s is a file, not a folder", to)
	}
	entries, err := os.ReadDir(to)
	if err != nil {
		return false, err
	}
	if len(entries) > 0 {
		return false, ErrMoveNotEmpty
	}
	return false, nil
}

// libraryFiles lists the files to copy besides library.db, in a stable
// order, with their total size.
func libraryFiles(from string) ([]moveFile, int64, error) {
	var files []moveFile
	var total int64
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		if rel == "." {
			return nil
		}
		if moveSkip[rel] || rel == "library.db" {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if name := d.Name(); strings.HasPrefix(name, stagingPrefix) || strings.HasSuffix(name, ".lock") {
			return nil // an import under way, or what a crash left: not the library's
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a plain file; move the library by hand", rel)
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		files = append(files, moveFile{rel: rel, size: fi.Size()})
		total += fi.Size()
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("list the library's files: %w", err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files, total, nil
}

// copyStore writes a consistent copy of the open store to dst and checks
// it by reading it back.
func copyStore(db *bolt.DB, dst string) error {
	return db.View(func(tx *bolt.Tx) error {
		h := sha256.New()
		if err := writeSynced(dst, func(w io.Writer) (int64, error) { return tx.WriteTo(io.MultiWriter(w, h)) }); err != nil {
			return err
		}
		return checkCopy(dst, tx.Size(), h.Sum(nil))
	})
}

// copyVerified copies src to dst, syncs it, and reads it back: its size and
// SHA-256 must be the original's, and a paper's (files/<sha256>.pdf) must
// also be its name, or the original was already damaged.
func copyVerified(src, dst, rel string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	h := sha256.New()
	var n int64
	err = writeSynced(dst, func(w io.Writer) (int64, error) {
		n, err = io.Copy(io.MultiWriter(w, h), in)
		return n, err
	})
	if err != nil {
		return err
	}
	sum := h.Sum(nil)
	if name, ok := paperHash(rel); ok && name != hex.EncodeToString(sum) {
		return fmt.Errorf("%w: its content does not match its name (the paper is damaged; remove it and add it again)", docs.ErrDamaged)
	}
	return checkCopy(dst, n, sum)
}

// paperHash is the SHA-256 a paper's file name promises, if rel is a paper.
func paperHash(rel string) (string, bool) {
	dir, name := filepath.Split(rel)
	sum, ok := strings.CutSuffix(name, ".pdf")
	if filepath.Clean(dir) != "files" || !ok || len(sum) != 64 {
		return "", false
	}
	if _, err := hex.DecodeString(sum); err != nil {
		return "", false
	}
	return strings.ToLower(sum), true
}

// writeSynced creates dst (which must not exist), fills it with write and
// syncs it to the disk.
func writeSynced(dst string, write func(io.Writer) (int64, error)) error {
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := write(out); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// checkCopy reads dst back and compares it with the size and SHA-256 of
// what was written.
func checkCopy(dst string, size int64, sum []byte) error {
	f, err := os.Open(dst)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return err
	}
	if n != size || !bytes.Equal(h.Sum(nil), sum) {
		return fmt.Errorf("the copy in %s does not match the original (%d bytes of %d)", dst, n, size)
	}
	return nil
}

// syncDirs makes the copied files' names durable. Some systems (Windows)
// cannot sync a folder; the files themselves are synced already.
func syncDirs(dirs map[string]bool) {
	for d := range dirs {
		if f, err := os.Open(d); err == nil {
			_ = f.Sync()
			f.Close()
		}
	}
}

// removeCopy removes a failed move's partial copy: the whole folder when
// the move created it, else what the move put in the empty folder.
func removeCopy(to string, created bool) {
	if created {
		_ = os.RemoveAll(to)
		return
	}
	entries, _ := os.ReadDir(to)
	for _, e := range entries {
		_ = os.RemoveAll(filepath.Join(to, e.Name()))
	}
}

// removeOld removes from the old folder the files that were copied, then
// the derived ones and the folders left empty. Only a copied file left
// behind is reported: the rest is derived and harmless.
func removeOld(from string, files []moveFile) error {
	var left []string
	for _, f := range append([]moveFile{{rel: "library.db"}}, files...) {
		if err := os.Remove(filepath.Join(from, f.rel)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			left = append(left, f.rel)
		}
	}
	for _, name := range []string{"index", "downloads", "window.lock"} {
		// The window may still hold these open (on Windows they then stay).
		_ = os.RemoveAll(filepath.Join(from, name))
	}
	removeEmptyDirs(from)
	if len(left) > 0 {
		return fmt.Errorf("%w: %s (in %s)", ErrOldFolderLeft, strings.Join(left, ", "), from)
	}
	return nil
}

// removeEmptyDirs removes dir and the folders in it that are empty, deepest
// first; a folder with anything left in it stays.
func removeEmptyDirs(dir string) {
	var dirs []string
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, path)
		}
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		_ = os.Remove(dirs[i]) // fails, as it should, when not empty
	}
}
