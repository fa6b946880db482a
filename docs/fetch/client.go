// Package fetch brings papers from councils' ModernGov sites into the
// library: the web service that lists committees and meetings, the meeting
// pages that link the packs, and the PDFs themselves, downloaded patiently
// (slow servers, dropped connections) and checked before the library sees
// them.
//
// It never writes into the library itself: a Syncer hands complete, checked
// files to a Store, which the docs library implements.
package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"panelpapers/docs"
)

// Defaults for a Client. Council servers are slow, so the timeout is long;
// it limits silence, not the length of a download.
const (
	DefaultTimeout = 60 * time.Second
	DefaultRetries = 3
	DefaultBackoff = time.Second
	DefaultMaxSize = 300_000_000 // 300 MB, far above any agenda pack
	// DefaultUserAgent is an ordinary browser's: some councils' firewalls drop
	// clients they do not recognise.
	DefaultUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
)

// Environment variables that override the defaults, so that tests (and
// members on odd networks) can shorten the waits. Durations are Go durations
// ("500ms", "2m") or whole seconds ("30").
const (
	EnvTimeout = "PANELPAPERS_HTTP_TIMEOUT"
	EnvRetries = "PANELPAPERS_HTTP_RETRIES"
	EnvBackoff = "PANELPAPERS_HTTP_BACKOFF"
)

// Errors from the network side. Errors about the file itself are the docs
// sentinels: docs.ErrLooksHTML (a login or error page came instead of the
// PDF), docs.ErrNotPDF, docs.ErrEmptyFile, docs.ErrFileTooLarge.
var (
	// ErrOffline means the site could not be reached at all (no network, no
	// name resolution, connection refused).
	ErrOffline = errors.New("offline: cannot reach the council's site")
	// ErrStalled means the site sent nothing for the whole timeout.
	ErrStalled = errors.New("the council's site stopped responding")
	// ErrDropped means the connection broke before the answer was complete.
	ErrDropped = errors.New("the connection dropped")
	// ErrInsecure refuses plain http (except to this computer, and there
	// only for a site on this computer) and other schemes: papers come over
	// https only.
	ErrInsecure = errors.New("not a secure (https) address")
	// ErrBadResponse means the web service answered with something that is
	// not the XML it should send.
	ErrBadResponse = errors.New("the council's site sent something unexpected")
)

// StatusError is an HTTP answer other than success.
type StatusError struct {
	URL  string
	Code int
	// RetryAfter is what the server asked us to wait (429, 503), or 0.
	RetryAfter time.Duration
}

// Error says which address answered what.
func (e *StatusError) Error() string {
	return fmt.Sprintf("%s answered %d %s", e.URL, e.Code, http.StatusText(e.Code))
}

// Client talks to council sites. Create it with NewClient; the exported
// fields may be changed before use (tests shorten them), not during.
type Client struct {
	UserAgent string
	// Timeout is how long the site may stay silent: to connect, to answer, and
	// between any two pieces of a body. A large pack on a slow line may take
	// far longer in all.
	Timeout time.Duration
	// Retries is how many more times a request is tried after a server error
	// (5xx, 429), a dropped connection or a stall. Waits double from Backoff.
	Retries int
	Backoff time.Duration
	// MaxSize is the largest file Download accepts.
	MaxSize int64

	http *http.Client
}

// NewClient returns a Client with the defaults, overridden by the
// environment variables EnvTimeout, EnvRetries and EnvBackoff. It uses the
// system's proxy settings (HTTPS_PROXY, NO_PROXY…) and certificate store.
func NewClient() (*Client, error) {
	c := &Client{
		UserAgent: DefaultUserAgent,
		Timeout:   DefaultTimeout,
		Retries:   DefaultRetries,
		Backoff:   DefaultBackoff,
		MaxSize:   DefaultMaxSize,
	}
	var err error
	if c.Timeout, err = envDuration(EnvTimeout, c.Timeout); err != nil {
		return nil, err
	}
	if c.Backoff, err = envDuration(EnvBackoff, c.Backoff); err != nil {
		return nil, err
	}
	if v := os.Getenv(EnvRetries); v != "" {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 0 {
			return nil, fmt.Errorf("%s=%q: want a whole number of retries, 0 or more", EnvRetries, v)
		}
		c.Retries = n
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = systemProxy
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12} // nil RootCAs: the system store
	c.http = &http.Client{Transport: t, CheckRedirect: checkRedirect}
	return c, nil
}

