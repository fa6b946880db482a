package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
	"panelpapers/docs/internal/filelock"

	bolt "go.etcd.io/bbolt"
)

// ImportOptions are the optional parts of an import.
type ImportOptions struct {
	Password string // opens a PDF that needs one
	Source   string // where the file came from (a file name or URL), for the record
	// Meeting and Document, when the paper came from a council's web
	// service, say what it is: their facts win over what is parsed from the
	// paper's text.
	Meeting  *docs.Meeting
	Document *docs.MeetingDocument
	// Progress, when set, hears of extraction page by page.
	Progress func(done, total int)
	// Remote, when set, records the address the paper was downloaded from
	// and its validators (SHA256 is set to the paper's) in the same
	// transaction as the paper: never a paper without the record of where
	// it came from, nor that record without the paper.
	Remote *docs.Remote
	// RecordMeeting stores Meeting's record, with ToDownload (see
	// StoredMeeting), in the same transaction as the paper: a sync's
	// meeting facts and each paper that arrived are stored together.
	RecordMeeting bool
	ToDownload    []string
}

// alongside is what opt asks to record in the same transaction as the
// paper whose SHA-256 is sum, or nil.
func (opt *ImportOptions) alongside(sum string) func(tx *bolt.Tx) error {
	if opt.Remote == nil && !(opt.RecordMeeting && opt.Meeting != nil) {
		return nil
	}
	return func(tx *bolt.Tx) error {
		if opt.RecordMeeting && opt.Meeting != nil {
			if err := putMeeting(tx, opt.Meeting, opt.ToDownload); err != nil {
				return err
			}
		}
		if opt.Remote != nil {
			r := *opt.Remote
			r.SHA256 = sum
			return putJSON(tx, bucketRemotes, r.URL, r)
		}
		return nil
	}
}

// ImportResult says what an import did.
type ImportResult struct {
	Version *docs.Version
	// Added is false when the same file was already in the library.
	Added bool
	// Superseded is the older version of the same document that this one
	// replaced as current, or nil.
	Superseded *docs.Version
}

// Papers brings PDFs into a library and takes them out again: it stores the
// file, extracts and analyses its pages, records it, and keeps the search
// index in step. The command line and the window both go through it.
type Papers struct {
	Lib       *Library
	Extractor docs.TextExtractor
	Titles    docs.TitleReader // may be nil; then no PDF's Title metadata is read
	Index     docs.Indexer     // may be nil; then nothing is indexed
}

// Import adds the PDF at path to the library. Re-adding a file already there
// does nothing. On any error the library is left as it was.
func (im *Papers) Import(ctx context.Context, path string, opt ImportOptions) (*ImportResult, error) {
	if opt.Source == "" {
		opt.Source = filepath.Base(path)
	}
	tmp, staged, sum, size, err := im.stage(path)
	if err != nil {
		return nil, err
	}
	defer staged.Unlock()
	defer os.Remove(tmp) // gone already once renamed into place
	// One import or removal of a content at a time, across processes.
	held, err := im.Lib.lockPaper(ctx, sum)
	if err != nil {
		return nil, fmt.Errorf("add %s: %w", opt.Source, err)
	}
	defer held.Release()

	if v, err := im.Lib.Version(sum); err == nil {
		if also := opt.alongside(sum); also != nil {
			if err := im.Lib.update(also); err != nil {
				return nil, fmt.Errorf("record %s: %w", opt.Source, err)
			}
		}
		return &ImportResult{Version: v}, nil
	} else if !errors.Is(err, docs.ErrNotFound) {
		return nil, err
	}

	pages, err := im.Extractor.Extract(ctx, tmp, opt.Password, opt.Progress)
	if err != nil {
		return nil, err
	}
	v := &docs.Version{SHA256: sum, Pages: len(pages), Size: size, SourceName: opt.Source, Added: time.Now().UTC()}
	v.PDFTitle = im.title(ctx, tmp, opt.Password)
	setFacts(v, readFacts(pages, opt.Source, v.PDFTitle, opt.Meeting, opt.Document), pages)

	final := im.Lib.FilePath(sum)
	if err := fsys.Rename(tmp, final); err != nil {
		return nil, fmt.Errorf("store %s: %w", opt.Source, err)
	}
	// The paper's name must be on disk before the record that names it.
	if err := fsys.SyncDir(filepath.Dir(final)); err != nil {
		os.Remove(final)
		return nil, fmt.Errorf("store %s: %w", opt.Source, err)
	}
	old, err := im.Lib.record(v, pages, opt.alongside(sum)) // gives v its paper (identity.go)
	if err != nil {
		os.Remove(final)
		return nil, fmt.Errorf("record %s: %w", opt.Source, err)
	}
	res := &ImportResult{Version: v, Added: true, Superseded: old}
	notesErr := im.carryNotes(v, pages) // like the index, never undoes the import
	// Minutes that record answers mark the member's sent questions answered.
	// A failure here is retried when the questions view opens.
	_, _ = im.Lib.LinkAnswers(v, pages)
	if im.Index != nil {
		// The library is the truth and the index can be rebuilt from it, so
		// an index failure is reported but does not undo the import.
		if old != nil {
			if err := im.Index.Remove(old.SHA256); err != nil {
				return res, fmt.Errorf("%w: %v", docs.ErrIndexBehind, err)
			}
		}
		if err := im.Index.Add(v, pages); err != nil {
			return res, fmt.Errorf("%w: %v", docs.ErrIndexBehind, err)
		}
	}
	return res, notesErr
}

