// Package fetchtest plays a council's ModernGov site for tests: an httptest
// server that answers the web service from real responses (Manchester's Audit
// Committee, in ../shared/moderngov beside the repository), serves meeting
// 4967's page and generated PDFs for its links, and misbehaves on demand as
// council sites do (dropped connections, stalls, login pages, oversized
// files…). It never touches the internet.
//
// It is test support, shared by docs/fetch's tests and the command line's:
// nothing else imports it.
package fetchtest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// FixtureSite is the site the fixtures name, which the fake rewrites to its
// own address.
const FixtureSite = "https://democracy.manchester.gov.uk"

// Addresses (request URIs) of the papers of meeting 4967 as its page and the
// web service link them.
const (
	URIFront   = "/documents/g4967/Agenda%20frontsheet%20Tuesday%2010-Feb-2026%2010.00%20Audit%20Committee.pdf?T=0"
	URIPack    = "/documents/g4967/Public%20reports%20pack%20Tuesday%2010-Feb-2026%2010.00%20Audit%20Committee.pdf?T=10"
	URISupp    = "/documents/b4967/Supplementary%20Agenda%20Item%209%20-%20Work%20Programme%20Tuesday%2010-Feb-2026%2010.00%20Audit%20Committee.pdf?T=9"
	URIMinutes = "/documents/g4967/Printed%20minutes%20Tuesday%2010-Feb-2026%2010.00%20Audit%20Committee.pdf?T=1"
	URIItem1   = "/mgConvert2PDF.aspx?ID=60860"
	URIItem9   = "/mgConvert2PDF.aspx?ID=60909"
)

// Fault is what a paper's address does wrong.
type Fault int

// The faults a paper's address can have.
const (
	FaultNone        Fault = iota
	FaultDrop              // headers and half the body, then the connection closes
	Fault500               // 500 Internal Server Error
	FaultStall             // headers and a little of the body, then silence
	FaultHTML              // a web page with 200 OK
	FaultLogin             // a redirect to the login page
	FaultHuge              // a body over the size cap (SetMaxSize), with Content-Length
	FaultHugeChunked       // the same without Content-Length
	FaultNoRange           // the whole file, whatever Range asks
	FaultInsecure          // a redirect to plain http on another host
)

// Request is one request the site saw.
type Request struct {
	Method, URI, Range, IfRange, IfNoneMatch, UserAgent string
	// Status is what the site answered (200 until the handler says otherwise).
	Status int
}

type file struct {
	name       string // the paper's short name: "pack"
	body       []byte
	version    int
	validators bool // send ETag and Last-Modified
	fault      Fault
	times      int
}

func (f *file) etag() string {
	h := sha256.Sum256(f.body)
	return `"` + hex.EncodeToString(h[:8]) + `"`
}

func (f *file) modTime() time.Time {
	return time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC).Add(time.Duration(f.version) * time.Hour)
}

// Site is a ModernGov site played from the fixtures: committee 144 (Audit
// Committee) has meeting 4966 (13 January 2026, cancelled) and meeting 4967
// (10 February 2026) with a reports pack, a supplement, printed minutes and
// two item documents, all version 1 at first and sending ETag and
// Last-Modified. Its methods may be called while clients use it.
type Site struct {
	// URL is the site's root, http://127.0.0.1:port, with no slash at the end.
	URL string

	t   testing.TB
	srv *httptest.Server

	mu       sync.Mutex
	xml      map[string]string // "committees", "meetings", "meeting/4967"
	xmlFault map[string]string // operation → body to send instead
	pages    map[string]string // meeting id → page HTML
	files    map[string]*file  // request URI → paper
	log      []*Request
	closing  chan struct{}
	closed   bool
	maxSize  int
}

