package ui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"panelpapers/docs"
	"panelpapers/docs/library"
	"panelpapers/docs/packgen"
	"panelpapers/docs/pdf"
	"panelpapers/search"
)

// packs are generated once: fpdf is not free.
var (
	packsOnce sync.Once
	packs     map[string]*packgen.Pack
	packsErr  error
)

// samplePacks returns the generated sample papers by name.
func samplePacks(t testing.TB) map[string]*packgen.Pack {
	t.Helper()
	packsOnce.Do(func() {
		packs = map[string]*packgen.Pack{}
		for name, spec := range map[string]packgen.Spec{
			"pack":       packgen.SamplePack(),
			"supplement": packgen.SampleSupplement(),
			"minutes":    packgen.SampleMinutes(),
			"report":     packgen.SampleReport(),
		} {
			p, err := packgen.Build(spec)
			if err != nil {
				packsErr = err
				return
			}
			packs[name] = p
		}
	})
	if packsErr != nil {
		t.Fatal(packsErr)
	}
	return packs
}

// fakeLib is an in-memory library whose files live in a temp folder.
type fakeLib struct {
	dir string

	mu       sync.Mutex
	versions []*docs.Version
	pages    map[string][]docs.Page
	settings map[string]string
	failSet  error // SetSetting fails with this when set
	writes   int   // bumped by every write, for Stamp
}

// Stamp changes with every write, as the real library's does.
func (l *fakeLib) Stamp() (string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strconv.Itoa(l.writes), nil
}

func newFakeLib(t testing.TB) *fakeLib {
	return &fakeLib{dir: t.TempDir(), pages: map[string][]docs.Page{}, settings: map[string]string{}}
}

// add stores a generated pack as a paper added at the given time.
func (l *fakeLib) add(t testing.TB, p *packgen.Pack, added time.Time) *docs.Version {
	t.Helper()
	return l.addBytes(t, p.PDF, p.Agenda, p.Pages, added)
}

// addBytes stores any file as a paper. It keeps a copy of pages: the
// generated packs are shared by every test of the package, and a test that
// marks a page (as scanned, say) must not change what the others see.
func (l *fakeLib) addBytes(t testing.TB, data []byte, a docs.Agenda, pages []docs.Page, added time.Time) *docs.Version {
	t.Helper()
	pages = append([]docs.Page(nil), pages...)
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	if err := os.WriteFile(l.FilePath(sha), data, 0o644); err != nil {
		t.Fatal(err)
	}
	v := &docs.Version{SHA256: sha, Title: a.Title, Committee: a.Committee, Date: a.Date, Kind: a.Kind,
		Pages: len(pages), Size: int64(len(data)), Added: added, Agenda: a}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.versions = append(l.versions, v)
	l.pages[sha] = pages
	l.writes++
	return v
}

func (l *fakeLib) Versions(bool) ([]*docs.Version, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := append([]*docs.Version(nil), l.versions...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date > out[j].Date })
	return out, nil
}

func (l *fakeLib) Version(sha string) (*docs.Version, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, v := range l.versions {
		if v.SHA256 == sha {
			return v, nil
		}
	}
	return nil, fmt.Errorf("read paper %.12s: %w", sha, docs.ErrNotFound)
}

func (l *fakeLib) Pages(sha string) ([]docs.Page, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.pages[sha], nil
}

func (l *fakeLib) FilePath(sha string) string { return filepath.Join(l.dir, sha+".pdf") }

func (l *fakeLib) Setting(key string) (string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.settings[key], nil
}

func (l *fakeLib) SetSetting(key, val string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.failSet != nil {
		return l.failSet
	}
	l.settings[key] = val
	l.writes++
	return nil
}

func (l *fakeLib) setting(key string) string {
	v, _ := l.Setting(key)
	return v
}

// fakePages opens any file that starts like a PDF and draws plain pages;
// its character boxes set the stored text out in lines, 6 points a
// character, so that marks can be checked.
type fakePages struct {
	lib       Library // the fake library, or a real one
	renders   atomic.Int64
	password  string        // when set, papers need it
	renderErr map[int]error // pages that fail to draw, by number
}

