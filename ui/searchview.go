package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/search"
	"panelpapers/ui/widgets"
)

// searchPage is how many hits a search shows at first, and how many more
// "Show more results" adds.
const searchPage = 50

// Labels of the filters' "any" choices.
func anyCommittee() string { return lang.L("Any committee") }
func anyKind() string      { return lang.L("Any kind of paper") }

// kindChoice is a kind a search can be narrowed to, as the member reads it.
type kindChoice struct {
	label string
	kind  docs.Kind
}

// kindChoices are the kinds a search can be narrowed to.
func kindChoices() []kindChoice {
	return []kindChoice{
		{lang.L("Reports packs"), docs.KindAgenda},
		{lang.L("Supplements"), docs.KindSupplement},
		{lang.L("Minutes"), docs.KindMinutes},
		{lang.L("Reports"), docs.KindReport},
		{lang.L("Other papers"), docs.KindOther},
	}
}

// SearchView searches every paper as the member types: results grouped by
// meeting, the matched words in bold, narrowed by committee, meeting dates
// and kind of paper. Choosing a result opens the paper at that page with
// the words marked.
type SearchView struct {
	u        *UI
	searcher Searcher
	gen      int // bumped per search, to drop stale answers
	limit    int

	hits    []search.Hit // in the order shown
	hitRows []*hitRow
	opened  int  // the hit last opened, -1 none: F3 goes on from it
	toFirst bool // Enter was pressed: the keyboard goes to the first result once shown
	shown   int  // hits shown before "Show more results", whose first new one then takes the keyboard

	query     *widgets.KeyEntry // in the window's bar
	committee *widget.Select
	from      *widget.DateEntry
	to        *widget.DateEntry
	kind      *widget.Select
	clear     *widget.Button
	summary   *widget.Label
	results   *fyne.Container
	more      *widget.Button
	scroll    *container.Scroll
	root      *fyne.Container

	later *debouncer
}

func newSearchView(u *UI) *SearchView {
	s := &SearchView{u: u, searcher: u.deps.Search, limit: searchPage, opened: -1}
	s.later = &debouncer{a: u.async, delay: 200 * time.Millisecond}
	if u.async.manual {
		s.later.delay = 0
	}
	s.query = widgets.NewKeyEntry()
	s.query.SetPlaceHolder(lang.L("Search all papers (Ctrl+K)"))
	s.query.OnChanged = s.onQueryChanged
	s.query.OnSubmitted = func(string) { s.onSubmit() }
	s.query.OnKey = func(k *fyne.KeyEvent) bool {
		switch k.Name {
		case fyne.KeyEscape:
			u.closeSearch()
			return true
		case fyne.KeyDown:
			s.focusHit(0)
			return true
		case fyne.KeyF3:
			s.step(1)
			return true
		}
		return false
	}
	s.committee = widget.NewSelect([]string{anyCommittee()}, nil)
	s.committee.SetSelected(anyCommittee())
	s.committee.OnChanged = func(string) { s.onFilterChanged() }
	kinds := []string{anyKind()}
	for _, k := range kindChoices() {
		kinds = append(kinds, k.label)
	}
	s.kind = widget.NewSelect(kinds, nil)
	s.kind.SetSelected(anyKind())
	s.kind.OnChanged = func(string) { s.onFilterChanged() }
	s.from = widget.NewDateEntry()
	s.from.SetPlaceHolder(lang.L("From date"))
	s.from.OnChanged = func(*time.Time) { s.onFilterChanged() }
	s.to = widget.NewDateEntry()
	s.to.SetPlaceHolder(lang.L("To date"))
	s.to.OnChanged = func(*time.Time) { s.onFilterChanged() }
	s.clear = widget.NewButton(lang.L("Clear filters"), s.onClearFilters)

	s.summary = widget.NewLabel(lang.L("Type a word or two to search all papers."))
	s.summary.Wrapping = fyne.TextWrapWord
	s.results = container.NewVBox()
	// The button is the last of the results (showHits puts it there), so
	// that the list makes room for it.
	s.more = widget.NewButtonWithIcon(lang.L("Show more results"), theme.MoreVerticalIcon(), s.onMore)
	s.scroll = container.NewVScroll(s.results)

	h := s.from.MinSize().Height
	// The filters wrap onto a second row in a narrow window; each date
	// stays with its label.
	filters := container.New(widgets.NewFlow(),
		container.NewGridWrap(fyne.NewSize(260, h), s.committee),
		container.NewHBox(widget.NewLabel(lang.L("Meetings from")), container.NewGridWrap(fyne.NewSize(160, h), s.from)),
		container.NewHBox(widget.NewLabel(lang.L("to")), container.NewGridWrap(fyne.NewSize(160, h), s.to)),
		container.NewGridWrap(fyne.NewSize(190, h), s.kind), s.clear,
	)
	top := container.NewVBox(filters, s.summary, widget.NewSeparator())
	s.root = widgets.Border(top, nil, nil, nil, s.scroll)
	return s
}

