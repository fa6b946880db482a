// Package search keeps the full-text index of every page of every current
// paper in the library, and answers the member's searches from it.
//
// The index is derived data: it lives in a folder of its own, and when that
// folder is missing, damaged or of an older schema it is deleted and rebuilt
// from the library (a Source). Adding or removing a paper updates it
// incrementally through the docs.Indexer methods Add and Remove.
package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"panelpapers/docs"
)

// Source is what a rebuild needs from the library: the current version of
// every paper, the stored pages of one version, and the member's notes and
// question drafts. *library.Library implements it.
type Source interface {
	CurrentVersions() ([]*docs.Version, error)
	Pages(sha256 string) ([]docs.Page, error)
	Notes(f docs.NoteFilter) ([]docs.NoteEntry, error)
	Drafts() ([]docs.Draft, error)
}

// ErrDamaged is wrapped by errors from an index whose files turn out to be
// broken after it was opened; Rebuild mends it.
var ErrDamaged = errors.New("the search index is damaged")

// lockWait is how long Open waits for another copy of the app to let go of
// the index before it gives up with docs.ErrLocked.
const lockWait = time.Second

// Names inside the index folder.
const (
	lockName    = "lock"      // a tiny bbolt file whose file lock guards the folder
	bleveName   = "bleve"     // the Bleve index in use
	rebuildName = "bleve.new" // a rebuild in progress, swapped in when complete
)

// Keys in Bleve's internal storage.
var (
	keySchema  = []byte("panelpapers.schema")  // schemaVersion, written last by a rebuild
	keySources = []byte("panelpapers.sources") // JSON map: source → number of entries (a note's or draft's: a fingerprint)
)

// batchBytes is how much text goes into one Bleve batch: big enough that
// batches are few, small enough to keep memory flat while indexing.
const batchBytes = 1 << 20

// Index is the search index of a library. Its methods are safe for
// concurrent use; a search runs while a rebuild builds its replacement.
type Index struct {
	dir  string
	lock *bolt.DB

	mu  sync.RWMutex // guards idx, swapped by a rebuild
	idx bleve.Index

	wmu      sync.Mutex     // serialises writes, so sources stays true
	sources  map[string]int // what the index holds: source → entries
	readOnly bool           // opened by OpenToSearch: changes are refused

	text, name, key analysis.Analyzer // the mapping's analyzers, for queries
	welsh           analysis.Analyzer // welshQueryAnalyzer, for the Welsh forms of what is typed
}

var _ docs.Indexer = (*Index)(nil)

// entry is one searchable thing as the index stores it. Today every entry is
// a page of a paper; a member's note or question draft will be an entry of
// kind "note" or "question" with the same fields (the paper and page it is
// on, if any), so its hits take the same shape. Entries are grouped by
// source, the unit that is added and removed together: a version's SHA-256
// for its pages, "note:<id>" for a note.
type entry struct {
	Text      string `json:"text"`
	Title     string `json:"title"`
	Committee string `json:"committee"`
	Date      string `json:"date"`
	Kind      string `json:"kind"`
	Item      string `json:"item"`
	Page      int    `json:"page"`
	Printed   string `json:"printed"`
	Pack      string `json:"pack"` // the version's full SHA-256, or ""
	Source    string `json:"source"`
}

// id is the entry's document id: unique within its source.
func (e *entry) id() string { return e.Source + "/" + strconv.Itoa(e.Page) }

// pageEntries turns a version's pages into entries, leaving out pages with
// no words on them.
func pageEntries(v *docs.Version, pages []docs.Page) []entry {
	out := make([]entry, 0, len(pages))
	for _, p := range pages {
		if strings.TrimSpace(p.Text) == "" {
			continue
		}
		out = append(out, entry{
			Text:      p.Text,
			Title:     v.Title,
			Committee: v.Committee,
			Date:      v.Date,
			Kind:      string(v.Kind),
			Item:      p.Item,
			Page:      p.Number,
			Printed:   p.Printed,
			Pack:      v.SHA256,
			Source:    v.SHA256,
		})
	}
	return out
}

