package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"panelpapers/docs"
	"panelpapers/search"
)

// openIndex opens the search index of the library, bringing it up to date
// first if it is missing, damaged, outdated or behind the library (with a
// progress line on stderr).
func (e *env) openIndex() (*search.Index, error) {
	if idx := e.s.Index.Pages(); idx != nil {
		return idx, nil
	}
	lib, err := e.library()
	if err != nil {
		return nil, err
	}
	idx, err := search.Open(filepath.Join(e.s.Dir, "index"), lib, e.progress("Updating the search index"))
	if err != nil {
		return nil, err
	}
	e.s.Index.SetPages(idx)
	return idx, nil
}

// indexIfFree opens the index for a command that changes the library. If the
// window holds the index, the change goes ahead without it: the index
// catches up from the library the next time it is opened.
func (e *env) indexIfFree() *search.Index {
	idx, err := e.openIndex()
	if err != nil {
		if errors.Is(err, docs.ErrLocked) {
			fmt.Fprintln(e.errw, "Search is busy in the open window; it will catch up with this change when it is next opened.")
		} else {
			fmt.Fprintf(e.errw, "Search could not be updated (%s); it will be rebuilt when it is next opened.\n", Sentence(err))
		}
		return nil
	}
	return idx
}

// questionsIfFree opens the index of questions for a command that adds or
// removes papers, so that it keeps in step; when the window holds it (or it
// cannot be opened) it catches up the next time it is opened.
func (e *env) questionsIfFree() {
	if e.s.Index.Questions() != nil {
		return
	}
	lib, err := e.library()
	if err != nil {
		return
	}
	if q, err := search.OpenQuestions(e.s.QuestionsDir(), lib); err == nil {
		e.s.Index.SetQuestions(q)
	}
}

func searchCommands() []*command {
	return []*command{
		{name: "search", args: "[--json] [--committee NAME] [--from yyyy-mm-dd] [--to yyyy-mm-dd] [--kind KIND] [--limit N] QUERY",
			summary: "search every page of every paper",
			help: `Searches the text of every current paper, best pages first. QUERY is one
argument (quote it) or the words after --.

Query language:
  police budget        pages with both words (in any form: "stalking" finds "stalked")
  "rural crime"        the exact phrase
  -budget              leave out pages with the word
  polic*               words starting with "polic"
  comissioner~         words spelt nearly so
  committee:cabinet    only papers of that committee; item:4 only agenda item 4
Accents are optional: "dwr" finds "dŵr".

  --json              {"query","total","hits":[{"pack","title","date","committee","item","page","printed_page","score","snippet"}]}
  --committee NAME    only papers of committees whose name contains NAME
  --from, --to DATE   only meetings from / to that date (yyyy-mm-dd)
  --kind KIND         agenda, supplement, minutes, report, note or question
  --limit N           at most N pages (default 20)`,
			flags:   map[string]bool{"json": false, "committee": true, "from": true, "to": true, "kind": true, "limit": true},
			minArgs: 1, maxArgs: -1, run: cmdSearch},
		{name: "reindex", args: "", summary: "rebuild the search index from the library",
			help: `Rebuilds the search index, and the index of questions asked before, from
the library, with progress on stderr. Each is rebuilt by itself when it is
missing or damaged; this does it on demand.`,
			maxArgs: 0, run: cmdReindex},
	}
}

// limit reads --limit, or gives def when it is not set; ok is false (and
// the reason printed) when it is not a whole number of at least 1.
func (e *env) limit(o opts, def int) (n int, ok bool) {
	s, set := o["limit"]
	if !set {
		return def, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		fmt.Fprintf(e.errw, "--limit needs a whole number of at least 1, not %q.\n", s)
		return 0, false
	}
	return n, true
}

func cmdSearch(e *env, o opts, args []string) int {
	limit, ok := e.limit(o, 20)
	if !ok {
		return exitUsage
	}
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	// Only to search: read-only, unless the index must catch up first.
	idx, err := search.OpenToSearch(filepath.Join(e.s.Dir, "index"), lib, e.progress("Updating the search index"))
	if err == nil {
		defer idx.Close()
	}
	if errors.Is(err, docs.ErrLocked) {
		fmt.Fprintln(e.errw, "Search is in use by the open Panel Papers window: search there, or close it and try again.")
		return ExitFail
	}
	if err != nil {
		return e.fail(err)
	}
	req := search.Request{Query: strings.Join(args, " "), Committee: o["committee"], From: o["from"], To: o["to"],
		Kind: o["kind"], Limit: limit}
	res, err := idx.Search(req)
	if err != nil {
		return e.fail(err)
	}
	if o.has("json") {
		return e.printJSON(res)
	}
	for _, h := range res.Hits {
		where := []string{dateOrUndated(h.Date)}
		if h.Item != nil {
			where = append(where, "item "+*h.Item)
		}
		page := fmt.Sprintf("page %d", h.Page)
		if h.PrintedPage != nil && *h.PrintedPage != strconv.Itoa(h.Page) {
			page += fmt.Sprintf(" (printed %s)", *h.PrintedPage)
		}
		where = append(where, page, h.Pack)
		fmt.Fprintf(e.out, "%s — %s\n    %s\n\n", paperTitle(h.Title), strings.Join(where, ", "), h.Snippet)
	}
	if len(res.Hits) < int(res.Total) {
		fmt.Fprintf(e.errw, "%d pages match; showing the best %d (--limit to see more).\n", res.Total, len(res.Hits))
	} else if res.Total == 0 {
		fmt.Fprintln(e.errw, "No pages match.")
	}
	return ExitOK
}

func cmdReindex(e *env, _ opts, _ []string) int {
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	// Opening rebuilds an index that is missing or damaged; only an index
	// that opened as it was needs rebuilding here.
	progress := e.progress("Rebuilding the search index")
	rebuilt := false
	idx, err := search.Open(filepath.Join(e.s.Dir, "index"), lib, func(done, total int) {
		rebuilt = true
		progress(done, total)
	})
	if err != nil {
		return e.fail(err)
	}
	e.s.Index.SetPages(idx)
	if !rebuilt {
		if err := idx.Rebuild(lib, progress); err != nil {
			return e.fail(err)
		}
	}
	qs, err := search.OpenQuestions(e.s.QuestionsDir(), lib)
	if err == nil {
		e.s.Index.SetQuestions(qs)
		err = qs.Rebuild(lib)
	}
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintln(e.errw, "The search index is up to date.")
	return ExitOK
}
