package cli

import (
	"fmt"
	"os"
	"path"
	"strings"
	"text/tabwriter"
	"time"

	"panelpapers/docs/fetch"
	"panelpapers/ui/session"
)

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

// downloadDir is where downloads wait until they are complete and checked
// (the session's: inside the data folder, so that adding them is a rename).
func (e *env) downloadDir() string { return e.s.DownloadDir() }

func cmdFetch(e *env, _ opts, urls []string) int {
	p, err := e.papers()
	if err != nil {
		return e.fail(err)
	}
	client, err := fetch.NewClient()
	if err != nil {
		return e.fail(err)
	}
	status := ExitOK
	for _, u := range urls {
		res, err := session.AddFromLink(e.ctx, client, p, e.downloadDir(), u, e.byteProgress(path.Base(u)), nil)
		e.clearLine()
		if res == nil {
			fmt.Fprintf(e.errw, "%s: %s\n", u, downloadSentence(err))
			status = ExitFail
			continue
		}
		e.reportImport(u, res, err)
	}
	return status
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
		return ExitOK
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
	return ExitOK
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
	return ExitOK
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
		return ExitFail
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
	if err := os.MkdirAll(e.downloadDir(), 0o700); err != nil {
		return e.fail(err)
	}
	s := &fetch.Syncer{Client: client, Store: session.SyncStore{Library: p.Lib, Papers: p}, TempDir: e.downloadDir(), Now: e.p.now}
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
		today := e.p.now().Format(time.DateOnly)
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
	if rep == nil { // nothing was done: the library could not be used
		return e.fail(err)
	}
	// Whatever failed, say what did arrive, then what did not, each paper
	// in its own sentence, then the count.
	for _, a := range rep.Arrived {
		v, verr := p.Lib.Version(a.SHA256)
		if verr != nil {
			continue
		}
		what := "added"
		if a.Changed {
			what = "updated"
		}
		fmt.Fprintf(e.out, "%s %s %q %s %d pages\n", what, v.ID(), paperTitle(v.Title), dateOrUndated(v.Date), v.Pages)
	}
	for _, n := range rep.News() {
		fmt.Fprintf(e.errw, "New papers: %s\n", fetch.MeetingLabel(n.Meeting))
	}
	for _, m := range rep.Meetings {
		if m.Cancelled() {
			fmt.Fprintf(e.errw, "Cancelled: %s\n", fetch.MeetingLabel(m))
		}
	}
	for _, f := range rep.Failures {
		fmt.Fprintln(e.errw, failureSentence(f))
	}
	for _, u := range rep.ToDownload {
		fmt.Fprintf(e.errw, "%s: %s still to download; the next sync tries again.\n", fetch.MeetingLabel(u.Meeting), papersCount(len(u.Papers)))
	}
	if rep.IndexBehind {
		fmt.Fprintln(e.errw, "The papers are in the library, but search could not be brought up to date yet; it catches up the next time Panel Papers starts.")
	}
	fmt.Fprintf(e.errw, "%d new, %d unchanged, %d failed.\n", len(rep.Arrived), rep.Unchanged, len(rep.Failures))
	if len(rep.Failures) > 0 {
		return ExitFail
	}
	return ExitOK
}

// failureSentence says what a sync could not do, naming it: "Not
// downloaded: Public reports pack (Audit Committee, 10 February). The
// council's site sent a web page instead of the PDF. …"
func failureSentence(f fetch.Failure) string {
	why := downloadSentence(f.Err)
	switch {
	case f.Document != nil && f.Meeting != nil:
		return fmt.Sprintf("Not downloaded: %s (%s). %s", f.Document.Title, fetch.MeetingLabel(f.Meeting), why)
	case f.Meeting != nil:
		return fmt.Sprintf("%s: %s", fetch.MeetingLabel(f.Meeting), why)
	default:
		return fmt.Sprintf("%s: %s", f.Committee, why)
	}
}

// papersCount is "1 paper" or "2 papers".
func papersCount(n int) string {
	if n == 1 {
		return "1 paper"
	}
	return fmt.Sprintf("%d papers", n)
}
