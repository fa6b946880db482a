package questions_test

import (
	"net/url"
	"strings"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
	"panelpapers/docs/internal/doctest"
	"panelpapers/docs/questions"
)

func TestCitationText(t *testing.T) {
	minutes, pack := doctest.SamplePaper(t, "minutes"), doctest.SamplePaper(t, "pack")
	perf := &docs.Version{Title: "Agenda", Date: "2023-10-27", Kind: docs.KindAgenda,
		Agenda: docs.Agenda{Items: []docs.AgendaItem{{Number: "6", Title: "Performance report"}, {Number: "7", Title: "PCC UPDATE ON CCTV"}}}}
	report := &docs.Version{Title: "Annual report 2022/23", Date: "2023-10-27", Kind: docs.KindReport}
	undated := &docs.Version{Title: "Budget questions", Kind: docs.KindOther}
	for _, tc := range []struct {
		name string
		v    *docs.Version
		page docs.Page
		want string
	}{
		{"the issue's example", perf, docs.Page{Number: 25, Printed: "23", Item: "6"}, "Performance report, item 6, page 23 of the 27 October 2023 pack"},
		{"acronyms kept", perf, docs.Page{Number: 30, Printed: "28", Item: "7"}, "PCC Update on CCTV, item 7, page 28 of the 27 October 2023 pack"},
		{"title in capitals", pack.V, pack.Pages[15], "Complaints against the Police and Crime Commissioner, item 6, page 16 of the 27 October 2023 pack"},
		{"a code in the title", pack.V, pack.Pages[9], "Police and Crime Commissioner's Annual Report 2022/23, item 5, page 10 of the 27 October 2023 pack"},
		{"front sheet", pack.V, pack.Pages[0], "Page 1 of the 27 October 2023 pack"},
		{"minutes, no printed numbers", minutes.V, minutes.Pages[1], "Members' Questions to the Police and Crime Commissioner, item 4, page 2 of the 14 July 2023 minutes"},
		{"a report on its own", report, docs.Page{Number: 4}, "Annual report 2022/23, page 4 of the 27 October 2023 report"},
		{"undated", undated, docs.Page{Number: 2}, "Page 2 of “Budget questions”"},
		{"undated report", &docs.Version{Title: "Annual report", Kind: docs.KindReport}, docs.Page{Number: 2}, "Annual report, page 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := questions.CitationText(tc.v, tc.page); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestExportQuestions(t *testing.T) {
	ds := doctest.DraftsFor27October()
	wantText := `Dyfed-Powys Police and Crime Panel, Friday 27 October 2023

Questions on notice to the Police and Crime Commissioner

Question from Councillor Jane Roberts-Jones:
How long do callers wait on 101 in rural Powys?

Question from Councillor Jane Roberts-Jones:
Will the Commissioner publish the figures?

Please give them by county.
`
	if got := questions.ExportQuestions(ds, questions.ExportText); got != wantText {
		t.Errorf("text export:\n%s\nwant:\n%s", got, wantText)
	}

	t.Run("the panel's parser reads the export back", func(t *testing.T) {
		a := agenda.Analyse([]docs.Page{{Number: 1, Text: questions.ExportQuestions(ds, questions.ExportText)}}, "questions.pdf")
		if len(a.Questions) != 2 {
			t.Fatalf("parsed %d questions: %+v", len(a.Questions), a.Questions)
		}
		for i, q := range a.Questions {
			if q.Asker != "Councillor Jane Roberts-Jones" || q.Text != ds[i].Body {
				t.Errorf("question %d read back as %q: %q", i, q.Asker, q.Text)
			}
		}
	})

	t.Run("markdown", func(t *testing.T) {
		md := []docs.Draft{ds[0], ds[1]}
		md[1].Body = "# 1 priority\n1. rural_crime *now*"
		md[1].Addressee = "the Chief Constable"
		got := questions.ExportQuestions(md, questions.ExportMarkdown)
		want := `# Dyfed-Powys Police and Crime Panel, Friday 27 October 2023

## Question from Councillor Jane Roberts-Jones to the Police and Crime Commissioner

How long do callers wait on 101 in rural Powys?

## Question from Councillor Jane Roberts-Jones to the Chief Constable

\# 1 priority
1\. rural\_crime \*now\*
`
		if got != want {
			t.Errorf("markdown export:\n%s\nwant:\n%s", got, want)
		}
	})

	t.Run("meetings grouped", func(t *testing.T) {
		other := docs.Draft{Meeting: "2024-02-02", Committee: "Cabinet", Asker: "Dr Ann Davies", Body: "Why?"}
		got := questions.ExportQuestions([]docs.Draft{ds[0], other, ds[1]}, questions.ExportText)
		first, second := strings.Index(got, "Cabinet, Friday 2 February 2024"), strings.Index(got, "Question from Dr Ann Davies:\nWhy?")
		if first < 0 || second < first || strings.Count(got, "Question from Councillor Jane") != 2 ||
			strings.Index(got, "Will the Commissioner") > first {
			t.Errorf("grouped export:\n%s", got)
		}
	})
}

func TestMailto(t *testing.T) {
	pack := doctest.SamplePaper(t, "pack")
	ds := doctest.DraftsFor27October()
	for _, tc := range []struct {
		name    string
		officer *docs.Officer
		drafts  []docs.Draft
		to      string
	}{
		{"the pack's officer", pack.V.Agenda.Officer, ds, "SRees@carmarthenshire.gov.uk"},
		{"no officer named", nil, ds[:1], ""},
		{"characters that mean something in a URL", &docs.Officer{Name: "Ann O'Neil", Email: "a.o'neil+panel@example.gov.uk"},
			[]docs.Draft{{Meeting: "2023-10-27", Body: "Costs & savings = 100% sure? #1 priority\r\nDŵr + afon; a/b\rend"}}, "a.o'neil+panel@example.gov.uk"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := questions.QuestionEmail(tc.officer, tc.drafts)
			link := e.MailtoURL()
			if strings.ContainsAny(link, " +\r\n#") {
				t.Errorf("%q has a space, +, line break or # left as it is", link)
			}
			u, err := url.Parse(link)
			if err != nil {
				t.Fatalf("url.Parse(%q): %v", link, err)
			}
			if u.Scheme != "mailto" {
				t.Errorf("scheme %q", u.Scheme)
			}
			if to, _ := url.PathUnescape(u.Opaque); to != tc.to || e.To != tc.to {
				t.Errorf("addressed to %q (link %q), want %q", e.To, u.Opaque, tc.to)
			}
			q := u.Query()
			if q.Get("subject") != e.Subject {
				t.Errorf("subject reads back as %q, want %q", q.Get("subject"), e.Subject)
			}
			body := q.Get("body")
			if strings.ReplaceAll(body, "\r\n", "\n") != strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(e.Body) {
				t.Errorf("body reads back as %q, want %q", body, e.Body)
			}
			if strings.Count(body, "\n") != strings.Count(body, "\r\n") {
				t.Errorf("body has line breaks that are not CRLF: %q", body)
			}
			if !strings.Contains(link, "%0D%0A") || !strings.Contains(link, "%20") {
				t.Errorf("%q does not encode CRLF as %%0D%%0A and spaces as %%20", link)
			}
		})
	}
	e := questions.QuestionEmail(pack.V.Agenda.Officer, ds)
	for _, want := range []string{"Dear Sian Rees,", "my questions on notice for the meeting of the Dyfed-Powys Police and Crime Panel on Friday 27 October 2023.",
		"Question from Councillor Jane Roberts-Jones:\nHow long do callers wait", "Kind regards,\nJane Roberts-Jones"} {
		if !strings.Contains(e.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, e.Body)
		}
	}
	if want := "Questions on notice: Dyfed-Powys Police and Crime Panel, Friday 27 October 2023"; e.Subject != want {
		t.Errorf("subject %q, want %q", e.Subject, want)
	}
}

