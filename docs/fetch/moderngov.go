package fetch

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html/charset"

	"panelpapers/docs"
)

// xmlLimit bounds a web-service answer: a year of meetings is tens of KB.
const xmlLimit = 32 << 20

// Errors from choosing a committee by name.
var (
	ErrUnknownCommittee   = errors.New("no committee on this site matches")
	ErrAmbiguousCommittee = errors.New("more than one committee matches")
)

// NormalizeSite turns what a member typed or pasted (a bare host name, the
// site's home page, a meeting page's address) into the site root the web
// service hangs off: "https://host[/sub-path]", no trailing slash. Plain http
// is refused except to this computer.
func NormalizeSite(s string) (string, error) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := CheckURL(s)
	if err != nil {
		return "", err
	}
	u.RawQuery, u.Fragment, u.User = "", "", nil
	u.Host = strings.ToLower(u.Host)
	u.Scheme = strings.ToLower(u.Scheme)
	// Drop a page name ("/ieListDocuments.aspx", "/mgWebService.asmx/GetCommittees"),
	// keeping a sub-path the site lives under ("/modern.gov").
	p := strings.TrimRight(u.Path, "/")
	if m := pageNameRE.FindStringIndex(p); m != nil {
		p = p[:m[0]]
	}
	u.Path, u.RawPath = strings.TrimRight(p, "/"), ""
	return u.String(), nil
}

var pageNameRE = regexp.MustCompile(`(?i)/[^/]*\.(aspx|asmx|html?|php)(/.*)?$`)

func serviceURL(site, op string, q url.Values) string {
	return site + "/mgWebService.asmx/" + op + "?" + q.Encode()
}

// MeetingPageURL is the address of a meeting's page on its site.
func MeetingPageURL(site string, committeeID, meetingID int) string {
	return fmt.Sprintf("%s/ieListDocuments.aspx?CId=%d&MId=%d", site, committeeID, meetingID)
}

// callService fetches one web-service answer and decodes it into v, whose
// root element must be root (a login page or an error page is not).
func (c *Client) callService(ctx context.Context, site, op string, q url.Values, root string, v any) error {
	body, _, err := c.get(ctx, serviceURL(site, op, q), "text/xml,application/xml;q=0.9,*/*;q=0.5", xmlLimit)
	if err != nil {
		return err
	}
	return decodeXML(body, root, v)
}

func decodeXML(body []byte, root string, v any) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.CharsetReader = charset.NewReaderLabel
	for {
		tok, err := d.Token()
		if err != nil {
			return fmt.Errorf("%w: no <%s> answer (%v)", ErrBadResponse, root, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local != root {
				return fmt.Errorf("%w: <%s> instead of <%s>", ErrBadResponse, se.Name.Local, root)
			}
			if err := d.DecodeElement(v, &se); err != nil {
				return fmt.Errorf("%w: %v", ErrBadResponse, err)
			}
			return nil
		}
	}
}

type xmlCommittees struct {
	Committees []struct {
		ID      string `xml:"committeeid"`
		Title   string `xml:"committeetitle"`
		Deleted string `xml:"committeedeleted"`
		Expired string `xml:"committeeexpired"`
	} `xml:"committee"`
}

// Committees lists a site's committees (GetCommittees), by title, leaving
// out deleted ones. site may be anything NormalizeSite accepts; the
// committees carry its normalized form, which the other calls expect.
func (c *Client) Committees(ctx context.Context, site string) ([]docs.Committee, error) {
	site, err := NormalizeSite(site)
	if err != nil {
		return nil, fmt.Errorf("list committees: %w", err)
	}
	var x xmlCommittees
	if err := c.callService(ctx, site, "GetCommittees", url.Values{"lDummy": {"0"}}, "committees", &x); err != nil {
		return nil, fmt.Errorf("list committees of %s: %w", site, err)
	}
	var out []docs.Committee
	for _, xc := range x.Committees {
		id, err := atoi(xc.ID)
		if err != nil || truth(xc.Deleted) {
			continue
		}
		out = append(out, docs.Committee{Site: site, ID: id, Title: clean(xc.Title), Expired: truth(xc.Expired)})
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Title) < strings.ToLower(out[j].Title) })
	return out, nil
}

type xmlGetMeetings struct {
	Committees []struct {
		ID       string `xml:"committeeid"`
		Title    string `xml:"committeetitle"`
		Meetings []struct {
			ID     string `xml:"meetingid"`
			Date   string `xml:"meetingdate"`
			Status string `xml:"meetingstatus"`
			Time   string `xml:"meetingtime"`
		} `xml:"committeemeetings>meeting"`
	} `xml:"committee"`
}

