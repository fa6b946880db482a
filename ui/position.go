package ui

import (
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2/lang"
)

// position is where a member left a paper: a PDF page and how it was
// zoomed.
type position struct {
	page int
	zoom float32 // when fit is fitNone
	fit  fitMode
}

// positionKey is the setting that keeps a paper's reading position.
func positionKey(sha256 string) string { return "position/" + sha256 }

// String is the setting's value: "page zoom", the zoom a factor ("1.25")
// or "width" or "page" for the fitted zooms.
func (p position) String() string {
	switch p.fit {
	case fitWidth:
		return strconv.Itoa(p.page) + " width"
	case fitPage:
		return strconv.Itoa(p.page) + " page"
	}
	return strconv.Itoa(p.page) + " " + strconv.FormatFloat(float64(p.zoom), 'f', 2, 32)
}

// parsePosition reads a setting written by position.String.
func parsePosition(s string) (position, bool) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return position{}, false
	}
	page, err := strconv.Atoi(f[0])
	if err != nil || page < 1 {
		return position{}, false
	}
	p := position{page: page, fit: fitWidth}
	if len(f) > 1 {
		switch f[1] {
		case "width":
		case "page":
			p.fit = fitPage
		default:
			z, err := strconv.ParseFloat(f[1], 32)
			if err == nil && z >= minZoom && z <= maxZoom {
				p.fit, p.zoom = fitNone, float32(z)
			}
		}
	}
	return p, true
}

// position is where the member is now.
func (r *ReaderView) position() position {
	return position{page: max(r.current, 1), zoom: r.zoom, fit: r.fit}
}

// savePositionLater stores the position once scrolling pauses.
func (r *ReaderView) savePositionLater() {
	if r.doc == nil || r.position() == r.saved {
		return
	}
	r.saveLater.call(r.savePosition)
}

// savePosition stores the position off the UI thread.
func (r *ReaderView) savePosition() {
	if r.version == nil || r.doc == nil {
		return
	}
	p := r.position()
	if p == r.saved {
		return
	}
	r.saved = p
	r.u.Library.noteRead(r.version.SHA256, p)
	lib, key, seq := r.u.deps.Library, positionKey(r.version.SHA256), r.saver.next()
	r.u.async.run(func() func() {
		if err := r.saver.write(lib, key, p.String(), seq); err != nil {
			return func() { r.showSaveError(err) }
		}
		return nil
	})
}

// savePositionNow stores the position at once: the paper is being closed,
// or the app is stopping.
func (r *ReaderView) savePositionNow() {
	if r.version == nil || r.doc == nil {
		return
	}
	p := r.position()
	r.u.Library.noteRead(r.version.SHA256, p)
	if p == r.saved {
		return
	}
	r.saved = p
	if err := r.saver.write(r.u.deps.Library, positionKey(r.version.SHA256), p.String(), r.saver.next()); err != nil {
		r.showSaveError(err)
	}
}

// positionSaver keeps writes of reading positions in order: a write
// started earlier on another goroutine never overwrites a later one.
type positionSaver struct {
	mu      sync.Mutex
	seq     uint64 // the last number handed out; UI thread only
	written uint64 // the newest write done
}

// next numbers a write; called on the UI thread.
func (s *positionSaver) next() uint64 {
	s.seq++
	return s.seq
}

// write stores val unless a newer write has been done.
func (s *positionSaver) write(lib Library, key, val string, seq uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if seq <= s.written {
		return nil
	}
	s.written = seq
	return lib.SetSetting(key, val)
}

// showSaveError says the reading position was not kept; reading goes on.
func (r *ReaderView) showSaveError(err error) {
	r.sayPageError(lang.L("Your place in this paper could not be saved:") + " " + r.u.explain(err))
}
