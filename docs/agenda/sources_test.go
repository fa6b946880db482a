package agenda_test

import (
	"reflect"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
)

// TestReadSources: the paper's text is trusted first, a ModernGov file name
// next, the PDF's Title metadata last; Sources says which gave each fact.
func TestReadSources(t *testing.T) {
	const front = "AGENDA\n\nCABINET\n\nThursday, 13th March, 2025, at 3.00 pm\n\n1.  Apologies\n\n2.  Declarations of Interest"
	const bare = "1.  Apologies\n\n2.  Declarations of Interest\n\n3.  Budget"
	const footed = bare + "\n\nPrinted for the Dyfed-Powys Police and Crime Panel, 27/10/2023" // named, read by no rule
	text, name, meta := docs.SourceText, docs.SourceFileName, docs.SourceMetadata
	tests := []struct {
		name                 string
		page, file, title    string
		committee, date, tim string
		sources              map[string]docs.Source
	}{
		{"text only", front, "", "", "Cabinet", "2025-03-13", "15:00",
			map[string]docs.Source{"kind": text, "committee": text, "date": text, "time": text}},
		{"text beats the file name", front, "Agenda frontsheet 20th-Mar-2025 10.00 Audit Committee.pdf", "", "Cabinet", "2025-03-13", "15:00",
			map[string]docs.Source{"kind": text, "committee": text, "date": text, "time": text}},
		{"a ModernGov file name fills what the text lacks", bare, "Agenda frontsheet 13th-Mar-2025 15.00 Cabinet.pdf", "", "Cabinet", "2025-03-13", "15:00",
			map[string]docs.Source{"kind": name, "committee": name, "date": name, "time": name}},
		{"a file name that is not ModernGov's says nothing", bare, "agenda.pdf", "", "", "", "",
			map[string]docs.Source{"kind": text}},
		{"the file name beats the Title", bare, "Agenda frontsheet 13th-Mar-2025 15.00 Cabinet.pdf", "Planning Committee 01/02/2025", "Cabinet", "2025-03-13", "15:00",
			map[string]docs.Source{"kind": name, "committee": name, "date": name, "time": name}},
		{"the Title last", footed, "agenda.pdf", "Dyfed-Powys Police and Crime Panel 27/10/2023", "Dyfed-Powys Police and Crime Panel", "2023-10-27", "",
			map[string]docs.Source{"kind": text, "committee": meta, "date": meta}},
		// A Title is often another meeting's ("… Parish Council - 6th March
		// 2012" on minutes of 2019): unless the paper's first pages bear it
		// out, it says nothing. (Take out mentionsCommittee and mentionsDate
		// from Read and this fails.)
		{"a Title the text does not bear out says nothing", bare, "agenda.pdf", "Dyfed-Powys Police and Crime Panel 27/10/2023", "", "", "",
			map[string]docs.Source{"kind": text}},
		{"a Title's date the text does not bear out is not taken", footed, "agenda.pdf", "Dyfed-Powys Police and Crime Panel 06/03/2012", "Dyfed-Powys Police and Crime Panel", "", "",
			map[string]docs.Source{"kind": text, "committee": meta}},
		{"a Title naming no committee says nothing", bare, "", "Report Template", "", "", "",
			map[string]docs.Source{"kind": text}},
		{"a Title's date of another committee is not taken", front, "", "Planning Committee 01/02/2025", "Cabinet", "2025-03-13", "15:00",
			map[string]docs.Source{"kind": text, "committee": text, "date": text, "time": text}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rules []string
			a := agenda.Read(agenda.Input{Pages: []docs.Page{{Number: 1, Text: tt.page}}, FileName: tt.file, Title: tt.title,
				Trace: func(fact, rule, value string) {
					if fact != "items" && fact != "questions" {
						rules = append(rules, fact+" "+rule)
					}
				}})
			if a.Committee != tt.committee || a.Date != tt.date || a.Time != tt.tim {
				t.Errorf("got %q %q %q, want %q %q %q", a.Committee, a.Date, a.Time, tt.committee, tt.date, tt.tim)
			}
			if !reflect.DeepEqual(a.Sources, tt.sources) {
				t.Errorf("sources %v, want %v", a.Sources, tt.sources)
			}
			if len(rules) != len(a.Sources) {
				t.Errorf("trace %v for sources %v", rules, a.Sources)
			}
		})
	}
}
