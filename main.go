// Command panelpapers is Panel Papers: a desktop reader for council committee
// papers, and a command line for scripts, tests and benchmarks.
//
// With no arguments it opens the window; with a subcommand it works headless
// and starts only what that subcommand needs (no window, and no PDF engine
// unless PDFs are read).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"
	"github.com/adrg/xdg"

	"panelpapers/assets"
	"panelpapers/docs"
	"panelpapers/docs/agenda"
	"panelpapers/docs/fetch"
	"panelpapers/docs/library"
	"panelpapers/search"
	"panelpapers/ui"
)

// version is the release, set by the build (-ldflags "-X main.version=…").
var version = "0.1.0-dev"

// now is the command line's clock: what "coming meetings" and a sync's
// window are counted from. Tests pin it.
var now = time.Now

func main() {
	// The text worker is this same binary started by the extractor; it must
	// not parse arguments or touch the library.
	if library.IsExtractWorker() {
		os.Exit(library.RunExtractWorker(os.Stdin, os.Stdout))
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit statuses, as ../shared/CLI.md fixes them.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// env is what a subcommand runs with: where the data lives and where to write.
type env struct {
	dataDir   string
	cacheDir  string
	out       io.Writer
	errw      io.Writer
	ctx       context.Context
	lib       *library.Library
	pdfium    *library.PDFium
	extractor *library.Extractor
	index     *search.Index
}

// command is one subcommand: its options (name → takes a value) and its action.
type command struct {
	name    string
	args    string // the positional part of the usage line
	summary string
	help    string
	flags   map[string]bool
	minArgs int
	maxArgs int // -1: any number
	run     func(e *env, o opts, args []string) int
}

// opts holds the options given to a subcommand.
type opts map[string]string

func (o opts) has(name string) bool { _, ok := o[name]; return ok }

var commands []*command

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func run(args []string, stdout, stderr io.Writer) int {
	// --data may come before the subcommand too, or alone to open the
	// window on another library.
	global := opts{}
	for len(args) > 0 && strings.HasPrefix(args[0], "--data") {
		rest, err := takeFlag(args, "data", global)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
		args = rest
	}
	if len(args) == 0 {
		dir, movable, err := dataDir(global["data"])
		if err != nil {
			fmt.Fprintln(stderr, sentence(err))
			return exitFail
		}
		return runGUI(dir, movable, stderr)
	}
	switch args[0] {
	case "--version", "version":
		fmt.Fprintf(stdout, "panelpapers %s\n", version)
		return exitOK
	case "--help", "-h", "help":
		if len(args) > 1 {
			c := lookup(args[1])
			if c == nil {
				fmt.Fprintf(stderr, "panelpapers: %q is not a command. See 'panelpapers --help'.\n", args[1])
				return exitUsage
			}
			printHelp(stdout, c)
			return exitOK
		}
		printUsage(stdout)
		return exitOK
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "panelpapers: %q is not a command. See 'panelpapers --help'.\n", args[0])
		return exitUsage
	}
	o, pos, err := parseArgs(c, args[1:])
	if err != nil {
		fmt.Fprintf(stderr, "panelpapers %s: %v\nUsage: panelpapers %s %s\n", c.name, err, c.name, c.args)
		return exitUsage
	}
	if o.has("help") {
		printHelp(stdout, c)
		return exitOK
	}
	for k, v := range global {
		if !o.has(k) {
			o[k] = v
		}
	}
	if len(pos) < c.minArgs || (c.maxArgs >= 0 && len(pos) > c.maxArgs) {
		fmt.Fprintf(stderr, "Usage: panelpapers %s %s\n", c.name, c.args)
		return exitUsage
	}
	// Libraries log to the standard logger (Bleve on a damaged index, for
	// one); on the command line stderr carries only our own sentences.
	log.SetOutput(io.Discard)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dir, _, err := dataDir(o["data"])
	if err != nil {
		fmt.Fprintln(stderr, sentence(err))
		return exitFail
	}
	e := &env{dataDir: dir, cacheDir: cacheDir(), out: stdout, errw: stderr, ctx: ctx}
	defer e.close()
	return c.run(e, o, pos)
}

// takeFlag consumes "--name VALUE" or "--name=VALUE" at the head of args.
func takeFlag(args []string, name string, o opts) ([]string, error) {
	a := args[0]
	if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
		o[name] = v
		return args[1:], nil
	}
	if a != "--"+name || len(args) < 2 {
		return nil, fmt.Errorf("--%s needs a value", name)
	}
	o[name] = args[1]
	return args[2:], nil
}

// parseArgs splits a subcommand's arguments into options and positional
// arguments. Options may come anywhere; "--" ends them. An argument that
// starts with "-" but holds a space is a quoted query, not an option.
func parseArgs(c *command, args []string) (opts, []string, error) {
	o := opts{}
	var pos []string
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--":
			return o, append(pos, args[1:]...), nil
		case len(a) > 1 && a[0] == '-' && !strings.ContainsAny(a, " \t"):
			name := strings.TrimLeft(a, "-")
			if i := strings.IndexByte(name, '='); i >= 0 {
				name = name[:i]
			}
			if name == "h" {
				name = "help"
			}
			takesValue, known := c.flags[name]
			if !known && name != "help" && name != "data" {
				return nil, nil, fmt.Errorf("unknown option %s", a)
			}
			if name == "data" {
				takesValue = true
			}
			if !takesValue {
				if strings.Contains(a, "=") {
					return nil, nil, fmt.Errorf("%s takes no value", "--"+name)
				}
				o[name] = ""
				args = args[1:]
				continue
			}
			rest, err := takeFlag(append([]string{"--" + strings.TrimLeft(a, "-")}, args[1:]...), name, o)
			if err != nil {
				return nil, nil, err
			}
			args = rest
		default:
			pos = append(pos, a)
			args = args[1:]
		}
	}
	return o, pos, nil
}

func printUsage(w io.Writer) {
	fmt.Fprintf(w, `Panel Papers %s — council committee papers, offline.

Usage:
  panelpapers                      open the window
  panelpapers COMMAND [options]    work from the command line

Commands:
`, version)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	fmt.Fprint(w, `
Options for every command:
  --data DIR    the library folder (default: $PANELPAPERS_DATA, else `+defaultDataDir()+`)
  --help        what a command does and its options

Exit status: 0 done, 1 the operation failed, 2 the command was not understood.
`)
}

func printHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage: panelpapers %s %s\n\n%s\n", c.name, c.args, strings.TrimSpace(c.help))
	fmt.Fprintf(w, "\n  --data DIR    the library folder (default: $PANELPAPERS_DATA, else %s)\n", defaultDataDir())
}

func defaultDataDir() string { return filepath.Join(xdg.DataHome, "panelpapers") }

// configDir holds only the data folder's own place after a "Move…".
func configDir() string { return filepath.Join(xdg.ConfigHome, "panelpapers") }