// Open opens the index in dir, creating it when it is missing. A damaged
// index, or one of an older schema, is deleted and rebuilt from src, as is
// one left half-built; an index that misses papers src has, or holds papers
// src no longer has as current, is brought up to date. progress (which may
// be nil) hears how many pages are done of how many while that happens.
// src may be nil when the caller knows the index is sound (tests); then a
// needed rebuild is an error. When another copy of the app holds the index,
// Open returns an error wrapping docs.ErrLocked within about a second.
func Open(dir string, src Source, progress func(done, total int)) (*Index, error) {
	return open(dir, src, progress, false)
}

// OpenToSearch opens the index to search it and nothing more, as a command
// line process does: read-only, so that Bleve starts none of the background
// merging and persisting a process about to exit would only begin and throw
// away (merging two small segments cost more than the search itself). An
// index that needs mending, or lags behind src, is opened as Open opens it.
// The Index it returns refuses changes.
func OpenToSearch(dir string, src Source, progress func(done, total int)) (*Index, error) {
	x, err := open(dir, src, progress, true)
	if errors.Is(err, errNotForReading) {
		return open(dir, src, progress, false)
	}
	return x, err
}

// errNotForReading says a read-only open found work to do first.
var errNotForReading = errors.New("the search index needs bringing up to date")

func open(dir string, src Source, progress func(done, total int), readOnly bool) (*Index, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("open search index %s: %w", dir, err)
	}
	lock, err := openLock(filepath.Join(dir, lockName))
	if err != nil {
		return nil, fmt.Errorf("open search index %s: %w", dir, err)
	}
	m, err := newMapping()
	if err != nil {
		_ = lock.Close()
		return nil, err
	}
	x := &Index{
		dir:   dir,
		lock:  lock,
		text:  m.AnalyzerNamed(textAnalyzer),
		name:  m.AnalyzerNamed(nameAnalyzer),
		key:   m.AnalyzerNamed(keyAnalyzer),
		welsh: m.AnalyzerNamed(welshQueryAnalyzer),
	}
	// A rebuild that did not finish is of no use: start any again afresh.
	_ = os.RemoveAll(filepath.Join(dir, rebuildName))

	idx, sources, err := openExisting(filepath.Join(dir, bleveName), readOnly)
	switch {
	case readOnly && err != nil && !errors.Is(err, docs.ErrLocked):
		_ = lock.Close()
		return nil, errNotForReading
	case errors.Is(err, docs.ErrLocked):
		_ = lock.Close()
		return nil, fmt.Errorf("open search index %s: %w", dir, err)
	case err != nil && src == nil:
		_ = lock.Close()
		return nil, fmt.Errorf("open search index %s: no library to rebuild it from: %w", dir, err)
	case err != nil:
		if err := x.Rebuild(src, progress); err != nil {
			_ = lock.Close()
			return nil, err
		}
		return x, nil
	}
	x.idx, x.sources, x.readOnly = idx, sources, readOnly
	switch {
	case src == nil:
	case readOnly:
		l, err := x.lagBehind(src)
		if err != nil || !l.none() {
			_ = x.Close()
			if err != nil {
				return nil, err
			}
			return nil, errNotForReading
		}
	default:
		if err := x.catchUp(src, progress); err != nil {
			_ = x.Close()
			return nil, err
		}
	}
	return x, nil
}

// openLock takes the folder's lock, a bbolt file whose file lock the
// operating system drops if the app dies, on every platform Bolt runs on.
func openLock(path string) (*bolt.DB, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockWait})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, docs.ErrLocked
	}
	if err != nil {
		// Unreadable, so nobody holds it: start a fresh one.
		if rmErr := os.Remove(path); rmErr != nil {
			return nil, fmt.Errorf("replace lock file: %w", err)
		}
		db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: lockWait})
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, docs.ErrLocked
		}
	}
	return db, err
}

// errStale says an index opened but is not of the current schema, or was not
// finished.
var errStale = errors.New("the search index is of an older kind")

