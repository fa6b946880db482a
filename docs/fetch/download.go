package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/internal/filelock"
)

// Validators are what a server said identifies the content it sent; sent
// back, they let it answer "not modified" instead of the whole file.
type Validators struct {
	ETag         string
	LastModified string
}

// Downloaded is the result of a Download.
type Downloaded struct {
	// Path is the complete, checked, fsync'd file, in the directory the caller
	// gave. The caller owns it: import it, then remove what is left. Empty
	// when NotModified.
	Path         string
	ETag         string
	LastModified string
	// NotModified means the server said the content is still what the
	// validators given to Download describe: nothing was downloaded.
	NotModified bool
	Size        int64
	SHA256      string // hex

	lock *filelock.Lock // the address's, held until Close
}

// Close removes the downloaded file, if it is still there, and lets
// another download of the same address begin: call it once the file is
// imported (or not wanted).
func (d *Downloaded) Close() error {
	var err error
	if d.Path != "" {
		if err = os.Remove(d.Path); errors.Is(err, os.ErrNotExist) {
			err = nil
		}
	}
	d.lock.Release()
	d.lock = nil
	return err
}

// A download of an address is pp-<hash of the address> with one of these
// endings: the bytes so far (the next attempt resumes them), with beside it
// the validators they came with (.part.json); the lock of whoever is
// downloading it; and the complete file waiting to be imported.
const (
	partSuffix = ".part"
	lockSuffix = ".lock"
	doneSuffix = ".pdf"
)

// Download fetches a PDF into tmpDir (which must be on the library's file
// system, so that the library can rename the file into place). With cond it
// asks only for a changed file. progress, if not nil, is called as bytes
// arrive (total < 0 when the server does not say); keep it cheap.
//
// The file is checked before it is handed over: a web page instead of a PDF
// gives docs.ErrLooksHTML, other content docs.ErrNotPDF, more than MaxSize
// docs.ErrFileTooLarge. A connection that drops leaves a .part file in tmpDir
// that the next Download of the same address resumes (if the server can
// resume); nothing else stays behind.
//
// Only one download of an address runs at a time, across processes: from
// its start until the caller closes the result. Another waits briefly,
// then gives an error that errors.Is docs.ErrBusy. Close the result once
// its file is imported.
func (c *Client) Download(ctx context.Context, raw, tmpDir string, cond Validators, progress func(done, total int64)) (*Downloaded, error) {
	if _, err := CheckURL(raw); err != nil {
		return nil, fmt.Errorf("download %s: %w", raw, err)
	}
	if err := os.MkdirAll(tmpDir, 0o700); err != nil {
		return nil, fmt.Errorf("download %s: %w", raw, err)
	}
	if progress == nil {
		progress = func(int64, int64) {}
	}
	p := partFor(tmpDir, raw)
	lock, err := filelock.Take(ctx, p.lock, lockWait)
	if errors.Is(err, docs.ErrBusy) {
		err = busy("downloading it")
	}
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", raw, err)
	}
	var d *Downloaded
	err = c.retry(ctx, func(ctx context.Context) error {
		var err error
		d, err = c.downloadOnce(ctx, raw, p, cond, progress)
		return err
	})
	if err != nil {
		lock.Release()
		return nil, fmt.Errorf("download %s: %w", raw, err)
	}
	if d.NotModified {
		lock.Release()
	} else {
		d.lock = lock
	}
	return d, nil
}

