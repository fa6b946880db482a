package agenda_test

import (
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
)

// TestAnalyseCouncilStyles feeds papers written the way many councils
// write them (none of them a labelled council's), to check the rules read
// how summonses, agendas and minutes are written, not one council's words.
func TestAnalyseCouncilStyles(t *testing.T) {
	tests := []struct {
		name, text                                string
		kind                                      docs.Kind
		body, committee, date, clock, venueStarts string
	}{
		{"labelled front sheet, labels in cells",
			"Public Document Pack\n\nPlanning Committee\n\nDate     Wednesday, 12th March, 2025\nTime     6.30 pm\nVenue    Council Chamber, Civic Centre, Newport\n\n" +
				"Contact:  Democratic Services  01234 567890\n\nAGENDA\n\n1.  Apologies for Absence\n\n2.  Declarations of Interest\n\n3.  Minutes of the meeting held on 12 February 2025  (Pages 1 - 6)",
			docs.KindAgenda, "", "Planning Committee", "2025-03-12", "18:30", "Council Chamber"},
		{"minutes held at … on … at",
			"Licensing Sub-Committee\n\nMinutes of the meeting held at Committee Room 2, Civic Offices on Wednesday, 12th March, 2025 at 10.00 am\n\nPresent: Councillors A Smith (Chair), B Jones\n\n1.  Apologies\n\nThe meeting ended at 11.45 am",
			docs.KindMinutes, "", "Licensing Sub-Committee", "2025-03-12", "10:00", "Committee Room 2"},
		{"parish minutes in one sentence",
			"Minutes of the Meeting of Little Snoring Parish Council held at the Village Hall on Monday 3rd February 2025 at 7.30pm\n\nPresent: Cllrs Brown (Chair), Green, White\n\n1. Apologies: none",
			docs.KindMinutes, "Little Snoring Parish Council", "Parish Council", "2025-02-03", "19:30", "Village Hall"},
		{"town council summons",
			"ANYTOWN TOWN COUNCIL\n\nDear Councillor\n\nYou are hereby summoned to attend a meeting of Anytown Town Council to be held at the Town Hall, High Street, on Tuesday 11 March 2025 commencing at 7.00 pm for the purpose of transacting the following business.\n\nClerk to the Council\n4 March 2025\n\nAGENDA\n\n1. Apologies for absence\n2. Declarations of interest\n3. Minutes of the meeting held on 11 February 2025",
			docs.KindAgenda, "Anytown Town Council", "Town Council", "2025-03-11", "19:00", "Town Hall"},
		{"report with labels",
			"Report to:   Cabinet\nDate of meeting:   13 March 2025\nReport of:   Director of Finance\nTitle:   Budget Monitoring 2024/25\n\n1.  Purpose of the report\nTo update Cabinet on the budget as at 31 January 2025.",
			docs.KindReport, "", "Cabinet", "2025-03-13", "", ""},
		{"decision notice",
			"Record of Decisions taken at the meeting of the Executive held on Wednesday, 5 March 2025\n\n1.  Budget\nDecision: agreed",
			docs.KindDecisions, "", "Executive", "2025-03-05", "", ""},
		{"bilingual labels",
			"Pwyllgor Cynllunio / Planning Committee\n\nDyddiad: Dydd Iau, 13 Mawrth 2025\nDate: Thursday, 13 March 2025\nAmser / Time: 2.00 pm\nLleoliad: Siambr y Cyngor\nVenue: Council Chamber\n\nAGENDA\n\n1.  Apologies",
			docs.KindAgenda, "", "Planning Committee", "2025-03-13", "14:00", "Council Chamber"},
		{"next meeting and closing time in minutes",
			"HIGHTOWN COMMUNITY COUNCIL\n\nMinutes of the meeting held on 4 March 2025\n\nPresent: Cllr A (Chair)\n\n1. Apologies\n\nThe meeting closed at 9.05 pm. Next meeting: Tuesday 1 April 2025 at 7.00 pm",
			docs.KindMinutes, "Hightown Community Council", "Community Council", "2025-03-04", "", ""},
		{"agenda signed and published",
			"AUDIT AND GOVERNANCE COMMITTEE\n\nNotice is given that a meeting of the Audit and Governance Committee will be held in Committee Room 1, County Hall on Thursday 20 March 2025 at 2.00 pm.\n\nChief Executive\nPublished: 12 March 2025\n\nAGENDA\n\n1. Apologies",
			docs.KindAgenda, "", "Audit and Governance Committee", "2025-03-20", "14:00", "Committee Room 1"},
		{"minutes in capitals",
			"MINUTES OF THE MEETING OF THE PLANNING COMMITTEE HELD ON 4 MARCH 2025 AT 6.00PM IN THE COUNCIL CHAMBER, TOWN HALL\n\nPRESENT: Cllr A\n\n1. APOLOGIES",
			docs.KindMinutes, "", "Planning Committee", "2025-03-04", "18:00", "Council Chamber"},
		{"month first, remote meeting",
			"AGENDA\n\nFINANCE COMMITTEE\n\nA meeting of the Finance Committee will be held remotely via Microsoft Teams on March 13, 2025 at 7:00 p.m.\n\n1. Apologies\n2. Declarations of interest",
			docs.KindAgenda, "", "Finance Committee", "2025-03-13", "19:00", "Microsoft Teams"},
		{"London borough, items numbered 'Item N:', a 24-hour time after the date",
			"London Borough of Camden\n\nLicensing Committee\n\nThursday 6 March 2025, 19.00\n\nCommittee Room 1, Crowndale Centre\n\nItem 1: Apologies\nItem 2: Declarations of Interest\nItem 3: Minutes",
			docs.KindAgenda, "London Borough of Camden", "Licensing Committee", "2025-03-06", "19:00", "Committee Room 1"},
		{"record of a decision",
			"Record of Decision\n\nDecision taken by the Cabinet Member for Housing on 4 March 2025\n\nSubject: Rent setting",
			docs.KindDecisions, "", "", "", "", ""},
		{"questions and their answers without a heading that says so",
			"Public Forum\n\nQuestion 1 – Jane Smith\n\nWhen will the bridge reopen?\n\nResponse:\nIn May.\n\nQuestion 2 – John Brown\n\nWhy was the library closed?\n\nResponse:\nFor repairs.\n\n" +
				"Question 3 – Ann Green\n\nWho mows the verges?\n\nResponse:\nThe county council.",
			docs.KindQuestions, "", "", "", "", ""},
		{"a cancelled bus is not a cancelled meeting",
			"AGENDA\n\nCABINET\n\nThursday, 13 March 2025 at 10.00 am\n\nPlease note: the shuttle bus has been cancelled.\n\n1. Apologies",
			docs.KindAgenda, "", "Cabinet", "2025-03-13", "10:00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := agenda.Analyse([]docs.Page{{Number: 1, Text: tt.text}}, "")
			if tt.name == "a cancelled bus is not a cancelled meeting" && a.Status != "" {
				t.Errorf("status %q", a.Status)
			}
			venueOK := tt.venueStarts == "" && a.Venue == "" || tt.venueStarts != "" && len(a.Venue) >= len(tt.venueStarts) && a.Venue[:len(tt.venueStarts)] == tt.venueStarts
			if a.Kind != tt.kind || a.Body != tt.body || !(tt.committee == "" && a.Committee == "" || agenda.SameCommittee(a.Committee, tt.committee)) || a.Date != tt.date || a.Time != tt.clock || !venueOK {
				t.Errorf("got kind %q body %q committee %q date %q time %q venue %q", a.Kind, a.Body, a.Committee, a.Date, a.Time, a.Venue)
			}
		})
	}
}
