package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
	"unicode/utf8"

	"panelpapers/docs"
)

// FuzzExtract feeds Extract arbitrary files: it must never panic or hang, and
// must either give pages or fail with one of its sentinel errors.
func FuzzExtract(f *testing.F) {
	good := makePDF(f, pdfOptions{}, testPage{lines: prose}, testPage{image: true}, testPage{})
	locked := makePDF(f, pdfOptions{user: "sesame", owner: "owner"}, testPage{lines: prose})
	for _, seed := range [][]byte{
		good,
		good[:len(good)/2],
		locked,
		makePDF(f, pdfOptions{owner: "owner"}, testPage{lines: prose}),
		zeroPagePDF(),
		[]byte("%PDF-1.4\n"),
		[]byte("<!DOCTYPE html><html><body>Not found</body></html>"),
		[]byte("\x00\x01\x02 random bytes \xff\xfe"),
		nil,
	} {
		f.Add(seed)
	}
	// Everything in testdata/ is a seed too.
	files, _ := filepath.Glob(filepath.Join("testdata", "*.pdf"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	sentinels := []error{docs.ErrEmptyFile, docs.ErrNotPDF, docs.ErrLooksHTML, docs.ErrDamaged, docs.ErrEncrypted, docs.ErrBadPassword, docs.ErrNoPages, docs.ErrFileTooLarge}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<20 {
			return
		}
		path := writeTemp(t, "fuzz.pdf", data)
		x := NewExtractor(testPDFium(t))
		defer x.Close()
		x.PageTimeout = 500 * time.Millisecond
		x.FileBudget = 2 * time.Second
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		// A hang is a failure, reported with everyone's stack: the fuzzer
		// would otherwise only say that its worker stopped answering.
		hung := time.AfterFunc(time.Minute, func() {
			buf := make([]byte, 1<<20)
			panic(fmt.Sprintf("Extract hung on this input:\n%s", buf[:runtime.Stack(buf, true)]))
		})
		defer hung.Stop()
		pages, err := x.Extract(ctx, path, "", nil)
		if err != nil {
			for _, s := range sentinels {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("Extract failed without a sentinel: %v", err)
		}
		if len(pages) == 0 {
			t.Fatal("no pages and no error")
		}
		for i, p := range pages {
			if p.Number != i+1 || !utf8.ValidString(p.Text) || (p.Text == "") != (p.Engine == docs.EngineNone) {
				t.Fatalf("page %d: %+v", i+1, p)
			}
			if bytes.ContainsAny([]byte(p.Text), "\r\x00") {
				t.Fatalf("page %d keeps control characters: %q", i+1, p.Text)
			}
		}
	})
}
