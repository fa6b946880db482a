package docs

import (
	"errors"
	"strings"
	"testing"
)

// One rule for added and downloaded files: the download check once knew
// <form> and the import check <meta>, so a login page was "a web page" by
// one and "not a PDF" by the other.
func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		head string
		want error
	}{
		{"%PDF-1.7\n", nil},
		{strings.Repeat(" ", 300) + "%PDF-1.4", nil},
		{"", ErrEmptyFile},
		{"\n\n  \t", ErrEmptyFile},
		{"<!DOCTYPE html><html><body>Sign in</body></html>", ErrLooksHTML},
		{"<form action=login>", ErrLooksHTML},
		{`<meta http-equiv="refresh" content="0">`, ErrLooksHTML},
		{"PK\x03\x04 a zip", ErrNotPDF},
		{strings.Repeat("x", SniffLen) + "%PDF-", ErrNotPDF},
	} {
		if got := Sniff([]byte(tc.head)); !errors.Is(got, tc.want) || (got == nil) != (tc.want == nil) {
			t.Errorf("Sniff(%.30q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}
