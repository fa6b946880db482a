package agenda_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
	"panelpapers/docs/internal/doctest"
	"panelpapers/docs/packgen"
)

// TestAnalyseDyfedPowysPack reads a pack shaped like the Dyfed-Powys Police
// and Crime Panel's own of 27 October 2023, as the app extracts it: the
// host council's summons signed on the 20th, the membership, the agenda,
// the minutes of 14 July with their own questions, the questions on notice.
func TestAnalyseDyfedPowysPack(t *testing.T) {
	p := doctest.Generated(t, packgen.DyfedPowysPack())
	f := filepath.Join(t.TempDir(), "agenda.pdf")
	if err := os.WriteFile(f, p.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, pages := range map[string][]docs.Page{"generator's text": unmarked(p.Pages), "extracted": extractPDF(t, f)} {
		t.Run(name, func(t *testing.T) {
			a := agenda.Analyse(pages, "")
			if !agenda.SameCommittee(a.Committee, "Dyfed-Powys Police and Crime Panel") || a.Date != "2023-10-27" || a.Time != "10:30" ||
				!strings.HasPrefix(a.Venue, "The Chamber") || a.Kind != docs.KindAgenda || a.Body != "Carmarthenshire County Council" {
				t.Errorf("facts: kind %q body %q committee %q date %q time %q venue %q", a.Kind, a.Body, a.Committee, a.Date, a.Time, a.Venue)
			}
			var titles []string
			for _, it := range a.Items {
				titles = append(titles, it.Number+" "+it.Title)
				if strings.Contains(it.Title, "Councillor") {
					t.Errorf("item %s is titled with a member's name: %q", it.Number, it.Title)
				}
			}
			if len(a.Items) != 7 || a.Items[2].PrintedFirst != 4 || a.Items[2].First != 4 || a.Items[3].Title != "QUESTIONS ON NOTICE BY MEMBERS OF THE PANEL TO THE POLICE AND CRIME COMMISSIONER" {
				t.Errorf("items:\n%s", strings.Join(titles, "\n"))
			}
			var thisMeeting, july []docs.Question
			for _, q := range a.Questions {
				switch q.Meeting {
				case "", a.Date:
					thisMeeting = append(thisMeeting, q)
				case "2023-07-14":
					july = append(july, q)
				default:
					t.Errorf("question of %s dated %q", q.Asker, q.Meeting)
				}
			}
			if len(thisMeeting) != 4 || len(july) != 3 {
				t.Fatalf("%d questions on notice, %d from the minutes of 14 July; want 4 and 3", len(thisMeeting), len(july))
			}
			for _, q := range july {
				if q.Response == "" || q.Item != "3" {
					t.Errorf("July question %+v", q)
				}
			}
			for _, q := range thisMeeting {
				if q.Response != "" || q.Item != "4" {
					t.Errorf("question on notice %+v", q)
				}
			}
			if len(a.Meetings) != 1 || a.Meetings[0].Date != "2023-07-14" || !agenda.SameCommittee(a.Meetings[0].Committee, a.Committee) {
				t.Errorf("other meetings %+v", a.Meetings)
			}
			// "Asked before?" shows the July questions with their own date.
			v := &docs.Version{SHA256: "x", Committee: a.Committee, Date: a.Date, Kind: a.Kind, Agenda: a}
			dates := map[string]int{}
			for _, pq := range agenda.QuestionsIn(v, pages) {
				dates[pq.Meeting]++
			}
			if dates["2023-07-14"] != 3 || dates["2023-10-27"] != 4 {
				t.Errorf("QuestionsIn dates %v", dates)
			}
			var parts []string
			for _, pt := range a.Parts {
				parts = append(parts, string(pt.Kind)+":"+pt.Item)
			}
			if got := strings.Join(parts, " "); got != "agenda: agenda: agenda: minutes:3 questions:4 report:5 report:6 report:7" {
				t.Errorf("parts %q", got)
			}
		})
	}
}
