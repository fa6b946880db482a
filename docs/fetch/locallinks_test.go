package fetch

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"panelpapers/docs"
)

// A council's page that links a paper over plain http to this computer or a
// private network is not followed, unless the site itself is at that
// address. These tests fail if localLinkRefused is taken out of resolve
// (the page's and the web service's links) or out of checkRedirect (a
// download redirected there): CheckURL alone lets plain http to this
// computer through.

func TestLocalLinksRefused(t *testing.T) {
	links := []string{
		"http://127.0.0.1:8080/documents/g2/loopback.pdf",
		"http://localhost/documents/g2/localhost.pdf",
		"http://LOCALHOST./documents/g2/localhost-dot.pdf",
		"http://admin.localhost/documents/g2/sub-localhost.pdf",
		"http://[::1]:9000/documents/g2/v6-loopback.pdf",
		"http://10.1.2.3/documents/g2/ten.pdf",
		"http://172.16.5.4/documents/g2/one-seven-two.pdf",
		"http://192.168.0.10/documents/g2/one-nine-two.pdf",
		"http://169.254.169.254/documents/g2/link-local.pdf",
		"http://[fd00::1]/documents/g2/v6-private.pdf",
		"http://0.0.0.0/documents/g2/unspecified.pdf",
		"https://democracy.example.gov.uk/documents/g2/kept.pdf",
		"https://127.0.0.1/documents/g2/kept-https.pdf",                     // not plain http: CheckURL's rule, certificates apply
		"http://democracy.example.gov.uk/documents/g2/kept-public-http.pdf", // CheckURL refuses it when fetched
	}
	var html strings.Builder
	html.WriteString(`<ul class="mgActionList">`)
	for _, l := range links {
		html.WriteString(`<li><a href="` + l + `">Paper</a></li>`)
	}
	html.WriteString(`</ul>`)

	kept := func(t *testing.T, pageURL string) []string {
		t.Helper()
		page, err := url.Parse(pageURL)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseMeetingPage(strings.NewReader(html.String()), page)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, d := range got {
			names = append(names, d.URL[strings.LastIndex(d.URL, "/")+1:])
		}
		return names
	}

	t.Run("a site on the internet", func(t *testing.T) {
		got := strings.Join(kept(t, "https://democracy.example.gov.uk/ieListDocuments.aspx?CId=1&MId=2"), " ")
		if want := "kept.pdf kept-https.pdf kept-public-http.pdf"; got != want {
			t.Errorf("links kept: %s\nwant:       %s", got, want)
		}
	})
	t.Run("a site on this computer", func(t *testing.T) {
		got := strings.Join(kept(t, "http://127.0.0.1:41234/ieListDocuments.aspx?CId=1&MId=2"), " ")
		// Loopback names only: "localhost." and "admin.localhost" are not
		// the names CheckURL lets through over plain http either.
		want := "loopback.pdf localhost.pdf v6-loopback.pdf kept.pdf kept-https.pdf kept-public-http.pdf"
		if got != want {
			t.Errorf("links kept: %s\nwant:       %s", got, want)
		}
	})
	t.Run("a site on a private network", func(t *testing.T) {
		got := strings.Join(kept(t, "http://10.1.2.3/ieListDocuments.aspx?CId=1&MId=2"), " ")
		if want := "ten.pdf kept.pdf kept-https.pdf kept-public-http.pdf"; got != want {
			t.Errorf("links kept: %s\nwant:       %s", got, want)
		}
	})

	// The web service's linked documents go through the same resolve.
	t.Run("a document the web service lists", func(t *testing.T) {
		var x xmlMeeting
		body := `<meeting><meetingid>2</meetingid><agendaitems><agendaitem><agendaitemtitle>Report</agendaitemtitle>
			<linkeddocuments>
			<linkeddoc><title>Local</title><url>http://127.0.0.1:8080/documents/s5/local.pdf</url></linkeddoc>
			<linkeddoc><title>Kept</title><url>/documents/s6/kept.pdf</url></linkeddoc>
			</linkeddocuments></agendaitem></agendaitems></meeting>`
		if err := decodeXML([]byte(body), "meeting", &x); err != nil {
			t.Fatal(err)
		}
		m, err := x.meeting("https://democracy.example.gov.uk", 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Documents) != 1 || m.Documents[0].URL != "https://democracy.example.gov.uk/documents/s6/kept.pdf" {
			t.Errorf("documents %+v", m.Documents)
		}
	})
}

func TestLocalRedirectRefused(t *testing.T) {
	req := func(raw string) *http.Request {
		r, err := http.NewRequest(http.MethodGet, raw, nil)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	local := req("http://127.0.0.1:8080/documents/g2/pack.pdf")
	if err := checkRedirect(local, []*http.Request{req("https://democracy.example.gov.uk/documents/g2/pack.pdf")}); !errors.Is(err, ErrInsecure) {
		t.Errorf("from a site on the internet to plain http on this computer: %v, want ErrInsecure", err)
	}
	if err := checkRedirect(local, []*http.Request{req("http://localhost:8081/documents/g2/pack.pdf")}); err != nil {
		t.Errorf("from a site on this computer to this computer: %v", err)
	}
}

// TestCouncilPageCannotReachThisComputer plays it through the client: a
// council site on https (a test server the client reaches as
// democracy.example.gov.uk) whose meeting page links, and whose pack
// redirects, to a plain-http service on this computer. The service must not
// be asked for anything.
func TestCouncilPageCannotReachThisComputer(t *testing.T) {
	var asked atomic.Int32
	victim := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4\n%%EOF\n"))
	}))
	defer victim.Close()
	council := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/ieListDocuments.aspx"):
			w.Write([]byte(`<ul class="mgActionList">
				<li><a href="` + victim.URL + `/documents/g2/Public reports pack.pdf">Public reports pack</a></li>
				<li><a href="/documents/g2/Printed minutes.pdf">Printed minutes</a></li></ul>`))
		case strings.HasSuffix(r.URL.Path, "/moved.pdf"):
			http.Redirect(w, r, victim.URL+"/documents/g2/moved.pdf", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer council.Close()

	c := testClient(t)
	tr := council.Client().Transport.(*http.Transport).Clone()
	tr.TLSClientConfig.ServerName = "example.com" // the name in httptest's certificate
	dial := tr.DialContext
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == "democracy.example.gov.uk:443" {
			addr = council.Listener.Addr().String()
		}
		return dial(ctx, network, addr)
	}
	c.http.Transport = tr
	site := "https://democracy.example.gov.uk"

	got, err := c.MeetingPage(context.Background(), site, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []docs.MeetingDocument{{Title: "Printed minutes", URL: site + "/documents/g2/Printed%20minutes.pdf", Kind: docs.KindMinutes}}
	if len(got) != 1 || got[0] != want[0] {
		t.Errorf("links from the meeting page: %+v\nwant %+v", got, want)
	}

	_, err = c.Download(context.Background(), site+"/documents/g2/moved.pdf", t.TempDir(), Validators{}, nil)
	if !errors.Is(err, ErrInsecure) {
		t.Errorf("a pack redirected to plain http on this computer: %v, want ErrInsecure", err)
	}
	if n := asked.Load(); n != 0 {
		t.Errorf("the service on this computer was asked %d times", n)
	}
}
