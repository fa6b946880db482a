package packgen

import (
	"sort"
	"strings"

	"github.com/go-pdf/fpdf"
)

// Page geometry in millimetres (A4 portrait, as ModernGov prints).
const (
	pageW       = 210.0
	marginL     = 25.0
	marginR     = 20.0
	textW       = pageW - marginL - marginR
	topY        = 28.0  // first baseline of the body
	bottomY     = 268.0 // no body baseline below this
	stampBottom = 287.0
	stampTop    = 12.0
	itemStampY  = 18.0
	bodySize    = 11.0
	bodyLead    = 5.6
	paraGap     = 3.2
)

// run is one piece of text drawn at a point: a whole line of a paragraph,
// or one cell of a row.
type run struct {
	x, y  float64
	text  string
	size  float64
	bold  bool
	right bool // x is the right edge
	para  bool // the first line of a paragraph: a blank line precedes it in the page text
}

// page is a laid-out page before it is drawn.
type page struct {
	runs    []run
	blank   bool   // "This page is intentionally left blank"
	item    string // agenda item the page belongs to, "" for front matter
	stamp   string // "Page N" text, "" for none
	stampAt Stamps
}

// text renders the page as an extractor would: runs on one baseline joined by
// two spaces, lines top to bottom, a blank line before each paragraph.
func (p *page) text() string {
	runs := append([]run(nil), p.runs...)
	if p.stamp != "" {
		y := stampBottom
		if p.stampAt == StampTop {
			y = stampTop
		}
		runs = append(runs, run{x: pageW / 2, y: y, text: p.stamp, para: true})
	}
	sort.SliceStable(runs, func(i, j int) bool {
		if runs[i].y != runs[j].y {
			return runs[i].y < runs[j].y
		}
		return runs[i].x < runs[j].x
	})
	var b strings.Builder
	for i := 0; i < len(runs); {
		j := i
		var cells []string
		para := false
		for ; j < len(runs) && runs[j].y == runs[i].y; j++ {
			cells = append(cells, runs[j].text)
			para = para || runs[j].para
		}
		if b.Len() > 0 {
			if para {
				b.WriteString("\n")
			}
			b.WriteString("\n")
		}
		b.WriteString(strings.Join(cells, "  "))
		i = j
	}
	return b.String()
}

// flow lays text out top to bottom, starting new pages as they fill.
type flow struct {
	pdf   *fpdf.Fpdf // used only to measure text
	pages []*page
	cur   *page
	y     float64
	item  string
}

func (f *flow) newPage() *page {
	f.cur = &page{item: f.item}
	f.pages = append(f.pages, f.cur)
	f.y = topY
	return f.cur
}

func (f *flow) measure(size float64, bold bool) {
	style := ""
	if bold {
		style = "B"
	}
	f.pdf.SetFont(fontFamily, style, size)
}

// lead is the distance between baselines for a font size.
func lead(size float64) float64 { return size * bodyLead / bodySize }

// ensure starts a new page when h more millimetres do not fit.
func (f *flow) ensure(h float64) {
	if f.cur == nil || f.y+h > bottomY {
		f.newPage()
	}
}

// para lays out one wrapped paragraph at an indent.
func (f *flow) para(text string, size float64, bold bool, indent float64) {
	f.measure(size, bold)
	lines := f.pdf.SplitText(text, textW-indent)
	for i, l := range lines {
		f.ensure(lead(size))
		f.cur.runs = append(f.cur.runs, run{x: marginL + indent, y: f.y, text: l, size: size, bold: bold, para: i == 0})
		f.y += lead(size)
	}
	f.y += paraGap
}

// cell is one column of a row.
type cell struct {
	x     float64 // left edge, or right edge when right is set
	w     float64 // wrap width; 0 means never wrap
	text  string
	bold  bool
	right bool
}

// row lays out cells side by side; cells wrap within their width and the row
// is as tall as its tallest cell. The row never splits across pages.
func (f *flow) row(size float64, cells ...cell) {
	wrapped := make([][]string, len(cells))
	n := 1
	for i, c := range cells {
		f.measure(size, c.bold)
		if c.w > 0 {
			wrapped[i] = f.pdf.SplitText(c.text, c.w)
		} else {
			wrapped[i] = []string{c.text}
		}
		n = max(n, len(wrapped[i]))
	}
	f.ensure(float64(n) * lead(size))
	for i, c := range cells {
		for k, l := range wrapped[i] {
			if l == "" {
				continue
			}
			f.cur.runs = append(f.cur.runs, run{x: c.x, y: f.y + float64(k)*lead(size), text: l, size: size, bold: c.bold, right: c.right, para: k == 0})
		}
	}
	f.y += float64(n)*lead(size) + paraGap
}

// gap adds vertical space.
func (f *flow) gap(mm float64) { f.y += mm }

// draw renders laid-out pages into pdf.
func draw(pdf *fpdf.Fpdf, pages []*page) {
	for _, p := range pages {
		pdf.AddPage()
		for _, r := range p.runs {
			style := ""
			if r.bold {
				style = "B"
			}
			size := r.size
			if size == 0 {
				size = bodySize
			}
			pdf.SetFont(fontFamily, style, size)
			x := r.x
			if r.right {
				x -= pdf.GetStringWidth(r.text)
			}
			pdf.Text(x, r.y, r.text)
		}
		if p.stamp != "" {
			pdf.SetFont(fontFamily, "", 10)
			y := stampBottom
			if p.stampAt == StampTop {
				y = stampTop
			}
			pdf.Text(pageW/2-pdf.GetStringWidth(p.stamp)/2, y, p.stamp)
		}
	}
}
