package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/library"
)

func notesCommands() []*command {
	return []*command{
		{name: "notes", args: "add PACK PAGE --quote TEXT [--comment TEXT] [--colour NAME] | list [--json] [--colour NAME] [--tag TAG] [PACK] | export FILE | import FILE",
			summary: "the member's notes: add, list, back up and restore",
			help: `notes add PACK PAGE --quote TEXT [--comment TEXT] [--colour NAME]
  Highlights the words TEXT on PDF page PAGE of PACK (spacing, case, accents
  and line-end hyphens do not matter). Colours: yellow (default), green, blue,
  pink. Prints: added note <id> on page <PAGE> of <pack id>. Exit status 1
  when the words are not on that page.

notes list [--json] [--colour NAME] [--tag TAG] [PACK]
  Every note (or PACK's paper's notes, whichever version PACK names), newest
  meeting first. A note follows its paper: when the paper was republished it
  is listed on the current version, or as "needs attention" when its words
  could not be found there.
  --json  {"notes":[{"id","pack","sha256","paper","date","committee","page","printed",
           "kind","item","quote","comment","colour","tags","status","reason","created","updated"}]}
          status is "placed" or "needs attention"

notes export FILE
  Writes every note and question draft to FILE, a versioned JSON backup.

notes import FILE
  Restores a backup written by 'notes export' (or from the data folder's
  backups/): adds what the library lacks and keeps the newer copy of what
  it has, so importing the same file twice adds nothing. A file that is not
  a backup, or was written by a newer Panel Papers, changes nothing.`,
			flags:   map[string]bool{"json": false, "quote": true, "comment": true, "colour": true, "tag": true},
			minArgs: 1, maxArgs: 3, run: cmdNotes},
	}
}

func cmdNotes(e *env, o opts, args []string) int {
	usage := func() int {
		fmt.Fprintf(e.errw, "Usage: panelpapers notes %s\n", lookup("notes").args)
		return exitUsage
	}
	switch {
	case args[0] == "add" && len(args) == 3:
		return cmdNotesAdd(e, o, args[1], args[2])
	case args[0] == "list" && len(args) <= 2:
		return cmdNotesList(e, o, args[1:])
	case args[0] == "export" && len(args) == 2:
		return cmdNotesExport(e, args[1])
	case args[0] == "import" && len(args) == 2:
		return cmdNotesImport(e, args[1])
	case args[0] == "add" || args[0] == "list" || args[0] == "export" || args[0] == "import":
		return usage()
	}
	fmt.Fprintf(e.errw, "panelpapers notes: %q is not a notes command (add, list, export, import).\n", args[0])
	return exitUsage
}

// notebook sets up the notes flow: the library and, when free, the index.
func (e *env) notebook() (*library.Notebook, error) {
	lib, err := e.library()
	if err != nil {
		return nil, err
	}
	_ = lib
	e.indexIfFree()
	return e.s.Notebook()
}

// notesDone reports err: a lagging index is a warning (the note is saved),
// anything else a failure.
func (e *env) notesDone(err error) (ok bool, code int) {
	if err == nil {
		return true, ExitOK
	}
	if errors.Is(err, docs.ErrNoteIndexBehind) {
		fmt.Fprintln(e.errw, Sentence(err))
		return true, ExitOK
	}
	return false, e.fail(err)
}

func cmdNotesAdd(e *env, o opts, ref, page string) int {
	if strings.TrimSpace(o["quote"]) == "" {
		fmt.Fprintln(e.errw, "notes add needs --quote TEXT: the words to highlight.")
		return exitUsage
	}
	colour, err := docs.ParseColour(o["colour"])
	if err != nil {
		fmt.Fprintln(e.errw, "There is no colour "+strconv.Quote(o["colour"])+": use yellow, green, blue or pink.")
		return exitUsage
	}
	v, code := e.resolve(ref)
	if v == nil {
		return code
	}
	n, err := strconv.Atoi(page)
	if err != nil || n < 1 || n > v.Pages {
		fmt.Fprintf(e.errw, "There is no page %s: %s has pages 1 to %d.\n", page, v.ID(), v.Pages)
		return ExitFail
	}
	nb, err := e.notebook()
	if err != nil {
		return e.fail(err)
	}
	note, err := nb.Add(docs.Note{Version: v.SHA256, Page: n, Quote: o["quote"], Comment: o["comment"], Colour: colour})
	if errors.Is(err, docs.ErrQuoteNotFound) {
		fmt.Fprintf(e.errw, "%q is not on page %d of %s. Check the words with 'panelpapers text %s %d'.\n", o["quote"], n, v.ID(), v.ID(), n)
		return ExitFail
	}
	if ok, code := e.notesDone(err); !ok {
		return code
	}
	fmt.Fprintf(e.out, "added note %s on page %d of %s\n", note.ID, note.Page, note.Version[:docs.ShortIDLen])
	e.autoBackup(nb.Lib)
	return ExitOK
}

