package fetch

import (
	"context"
	"errors"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/fetch/fetchtest"
)

func TestServiceFixtures(t *testing.T) {
	site := fetchtest.NewSite(t)
	c := testClient(t)
	ctx := context.Background()

	committees, err := c.Committees(ctx, site.URL)
	if err != nil {
		t.Fatal(err)
	}
	want := []docs.Committee{
		{Site: site.URL, ID: 312, Title: "Appointment Sub Committee for Director of Adult Social Services", Expired: true},
		{Site: site.URL, ID: 163, Title: "Art Galleries Committee"},
		{Site: site.URL, ID: 144, Title: "Audit Committee"},
	}
	if len(committees) != len(want) {
		t.Fatalf("committees %+v", committees)
	}
	for i := range want {
		if committees[i] != want[i] {
			t.Errorf("committee %d = %+v, want %+v", i, committees[i], want[i])
		}
	}

	from, to := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	meetings, err := c.Meetings(ctx, site.URL, 144, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if len(meetings) != 2 || meetings[0].ID != 4966 || !meetings[0].Cancelled() || meetings[0].Date != "2026-01-13" ||
		meetings[1].ID != 4967 || meetings[1].Cancelled() || meetings[1].Time != "10:00" || meetings[1].Committee != "Audit Committee" {
		t.Errorf("meetings %+v", meetings)
	}
	for _, r := range site.Requests() {
		if strings.Contains(r.URI, "GetMeetings") && !strings.Contains(r.URI, "sFromDate=01%2F03%2F2025") {
			t.Errorf("dates not sent as dd/mm/yyyy: %s", r.URI)
		}
	}

	m, err := c.Meeting(ctx, site.URL, 4967)
	if err != nil {
		t.Fatal(err)
	}
	if m.Date != "2026-02-10" || m.Time != "10:00" || !m.AgendaPublished || !m.MinutesPublished || m.Committee != "Audit Committee" {
		t.Errorf("meeting %+v", m)
	}
	wantItems := []docs.MeetingItem{
		{Number: "1", Title: "Minutes", Text: "To approve as a correct record the minutes of the meeting held on 25 November 2025."},
		{Number: "9", Title: "Work Programme", Text: "The report of the Governance and Scrutiny Support Unit, attached."},
	}
	if len(m.Items) != 2 || m.Items[0] != wantItems[0] || m.Items[1] != wantItems[1] {
		t.Errorf("items %+v", m.Items)
	}
	wantDocs := []docs.MeetingDocument{
		{Title: "6 - CHAIR APPROVED Minutes Audit Committee 25 Nov 2025", URL: site.URL + fetchtest.URIItem1, Kind: docs.KindReport, Item: "1"},
		{Title: "DRAFT WP FEBRUARY 2026", URL: site.URL + fetchtest.URIItem9, Kind: docs.KindReport, Item: "9"},
	}
	if len(m.Documents) != 2 || m.Documents[0] != wantDocs[0] || m.Documents[1] != wantDocs[1] {
		t.Errorf("documents %+v", m.Documents)
	}

	if _, err := c.Meeting(ctx, site.URL, 5000); err == nil {
		t.Error("no error for a meeting the service does not know")
	}
}

func TestRestrictedItemRestrictsItsDocuments(t *testing.T) {
	site := fetchtest.NewSite(t)
	site.Edit("meeting/4967", "<ispubliccanspeak>False</ispubliccanspeak>\n      <isrestricted>False", "<ispubliccanspeak>False</ispubliccanspeak>\n      <isrestricted>True")
	m, err := testClient(t).Meeting(context.Background(), site.URL, 4967)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Items[0].Restricted || !m.Documents[0].Restricted || m.Items[1].Restricted || m.Documents[1].Restricted {
		t.Errorf("items %+v\ndocuments %+v", m.Items, m.Documents)
	}
}

func TestMeetingPage(t *testing.T) {
	page, _ := url.Parse("https://democracy.example.gov.uk/ieListDocuments.aspx?CId=144&MId=4967")
	got, err := parseMeetingPage(strings.NewReader(fetchtest.Fixture(t, "ieListDocuments_4967.html")), page)
	if err != nil {
		t.Fatal(err)
	}
	base := "https://democracy.example.gov.uk"
	want := []docs.MeetingDocument{
		{Title: "Agenda frontsheet", URL: base + fetchtest.URIFront, Kind: docs.KindAgenda, Size: 194_000},
		{Title: "Public reports pack", URL: base + fetchtest.URIPack, Kind: docs.KindAgenda, Size: 3_000_000},
		{Title: "Supplementary Agenda Item 9 - Work Programme", URL: base + fetchtest.URISupp, Kind: docs.KindSupplement},
		{Title: "Printed minutes", URL: base + fetchtest.URIMinutes, Kind: docs.KindMinutes, Size: 283_000},
		{Title: "Printed decisions", URL: base + "/documents/g4967/Decisions%20Tuesday%2010-Feb-2026%2010.00%20Audit%20Committee.pdf?T=2", Kind: docs.KindOther, Size: 90_000},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d links: %+v", len(got), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("link %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestPageLinkVariants(t *testing.T) {
	page, _ := url.Parse("https://mgov.example.gov.uk/modern.gov/ieListDocuments.aspx?CId=1&MId=2")
	cases := []struct {
		name, html string
		want       docs.MeetingDocument
	}{
		{"size in the link text", `<a href="documents/g2/Printed minutes.pdf?T=1">Printed minutes (PDF 1.5 MB)</a>`,
			docs.MeetingDocument{Title: "Printed minutes", URL: "https://mgov.example.gov.uk/modern.gov/documents/g2/Printed%20minutes.pdf?T=1", Kind: docs.KindMinutes, Size: 1_500_000}},
		{"icon link with a tooltip", `<a href="/modern.gov/documents/g2/pack.pdf" title="Link to agenda reports pack"><img src="x.png"></a>`,
			docs.MeetingDocument{Title: "Agenda reports pack", URL: "https://mgov.example.gov.uk/modern.gov/documents/g2/pack.pdf", Kind: docs.KindAgenda}},
		{"supplement pack", `<a href="documents/b9/Supplement.pdf?T=9">Supplementary Information Pack 1, 17/09/2025 14:00</a>`,
			docs.MeetingDocument{Title: "Supplementary Information Pack 1, 17/09/2025 14:00", URL: "https://mgov.example.gov.uk/modern.gov/documents/b9/Supplement.pdf?T=9", Kind: docs.KindSupplement}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseMeetingPage(strings.NewReader(`<ul class="mgActionList"><li>`+tc.html+`</li></ul>`), page)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"escaped once", `<div class="WordSection1"><p class="MsoNormal"><span>To approve as a correct record
the minutes.</span></p></div>`, "To approve as a correct record the minutes."},
		{"markup escaped twice", `&lt;p&gt;The Chair&amp;#39;s report&lt;/p&gt;`, "The Chair's report"},
		{"text escaped twice", `<p>The Chair&amp;#39;s report</p>`, "The Chair's report"},
		{"paragraphs", `<p>One</p><p>Two&nbsp;words</p><br>Three`, "One\nTwo words\nThree"},
		{"plain", "Police & Crime Plan", "Police & Crime Plan"},
		{"empty", "\n ", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := plainText(tc.in); got != tc.want {
				t.Errorf("plainText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseTimeAndDate(t *testing.T) {
	times := map[string]string{
		"10.00 am": "10:00", "2.00 pm": "14:00", "12.30 pm": "12:30", "12.00 am": "00:00", "14:00": "14:00",
		"10am": "10:00", "6.30 p.m.": "18:30", "12 noon": "12:00", "": "", "TBC": "", "25.00": "", " 9.15 AM ": "09:15",
	}
	for in, want := range times {
		t.Run("time "+in, func(t *testing.T) {
			if got := parseTime(in); got != want {
				t.Errorf("parseTime(%q) = %q, want %q", in, got, want)
			}
		})
	}
	dates := map[string]string{
		"13/01/2026": "2026-01-13", "1/2/2026": "2026-02-01", "13/01/2026 00:00:00": "2026-01-13", "": "", "2026-01-13": "", "31/02/2026": "",
	}
	for in, want := range dates {
		t.Run("date "+in, func(t *testing.T) {
			if got := parseDate(in); got != want {
				t.Errorf("parseDate(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestNormalizeSite(t *testing.T) {
	cases := []struct{ in, want string }{
		{"democracy.carmarthenshire.gov.wales", "https://democracy.carmarthenshire.gov.wales"},
		{"https://democracy.carmarthenshire.gov.wales/", "https://democracy.carmarthenshire.gov.wales"},
		{"https://Democracy.Carmarthenshire.gov.wales/ieListDocuments.aspx?CId=193&MId=8000", "https://democracy.carmarthenshire.gov.wales"},
		{"https://mgov.example.gov.uk/modern.gov/", "https://mgov.example.gov.uk/modern.gov"},
		{"https://mgov.example.gov.uk/modern.gov/mgWebService.asmx/GetCommittees?lDummy=0", "https://mgov.example.gov.uk/modern.gov"},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080"},
		{"http://democracy.example.gov.uk", ""},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := NormalizeSite(tc.in)
			if tc.want == "" {
				if !errors.Is(err, ErrInsecure) {
					t.Errorf("NormalizeSite(%q) = %q, %v; want ErrInsecure", tc.in, got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("NormalizeSite(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestFindCommittee(t *testing.T) {
	list := []docs.Committee{
		{ID: 193, Title: "Dyfed-Powys Police and Crime Panel"},
		{ID: 144, Title: "Audit Committee"},
		{ID: 145, Title: "Audit Committee (Special)"},
		{ID: 163, Title: "Art Galleries Committee"},
	}
	cases := []struct {
		query  string
		wantID int
		err    error
	}{
		{"193", 193, nil},
		{"police and crime", 193, nil},
		{"audit committee", 144, nil}, // the whole title wins over the longer one
		{"audit", 0, ErrAmbiguousCommittee},
		{"planning", 0, ErrUnknownCommittee},
		{"999", 0, ErrUnknownCommittee},
		{"", 0, ErrUnknownCommittee},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			c, err := FindCommittee(list, tc.query)
			if !errors.Is(err, tc.err) || c.ID != tc.wantID {
				t.Errorf("FindCommittee(%q) = %d, %v; want %d, %v", tc.query, c.ID, err, tc.wantID, tc.err)
			}
		})
	}
}

func TestMeetingOverride(t *testing.T) {
	m := &docs.Meeting{Committee: "Audit Committee", Date: "2026-02-10", Time: "10:00", Venue: "Town Hall",
		Items: []docs.MeetingItem{{Number: "1", Title: "Minutes"}, {Number: "9", Title: "Work Programme"}}}
	a := &docs.Agenda{Committee: "AUDIT COMMITTEE", Date: "2026-02-01", Venue: "",
		Items: []docs.AgendaItem{{Number: "1.", Title: "MINUTES OF THE LAST", PrintedFirst: 3, PrintedLast: 8}, {Number: "2", Title: "Apologies"}}}
	m.Override(a)
	if a.Committee != "Audit Committee" || a.Date != "2026-02-10" || a.Time != "10:00" || a.Venue != "Town Hall" {
		t.Errorf("facts not taken from the service: %+v", a)
	}
	want := []docs.AgendaItem{
		{Number: "1.", Title: "Minutes", PrintedFirst: 3, PrintedLast: 8},
		{Number: "2", Title: "Apologies"},
		{Number: "9", Title: "Work Programme"},
	}
	if len(a.Items) != len(want) {
		t.Fatalf("items %+v", a.Items)
	}
	for i := range want {
		if !reflect.DeepEqual(a.Items[i], want[i]) {
			t.Errorf("item %d = %+v, want %+v", i, a.Items[i], want[i])
		}
	}
}

func FuzzPlainText(f *testing.F) {
	for _, s := range []string{fetchtest.Fixture(f, "meeting_with_minutes.xml"), "&lt;p&gt;a&amp;#39;b&lt;/p&gt;", "<p>x</p>", "&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := plainText(s)
		if strings.Contains(out, "\n\n") || strings.HasPrefix(out, " ") {
			t.Errorf("plainText(%q) = %q: blank line or leading space", s, out)
		}
	})
}

var hhmm = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"10.00 am", "12 noon", "2.30 p.m.", "99.99 pm"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := parseTime(s); got != "" && !hhmm.MatchString(got) {
			t.Errorf("parseTime(%q) = %q", s, got)
		}
	})
}

func FuzzMeetingPage(f *testing.F) {
	f.Add(fetchtest.Fixture(f, "ieListDocuments_4967.html"))
	f.Add(`<ul class="mgActionList"><a href="javascript:alert(1)">Printed minutes</a><a href="//evil/x.pdf">Agenda</a></ul>`)
	page, _ := url.Parse("https://democracy.example.gov.uk/ieListDocuments.aspx?CId=1&MId=2")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseMeetingPage(strings.NewReader(s), page)
		if err != nil {
			return
		}
		for _, d := range got {
			u, err := url.Parse(d.URL)
			if err != nil || !u.IsAbs() || (u.Scheme != "https" && u.Scheme != "http") || d.Title == "" {
				t.Errorf("bad link %+v from %q", d, s)
			}
		}
	})
}