// openExisting opens the page index at path and checks that it is whole
// and current: readable, of this schema, and able to answer a search.
// Anything short of that is an error; docs.ErrLocked when Bleve's own file
// lock is held elsewhere.
func openExisting(path string, readOnly bool) (idx bleve.Index, sources map[string]int, err error) {
	idx, sources, err = openChecked[map[string]int](path, readOnly, schemaVersion, []string{"*"})
	if err != nil {
		return nil, nil, err
	}
	if _, err := idx.DocCount(); err != nil {
		_ = closeQuietly(idx)
		return nil, nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return idx, sources, nil
}

// openChecked opens a Bleve index of this app at path (read-only if asked)
// and checks it: of the given schema, its record of sources readable, and
// every segment read once (asking for fields), so that a truncated segment
// fails (or panics) here rather than in the member's first search. A
// damaged index is ErrDamaged; docs.ErrLocked when Bleve's own file lock is
// held elsewhere.
func openChecked[S any](path string, readOnly bool, schema string, fields []string) (idx bleve.Index, sources S, err error) {
	var none S
	if _, err := os.Stat(path); err != nil {
		return nil, none, err
	}
	// A damaged index can make Bleve panic rather than fail.
	defer func() {
		if r := recover(); r != nil {
			if idx != nil {
				_ = closeQuietly(idx)
			}
			idx, sources, err = nil, none, fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	config := runtimeConfig()
	if readOnly {
		config["read_only"] = true
	}
	idx, err = bleve.OpenUsing(path, config)
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, none, docs.ErrLocked
	}
	if err != nil {
		return nil, none, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	fail := func(err error) (bleve.Index, S, error) {
		_ = closeQuietly(idx)
		return nil, none, err
	}
	v, err := idx.GetInternal(keySchema)
	if err != nil {
		return fail(fmt.Errorf("%w: %v", ErrDamaged, err))
	}
	if string(v) != schema {
		return fail(errStale)
	}
	raw, err := idx.GetInternal(keySources)
	if err != nil {
		return fail(fmt.Errorf("%w: %v", ErrDamaged, err))
	}
	if err := json.Unmarshal(raw, &sources); err != nil {
		return fail(fmt.Errorf("%w: sources: %v", ErrDamaged, err))
	}
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 1, 0, false)
	req.Fields = fields
	if _, err := idx.Search(req); err != nil {
		return fail(fmt.Errorf("%w: %v", ErrDamaged, err))
	}
	return idx, sources, nil
}

// runtimeConfig is how every Bleve index is opened: never wait long for a
// lock (the folder lock already keeps two copies of the app apart).
func runtimeConfig() map[string]interface{} {
	return map[string]interface{}{"bolt_timeout": lockWait.String()}
}

// closeQuietly closes an index that may be damaged.
func closeQuietly(idx bleve.Index) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	return idx.Close()
}

// lag is how the index differs from the library: what an import, a
// removal or a change to a note that could not reach the index (a crash
// between the two, or another copy of the app holding the index) left
// undone.
type lag struct {
	missing []*docs.Version  // current versions the index lacks
	gone    []string         // sources it holds that the library no longer has as current
	mine    map[string]entry // notes and drafts new or changed since indexed
}

func (l *lag) none() bool { return len(l.missing) == 0 && len(l.gone) == 0 && len(l.mine) == 0 }

// lagBehind works out how the index differs from src, without writing.
func (x *Index) lagBehind(src Source) (*lag, error) {
	versions, err := src.CurrentVersions()
	if err != nil {
		return nil, fmt.Errorf("bring search index up to date: %w", err)
	}
	mine, err := mineEntries(src)
	if err != nil {
		return nil, err
	}
	l := &lag{mine: map[string]entry{}}
	current := make(map[string]bool, len(versions))
	x.wmu.Lock()
	defer x.wmu.Unlock()
	for _, v := range versions {
		current[v.SHA256] = true
		if _, ok := x.sources[v.SHA256]; !ok {
			l.missing = append(l.missing, v)
		}
	}
	for s, e := range mine {
		if x.sources[s] != fingerprint(s, e) {
			l.mine[s] = e
		}
	}
	for s := range x.sources {
		if _, ok := mine[s]; (isMine(s) && !ok) || (!isMine(s) && !current[s]) {
			l.gone = append(l.gone, s)
		}
	}
	sort.Strings(l.gone)
	return l, nil
}

// catchUp brings the index in step with src (see lag).
func (x *Index) catchUp(src Source, progress func(done, total int)) error {
	l, err := x.lagBehind(src)
	if err != nil {
		return err
	}
	for _, s := range l.gone {
		if err := x.put(s, nil); err != nil {
			return fmt.Errorf("bring search index up to date: %w", err)
		}
	}
	for s, e := range l.mine {
		if err := x.put(s, []entry{e}); err != nil {
			return fmt.Errorf("bring search index up to date: %w", err)
		}
	}
	total := 0
	for _, v := range l.missing {
		total += v.Pages
	}
	done := 0
	for _, v := range l.missing {
		pages, err := src.Pages(v.SHA256)
		if err != nil {
			return fmt.Errorf("bring search index up to date: pages of %s: %w", shortID(v.SHA256), err)
		}
		if err := x.Add(v, pages); err != nil {
			return err
		}
		done, total = report(progress, done+len(pages), total)
	}
	return nil
}

// report calls progress, if any, stretching total when a version turned out
// to have more pages than it said.
func report(progress func(done, total int), done, total int) (int, int) {
	if done > total {
		total = done
	}
	if progress != nil {
		progress(done, total)
	}
	return done, total
}

// isVersionSource tells a version's SHA-256 from the sources of other
// entries (notes, drafts), which are prefixed with their kind.
func isVersionSource(s string) bool { return !strings.Contains(s, ":") }

// Add indexes the pages of a current version, replacing whatever the index
// held for it. Pages with no text are left out.
func (x *Index) Add(v *docs.Version, pages []docs.Page) error {
	if err := x.put(v.SHA256, pageEntries(v, pages)); err != nil {
		return fmt.Errorf("index %s: %w", shortID(v.SHA256), err)
	}
	return nil
}

// Remove drops a version's pages from the index; removing a version that is
// not there is not an error.
func (x *Index) Remove(sha256 string) error {
	if err := x.put(sha256, nil); err != nil {
		return fmt.Errorf("remove %s from the search index: %w", shortID(sha256), err)
	}
	return nil
}

// put makes the index hold exactly entries for source, in one batch.
func (x *Index) put(source string, entries []entry) error {
	x.wmu.Lock()
	defer x.wmu.Unlock()
	x.mu.RLock()
	defer x.mu.RUnlock()
	if x.idx == nil {
		return errClosed
	}
	if x.readOnly {
		// Bleve's read-only index would wait for ever for a persister
		// it never started.
		return errReadOnly
	}
	old, err := idsOf(x.idx, source)
	if err != nil {
		return err
	}
	b := x.idx.NewBatch()
	keep := make(map[string]bool, len(entries))
	for i := range entries {
		e := &entries[i]
		e.Source = source
		keep[e.id()] = true
		if err := b.Index(e.id(), e); err != nil {
			return err
		}
	}
	for _, id := range old {
		if !keep[id] {
			b.Delete(id)
		}
	}
	sources := make(map[string]int, len(x.sources)+1)
	for k, n := range x.sources {
		sources[k] = n
	}
	switch {
	case entries == nil:
		delete(sources, source)
	case isMine(source):
		sources[source] = fingerprint(source, entries[0])
	default:
		sources[source] = len(entries)
	}
	raw, err := json.Marshal(sources)
	if err != nil {
		return err
	}
	b.SetInternal(keySources, raw)
	if err := batch(x.idx, b); err != nil {
		return err
	}
	x.sources = sources
	return nil
}

// errClosed is what a closed index answers.
var errClosed = errors.New("the search index is closed")

// errReadOnly is what an index opened only to search answers to a change.
var errReadOnly = errors.New("the search index was opened only to search")

// batch runs a Bleve batch, turning a panic from damaged files into an error.
func batch(idx bleve.Index, b *bleve.Batch) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	return idx.Batch(b)
}