// setSearcher hands over the index once it is open.
func (s *SearchView) setSearcher(x Searcher) {
	s.searcher = x
	if strings.TrimSpace(s.query.Text) != "" {
		s.run()
	}
}

// setCommittees offers the library's committees as a filter.
func (s *SearchView) setCommittees(names []string) {
	sel := s.committee.Selected
	s.committee.Options = append([]string{anyCommittee()}, names...)
	s.committee.Refresh()
	found := false
	for _, n := range s.committee.Options {
		found = found || n == sel
	}
	if !found {
		s.committee.SetSelected(anyCommittee())
	}
}

func (s *SearchView) onQueryChanged(string) {
	if s.u.view != s.root {
		s.u.before = s.u.view
		s.u.show(s.root)
	}
	s.limit = searchPage
	s.later.call(s.run)
}

func (s *SearchView) onFilterChanged() {
	s.limit = searchPage
	s.later.call(s.run)
}

func (s *SearchView) onClearFilters() {
	s.from.SetText("")
	s.to.SetText("")
	s.committee.SetSelected(anyCommittee())
	s.kind.SetSelected(anyKind())
	s.onFilterChanged()
}

func (s *SearchView) onMore() {
	s.shown = len(s.hits)
	s.limit += searchPage
	s.run()
}

// onSubmit is Enter in the search box: the results, not the first paper.
// A search still waiting for the member to stop typing runs at once, and
// the keyboard goes to the first result, from where Enter opens it and
// the arrow keys move on.
func (s *SearchView) onSubmit() {
	if strings.TrimSpace(s.query.Text) == "" {
		return
	}
	s.later.cancel()
	s.toFirst = true
	s.run()
}

// focusHit gives the keyboard to the i-th result, scrolled into view.
func (s *SearchView) focusHit(i int) {
	if i < 0 || i >= len(s.hitRows) {
		return
	}
	row := s.hitRows[i].row
	s.u.win.Canvas().Focus(row)
	s.scroll.ScrollToOffset(fyne.NewPos(0, max(0, row.Position().Y-s.scroll.Size().Height/3)))
}

// request is the search the boxes describe.
func (s *SearchView) request() search.Request {
	req := search.Request{Query: strings.TrimSpace(s.query.Text), Limit: s.limit}
	if c := s.committee.Selected; c != anyCommittee() {
		req.Committee = c
	}
	for _, k := range kindChoices() {
		if s.kind.Selected == k.label {
			req.Kind = string(k.kind)
		}
	}
	if s.from.Date != nil {
		req.From = s.from.Date.Format("2006-01-02")
	}
	if s.to.Date != nil {
		req.To = s.to.Date.Format("2006-01-02")
	}
	return req
}

// run searches off the UI thread and shows the answer if no newer search
// has started meanwhile.
func (s *SearchView) run() {
	req := s.request()
	s.gen++
	gen := s.gen
	switch {
	case req.Query == "":
		s.showHits(nil, 0)
		s.summary.SetText(lang.L("Type a word or two to search all papers."))
		return
	case s.searcher == nil:
		s.showHits(nil, 0)
		s.summary.SetText(lang.L("Search is getting ready: the papers are being indexed. Your results will appear here."))
		return
	}
	x := s.searcher
	s.u.async.run(func() func() {
		res, err := x.Search(req)
		return func() {
			if gen != s.gen {
				return
			}
			if err != nil {
				s.showHits(nil, 0)
				s.summary.SetText(s.u.explain(err))
				return
			}
			s.showHits(res.Hits, res.Total)
			s.summary.SetText(resultSummary(res, len(s.hits)))
			switch {
			case s.toFirst:
				s.focusHit(0)
			case s.shown > 0:
				s.focusHit(s.shown)
			}
			s.toFirst, s.shown = false, 0
		}
	})
}

// resultSummary says how many pages matched.
func resultSummary(res *search.Result, shown int) string {
	n := int(min(res.Total, 1<<31-1))
	switch {
	case res.Total == 0:
		return lang.L("No pages match. Check the spelling, try fewer words, or clear the filters.")
	case uint64(shown) < res.Total:
		return plural("count.pages-match-shown", "{{.Count}} pages match; the best {{.Shown}} are shown.", n, tv{"Count": n, "Shown": shown})
	}
	return plural("count.pages-match", "{{.Count}} pages match.", n, tv{"Count": n})
}

