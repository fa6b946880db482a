// Package cli is Panel Papers' command line: a second user interface beside
// the window, for scripts, tests and benchmarks, keeping ../shared/CLI.md's
// conventions (options anywhere, "--" ends them, exit 0/1/2, results on
// stdout and sentences on stderr, every JSON key present). One file per
// group of commands; it never imports Fyne.
package cli

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/library"
	"panelpapers/ui/session"
)

// Program is the command line as main starts it.
type Program struct {
	// Version is the release, printed by --version and --help.
	Version string
	// Folders are where the app keeps things.
	Folders session.Folders
	// Stdout carries results; Stderr progress, warnings and errors.
	Stdout, Stderr io.Writer
	// Window opens the window on a data folder (movable: whether "Move…"
	// may be offered); the command line calls it when given no command.
	Window func(dir string, movable bool) int
	// Now is the clock a sync's window and "coming meetings" are counted
	// from; nil is the computer's.
	Now func() time.Time
}

func (p *Program) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// Exit statuses, as ../shared/CLI.md fixes them.
const (
	ExitOK    = 0
	ExitFail  = 1
	exitUsage = 2
)

// env is what a subcommand runs with: what is open on the data folder and
// where to write.
type env struct {
	p      *Program
	s      *session.Session
	out    io.Writer
	errw   io.Writer
	ctx    context.Context
	reread bool // whether library() looked for papers to read again
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

// Run runs the command line on args (without the program's name) and
// returns the exit status.
func (p *Program) Run(args []string) int {
	stdout, stderr := p.Stdout, p.Stderr
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
		dir, movable, err := p.Folders.DataDir(global["data"])
		if err != nil {
			fmt.Fprintln(stderr, Sentence(err))
			return ExitFail
		}
		return p.Window(dir, movable)
	}
	switch args[0] {
	case "--version", "version":
		fmt.Fprintf(stdout, "panelpapers %s\n", p.Version)
		return ExitOK
	case "--help", "-h", "help":
		if len(args) > 1 {
			c := lookup(args[1])
			if c == nil {
				fmt.Fprintf(stderr, "panelpapers: %q is not a command. See 'panelpapers --help'.\n", args[1])
				return exitUsage
			}
			printHelp(stdout, c, p.Folders)
			return ExitOK
		}
		printUsage(stdout, p)
		return ExitOK
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
		printHelp(stdout, c, p.Folders)
		return ExitOK
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
	dir, _, err := p.Folders.DataDir(o["data"])
	if err != nil {
		fmt.Fprintln(stderr, Sentence(err))
		return ExitFail
	}
	e := &env{p: p, s: session.New(dir, p.Folders.Cache), out: stdout, errw: stderr, ctx: ctx}
	defer e.s.Close()
	return c.run(e, o, pos)
}

func printUsage(w io.Writer, p *Program) {
	fmt.Fprintf(w, `Panel Papers %s — council committee papers, offline.

Usage:
  panelpapers                      open the window
  panelpapers COMMAND [options]    work from the command line

Commands:
`, p.Version)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	fmt.Fprint(w, `
Options for every command:
  --data DIR    the library folder (default: $PANELPAPERS_DATA, else `+p.Folders.DefaultData+`)
  --help        what a command does and its options

Exit status: 0 done, 1 the operation failed, 2 the command was not understood.
`)
}

func printHelp(w io.Writer, c *command, f session.Folders) {
	fmt.Fprintf(w, "Usage: panelpapers %s %s\n\n%s\n", c.name, c.args, strings.TrimSpace(c.help))
	fmt.Fprintf(w, "\n  --data DIR    the library folder (default: $PANELPAPERS_DATA, else %s)\n", f.DefaultData)
}

// library opens the library on first use.
// library opens the library on first use. When the reading of papers has
// improved since its papers were read, they are read again first, once.
func (e *env) library() (*library.Library, error) {
	lib, err := e.s.Library()
	if err != nil || e.reread {
		return lib, err
	}
	e.reread = true
	if need, err := lib.NeedsRereading(); err != nil || !need {
		return lib, err
	}
	e.indexIfFree()
	p, err := e.s.Papers()
	if err == nil {
		err = p.Reread(e.ctx, e.progressOf("Reading the papers again with this version of Panel Papers", "papers"))
	}
	if err != nil {
		fmt.Fprintln(e.errw, Sentence(err))
	}
	return lib, nil
}

// papers sets up the import flow: the library, the PDF engine (started when
// a PDF is first read) and the index, if the window does not hold it.
func (e *env) papers() (*library.Papers, error) {
	if _, err := e.library(); err != nil {
		return nil, err
	}
	e.indexIfFree()
	e.questionsIfFree()
	return e.s.Papers()
}

// fail prints err as a sentence a councillor can act on and returns exitFail.
func (e *env) fail(err error) int {
	fmt.Fprintln(e.errw, Sentence(err))
	return ExitFail
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
	return v, ExitOK
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
		{name: "edit", args: "PACK [--committee TEXT] [--date YYYY-MM-DD] [--time HH:MM] [--venue TEXT] [--kind KIND] [--body TEXT] [--reset FACT|all]",
			summary: "correct what the app read about a paper's meeting",
			help: `Corrects a paper's facts: they hold for all its versions and survive
reading the paper again. Question drafts for the meeting, the responses
linked from the paper and the committee's deadline rule move with a changed
committee or date. Prints one line per fact changed, then what moved.

  --committee TEXT   the committee ("" makes it unknown)
  --date YYYY-MM-DD  the meeting's date
  --time HH:MM       the meeting's start, 24 h
  --venue TEXT       where it meets
  --kind KIND        agenda, supplement, questions, minutes, decisions, report or other
  --body TEXT        the council or body
  --reset FACT|all   return facts (committee,date,… or all) to what the app reads`,
			flags:   map[string]bool{"committee": true, "date": true, "time": true, "venue": true, "kind": true, "body": true, "reset": true},
			minArgs: 1, maxArgs: 1, run: cmdEdit},
	}
	commands = append(commands, searchCommands()...)
	commands = append(commands, questionCommands()...)
	commands = append(commands, fetchCommands()...)
	commands = append(commands, notesCommands()...)
}
