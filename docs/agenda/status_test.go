package agenda_test

import (
	"strings"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
)

// TestAnalyseMeetingStatus: a paper says when its meeting is cancelled,
// postponed, extraordinary or reconvened, or starts on the rising of
// another; Welsh dates and times are read as English ones.
func TestAnalyseMeetingStatus(t *testing.T) {
	tests := []struct {
		name, text        string
		date, clock       string
		status            docs.MeetingStatus
		extra, reconv     bool
		rising, committee string
	}{
		{"cancelled", "AGENDA\n\nPLANNING COMMITTEE\n\nTuesday, 4 March 2025 at 2.00 pm\n\nTHIS MEETING HAS BEEN CANCELLED\n\n1.  Apologies",
			"2025-03-04", "14:00", docs.StatusCancelled, false, false, "", "Planning Committee"},
		{"postponed", "NOTICE OF MEETING\n\nLicensing Committee\n\nThe meeting on Monday 3 March 2025 at 10.00 am has been postponed.\n\n1.  Apologies",
			"2025-03-03", "10:00", docs.StatusPostponed, false, false, "", "Licensing Committee"},
		{"extraordinary", "SUMMONS\n\nYou are summoned to attend an Extraordinary Meeting of the Council to be held in the Council Chamber, Town Hall on Thursday, 6 March 2025 at 7.00 pm.\n\n1.  Apologies",
			"2025-03-06", "19:00", "", true, false, "", ""},
		{"reconvened", "AGENDA\n\nCABINET\n\nReconvened meeting\n\nWednesday, 12 March 2025 at 10.00 am\n\n1.  Apologies",
			"2025-03-12", "10:00", "", false, true, "", "Cabinet"},
		{"on the rising of", "AGENDA\n\nCABINET\n\nThursday, 13th March, 2025, at 3.00 pm (or on the rising of Full Council, whichever is the later)\n\n1.  Apologies",
			"2025-03-13", "15:00", "", false, false, "Full Council", "Cabinet"},
		{"Welsh", "RHAGLEN\n\nPWYLLGOR CYNLLUNIO\n\nDydd Gwener, 27 Hydref 2023 am 10.30 y.b.\n\nLleoliad: Siambr y Cyngor, Neuadd y Sir\n\n1.  Ymddiheuriadau",
			"2023-10-27", "10:30", "", false, false, "", "Pwyllgor Cynllunio"},
		{"Welsh Tuesday in March", "RHAGLEN\n\nPWYLLGOR CYNLLUNIO\n\nDydd Mawrth, 4 Mawrth 2025 am 2.00 y.h.\n\n1.  Ymddiheuriadau",
			"2025-03-04", "14:00", "", false, false, "", "Pwyllgor Cynllunio"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := agenda.Analyse([]docs.Page{{Number: 1, Text: tt.text}}, "")
			if a.Date != tt.date || a.Time != tt.clock || a.Status != tt.status || a.Extraordinary != tt.extra ||
				a.Reconvened != tt.reconv || a.OnRisingOf != tt.rising || (tt.committee != "" && !agenda.SameCommittee(a.Committee, tt.committee)) {
				t.Errorf("got date %q time %q status %q extraordinary %v reconvened %v rising %q committee %q", a.Date, a.Time, a.Status,
					a.Extraordinary, a.Reconvened, a.OnRisingOf, a.Committee)
			}
		})
	}
}

// TestCorpusItems: items as printed on real agendas, with their sub-items,
// and two meetings' agendas on one paper.
func TestCorpusItems(t *testing.T) {
	read := func(name string) docs.Agenda { return agenda.Analyse(realPaper(t, "meetings", name), "") }
	sub := func(it docs.AgendaItem) string {
		var n []string
		for _, s := range it.Sub {
			n = append(n, s.Number)
		}
		return strings.Join(n, " ")
	}
	a := read("burton-cum-walden-pc_parish-council_2025-11-04_frontsheet.pdf")
	if len(a.Items) != 13 || sub(a.Items[6]) != "1 2 3" || !strings.HasPrefix(a.Items[6].Sub[0].Title, "R/54/42G - Householder planning") {
		t.Errorf("Burton-cum-Walden: %+v", a.Items)
	}
	a = read("garelochhead-cc_community-council_2021-08-17_frontsheet.pdf")
	if len(a.Items) != 10 || sub(a.Items[0]) != "a b c" || sub(a.Items[7]) != "a b c d e f g h i j k l" || a.Items[7].Sub[8].Title != "Church (DN)" {
		t.Errorf("Garelochhead: %+v", a.Items)
	}
	a = read("milburn-pc_annual-parish-meeting-and-agm_2018-05-08_frontsheet.pdf")
	if a.Committee != "Annual Parish Meeting" || len(a.Meetings) != 1 || a.Meetings[0].Committee != "AGM of the Parish Council" ||
		a.Meetings[0].Date != a.Date || len(a.Items) != 20 || a.Items[3].Meeting != 0 || a.Items[4].Meeting != 1 || sub(a.Items[14]) != "a b c d e" {
		t.Errorf("Milburn: %q %+v %+v", a.Committee, a.Meetings, a.Items)
	}
	a = read("tintern-cc_community-council_2018-05-21_frontsheet.pdf")
	if len(a.Items) != 18 || a.Items[0].Number != "2485" || a.Items[6].Title != "Accounts for payment:" {
		t.Errorf("Tintern: %+v", a.Items)
	}
}