// title is the Title metadata of the PDF at path, or "": it is the least
// trusted source of a paper's facts, so a file whose metadata cannot be
// read is read without it.
func (im *Papers) title(ctx context.Context, path, password string) string {
	if im.Titles == nil {
		return ""
	}
	t, err := im.Titles.Title(ctx, path, password)
	if err != nil {
		return ""
	}
	return strings.Join(strings.Fields(t), " ")
}

// readFacts reads a paper's facts from its pages, the name it came under
// and its Title metadata, with what the council's web service says of its
// meeting and of the paper (meeting and document, nil for a file added
// from disk) over them.
func readFacts(pages []docs.Page, source, title string, meeting *docs.Meeting, document *docs.MeetingDocument) docs.Agenda {
	facts := agenda.Read(agenda.Input{Pages: pages, FileName: filepath.Base(source), Title: title})
	if meeting != nil {
		meeting.Override(&facts)
	}
	if document != nil && document.Kind != "" {
		facts.Kind = document.Kind
		if facts.Sources == nil {
			facts.Sources = map[string]docs.Source{}
		}
		facts.Sources[docs.FactKind] = docs.SourceService
		if facts.Title == "" {
			facts.Title = document.Title
		}
	}
	return facts
}

// setFacts puts the facts read of a paper on its version: title (else the
// file's name; marked when the paper is in Welsh), committee, date, kind.
func setFacts(v *docs.Version, facts docs.Agenda, pages []docs.Page) {
	v.Agenda = facts
	v.Title, v.Committee, v.Date, v.Kind = facts.Title, facts.Committee, facts.Date, facts.Kind
	if v.Title == "" {
		v.Title = titleFromFileName(v.SourceName)
	}
	if agenda.InWelsh(pages) && !strings.HasSuffix(v.Title, agenda.WelshTitleSuffix) {
		v.Title += agenda.WelshTitleSuffix
	}
	if v.Kind == "" {
		v.Kind = docs.KindOther
	}
}

// stage copies the file into the library's files folder under a temporary
// name, hashing it on the way, and syncs it to disk. The copy is locked for
// as long as it lives (see removeLeftovers): unlock it after removing it.
func (im *Papers) stage(path string) (tmpPath string, lock *filelock.Lock, sum string, size int64, err error) {
	src, err := os.Open(path)
	if err != nil {
		return "", nil, "", 0, fmt.Errorf("open %s: %w", path, err)
	}
	defer src.Close()
	tmp, err := fsys.CreateTemp(filepath.Join(im.Lib.Dir(), "files"), stagingPrefix+"*")
	if err != nil {
		return "", nil, "", 0, fmt.Errorf("copy %s into the library: %w", path, err)
	}
	lock, err = lockOpen(tmp)
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", nil, "", 0, fmt.Errorf("copy %s into the library: %w", path, err)
	}
	h := sha256.New()
	size, err = io.Copy(io.MultiWriter(tmp, h), src)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		lock.Unlock()
		return "", nil, "", 0, fmt.Errorf("copy %s into the library: %w", path, err)
	}
	if size == 0 {
		os.Remove(tmp.Name())
		lock.Unlock()
		return "", nil, "", 0, docs.ErrEmptyFile
	}
	return tmp.Name(), lock, hex.EncodeToString(h.Sum(nil)), size, nil
}

