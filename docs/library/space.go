package library

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"panelpapers/docs"
)

// Space is the disk space the library takes.
type Space struct {
	// Papers is the size of the papers' PDFs, and Count how many there are.
	Papers int64
	Count  int
	// Total is the whole data folder: the papers, the records, the search
	// index and any download not yet finished.
	Total int64
}

// SpaceUsed measures the library's data folder.
func (im *Papers) SpaceUsed() (Space, error) {
	l := im.Lib
	var s Space
	files := filepath.Join(l.dir, "files")
	err := filepath.WalkDir(l.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			// A file removed while we walk (a finished download) is no error.
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		s.Total += fi.Size()
		if filepath.Dir(path) == files && strings.HasSuffix(d.Name(), ".pdf") {
			s.Papers += fi.Size()
			s.Count++
		}
		return nil
	})
	if err != nil {
		return Space{}, fmt.Errorf("measure the library folder %s: %w", l.dir, err)
	}
	return s, nil
}

// Clearing is a removal of old papers to free space: what goes, and what
// stays because the member wrote notes on it.
type Clearing struct {
	Before string // yyyy-mm-dd: papers of meetings before this day
	// Remove are the papers to remove (or, from RemoveOld, removed): every
	// version, older versions first.
	Remove []*docs.Version
	Bytes  int64 // the size of their files
	// Kept are papers of those meetings kept because they carry notes.
	Kept []*docs.Version
}

// OldPapers lists what RemoveOld(before) would remove: every version of the
// papers of meetings dated before `before` (yyyy-mm-dd). Undated papers are
// never included, nor any version of a paper that has notes: notes are the
// member's own work, and older versions keep them until they are carried to
// the new one.
func (im *Papers) OldPapers(before string) (*Clearing, error) {
	l := im.Lib
	if _, err := time.Parse(time.DateOnly, before); err != nil {
		return nil, fmt.Errorf("papers before %q: want a date as yyyy-mm-dd", before)
	}
	all, err := l.Versions(true)
	if err != nil {
		return nil, err
	}
	noted, err := l.notedPapers()
	if err != nil {
		return nil, err
	}
	c := &Clearing{Before: before}
	for _, v := range all {
		if v.Date == "" || v.Date >= before {
			continue
		}
		if noted[v.Document] || noted[v.SHA256] {
			c.Kept = append(c.Kept, v)
			continue
		}
		c.Remove = append(c.Remove, v)
		c.Bytes += v.Size
	}
	// Superseded versions go first: removing a current version while an
	// older one is still there would make the older one current (and indexed)
	// for a moment.
	sort.SliceStable(c.Remove, func(i, j int) bool { return !c.Remove[i].Current() && c.Remove[j].Current() })
	return c, nil
}

// notedPapers is the set of document keys and versions that carry notes.
func (l *Library) notedPapers() (map[string]bool, error) {
	notes, err := l.Notes(docs.NoteFilter{})
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, n := range notes {
		out[n.Document] = true
		out[n.Version] = true
		if n.Moved != nil {
			out[n.Moved.From] = true
		}
	}
	return out, nil
}

// RemoveOld removes the papers of meetings before `before` (see OldPapers)
// from the library and the search index, and says what it removed. The
// records of where papers came from stay, so that a sync does not download
// them again while the council leaves them as they are. On an error the
// papers removed so far are in the result; an index that could not follow
// gives ErrIndexBehind after all are removed.
func (im *Papers) RemoveOld(before string) (*Clearing, error) {
	plan, err := im.OldPapers(before)
	if err != nil {
		return nil, fmt.Errorf("remove old papers: %w", err)
	}
	done := &Clearing{Before: before, Kept: plan.Kept}
	var behind error
	for _, v := range plan.Remove {
		err := im.Remove(v.SHA256)
		if err != nil && !errors.Is(err, docs.ErrIndexBehind) {
			return done, fmt.Errorf("remove old papers: %s: %w", v.Title, err)
		}
		if err != nil {
			behind = err
		}
		done.Remove = append(done.Remove, v)
		done.Bytes += v.Size
	}
	return done, behind
}