// dataDir resolves the data folder: --data, then $PANELPAPERS_DATA, then
// where a "Move…" put it (the pointer in configDir), then the default.
// movable says whether "Move…" may be offered: not when --data or
// $PANELPAPERS_DATA chose the folder, as they would win over the pointer
// and the member would open the emptied old place.
func dataDir(flag string) (dir string, movable bool, err error) {
	if flag != "" {
		return flag, false, nil
	}
	if d := os.Getenv("PANELPAPERS_DATA"); d != "" {
		return d, false, nil
	}
	moved, err := library.ReadDataPointer(configDir())
	if err != nil {
		return "", false, err
	}
	if moved != "" {
		// A moved library that is not there (a drive not plugged in) must
		// not be replaced by a new empty one.
		if _, err := os.Stat(filepath.Join(moved, "library.db")); err != nil {
			return "", false, fmt.Errorf("the library was moved to %s, which cannot be found (is its drive plugged in?): %w", moved, err)
		}
		return moved, true, nil
	}
	return defaultDataDir(), true, nil
}

// cacheDir holds derived files that may be deleted at any time, such as the
// PDF engine's compiled code.
func cacheDir() string {
	if d := os.Getenv("PANELPAPERS_CACHE"); d != "" {
		return d
	}
	return filepath.Join(xdg.CacheHome, "panelpapers")
}

func (e *env) close() {
	if e.index != nil {
		e.index.Close()
	}
	if e.extractor != nil {
		e.extractor.Close()
	}
	if e.pdfium != nil {
		e.pdfium.Close()
	}
}

// library opens the library, reporting failure as a sentence.
func (e *env) library() (*library.Library, error) {
	if e.lib == nil {
		lib, err := library.OpenLibrary(e.dataDir)
		if err != nil {
			return nil, err
		}
		e.lib = lib
	}
	return e.lib, nil
}

// papers sets up the import flow: the library, the PDF engine and the index.
func (e *env) papers() (*library.Papers, error) {
	lib, err := e.library()
	if err != nil {
		return nil, err
	}
	if e.pdfium == nil {
		p, err := library.StartPDFium(filepath.Join(e.cacheDir, "wazero"))
		if err != nil {
			return nil, fmt.Errorf("start the PDF engine: %w", err)
		}
		e.pdfium = p
	}
	if e.extractor == nil {
		e.extractor = library.NewExtractor(e.pdfium)
	}
	p := &library.Papers{Lib: lib, Extractor: e.extractor}
	if idx := e.indexIfFree(); idx != nil {
		p.Index = idx
	}
	return p, nil
}

// fail prints err as a sentence a councillor can act on and returns exitFail.
func (e *env) fail(err error) int {
	fmt.Fprintln(e.errw, sentence(err))
	return exitFail
}

// sentence turns an error into plain English. Known failures get a sentence
// that says what to do; others keep their context (which file, which step).
func sentence(err error) string {
	var msg string
	switch {
	case errors.Is(err, docs.ErrEmptyFile):
		msg = "The file is empty (0 bytes). It may not have finished downloading; try again."
	case errors.Is(err, docs.ErrNotPDF):
		msg = "This file is not a PDF."
	case errors.Is(err, docs.ErrEncrypted):
		msg = "This PDF is protected by a password. Add it again with --password."
	case errors.Is(err, docs.ErrBadPassword):
		msg = "The password given does not open this PDF."
	case errors.Is(err, docs.ErrNoPages):
		msg = "This PDF has no pages."
	case errors.Is(err, docs.ErrDamaged):
		msg = "This PDF is damaged or incomplete and cannot be read. Try downloading it again."
	case errors.Is(err, fetch.ErrOffline):
		msg = "Offline — showing papers already downloaded. Try again when you are connected."
	case errors.Is(err, fetch.ErrInsecure):
		msg = "Panel Papers only downloads over a secure (https) connection, and this link is not one."
	case errors.Is(err, docs.ErrLooksHTML):
		msg = "This file is not a PDF (it looks like a web page). Check the link and try again."
	case errors.Is(err, docs.ErrTooLarge):
		msg = "The file is too large to add."
	case errors.Is(err, docs.ErrAlreadyOpen):
		msg = "Panel Papers is already open. Switch to its window."
	case errors.Is(err, docs.ErrLocked):
		msg = "The library is busy: another copy of Panel Papers is using it. Try again in a moment."
	case errors.Is(err, syscall.ENOSPC):
		msg = "The disk is full. Free some space and try again; nothing was added."
	case errors.Is(err, os.ErrNotExist):
		msg = "There is no such file."
	case errors.Is(err, os.ErrPermission):
		msg = "Panel Papers is not allowed to read or write there."
	case errors.Is(err, docs.ErrNotFound), errors.Is(err, docs.ErrAmbiguous):
		// These carry their own sentence ("no paper has the id …").
		msg = strings.TrimSuffix(strings.TrimSuffix(err.Error(), ": "+docs.ErrNotFound.Error()), ": "+docs.ErrAmbiguous.Error())
		msg = strings.ToUpper(msg[:1]) + msg[1:] + "."
	default:
		msg = err.Error()
	}
	return msg
}

// downloadSentence is sentence for what went wrong with a download, where a
// web page instead of a PDF means the council's site, not the member's file.
func downloadSentence(err error) string {
	if errors.Is(err, docs.ErrLooksHTML) {
		return "The council's site sent a web page instead of the PDF. The paper may have moved, or the site may want you to sign in."
	}
	return sentence(err)
}

// resolve finds the version PACK names, or prints why not.
func (e *env) resolve(ref string) (*docs.Version, int) {
	lib, err := e.library()
	if err != nil {
		return nil, e.fail(err)
	}
	v, err := lib.Resolve(ref)
	if err != nil {
		return nil, e.fail(err)
	}
	return v, exitOK
}

// isTerminal reports whether w is a terminal, where progress may redraw a line.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func dateOrUndated(d string) string {
	if d == "" {
		return "undated"
	}
	return d
}

func init() {
	commands = []*command{
		{name: "add", args: "[--password PW] FILE.pdf…", summary: "add PDFs (packs, minutes, reports) to the library",
			help: `Adds each PDF to the library: stores it, reads its text page by page and
parses its agenda. Prints one line per file:
  added <id> "<title>" <yyyy-mm-dd|undated> <N> pages
  already in library <id>
A file that cannot be added gets a sentence on stderr; the others are still
added. Exit status 1 if any file failed.

  --password PW   the password that opens a protected PDF`,
			flags: map[string]bool{"password": true}, minArgs: 1, maxArgs: -1, run: cmdAdd},
		{name: "list", args: "[--json] [--all]", summary: "list the papers in the library",
			help: `One line per document, newest meeting first: id, meeting date, committee,
kind, title, pages. Only current versions unless --all.

  --json   {"documents":[{"id","sha256","date","committee","kind","title","pages","current","superseded_by","added","source"}]}
  --all    include older versions of republished papers`,
			flags: map[string]bool{"json": false, "all": false}, maxArgs: 0, run: cmdList},
		{name: "agenda", args: "[--json] PACK", summary: "show a pack's meeting, agenda items and questions",
			help: `Shows what was parsed from a pack: committee, date and time, venue, the
democratic services officer, the agenda items with their pages, and the
questions on notice. PACK is an id, a unique id prefix, or 'latest'.

  --json   {"committee","date","time","venue","officer":{"name","phone","email"},
            "items":[{"number","title","pages":[first,last]}],"questions":[{"asker","text"}],"kind"}`,
			flags: map[string]bool{"json": false}, minArgs: 1, maxArgs: 1, run: cmdAgenda},
		{name: "text", args: "[--engine] PACK [PAGE]", summary: "print a pack's text, page by page",
			help: `Prints the text of every page of PACK, or of PDF page PAGE (from 1); each
page is followed by a form feed, as pdftotext does.

  --engine   start each page with a line [engine: dslipak|pdfium]`,
			flags: map[string]bool{"engine": false}, minArgs: 1, maxArgs: 2, run: cmdText},
		{name: "remove", args: "PACK", summary: "remove a paper from the library",
			help: `Removes one version of a paper, its file and its pages. If it was the
current version of a republished paper, the previous version becomes current.`,
			minArgs: 1, maxArgs: 1, run: cmdRemove},
	}
	commands = append(commands, searchCommands()...)
	commands = append(commands, questionCommands()...)
	commands = append(commands, fetchCommands()...)
	commands = append(commands, notesCommands()...)
}

