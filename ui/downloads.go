package ui

import (
	"context"
	"errors"
	"math"
	"net/url"
	"path"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"panelpapers/docs"
	"panelpapers/docs/fetch"
	"panelpapers/docs/library"
	"panelpapers/ui/session"
	"panelpapers/ui/widgets"
)

// Downloader brings papers from councils' sites into the library: a link
// the member pastes, and the papers of the committees they follow. *Fetcher
// implements it.
type Downloader interface {
	// AddFromLink downloads the PDF at url and adds it to the library,
	// reporting bytes as they arrive (total < 0 when the site does not say)
	// and then pages as they are read.
	AddFromLink(ctx context.Context, url string, downloading func(done, total int64), reading func(done, total int)) (*library.ImportResult, error)
	// Committees lists the committees of a council's ModernGov site; site
	// may be anything fetch.NormalizeSite accepts.
	Committees(ctx context.Context, site string) ([]docs.Committee, error)
	// Followed, Follow and Unfollow keep the committees the member follows.
	Followed() ([]docs.Committee, error)
	Follow(c docs.Committee) error
	Unfollow(c docs.Committee) error
	// Plan asks the followed committees' sites what a sync would fetch.
	Plan(ctx context.Context) (*fetch.Plan, error)
	// KeepComingOnly narrows a first sync's plan to the papers of coming
	// meetings, and remembers that choice for later syncs.
	KeepComingOnly(plan *fetch.Plan) (*fetch.Plan, error)
	// Run carries out a plan.
	Run(ctx context.Context, plan *fetch.Plan, progress func(fetch.Progress)) (*fetch.Report, error)
}

// MeetingLister is what the papers list reads, when the window has it
// (Deps.Meetings), to show cancelled meetings, restricted items and the
// papers a sync has still to download; *library.Library implements it.
type MeetingLister interface {
	// StoredMeetings lists the meetings known from councils' web services,
	// each with the papers the last sync wanted from it that have not
	// arrived.
	StoredMeetings() ([]*library.StoredMeeting, error)
	// Followed lists the committees the member follows.
	Followed() ([]docs.Committee, error)
}

// Fetcher is the Downloader of the real app: the ModernGov client, the
// library's papers, and a folder for downloads in progress.
type Fetcher struct {
	client *fetch.Client
	papers *library.Papers
	syncer *fetch.Syncer
	tmp    string
}

// NewFetcher builds the window's Downloader. tempDir must be on the same
// file system as the library (inside its data folder), so that adding a
// downloaded paper is a rename.
func NewFetcher(client *fetch.Client, papers *library.Papers, tempDir string) *Fetcher {
	store := session.SyncStore{Library: papers.Lib, Papers: papers}
	return &Fetcher{client: client, papers: papers, tmp: tempDir,
		syncer: &fetch.Syncer{Client: client, Store: store, TempDir: tempDir}}
}

// AddFromLink downloads a PDF and adds it, as `panelpapers fetch` does.
func (f *Fetcher) AddFromLink(ctx context.Context, raw string, downloading func(done, total int64), reading func(done, total int)) (*library.ImportResult, error) {
	return session.AddFromLink(ctx, f.client, f.papers, f.tmp, raw, downloading, reading)
}

// Committees lists a site's committees.
func (f *Fetcher) Committees(ctx context.Context, site string) ([]docs.Committee, error) {
	return f.client.Committees(ctx, site)
}

// Followed lists the committees followed.
func (f *Fetcher) Followed() ([]docs.Committee, error) { return f.papers.Lib.Followed() }

// Follow starts following a committee.
func (f *Fetcher) Follow(c docs.Committee) error { return f.papers.Lib.Follow(c) }

// Unfollow stops following a committee; its papers stay.
func (f *Fetcher) Unfollow(c docs.Committee) error { return f.papers.Lib.Unfollow(c) }

// ComingMeetings lists a committee's meetings between two days, as its
// site's web service gives them.
func (f *Fetcher) ComingMeetings(ctx context.Context, c docs.Committee, from, to time.Time) ([]docs.Meeting, error) {
	return f.client.Meetings(ctx, c.Site, c.ID, from, to)
}

