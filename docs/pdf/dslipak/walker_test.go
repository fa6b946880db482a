package dslipak

import (
	"bytes"
	"fmt"
	"testing"
)

func TestDslipakHandMadePages(t *testing.T) {
	tests := []struct {
		name    string
		build   func(p *handPDF) []byte
		want    string
		wantErr bool
	}{
		{
			name: "contents split over an array of streams",
			build: func(p *handPDF) []byte {
				a := p.flate([]byte("BT /F1 12 Tf 72 700 Td (Split across) Tj"))
				b := p.flate([]byte(" ( streams) Tj ET"))
				return p.page(fmt.Sprintf("[%d 0 R %d 0 R]", a, b), helv)
			},
			want: "Split across streams",
		},
		{
			name: "TJ kerning is not a space, a wide adjustment is",
			build: func(p *handPDF) []byte {
				c := p.flate([]byte("BT /F1 12 Tf 72 700 Td [(W) 80 (ard) -20 (s) -300 (Ward) -1800 (Total)] TJ ET"))
				return p.page(fmt.Sprintf("%d 0 R", c), helv)
			},
			want: "Wards Ward    Total",
		},
		{
			name: "a page number stamped over a footer is a line of its own",
			build: func(p *handPDF) []byte {
				c := p.flate([]byte("BT /F1 11 Tf 72 40 Td (Budget Consultation Report) Tj ET BT /F1 12 Tf 130 40.2 Td (Page 3) Tj ET"))
				return p.page(fmt.Sprintf("%d 0 R", c), helv)
			},
			want: "Budget Consultation Report\nPage 3",
		},
		{
			name: "fake bold drawn twice is read once",
			build: func(p *handPDF) []byte {
				c := p.flate([]byte("BT /F1 12 Tf 72 700 Td (Agenda) Tj ET BT /F1 12 Tf 72.4 700 Td (Agenda) Tj ET"))
				return p.page(fmt.Sprintf("%d 0 R", c), helv)
			},
			want: "Agenda",
		},
		{
			name: "two-byte codes of an Identity-H font",
			build: func(p *handPDF) []byte {
				cmap := p.stream("", []byte("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"+
					"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"+
					"2 beginbfchar <0001> <0048> <0002> <0069> endbfchar\n"+
					"1 beginbfrange <0003> <0004> <0174> endbfrange\n"+
					"endcmap CMapName currentdict /CMap defineresource pop end end"))
				desc := p.add("<</Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Font /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /DW 1000 /W [1 [700 300] 3 4 600]>>")
				font := p.add(fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Font /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>", desc, cmap))
				c := p.flate([]byte("BT /F2 10 Tf 72 700 Td <00010002> Tj 20 0 Td <00030004> Tj ET"))
				return p.page(fmt.Sprintf("%d 0 R", c), fmt.Sprintf("<</Font <</F2 %d 0 R>>>>", font))
			},
			want: "Hi Ŵŵ",
		},
		{
			name: "nested forms with their matrices",
			build: func(p *handPDF) []byte {
				inner := p.stream("/Type /XObject /Subtype /Form /BBox [0 0 500 500] /Resources "+helv, []byte("BT /F1 10 Tf 0 0 Td (inner) Tj ET"))
				outer := p.stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 500 500] /Matrix [1 0 0 1 0 -100] /Resources <</XObject <</Fi %d 0 R>>>>", inner),
					[]byte("/Fi Do q 1 0 0 1 0 200 cm /Fi Do Q /Fo Do"))
				c := p.flate([]byte("q 1 0 0 1 72 400 cm /Fo Do Q"))
				return p.page(fmt.Sprintf("%d 0 R", c), fmt.Sprintf("<</XObject <</Fo %d 0 R>>>>", outer))
			},
			want: "inner\n\ninner",
		},
		{
			name: "inline image data holding parentheses",
			build: func(p *handPDF) []byte {
				c := p.flate([]byte("q BI /W 4 /H 1 /BPC 8 /CS /G ID (((<<\x00 EI Q BT /F1 12 Tf 72 700 Td (after the image) Tj ET"))
				return p.page(fmt.Sprintf("%d 0 R", c), helv)
			},
			want: "after the image",
		},
		{
			name: "text rotated a quarter turn",
			build: func(p *handPDF) []byte {
				c := p.flate([]byte("BT /F1 12 Tf 72 700 Td (Upright) Tj ET BT /F1 12 Tf 0 1 -1 0 300 300 Tm (Sideways words) Tj ET"))
				return p.page(fmt.Sprintf("%d 0 R", c), helv)
			},
			want: "Upright\n\nSideways words",
		},
		{
			name: "text off the page is dropped",
			build: func(p *handPDF) []byte {
				c := p.flate([]byte("BT /F1 12 Tf 72 700 Td (Visible) Tj ET BT /F1 12 Tf 900 700 Td (Hidden) Tj ET"))
				return p.page(fmt.Sprintf("%d 0 R", c), helv)
			},
			want: "Visible",
		},
		{
			name: "corrupt Flate data is an error, not a hang",
			build: func(p *handPDF) []byte {
				c := p.stream("/Filter /FlateDecode", []byte("x\x9c this is not deflate data at all"))
				return p.page(fmt.Sprintf("%d 0 R", c), helv)
			},
			wantErr: true,
		},
		{
			name: "a filter dslipak lacks is an error",
			build: func(p *handPDF) []byte {
				c := p.stream("/Filter /LZWDecode", []byte("\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01"))
				return p.page(fmt.Sprintf("%d 0 R", c), helv)
			},
			wantErr: true,
		},
		{
			name: "a form that draws itself",
			build: func(p *handPDF) []byte {
				self := len(p.objs) + 1
				p.stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 500 500] /Resources <</Font %s /XObject <</Me %d 0 R>>>>", helv[7:len(helv)-2], self),
					[]byte("BT /F1 10 Tf 72 600 Td (once) Tj ET 1 0 0 1 0 -20 cm /Me Do"))
				c := p.flate([]byte("/Me Do"))
				return p.page(fmt.Sprintf("%d 0 R", c), fmt.Sprintf("<</XObject <</Me %d 0 R>>>>", self))
			},
			want: "once",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := openBytes(t, tc.build(&handPDF{}), "")
			text, err := d.PageText(1)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("want an error, got text %q", text)
				}
				return
			}
			if err != nil {
				t.Fatalf("PageText: %v", err)
			}
			if text != tc.want {
				t.Errorf("got %q, want %q", text, tc.want)
			}
		})
	}
}

// FuzzDslipakContent feeds arbitrary bytes to the content walker: it must
// neither panic nor hang.
func FuzzDslipakContent(f *testing.F) {
	for _, seed := range []string{
		"BT /F1 12 Tf 72 700 Td (Hello) Tj ET",
		"BT [(a) -300 (b)] TJ 1 0 0 1 5 5 Tm T* (x) ' 1 2 (y) \" ET",
		"q 1 0 0 1 0 0 cm BI /W 1 ID \x00 EI Q (unterminated",
		"<< /A [1 2 <41> (b)] >> BDC <4142 Tj [[[ ] /Name#20x Do",
		"1 0 0 -1 0 0 cm BT 0 1 -1 0 0 0 Tm (r) Tj ET",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p := &handPDF{}
		c := p.stream("", data)
		pdfData := p.page(fmt.Sprintf("%d 0 R", c), helv)
		d, err := Open(bytes.NewReader(pdfData), int64(len(pdfData)), "")
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		_, _ = d.PageText(1)
		_ = parseCMap(data)
	})
}