func (c *Client) downloadOnce(ctx context.Context, raw string, p part, cond Validators, progress func(done, total int64)) (*Downloaded, error) {
	offset, kept := p.resumable(raw)
	ctx, kick, stop := watchdog(ctx, c.Timeout)
	defer stop()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
	if err != nil {
		return nil, err
	}
	c.setHeaders(req, "application/pdf,*/*;q=0.8")
	// Byte offsets must mean the same thing on resume as on the first try.
	req.Header.Set("Accept-Encoding", "identity")
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
	if offset > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(offset, 10)+"-")
		// If-Range: the rest only if the file is still the one we have the
		// start of; otherwise the server sends it all (200).
		req.Header.Set("If-Range", kept.ifRange())
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, classify(ctx, err, c.Timeout)
	}
	defer resp.Body.Close()

	v := Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	switch resp.StatusCode {
	case http.StatusNotModified:
		p.remove() // the start of a newer file that has since gone back
		if v.ETag == "" && v.LastModified == "" {
			v = cond
		}
		return &Downloaded{NotModified: true, ETag: v.ETag, LastModified: v.LastModified}, nil
	case http.StatusOK:
		offset = 0 // a fresh start, whether or not we asked to resume
	case http.StatusPartialContent:
		if start, ok := contentRangeStart(resp.Header.Get("Content-Range")); !ok || start != offset {
			p.remove()
			return nil, fmt.Errorf("%w: the site resumed at the wrong place", ErrDropped)
		}
		if v == (Validators{}) {
			v = kept.Validators
		}
	case http.StatusRequestedRangeNotSatisfiable:
		p.remove()
		return nil, fmt.Errorf("%w: the site could not resume, starting again", ErrDropped)
	default:
		return nil, statusError(resp)
	}

	total := int64(-1)
	if resp.ContentLength >= 0 {
		total = offset + resp.ContentLength
	}
	if total > c.MaxSize {
		p.remove()
		return nil, fmt.Errorf("%w: %s (the limit is %s)", docs.ErrFileTooLarge, FormatBytes(total), FormatBytes(c.MaxSize))
	}
	f, err := p.open(raw, offset, v)
	if err != nil {
		return nil, err
	}
	done, err := c.copyBody(f, idleReader{resp.Body, kick}, offset, total, progress)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		err = classify(ctx, err, c.Timeout)
		// Keep what arrived only if it was cut short and a later request can
		// prove (If-Range) that it is the start of the same file.
		cut := errors.Is(err, ErrDropped) || errors.Is(err, ErrStalled) ||
			errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
		if !cut || !v.usable() {
			p.remove()
		}
		return nil, err
	}
	if err := checkPDF(p.path, resp.Header.Get("Content-Type")); err != nil {
		p.remove()
		return nil, err
	}
	sum, err := hashFile(p.path)
	if err != nil {
		p.remove()
		return nil, err
	}
	path, err := p.handOver()
	if err != nil {
		return nil, err
	}
	return &Downloaded{Path: path, ETag: v.ETag, LastModified: v.LastModified, Size: done, SHA256: sum}, nil
}

// copyBody appends the body to f, enforcing MaxSize as it goes (the server's
// Content-Length may be missing or wrong).
func (c *Client) copyBody(f *os.File, body io.Reader, done, total int64, progress func(done, total int64)) (int64, error) {
	buf := make([]byte, 64<<10)
	progress(done, total)
	for {
		n, err := body.Read(buf)
		if n > 0 {
			if done+int64(n) > c.MaxSize {
				return done, fmt.Errorf("%w: more than %s", docs.ErrFileTooLarge, FormatBytes(c.MaxSize))
			}
			if _, werr := f.Write(buf[:n]); werr != nil {
				return done, werr
			}
			done += int64(n)
			progress(done, total)
		}
		if err == io.EOF {
			if total >= 0 && done < total {
				return done, fmt.Errorf("%w: %d of %d bytes", ErrDropped, done, total)
			}
			return done, nil
		}
		if err != nil {
			return done, err
		}
	}
}

// contentRangeStart reads the first byte position of "bytes 100-999/1000".
func contentRangeStart(s string) (int64, bool) {
	s, ok := strings.CutPrefix(strings.TrimSpace(s), "bytes ")
	if !ok {
		return 0, false
	}
	first, _, ok := strings.Cut(s, "-")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(first), 10, 64)
	return n, err == nil
}

// checkPDF looks at the head of a downloaded file: nothing in it is run or
// rendered here, the library checks the rest when it imports.
func checkPDF(path, contentType string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, docs.SniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return err
	}
	return sniff(head[:n], contentType)
}