// Plan plans a sync of every followed committee.
func (f *Fetcher) Plan(ctx context.Context) (*fetch.Plan, error) {
	return f.syncer.Plan(ctx, time.Time{})
}

// KeepComingOnly keeps the papers of coming meetings (see fetch.Syncer.KeepFrom).
func (f *Fetcher) KeepComingOnly(plan *fetch.Plan) (*fetch.Plan, error) {
	return f.syncer.KeepComingOnly(plan)
}

// Run carries out a plan.
func (f *Fetcher) Run(ctx context.Context, plan *fetch.Plan, progress func(fetch.Progress)) (*fetch.Report, error) {
	return f.syncer.Run(ctx, plan, progress)
}

// How often the window looks at whether a check for new papers is due, and
// how long after start it first checks: the papers list, the PDF engine and
// the search index come first. Looking every few minutes (rather than
// sleeping for the whole interval) copes with a laptop that slept.
const (
	checkTick  = 10 * time.Minute
	startDelay = 20 * time.Second
	// progressEvery spaces progress reports: a fast line sends 64 KB pieces
	// hundreds of times a second, and each report redraws the papers list.
	progressEvery = 150 * time.Millisecond
)

// Downloads is the window's side of downloading: "Add from link…", the
// check for new papers of followed committees (on start, every few hours,
// or when asked), and the line at the foot of the window that says how the
// last check went.
type Downloads struct {
	u      *UI
	dl     Downloader
	ctx    context.Context
	cancel context.CancelFunc

	every   time.Duration // between checks; 0: only when asked
	last    time.Time     // the last check that reached the sites (or was put off)
	running bool
	timer   *time.Timer

	// The line at the foot of the window.
	bar    *fyne.Container
	icon   *widget.Icon
	status *widget.Label
	retry  *widget.Button
	// offline is set while the last check found no network.
	offline bool

	// The open dialogs, for tests.
	link       *widget.Entry
	linkDialog *dialog.FormDialog
	choice     *dialog.CustomDialog
	choiceAll  *widget.Button
	choiceNew  *widget.Button
	choiceNot  *widget.Button
	notified   string // the last notification's text
}

func newDownloads(u *UI) *Downloads {
	d := &Downloads{u: u, dl: u.deps.Downloader, every: fetch.DefaultSyncEvery}
	d.ctx, d.cancel = context.WithCancel(context.Background())
	d.icon = widget.NewIcon(theme.InfoIcon())
	d.status = widget.NewLabel("")
	d.status.Truncation = fyne.TextTruncateEllipsis
	d.retry = widget.NewButton(lang.L("Try again"), func() { d.check(true) })
	d.retry.Importance = widget.LowImportance
	d.retry.Hide()
	d.bar = widgets.Border(widget.NewSeparator(), nil, d.icon, d.retry, d.status)
	d.bar.Hide()
	return d
}

// start reads how often to check and sets the first check going shortly
// after the window opens. New calls it; tests check by hand.
func (d *Downloads) start() {
	if d.dl == nil {
		return
	}
	lib := d.u.deps.Library
	d.u.async.run(func() func() {
		raw, _ := lib.Setting(fetch.SettingSyncEvery)
		return func() {
			d.every = fetch.ParseSyncEvery(raw)
			d.arm(startDelay)
		}
	})
}

// arm looks again after a while.
func (d *Downloads) arm(after time.Duration) {
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(after, func() { d.u.async.post(d.onTick) })
}

// onTick checks for new papers when a check is due.
func (d *Downloads) onTick() {
	d.arm(checkTick)
	if d.due() {
		d.check(false)
	}
}

// due reports whether a background check should run now: never when the
// member checks only by hand, and at once after the window opened.
func (d *Downloads) due() bool {
	return d.dl != nil && d.every > 0 && !d.running && (d.last.IsZero() || d.u.now().Sub(d.last) >= d.every)
}

// setEvery changes how often to check (the setting is stored by the caller).
func (d *Downloads) setEvery(every time.Duration) { d.every = every }

// stop cancels a check or download under way and stops checking.
func (d *Downloads) stop() {
	d.cancel()
	if d.timer != nil {
		d.timer.Stop()
	}
}

