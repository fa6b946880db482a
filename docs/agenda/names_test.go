package agenda_test

import (
	"encoding/json"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
)

func TestSameCommittee(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"DYFED-POWYS POLICE AND CRIME PANEL", "Dyfed-Powys Police and Crime Panel", true},
		{"Dyfed Powys Police and Crime Panel", "Dyfed-Powys Police and Crime Panel", true},
		{"Transport & Connectivity Policy Committee", "the Transport and Connectivity Policy Committee", true},
		{"Members' Allowances Panel", "Members Allowances Panel", true},
		{"Cabinet.", "cabinet", true},
		{"Planning Committee", "Planning Sub-Committee", false},
		{"County Council", "Kent County Council", false},
		{"", "", false},
	} {
		if got := agenda.SameCommittee(tc.a, tc.b); got != tc.same {
			t.Errorf("SameCommittee(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

// TestOldRecordDecodes: a version stored before the facts' sources, the
// body and the parts were kept decodes with them empty.
func TestOldRecordDecodes(t *testing.T) {
	old := `{"sha256":"5f33b28e","document":"x","title":"Reports pack","committee":"Dyfed-Powys Police and Crime Panel",
		"date":"2023-10-27","kind":"agenda","pages":20,"size":1,"source_name":"pack.pdf","added":"2024-01-01T00:00:00Z",
		"superseded_by":"","agenda":{"title":"Reports pack","kind":"agenda","committee":"Dyfed-Powys Police and Crime Panel",
		"date":"2023-10-27","time":"10:00","venue":"Council Chamber","officer":null,
		"items":[{"number":"3","title":"MINUTES","printed_first":3,"printed_last":5,"first":3,"last":6}],
		"questions":[{"asker":"Councillor Jane Roberts-Jones","text":"What steps…","response":"","item":"4","page":7}]}}`
	var v docs.Version
	if err := json.Unmarshal([]byte(old), &v); err != nil {
		t.Fatal(err)
	}
	a := v.Agenda
	if a.Body != "" || a.Sources != nil || a.Parts != nil || a.Items[0].Sub != nil || a.Questions[0].Meeting != "" ||
		a.Items[0].PrintedFirst != 3 || a.Questions[0].Item != "4" {
		t.Errorf("decoded %+v", a)
	}
}