// Ready is true: the fake has no engine to start.
func (f *fakePages) Ready() bool { return true }

func (f *fakePages) Open(_ context.Context, path, password string) (PageDoc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("open paper: %w", err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, fmt.Errorf("open PDF: %w", docs.ErrDamaged)
	}
	if f.password != "" && password != f.password {
		if password == "" {
			return nil, fmt.Errorf("open PDF: %w", docs.ErrEncrypted)
		}
		return nil, fmt.Errorf("open PDF: %w", docs.ErrBadPassword)
	}
	sha := strings.TrimSuffix(filepath.Base(path), ".pdf")
	pages, _ := f.lib.Pages(sha)
	return &fakeDoc{f: f, pages: pages}, nil
}

type fakeDoc struct {
	f     *fakePages
	pages []docs.Page
}

func (d *fakeDoc) NumPages() int { return len(d.pages) }

func (d *fakeDoc) PageSize(n int) (float64, float64, error) {
	if n < 1 || n > len(d.pages) {
		return 0, 0, fmt.Errorf("page %d: no such page", n)
	}
	return 595, 842, nil
}

func (d *fakeDoc) Render(n int, dpi float64) (image.Image, error) {
	d.f.renders.Add(1)
	if err := d.f.renderErr[n]; err != nil {
		return nil, err
	}
	w, h, err := d.PageSize(n)
	if err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rect(0, 0, int(w*dpi/72), int(h*dpi/72)))
	img.Set(0, 0, color.Black)
	return img, nil
}

// Character boxes: a 50-point margin, lines 12 points apart.
const (
	fakeMargin  = 50
	fakeAdvance = 6
	fakeLine    = 12
)

func (d *fakeDoc) CharBoxes(n int) ([]docs.CharBox, error) {
	if n < 1 || n > len(d.pages) {
		return nil, fmt.Errorf("page %d: no such page", n)
	}
	var out []docs.CharBox
	x, top := float64(fakeMargin), 842.0-fakeMargin
	for _, r := range d.pages[n-1].Text {
		if r == '\n' {
			x, top = fakeMargin, top-fakeLine
			continue
		}
		out = append(out, docs.CharBox{Rune: r, Box: docs.Rect{Left: x, Right: x + fakeAdvance - 1, Top: top, Bottom: top - 10}})
		x += fakeAdvance
	}
	return out, nil
}

func (d *fakeDoc) Close() error { return nil }

// fakeSearch finds pages holding every word of the query, as a crude
// index would, and remembers the last request.
type fakeSearch struct {
	lib *fakeLib

	mu   sync.Mutex
	last search.Request
}

func (s *fakeSearch) Search(req search.Request) (*search.Result, error) {
	s.mu.Lock()
	s.last = req
	s.mu.Unlock()
	if strings.HasPrefix(req.Query, "\"") && !strings.HasSuffix(req.Query, "\"") {
		return nil, &search.QueryError{Msg: "The search has an opening quote with no closing quote."}
	}
	words := strings.Fields(strings.ToLower(req.Query))
	vs, _ := s.lib.Versions(false)
	res := &search.Result{Query: req.Query}
	for _, v := range vs {
		if req.Kind != "" && string(v.Kind) != req.Kind {
			continue
		}
		pages, _ := s.lib.Pages(v.SHA256)
		for _, p := range pages {
			low := strings.ToLower(p.Text)
			var matches [][2]int
			for _, w := range words {
				i := strings.Index(low, w)
				if i < 0 {
					matches = nil
					break
				}
				matches = append(matches, [2]int{i, i + len(w)})
			}
			if len(matches) == 0 {
				continue
			}
			res.Total++
			if len(res.Hits) >= max(req.Limit, 1) {
				continue
			}
			m := matches[0]
			snip := p.Text[max(0, m[0]-30):m[0]] + "«" + p.Text[m[0]:m[1]] + "»" + p.Text[m[1]:min(len(p.Text), m[1]+30)]
			h := search.Hit{Pack: v.ID(), SHA256: v.SHA256, Title: v.Title, Date: v.Date, Committee: v.Committee,
				Kind: string(v.Kind), Page: p.Number, Snippet: strings.Join(strings.Fields(snip), " "), Matches: matches}
			if p.Printed != "" {
				pr := p.Printed
				h.PrintedPage = &pr
			}
			res.Hits = append(res.Hits, h)
		}
	}
	return res, nil
}