// showHits lays out hits grouped by meeting: the meetings in the order of
// their best hit, each meeting's hits best first.
func (s *SearchView) showHits(hits []search.Hit, total uint64) {
	type group struct {
		committee, date string
		hits            []search.Hit
	}
	var groups []*group
	index := map[meetingKey]*group{}
	for _, h := range hits {
		k := meetingKey{h.Committee, h.Date}
		g := index[k]
		if g == nil {
			g = &group{committee: h.Committee, date: h.Date}
			index[k] = g
			groups = append(groups, g)
		}
		g.hits = append(g.hits, h)
	}
	s.hits = s.hits[:0]
	s.hitRows = s.hitRows[:0]
	s.opened = -1
	var objs []fyne.CanvasObject
	for _, g := range groups {
		head := widget.NewLabel(strings.Join(nonEmpty(orDefault(g.committee, lang.L("Other papers")), meetingTitle(g.date)), " — "))
		head.TextStyle = fyne.TextStyle{Bold: true}
		head.SizeName = theme.SizeNameSubHeadingText
		head.Wrapping = fyne.TextWrapWord
		objs = append(objs, head)
		for _, h := range g.hits {
			i := len(s.hits)
			row := newHitRow(h, func() { s.onChoose(i) }, s.onMoveFocus)
			s.hits = append(s.hits, h)
			s.hitRows = append(s.hitRows, row)
			objs = append(objs, row.row)
		}
	}
	if uint64(len(hits)) < total && len(hits) < search.MaxLimit {
		objs = append(objs, container.NewCenter(s.more))
	}
	s.results.Objects = objs
	s.results.Refresh()
	s.scroll.Refresh()
	if s.limit <= searchPage {
		s.scroll.ScrollToTop()
	}
}

// moreShown reports whether "Show more results" is offered.
func (s *SearchView) moreShown() bool {
	objs := s.results.Objects
	return len(objs) > 0 && isMoreRow(objs[len(objs)-1], s.more)
}

// isMoreRow reports whether o is the row holding the more button.
func isMoreRow(o fyne.CanvasObject, more *widget.Button) bool {
	c, ok := o.(*fyne.Container)
	return ok && len(c.Objects) == 1 && c.Objects[0] == more
}

// onChoose opens the i-th hit as what it is: a page of a paper at that
// page with the words marked, the member's note on its page with its words
// marked, or a question draft in the questions view.
func (s *SearchView) onChoose(i int) {
	if i < 0 || i >= len(s.hits) {
		return
	}
	s.opened = i
	h := s.hits[i]
	switch {
	case h.Draft != "":
		s.u.Questions.openDraft(h.Draft)
	case h.Note != "":
		s.openNote(h)
	default:
		s.u.openBySHA(h.SHA256, &place{page: h.Page, matches: h.Matches, fromResults: true})
	}
}

// openNote opens the paper a note is on at its page, with the words it
// quotes marked (a note's hit matched the note's own words, not the
// page's). A note no longer found opens at the page the index knew.
func (s *SearchView) openNote(h search.Hit) {
	at := &place{page: h.Page, fromResults: true}
	store := s.u.deps.Notes
	if store == nil {
		s.u.openBySHA(h.SHA256, at)
		return
	}
	s.u.async.run(func() func() {
		sha := h.SHA256
		all, err := store.List(docs.NoteFilter{})
		if err == nil {
			for _, n := range all {
				if n.ID == h.Note && n.Version != "" {
					sha = n.Version
					at.page = max(n.Page, 1)
					if n.Quote != "" {
						at.quote = &quoteRef{start: n.Start, end: n.End, text: n.Quote}
					}
				}
			}
		}
		return func() { s.u.openBySHA(sha, at) }
	})
}

// step opens the next (dir 1) or previous (-1) result after the one last
// opened: F3 and Shift+F3 once a paper was opened from the results.
func (s *SearchView) step(dir int) bool {
	i := s.opened + dir
	if s.opened < 0 {
		i = 0
	}
	if i < 0 || i >= len(s.hits) {
		return false
	}
	s.onChoose(i)
	return true
}

// backToResults shows the results again, with the keyboard on the one last
// opened.
func (u *UI) backToResults() {
	s := u.Search
	if len(s.hits) == 0 {
		u.openSearch()
		return
	}
	u.show(s.root)
	if s.opened >= 0 {
		s.focusHit(s.opened)
		return
	}
	u.win.Canvas().Focus(s.query)
}

// openDraft shows a question draft from a search result in the questions
// view, reading the drafts afresh first.
func (v *QuestionsView) openDraft(id string) {
	if v.u.view != v.root {
		v.u.show(v.root)
	}
	v.backB.Hidden = v.u.Reader.doc == nil
	v.backB.Refresh()
	v.reloadThen(func() { v.onChooseDraft(id) })
}

// onMoveFocus moves the keyboard from a hit to the next or previous one,
// or back to the search box from the first.
func (s *SearchView) onMoveFocus(from *hitRow, dir int) {
	c := s.u.win.Canvas()
	for i, r := range s.hitRows {
		if r != from {
			continue
		}
		switch j := i + dir; {
		case j < 0:
			c.Focus(s.query)
		case j < len(s.hitRows):
			s.focusHit(j)
		case s.moreShown():
			c.Focus(s.more)
		}
		return
	}
}