// idsOf lists the ids of the entries the index holds for source.
func idsOf(idx bleve.Index, source string) ([]string, error) {
	q := query.NewTermQuery(source)
	q.SetField(fieldSource)
	var ids []string
	const page = 1000
	for from := 0; ; from += page {
		req := bleve.NewSearchRequestOptions(q, page, from, false)
		req.SortBy([]string{"_id"})
		res, err := idx.Search(req)
		if err != nil {
			return nil, fmt.Errorf("list entries of %s: %w", shortID(source), err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if len(res.Hits) < page {
			return ids, nil
		}
	}
}

// shortID shortens a version's SHA-256 for messages, as docs.Version.ID does.
func shortID(sha256 string) string {
	if len(sha256) > docs.ShortIDLen {
		return sha256[:docs.ShortIDLen]
	}
	return sha256
}

// Rebuild builds the index afresh from src, reporting pages done of pages in
// all to progress (which may be nil). Searches go on answering from the old
// index until the new one is complete and takes its place.
func (x *Index) Rebuild(src Source, progress func(done, total int)) error {
	if err := x.swapIn(src, progress); err != nil {
		return err
	}
	// A paper added or removed while the new index was being built reached
	// only the old one.
	return x.catchUp(src, nil)
}

// swapIn builds a new index beside the current one and puts it in its place.
func (x *Index) swapIn(src Source, progress func(done, total int)) error {
	newPath := filepath.Join(x.dir, rebuildName)
	idx, sources, err := build(newPath, src, progress)
	if err != nil {
		_ = os.RemoveAll(newPath)
		return fmt.Errorf("rebuild search index: %w", err)
	}
	// Close before moving: Windows will not rename a folder with open files.
	if err := idx.Close(); err != nil {
		_ = os.RemoveAll(newPath)
		return fmt.Errorf("rebuild search index: %w", err)
	}
	x.wmu.Lock()
	defer x.wmu.Unlock()
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.idx != nil {
		_ = closeQuietly(x.idx)
		x.idx = nil
	}
	path := filepath.Join(x.dir, bleveName)
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("rebuild search index: remove the old one: %w", err)
	}
	if err := os.Rename(newPath, path); err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	idx, err = bleve.OpenUsing(path, runtimeConfig())
	if err != nil {
		return fmt.Errorf("rebuild search index: reopen: %w", err)
	}
	x.idx, x.sources, x.readOnly = idx, sources, false
	return nil
}

// build writes a complete index of src's current versions at path. The
// schema version goes in last, so an index whose build was cut short is never
// taken for a whole one.
func build(path string, src Source, progress func(done, total int)) (bleve.Index, map[string]int, error) {
	if err := os.RemoveAll(path); err != nil {
		return nil, nil, err
	}
	m, err := newMapping()
	if err != nil {
		return nil, nil, err
	}
	idx, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, nil, err
	}
	sources, err := fill(idx, src, progress)
	if err == nil {
		err = finish(idx, sources)
	}
	if err != nil {
		_ = idx.Close()
		return nil, nil, err
	}
	return idx, sources, nil
}

