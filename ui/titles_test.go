package ui

import (
	"testing"

	"panelpapers/docs"
)

// TestPaperTitles checks one name per paper in each language: a standard
// paper by its name in the window's language, whatever its title's
// language; an unusual title as printed.
func TestPaperTitles(t *testing.T) {
	tests := []struct {
		title  string
		kind   docs.Kind
		en, cy string
	}{
		{"Reports pack", docs.KindAgenda, "Reports pack", "Pecyn adroddiadau"},
		{"Public reports pack", docs.KindAgenda, "Reports pack", "Pecyn adroddiadau"},
		{"Pecyn adroddiadau", docs.KindAgenda, "Reports pack", "Pecyn adroddiadau"},
		{"Pecyn Dogfennau Cyhoeddus", docs.KindAgenda, "Reports pack", "Pecyn adroddiadau"},
		{"Agenda frontsheet", docs.KindAgenda, "Agenda frontsheet", "Taflen flaen y rhaglen"},
		{"Rhaglen", docs.KindAgenda, "Agenda", "Rhaglen"},
		{"Supplementary Agenda", docs.KindSupplement, "Supplement", "Atodiad"},
		{"Supplement: item 3", docs.KindSupplement, "Supplement: item 3", "Atodiad: eitem 3"},
		{"Supplement: items 3, 4a", docs.KindSupplement, "Supplement: items 3 and 4a", "Atodiad: eitemau 3 a 4a"},
		{"Printed minutes", docs.KindMinutes, "Minutes", "Cofnodion"},
		{"Cofnodion", docs.KindMinutes, "Minutes", "Cofnodion"},
		{"Minutes (Cymraeg)", docs.KindMinutes, "Minutes (in Welsh)", "Cofnodion (Cymraeg)"},
		{"Decisions", docs.KindOther, "Decisions", "Penderfyniadau"},
		{"Penderfyniadau", docs.KindOther, "Decisions", "Penderfyniadau"},
		{"Report", docs.KindReport, "Report", "Adroddiad"},
		{"", docs.KindOther, "Paper", "Papur"},
		{"Quarterly Performance Report, Quarter 3", docs.KindReport, "Quarterly Performance Report, Quarter 3", "Quarterly Performance Report, Quarter 3"},
		{"BOD YN (Cymraeg)", docs.KindOther, "BOD YN (in Welsh)", "BOD YN (Cymraeg)"},
	}
	for _, tc := range tests {
		if got := paperTitle(&docs.Version{Title: tc.title, Kind: tc.kind}); got != tc.en {
			t.Errorf("%q in English: %q, want %q", tc.title, got, tc.en)
		}
	}
	inWelsh(t)
	for _, tc := range tests {
		if got := paperTitle(&docs.Version{Title: tc.title, Kind: tc.kind}); got != tc.cy {
			t.Errorf("%q in Welsh: %q, want %q", tc.title, got, tc.cy)
		}
	}
}
