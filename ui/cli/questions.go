package cli

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/questions"
	"panelpapers/search"
)

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
	rule := questions.DeadlineRule{ClearDays: questions.DefaultClearDays}
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
	return ExitOK
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
	return ExitOK
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

// cmdQuestionSimilar answers "has this been asked before?" from the index of
// questions the window uses too, so both give the same answers. While the
// window holds that index, the same entries are read from the library into
// memory (see search.OpenQuestionsToSearch).
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
	qs, err := search.OpenQuestionsToSearch(e.s.QuestionsDir(), lib)
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
	return ExitOK
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
		return ExitOK
	}
	format := questions.ExportText
	if o.has("markdown") {
		format = questions.ExportMarkdown
	}
	fmt.Fprint(e.out, questions.ExportQuestions(drafts, format))
	return ExitOK
}