// NewSite starts a site; it stops when the test ends.
func NewSite(t testing.TB) *Site {
	t.Helper()
	s := &Site{
		t:        t,
		xml:      map[string]string{},
		xmlFault: map[string]string{},
		pages:    map[string]string{},
		files:    map[string]*file{},
		closing:  make(chan struct{}),
	}
	for key, name := range map[string]string{
		"committees":   "committees.xml",
		"meetings":     "meetings.xml",
		"meeting/4966": "meeting_no_minutes.xml",
		"meeting/4967": "meeting_with_minutes.xml",
	} {
		s.xml[key] = Fixture(t, name)
	}
	s.pages["4967"] = Fixture(t, "ieListDocuments_4967.html")
	for uri, name := range paperNames {
		s.files[uri] = &file{name: name, body: PDF(t, name, 1), version: 1, validators: true}
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	t.Cleanup(s.Close)
	return s
}

// Close stops the site, so that clients find it offline (connection
// refused). Calling it again does nothing.
func (s *Site) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.closing)
	s.mu.Unlock()
	s.srv.Close()
}

// SetMaxSize sets the size the huge faults must exceed: the client's cap.
func (s *Site) SetMaxSize(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.maxSize = n
}

// Republish gives a paper new content, as a council does when it corrects
// a pack, and returns it.
func (s *Site) Republish(uri string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[uri]
	f.version++
	f.body = PDF(s.t, f.name, f.version)
	return f.body
}

// SetFault makes a paper's address misbehave for its next `times` GETs.
func (s *Site) SetFault(uri string, fl Fault, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[uri].fault, s.files[uri].times = fl, times
}

// SetValidators says whether the papers are sent with ETag and
// Last-Modified (conditional GETs then get 304).
func (s *Site) SetValidators(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.files {
		f.validators = on
	}
}

// Body is what a paper's address serves now.
func (s *Site) Body(uri string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files[uri].body
}

// Edit changes a web-service answer ("committees", "meetings",
// "meeting/4966", "meeting/4967") the way the council's data would change:
// the first old becomes new. The test fails if old is not there.
func (s *Site) Edit(key, old, new string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !strings.Contains(s.xml[key], old) {
		s.t.Fatalf("fixture %s has no %q", key, old)
	}
	s.xml[key] = strings.Replace(s.xml[key], old, new, 1)
}

// XML is a web-service answer as the site holds it (see Edit).
func (s *Site) XML(key string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.xml[key]
}

// SetXML replaces a web-service answer (see Edit).
func (s *Site) SetXML(key, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.xml[key] = body
}

// SetXMLFault makes the web-service operation op ("GetMeetings",
// "GetMeeting"…) answer body instead, whatever is asked.
func (s *Site) SetXMLFault(op, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.xmlFault[op] = body
}

// Page is a meeting's page HTML, by meeting id ("4967").
func (s *Site) Page(meeting string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pages[meeting]
}

// SetPage sets a meeting's page HTML, by meeting id.
func (s *Site) SetPage(meeting, html string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[meeting] = html
}

// Requests lists what the site was asked, in order.
func (s *Site) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.log))
	for i, r := range s.log {
		out[i] = *r
	}
	return out
}

// ResetLog forgets the requests seen so far.
func (s *Site) ResetLog() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
}