// record stores a new version and its pages in one transaction, with what
// also (if not nil) writes. If another version of the same document is
// current, the newer meeting paper (by time added) becomes current and the
// older is marked superseded; that older version is returned.
func (l *Library) record(v *docs.Version, pages []docs.Page, also func(tx *bolt.Tx) error) (*docs.Version, error) {
	var old *docs.Version
	err := l.update(func(tx *bolt.Tx) error {
		if v.Document == "" {
			id, err := documentFor(tx, v, pages)
			if err != nil {
				return err
			}
			v.Document = id
		}
		// The member's corrections of the paper hold for its new version.
		c, err := corrections(tx, v.Document)
		if err != nil {
			return err
		}
		applyCorrections(v, c, nil)
		if also != nil {
			if err := also(tx); err != nil {
				return err
			}
		}
		documents := tx.Bucket(bucketDocuments)
		if cur := documents.Get([]byte(v.Document)); cur != nil {
			prev, err := getVersion(tx, string(cur))
			if err != nil && !errors.Is(err, docs.ErrNotFound) {
				return err
			}
			if prev != nil && prev.SHA256 != v.SHA256 {
				prev.SupersededBy = v.SHA256
				if err := putVersion(tx, prev); err != nil {
					return err
				}
				old = prev
			}
		}
		if err := documents.Put([]byte(v.Document), []byte(v.SHA256)); err != nil {
			return err
		}
		if err := putVersion(tx, v); err != nil {
			return err
		}
		pb, err := tx.Bucket(bucketPages).CreateBucketIfNotExists([]byte(v.SHA256))
		if err != nil {
			return err
		}
		for _, p := range pages {
			raw, err := json.Marshal(p)
			if err != nil {
				return err
			}
			if err := pb.Put(pageKey(p.Number), raw); err != nil {
				return err
			}
		}
		return nil
	})
	return old, err
}

// Remove deletes a version, its pages and its file. If it was the current
// version of its document, the newest older version becomes current again
// and is returned so the caller can index it.
func (l *Library) Remove(sha256 string) (restored *docs.Version, err error) {
	held, err := l.lockPaper(context.Background(), sha256)
	if err != nil {
		return nil, fmt.Errorf("remove paper %.12s: %w", sha256, err)
	}
	defer held.Release()
	err = l.update(func(tx *bolt.Tx) error {
		v, err := getVersion(tx, sha256)
		if err != nil {
			return err
		}
		vb := tx.Bucket(bucketVersions)
		// Versions that pointed at this one now point at its successor.
		var prevs []*docs.Version
		if err := vb.ForEach(func(_, raw []byte) error {
			o := new(docs.Version)
			if err := json.Unmarshal(raw, o); err != nil {
				return err
			}
			if o.SupersededBy == sha256 {
				prevs = append(prevs, o)
			}
			return nil
		}); err != nil {
			return err
		}
		for _, o := range prevs {
			o.SupersededBy = v.SupersededBy
			if err := putVersion(tx, o); err != nil {
				return err
			}
		}
		documents := tx.Bucket(bucketDocuments)
		if v.Current() {
			if err := documents.Delete([]byte(v.Document)); err != nil {
				return err
			}
			for _, o := range prevs {
				if restored == nil || o.Added.After(restored.Added) {
					restored = o
				}
			}
			if restored != nil {
				if err := documents.Put([]byte(restored.Document), []byte(restored.SHA256)); err != nil {
					return err
				}
			}
		}
		if err := vb.Delete([]byte(sha256)); err != nil {
			return err
		}
		if tx.Bucket(bucketPages).Bucket([]byte(sha256)) != nil {
			return tx.Bucket(bucketPages).DeleteBucket([]byte(sha256))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("remove paper %.12s: %w", sha256, err)
	}
	// The records are gone; a file left behind by a failed delete is only
	// wasted space and is replaced if the paper is added again.
	_ = os.Remove(l.FilePath(sha256))
	return restored, nil
}

// Remove takes a version out of the library and the search index. When it
// was the current version, the previous one is current again and indexed.
func (im *Papers) Remove(sha256 string) error {
	restored, err := im.Lib.Remove(sha256)
	if err != nil {
		return err
	}
	if im.Index == nil {
		return nil
	}
	if err := im.Index.Remove(sha256); err != nil {
		return fmt.Errorf("%w: %v", docs.ErrIndexBehind, err)
	}
	if restored != nil {
		pages, err := im.Lib.Pages(restored.SHA256)
		if err == nil {
			err = im.Index.Add(restored, pages)
		}
		if err != nil {
			return fmt.Errorf("%w: %v", docs.ErrIndexBehind, err)
		}
	}
	return nil
}

// titleFromFileName makes a readable title from a file name when the text
// gave none: "Public reports pack 13th-Mar-2025.pdf" → "Public reports pack
// 13th-Mar-2025".
func titleFromFileName(name string) string {
	if i := strings.LastIndexAny(name, "/\\"); i >= 0 {
		name = name[i+1:]
	}
	if u, err := url.PathUnescape(name); err == nil {
		name = u
	}
	if i := strings.IndexByte(name, '?'); i >= 0 {
		name = name[:i]
	}
	name = strings.TrimSuffix(name, filepath.Ext(name))
	name = strings.NewReplacer("_", " ").Replace(name)
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return "Untitled paper"
	}
	return name
}