func cmdAdd(e *env, o opts, files []string) int {
	p, err := e.papers()
	if err != nil {
		return e.fail(err)
	}
	status := exitOK
	for _, f := range files {
		var progress func(done, total int)
		if isTerminal(e.errw) {
			progress = func(done, total int) {
				fmt.Fprintf(e.errw, "\r%s: reading page %d of %d", filepath.Base(f), done, total)
				if done == total {
					fmt.Fprint(e.errw, "\r\033[K")
				}
			}
		}
		res, err := p.Import(e.ctx, f, library.ImportOptions{Password: o["password"], Progress: progress})
		if res == nil {
			fmt.Fprintf(e.errw, "%s: %s\n", f, sentence(err))
			status = exitFail
			continue
		}
		e.reportImport(f, res, err)
	}
	return status
}

// listEntry is one version in `list --json`.
type listEntry struct {
	ID           string  `json:"id"`
	SHA256       string  `json:"sha256"`
	Date         *string `json:"date"`
	Committee    *string `json:"committee"`
	Kind         string  `json:"kind"`
	Title        string  `json:"title"`
	Pages        int     `json:"pages"`
	Current      bool    `json:"current"`
	SupersededBy *string `json:"superseded_by"`
	Added        string  `json:"added"`
	Source       string  `json:"source"`
}

// nullable gives JSON null for an unknown (empty) string.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func cmdList(e *env, o opts, _ []string) int {
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	vs, err := lib.Versions(o.has("all"))
	if err != nil {
		return e.fail(err)
	}
	if o.has("json") {
		list := []listEntry{}
		for _, v := range vs {
			sup := ""
			if !v.Current() {
				sup = v.SupersededBy[:docs.ShortIDLen]
			}
			list = append(list, listEntry{ID: v.ID(), SHA256: v.SHA256, Date: nullable(v.Date), Committee: nullable(v.Committee),
				Kind: string(v.Kind), Title: v.Title, Pages: v.Pages, Current: v.Current(), SupersededBy: nullable(sup),
				Added: v.Added.Format("2006-01-02T15:04:05Z"), Source: v.SourceName})
		}
		return e.printJSON(map[string]any{"documents": list})
	}
	tw := tabwriter.NewWriter(e.out, 2, 4, 2, ' ', 0)
	for _, v := range vs {
		committee := v.Committee
		if committee == "" {
			committee = "-"
		}
		note := ""
		if !v.Current() {
			note = "  (superseded by " + v.SupersededBy[:docs.ShortIDLen] + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d pages%s\n", v.ID(), dateOrUndated(v.Date), committee, v.Kind, v.Title, v.Pages, note)
	}
	tw.Flush()
	return exitOK
}

func (e *env) printJSON(v any) int {
	enc := json.NewEncoder(e.out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return e.fail(err)
	}
	return exitOK
}

// agendaJSON is the shape `agenda --json` promises: every key present.
type agendaJSON struct {
	Committee *string        `json:"committee"`
	Date      *string        `json:"date"`
	Time      *string        `json:"time"`
	Venue     *string        `json:"venue"`
	Officer   *officerJSON   `json:"officer"`
	Items     []itemJSON     `json:"items"`
	Questions []questionJSON `json:"questions"`
	Kind      string         `json:"kind"`
	Body      *string        `json:"body"`
	Sources   sourcesJSON    `json:"sources"`
}

// sourcesJSON says where each fact came from: "text", "filename",
// "metadata" (later "service", "member"), null when the fact is unknown.
type sourcesJSON struct {
	Kind      *string `json:"kind"`
	Body      *string `json:"body"`
	Committee *string `json:"committee"`
	Date      *string `json:"date"`
	Time      *string `json:"time"`
	Venue     *string `json:"venue"`
	Officer   *string `json:"officer"`
}

type officerJSON struct {
	Name  *string `json:"name"`
	Phone *string `json:"phone"`
	Email *string `json:"email"`
}

// itemJSON is an agenda item: pages is the printed page range the agenda
// gives ([first, last], null when it prints none), pdf_pages the PDF pages
// the item's papers take (null when unknown), sub its sub-items.
type itemJSON struct {
	Number   string     `json:"number"`
	Title    string     `json:"title"`
	Pages    *[2]int    `json:"pages"`
	PDFPages *[2]int    `json:"pdf_pages"`
	Sub      []itemJSON `json:"sub"`
}

type questionJSON struct {
	Asker *string `json:"asker"`
	Text  string  `json:"text"`
}

func itemsJSON(items []docs.AgendaItem) []itemJSON {
	out := []itemJSON{}
	for _, it := range items {
		j := itemJSON{Number: it.Number, Title: it.Title, Sub: itemsJSON(it.Sub)}
		if it.PrintedFirst > 0 {
			j.Pages = &[2]int{it.PrintedFirst, max(it.PrintedLast, it.PrintedFirst)}
		}
		if it.First > 0 {
			j.PDFPages = &[2]int{it.First, max(it.Last, it.First)}
		}
		out = append(out, j)
	}
	return out
}

