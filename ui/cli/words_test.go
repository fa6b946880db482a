package cli

import "testing"

// TestPaperTitle checks that the command line names papers in English,
// whatever the language of their titles.
func TestPaperTitle(t *testing.T) {
	for title, want := range map[string]string{
		"Pecyn adroddiadau":            "Reports pack",
		"Public reports pack":          "Reports pack",
		"Taflen flaen y rhaglen":       "Agenda frontsheet",
		"Cofnodion printiedig":         "Minutes",
		"Minutes (Cymraeg)":            "Minutes (in Welsh)",
		"Atodiad: eitemau 3, 4a a 5":   "Supplement: items 3, 4a and 5",
		"Penderfyniadau":               "Decisions",
		"Quarterly Performance Report": "Quarterly Performance Report",
		"BOD YN (Cymraeg)":             "BOD YN (in Welsh)",
	} {
		if got := paperTitle(title); got != want {
			t.Errorf("paperTitle(%q) = %q, want %q", title, got, want)
		}
	}
}
