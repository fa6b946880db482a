package pdf

// The PDFium worker's protocol. The parent writes requests on the worker's
// stdin and reads one reply per request from its stdout, in order. The
// worker first writes pfMagic; then each message is a gob-encoded header,
// followed by Size raw bytes when Size is not zero — the file for an open,
// the pixels of a drawing — so that the bulk goes through the pipe as it is,
// without being encoded.

import (
	"bufio"
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"

	"panelpapers/docs"
)

// pfMagic is the worker's first output: the parent skips anything before
// it (a stray line printed while the binary started), and a binary that
// never says it is not a worker.
const pfMagic = "\x00panelpapers pdfium worker 1\n"

// pfOp is what a request asks of the worker.
type pfOp uint8

const (
	opStart  pfOp = iota + 1 // start PDFium: the first request, with CacheDir and MemoryLimit
	opOpen                   // open the file that follows, with Password
	opClose                  // close Doc
	opText                   // the text of Page
	opRead                   // the text of Page and, when it has none, whether it draws an image
	opImages                 // whether Page draws an image
	opSize                   // the size of Page, from the page tree alone
	opRender                 // draw Page at DPI
	opChars                  // the character boxes of Page
)

// pfRequest is one request to the worker.
type pfRequest struct {
	Op          pfOp
	Doc         int32 // the worker's number for an open document
	Page        int   // from 1
	DPI         float64
	Password    string
	CacheDir    string // opStart: wazero's compilation cache, or ""
	MemoryLimit int64  // opStart: the most WebAssembly memory PDFium may have, in bytes
	Size        int    // bytes that follow the header
}

// pfFailure is how a request failed, for the parent to choose its error.
type pfFailure uint8

const (
	failNone     pfFailure = iota
	failPassword           // the file needs a password, or the one given is wrong
	failSecurity           // the file's encryption is not supported
	failPDFium             // one of PDFium's own error codes: the instance is sound
	failCrash              // a trap or a panic: the worker has a new instance, and no documents
	failMemory             // the memory limit refused PDFium: the worker stops after replying
	failTooLarge           // the page is too large to draw at the resolution asked
	failRequest            // the request makes no sense (no such document or page)
)

// pfReply is the worker's answer to one request.
type pfReply struct {
	Fail   pfFailure
	Err    string
	Doc    int32  // opOpen: the document's number
	Pages  int    // opOpen: its page count
	Title  string // opOpen: its Title metadata, "" for none
	Text   string
	Images bool
	W, H   float64        // opSize: points; opRender: pixels
	Stride int            // opRender: bytes a row of the RGBA pixels that follow
	Chars  []docs.CharBox // opChars
	Mem    int64          // bytes of WebAssembly memory PDFium holds after the request
	Files  int64          // bytes of it that are the open documents' files
	Size   int            // bytes that follow the header
}

// Bounds on what one message may carry: a file no larger than Extract
// reads, a drawing no larger than Render draws.
const (
	maxRequestBytes = maxPDFSize
	maxReplyBytes   = maxRenderPixels * 4
)

// pfConn reads and writes messages on a pair of pipes.
type pfConn struct {
	w   *bufio.Writer
	enc *gob.Encoder
	r   *bufio.Reader
	dec *gob.Decoder
}

// newPFConn frames messages on r and w. gob reads no further than a message
// from a reader that is an io.ByteReader, so a message's raw bytes can be
// read from the same bufio.Reader after it.
func newPFConn(r io.Reader, w io.Writer) *pfConn {
	c := &pfConn{w: bufio.NewWriterSize(w, 64<<10), r: bufio.NewReaderSize(r, 64<<10)}
	c.enc, c.dec = gob.NewEncoder(c.w), gob.NewDecoder(c.r)
	return c
}

// send writes a header and the raw bytes that follow it; the header's Size
// must be len(raw).
func (c *pfConn) send(header any, raw []byte) error {
	if err := c.enc.Encode(header); err != nil {
		return err
	}
	if _, err := c.w.Write(raw); err != nil {
		return err
	}
	return c.w.Flush()
}

// recv reads a header into header, whose Size it is given by size, and the
// raw bytes after it, at most limit of them.
func (c *pfConn) recv(header any, size func() int, limit int) ([]byte, error) {
	if err := c.dec.Decode(header); err != nil {
		return nil, err
	}
	n := size()
	switch {
	case n == 0:
		return nil, nil
	case n < 0 || n > limit:
		return nil, fmt.Errorf("PDFium worker: message of %d bytes", n)
	}
	raw := make([]byte, n)
	if _, err := io.ReadFull(c.r, raw); err != nil {
		return nil, err
	}
	return raw, nil
}

// skipToMagic reads r up to and including pfMagic, giving up after a
// little: whatever else the binary printed first is not the protocol.
func skipToMagic(r *bufio.Reader) error {
	var seen []byte
	for len(seen) < 64<<10 {
		b, err := r.ReadByte()
		if err != nil {
			return fmt.Errorf("PDFium worker did not start: %w", err)
		}
		seen = append(seen, b)
		if bytes.HasSuffix(seen, []byte(pfMagic)) {
			return nil
		}
	}
	return errors.New("PDFium worker did not start: it printed something else")
}