func cmdAgenda(e *env, o opts, args []string) int {
	v, code := e.resolve(args[0])
	if v == nil {
		return code
	}
	a := v.Agenda
	kind := string(a.Kind)
	if kind == "question" || kind == "" {
		kind = string(docs.KindOther)
	}
	if o.has("json") {
		src := func(fact string) *string { return nullable(string(a.Sources[fact])) }
		out := agendaJSON{Committee: nullable(a.Committee), Date: nullable(a.Date), Time: nullable(a.Time),
			Venue: nullable(a.Venue), Items: itemsJSON(a.Items), Questions: []questionJSON{}, Kind: kind, Body: nullable(a.Body),
			Sources: sourcesJSON{Kind: src(docs.FactKind), Body: src(docs.FactBody), Committee: src(docs.FactCommittee),
				Date: src(docs.FactDate), Time: src(docs.FactTime), Venue: src(docs.FactVenue), Officer: src(docs.FactOfficer)}}
		if a.Officer != nil {
			out.Officer = &officerJSON{Name: nullable(a.Officer.Name), Phone: nullable(a.Officer.Phone), Email: nullable(a.Officer.Email)}
		}
		for _, q := range a.Questions {
			// This meeting's questions: those recorded in the minutes of
			// the last meeting bound into a pack are that meeting's.
			if !agenda.OtherMeeting(a, q) {
				out.Questions = append(out.Questions, questionJSON{Asker: nullable(q.Asker), Text: q.Text})
			}
		}
		return e.printJSON(out)
	}
	w := e.out
	fmt.Fprintf(w, "%s\n", v.Title)
	fmt.Fprintf(w, "Committee: %s\n", orUnknown(a.Committee))
	when := dateOrUndated(a.Date)
	if a.Time != "" {
		when += " at " + a.Time
	}
	fmt.Fprintf(w, "Meeting:   %s\n", when)
	if a.Venue != "" {
		fmt.Fprintf(w, "Venue:     %s\n", a.Venue)
	}
	if a.Officer != nil {
		fmt.Fprintf(w, "Officer:   %s\n", strings.Join(nonEmpty(a.Officer.Name, a.Officer.Phone, a.Officer.Email), ", "))
	}
	fmt.Fprintf(w, "Kind:      %s\n", kind)
	if len(a.Items) > 0 {
		fmt.Fprintln(w, "\nItems:")
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		for _, it := range a.Items {
			pages := ""
			if it.First > 0 {
				pages = "page " + strconv.Itoa(it.First)
				if it.Last > it.First {
					pages = fmt.Sprintf("pages %d-%d", it.First, it.Last)
				}
			}
			if pages == "" {
				fmt.Fprintf(tw, "  %s\t%s\n", it.Number, it.Title)
			} else {
				fmt.Fprintf(tw, "  %s\t%s\t%s\n", it.Number, it.Title, pages)
			}
		}
		tw.Flush()
	}
	if len(a.Questions) > 0 {
		fmt.Fprintln(w, "\nQuestions on notice:")
		for _, q := range a.Questions {
			fmt.Fprintf(w, "  %s: %s\n", orUnknown(q.Asker), q.Text)
		}
	}
	return exitOK
}

func orUnknown(s string) string {
	if s == "" {
		return "(not stated)"
	}
	return s
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func cmdText(e *env, o opts, args []string) int {
	v, code := e.resolve(args[0])
	if v == nil {
		return code
	}
	pages, err := e.lib.Pages(v.SHA256)
	if err != nil {
		return e.fail(err)
	}
	if len(args) == 2 {
		n, err := strconv.Atoi(args[1])
		if err != nil || n < 1 || n > len(pages) {
			fmt.Fprintf(e.errw, "There is no page %s: %s has pages 1 to %d.\n", args[1], v.ID(), len(pages))
			return exitFail
		}
		pages = pages[n-1 : n]
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Number < pages[j].Number })
	for _, p := range pages {
		if o.has("engine") {
			engine := p.Engine
			if engine == docs.EngineNone {
				engine = docs.EnginePDFium
			}
			fmt.Fprintf(e.out, "[engine: %s]\n", engine)
		}
		text := strings.TrimRight(p.Text, "\n")
		if text != "" {
			text += "\n"
		}
		fmt.Fprintf(e.out, "%s\f", text)
	}
	return exitOK
}

func cmdRemove(e *env, _ opts, args []string) int {
	v, code := e.resolve(args[0])
	if v == nil {
		return code
	}
	p := &library.Papers{Lib: e.lib}
	if idx := e.indexIfFree(); idx != nil {
		p.Index = idx
	}
	if err := p.Remove(v.SHA256); err != nil {
		if errors.Is(err, docs.ErrIndexBehind) {
			fmt.Fprintln(e.errw, sentence(err))
		} else {
			return e.fail(err)
		}
	}
	fmt.Fprintf(e.out, "removed %s %q\n", v.ID(), v.Title)
	return exitOK
}

// appID is the application's identity for Fyne (preferences, notifications).
const appID = "wales.panelpapers.app"

// runGUI opens the window on the library. A second window on the same data
// folder is refused at once with a sentence, never left hanging on a lock.
// The PDF engine and the search index start in the background, so the list
// of papers is on screen before either is ready.
func runGUI(dir string, movable bool, stderr io.Writer) int {
	lock, err := library.LockInstance(dir)
	if err != nil {
		fmt.Fprintln(stderr, sentence(err))
		return exitFail
	}
	defer lock.Release()
	lib, err := library.OpenLibrary(dir)
	if err != nil {
		fmt.Fprintln(stderr, sentence(err))
		return exitFail
	}
	engine := library.StartPDFiumInBackground(filepath.Join(cacheDir(), "wazero"))
	defer func() {
		if p, err := engine.Wait(context.Background()); err == nil {
			p.Close()
		}
	}()
	index := &lateIndex{}
	extractor := &engineExtractor{engine: engine}
	defer extractor.close()
	papers := &library.Papers{Lib: lib, Extractor: extractor, Index: index}

	// The interface speaks the member's chosen language (or the system's);
	// the command line always speaks English.
	choice, _ := lib.Setting(ui.SettingLanguage)
	if _, err := ui.UseLanguage(choice); err != nil {
		fmt.Fprintln(stderr, "The chosen language could not be loaded; using English. ("+err.Error()+")")
	}
	a := app.NewWithID(appID)
	a.Settings().SetTheme(ui.Theme())
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow("Panel Papers")
	client, err := fetch.NewClient()
	if err != nil {
		fmt.Fprintln(stderr, sentence(err))
		return exitFail
	}
	fetcher := ui.NewFetcher(client, papers, filepath.Join(dir, "downloads"))
	u := ui.New(a, w, ui.Deps{Library: lib, Pages: ui.PDFiumPages(engine.Wait), Papers: papers, Explain: sentence,
		Downloader: fetcher, Storage: papers,
		Questions: searchedDrafts{lib, index}, Notes: ui.NotebookStore(&library.Notebook{Lib: lib, Index: index})})
	defer u.Close()
	var moved atomic.Bool
	if movable {
		u.Settings.MoveData = func(to string, progress func(done, total int64)) error {
			err := lock.MoveLibrary(to, configDir(), progress) // under the window's own lock
			if err == nil || errors.Is(err, library.ErrOldFolderLeft) {
				moved.Store(true) // nothing more may be written to the old place
			}
			return err
		}
		u.Settings.Quit = a.Quit
	}

	go func() {
		rebuilt := false
		i, err := search.Open(filepath.Join(dir, "index"), lib, func(done, total int) {
			rebuilt = true
			u.ReportProgress(ui.Progress{Key: "index", Title: lang.L("Search index"), Verb: ui.VerbUpdating, Done: int64(done), Total: int64(total), Finished: done >= total})
		})
		if err != nil {
			u.ReportProgress(ui.Progress{Key: "index", Title: lang.L("Search index"), Verb: ui.VerbUpdating, Err: err, Finished: true})
			return
		}
		if rebuilt {
			u.ReportProgress(ui.Progress{Key: "index", Finished: true})
		}
		index.set(i)
		u.SetSearcher(i)
	}()
	go func() {
		qs, err := search.OpenQuestions(lib)
		if err != nil {
			u.ReportProgress(ui.Progress{Key: "questions", Title: lang.L("Earlier questions"), Verb: ui.VerbReading, Err: err, Finished: true})
			return
		}
		index.setQuestions(qs)
		u.SetPastQuestions(qs)
	}()
	defer index.close()

	// Notes and drafts are copied to backups/ whenever they changed, every
	// few minutes and at the end, so that a lost store loses little.
	stopBackups := make(chan struct{})
	go func() {
		t := time.NewTicker(5 * time.Minute)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				_, _ = lib.AutoBackup() // retried at the next tick
			case <-stopBackups:
				return
			}
		}
	}()
	defer func() {
		close(stopBackups)
		if moved.Load() {
			return
		}
		if _, err := lib.AutoBackup(); err != nil {
			fmt.Fprintln(stderr, "Notes could not be backed up: "+sentence(err))
		}
	}()

	w.SetMaster()
	w.ShowAndRun()
	return exitOK
}