func envDuration(name string, def time.Duration) (time.Duration, error) {
	v := strings.TrimSpace(os.Getenv(name))
	if v == "" {
		return def, nil
	}
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s=%q: want a duration such as 30s or 500ms", name, v)
	}
	return d, nil
}

// checkRedirect keeps redirects to https (a login page on plain http would
// otherwise leak the session cookie) and stops loops.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("too many redirects")
	}
	if _, err := CheckURL(req.URL.String()); err != nil {
		return fmt.Errorf("redirected to %s: %w", req.URL.Redacted(), err)
	}
	if localLinkRefused(via[0].URL, req.URL) {
		return fmt.Errorf("redirected from %s to %s: %w", via[0].URL.Hostname(), req.URL.Redacted(), ErrInsecure)
	}
	return nil
}

// CheckURL parses an address and refuses what the app must not fetch: any
// scheme but https, except plain http to this computer (tests, a local
// mirror).
func CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("bad address %q: %w", raw, err)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("bad address %q: no site name", raw)
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return u, nil
	case "http":
		if isLoopback(u.Hostname()) {
			return u, nil
		}
	}
	return nil, fmt.Errorf("%s: %w", u.Redacted(), ErrInsecure)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// isLocal reports whether host is this computer or an address of a private
// network: localhost, loopback, private (10/8, 172.16/12, 192.168/16,
// fc00::/7), link-local or unspecified.
func isLocal(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && (ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsUnspecified())
}

// localLinkRefused reports whether a link (or a redirect) from the page at
// from to the address to must be refused: plain http to this computer or a
// private network, when the site is not itself there. A council's page must
// not send the app to a service on the member's own computer or network;
// CheckURL lets plain http to this computer through only for a site that is
// on it (tests, a local mirror).
func localLinkRefused(from, to *url.URL) bool {
	if !strings.EqualFold(to.Scheme, "http") || !isLocal(to.Hostname()) {
		return false
	}
	if strings.EqualFold(from.Hostname(), to.Hostname()) {
		return false
	}
	return !(isLoopback(from.Hostname()) && isLoopback(to.Hostname())) // this computer, by another name
}

// setHeaders makes a request look like a browser's.
func (c *Client) setHeaders(req *http.Request, accept string) {
	req.Header.Set("User-Agent", c.UserAgent)
	req.Header.Set("Accept", accept)
	req.Header.Set("Accept-Language", "en-GB,en;q=0.8")
}

// retry runs op until it succeeds, fails for good, or the retries are spent,
// waiting longer each time.
func (c *Client) retry(ctx context.Context, op func(ctx context.Context) error) error {
	for attempt := 0; ; attempt++ {
		err := op(ctx)
		if err == nil || !retryable(err) || attempt >= c.Retries {
			return err
		}
		// Being offline rarely passes within seconds: one more try, then say so.
		if errors.Is(err, ErrOffline) && attempt >= 1 {
			return err
		}
		wait := c.Backoff << attempt
		if wait > time.Minute || wait <= 0 {
			wait = time.Minute
		}
		var se *StatusError
		if errors.As(err, &se) && se.RetryAfter > wait {
			wait = min(se.RetryAfter, 2*time.Minute)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return context.Cause(ctx)
		case <-t.C:
		}
	}
}

func retryable(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code >= 500 || se.Code == http.StatusTooManyRequests || se.Code == http.StatusRequestTimeout
	}
	return errors.Is(err, ErrDropped) || errors.Is(err, ErrStalled) || errors.Is(err, ErrOffline)
}

func statusError(resp *http.Response) *StatusError {
	se := &StatusError{URL: resp.Request.URL.Redacted(), Code: resp.StatusCode}
	if s, err := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After"))); err == nil && s > 0 {
		se.RetryAfter = time.Duration(s) * time.Second
	}
	return se
}

