package dslipak

import (
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

func TestDslipakFpdfLayout(t *testing.T) {
	tests := []struct {
		name  string
		draw  func(p *fpdf.Fpdf)
		check func(t *testing.T, text string)
	}{
		{
			name: "spaces in the string",
			draw: func(p *fpdf.Fpdf) {
				p.SetFont("Helvetica", "", 12)
				p.Text(72, 100, "The quick brown fox jumps over the lazy dog.")
			},
			check: func(t *testing.T, text string) {
				if text != "The quick brown fox jumps over the lazy dog." {
					t.Errorf("got %q", text)
				}
			},
		},
		{
			name: "words placed apart without spaces",
			draw: func(p *fpdf.Fpdf) {
				p.SetFont("Times", "", 11)
				x := 72.0
				for _, w := range []string{"Budget", "monitoring", "report"} {
					p.Text(x, 100, w)
					x += p.GetStringWidth(w) + 3 // about a space's width
				}
			},
			check: func(t *testing.T, text string) {
				if text != "Budget monitoring report" {
					t.Errorf("got %q", text)
				}
			},
		},
		{
			name: "letters placed one by one stay one word",
			draw: func(p *fpdf.Fpdf) {
				p.SetFont("Helvetica", "B", 14)
				x := 72.0
				for _, r := range "Councillor" {
					p.Text(x, 100, string(r))
					x += p.GetStringWidth(string(r)) + 0.3 // loose tracking
				}
			},
			check: func(t *testing.T, text string) {
				if text != "Councillor" {
					t.Errorf("got %q", text)
				}
			},
		},
		{
			name: "lines top to bottom whatever the drawing order",
			draw: func(p *fpdf.Fpdf) {
				p.SetFont("Helvetica", "", 11)
				p.Text(72, 160, "third line")
				p.Text(72, 100, "first line")
				p.Text(72, 130, "second line")
			},
			check: func(t *testing.T, text string) {
				want := "first line\n\nsecond line\n\nthird line"
				if text != want {
					t.Errorf("got %q, want %q", text, want)
				}
			},
		},
		{
			name: "lines of a paragraph have no blank line between",
			draw: func(p *fpdf.Fpdf) {
				p.SetFont("Helvetica", "", 11)
				p.SetXY(72, 72)
				p.MultiCell(200, 13, "Members are asked to note the report and agree the recommendations set out in section four.", "", "L", false)
			},
			check: func(t *testing.T, text string) {
				if strings.Contains(text, "\n\n") || strings.Count(text, "\n") < 1 {
					t.Errorf("want consecutive lines, got %q", text)
				}
				if strings.Join(strings.Fields(text), " ") != "Members are asked to note the report and agree the recommendations set out in section four." {
					t.Errorf("words changed: %q", text)
				}
			},
		},
		{
			name: "table cells are two or more spaces apart",
			draw: func(p *fpdf.Fpdf) {
				tr := p.UnicodeTranslatorFromDescriptor("")
				p.SetFont("Helvetica", "", 10)
				p.SetXY(72, 72)
				for _, row := range [][2]string{{"Service", "Budget 2025-26"}, {"Adult Social Care", "£1,234.5m"}} {
					p.CellFormat(200, 14, tr(row[0]), "1", 0, "L", false, 0, "")
					p.CellFormat(120, 14, tr(row[1]), "1", 1, "R", false, 0, "")
					p.SetX(72)
				}
			},
			check: func(t *testing.T, text string) {
				lines := strings.Split(text, "\n")
				if len(lines) != 2 {
					t.Fatalf("want 2 lines, got %q", text)
				}
				for i, want := range [][2]string{{"Service", "Budget 2025-26"}, {"Adult Social Care", "£1,234.5m"}} {
					cells := strings.Split(lines[i], "  ")
					if cells[0] != want[0] || strings.TrimSpace(cells[len(cells)-1]) != want[1] {
						t.Errorf("line %d: got %q, want cells %q", i+1, lines[i], want)
					}
				}
			},
		},
		{
			name: "page footer is a line of its own",
			draw: func(p *fpdf.Fpdf) {
				p.SetFont("Helvetica", "", 11)
				p.Text(72, 100, "Item 5: Minutes of the previous meeting")
				p.Text(280, 800, "Page 3")
			},
			check: func(t *testing.T, text string) {
				lines := strings.Split(text, "\n")
				if last := lines[len(lines)-1]; last != "Page 3" {
					t.Errorf("last line %q, want %q (text %q)", last, "Page 3", text)
				}
			},
		},
		{
			name: "text inside a form XObject",
			draw: func(p *fpdf.Fpdf) {
				tpl := p.CreateTemplate(func(tp *fpdf.Tpl) {
					tp.SetFont("Helvetica", "", 11)
					tp.Text(40, 50, "Drawn inside a template")
				})
				p.UseTemplate(tpl)
			},
			check: func(t *testing.T, text string) {
				if text != "Drawn inside a template" {
					t.Errorf("got %q", text)
				}
			},
		},
		{
			name: "accented letters through WinAnsi",
			draw: func(p *fpdf.Fpdf) {
				tr := p.UnicodeTranslatorFromDescriptor("")
				p.SetFont("Helvetica", "", 11)
				p.Text(72, 100, tr("Café – Sainte-Adèle “résumé”"))
			},
			check: func(t *testing.T, text string) {
				if text != "Café – Sainte-Adèle “résumé”" {
					t.Errorf("got %q", text)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := openBytes(t, fpdfDoc(t, func(p *fpdf.Fpdf) {
				p.AddPage()
				tc.draw(p)
			}), "")
			if n := d.NumPages(); n != 1 {
				t.Fatalf("NumPages = %d", n)
			}
			tc.check(t, pageText(t, d, 1))
		})
	}
}