// lateIndex is the search indexes as the window's imports see them: they
// open in the background (perhaps rebuilding), and a paper added before then
// is picked up by the catch-up that opening does.
type lateIndex struct {
	pages     atomic.Pointer[search.Index]
	questions atomic.Pointer[search.Questions]
}

func (l *lateIndex) set(i *search.Index)              { l.pages.Store(i) }
func (l *lateIndex) setQuestions(q *search.Questions) { l.questions.Store(q) }

func (l *lateIndex) indexers() []docs.Indexer {
	var out []docs.Indexer
	if i := l.pages.Load(); i != nil {
		out = append(out, i)
	}
	if q := l.questions.Load(); q != nil {
		out = append(out, q)
	}
	return out
}

func (l *lateIndex) Add(v *docs.Version, pages []docs.Page) error {
	var errs []error
	for _, x := range l.indexers() {
		errs = append(errs, x.Add(v, pages))
	}
	return errors.Join(errs...)
}

func (l *lateIndex) Remove(sha256 string) error {
	var errs []error
	for _, x := range l.indexers() {
		errs = append(errs, x.Remove(sha256))
	}
	return errors.Join(errs...)
}

// IndexNote and RemoveNote keep the member's notes searchable.
func (l *lateIndex) IndexNote(e docs.NoteEntry) error {
	if i := l.pages.Load(); i != nil {
		return i.IndexNote(e)
	}
	return nil
}

func (l *lateIndex) RemoveNote(id string) error {
	if i := l.pages.Load(); i != nil {
		return i.RemoveNote(id)
	}
	return nil
}

// searchedDrafts is the library's question drafts, kept searchable as the
// member writes them.
type searchedDrafts struct {
	*library.Library
	index *lateIndex
}

func (s searchedDrafts) SaveDraft(d docs.Draft) (docs.Draft, error) {
	saved, err := s.Library.SaveDraft(d)
	if err == nil {
		if i := s.index.pages.Load(); i != nil {
			_ = i.IndexDraft(saved) // the next catch-up retries
		}
	}
	return saved, err
}

func (s searchedDrafts) DeleteDraft(id string) error {
	err := s.Library.DeleteDraft(id)
	if err == nil {
		if i := s.index.pages.Load(); i != nil {
			_ = i.RemoveDraft(id)
		}
	}
	return err
}

func (l *lateIndex) close() {
	if i := l.pages.Load(); i != nil {
		i.Close()
	}
	if q := l.questions.Load(); q != nil {
		q.Close()
	}
}

// engineExtractor reads PDFs once the engine started at launch is ready,
// with one Extractor (and its pool of text workers) for the whole session.
type engineExtractor struct {
	engine *library.PDFiumStarter
	once   sync.Once
	x      *library.Extractor
}

func (e *engineExtractor) Extract(ctx context.Context, path, password string, progress func(done, total int)) ([]docs.Page, error) {
	p, err := e.engine.Wait(ctx)
	if err != nil {
		return nil, fmt.Errorf("start the PDF engine: %w", err)
	}
	e.once.Do(func() { e.x = library.NewExtractor(p) })
	return e.x.Extract(ctx, path, password, progress)
}

// close stops the text workers, if any were started.
func (e *engineExtractor) close() {
	e.once.Do(func() {})
	if e.x != nil {
		e.x.Close()
	}
}

var (
	_ ui.Library        = (*library.Library)(nil)
	_ ui.Searcher       = (*search.Index)(nil)
	_ ui.Importer       = (*library.Papers)(nil)
	_ docs.Indexer      = (*search.Index)(nil)
	_ fetch.Store       = syncStore{}
	_ ui.Downloader     = (*ui.Fetcher)(nil)
	_ ui.Storage        = (*library.Papers)(nil)
	_ ui.MeetingLister  = (*library.Library)(nil)
	_ fetch.Follower    = syncStore{}
	_ ui.QuestionStore  = (*library.Library)(nil)
	_ ui.PastQuestions  = (*search.Questions)(nil)
	_ docs.Indexer      = (*search.Questions)(nil)
	_ docs.NoteIndexer  = (*lateIndex)(nil)
	_ ui.QuestionStore  = searchedDrafts{}
	_ search.MineSource = (*library.Library)(nil)
)

// openIndex opens the search index of the library, bringing it up to date
// first if it is missing, damaged, outdated or behind the library (with a
// progress line on stderr).
func (e *env) openIndex() (*search.Index, error) {
	if e.index != nil {
		return e.index, nil
	}
	lib, err := e.library()
	if err != nil {
		return nil, err
	}
	idx, err := search.Open(filepath.Join(e.dataDir, "index"), lib, e.progress("Updating the search index"))
	if err != nil {
		return nil, err
	}
	e.index = idx
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
			fmt.Fprintf(e.errw, "Search could not be updated (%s); it will be rebuilt when it is next opened.\n", sentence(err))
		}
		return nil
	}
	return idx
}

