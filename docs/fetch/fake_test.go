package fetch

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/packgen"
)

// The fixtures' own site, rewritten to the test server's address.
const fixtureSite = "https://democracy.manchester.gov.uk"

// Addresses (request URIs) of the papers of meeting 4967 as its page and the
// web service link them.
const (
	uriFront   = "/documents/g4967/Agenda%20frontsheet%20Tuesday%2010-Feb-2026%2010.00%20Audit%20Committee.pdf?T=0"
	uriPack    = "/documents/g4967/Public%20reports%20pack%20Tuesday%2010-Feb-2026%2010.00%20Audit%20Committee.pdf?T=10"
	uriSupp    = "/documents/b4967/Supplementary%20Agenda%20Item%209%20-%20Work%20Programme%20Tuesday%2010-Feb-2026%2010.00%20Audit%20Committee.pdf?T=9"
	uriMinutes = "/documents/g4967/Printed%20minutes%20Tuesday%2010-Feb-2026%2010.00%20Audit%20Committee.pdf?T=1"
	uriItem1   = "/mgConvert2PDF.aspx?ID=60860"
	uriItem9   = "/mgConvert2PDF.aspx?ID=60909"
)

// paperNames are the test papers' short names (see paperSpecs).
var paperNames = map[string]string{
	uriFront: "front", uriPack: "pack", uriSupp: "supplement", uriMinutes: "minutes", uriItem1: "item1", uriItem9: "item9",
}

// fault is what a paper's address does wrong, for its next `times` GETs.
type fault int

const (
	faultNone        fault = iota
	faultDrop              // headers and half the body, then the connection closes
	fault500               // 500 Internal Server Error
	faultStall             // headers and a little of the body, then silence
	faultHTML              // a web page with 200 OK
	faultLogin             // a redirect to the login page
	faultHuge              // a body over the size cap, with Content-Length
	faultHugeChunked       // the same without Content-Length
	faultNoRange           // the whole file, whatever Range asks
	faultInsecure          // a redirect to plain http on another host
)

type fakeFile struct {
	name       string // short, for the PDF's text: "pack"
	body       []byte
	version    int
	validators bool // send ETag and Last-Modified
	fault      fault
	times      int
}

func (f *fakeFile) etag() string {
	h := sha256.Sum256(f.body)
	return `"` + hex.EncodeToString(h[:8]) + `"`
}

func (f *fakeFile) modTime() time.Time {
	return time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC).Add(time.Duration(f.version) * time.Hour)
}

// request is what the fake site saw.
type request struct {
	Method, URI, Range, IfRange, IfNoneMatch, UserAgent string
	Status                                              int
}

// fakeSite plays a ModernGov site from the fixtures.
type fakeSite struct {
	t   *testing.T
	srv *httptest.Server
	URL string

	mu       sync.Mutex
	xml      map[string]string // "committees", "meetings", "meeting/4967"
	xmlFault map[string]string // operation → body to send instead
	pages    map[string]string // meeting id → page HTML
	files    map[string]*fakeFile
	log      []*request
	closing  chan struct{}
	maxSize  int
}

func newFakeSite(t *testing.T) *fakeSite {
	t.Helper()
	s := &fakeSite{
		t:        t,
		xml:      map[string]string{},
		xmlFault: map[string]string{},
		pages:    map[string]string{},
		files:    map[string]*fakeFile{},
		closing:  make(chan struct{}),
	}
	for key, name := range map[string]string{
		"committees":   "committees.xml",
		"meetings":     "meetings.xml",
		"meeting/4966": "meeting_no_minutes.xml",
		"meeting/4967": "meeting_with_minutes.xml",
	} {
		s.xml[key] = readTestdata(t, name)
	}
	s.pages["4967"] = readTestdata(t, "ieListDocuments_4967.html")
	for uri, name := range paperNames {
		s.files[uri] = &fakeFile{name: name, body: testPDF(t, name, 1), version: 1, validators: true}
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	t.Cleanup(func() {
		close(s.closing)
		s.srv.Close()
	})
	return s
}

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// paperSpecs are the packgen documents the test site serves, by short name.
var paperSpecs = map[string]func() packgen.Spec{
	"front": func() packgen.Spec { // the agenda without its papers
		s := packgen.SamplePack()
		s.Items = append([]packgen.Item(nil), s.Items...)
		for i := range s.Items {
			s.Items[i].Pages, s.Items[i].Questions, s.Items[i].Minutes = nil, nil, nil
		}
		return s
	},
	"pack":       packgen.SamplePack,
	"supplement": packgen.SampleSupplement,
	"minutes":    packgen.SampleMinutes,
	"item1":      packgen.SampleMinutes,
	"item9":      packgen.SampleReport,
}

var (
	// pdfCache keeps test PDFs by "name, version N": generating them is the
	// slow part of a test.
	pdfCache sync.Map
	// pdfLabels names each test PDF by its SHA-256, so that tests can say
	// which version the library holds.
	pdfLabels sync.Map
)

// testPDF makes a realistic paper (packgen), republished version-1 times.
// The item documents reuse the minutes and report specs under another name,
// so they are told apart by a byte appended after %%EOF.
func testPDF(t testing.TB, name string, version int) []byte {
	label := fmt.Sprintf("%s, version %d", name, version)
	if b, ok := pdfCache.Load(label); ok {
		return b.([]byte)
	}
	spec := paperSpecs[name]()
	for i := 1; i < version; i++ {
		spec = packgen.Republish(spec)
	}
	p, err := packgen.Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	b := append(p.PDF, "\n% "+label+"\n"...)
	pdfCache.Store(label, b)
	pdfLabels.Store(sha256Hex(b), label)
	return b
}

func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// republish gives a paper new content, as a council does when it corrects a pack.
func (s *fakeSite) republish(uri string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files[uri]
	f.version++
	f.body = testPDF(s.t, f.name, f.version)
	return f.body
}

func (s *fakeSite) setFault(uri string, fl fault, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[uri].fault, s.files[uri].times = fl, times
}

func (s *fakeSite) body(uri string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files[uri].body
}

// edit changes a fixture the way the council's data would change.
func (s *fakeSite) edit(key, old, new string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !strings.Contains(s.xml[key], old) {
		s.t.Fatalf("fixture %s has no %q", key, old)
	}
	s.xml[key] = strings.Replace(s.xml[key], old, new, 1)
}

// locked runs f with the site's lock held, for changes the handlers must see.
func (s *fakeSite) locked(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}

func (s *fakeSite) requests() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]request, len(s.log))
	for i, r := range s.log {
		out[i] = *r
	}
	return out
}

