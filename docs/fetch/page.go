package fetch

import (
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"panelpapers/docs"
)

// parseMeetingPage finds the document links in a meeting page's action
// lists (ul.mgActionList a), resolved against the page's address. Links to
// anything but documents (calendar, webcast, attendance) are left out.
func parseMeetingPage(r io.Reader, page *url.URL) ([]docs.MeetingDocument, error) {
	root, err := html.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadResponse, err)
	}
	var out []docs.MeetingDocument
	seen := map[string]bool{}
	var walk func(n *html.Node, inList bool)
	walk = func(n *html.Node, inList bool) {
		if n.Type == html.ElementNode {
			switch {
			case n.DataAtom == atom.Ul && hasClass(n, "mgActionList"):
				inList = true
			case n.DataAtom == atom.A && inList:
				if d, ok := pageLink(n, page); ok && !seen[d.URL] {
					seen[d.URL] = true
					out = append(out, d)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inList)
		}
	}
	walk(root, false)
	return out, nil
}

func pageLink(a *html.Node, page *url.URL) (docs.MeetingDocument, bool) {
	u := resolve(page, attr(a, "href"))
	if u == "" || !isDocumentLink(u) {
		return docs.MeetingDocument{}, false
	}
	var title, size strings.Builder
	var walk func(n *html.Node, inSize bool)
	walk = func(n *html.Node, inSize bool) {
		if n.Type == html.ElementNode && hasClass(n, "mgFileSize") {
			inSize = true
		}
		if n.Type == html.TextNode {
			if inSize {
				size.WriteString(n.Data + " ")
			} else {
				title.WriteString(n.Data + " ")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inSize)
		}
	}
	walk(a, false)
	t := clean(title.String())
	// Some councils print the size in the link text itself: "Printed minutes (PDF 283 KB)".
	if m := sizeRE.FindStringSubmatchIndex(t); m != nil && size.Len() == 0 {
		size.WriteString(t[m[0]:m[1]])
		t = clean(t[:m[0]])
	}
	if t == "" { // an icon link: fall back on its tooltip, "Link to printed minutes"
		t = clean(attr(a, "title"))
		if rest, ok := strings.CutPrefix(strings.ToLower(t), "link to "); ok && rest != "" {
			t = strings.ToUpper(rest[:1]) + rest[1:]
		}
	}
	if t == "" {
		return docs.MeetingDocument{}, false
	}
	return docs.MeetingDocument{Title: t, URL: u, Kind: kindOfLink(t), Size: parseSize(size.String())}, true
}

// isDocumentLink tells a whole-meeting paper (under /documents/g{meeting}/
// or /documents/b{bundle}/) from the other actions a page lists, and from an
// item's own document (/documents/s{id}/, mgConvert2PDF.aspx), which the
// web service lists with its item.
func isDocumentLink(u string) bool {
	pu, err := url.Parse(u)
	if err != nil {
		return false
	}
	p := strings.ToLower(pu.Path)
	if itemDocRE.MatchString(p) || strings.HasSuffix(p, "/mgconvert2pdf.aspx") {
		return false
	}
	return strings.Contains(p, "/documents/") || strings.HasSuffix(p, ".pdf")
}

var itemDocRE = regexp.MustCompile(`/documents/s\d+/`)

// kindOfLink tells the kind of a whole-meeting paper from its link text,
// which is what ModernGov keeps the same across councils.
func kindOfLink(title string) docs.Kind {
	t := strings.ToLower(title)
	switch {
	case strings.Contains(t, "supplement"):
		return docs.KindSupplement
	case strings.Contains(t, "minutes"):
		return docs.KindMinutes
	case isPackTitle(t), strings.Contains(t, "frontsheet"), strings.Contains(t, "front sheet"), t == "agenda":
		return docs.KindAgenda
	}
	return docs.KindOther
}

// isPackTitle tells the reports pack (agenda and every report in one PDF)
// from the bare front sheet.
func isPackTitle(title string) bool {
	t := strings.ToLower(title)
	return strings.Contains(t, "reports pack") || strings.Contains(t, "agenda pack") ||
		strings.Contains(t, "public pack") || strings.Contains(t, "document pack")
}

var sizeRE = regexp.MustCompile(`(?i)\(?\s*PDF\s+([\d.,]+)\s*(B|KB|MB|GB)\s*\)?\s*$`)

// parseSize reads "PDF 3 MB" into bytes (an estimate: ModernGov rounds).
func parseSize(s string) int64 {
	m := sizeRE.FindStringSubmatch(clean(s))
	if m == nil {
		return 0
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
	if err != nil {
		return 0
	}
	mult := map[string]float64{"B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9}[strings.ToUpper(m[2])]
	return int64(f * mult)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if strings.EqualFold(c, class) {
			return true
		}
	}
	return false
}

var entityRE = regexp.MustCompile(`&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);`)

// plainText turns the service's agendatext (HTML, escaped once by the XML
// and sometimes once more) into lines of plain text.
func plainText(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < 2 && !strings.Contains(s, "<") && strings.Contains(s, "&lt;"); i++ {
		s = html.UnescapeString(s)
	}
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return clean(html.UnescapeString(s))
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode: // line breaks in HTML source are spaces
			b.WriteString(strings.Map(func(r rune) rune {
				if r == '\n' || r == '\r' || r == '\t' {
					return ' '
				}
				return r
			}, n.Data))
		case html.ElementNode:
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
				return
			}
			if blockElement(n.DataAtom) {
				b.WriteString("\n")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blockElement(n.DataAtom) {
			b.WriteString("\n")
		}
	}
	walk(root)
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		// Text escaped twice still shows entities ("&#39;") after parsing.
		if entityRE.MatchString(l) {
			l = html.UnescapeString(l)
		}
		if l = clean(strings.ReplaceAll(l, "\u00a0", " ")); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func blockElement(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Br, atom.Li, atom.Tr, atom.Ul, atom.Ol, atom.Table,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}