// progress returns a reporter that keeps one line on stderr up to date: it
// redraws in place on a terminal and prints every tenth otherwise.
func (e *env) progress(what string) func(done, total int) {
	tty := isTerminal(e.errw)
	last := -1
	return func(done, total int) {
		if total <= 0 {
			return
		}
		if tty {
			fmt.Fprintf(e.errw, "\r%s: %d of %d pages", what, done, total)
			if done >= total {
				fmt.Fprint(e.errw, "\n")
			}
			return
		}
		tenth := done * 10 / total
		if tenth != last || done == total {
			last = tenth
			fmt.Fprintf(e.errw, "%s: %d of %d pages\n", what, done, total)
		}
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
			help: `Rebuilds the search index from the library, with progress on stderr. The
index is rebuilt by itself when it is missing or damaged; this does it on demand.`,
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
	idx, err := e.openIndex()
	if errors.Is(err, docs.ErrLocked) {
		fmt.Fprintln(e.errw, "Search is in use by the open Panel Papers window: search there, or close it and try again.")
		return exitFail
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
		fmt.Fprintf(e.out, "%s — %s\n    %s\n\n", h.Title, strings.Join(where, ", "), h.Snippet)
	}
	if len(res.Hits) < int(res.Total) {
		fmt.Fprintf(e.errw, "%d pages match; showing the best %d (--limit to see more).\n", res.Total, len(res.Hits))
	} else if res.Total == 0 {
		fmt.Fprintln(e.errw, "No pages match.")
	}
	return exitOK
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
	idx, err := search.Open(filepath.Join(e.dataDir, "index"), lib, func(done, total int) {
		rebuilt = true
		progress(done, total)
	})
	if err != nil {
		return e.fail(err)
	}
	e.index = idx
	if !rebuilt {
		if err := idx.Rebuild(lib, progress); err != nil {
			return e.fail(err)
		}
	}
	fmt.Fprintln(e.errw, "The search index is up to date.")
	return exitOK
}

func questionCommands() []*command {
	return []*command{
		{name: "questions", args: "list [--json] | deadline --meeting yyyy-mm-dd [options] | similar [--json] [--limit N] TEXT | export [--markdown] MEETING",
			summary: "questions on notice: drafts, deadlines, asked before?, export",
			help: `questions list [--json]
  The member's question drafts, newest meeting first, with their deadlines.
  --json  {"questions":[{"id","meeting","committee","title","status","sent_on","deadline","body"}]}

questions deadline --meeting yyyy-mm-dd [--days N] [--cutoff HH:MM] [--committee NAME] [--closed yyyy-mm-dd,…]
  When a question for that meeting must reach the democratic services officer:
  N clear working days before it (weekends and England and Wales bank holidays
  do not count, nor do the deadline day and the meeting day). Prints the
  deadline as yyyy-mm-dd (and HH:MM, Europe/London, with a cut-off) on the
  first line, then the days it skipped. Without --days it uses the rule saved
  for --committee, else 10 days.

questions similar [--json] [--limit N] TEXT
  Has this been asked before? The questions on notice in the library's papers
  (agendas, minutes, question-and-answer packs) closest in wording to TEXT,
  best first: meeting date, who asked, the question and, where the minutes
  record it, the response. Words match in any form ("calls" finds "calling")
  and a few council synonyms count as the same word (101 and non-emergency,
  PCC and Commissioner, council tax and precept). TEXT is one argument (quote
  it) or the words after --.
  --json      {"results":[{"date","committee","asker","text","response","pack","page","score"}]}
  --limit N   at most N questions (default 5)

questions export [--markdown] MEETING
  The member's questions for the meeting on MEETING (yyyy-mm-dd), in the form
  the panel prints them: "Question from Councillor …:" then the text, ready
  to paste into an e-mail or save as a file.
  --markdown  write Markdown instead of plain text`,
			flags: map[string]bool{"json": false, "meeting": true, "days": true, "cutoff": true, "committee": true, "closed": true,
				"limit": true, "markdown": false},
			minArgs: 1, maxArgs: -1, run: cmdQuestions},
	}
}

func cmdQuestions(e *env, o opts, args []string) int {
	sub, rest := args[0], args[1:]
	switch sub {
	case "similar":
		return cmdQuestionSimilar(e, o, rest)
	case "export":
		return cmdQuestionExport(e, o, rest)
	case "deadline", "list":
		if len(rest) > 0 {
			fmt.Fprintf(e.errw, "questions %s takes no arguments, only options (see 'panelpapers questions --help').\n", sub)
			return exitUsage
		}
		if sub == "deadline" {
			return cmdDeadline(e, o)
		}
		return cmdQuestionList(e, o)
	}
	fmt.Fprintf(e.errw, "panelpapers questions: %q is not a questions command (list, deadline, similar, export).\n", sub)
	return exitUsage
}

func cmdDeadline(e *env, o opts) int {
	if o["meeting"] == "" {
		fmt.Fprintln(e.errw, "questions deadline needs --meeting yyyy-mm-dd.")
		return exitUsage
	}
	rule := library.DeadlineRule{ClearDays: library.DefaultClearDays}
	if c := o["committee"]; c != "" && !o.has("days") {
		lib, err := e.library()
		if err != nil {
			return e.fail(err)
		}
		if rule, err = lib.RuleFor(c); err != nil {
			return e.fail(err)
		}
	}
	if s, ok := o["days"]; ok {
		n, err := strconv.Atoi(s)
		if err != nil {
			fmt.Fprintf(e.errw, "--days needs a whole number of working days, not %q.\n", s)
			return exitUsage
		}
		rule.ClearDays = n
	}
	if c, ok := o["cutoff"]; ok {
		rule.Cutoff = c
	}
	if c := o["closed"]; c != "" {
		for _, d := range strings.Split(c, ",") {
			rule.Closed = append(rule.Closed, strings.TrimSpace(d))
		}
	}
	d, err := rule.DeadlineOn(o["meeting"])
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprint(e.out, d.Explain())
	return exitOK
}

// draftJSON is one draft in `questions list --json`.
type draftJSON struct {
	ID        string  `json:"id"`
	Meeting   *string `json:"meeting"`
	Committee *string `json:"committee"`
	Title     string  `json:"title"`
	Status    string  `json:"status"`
	SentOn    *string `json:"sent_on"`
	Deadline  *string `json:"deadline"`
	Body      string  `json:"body"`
}

func cmdQuestionList(e *env, o opts) int {
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	drafts, err := lib.Drafts()
	if err != nil {
		return e.fail(err)
	}
	list := []draftJSON{}
	for _, d := range drafts {
		var deadline string
		if d.Meeting != "" {
			if rule, err := lib.RuleFor(d.Committee); err == nil {
				if dl, err := rule.DeadlineOn(d.Meeting); err == nil {
					deadline = dl.Day.Format("2006-01-02")
				}
			}
		}
		list = append(list, draftJSON{ID: d.ID, Meeting: nullable(d.Meeting), Committee: nullable(d.Committee), Title: d.Title,
			Status: string(d.Status), SentOn: nullable(d.SentOn), Deadline: nullable(deadline), Body: d.Body})
	}
	if o.has("json") {
		return e.printJSON(map[string]any{"questions": list})
	}
	tw := tabwriter.NewWriter(e.out, 2, 4, 2, ' ', 0)
	for _, d := range list {
		meeting, deadline := "no meeting", "-"
		if d.Meeting != nil {
			meeting = *d.Meeting
		}
		if d.Deadline != nil {
			deadline = "deadline " + *d.Deadline
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", d.ID, meeting, d.Status, deadline, d.Title)
	}
	tw.Flush()
	return exitOK
}

func fetchCommands() []*command {
	return []*command{
		{name: "fetch", args: "URL…", summary: "download papers by their links and add them",
			help: `Downloads each PDF (a pack, minutes, a report) and adds it to the library,
with a progress bar on stderr. Prints the same lines as add. An interrupted
download resumes where it stopped when you run the command again.`,
			minArgs: 1, maxArgs: -1, run: cmdFetch},
		{name: "follow", args: "SITE [COMMITTEE]", summary: "list a council's committees, or follow one",
			help: `With only SITE (a council's ModernGov address, such as
https://democracy.carmarthenshire.gov.wales), lists its committees: id and
title. With COMMITTEE (an id, or a part of the title only one committee has),
follows it: 'panelpapers sync' then keeps its papers up to date.`,
			minArgs: 1, maxArgs: 2, run: cmdFollow},
		{name: "unfollow", args: "COMMITTEE", summary: "stop following a committee (its papers stay)",
			help: `Stops syncing a followed committee, named by id or a unique part of its
title. Papers already downloaded stay in the library.`,
			minArgs: 1, maxArgs: 1, run: cmdUnfollow},
		{name: "sync", args: "[--since yyyy-mm-dd] [--all]", summary: "download new papers of followed committees",
			help: `Asks each followed committee's site for its meetings (12 months back, 3
months ahead) and downloads what is new or changed: reports packs (or the
agenda and item papers), supplements, and printed minutes once published.
A republished paper is kept as a new version. Restricted papers and
cancelled meetings are not downloaded.

The first sync of a committee with many papers asks whether to download all
of them or only those of coming meetings; without a terminal it takes only
coming meetings unless --all is given.

  --since DATE   only papers of meetings from DATE on (and remember that)
  --all          download every paper in the window without asking`,
			flags: map[string]bool{"since": true, "all": false}, maxArgs: 0, run: cmdSync},
	}
}

// downloadDir is where downloads wait until they are complete and checked:
// inside the data folder, so that adding them is a rename.
func (e *env) downloadDir() string { return filepath.Join(e.dataDir, "downloads") }

// byteProgress draws a download's progress bar on stderr: in place on a
// terminal, otherwise not at all (logs need no bars).
func (e *env) byteProgress(label string) func(done, total int64) {
	if !isTerminal(e.errw) {
		return nil
	}
	start := time.Now()
	return func(done, total int64) {
		fmt.Fprintf(e.errw, "\r\033[K%s  %s", label, fetch.ProgressLine(done, total, time.Since(start)))
	}
}

func (e *env) clearLine() {
	if isTerminal(e.errw) {
		fmt.Fprint(e.errw, "\r\033[K")
	}
}

func cmdFetch(e *env, _ opts, urls []string) int {
	p, err := e.papers()
	if err != nil {
		return e.fail(err)
	}
	client, err := fetch.NewClient()
	if err != nil {
		return e.fail(err)
	}
	if err := os.MkdirAll(e.downloadDir(), 0o755); err != nil {
		return e.fail(err)
	}
	status := exitOK
	for _, u := range urls {
		d, err := client.Download(e.ctx, u, e.downloadDir(), fetch.Validators{}, e.byteProgress(path.Base(u)))
		e.clearLine()
		if err != nil {
			fmt.Fprintf(e.errw, "%s: %s\n", u, downloadSentence(err))
			status = exitFail
			continue
		}
		res, err := p.Import(e.ctx, d.Path, library.ImportOptions{Source: u})
		os.Remove(d.Path)
		if res == nil {
			fmt.Fprintf(e.errw, "%s: %s\n", u, sentence(err))
			status = exitFail
			continue
		}
		e.lib.SetRemote(docs.Remote{URL: u, ETag: d.ETag, LastModified: d.LastModified, SHA256: res.Version.SHA256})
		e.reportImport(u, res, err)
	}
	return status
}

// reportImport prints the line `add` and `fetch` share for one paper.
func (e *env) reportImport(name string, res *library.ImportResult, err error) {
	v := res.Version
	if !res.Added {
		fmt.Fprintf(e.out, "already in library %s\n", v.ID())
		return
	}
	fmt.Fprintf(e.out, "added %s %q %s %d pages\n", v.ID(), v.Title, dateOrUndated(v.Date), v.Pages)
	if res.Superseded != nil {
		fmt.Fprintf(e.errw, "%s: a new version of %s (%s); the older one is kept\n", name, res.Superseded.ID(), res.Superseded.Title)
	}
	if err != nil { // the index lags behind; the paper is in the library
		fmt.Fprintf(e.errw, "%s: %s\n", name, sentence(err))
	}
}

func cmdFollow(e *env, _ opts, args []string) int {
	client, err := fetch.NewClient()
	if err != nil {
		return e.fail(err)
	}
	site, err := fetch.NormalizeSite(args[0])
	if err != nil {
		return e.fail(err)
	}
	list, err := client.Committees(e.ctx, site)
	if err != nil {
		return e.fail(err)
	}
	if len(args) == 1 {
		tw := tabwriter.NewWriter(e.out, 2, 4, 2, ' ', 0)
		for _, c := range list {
			note := ""
			if c.Expired {
				note = "\t(no longer meets)"
			}
			fmt.Fprintf(tw, "%d\t%s%s\n", c.ID, c.Title, note)
		}
		tw.Flush()
		return exitOK
	}
	c, err := fetch.FindCommittee(list, args[1])
	if err != nil {
		return e.fail(err)
	}
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	if err := lib.Follow(c); err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.out, "following %d %q on %s\n", c.ID, c.Title, c.Site)
	fmt.Fprintln(e.errw, "Run 'panelpapers sync' to download its papers.")
	return exitOK
}

func cmdUnfollow(e *env, _ opts, args []string) int {
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	followed, err := lib.Followed()
	if err != nil {
		return e.fail(err)
	}
	c, err := fetch.FindCommittee(followed, args[0])
	if err != nil {
		return e.fail(err)
	}
	if err := lib.Unfollow(c); err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.out, "unfollowed %d %q; its papers stay in the library\n", c.ID, c.Title)
	return exitOK
}