// say shows a line at the foot of the window; "" hides it.
func (d *Downloads) say(icon fyne.Resource, text string, retry bool) {
	was := d.bar.Visible()
	if text == "" {
		d.bar.Hide()
	} else {
		d.icon.SetResource(icon)
		d.status.SetText(text)
		if retry {
			d.retry.Show()
		} else {
			d.retry.Hide()
		}
		d.bar.Show()
	}
	// The window makes room for the line, or takes it back.
	if was != d.bar.Visible() {
		if c := d.u.win.Content(); c != nil {
			c.Refresh()
		}
	}
}

// onCheckNow is the menu's "Check for new papers" (Ctrl+R): the list is
// read again, whatever else, and the followed committees' sites asked.
func (d *Downloads) onCheckNow() {
	d.u.Library.reload()
	d.check(true)
}

// check asks the followed committees' sites for new papers and downloads
// them. manual is set when the member asked: then a problem is also said in
// a dialog, not only at the foot of the window.
func (d *Downloads) check(manual bool) {
	if d.dl == nil {
		return
	}
	if d.running {
		return
	}
	d.running = true
	d.say(theme.ViewRefreshIcon(), lang.L("Checking for new papers…"), false)
	dl, ctx := d.dl, d.ctx
	d.u.async.run(func() func() {
		followed, err := dl.Followed()
		if err == nil && len(followed) == 0 {
			return func() {
				d.running = false
				d.say(nil, "", false)
				if manual {
					// Said at the foot of the window, not in a message to
					// dismiss: the member may have wanted the list refreshed.
					d.say(theme.InfoIcon(), lang.L("The list of papers is up to date. To have new papers downloaded as they are published, follow your committees in Settings."), false)
				}
			}
		}
		var plan *fetch.Plan
		if err == nil {
			plan, err = dl.Plan(ctx)
		}
		return func() { d.onPlan(plan, err, manual) }
	})
}

// onPlan runs a plan, after asking the member when it is a large first sync.
func (d *Downloads) onPlan(plan *fetch.Plan, err error, manual bool) {
	switch {
	case err != nil:
		d.done(nil, err, nil, manual)
	case plan.NeedsChoice():
		d.askChoice(plan, manual)
	default:
		d.run(plan, manual)
	}
}

// askChoice says how many papers a first sync would bring, and how large,
// and lets the member take all of them or only those of coming meetings.
func (d *Downloads) askChoice(plan *fetch.Plan, manual bool) {
	est := plan.New()
	size := ""
	switch {
	case est.Bytes > 0 && est.Unsized > 0:
		size = " " + lang.L("(at least {{.Size}})", tv{"Size": fetch.FormatBytes(est.Bytes)})
	case est.Bytes > 0:
		size = " " + lang.L("(about {{.Size}})", tv{"Size": fetch.FormatBytes(est.Bytes)})
	}
	names := make([]string, len(plan.First))
	for i, c := range plan.First {
		names[i] = c.Title
	}
	text := widget.NewLabel(lang.L("Panel Papers found {{.Papers}} of {{.Committees}}{{.Size}}, from the past year and the meetings to come.",
		tv{"Papers": pluralPapers(est.Count), "Committees": joinAnd(names), "Size": size}) + "\n\n" +
		lang.L("Download all of them, or only the papers of coming meetings? Later papers are downloaded as they are published either way."))
	text.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomWithoutButtons(lang.L("First download"), text, d.u.win)
	answer := func(f func()) func() {
		return func() {
			dlg.Hide()
			d.choice = nil
			f()
		}
	}
	d.choiceNot = widget.NewButton(lang.L("Not now"), answer(func() {
		d.running = false
		d.last = d.u.now() // ask again at the next check, not in ten minutes
		d.say(theme.InfoIcon(), lang.L("New papers were not downloaded. Choose Check for new papers when you are ready."), false)
	}))
	d.choiceAll = widget.NewButton(lang.L("Download all"), answer(func() { d.run(plan, manual) }))
	d.choiceNew = widget.NewButton(lang.L("Only coming meetings"), answer(func() {
		dl := d.dl
		d.u.async.run(func() func() {
			kept, err := dl.KeepComingOnly(plan)
			return func() {
				if err != nil {
					d.done(nil, err, nil, manual)
					return
				}
				d.run(kept, manual)
			}
		})
	}))
	d.choiceNew.Importance = widget.HighImportance
	dlg.SetButtons([]fyne.CanvasObject{d.choiceNot, d.choiceAll, d.choiceNew})
	dlg.Resize(fyne.NewSize(520, 240))
	d.choice = dlg
	dlg.Show()
}