// sniff decides from a file's first KB whether it is a PDF (docs.Sniff);
// a site that says it sent a web page is believed when the bytes are
// neither PDF nor plainly HTML.
func sniff(head []byte, contentType string) error {
	err := docs.Sniff(head)
	if errors.Is(err, docs.ErrNotPDF) && strings.HasPrefix(strings.ToLower(contentType), "text/html") {
		return docs.ErrLooksHTML
	}
	return err
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// part is the resumable download of one address: the bytes so far, and
// beside them the validators of the response they came from (without those
// a resume could splice two different files).
type part struct {
	dir, path, meta string
	// lock is the address's lock file; done is where the complete file
	// waits to be imported.
	lock, done string
}

type partMeta struct {
	URL string `json:"url"`
	Validators
}

func partFor(dir, raw string) part {
	h := sha256.Sum256([]byte(raw))
	base := filepath.Join(dir, "pp-"+hex.EncodeToString(h[:10]))
	return part{dir: dir, path: base + partSuffix, meta: base + partSuffix + ".json", lock: base + lockSuffix, done: base + doneSuffix}
}

// ifRange is the validator If-Range accepts: a strong ETag, else the date.
func (v Validators) ifRange() string {
	if v.ETag != "" && !strings.HasPrefix(v.ETag, "W/") {
		return v.ETag
	}
	return v.LastModified
}

func (v Validators) usable() bool { return v.ifRange() != "" }

// resumable returns how much of raw is already here, or 0 (having cleared
// anything unusable).
func (p part) resumable(raw string) (int64, partMeta) {
	fi, err := os.Stat(p.path)
	if err != nil || fi.Size() == 0 {
		p.remove()
		return 0, partMeta{}
	}
	var m partMeta
	b, err := os.ReadFile(p.meta)
	if err != nil || json.Unmarshal(b, &m) != nil || m.URL != raw || !m.usable() {
		p.remove()
		return 0, partMeta{}
	}
	return fi.Size(), m
}

// open returns the part file positioned to write at offset, recording the
// validators when starting afresh.
func (p part) open(raw string, offset int64, v Validators) (*os.File, error) {
	if offset > 0 {
		return os.OpenFile(p.path, os.O_WRONLY|os.O_APPEND, 0o600)
	}
	if v.usable() {
		b, err := json.Marshal(partMeta{URL: raw, Validators: v})
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(p.meta, b, 0o600); err != nil {
			return nil, err
		}
	} else {
		os.Remove(p.meta)
	}
	return os.OpenFile(p.path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
}

func (p part) remove() {
	os.Remove(p.path)
	os.Remove(p.meta)
}

// handOver renames the complete part to the name it waits under to be
// imported, where a later download of the same address cannot touch it
// while the caller holds the address's lock.
func (p part) handOver() (string, error) {
	if err := os.Rename(p.path, p.done); err != nil {
		p.remove()
		return "", err
	}
	os.Remove(p.meta)
	syncDir(p.dir)
	return p.done, nil
}

// RemoveStaleParts tidies the downloads folder dir, leaving alone every
// download that another process (or this one) is running, by its lock:
// complete files that were never imported and parts that cannot be resumed
// (a crash left them) go at once, resumable parts once older than age (a
// pack that was never retried must not hold disk space for ever). The app
// calls it at start and before each sync.
func RemoveStaleParts(dir string, age time.Duration, now time.Time) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("remove stale downloads: %w", err)
	}
	groups := map[string][]os.DirEntry{}
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "pp-"):
			base, _, _ := strings.Cut(name, ".")
			groups[base] = append(groups[base], e)
		case strings.HasPrefix(name, "download-") && strings.HasSuffix(name, ".pdf"):
			// An earlier release's complete download, never imported.
			if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > time.Hour {
				os.Remove(filepath.Join(dir, name))
			}
		}
	}
	for base, files := range groups {
		lock, err := filelock.Take(context.Background(), filepath.Join(dir, base+lockSuffix), 0)
		if err != nil {
			continue // being downloaded
		}
		p := part{dir: dir, path: filepath.Join(dir, base+partSuffix), meta: filepath.Join(dir, base+partSuffix+".json")}
		resumable := false
		var m partMeta
		if b, err := os.ReadFile(p.meta); err == nil && json.Unmarshal(b, &m) == nil && m.usable() {
			if fi, err := os.Stat(p.path); err == nil && fi.Size() > 0 && now.Sub(fi.ModTime()) <= age {
				resumable = true
			}
		}
		for _, e := range files {
			name := e.Name()
			if name == base+lockSuffix || (resumable && (name == base+partSuffix || name == base+partSuffix+".json")) {
				continue
			}
			os.Remove(filepath.Join(dir, name))
		}
		lock.Release()
	}
	return nil
}

// syncDir makes the names in dir durable after a rename or a new file,
// where the system can sync a folder (not Windows: there the file's own
// sync is what there is).
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if f, err := os.Open(dir); err == nil {
		_ = f.Sync()
		f.Close()
	}
}