// watchdog cancels a request when the site stays silent for the timeout;
// kick is called on every sign of life.
func watchdog(parent context.Context, d time.Duration) (ctx context.Context, kick, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	t := time.AfterFunc(d, func() { cancel(ErrStalled) })
	return ctx, func() { t.Reset(d) }, func() { t.Stop(); cancel(nil) }
}

// idleReader kicks the watchdog whenever bytes arrive.
type idleReader struct {
	r    io.Reader
	kick func()
}

func (r idleReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 {
		r.kick()
	}
	return n, err
}

// classify turns a transport error into one of the package's sentinels, so
// that retry decisions and the member's message do not depend on the
// operating system's wording.
func classify(ctx context.Context, err error, timeout time.Duration) error {
	if ctx.Err() != nil {
		if cause := context.Cause(ctx); errors.Is(cause, ErrStalled) {
			return fmt.Errorf("%w (nothing for %s)", ErrStalled, timeout)
		} else if cause != nil {
			return cause // the caller cancelled
		}
	}
	var (
		fileErr *fs.PathError
		dnsErr  *net.DNSError
		opErr   *net.OpError
		certErr *tls.CertificateVerificationError
		authErr x509.UnknownAuthorityError
		hostErr x509.HostnameError
	)
	switch {
	case errors.As(err, &fileErr):
		// Writing the download failed (a full disk): the computer's fault,
		// not the connection's, and not to be tried again.
		return err
	case errors.As(err, &certErr), errors.As(err, &authErr), errors.As(err, &hostErr):
		return fmt.Errorf("the site's certificate is not valid: %w", err)
	case errors.As(err, &dnsErr):
		return fmt.Errorf("%w: %w", ErrOffline, err)
	case errors.As(err, &opErr) && (opErr.Op == "dial" || opErr.Op == "proxyconnect"):
		return fmt.Errorf("%w: %w", ErrOffline, err)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED), errors.Is(err, syscall.EPIPE):
		return fmt.Errorf("%w: %w", ErrDropped, err)
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return fmt.Errorf("%w: %w", ErrDropped, err)
	}
	return err
}

// get fetches a small document (XML, a meeting page) whole, with retries. It
// returns the body and the address it finally came from (after redirects),
// which relative links are resolved against.
func (c *Client) get(ctx context.Context, raw, accept string, limit int64) ([]byte, *url.URL, error) {
	if _, err := CheckURL(raw); err != nil {
		return nil, nil, err
	}
	var (
		body  []byte
		final *url.URL
	)
	err := c.retry(ctx, func(ctx context.Context) error {
		ctx, kick, stop := watchdog(ctx, c.Timeout)
		defer stop()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
		if err != nil {
			return err
		}
		c.setHeaders(req, accept)
		resp, err := c.http.Do(req)
		if err != nil {
			return classify(ctx, err, c.Timeout)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return statusError(resp)
		}
		b, err := io.ReadAll(io.LimitReader(idleReader{resp.Body, kick}, limit+1))
		if err != nil {
			return classify(ctx, err, c.Timeout)
		}
		if int64(len(b)) > limit {
			return fmt.Errorf("%w: more than %s", docs.ErrFileTooLarge, FormatBytes(limit))
		}
		body, final = b, resp.Request.URL
		return nil
	})
	return body, final, err
}

// Size asks the site how large a file is (a HEAD request, tried once), for
// estimates before a first sync. It returns -1 when the site does not say.
func (c *Client) Size(ctx context.Context, raw string) (int64, error) {
	if _, err := CheckURL(raw); err != nil {
		return -1, err
	}
	ctx, _, stop := watchdog(ctx, c.Timeout)
	defer stop()
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, raw, nil)
	if err != nil {
		return -1, err
	}
	c.setHeaders(req, "application/pdf,*/*;q=0.8")
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := c.http.Do(req)
	if err != nil {
		return -1, classify(ctx, err, c.Timeout)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return -1, statusError(resp)
	}
	return resp.ContentLength, nil
}