// run downloads what a plan lists, each paper a row with its progress in
// the papers list.
func (d *Downloads) run(plan *fetch.Plan, manual bool) {
	if n := plan.New().Count; n > 0 {
		d.say(theme.DownloadIcon(), lang.L("Downloading {{.Papers}}…", tv{"Papers": pluralPapers(n)}), false)
	}
	dl, ctx := d.dl, d.ctx
	d.u.async.run(func() func() {
		var (
			keys    []string
			current = -1
			key     string
			started time.Time
			gate    throttle
		)
		rep, err := dl.Run(ctx, plan, func(p fetch.Progress) {
			if p.Index != current {
				if key != "" {
					d.u.ReportProgress(Progress{Key: key, Finished: true})
				}
				current, key, started, gate = p.Index, "sync:"+p.Document.URL, time.Now(), throttle{}
				keys = append(keys, key)
			}
			if !gate.pass(p.Total > 0 && p.Done >= p.Total) {
				return
			}
			d.u.ReportProgress(Progress{
				Key: key, Title: p.Document.Title, Committee: p.Meeting.Committee, Date: p.Meeting.Date, Kind: p.Document.Kind,
				Verb: VerbDownloading, Done: p.Done, Total: max(p.Total, 0),
				Detail: lang.L("{{.Index}} of {{.Count}}", tv{"Index": p.Index, "Count": p.Count}) + " · " + progressLine(p.Done, p.Total, time.Since(started)),
			})
		})
		return func() { d.done(rep, err, keys, manual) }
	})
}

// done tells the member how a check went: a notification for new papers, a
// line at the foot of the window, and a dialog when they asked and it failed.
func (d *Downloads) done(rep *fetch.Report, err error, keys []string, manual bool) {
	d.running = false
	for _, k := range keys {
		d.u.Library.onProgress(Progress{Key: k, Finished: true})
	}
	now := d.u.now()
	d.offline = errors.Is(err, fetch.ErrOffline)
	if rep != nil {
		d.u.Library.reload()
		if news := rep.News(); len(news) > 0 {
			d.notified = newsText(news)
			d.u.app.SendNotification(fyne.NewNotification(appName, d.notified))
		}
	}
	if rep != nil && !d.offline {
		d.last = now
		lib := d.u.deps.Library
		d.u.async.run(func() func() {
			_ = lib.SetSetting(fetch.SettingLastSync, now.UTC().Format(time.RFC3339))
			return nil
		})
		d.u.Settings.showLast(now)
	}
	checked := " · " + lang.L("checked at {{.Time}}", tv{"Time": now.Local().Format("15:04")})
	// Search that could not follow the papers that arrived is said after
	// the rest, and a check that went well then shows a warning.
	behind := ""
	if rep != nil && rep.IndexBehind {
		behind = " · " + lang.L("Search will find the new papers the next time Panel Papers starts.")
	}
	icon := func(r fyne.Resource) fyne.Resource {
		if behind != "" {
			return theme.WarningIcon()
		}
		return r
	}
	switch {
	case d.offline:
		d.say(theme.WarningIcon(), lang.L("Offline — showing papers already downloaded"), true)
	case rep == nil:
		d.say(theme.WarningIcon(), lang.L("New papers could not be checked:")+" "+d.explain(err), true)
		if manual {
			d.showError(lang.L("New papers could not be checked"), err)
		}
	case len(rep.Failures) > 0:
		// The meetings whose papers did not all arrive first: the next
		// check tries them again.
		msg := plural("count.failed", "{{.Count}} papers could not be downloaded:", len(rep.Failures), tv{"Count": len(rep.Failures)})
		if len(rep.ToDownload) > 0 {
			msg = toDownloadText(rep.ToDownload)
		}
		d.say(theme.WarningIcon(), msg+" "+d.explain(rep.Failures[0].Err)+behind, true)
		if manual {
			d.showError(lang.L("Some papers could not be downloaded"), rep.Failures[0])
		}
	case len(rep.ToDownload) > 0:
		d.say(theme.WarningIcon(), toDownloadText(rep.ToDownload)+checked+behind, true)
	case len(rep.News()) > 0:
		d.say(icon(theme.InfoIcon()), d.notified+checked+behind, false)
	default:
		d.say(icon(theme.ConfirmIcon()), lang.L("Papers up to date")+checked+behind, false)
	}
}

