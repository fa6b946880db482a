package agenda_test

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
)

// TestCorpusKent reads Kent County Council's ModernGov papers as the app
// extracts them, with and without the name ModernGov publishes them under.
func TestCorpusKent(t *testing.T) {
	text, name := docs.SourceText, docs.SourceFileName
	georgina := &docs.Officer{Name: "Georgina Little", Phone: "03000 414043", Email: "georgina.little@kent.gov.uk"}
	cabinetItems := []docs.AgendaItem{{Number: "1", Title: "Apologies"}, {Number: "2", Title: "Declarations of Interest"},
		{Number: "3", Title: "Consideration of Decision 24/00093 (if required)"}}
	item7 := "24/00109 - Transfer the 18-25 section of the Strengthening Independence Service from the Children Young People and Education Directorate to the Adult Social Care and Health Directorate"
	tests := []struct {
		file, fileName string
		want           docs.Agenda
		pages          string // "printed/item/blank" of the first pages, space-separated; "" to skip
	}{
		{
			"kent_cabinet_2025-03-13_public_reports_pack.pdf", "Public reports pack 13th-Mar-2025 15.00 Cabinet.pdf",
			docs.Agenda{Title: "Reports pack", Kind: docs.KindAgenda, Committee: "Cabinet", Date: "2025-03-13", Time: "15:00",
				Venue: "Council Chamber, Sessions House, County Hall, Maidstone", Officer: georgina, Items: cabinetItems, OnRisingOf: "Full Council",
				Sources: map[string]docs.Source{"kind": text, "committee": text, "date": text, "time": text, "venue": text, "officer": text}},
			"//false //true",
		},
		{
			"kent_cabinet_2025-03-13_public_reports_pack.pdf", "",
			docs.Agenda{Title: "Agenda frontsheet", Kind: docs.KindAgenda, Committee: "Cabinet", Date: "2025-03-13", Time: "15:00",
				Venue: "Council Chamber, Sessions House, County Hall, Maidstone", Officer: georgina, Items: cabinetItems, OnRisingOf: "Full Council",
				Sources: map[string]docs.Source{"kind": text, "committee": text, "date": text, "time": text, "venue": text, "officer": text}},
			"",
		},
		{
			"kent_cabinet_2025-01-30_item7_supplement_pack.pdf", "Item 7 - Supplementary - 2400109 - Transfer the 18-25 section of the Strengthening Independence Ser.pdf",
			docs.Agenda{Title: "Supplement: item 7", Kind: docs.KindSupplement, Committee: "Cabinet", Date: "2025-01-30",
				Officer: &docs.Officer{Name: "Georgina Little", Phone: "03000414043", Email: "Georgina.little@kent.gov.uk"},
				Items:   []docs.AgendaItem{{Number: "7", Title: item7, PrintedFirst: 1, PrintedLast: 20, First: 3, Last: 22}},
				Sources: map[string]docs.Source{"kind": name, "committee": text, "date": text, "officer": text},
				Parts: []docs.Part{{Kind: docs.KindSupplement, Title: "Covering letter", First: 1, Last: 2},
					{Kind: docs.KindReport, Title: strings.TrimPrefix(item7, "24/00109 - "), Item: "7", First: 3, Last: 22}}},
			"//false //true 1/7/false 2/7/false",
		},
		{
			"kent_council_2025-01-09_item3_supplement_pack.pdf", "Item 3 Supplement - English Devolution White Paper report 09th-Jan-2025 10.00 County Council.pdf",
			docs.Agenda{Title: "Supplement: item 3", Kind: docs.KindSupplement, Committee: "County Council", Date: "2025-01-09", Time: "10:00",
				Officer: &docs.Officer{Phone: "03000416892", Email: "joel.cook@kent.gov.uk"},
				Items:   []docs.AgendaItem{{Number: "3", Title: "English Devolution White Paper", PrintedFirst: 1, PrintedLast: 18, First: 3, Last: 20}},
				Sources: map[string]docs.Source{"kind": name, "committee": text, "date": text, "time": name, "officer": text},
				Parts: []docs.Part{{Kind: docs.KindSupplement, Title: "Covering letter", First: 1, Last: 2},
					{Kind: docs.KindReport, Title: "English Devolution White Paper", Item: "3", First: 3, Last: 20}}},
			"//false //true 1/3/false 2/3/false",
		},
		{
			"kent_cabinet_2025-01-30_printed_minutes.pdf", "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf",
			docs.Agenda{Title: "Minutes", Kind: docs.KindMinutes, Body: "Kent County Council", Committee: "Cabinet", Date: "2025-01-30", Time: "10:00",
				Venue:   "Council Chamber, Sessions House, County Hall, Maidstone",
				Sources: map[string]docs.Source{"kind": text, "body": text, "committee": text, "date": text, "time": name, "venue": text},
				Items: []docs.AgendaItem{{Number: "1", Title: "Apologies", First: 1, Last: 1}, {Number: "2", Title: "Declarations of Interest", First: 1, Last: 1},
					{Number: "3", Title: "Minutes of the Meeting held on 9th January 2025", First: 1, Last: 1},
					{Number: "4", Title: "Cabinet Member Updates", First: 1, Last: 9},
					{Number: "5", Title: "24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25", First: 9, Last: 10},
					{Number: "6", Title: "Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme 2025-35 and Treasury Management Strategy", First: 11, Last: 13},
					{Number: "7", Title: item7, First: 13, Last: 14},
					{Number: "8", Title: "24/00115 - Kent County Council Integrated Care Strategy (KCC ICS) Delivery Plan", First: 14, Last: 16},
					{Number: "9", Title: "24/00096 - Commissioning Plan for Education Provision in Kent 2025-29", First: 16, Last: 17}}},
			"/1/false /4/false",
		},
		{
			// The extractor sets each heading apart from its "(Item N)" by a
			// blank line.
			"kent_council_2025-03-13_corporate_parenting_panel_minutes.pdf", "CPP Minutes 10.12.24.pdf",
			docs.Agenda{Title: "Minutes", Kind: docs.KindMinutes, Committee: "Corporate Parenting Panel", Date: "2024-12-10",
				Venue:   "Darent Room, Sessions House, County Hall, Maidstone",
				Sources: map[string]docs.Source{"kind": text, "committee": text, "date": text, "venue": text},
				Items: []docs.AgendaItem{{Number: "1", Title: "Apologies and Substitutes", First: 1, Last: 1},
					{Number: "2", Title: "Chairman’s Announcements", First: 1, Last: 1},
					{Number: "3", Title: "Minutes of the meeting held on 29 October 2024", First: 1, Last: 1},
					{Number: "4", Title: "Participation Team Update", First: 1, Last: 2},
					{Number: "5", Title: "Challenge Cards Update", First: 2, Last: 3},
					{Number: "6", Title: "Verbal Update by the Cabinet Member", First: 3, Last: 3},
					{Number: "7", Title: "Virtual School Kent Head Teacher 6 monthly update", First: 3, Last: 4},
					{Number: "8", Title: "Corporate Parenting Annual Report 2024", First: 4, Last: 5},
					{Number: "9", Title: "Looked after Children’s Integrated Care Board (IBC) Annual Report", First: 5, Last: 5},
					{Number: "10", Title: "Work programme", First: 5, Last: 6}}},
			"/1/false /4/false",
		},
		{
			"kent_council_2025-03-13_tor_tracked_changes.pdf", "Appendix B - Proposed Updated Terms of Reference with Tracked Changes.pdf",
			docs.Agenda{Title: "Appendix B: Proposed Updated Terms of Reference with Tracked Changes", Kind: docs.KindReport,
				Sources: map[string]docs.Source{"kind": text}},
			"//false",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.fileName, func(t *testing.T) {
			pages := realPaper(t, "corpus", tt.file)
			got := agenda.Analyse(pages, tt.fileName)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Analyse:\n%s", agendaDiff(got, tt.want))
				if len(got.Items) == len(tt.want.Items) {
					for i := range got.Items {
						if !reflect.DeepEqual(got.Items[i], tt.want.Items[i]) {
							t.Errorf("item %d: got %+v want %+v", i, got.Items[i], tt.want.Items[i])
						}
					}
				}
			}
			if tt.pages == "" {
				return
			}
			var marks []string
			for _, p := range pages[:len(strings.Fields(tt.pages))] {
				marks = append(marks, p.Printed+"/"+p.Item+"/"+strconv.FormatBool(p.Blank))
			}
			if m := strings.Join(marks, " "); m != tt.pages {
				t.Errorf("pages %q, want %q", m, tt.pages)
			}
		})
	}
}