// hitRow is one result: what it is (a page of a paper, the member's note,
// or a question draft) by its icon and first words, where it is, and the
// snippet with the matched words in bold. It can be chosen by click, or by
// Enter once focused with Tab or the arrow keys; row is what goes in the
// list.
type hitRow struct {
	row     *widgets.FocusRow
	hit     search.Hit
	icon    *widget.Icon
	title   *widget.Label
	snippet *widget.RichText
}

// Kinds of search hit besides pages: the member's own writing.
const (
	hitNote     = "note"
	hitQuestion = "question"
)

// newHitRow makes the row of h; the arrow keys on it go to onMove, to the
// next (+1) or previous (-1) hit.
func newHitRow(h search.Hit, onChoose func(), onMove func(r *hitRow, dir int)) *hitRow {
	r := &hitRow{hit: h}
	r.icon = widget.NewIcon(hitIcon(h))
	r.title = widget.NewLabel(hitTitle(h))
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	r.title.Importance = widget.HighImportance
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.snippet = widget.NewRichText(snippetSegments(h.Snippet)...)
	r.snippet.Wrapping = fyne.TextWrapWord
	if h.Kind == hitNote || h.Kind == hitQuestion {
		// The member's own words, set apart from the papers' as a quote is.
		for _, seg := range r.snippet.Segments {
			if t, ok := seg.(*widget.TextSegment); ok {
				t.Style.TextStyle.Italic = true
			}
		}
	}
	text := container.New(widgets.NewTightVBox(), r.title, r.snippet)
	r.row = widgets.NewFocusRow(widgets.Border(nil, nil, container.NewVBox(r.icon), nil, text), onChoose)
	r.row.OnMove = func(dir int) { onMove(r, dir) }
	return r
}

// hitIcon is what a hit is at a glance: a page, a note, a question.
func hitIcon(h search.Hit) fyne.Resource {
	switch h.Kind {
	case hitNote:
		return theme.DocumentCreateIcon()
	case hitQuestion:
		return theme.MailComposeIcon()
	}
	return theme.FileTextIcon()
}

// hitTitle says what a hit is and where: "Reports pack · Page 23 · item
// 5", "Your note · Reports pack, page 23", "Your question · Rural crime".
func hitTitle(h search.Hit) string {
	where := lang.L("PDF page {{.Page}}", tv{"Page": h.Page})
	if h.PrintedPage != nil {
		where = lang.L("Page {{.Printed}}", tv{"Printed": *h.PrintedPage})
	}
	switch h.Kind {
	case hitNote:
		e := docs.NoteEntry{Note: docs.Note{Page: h.Page}, Paper: h.Title, PaperKind: guessKind(h.Title)}
		if h.PrintedPage != nil {
			e.Printed = *h.PrintedPage
		}
		return lang.L("Your note") + " · " + noteWhere(e)
	case hitQuestion:
		parts := []string{lang.L("Your question")}
		if t := strings.TrimSpace(h.Title); t != "" && t != search.DraftTitle {
			parts = append(parts, t)
		}
		return strings.Join(parts, " · ")
	}
	parts := []string{paperTitleOf(h.Title, h.Kind), where}
	if h.Item != nil {
		parts = append(parts, lang.L("item {{.Number}}", tv{"Number": *h.Item}))
	}
	return strings.Join(parts, " · ")
}

// guessKind is the kind of paper a note's paper title names, so that a
// title that only names its kind reads in the window's language.
func guessKind(title string) docs.Kind {
	for k, name := range kindNamesEnglish {
		if strings.EqualFold(strings.TrimSpace(title), name) {
			return k
		}
	}
	return docs.KindOther
}

// paperTitleOf is paperTitle for a hit's title and kind.
func paperTitleOf(title, kind string) string {
	return paperTitle(&docs.Version{Title: title, Kind: docs.Kind(kind)})
}

// snippetSegments turns a snippet's «marked» words into bold text.
func snippetSegments(snip string) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	add := func(text string, bold bool) {
		if text == "" {
			return
		}
		style := widget.RichTextStyleInline
		if bold {
			style = widget.RichTextStyleStrong
		}
		segs = append(segs, &widget.TextSegment{Text: text, Style: style})
	}
	for snip != "" {
		i := strings.Index(snip, "«")
		if i < 0 {
			add(snip, false)
			break
		}
		add(snip[:i], false)
		rest := snip[i+len("«"):]
		j := strings.Index(rest, "»")
		if j < 0 {
			add(rest, true)
			break
		}
		add(rest[:j], true)
		snip = rest[j+len("»"):]
	}
	return segs
}
