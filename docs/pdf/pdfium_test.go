package pdf

import (
	"errors"
	"image/color"
	"strings"
	"testing"

	"panelpapers/docs"
)

// openTest opens data with the shared engine and closes it with the test.
func openTest(t *testing.T, data []byte, password string) *PDFDoc {
	t.Helper()
	d, err := testPDFium(t).Open(data, password)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d
}

func TestPDFiumOpenErrors(t *testing.T) {
	locked := makePDF(t, pdfOptions{user: "sesame", owner: "owner"}, testPage{lines: prose})
	tests := []struct {
		name     string
		data     []byte
		password string
		want     error
	}{
		{"needs password", locked, "", docs.ErrEncrypted},
		{"wrong password", locked, "wrong", docs.ErrBadPassword},
		{"owner password is not the user's", locked, "owne", docs.ErrBadPassword},
		{"not a PDF", []byte("%PDF-1.4\nnothing here"), "", docs.ErrDamaged},
		{"nothing", nil, "", docs.ErrDamaged},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := testPDFium(t).Open(tc.data, tc.password)
			if !errors.Is(err, tc.want) {
				if d != nil {
					d.Close()
				}
				t.Fatalf("Open = %v, want %v", err, tc.want)
			}
		})
	}
	t.Run("owner password opens too", func(t *testing.T) {
		if d := openTest(t, locked, "owner"); d.NumPages() != 1 || d.Password() != "owner" {
			t.Errorf("%d pages, password %q", d.NumPages(), d.Password())
		}
	})
}

func TestPDFiumPages(t *testing.T) {
	d := openTest(t, makePDF(t, pdfOptions{},
		testPage{lines: prose},
		testPage{image: true},
		testPage{},
	), "")
	if d.NumPages() != 3 {
		t.Fatalf("%d pages", d.NumPages())
	}
	text, err := d.PageText(1)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Join(prose, "\n"); strings.TrimSpace(text) != want {
		t.Errorf("PageText(1) = %q, want %q", text, want)
	}
	for n, want := range map[int]bool{1: false, 2: true, 3: false} {
		if got, err := d.HasImages(n); err != nil || got != want {
			t.Errorf("HasImages(%d) = %v, %v; want %v", n, got, err, want)
		}
	}
	w, h, err := d.PageSize(1)
	if err != nil || int(w) != 595 || int(h) != 841 {
		t.Errorf("PageSize = %v × %v, %v; want A4", w, h, err)
	}
	for _, n := range []int{0, 4, -1} {
		if _, err := d.PageText(n); err == nil {
			t.Errorf("PageText(%d) gave no error", n)
		}
	}
}

func TestPDFiumCharBoxes(t *testing.T) {
	d := openTest(t, makePDF(t, pdfOptions{}, testPage{lines: prose[:2]}), "")
	boxes, err := d.CharBoxes(1)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, c := range boxes {
		b.WriteRune(c.Rune)
	}
	text, _ := d.PageText(1)
	if want := strings.ReplaceAll(text, "\n", ""); b.String() != want {
		t.Errorf("CharBoxes spell %q, want %q", b.String(), want)
	}
	// fpdf put the first line's baseline 72 pt below the top of an A4 page
	// (841.89 pt), starting 72 pt from the left.
	first := boxes[0].Box
	if first.Left < 71 || first.Left > 74 || first.Bottom < 766 || first.Top > 782 || first.Top <= first.Bottom {
		t.Errorf("first character's box %+v", first)
	}
	for _, c := range boxes {
		if c.Rune == 'o' && c.Box.Top < 768 { // "on the proposed" starts line 2, 16 pt lower
			return
		}
	}
	t.Error("no character on the second line")
}

func TestPDFiumRender(t *testing.T) {
	d := openTest(t, makePDF(t, pdfOptions{}, testPage{lines: prose}), "")
	img, err := d.Render(1, 72)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 595 || b.Dx() > 596 || b.Dy() != 842 {
		t.Errorf("72 dpi render is %v, want 595.28×841.89 rounded up", b)
	}
	// Text ink on the first line, around (100, 68) from the top-left; the
	// margin above it white.
	dark := func(x, y int) bool {
		r, g, b, _ := color.GrayModel.Convert(img.At(x, y)).RGBA()
		return r+g+b < 3*0x8000
	}
	ink := false
	for x := 72; x < 300 && !ink; x++ {
		for y := 60; y < 75; y++ {
			ink = ink || dark(x, y)
		}
	}
	if !ink || dark(300, 20) {
		t.Error("render does not show the text where it is")
	}
	for _, dpi := range []float64{0, -5, 5000} {
		if _, err := d.Render(1, dpi); err == nil {
			t.Errorf("Render at %v dpi gave no error", dpi)
		}
	}
}

// TestPDFiumReplacedInstance: after the engine replaces a worker,
// documents opened before carry on.
func TestPDFiumReplacedInstance(t *testing.T) {
	p := testPDFium(t)
	d := openTest(t, makePDF(t, pdfOptions{}, testPage{lines: prose}), "")
	l := p.reader
	l.calls.Lock()
	l.mu.Lock()
	w := l.proc
	l.mu.Unlock()
	l.drop(w, true) // as a call that overran does
	l.calls.Unlock()
	text, err := d.PageText(1)
	if err != nil || !strings.Contains(text, "Commissioner") {
		t.Errorf("after a new instance: %q, %v", text, err)
	}
}

func TestPDFiumClose(t *testing.T) {
	p, err := StartPDFium(testCacheDir())
	if err != nil {
		t.Fatal(err)
	}
	d, err := p.Open(makePDF(t, pdfOptions{}, testPage{lines: prose}), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := d.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := d.PageText(1); err == nil {
		t.Error("PageText after Close gave no error")
	}
	if err := p.Close(); err != nil {
		t.Errorf("engine Close: %v", err)
	}
	if err := p.Close(); err != nil {
		t.Errorf("second engine Close: %v", err)
	}
	if _, err := p.Open(makePDF(t, pdfOptions{}, testPage{lines: prose}), ""); err == nil {
		t.Error("Open after Close gave no error")
	}
}