// statusWriter notes the status a handler sent, for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int)        { w.status = code; w.ResponseWriter.WriteHeader(code) }
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Site) serve(rw http.ResponseWriter, r *http.Request) {
	w := &statusWriter{ResponseWriter: rw, status: http.StatusOK}
	// Logged on arrival: a handler may finish long after its client gave up.
	req := &Request{
		Method: r.Method, URI: r.RequestURI, Range: r.Header.Get("Range"), IfRange: r.Header.Get("If-Range"),
		IfNoneMatch: r.Header.Get("If-None-Match"), UserAgent: r.Header.Get("User-Agent"),
	}
	s.mu.Lock()
	s.log = append(s.log, req)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		req.Status = w.status
		s.mu.Unlock()
	}()
	switch p := r.URL.Path; {
	case strings.HasPrefix(p, "/mgWebService.asmx/"):
		s.serveService(w, r, strings.TrimPrefix(p, "/mgWebService.asmx/"))
	case p == "/ieListDocuments.aspx":
		s.mu.Lock()
		page, ok := s.pages[r.URL.Query().Get("MId")]
		s.mu.Unlock()
		if !ok || r.URL.Query().Get("CId") != "144" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	case p == "/mgLogin.aspx":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Log in</title></head><body><form method="post"><input name="user"></form></body></html>`)
	default:
		s.serveFile(w, r)
	}
}

func (s *Site) serveService(w http.ResponseWriter, r *http.Request, op string) {
	q := r.URL.Query()
	var key string
	switch op {
	case "GetCommittees":
		key = "committees"
	case "GetMeetings":
		for _, p := range []string{"sFromDate", "sToDate"} {
			if _, err := time.Parse("02/01/2006", q.Get(p)); err != nil {
				http.Error(w, "bad "+p, http.StatusInternalServerError)
				return
			}
		}
		if q.Get("lCommitteeId") != "144" {
			http.Error(w, "no such committee", http.StatusInternalServerError)
			return
		}
		key = "meetings"
	case "GetMeeting":
		key = "meeting/" + q.Get("lMeetingId")
	}
	s.mu.Lock()
	body, ok := s.xml[key]
	if f, faulty := s.xmlFault[op]; faulty {
		body, ok = f, true
	}
	s.mu.Unlock()
	if !ok {
		http.Error(w, "System.ArgumentException: unknown", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	fmt.Fprint(w, strings.ReplaceAll(body, FixtureSite, s.URL))
}

func (s *Site) serveFile(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, ok := s.files[r.RequestURI]
	var (
		fl   Fault
		body []byte
		etag string
		mod  time.Time
		vals bool
	)
	if ok {
		body, etag, mod, vals = f.body, f.etag(), f.modTime(), f.validators
		if f.times > 0 && r.Method == http.MethodGet {
			fl = f.fault
			f.times--
		}
	}
	max := s.maxSize
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	if vals {
		h.Set("ETag", etag)
		h.Set("Last-Modified", mod.Format(http.TimeFormat))
	}
	switch fl {
	case FaultDrop:
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			s.t.Error(err)
			return
		}
		defer conn.Close()
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: %d\r\nAccept-Ranges: bytes\r\n", len(body))
		if vals {
			fmt.Fprintf(buf, "ETag: %s\r\nLast-Modified: %s\r\n", etag, mod.Format(http.TimeFormat))
		}
		fmt.Fprint(buf, "\r\n")
		buf.Write(body[:len(body)/2])
		buf.Flush()
	case Fault500:
		http.Error(w, "Server Error in '/' Application.", http.StatusInternalServerError)
	case FaultStall:
		h.Set("Content-Type", "application/pdf")
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		w.Write(body[:200])
		http.NewResponseController(w).Flush()
		select {
		case <-r.Context().Done():
		case <-s.closing:
		}
	case FaultHTML:
		h.Del("ETag")
		h.Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>Error</title></head><body><h1>Sorry, the page could not be found</h1></body></html>")
	case FaultLogin:
		http.Redirect(w, r, "/mgLogin.aspx?ReturnUrl="+url.QueryEscape(r.URL.Path), http.StatusFound)
	case FaultInsecure:
		http.Redirect(w, r, "http://papers.example.invalid/pack.pdf", http.StatusFound)
	case FaultHuge, FaultHugeChunked:
		big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0"), 2*max)...)
		h.Set("Content-Type", "application/pdf")
		if fl == FaultHuge {
			h.Set("Content-Length", strconv.Itoa(len(big)))
			w.Write(big)
			return
		}
		for len(big) > 0 {
			n := min(len(big), 32<<10)
			if _, err := w.Write(big[:n]); err != nil {
				return
			}
			http.NewResponseController(w).Flush()
			big = big[n:]
		}
	case FaultNoRange:
		h.Set("Content-Type", "application/pdf")
		w.Write(body)
	default:
		if !vals {
			mod = time.Time{}
		}
		http.ServeContent(w, r, "paper.pdf", mod, bytes.NewReader(body))
	}
}