func (s *fakeSite) resetLog() {
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

func (s *fakeSite) serve(rw http.ResponseWriter, r *http.Request) {
	w := &statusWriter{ResponseWriter: rw, status: http.StatusOK}
	// Logged on arrival: a handler may finish long after its client gave up.
	req := &request{
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

func (s *fakeSite) serveService(w http.ResponseWriter, r *http.Request, op string) {
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
	fmt.Fprint(w, strings.ReplaceAll(body, fixtureSite, s.URL))
}

func (s *fakeSite) serveFile(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, ok := s.files[r.RequestURI]
	var (
		fl   fault
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
	case faultDrop:
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
	case fault500:
		http.Error(w, "Server Error in '/' Application.", http.StatusInternalServerError)
	case faultStall:
		h.Set("Content-Type", "application/pdf")
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		w.Write(body[:200])
		http.NewResponseController(w).Flush()
		select {
		case <-r.Context().Done():
		case <-s.closing:
		}
	case faultHTML:
		h.Del("ETag")
		h.Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>Error</title></head><body><h1>Sorry, the page could not be found</h1></body></html>")
	case faultLogin:
		http.Redirect(w, r, "/mgLogin.aspx?ReturnUrl="+url.QueryEscape(r.URL.Path), http.StatusFound)
	case faultInsecure:
		http.Redirect(w, r, "http://papers.example.invalid/pack.pdf", http.StatusFound)
	case faultHuge, faultHugeChunked:
		big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0"), 2*max)...)
		h.Set("Content-Type", "application/pdf")
		if fl == faultHuge {
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
	case faultNoRange:
		h.Set("Content-Type", "application/pdf")
		w.Write(body)
	default:
		if !vals {
			mod = time.Time{}
		}
		http.ServeContent(w, r, "paper.pdf", mod, bytes.NewReader(body))
	}
}

// memStore is the library as far as a sync can see it, in memory.
type memStore struct {
	mu        sync.Mutex
	followed  []docs.Committee
	meetings  map[string]docs.Meeting
	remotes   map[string]docs.Remote
	versions  []memVersion
	importErr error // what ImportFile answers, to play a library that refuses a file
}

type memVersion struct {
	SHA256   string
	Meeting  string
	Title    string
	Kind     docs.Kind
	Item     string
	Size     int
	Contents string // which test PDF it is: "pack, version 2"
}

func newMemStore(follow ...docs.Committee) *memStore {
	return &memStore{followed: follow, meetings: map[string]docs.Meeting{}, remotes: map[string]docs.Remote{}}
}

func (s *memStore) Followed() ([]docs.Committee, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]docs.Committee(nil), s.followed...), nil
}

func (s *memStore) SaveMeeting(m *docs.Meeting) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, _ := json.Marshal(m) // a deep copy: the store must not share the sync's slices
	var c docs.Meeting
	if err := json.Unmarshal(b, &c); err != nil {
		return err
	}
	s.meetings[m.Key()] = c
	return nil
}

func (s *memStore) Remote(url string) (docs.Remote, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.remotes[url]
	return r, ok, nil
}

func (s *memStore) SetRemote(r docs.Remote) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.remotes[r.URL] = r
	return nil
}

func (s *memStore) ImportFile(path string, m *docs.Meeting, d *docs.MeetingDocument) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.importErr != nil {
		return "", false, s.importErr
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", false, err
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return "", false, docs.ErrNotPDF
	}
	sum := sha256Hex(b)
	for _, v := range s.versions {
		if v.SHA256 == sum {
			return sum, false, nil
		}
	}
	s.versions = append(s.versions, memVersion{SHA256: sum, Meeting: m.Key(), Title: d.Title, Kind: d.Kind, Item: d.Item, Size: len(b), Contents: label(sum)})
	return sum, true, nil
}

func label(sum string) string {
	if l, ok := pdfLabels.Load(sum); ok {
		return l.(string)
	}
	return "unknown"
}

// snapshot is the store's whole state as text, to check a failed sync
// changed nothing.
func (s *memStore) snapshot() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := json.MarshalIndent(struct {
		F []docs.Committee
		M map[string]docs.Meeting
		R map[string]docs.Remote
		V []memVersion
	}{s.followed, s.meetings, s.remotes, s.versions}, "", " ")
	if err != nil {
		panic(err)
	}
	return string(b)
}

func (s *memStore) version(contents string) *memVersion {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.versions {
		if s.versions[i].Contents == contents {
			return &s.versions[i]
		}
	}
	return nil
}
