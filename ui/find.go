package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"panelpapers/docs"
)

// markWords colours the given ranges of page's stored text where PDFium
// finds them on the page; current, if not -1, is the range in a stronger
// colour, and scroll brings it (or the first) into view.
func (r *ReaderView) markWords(page int, ranges [][2]int, current int, scroll bool) {
	r.markWordsIn(page, r.pageText(page), ranges, current, scroll)
}

// markPlace marks what a place asks for on the page being read: a note's
// words, or a search's.
func (r *ReaderView) markPlace(at *place) {
	switch {
	case at == nil:
	case at.quote != nil:
		text, ranges := quoteRanges(r.pageText(r.current), at.quote)
		r.markWordsIn(r.current, text, ranges, -1, true)
	case len(at.matches) > 0:
		r.markWords(r.current, at.matches, -1, true)
	}
}

// quoteRanges is where a note's words are: in the page's text at the note's
// offsets when they still hold its words; else the words themselves,
// which markWordsIn then finds on the page as it finds any words.
func quoteRanges(page string, q *quoteRef) (string, [][2]int) {
	runes := []rune(page)
	if q.start >= 0 && q.start < q.end && q.end <= len(runes) &&
		strings.Join(strings.Fields(string(runes[q.start:q.end])), " ") == strings.Join(strings.Fields(q.text), " ") {
		from := len(string(runes[:q.start]))
		return page, [][2]int{{from, from + len(string(runes[q.start:q.end]))}}
	}
	return q.text, [][2]int{{0, len(q.text)}}
}

// markWordsIn is markWords with ranges of text, which need not be the
// page's stored text (a note's quote).
func (r *ReaderView) markWordsIn(page int, text string, ranges [][2]int, current int, scroll bool) {
	if r.doc == nil || page < 1 || page > r.numPages {
		return
	}
	r.clearMarks()
	gen, doc := r.gen, r.doc
	r.u.async.run(func() func() {
		chars, err := doc.CharBoxes(page)
		if err != nil {
			return nil
		}
		boxes := wordBoxes(text, ranges, chars)
		return func() {
			if gen != r.gen {
				return
			}
			var marks []mark
			var focus *docs.Rect
			for i, bs := range boxes {
				for j := range bs {
					marks = append(marks, mark{box: bs[j], current: i == current})
					if focus == nil && (current < 0 || i == current) {
						focus = &bs[j]
					}
				}
			}
			r.marksPage, r.markCount = page, len(marks)
			r.pagesView.tiles[page-1].setMarks(marks, r.sizes[page-1])
			if scroll && focus != nil {
				r.scrollToBox(page, *focus)
			}
		}
	})
}

// clearMarks removes the marked words.
func (r *ReaderView) clearMarks() {
	if r.marksPage > 0 && r.marksPage <= len(r.pagesView.tiles) {
		r.pagesView.tiles[r.marksPage-1].setMarks(nil, fyne.Size{})
	}
	r.marksPage, r.markCount = 0, 0
}

// scrollToBox brings a box on a page into view, a third of the way down,
// if it is not in view already.
func (r *ReaderView) scrollToBox(page int, b docs.Rect) {
	col := r.pagesView.col
	y := col.top(page) + (r.sizes[page-1].Height-float32(b.Top))*r.zoom
	top, h := r.pagesView.viewport()
	if y >= top && y+float32(b.Top-b.Bottom)*r.zoom <= top+h {
		return
	}
	r.pagesView.scrollTo(r.pagesView.scroll.Offset.X, y-h/3)
	r.refreshVisible()
}

// openFind shows the find bar with the cursor in it.
func (r *ReaderView) openFind() {
	if r.doc == nil {
		return
	}
	r.findBar.Show()
	r.u.win.Canvas().Focus(r.findEntry)
	if r.findEntry.Text != "" {
		r.runFind()
	}
}

// closeFind hides the find bar and its marks.
func (r *ReaderView) closeFind() {
	if r.findBar.Hidden {
		return
	}
	r.findLater.cancel()
	r.findBar.Hide()
	r.findHits = nil
	r.clearMarks()
	r.u.win.Canvas().Unfocus()
}

// runFind looks for what is typed in the find bar, from the page being
// read onwards.
func (r *ReaderView) runFind() {
	q := r.findEntry.Text
	r.findHits = findInPages(r.pages, q)
	r.findAt = 0
	for i, h := range r.findHits {
		if h.page >= r.current {
			r.findAt = i
			break
		}
	}
	r.showFindHit()
}

func (r *ReaderView) onFindNext() {
	if len(r.findHits) == 0 {
		return
	}
	r.findAt = (r.findAt + 1) % len(r.findHits)
	r.showFindHit()
}

func (r *ReaderView) onFindPrevious() {
	if len(r.findHits) == 0 {
		return
	}
	r.findAt = (r.findAt - 1 + len(r.findHits)) % len(r.findHits)
	r.showFindHit()
}

// showFindHit goes to the current find hit and marks every hit on its page.
func (r *ReaderView) showFindHit() {
	q := strings.TrimSpace(r.findEntry.Text)
	switch {
	case q == "":
		r.findInfo.SetText("")
		r.clearMarks()
		return
	case len(r.findHits) == 0:
		msg := lang.L("Not found in this paper")
		if r.hasScans() {
			msg += " " + lang.L("(scanned pages cannot be searched)")
		}
		r.findInfo.SetText(msg)
		r.clearMarks()
		return
	}
	hit := r.findHits[r.findAt]
	r.findInfo.SetText(lang.L("{{.Index}} of {{.Count}}", tv{"Index": r.findAt + 1, "Count": len(r.findHits)}))
	var ranges [][2]int
	current := 0
	for _, h := range r.findHits {
		if h.page == hit.page {
			if h == hit {
				current = len(ranges)
			}
			ranges = append(ranges, [2]int{h.start, h.end})
		}
	}
	first, last := r.pagesView.visible()
	if hit.page < first || hit.page > last {
		r.goToPage(hit.page)
	}
	r.markWords(hit.page, ranges, current, true)
}

func (r *ReaderView) hasScans() bool {
	for _, p := range r.pages {
		if p.Scanned {
			return true
		}
	}
	return false
}