// syncStore is the library as a sync needs it: records from the store,
// imports through the flow that also keeps search up to date.
type syncStore struct {
	*library.Library
	*library.Papers
}

func cmdSync(e *env, o opts, _ []string) int {
	p, err := e.papers()
	if err != nil {
		return e.fail(err)
	}
	followed, err := p.Lib.Followed()
	if err != nil {
		return e.fail(err)
	}
	if len(followed) == 0 {
		fmt.Fprintln(e.errw, "You follow no committee yet. See 'panelpapers follow --help'.")
		return exitFail
	}
	var since time.Time
	if s := o["since"]; s != "" {
		if since, err = time.Parse(time.DateOnly, s); err != nil {
			fmt.Fprintf(e.errw, "--since needs a date as yyyy-mm-dd, not %q.\n", s)
			return exitUsage
		}
	}
	client, err := fetch.NewClient()
	if err != nil {
		return e.fail(err)
	}
	if err := os.MkdirAll(e.downloadDir(), 0o755); err != nil {
		return e.fail(err)
	}
	s := &fetch.Syncer{Client: client, Store: syncStore{p.Lib, p}, TempDir: e.downloadDir(), Now: now}
	fmt.Fprintln(e.errw, "Asking the council's site for meetings…")
	plan, err := s.Plan(e.ctx, since)
	if err != nil {
		return e.fail(err)
	}
	if plan.NeedsChoice() && !o.has("all") && since.IsZero() {
		est := plan.New()
		size := "size unknown"
		if est.Bytes > 0 {
			size = "about " + fetch.FormatBytes(est.Bytes)
		}
		today := now().Format(time.DateOnly)
		coming := true
		if isTerminal(e.errw) && isTerminal(os.Stdin) {
			fmt.Fprintf(e.errw, "This first sync would download %d papers (%s). Download all of them, or only those of coming meetings? [all/coming] ", est.Count, size)
			var answer string
			fmt.Fscanln(os.Stdin, &answer)
			coming = !strings.HasPrefix(strings.ToLower(strings.TrimSpace(answer)), "a")
		} else {
			fmt.Fprintf(e.errw, "This first sync would download %d papers (%s); taking only those of coming meetings. Run 'panelpapers sync --all' for all of them.\n", est.Count, size)
		}
		if coming {
			if plan, err = s.KeepFrom(plan, today); err != nil {
				return e.fail(err)
			}
		}
	} else if !since.IsZero() {
		if plan, err = s.KeepFrom(plan, since.Format(time.DateOnly)); err != nil {
			return e.fail(err)
		}
	}
	var bar func(done, total int64)
	current := -1
	rep, err := s.Run(e.ctx, plan, func(pr fetch.Progress) {
		if pr.Index != current {
			current = pr.Index
			bar = e.byteProgress(fmt.Sprintf("[%d/%d] %s, %s", pr.Index, pr.Count, fetch.MeetingLabel(pr.Meeting), pr.Document.Title))
		}
		if bar != nil {
			bar(pr.Done, pr.Total)
		}
	})
	e.clearLine()
	if err != nil {
		return e.fail(err)
	}
	for _, a := range rep.Arrived {
		v, verr := p.Lib.Version(a.SHA256)
		if verr != nil {
			continue
		}
		what := "added"
		if a.Changed {
			what = "updated"
		}
		fmt.Fprintf(e.out, "%s %s %q %s %d pages\n", what, v.ID(), v.Title, dateOrUndated(v.Date), v.Pages)
	}
	for _, n := range rep.News() {
		fmt.Fprintf(e.errw, "New papers: %s\n", fetch.MeetingLabel(n.Meeting))
	}
	for _, m := range rep.Meetings {
		if m.Cancelled() {
			fmt.Fprintf(e.errw, "Cancelled: %s\n", fetch.MeetingLabel(m))
		}
	}
	fmt.Fprintf(e.errw, "%d new, %d unchanged, %d failed.\n", len(rep.Arrived), rep.Unchanged, len(rep.Failures))
	if err := rep.Err(); err != nil {
		for _, f := range rep.Failures {
			fmt.Fprintln(e.errw, downloadSentence(f))
		}
		return exitFail
	}
	return exitOK
}