// changed is d after f.
func changed(d docs.Draft, f func(*docs.Draft)) docs.Draft {
	f(&d)
	return d
}

func TestMatchAnswers(t *testing.T) {
	minutes := doctest.SamplePaper(t, "minutes")
	found := agenda.QuestionsIn(minutes.V, minutes.Pages)
	for _, tc := range []struct {
		name   string
		drafts []docs.Draft
		want   map[string]int // draft id → the page its response is linked at
	}{
		{"word for word, and shortened by the clerk", []docs.Draft{
			doctest.SentDraft("a", "2023-07-14", "Jane Roberts-Jones", doctest.My101),
			doctest.SentDraft("b", "2023-07-14", "Councillor Dafydd Llŷr Thomas", doctest.MyWelsh),
		}, map[string]int{"a": 1, "b": 2}},
		{"not sent yet", []docs.Draft{changed(doctest.SentDraft("a", "2023-07-14", "", doctest.My101), func(d *docs.Draft) { d.Status = docs.DraftReady })}, nil},
		{"already answered", []docs.Draft{changed(doctest.SentDraft("a", "2023-07-14", "", doctest.My101), func(d *docs.Draft) { d.Status = docs.DraftAnswered })}, nil},
		{"another meeting", []docs.Draft{doctest.SentDraft("a", "2023-10-27", "", doctest.My101)}, nil},
		{"another committee", []docs.Draft{changed(doctest.SentDraft("a", "2023-07-14", "", doctest.My101), func(d *docs.Draft) { d.Committee = "Cabinet" })}, nil},
		{"another question", []docs.Draft{doctest.SentDraft("a", "2023-07-14", "", "What is the Force doing about flooding at Lampeter and the closure of the A44?")}, nil},
		{"someone else's name on a similar question", []docs.Draft{doctest.SentDraft("a", "2023-07-14", "Gwilym Jones",
			"Will the Commissioner publish the number of officers able to speak Welsh?")}, nil},
		{"one response, two drafts: the closer wins", []docs.Draft{
			doctest.SentDraft("a", "2023-07-14", "Jane Roberts-Jones", "What steps is the Commissioner taking to reduce the time callers wait on the 101 number in rural Powys?"),
			doctest.SentDraft("b", "2023-07-14", "Jane Roberts-Jones", doctest.My101),
		}, map[string]int{"b": 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := questions.MatchAnswers(tc.drafts, found)
			if len(got) != len(tc.want) {
				t.Fatalf("%d answers, want %d: %+v", len(got), len(tc.want), got)
			}
			for _, a := range got {
				page, ok := tc.want[a.Draft]
				if !ok || a.Page != page || a.Pack != minutes.V.SHA256 || a.Response == "" || a.Meeting != "2023-07-14" {
					t.Errorf("answer %+v; want draft %s linked at page %d", a, a.Draft, page)
				}
				if a.Match < questions.MinAnswerMatch || a.Match > 1 {
					t.Errorf("match %.2f out of range", a.Match)
				}
			}
		})
	}
}
