package notes_test

import (
	"strings"
	"testing"

	"panelpapers/docs/notes"
)

func TestLocateQuote(t *testing.T) {
	const page = "Agenda Item 5\n\nThe Panel noted the recom-\nmendation of the Joint Audit\nCommittee on the ﬁnance of the afon Tywi scheme.\n\n" +
		"RESOLVED that the report be noted.\n\nThe Chair welcomed the dŵr project.\nRESOLVED that the report be noted and\nthanked the officers.\nPage 9"
	tests := []struct {
		name, quote, before, after string
		hint                       int
		want                       string // the page's text at the range found, spacing collapsed; "" for not found
	}{
		{name: "exact", quote: "Joint Audit Committee", want: "Joint Audit Committee"},
		{name: "across lines and spacing", quote: "of the   Joint Audit Committee on", want: "of the Joint Audit Committee on"},
		{name: "case", quote: "JOINT audit committee", want: "Joint Audit Committee"},
		{name: "hyphenated at line end", quote: "the recommendation of", want: "the recom- mendation of"},
		{name: "ligature", quote: "the finance of", want: "the ﬁnance of"},
		{name: "accents", quote: "the dwr project", want: "the dŵr project"},
		{name: "curly apostrophe and glued words", quote: "thePanel noted", want: "The Panel noted"},
		{name: "one word changed", quote: "The Panel noted the recommendation of the Joint Audit Board on the finance", want: "The Panel noted the recom- mendation of the Joint Audit Committee on the ﬁnance"},
		{name: "context picks the second", quote: "RESOLVED that the report be noted", before: "The Chair welcomed the dŵr project.", want: "RESOLVED that the report be noted"},
		{name: "not there", quote: "the budget for 2024/25"},
		{name: "too changed", quote: "The Panel approved the budget of the Joint Audit Board"},
		{name: "only punctuation", quote: "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hint := -1
			start, end, ok := notes.LocateQuote(page, tt.quote, tt.before, tt.after, hint)
			if tt.want == "" {
				if ok {
					t.Fatalf("found %q at %d-%d, want not found", runes(page, start, end), start, end)
				}
				return
			}
			if !ok {
				t.Fatalf("not found, want %q", tt.want)
			}
			if got := strings.Join(strings.Fields(runes(page, start, end)), " "); got != tt.want {
				t.Errorf("found %q (%d-%d), want %q", got, start, end, tt.want)
			}
			if tt.name == "context picks the second" && start < strings.Index(page, "dŵr") {
				t.Errorf("found the first occurrence at %d; the context names the second", start)
			}
		})
	}
}

func runes(s string, start, end int) string { return string([]rune(s)[start:end]) }