// autoBackup refreshes the data folder's rotating backup after a change; a
// failure is a warning, since the change itself is saved.
func (e *env) autoBackup(lib *library.Library) {
	if _, err := lib.AutoBackup(); err != nil {
		fmt.Fprintf(e.errw, "The automatic backup could not be written (%s).\n", Sentence(err))
	}
}

// noteJSON is one note in `notes list --json`: every key always present.
type noteJSON struct {
	ID        string   `json:"id"`
	Pack      string   `json:"pack"`
	SHA256    string   `json:"sha256"`
	Paper     string   `json:"paper"`
	Date      *string  `json:"date"`
	Committee *string  `json:"committee"`
	Page      int      `json:"page"`
	Printed   *string  `json:"printed"`
	Kind      string   `json:"kind"`
	Item      *string  `json:"item"`
	Quote     string   `json:"quote"`
	Comment   string   `json:"comment"`
	Colour    string   `json:"colour"`
	Tags      []string `json:"tags"`
	Status    string   `json:"status"`
	Reason    *string  `json:"reason"`
	Created   string   `json:"created"`
	Updated   string   `json:"updated"`
}

func cmdNotesList(e *env, o opts, args []string) int {
	nb, err := e.notebook()
	if err != nil {
		return e.fail(err)
	}
	var f docs.NoteFilter
	if len(args) == 1 {
		v, code := e.resolve(args[0])
		if v == nil {
			return code
		}
		f.Document = v.Document // a note follows its paper, whichever version PACK names
	}
	if c := o["colour"]; c != "" {
		colour, err := docs.ParseColour(c)
		if err != nil {
			return e.fail(err)
		}
		f.Colour = colour
	}
	f.Tag = o["tag"]
	entries, err := nb.List(f)
	if err != nil {
		return e.fail(err)
	}
	list := []noteJSON{}
	for _, n := range entries {
		tags := n.Tags
		if tags == nil {
			tags = []string{}
		}
		list = append(list, noteJSON{ID: n.ID, Pack: n.Version[:docs.ShortIDLen], SHA256: n.Version, Paper: n.Paper,
			Date: nullable(n.Date), Committee: nullable(n.Committee), Page: n.Page, Printed: nullable(n.Printed),
			Kind: string(n.Kind), Item: nullable(n.Item), Quote: n.Quote, Comment: n.Comment, Colour: string(n.Colour),
			Tags: tags, Status: string(n.Status), Reason: nullable(n.Reason),
			Created: n.Created.UTC().Format(time.RFC3339), Updated: n.Updated.UTC().Format(time.RFC3339)})
	}
	if o.has("json") {
		return e.printJSON(map[string]any{"notes": list})
	}
	tw := tabwriter.NewWriter(e.out, 2, 4, 2, ' ', 0)
	for _, n := range list {
		what := n.Quote
		if what == "" {
			what = "(" + n.Kind + ")"
		}
		if len([]rune(what)) > 60 {
			what = string([]rune(what)[:59]) + "…"
		}
		fmt.Fprintf(tw, "%s\t%s\tpage %d\t%s\t%s\t%q\t%s\n", n.ID, n.Pack, n.Page, n.Status, n.Colour, what, n.Comment)
	}
	tw.Flush()
	return ExitOK
}

func cmdNotesExport(e *env, path string) int {
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	b, err := lib.BackupTo(path)
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.out, "wrote %d notes and %d question drafts to %s\n", len(b.Notes), len(b.Drafts), path)
	return ExitOK
}

func cmdNotesImport(e *env, path string) int {
	nb, err := e.notebook()
	if err != nil {
		return e.fail(err)
	}
	res, err := nb.Restore(path)
	if ok, code := e.notesDone(err); !ok {
		return code
	}
	fmt.Fprintf(e.out, "notes: %d added, %d updated, %d already here\n", res.NotesAdded, res.NotesUpdated, res.NotesKept)
	fmt.Fprintf(e.out, "question drafts: %d added, %d updated, %d already here\n", res.DraftsAdded, res.DraftsUpdated, res.DraftsKept)
	e.autoBackup(nb.Lib)
	return ExitOK
}