// toDownloadText says how many papers a sync has still to download: "Audit
// Committee, 10 February: 2 papers still to download; the next check tries
// again."
func toDownloadText(left []fetch.Unfinished) string {
	n := 0
	for _, u := range left {
		n += len(u.Papers)
	}
	if len(left) == 1 {
		return lang.L("{{.Meeting}}: {{.Papers}} still to download; the next check tries again.",
			tv{"Meeting": meetingLabel(left[0].Meeting), "Papers": pluralPapers(n)})
	}
	return lang.L("{{.Papers}} still to download; the next check tries again.", tv{"Papers": pluralPapers(n)})
}

// newsText is the notification for new papers: "New papers: Police and
// Crime Panel, 27 October".
func newsText(news []fetch.News) string {
	labels := make([]string, 0, len(news))
	for _, n := range news {
		labels = append(labels, meetingLabel(n.Meeting))
	}
	if len(labels) > 3 {
		more := len(labels) - 2
		labels = append(labels[:2], plural("count.more-meetings", "and {{.Count}} more meetings", more, tv{"Count": more}))
	}
	return lang.L("New papers:") + " " + strings.Join(labels, "; ")
}

// meetingLabel names a meeting in a sentence: "Police and Crime Panel, 27
// October".
func meetingLabel(m *docs.Meeting) string {
	t, err := time.Parse(time.DateOnly, m.Date)
	if err != nil {
		return m.Committee
	}
	return m.Committee + ", " + dayMonth(t)
}

// progressLine is a download's progress in the window's language: "12.3 MB
// of 40.1 MB  1.2 MB/s  23 s left" (as fetch.ProgressLine says it for the
// command line).
func progressLine(done, total int64, elapsed time.Duration) string {
	parts := []string{fetch.FormatBytes(done)}
	if total > 0 {
		parts[0] = lang.L("{{.Done}} of {{.Total}}", tv{"Done": fetch.FormatBytes(done), "Total": fetch.FormatBytes(total)})
	}
	if elapsed < 500*time.Millisecond || done <= 0 {
		return parts[0]
	}
	rate := float64(done) / elapsed.Seconds()
	parts = append(parts, lang.L("{{.Size}}/s", tv{"Size": fetch.FormatBytes(int64(rate))}))
	if total > 0 && total >= done {
		parts = append(parts, timeLeft(time.Duration(float64(total-done)/rate*float64(time.Second))))
	}
	return strings.Join(parts, "  ")
}

// timeLeft rounds up: "1 s left" rather than "0 s left" just before the end.
func timeLeft(d time.Duration) string {
	s := int64(math.Ceil(d.Seconds()))
	switch {
	case s < 60:
		return lang.L("{{.Seconds}} s left", tv{"Seconds": s})
	case s < 3600:
		return lang.L("{{.Minutes}} min left", tv{"Minutes": (s + 59) / 60})
	}
	m := (s + 59) / 60
	return lang.L("{{.Hours}} h {{.Minutes}} min left", tv{"Hours": m / 60, "Minutes": m % 60})
}