// fill indexes every current version of src in batches of about batchBytes
// of text.
func fill(idx bleve.Index, src Source, progress func(done, total int)) (map[string]int, error) {
	versions, err := src.CurrentVersions()
	if err != nil {
		return nil, err
	}
	total := 0
	for _, v := range versions {
		total += v.Pages
	}
	report(progress, 0, total)
	sources := make(map[string]int, len(versions))
	b := idx.NewBatch()
	size, done := 0, 0
	for _, v := range versions {
		pages, err := src.Pages(v.SHA256)
		if err != nil {
			return nil, fmt.Errorf("pages of %s: %w", shortID(v.SHA256), err)
		}
		entries := pageEntries(v, pages)
		for i := range entries {
			e := &entries[i]
			if err := b.Index(e.id(), e); err != nil {
				return nil, err
			}
			size += len(e.Text)
		}
		sources[v.SHA256] = len(entries)
		if size >= batchBytes {
			if err := batch(idx, b); err != nil {
				return nil, err
			}
			b.Reset()
			size = 0
		}
		done, total = report(progress, done+len(pages), total)
	}
	if b.Size() > 0 {
		if err := batch(idx, b); err != nil {
			return nil, err
		}
	}
	return sources, nil
}

// finish records what the index holds and, last, that it is complete.
func finish(idx bleve.Index, sources map[string]int) error {
	raw, err := json.Marshal(sources)
	if err != nil {
		return err
	}
	if err := idx.SetInternal(keySources, raw); err != nil {
		return err
	}
	return idx.SetInternal(keySchema, []byte(schemaVersion))
}

// Close closes the index and lets go of its folder.
func (x *Index) Close() error {
	x.wmu.Lock()
	defer x.wmu.Unlock()
	x.mu.Lock()
	defer x.mu.Unlock()
	var err error
	if x.idx != nil {
		err = closeQuietly(x.idx)
		x.idx = nil
	}
	if x.lock != nil {
		if lerr := x.lock.Close(); err == nil {
			err = lerr
		}
		x.lock = nil
	}
	if err != nil {
		return fmt.Errorf("close search index: %w", err)
	}
	return nil
}
