package questions_test

import (
	"bytes"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/questions"
)

// TestEML: the e-mail saved as a file parses back (net/mail) to the same
// address, subject and text, in UTF-8, with CRLF line ends and no line
// longer than RFC 5322 allows.
func TestEML(t *testing.T) {
	long := strings.Repeat("Pa mor hir yw'r aros am ateb ar 101 yng nghefn gwlad Powys? ", 12)
	draft := docs.Draft{Committee: "Panel Heddlu a Throseddu Dyfed-Powys", Meeting: "2023-10-27", Asker: "Siân Ŵyn",
		Body: "How long do callers wait on 101?\n\n" + long}
	now := time.Date(2023, time.October, 17, 9, 30, 0, 0, docs.London)
	for _, tc := range []struct {
		name    string
		officer *docs.Officer
		to      string
	}{
		{"to the officer", &docs.Officer{Name: "Sian Rees", Email: "SRees@carmarthenshire.gov.uk"}, "SRees@carmarthenshire.gov.uk"},
		{"no address in the papers", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := questions.QuestionEmail(tc.officer, []docs.Draft{draft})
			e.Subject += " — ŵ ŷ â" // beyond ASCII, and long
			raw := e.EML(now)
			for i, line := range strings.Split(string(raw), "\r\n") {
				if len(line) > 998 || strings.Contains(line, "\n") {
					t.Errorf("line %d is %d bytes or has a bare line feed", i+1, len(line))
				}
			}
			m, err := mail.ReadMessage(bytes.NewReader(raw))
			if err != nil {
				t.Fatalf("net/mail cannot read it: %v\n%s", err, raw)
			}
			if tc.to == "" {
				if m.Header.Get("To") != "" {
					t.Errorf("To %q with no address in the papers", m.Header.Get("To"))
				}
			} else if to, err := m.Header.AddressList("To"); err != nil || len(to) != 1 || to[0].Address != tc.to {
				t.Errorf("To = %v (%v), want %s", to, err, tc.to)
			}
			subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
			if err != nil || subject != e.Subject {
				t.Errorf("Subject = %q (%v), want %q", subject, err, e.Subject)
			}
			if d, err := m.Header.Date(); err != nil || !d.Equal(now) {
				t.Errorf("Date = %v (%v)", d, err)
			}
			if ct := m.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" || m.Header.Get("X-Unsent") != "1" {
				t.Errorf("Content-Type %q, X-Unsent %q", ct, m.Header.Get("X-Unsent"))
			}
			if m.Header.Get("Content-Transfer-Encoding") != "quoted-printable" {
				t.Fatalf("Content-Transfer-Encoding %q", m.Header.Get("Content-Transfer-Encoding"))
			}
			body, err := io.ReadAll(quotedprintable.NewReader(m.Body))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := string(body), strings.ReplaceAll(e.Body, "\n", "\r\n"); got != want {
				t.Errorf("body\n%q\nwant\n%q", got, want)
			}
		})
	}
}