// onAddFromLink asks for the link of a PDF to add, offering the one on the
// clipboard.
func (d *Downloads) onAddFromLink() {
	if d.dl == nil {
		return
	}
	e := widget.NewEntry()
	e.SetPlaceHolder(lang.L("https://…/Public reports pack.pdf"))
	if clip := strings.TrimSpace(d.u.app.Clipboard().Content()); !strings.ContainsAny(clip, " \n") {
		if _, err := fetch.CheckURL(clip); err == nil {
			e.SetText(clip)
		}
	}
	e.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("Paste a link."))
		}
		if _, err := fetch.CheckURL(strings.TrimSpace(s)); err != nil {
			return errors.New(d.explain(err))
		}
		return nil
	}
	help := widget.NewLabel(lang.L("Paste the link of a PDF on the council's site: a reports pack, minutes or a report."))
	help.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewForm(lang.L("Add from link"), lang.L("Add"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem("", help), widget.NewFormItem(lang.L("Link"), e)},
		func(ok bool) {
			d.link, d.linkDialog = nil, nil
			if ok {
				d.addLink(e.Text)
			}
		}, d.u.win)
	e.OnSubmitted = func(string) { dlg.Submit() }
	dlg.Resize(fyne.NewSize(560, 220))
	d.link, d.linkDialog = e, dlg
	dlg.Show()
	d.u.win.Canvas().Focus(e)
}

// addLink downloads and adds the PDF at raw, its progress a row in the
// papers list.
func (d *Downloads) addLink(raw string) {
	raw = strings.TrimSpace(raw)
	key, title := "link:"+raw, linkTitle(raw)
	d.u.Library.onProgress(Progress{Key: key, Title: title, Verb: VerbDownloading})
	dl, ctx := d.dl, d.ctx
	d.u.async.run(func() func() {
		started := time.Now()
		var gate throttle
		downloading := func(done, total int64) {
			if gate.pass(total > 0 && done >= total) {
				d.u.ReportProgress(Progress{Key: key, Title: title, Verb: VerbDownloading, Done: done, Total: max(total, 0),
					Detail: progressLine(done, total, time.Since(started))})
			}
		}
		reading := func(done, total int) {
			d.u.ReportProgress(Progress{Key: key, Title: title, Verb: VerbReading, Done: int64(done), Total: int64(total)})
		}
		res, err := dl.AddFromLink(ctx, raw, downloading, reading)
		return func() {
			d.u.Library.onProgress(Progress{Key: key, Finished: true})
			switch {
			case res == nil:
				d.showError(lang.L("The paper could not be added"), err)
				return
			case !res.Added:
				d.u.inform(d.u.win, lang.L("Already in the library"), lang.L("{{.Name}} is already in the library.", tv{"Name": paperTitle(res.Version)}))
			}
			d.u.Library.reload()
		}
	})
}

// linkTitle names a paper on its way in by its link: the file's name.
func linkTitle(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Path == "" || u.Path == "/" {
		return lang.L("Paper from {{.Link}}", tv{"Link": raw})
	}
	name, err := url.PathUnescape(path.Base(u.Path))
	if err != nil {
		name = path.Base(u.Path)
	}
	if ext := path.Ext(name); strings.EqualFold(ext, ".pdf") {
		name = strings.TrimSuffix(name, ext)
	}
	return name
}

// showError shows a download's failure in a dialog, in words about
// downloading.
func (d *Downloads) showError(title string, err error) {
	d.u.lastError = d.explain(err)
	d.u.inform(d.u.win, title, d.u.lastError)
}

// askCommittees asks a council's site for its committees off the UI thread,
// with button disabled meanwhile. say keeps the member told (asking, what
// went wrong, a site with none); a list with committees goes to found, on
// the UI thread. The first run and the settings both list a site this way.
func (d *Downloads) askCommittees(site string, button *widget.Button, say func(string), found func([]docs.Committee)) {
	say(lang.L("Asking the council's site for its committees…"))
	button.Disable()
	dl, ctx := d.dl, d.ctx
	d.u.async.run(func() func() {
		list, err := dl.Committees(ctx, site)
		return func() {
			button.Enable()
			switch {
			case err != nil:
				say(d.explain(err))
			case len(list) == 0:
				say(lang.L("This site lists no committees."))
			default:
				found(list)
			}
		}
	})
}

// explain says what went wrong with a download or a council's site, and
// what to do (errors.go).
func (d *Downloads) explain(err error) string { return d.u.explainIn(inDownload, err) }

