package fetch

import "testing"

func TestWindowsProxySettings(t *testing.T) {
	for _, tc := range []struct{ server, scheme, want string }{
		{"proxy.council.local:8080", "https", "http://proxy.council.local:8080"},
		{"http=p1:80;https=p2:443", "https", "http://p2:443"},
		{"http=p1:80;https=p2:443", "http", "http://p1:80"},
		{"http=p1:80", "https", "http://p1:80"},
		{"", "https", ""},
	} {
		u, err := parseProxy(tc.server, tc.scheme)
		got := ""
		if u != nil {
			got = u.String()
		}
		if err != nil || got != tc.want {
			t.Errorf("parseProxy(%q, %s) = %q, %v; want %q", tc.server, tc.scheme, got, err, tc.want)
		}
	}
	for host, want := range map[string]bool{"localhost": true, "127.0.0.1": true, "intranet": true,
		"mgov.council.gov.uk": true, "democracy.carmarthenshire.gov.wales": false} {
		if got := bypassed(host, "*.council.gov.uk;<local>"); got != want {
			t.Errorf("bypassed(%s) = %v", host, got)
		}
	}
}
