package agenda_test

import (
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
	"panelpapers/docs/internal/doctest"
)

func TestQuestionsIn(t *testing.T) {
	minutes, pack := doctest.SamplePaper(t, "minutes"), doctest.SamplePaper(t, "pack")
	type want struct {
		asker, meeting, printed string
		page, responsePage      int
	}
	for _, tc := range []struct {
		name  string
		v     *docs.Version
		pages []docs.Page
		want  []want
	}{
		{"minutes", minutes.V, minutes.Pages, []want{
			{"Councillor Jane Roberts-Jones", "2023-07-14", "", 1, 1},
			{"Councillor Dafydd Llŷr Thomas", "2023-07-14", "", 1, 2}, // the response runs onto page 2
		}},
		{"pack: the minutes of 14 July bound in, then the questions for 27 October", pack.V, pack.Pages, []want{
			{"Councillor Jane Roberts-Jones", "2023-07-14", "3", 3, 3},
			{"Councillor Dafydd Llŷr Thomas", "2023-07-14", "3", 3, 4},
			{"Councillor Jane Roberts-Jones", "2023-10-27", "7", 7, 0},
			{"Councillor Dafydd Llŷr Thomas", "2023-10-27", "7", 7, 0},
			{"Mr Ieuan Ŵyn Hughes", "2023-10-27", "7", 7, 0},
		}},
		{"pack as the parser reads it", withParsedAgenda(pack), pack.Pages, []want{
			{"Councillor Jane Roberts-Jones", "2023-07-14", "3", 3, 3},
			{"Councillor Dafydd Llŷr Thomas", "2023-07-14", "3", 3, 4},
			{"Councillor Jane Roberts-Jones", "2023-10-27", "7", 7, 0},
			{"Councillor Dafydd Llŷr Thomas", "2023-10-27", "7", 7, 0},
			{"Mr Ieuan Ŵyn Hughes", "2023-10-27", "7", 7, 0},
		}},
		{"minutes without their pages", minutes.V, nil, []want{
			{"Councillor Jane Roberts-Jones", "2023-07-14", "", 1, 1},
			{"Councillor Dafydd Llŷr Thomas", "2023-07-14", "", 1, 1}, // the question's page, for want of pages
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := agenda.QuestionsIn(tc.v, tc.pages)
			if len(got) != len(tc.want) {
				t.Fatalf("%d questions, want %d: %+v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				g := got[i]
				if g.Asker != w.asker || g.Meeting != w.meeting || g.Printed != w.printed || g.Page != w.page || g.ResponsePage != w.responsePage {
					t.Errorf("question %d: asker %q meeting %s printed %q page %d response page %d; want %+v",
						i, g.Asker, g.Meeting, g.Printed, g.Page, g.ResponsePage, w)
				}
				if g.Pack != tc.v.SHA256 || g.Committee != "Dyfed-Powys Police and Crime Panel" || g.Kind != tc.v.Kind {
					t.Errorf("question %d: pack %.12s committee %q kind %s", i, g.Pack, g.Committee, g.Kind)
				}
			}
		})
	}
	t.Run("the parser's meeting date wins", func(t *testing.T) {
		// A pack whose item titles and pages do not say whose minutes they
		// are: only the parser knew the question was put on 14 July.
		v := *pack.V
		v.Agenda.Items = nil
		v.Agenda.Meetings = []docs.MeetingRef{{Committee: v.Committee, Date: "2023-07-14"}}
		v.Agenda.Questions = append([]docs.Question(nil), v.Agenda.Questions...)
		for i := range v.Agenda.Questions {
			v.Agenda.Questions[i].Meeting = ""
		}
		v.Agenda.Questions[0].Meeting = "2023-07-14"
		got := agenda.QuestionsIn(&v, nil)
		if got[0].Meeting != "2023-07-14" || got[1].Meeting != "2023-10-27" {
			t.Errorf("meetings %s and %s; want 2023-07-14 (the parser's) and 2023-10-27 (the pack's)", got[0].Meeting, got[1].Meeting)
		}
		m := agenda.QuestionsIn(minutes.V, nil)
		if got[0].Key() != m[0].Key() {
			t.Errorf("the 14 July question has keys %q and %q", got[0].Key(), m[0].Key())
		}
	})
	t.Run("one key for one question in several papers", func(t *testing.T) {
		m, p := agenda.QuestionsIn(minutes.V, minutes.Pages), agenda.QuestionsIn(pack.V, pack.Pages)
		if m[0].Key() != p[0].Key() {
			t.Errorf("the 14 July question has keys %q and %q", m[0].Key(), p[0].Key())
		}
		if p[0].Key() == p[2].Key() || p[0].Key() == p[1].Key() {
			t.Error("different meetings or questions share a key")
		}
	})
}

// withParsedAgenda is the paper with the agenda Analyse finds in its pages,
// as an import records it.
func withParsedAgenda(p doctest.Paper) *docs.Version {
	v := *p.V
	pages := append([]docs.Page(nil), p.Pages...)
	v.Agenda = agenda.Analyse(pages, "Public reports pack 27th-Oct-2023 10.00 Dyfed-Powys Police and Crime Panel.pdf")
	return &v
}