func (s *fakeSearch) lastRequest() search.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last
}

// fixture is a window on a fake library holding the sample papers.
type fixture struct {
	t      *testing.T
	u      *UI
	w      fyne.Window
	lib    *fakeLib
	pages  *fakePages
	search *fakeSearch
	pack   *docs.Version // the sample reports pack
	now    time.Time
}

// newFixture opens a window on a library with the sample reports pack
// (added a month before now) and whatever add puts in.
func newFixture(t *testing.T, add func(lib *fakeLib, now time.Time)) *fixture {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	f := &fixture{t: t, w: w, lib: newFakeLib(t), now: time.Date(2023, 11, 1, 9, 0, 0, 0, time.UTC)}
	f.pack = f.lib.add(t, samplePacks(t)["pack"], f.now.AddDate(0, -1, 0))
	if add != nil {
		add(f.lib, f.now)
	}
	f.pages = &fakePages{lib: f.lib}
	f.search = &fakeSearch{lib: f.lib}
	f.u = f.start(a, w)
	return f
}

// start builds a window on the fixture's library, as New does.
func (f *fixture) start(a fyne.App, w fyne.Window) *UI {
	u := newUI(a, w, Deps{Library: f.lib, Pages: f.pages, Search: f.search}, newAsync(true))
	u.now = func() time.Time { return f.now }
	f.t.Cleanup(u.Close)
	u.async.settle(u.renderer.Wait) // nothing is applied before the clock is set
	return u
}

// settle lets background work finish and applies its results.
func (f *fixture) settle() { f.u.async.settle(f.u.renderer.Wait) }

// rowOf is the index of the papers-list row for v.
func (f *fixture) rowOf(v *docs.Version) int {
	f.t.Helper()
	for i, r := range f.u.Library.rows {
		if r.version != nil && r.version.SHA256 == v.SHA256 {
			return i
		}
	}
	f.t.Fatalf("no row for %s", v.Title)
	return -1
}

// openFromList opens v as a member would: choosing it in the list.
func (f *fixture) openFromList(v *docs.Version) {
	f.t.Helper()
	f.u.Library.list.Select(f.rowOf(v))
	f.settle()
	if f.u.Reader.doc == nil {
		f.t.Fatalf("%s did not open: %s (error: %q)", v.Title, f.u.Reader.message.Text, f.u.lastError)
	}
}

// shown reports whether page n (from 1) has a drawing on screen.
func (f *fixture) shown(n int) bool {
	t := f.u.Reader.pagesView.tiles[n-1]
	return t.img.Image != nil && t.dpi > 0
}

// press sends a key to the window with nothing focused.
func (f *fixture) press(k fyne.KeyName) {
	f.w.Canvas().Unfocus()
	f.u.onTypedKey(&fyne.KeyEvent{Name: k})
	f.settle()
}

// menuItem finds a menu item by its label.
func (f *fixture) menuItem(label string) *fyne.MenuItem {
	f.t.Helper()
	for _, m := range f.u.menu.Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	f.t.Fatalf("no menu item %q", label)
	return nil
}

// The real types satisfy the interfaces (main asserts these too).
var (
	_ Library  = (*library.Library)(nil)
	_ Searcher = (*search.Index)(nil)
	_ Importer = (*library.Papers)(nil)
	_ PageDoc  = (*pdf.PDFDoc)(nil)
)