// similarJSON is one past question in `questions similar --json`.
type similarJSON struct {
	Date      *string `json:"date"`
	Committee *string `json:"committee"`
	Asker     *string `json:"asker"`
	Text      string  `json:"text"`
	Response  *string `json:"response"`
	Pack      string  `json:"pack"`
	Page      int     `json:"page"`
	Score     float64 `json:"score"`
}

// cmdQuestionSimilar answers "has this been asked before?" from the papers in
// the library. The index of questions is built in memory from the library
// (milliseconds), so it needs neither the search index nor its lock and
// works while the window is open.
func cmdQuestionSimilar(e *env, o opts, words []string) int {
	text := strings.TrimSpace(strings.Join(words, " "))
	if text == "" {
		fmt.Fprintln(e.errw, "questions similar needs the text of a question (quote it).")
		return exitUsage
	}
	limit, ok := e.limit(o, search.DefaultSimilarLimit)
	if !ok {
		return exitUsage
	}
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	qs, err := search.OpenQuestions(lib)
	if err != nil {
		return e.fail(err)
	}
	defer qs.Close()
	res, err := qs.Similar(search.SimilarRequest{Text: text, Limit: limit})
	if err != nil {
		return e.fail(err)
	}
	if o.has("json") {
		out := []similarJSON{}
		for _, r := range res {
			out = append(out, similarJSON{Date: nullable(r.Meeting), Committee: nullable(r.Committee), Asker: nullable(r.Asker),
				Text: r.Text, Response: nullable(r.Response), Pack: r.Pack[:docs.ShortIDLen], Page: r.Page, Score: r.Score})
		}
		return e.printJSON(map[string]any{"results": out})
	}
	for _, r := range res {
		fmt.Fprintf(e.out, "%s — %s — %s, page %d, %s\n    %s\n", dateOrUndated(r.Meeting), orUnknown(r.Asker),
			r.Title, r.Page, r.Pack[:docs.ShortIDLen], r.Text)
		if r.Answered() {
			fmt.Fprintf(e.out, "    Response (page %d): %s\n", r.ResponsePage, r.Response)
		}
		fmt.Fprintln(e.out)
	}
	if len(res) == 0 {
		fmt.Fprintln(e.errw, "No question in the library is close to this one.")
	}
	return exitOK
}

// cmdQuestionExport prints the member's questions for one meeting together,
// as they go to the clerk.
func cmdQuestionExport(e *env, o opts, args []string) int {
	if len(args) != 1 {
		fmt.Fprintln(e.errw, "Usage: panelpapers questions export [--markdown] MEETING")
		return exitUsage
	}
	meeting := args[0]
	if _, err := time.Parse(time.DateOnly, meeting); err != nil {
		fmt.Fprintf(e.errw, "MEETING is the meeting's date, like 2023-10-27, not %q.\n", meeting)
		return exitUsage
	}
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	drafts, err := lib.MeetingDrafts(meeting)
	if err != nil {
		return e.fail(err)
	}
	if len(drafts) == 0 {
		fmt.Fprintf(e.errw, "There are no questions for the meeting on %s.\n", meeting)
		return exitOK
	}
	format := library.ExportText
	if o.has("markdown") {
		format = library.ExportMarkdown
	}
	fmt.Fprint(e.out, library.ExportQuestions(drafts, format))
	return exitOK
}

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
	nb := &library.Notebook{Lib: lib}
	if idx := e.indexIfFree(); idx != nil {
		// Once search.Index has IndexNote and RemoveNote this is simply
		// nb.Index = idx.
		if ni, ok := any(idx).(docs.NoteIndexer); ok {
			nb.Index = ni
		}
	}
	return nb, nil
}

// notesDone reports err: a lagging index is a warning (the note is saved),
// anything else a failure.
func (e *env) notesDone(err error) (ok bool, code int) {
	if err == nil {
		return true, exitOK
	}
	if errors.Is(err, docs.ErrNoteIndexBehind) {
		fmt.Fprintln(e.errw, sentence(err))
		return true, exitOK
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
		return exitFail
	}
	nb, err := e.notebook()
	if err != nil {
		return e.fail(err)
	}
	note, err := nb.Add(docs.Note{Version: v.SHA256, Page: n, Quote: o["quote"], Comment: o["comment"], Colour: colour})
	if errors.Is(err, docs.ErrQuoteNotFound) {
		fmt.Fprintf(e.errw, "%q is not on page %d of %s. Check the words with 'panelpapers text %s %d'.\n", o["quote"], n, v.ID(), v.ID(), n)
		return exitFail
	}
	if ok, code := e.notesDone(err); !ok {
		return code
	}
	fmt.Fprintf(e.out, "added note %s on page %d of %s\n", note.ID, note.Page, note.Version[:docs.ShortIDLen])
	e.autoBackup(nb.Lib)
	return exitOK
}

// autoBackup refreshes the data folder's rotating backup after a change; a
// failure is a warning, since the change itself is saved.
func (e *env) autoBackup(lib *library.Library) {
	if _, err := lib.AutoBackup(); err != nil {
		fmt.Fprintf(e.errw, "The automatic backup could not be written (%s).\n", sentence(err))
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
	return exitOK
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
	return exitOK
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
	return exitOK
}
