package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
	"panelpapers/docs/library"
)

func dateOrUndated(d string) string {
	if d == "" {
		return "undated"
	}
	return d
}

func cmdAdd(e *env, o opts, files []string) int {
	p, err := e.papers()
	if err != nil {
		return e.fail(err)
	}
	status := ExitOK
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
			fmt.Fprintf(e.errw, "%s: %s\n", f, Sentence(err))
			status = ExitFail
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d pages%s\n", v.ID(), dateOrUndated(v.Date), committee, v.Kind, paperTitle(v.Title), v.Pages, note)
	}
	tw.Flush()
	return ExitOK
}

func (e *env) printJSON(v any) int {
	enc := json.NewEncoder(e.out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return e.fail(err)
	}
	return ExitOK
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

// sourcesJSON says where each fact came from: "member", "service", "text",
// "filename" or "metadata"; null when the fact is unknown.
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
	fmt.Fprintf(w, "%s\n", paperTitle(v.Title))
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
		fmt.Fprintf(w, "Officer:   %s\n", strings.Join(slices.DeleteFunc([]string{a.Officer.Name, a.Officer.Phone, a.Officer.Email}, isEmpty), ", "))
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
	return ExitOK
}

func isEmpty(s string) bool { return s == "" }

func orUnknown(s string) string {
	if s == "" {
		return "(not stated)"
	}
	return s
}

func cmdText(e *env, o opts, args []string) int {
	v, code := e.resolve(args[0])
	if v == nil {
		return code
	}
	lib, err := e.library()
	if err != nil {
		return e.fail(err)
	}
	pages, err := lib.Pages(v.SHA256)
	if err != nil {
		return e.fail(err)
	}
	if len(args) == 2 {
		n, err := strconv.Atoi(args[1])
		if err != nil || n < 1 || n > len(pages) {
			fmt.Fprintf(e.errw, "There is no page %s: %s has pages 1 to %d.\n", args[1], v.ID(), len(pages))
			return ExitFail
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
	return ExitOK
}

func cmdRemove(e *env, _ opts, args []string) int {
	v, code := e.resolve(args[0])
	if v == nil {
		return code
	}
	p, err := e.papers()
	if err != nil {
		return e.fail(err)
	}
	if err := p.Remove(v.SHA256); err != nil {
		if errors.Is(err, docs.ErrIndexBehind) {
			fmt.Fprintln(e.errw, Sentence(err))
		} else {
			return e.fail(err)
		}
	}
	fmt.Fprintf(e.out, "removed %s %q\n", v.ID(), paperTitle(v.Title))
	return ExitOK
}

// reportImport prints the line `add` and `fetch` share for one paper.
func (e *env) reportImport(name string, res *library.ImportResult, err error) {
	v := res.Version
	if !res.Added {
		fmt.Fprintf(e.out, "already in library %s\n", v.ID())
		return
	}
	fmt.Fprintf(e.out, "added %s %q %s %d pages\n", v.ID(), paperTitle(v.Title), dateOrUndated(v.Date), v.Pages)
	if res.Superseded != nil {
		fmt.Fprintf(e.errw, "%s: a new version of %s (%s); the older one is kept\n", name, res.Superseded.ID(), paperTitle(res.Superseded.Title))
	}
	if err != nil { // the index lags behind; the paper is in the library
		fmt.Fprintf(e.errw, "%s: %s\n", name, Sentence(err))
	}
	if lib, lerr := e.library(); lerr == nil {
		if pages, perr := lib.Pages(v.SHA256); perr == nil {
			var unread []string
			for _, p := range pages {
				if p.Unread {
					unread = append(unread, strconv.Itoa(p.Number))
				}
			}
			if len(unread) > 0 {
				which := "page " + unread[0]
				if len(unread) > 1 {
					which = "pages " + strings.Join(unread, ", ")
				}
				fmt.Fprintf(e.errw, "%s: the words of %s could not be read in time; they can be looked at in the window, not searched.\n", name, which)
			}
		}
	}
}
