package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-pdf/fpdf"
)

// testPage describes one page of a generated PDF: lines of text, and a
// picture drawn over the whole page when image is set.
type testPage struct {
	lines []string
	image bool
}

// pdfOptions protect a generated PDF: user opens it, owner lifts its
// restrictions. Both empty means no encryption.
type pdfOptions struct {
	user, owner string
}

// makePDF writes a small PDF with the given pages, uncompressed so that tests
// can cut it at known places.
func makePDF(t testing.TB, opt pdfOptions, pages ...testPage) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCompression(false)
	if opt.user != "" || opt.owner != "" {
		f.SetProtection(fpdf.CnProtectPrint, opt.user, opt.owner)
	}
	f.SetFont("Helvetica", "", 12)
	for i, p := range pages {
		f.AddPage()
		if p.image {
			name := fmt.Sprintf("scan%d", i)
			f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(testPNG(t)))
			f.ImageOptions(name, 0, 0, 595, 842, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		}
		for j, l := range p.lines {
			f.Text(72, 72+float64(j)*16, l)
		}
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatalf("make PDF: %v", err)
	}
	return b.Bytes()
}

// testPNG is a small grey picture with a dark stripe, standing in for a scan.
func testPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 40, 60))
	for y := range 60 {
		for x := range 40 {
			c := uint8(220)
			if y%10 < 2 {
				c = 30
			}
			img.SetGray(x, y, color.Gray{Y: c})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// zeroPagePDF is a well-formed PDF whose page tree is empty.
func zeroPagePDF() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [] /Count 0 >>",
	}
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// writeTemp puts data in a file of the test's own temporary folder.
func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// prose is a page of ordinary sentences, enough words for the engines'
// agreement to mean something.
var prose = []string{
	"The Panel considered the report of the Police and Crime Commissioner",
	"on the proposed precept for the coming financial year and the budget.",
	"Members asked about the reserves, the capital programme and savings.",
	"RESOLVED that the Panel supports the proposed precept of 2025-26.",
}

// manyPages is a PDF of n pages of prose, each naming its number.
func manyPages(t testing.TB, n int) []byte {
	pages := make([]testPage, n)
	for i := range pages {
		pages[i] = testPage{lines: append([]string{fmt.Sprintf("Page %d of the report", i+1)}, prose...)}
	}
	return makePDF(t, pdfOptions{}, pages...)
}
