package agenda

import (
	"slices"
	"testing"
)

func TestReadTitle(t *testing.T) {
	for _, tc := range []struct {
		stored  string
		name    PaperName
		printed string
		items   []string
		welsh   bool
	}{
		{"Reports pack", NameReportsPack, "Reports pack", nil, false},
		{"Public reports pack", NameReportsPack, "Public reports pack", nil, false},
		{"Pecyn adroddiadau", NameReportsPack, "Pecyn adroddiadau", nil, false},
		{"Pecyn Dogfennau Cyhoeddus", NameReportsPack, "Pecyn Dogfennau Cyhoeddus", nil, false},
		{"Pecyn adroddiadau (Cymraeg)", NameReportsPack, "Pecyn adroddiadau", nil, true},
		{"Agenda frontsheet", NameFrontsheet, "Agenda frontsheet", nil, false},
		{"Taflen flaen y rhaglen", NameFrontsheet, "Taflen flaen y rhaglen", nil, false},
		{"Agenda", NameAgenda, "Agenda", nil, false},
		{"Rhaglen", NameAgenda, "Rhaglen", nil, false},
		{"Supplement", NameSupplement, "Supplement", nil, false},
		{"Supplementary Agenda", NameSupplement, "Supplementary Agenda", nil, false},
		{"Pecyn atodol", NameSupplement, "Pecyn atodol", nil, false},
		{"Supplement: item 3", NameSupplement, "Supplement: item 3", []string{"3"}, false},
		{"Supplement: items 3, 4a", NameSupplement, "Supplement: items 3, 4a", []string{"3", "4a"}, false},
		{"Atodiad: eitemau 5 a 6", NameSupplement, "Atodiad: eitemau 5 a 6", []string{"5", "6"}, false},
		{"Minutes", NameMinutes, "Minutes", nil, false},
		{"Printed minutes", NameMinutes, "Printed minutes", nil, false},
		{"Minutes (Cymraeg)", NameMinutes, "Minutes", nil, true},
		{"Cofnodion", NameMinutes, "Cofnodion", nil, false},
		{"Cofnodion printiedig", NameMinutes, "Cofnodion printiedig", nil, false},
		{"Decisions", NameDecisions, "Decisions", nil, false},
		{"Penderfyniadau", NameDecisions, "Penderfyniadau", nil, false},
		// Unusual titles stay as printed.
		{"Quarterly Performance Report, Quarter 3", NameNone, "Quarterly Performance Report, Quarter 3", nil, false},
		{"BOD YN (Cymraeg)", NameNone, "BOD YN", nil, true},
		{"Minutes of the Licensing Sub-Committee", NameNone, "Minutes of the Licensing Sub-Committee", nil, false},
		{"Supplement: the budget", NameNone, "Supplement: the budget", nil, false},
		{"(Cymraeg)", NameNone, "(Cymraeg)", nil, false},
		{"", NameNone, "", nil, false},
	} {
		got := ReadTitle(tc.stored)
		if got.Name != tc.name || got.Printed != tc.printed || !slices.Equal(got.Items, tc.items) || got.Welsh != tc.welsh {
			t.Errorf("ReadTitle(%q) = %+v, want %v %q %v %v", tc.stored, got, tc.name, tc.printed, tc.items, tc.welsh)
		}
	}
}
