package pdf

import (
	"strings"
	"testing"
)

func TestAcceptDslipak(t *testing.T) {
	ref := strings.Join(prose, "\n")
	tests := []struct {
		name    string
		ds, ref string
		haveRef bool
		want    bool
	}{
		{"same text", ref, ref, true, true},
		{"lines broken elsewhere", rewrap(ref, 7), ref, true, true},
		{"empty", "", ref, true, false},
		{"text where PDFium sees none", ref, "", true, false},
		{"glued words", strings.ReplaceAll(ref, " ", ""), ref, true, false},
		{"lines run together", strings.Repeat(strings.Join(prose, ""), 2), ref + "\n" + ref, true, false},
		{"columns side by side", sideBySide(prose), ref, true, true},
		{"half the words", strings.Join(prose[:2], "\n"), ref, true, false},
		{"doubled", ref + "\n" + ref, ref, true, false},
		{"unmapped font", strings.Map(func(r rune) rune {
			if r == 'e' || r == 'a' {
				return 0xFFFD
			}
			return r
		}, ref), ref, true, false},
		{"private use", strings.ReplaceAll(ref, "the", "\ue001\ue002\ue003"), ref, true, false},
		{"control codes", strings.ReplaceAll(ref, "o", "\x03"), ref, true, false},
		{"bullets both engines see", "\uf0b7 " + strings.Join(prose, "\n\uf0b7 "), "\uf0b7 " + strings.Join(prose, "\n\uf0b7 "), true, true},
		{"no referee, plain words", ref, "", false, true},
		{"no referee, glued", strings.ReplaceAll(ref, " ", ""), "", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := acceptDslipak(tc.ds, tc.ref, tc.haveRef); got != tc.want {
				t.Errorf("acceptDslipak = %v, want %v", got, tc.want)
			}
		})
	}
}

// sideBySide lays lines out in two columns, as a layout-keeping engine does
// with a two-column page.
func sideBySide(lines []string) string {
	half := (len(lines) + 1) / 2
	var out []string
	for i := range half {
		l := lines[i]
		if i+half < len(lines) {
			l += "      " + lines[i+half]
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// rewrap breaks text into lines of n words.
func rewrap(text string, n int) string {
	words := strings.Fields(text)
	var b strings.Builder
	for i, w := range words {
		switch {
		case i == 0:
		case i%n == 0:
			b.WriteByte('\n')
		default:
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

func TestNormalizeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  \n\n", ""},
		{"a  \nb\t\n", "a\nb"},
		{"\n\na\n\n\n\nb\n\n", "a\n\nb"},
		{"ﬁnance ﬂow", "finance flow"},
		{"cafe\u0301", "café"},
		{"a\u00a0b\x01c\x00", "a bc"},
		{"  indented", "  indented"},
	}
	for _, tc := range tests {
		if got := normalizeText(tc.in); got != tc.want {
			t.Errorf("normalizeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIsBlankNotice(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"This page is intentionally left blank", true},
		{"This page is intentionally left blank\nPage 24", true},
		{"Page 24\nTHIS PAGE HAS BEEN LEFT INTENTIONALLY BLANK", true},
		{"Intentionally left blank.", true},
		{"24\nThis page is intentionally left blank", true},
		{"", false},
		{"Agenda Item 4\nThis page is intentionally left blank", false},
		{"Appendix intentionally left blank", false},
		{"The appendix to this report is intentionally left blank for the panel to complete", false},
	}
	for _, tc := range tests {
		if got := isBlankNotice(tc.text); got != tc.want {
			t.Errorf("isBlankNotice(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
