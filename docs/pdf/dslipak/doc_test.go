package dslipak

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"panelpapers/docs"

	"github.com/go-pdf/fpdf"
)

// openBytes opens a PDF held in memory.
func openBytes(t *testing.T, data []byte, password string) *Doc {
	t.Helper()
	d, err := Open(bytes.NewReader(data), int64(len(data)), password)
	if err != nil {
		t.Fatalf("openDslipak: %v", err)
	}
	return d
}

// fpdfDoc renders a document drawn by draw with fpdf's core fonts.
func fpdfDoc(t *testing.T, draw func(p *fpdf.Fpdf)) []byte {
	t.Helper()
	p := fpdf.New("P", "pt", "A4", "")
	p.SetCompression(true)
	draw(p)
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	return buf.Bytes()
}

func pageText(t *testing.T, d *Doc, n int) string {
	t.Helper()
	text, err := d.PageText(n)
	if err != nil {
		t.Fatalf("PageText(%d): %v", n, err)
	}
	return text
}

func TestDslipakOpenErrors(t *testing.T) {
	plain := fpdfDoc(t, func(p *fpdf.Fpdf) {
		p.AddPage()
		p.SetFont("Helvetica", "", 12)
		p.Text(72, 100, "Confidential appendix")
	})
	protected := func(user, owner string) []byte {
		p := &handPDF{}
		p.protect(user, owner)
		c := p.flate([]byte("BT /F1 12 Tf 72 700 Td (Confidential appendix) Tj ET"))
		return p.page(fmt.Sprintf("%d 0 R", c), helv)
	}
	weak := fpdfDoc(t, func(p *fpdf.Fpdf) { // fpdf protects with 40-bit RC4
		p.SetProtection(fpdf.CnProtectPrint, "", "owner-secret")
		p.AddPage()
	})
	tests := []struct {
		name     string
		data     []byte
		password string
		wantErr  []error // all must match; nil means it opens
	}{
		{"plain", plain, "", nil},
		{"owner password only opens", protected("", "owner-secret"), "", nil},
		{"user password given", protected("letmein", "owner-secret"), "letmein", nil},
		{"user password missing", protected("letmein", "owner-secret"), "", []error{docs.ErrEncrypted}},
		{"user password wrong", protected("letmein", "owner-secret"), "guess", []error{docs.ErrEncrypted, docs.ErrBadPassword}},
		{"40-bit RC4 is left to the other engine", weak, "", []error{docs.ErrEncrypted}},
		{"not a PDF", []byte("<!DOCTYPE html><html><body>Not found</body></html>"), "", []error{docs.ErrDamaged}},
		{"truncated", plain[:len(plain)/2], "", []error{docs.ErrDamaged}},
		{"empty", nil, "", []error{docs.ErrDamaged}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Open(bytes.NewReader(tc.data), int64(len(tc.data)), tc.password)
			if tc.wantErr == nil {
				if err != nil {
					t.Fatalf("open: %v", err)
				}
				if got := pageText(t, d, 1); got != "Confidential appendix" {
					t.Errorf("text %q", got)
				}
				if _, err := d.PageText(2); err == nil {
					t.Error("page 2 of 1: want an error")
				}
				return
			}
			if err == nil {
				t.Fatal("want an error")
			}
			for _, want := range tc.wantErr {
				if !errors.Is(err, want) {
					t.Errorf("error %v is not %v", err, want)
				}
			}
		})
	}
}

func TestDslipakOpenQuirks(t *testing.T) {
	p := &handPDF{}
	c := p.flate([]byte("BT /F1 12 Tf 72 700 Td (Still readable) Tj ET"))
	good := p.page(fmt.Sprintf("%d 0 R", c), helv)
	tests := []struct {
		name string
		data []byte
	}{
		{"as written", good},
		{"PDF 2.0 header", append([]byte("%PDF-2.0"), good[8:]...)},
		{"junk after %%EOF", append(append([]byte(nil), good...), "\x00\x00garbage from a download\n"...)},
		{"junk before the header", append([]byte("Content-Type: application/pdf\r\n\r\n"), good...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := pageText(t, openBytes(t, tc.data, ""), 1); got != "Still readable" {
				t.Errorf("got %q", got)
			}
		})
	}
}
