package questions

import (
	"bytes"
	"mime"
	"mime/quotedprintable"
	"strings"
	"time"
)

// EMLName is the extension of an e-mail saved as a file.
const EMLName = ".eml"

// headerWidth is the length RFC 5322 asks header lines to keep within.
const headerWidth = 78

// EML is the e-mail as a message file (RFC 5322) that the member's e-mail
// program opens when no mailto: link can be: To (left out when the papers
// give no address), Subject and Date, then the text as UTF-8 plain text in
// quoted-printable, every line ending in CRLF. X-Unsent: 1 asks Outlook to
// open it as a new message, ready to send, rather than as one received;
// other programs open it to be forwarded or its text copied. now is the
// Date it carries.
func (e Email) EML(now time.Time) []byte {
	var b bytes.Buffer
	header := func(name, value string) {
		b.WriteString(foldHeader(name+": "+value) + "\r\n")
	}
	header("X-Unsent", "1")
	if to := oneLine(e.To); to != "" {
		header("To", to)
	}
	header("Subject", mime.QEncoding.Encode("utf-8", oneLine(e.Subject)))
	header("Date", now.Format(time.RFC1123Z))
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	w := quotedprintable.NewWriter(&b)
	body := strings.ReplaceAll(strings.ReplaceAll(e.Body, "\r\n", "\n"), "\r", "\n")
	_, _ = w.Write([]byte(body)) // a bytes.Buffer does not fail
	_ = w.Close()
	return b.Bytes()
}

// oneLine keeps a header's value on one line: its line breaks become spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// foldHeader breaks a header line longer than headerWidth at its spaces, each
// further line starting with a space (RFC 5322 folding). A run of text with
// no space in it stays whole.
func foldHeader(line string) string {
	if len(line) <= headerWidth {
		return line
	}
	var out []string
	cur := ""
	for _, w := range strings.Split(line, " ") {
		switch {
		case cur == "":
			cur = w
		case len(cur)+1+len(w) > headerWidth:
			out = append(out, cur)
			cur = w
		default:
			cur += " " + w
		}
	}
	out = append(out, cur)
	return strings.Join(out, "\r\n ")
}
