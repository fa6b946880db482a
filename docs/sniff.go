package docs

import "bytes"

// SniffLen is how much of the start of a file Sniff needs: readers accept
// the %PDF- header anywhere in the first 1024 bytes.
const SniffLen = 1024

// htmlMarks are what a web page (a login page, an error page from the
// council's site) shows near its start.
var htmlMarks = [][]byte{
	[]byte("<!doctype html"), []byte("<html"), []byte("<head"), []byte("<body"),
	[]byte("<meta "), []byte("<title"), []byte("<script"), []byte("<form"),
}

// Sniff says from the first SniffLen bytes of a file whether it is a PDF:
// nil if it is, else ErrEmptyFile (nothing, or only white space),
// ErrLooksHTML (a web page saved or sent in its place) or ErrNotPDF. It is
// the one rule for files added from disk and files downloaded.
func Sniff(head []byte) error {
	head = head[:min(len(head), SniffLen)]
	if len(bytes.TrimSpace(head)) == 0 {
		return ErrEmptyFile
	}
	if bytes.Contains(head, []byte("%PDF-")) {
		return nil
	}
	low := bytes.ToLower(head)
	for _, m := range htmlMarks {
		if bytes.Contains(low, m) {
			return ErrLooksHTML
		}
	}
	return ErrNotPDF
}