// Meetings lists a committee's meetings between from and to (GetMeetings):
// id, date, time, status and committee only; Meeting gives the rest.
func (c *Client) Meetings(ctx context.Context, site string, committeeID int, from, to time.Time) ([]docs.Meeting, error) {
	q := url.Values{
		"lCommitteeId": {strconv.Itoa(committeeID)},
		"sFromDate":    {from.Format("02/01/2006")},
		"sToDate":      {to.Format("02/01/2006")},
	}
	var x xmlGetMeetings
	if err := c.callService(ctx, site, "GetMeetings", q, "getmeetings", &x); err != nil {
		return nil, fmt.Errorf("list meetings of committee %d on %s: %w", committeeID, site, err)
	}
	var out []docs.Meeting
	for _, xc := range x.Committees {
		cid, err := atoi(xc.ID)
		if err != nil {
			cid = committeeID
		}
		for _, xm := range xc.Meetings {
			id, err := atoi(xm.ID)
			if err != nil {
				continue
			}
			out = append(out, docs.Meeting{
				Site: site, CommitteeID: cid, ID: id, Committee: clean(xc.Title),
				Date: parseDate(xm.Date), Time: parseTime(xm.Time), Status: parseStatus(xm.Status),
				URL: MeetingPageURL(site, cid, id),
			})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out, nil
}

type xmlMeeting struct {
	ID              string `xml:"meetingid"`
	Date            string `xml:"meetingdate"`
	Status          string `xml:"meetingstatus"`
	Time            string `xml:"meetingtime"`
	Location        string `xml:"meetinglocation"`
	AgendaPublished string `xml:"agendapublished"`
	MinutePublished string `xml:"minutepublished"`
	Items           []struct {
		Title      string `xml:"agendaitemtitle"`
		Number     string `xml:"agendaitemnumber"`
		SubNumber  string `xml:"agendaitemsubnumber"`
		Display    string `xml:"fulldisplaynumberformat"`
		Text       string `xml:"agendatext"`
		Restricted string `xml:"isrestricted"`
		Committee  string `xml:"refertocommittee"`
		Docs       []struct {
			Title      string `xml:"title"`
			URL        string `xml:"url"`
			IsURL      string `xml:"isurl"`
			Restricted string `xml:"isrestricted"`
			Committee  string `xml:"committeetitle"`
		} `xml:"linkeddocuments>linkeddoc"`
	} `xml:"agendaitems>agendaitem"`
}

// Meeting reads one meeting (GetMeeting): date, time, venue, status, whether
// agenda and minutes are out, the agenda items and their documents. The
// whole-meeting packs are not in it: see MeetingPage. The service does not
// give the committee's id; the caller fills in CommitteeID (and URL) from
// the committee it asked about.
func (c *Client) Meeting(ctx context.Context, site string, meetingID int) (*docs.Meeting, error) {
	var x xmlMeeting
	q := url.Values{"lMeetingId": {strconv.Itoa(meetingID)}}
	if err := c.callService(ctx, site, "GetMeeting", q, "meeting", &x); err != nil {
		return nil, fmt.Errorf("read meeting %d on %s: %w", meetingID, site, err)
	}
	return x.meeting(site, meetingID)
}

func (x *xmlMeeting) meeting(site string, meetingID int) (*docs.Meeting, error) {
	if id, err := atoi(x.ID); err != nil || id != meetingID {
		return nil, fmt.Errorf("%w: asked for meeting %d, got %q", ErrBadResponse, meetingID, strings.TrimSpace(x.ID))
	}
	m := &docs.Meeting{
		Site: site, ID: meetingID,
		Date: parseDate(x.Date), Time: parseTime(x.Time), Venue: clean(x.Location),
		Status:          parseStatus(x.Status),
		AgendaPublished: truth(x.AgendaPublished), MinutesPublished: truth(x.MinutePublished),
	}
	base, _ := url.Parse(site + "/")
	for _, xi := range x.Items {
		num := strings.TrimSuffix(clean(xi.Display), ".")
		if num == "" {
			num = clean(xi.Number) + clean(xi.SubNumber)
		}
		it := docs.MeetingItem{Number: num, Title: clean(xi.Title), Text: plainText(xi.Text), Restricted: truth(xi.Restricted)}
		m.Items = append(m.Items, it)
		if m.Committee == "" {
			m.Committee = clean(xi.Committee)
		}
		for _, xd := range xi.Docs {
			u := resolve(base, xd.URL)
			if u == "" {
				continue
			}
			kind := docs.KindReport
			if truth(xd.IsURL) { // a link to a web page, not a paper
				kind = docs.KindOther
			}
			m.Documents = append(m.Documents, docs.MeetingDocument{
				Title: clean(xd.Title), URL: u, Kind: kind, Item: num,
				Restricted: it.Restricted || truth(xd.Restricted),
			})
			if m.Committee == "" {
				m.Committee = clean(xd.Committee)
			}
		}
	}
	return m, nil
}

// MeetingPage reads a meeting's page (ieListDocuments.aspx) for the
// whole-meeting papers in its action list: agenda frontsheet, reports pack,
// supplements, printed minutes. Links are taken from the page, never built:
// file names differ between councils.
func (c *Client) MeetingPage(ctx context.Context, site string, committeeID, meetingID int) ([]docs.MeetingDocument, error) {
	page := MeetingPageURL(site, committeeID, meetingID)
	body, final, err := c.get(ctx, page, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", xmlLimit)
	if err != nil {
		return nil, fmt.Errorf("read the page of meeting %d on %s: %w", meetingID, site, err)
	}
	out, err := parseMeetingPage(bytes.NewReader(body), final)
	if err != nil {
		return nil, fmt.Errorf("read the page of meeting %d on %s: %w", meetingID, site, err)
	}
	return out, nil
}

// FindCommittee picks the committee a member named: by id, by its whole
// title, or by a part of its title that only one committee has (case does
// not matter).
func FindCommittee(list []docs.Committee, query string) (docs.Committee, error) {
	q := strings.TrimSpace(query)
	if id, err := strconv.Atoi(q); err == nil {
		for _, c := range list {
			if c.ID == id {
				return c, nil
			}
		}
		return docs.Committee{}, fmt.Errorf("%w: id %d", ErrUnknownCommittee, id)
	}
	lq := strings.ToLower(q)
	var found []docs.Committee
	for _, c := range list {
		lt := strings.ToLower(c.Title)
		if lt == lq {
			return c, nil
		}
		if lq != "" && strings.Contains(lt, lq) {
			found = append(found, c)
		}
	}
	switch len(found) {
	case 0:
		return docs.Committee{}, fmt.Errorf("%w %q", ErrUnknownCommittee, q)
	case 1:
		return found[0], nil
	}
	names := make([]string, 0, 5)
	for i, c := range found {
		if i == 5 {
			names = append(names, "…")
			break
		}
		names = append(names, fmt.Sprintf("%d %s", c.ID, c.Title))
	}
	return docs.Committee{}, fmt.Errorf("%w %q: %s", ErrAmbiguousCommittee, q, strings.Join(names, "; "))
}

// truth reads the service's "True"/"False".
func truth(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "true") }

func atoi(s string) (int, error) { return strconv.Atoi(strings.TrimSpace(s)) }

// clean collapses the whitespace the service pads its values with.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

func parseStatus(s string) docs.MeetingStatus {
	if strings.Contains(strings.ToLower(s), "cancel") {
		return docs.StatusCancelled
	}
	return docs.StatusConfirmed
}

// parseDate turns the service's dd/mm/yyyy (sometimes with a time after it)
// into yyyy-mm-dd, or "" when it is not a date.
func parseDate(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	t, err := time.Parse("2/1/2006", f[0])
	if err != nil {
		return ""
	}
	return t.Format("2006-01-02")
}

var timeRE = regexp.MustCompile(`(?i)^(\d{1,2})(?:[.:](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|noon|midday)?$`)

// parseTime turns "10.00 am", "2.30 pm", "14:00", "12 noon" into hh:mm
// (24 h), or "" when it cannot tell.
func parseTime(s string) string {
	m := timeRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	h, _ := strconv.Atoi(m[1])
	mins := 0
	if m[2] != "" {
		mins, _ = strconv.Atoi(m[2])
	}
	switch suffix := strings.ToLower(m[3]); {
	case strings.HasPrefix(suffix, "p") && h < 12:
		h += 12
	case strings.HasPrefix(suffix, "a") && h == 12:
		h = 0
	}
	if h > 23 || mins > 59 {
		return ""
	}
	return fmt.Sprintf("%02d:%02d", h, mins)
}

// resolve makes a link absolute against base, or returns "" if it is not a
// web link or is plain http to this computer or a private network from a
// site that is not there (localLinkRefused). Spaces, which some sites leave
// in file names, are escaped.
func resolve(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if href == "" {
		return ""
	}
	u, err := base.Parse(strings.ReplaceAll(href, " ", "%20"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || localLinkRefused(base, u) {
		return ""
	}
	u.Fragment = ""
	return u.String()
}
