package fetch

import (
	"net/http"
	"net/url"
	"strings"
)

// systemProxy chooses the proxy for a request: the environment's
// (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) when it names one, else the system's
// own setting where the platform has one (Windows' Internet Settings, which
// council laptops set by policy). Loopback is never proxied.
func systemProxy(req *http.Request) (*url.URL, error) {
	if u, err := http.ProxyFromEnvironment(req); u != nil || err != nil {
		return u, err
	}
	server, bypass, ok := osProxy()
	if !ok || bypassed(req.URL.Hostname(), bypass) {
		return nil, nil
	}
	return parseProxy(server, req.URL.Scheme)
}

// parseProxy reads a Windows-style ProxyServer value: "host:port" for every
// scheme, or "http=host:port;https=host:port".
func parseProxy(server, scheme string) (*url.URL, error) {
	chosen := ""
	for _, part := range strings.Split(server, ";") {
		part = strings.TrimSpace(part)
		if k, v, ok := strings.Cut(part, "="); ok {
			if strings.EqualFold(k, scheme) || (chosen == "" && strings.EqualFold(k, "http")) {
				chosen = v
			}
			continue
		}
		if part != "" {
			chosen = part
		}
	}
	if chosen == "" {
		return nil, nil
	}
	if !strings.Contains(chosen, "://") {
		chosen = "http://" + chosen
	}
	return url.Parse(chosen)
}

// bypassed reports whether host skips the proxy by a Windows ProxyOverride
// list ("*.council.gov.uk;<local>"). Loopback always does.
func bypassed(host, list string) bool {
	h := strings.ToLower(host)
	if h == "localhost" || strings.HasPrefix(h, "127.") || h == "::1" {
		return true
	}
	for _, p := range strings.Split(strings.ToLower(list), ";") {
		p = strings.TrimSpace(p)
		switch {
		case p == "":
		case p == "<local>":
			if !strings.Contains(h, ".") {
				return true
			}
		case strings.HasPrefix(p, "*"):
			if strings.HasSuffix(h, strings.TrimPrefix(p, "*")) {
				return true
			}
		case h == p:
			return true
		}
	}
	return false
}