// throttle lets a progress report through at most every progressEvery,
// and always the last one of a paper.
type throttle struct{ last time.Time }

func (t *throttle) pass(final bool) bool {
	now := time.Now()
	if !final && !t.last.IsZero() && now.Sub(t.last) < progressEvery {
		return false
	}
	t.last = now
	return true
}

// meetingRecord is what a council's site said about a meeting, for the
// papers list.
type meetingRecord struct {
	*docs.Meeting
	// followed is set when the member follows the meeting's committee: only
	// then is a cancelled meeting listed without papers, or one whose
	// papers are still to download.
	followed bool
	// toDownload counts the papers the last sync wanted from the meeting
	// that have not arrived: the next sync tries them again.
	toDownload int
}

// readMeetings reads what councils' sites said about meetings; none when
// the window has no MeetingLister.
func readMeetings(ml MeetingLister) map[meetingKey]meetingRecord {
	if ml == nil {
		return nil
	}
	ms, err := ml.StoredMeetings()
	if err != nil {
		return nil // the list of papers matters more than these notes
	}
	followed := map[string]bool{}
	if cs, err := ml.Followed(); err == nil {
		for _, c := range cs {
			followed[c.Key()] = true
		}
	}
	out := make(map[meetingKey]meetingRecord, len(ms))
	for _, m := range ms {
		out[meetingKey{m.Committee, m.Date}] = meetingRecord{&m.Meeting, followed[(docs.Committee{Site: m.Site, ID: m.CommitteeID}).Key()], len(m.ToDownload)}
	}
	return out
}

// stillToDownload reports whether the papers list says of a meeting that
// papers are still to download: only for a committee the member follows,
// whose next sync will try again.
func (rec meetingRecord) stillToDownload() bool {
	return rec.Meeting != nil && rec.followed && rec.toDownload > 0
}

// meetingNotices are the rows the papers list adds under a meeting from the
// council's record of it: the papers a sync has still to download, and its
// restricted items and papers, which are never downloaded.
func meetingNotices(rec meetingRecord) []libRow {
	m := rec.Meeting
	if m == nil {
		return nil
	}
	var rows []libRow
	if rec.stillToDownload() {
		rows = append(rows, libRow{kind: rowToDownload,
			text:   lang.L("{{.Papers}} still to download", tv{"Papers": pluralPapers(rec.toDownload)}),
			detail: lang.L("Not all of this meeting's papers arrived. The next check for new papers tries again.")})
	}
	restricted := map[string]bool{}
	for _, it := range m.Items {
		if !it.Restricted {
			continue
		}
		restricted[it.Number] = true
		rows = append(rows, libRow{kind: rowNotice, text: itemLabel(it.Number, it.Title), detail: lang.L("Restricted (not published)")})
	}
	for _, doc := range m.Documents {
		if !doc.Restricted || restricted[doc.Item] {
			continue
		}
		text := doc.Title
		if doc.Item != "" {
			text = itemLabel(doc.Item, doc.Title)
		}
		rows = append(rows, libRow{kind: rowNotice, text: text, detail: lang.L("Restricted (not published)")})
	}
	return rows
}

// pluralPapers is "1 paper" or "5 papers"; "1 papur", "2 bapur".
func pluralPapers(n int) string {
	return plural("count.papers", "{{.Count}} papers", n, tv{"Count": n})
}

// itemLabel names an agenda item: "Item 5: Budget", or "Item 5" untitled.
func itemLabel(number, title string) string {
	if title == "" {
		return lang.L("Item {{.Number}}", tv{"Number": number})
	}
	return lang.L("Item {{.Number}}: {{.Title}}", tv{"Number": number, "Title": title})
}

// joinAnd lists names as a sentence does: "A", "A and B", "A, B and C"
// (in Welsh "A, B a C", or "ac" before a vowel).
func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	last := names[len(names)-1]
	and := lang.X("list.and", "and")
	if r := []rune(strings.ToLower(last)); len(r) > 0 && strings.ContainsRune("aeiouwyâêîôûŵŷ", r[0]) {
		and = lang.X("list.and.vowel", "and")
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + and + " " + last
}
