package agenda_test

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/agenda"
	"panelpapers/docs/internal/doctest"
	"panelpapers/docs/packgen"
)

// unmarked copies pages with what Analyse fills in cleared.
func unmarked(pages []docs.Page) []docs.Page {
	out := append([]docs.Page(nil), pages...)
	for i := range out {
		out[i].Printed, out[i].Item, out[i].Blank = "", "", false
	}
	return out
}

func TestAnalyseGenerated(t *testing.T) {
	variant := packgen.SamplePack()
	variant.WelshFirst = true
	variant.Stamps = packgen.StampTop
	variant.RangeStyle = packgen.RangeParen
	variant.NumberFrontSheet = false
	variant.FirstPrinted = 31
	variant.Venue = "Virtual / Multi-Location Meeting"
	variant.Time = "2.00 pm"
	variant.Date = time.Date(2024, time.February, 9, 0, 0, 0, 0, time.UTC)

	tests := []struct {
		name string
		spec packgen.Spec
	}{
		{"pack", packgen.SamplePack()},
		{"republished pack", packgen.Republish(packgen.SamplePack())},
		{"welsh first, top stamps, paren ranges", variant},
		{"minutes", packgen.SampleMinutes()},
		{"supplement", packgen.SampleSupplement()},
		{"report", packgen.SampleReport()},
		{"large pack", packgen.LargePack(80, 11)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := doctest.Generated(t, tt.spec)
			pages := unmarked(p.Pages)
			got := agenda.Analyse(pages, "")
			if !reflect.DeepEqual(got, p.Agenda) {
				t.Errorf("Analyse:\n%s", agendaDiff(got, p.Agenda))
				if len(got.Items) == len(p.Agenda.Items) {
					for i := range got.Items {
						if !reflect.DeepEqual(got.Items[i], p.Agenda.Items[i]) {
							t.Errorf("item %d: got %+v want %+v", i, got.Items[i], p.Agenda.Items[i])
						}
					}
				}
			}
			for i := range pages {
				g, w := pages[i], p.Pages[i]
				if g.Printed != w.Printed || g.Item != w.Item || g.Blank != w.Blank {
					t.Errorf("page %d: printed/item/blank %q/%q/%v, want %q/%q/%v", i+1, g.Printed, g.Item, g.Blank, w.Printed, w.Item, w.Blank)
				}
			}
		})
	}
}

// TestAnalyseSamplePackFacts spells out what the sample pack must give, so
// that a change to the generator and the parser together cannot hide a
// mistake in both.
func TestAnalyseSamplePackFacts(t *testing.T) {
	p := doctest.Generated(t, packgen.SamplePack())
	a := agenda.Analyse(unmarked(p.Pages), "Public reports pack 27th-Oct-2023 10.00 Dyfed-Powys Police and Crime Panel.pdf")
	want := docs.Officer{Name: "Sian Rees", Phone: "01267 224029", Email: "SRees@carmarthenshire.gov.uk"}
	if a.Kind != docs.KindAgenda || a.Title != "Reports pack" || a.Committee != "Dyfed-Powys Police and Crime Panel" ||
		a.Date != "2023-10-27" || a.Time != "10:00" || a.Venue != "Council Chamber, County Hall, Carmarthen SA31 1JP" ||
		a.Officer == nil || *a.Officer != want {
		t.Fatalf("facts: %+v officer %+v", a, a.Officer)
	}
	if len(a.Items) != 7 || a.Items[2].Number != "3" || a.Items[2].PrintedFirst != 3 || a.Items[6].Title != "PANEL FORWARD WORK PROGRAMME 2023/24" {
		t.Errorf("items: %+v", a.Items)
	}
	var onNotice []docs.Question
	for _, q := range a.Questions {
		if q.Item == "4" {
			onNotice = append(onNotice, q)
		}
	}
	if len(onNotice) != 3 || onNotice[0].Asker != "Councillor Jane Roberts-Jones" ||
		!strings.HasPrefix(onNotice[0].Text, "What steps is the Commissioner") || !strings.HasSuffix(onNotice[0].Text, "given up calling?") ||
		onNotice[2].Asker != "Mr Ieuan Ŵyn Hughes" || onNotice[0].Response != "" {
		t.Errorf("questions on notice: %+v", onNotice)
	}
}

func TestAnalyseMinutesResponses(t *testing.T) {
	p := doctest.Generated(t, packgen.SampleMinutes())
	a := agenda.Analyse(unmarked(p.Pages), "Printed minutes 14th-Jul-2023 10.00 Dyfed-Powys Police and Crime Panel.pdf")
	if a.Kind != docs.KindMinutes || a.Date != "2023-07-14" || len(a.Questions) != 2 {
		t.Fatalf("minutes: %+v", a)
	}
	q := a.Questions[1]
	if q.Asker != "Councillor Dafydd Llŷr Thomas" || q.Item != "4" || !strings.HasPrefix(q.Response, "The Force publishes its Welsh language skills") {
		t.Errorf("question: %+v", q)
	}
}

// TestAnalyseRepublishedIdentity: a republished pack is the same document.
func TestAnalyseRepublishedIdentity(t *testing.T) {
	name := "Public reports pack 27th-Oct-2023 10.00 Dyfed-Powys Police and Crime Panel.pdf"
	for _, fileName := range []string{name, ""} {
		a := agenda.Analyse(unmarked(doctest.Generated(t, packgen.SamplePack()).Pages), fileName)
		b := agenda.Analyse(unmarked(doctest.Generated(t, packgen.Republish(packgen.SamplePack())).Pages), fileName)
		if a.Title != b.Title || a.Kind != b.Kind || a.Committee != b.Committee || a.Date != b.Date {
			t.Errorf("%q: identity changed: %q %q %q %q → %q %q %q %q", fileName, a.Title, a.Kind, a.Committee, a.Date, b.Title, b.Kind, b.Committee, b.Date)
		}
	}
}

// TestAnalyseFrontSheetDates feeds front sheets that differ only in how the
// meeting's date and time are printed.
func TestAnalyseFrontSheetDates(t *testing.T) {
	tests := []struct {
		lines, date, clock string
	}{
		{"Thursday, 30th January, 2025", "2025-01-30", ""},
		{"30 January 2025", "2025-01-30", ""},
		{"30/01/2025", "2025-01-30", ""},
		{"Friday 27 October 2023 at 10.00 am", "2023-10-27", "10:00"},
		{"Friday, 27 October 2023\n2.00 pm", "2023-10-27", "14:00"},
		{"THURSDAY, 13TH MARCH, 2025 AT 3.00 PM", "2025-03-13", "15:00"},
		{"Dydd Gwener, 27 Hydref 2023\n10.00 am", "2023-10-27", "10:00"},
		{"Dydd Gwener, 27 Hydref 2023 / Friday, 27 October 2023\n10.00 am", "2023-10-27", "10:00"},
		{"Monday, 3 March 2025 at 12 noon", "2025-03-03", "12:00"},
		{"Tuesday, 4th February 2025, 6.30pm", "2025-02-04", "18:30"},
		{"Wednesday 5 Mar 2025 at 09:30", "2025-03-05", "09:30"},
		{"Date of publication: 20 February 2025\n\nWednesday, 5 March 2025, 10.00 am", "2025-03-05", "10:00"},
	}
	for _, tt := range tests {
		t.Run(tt.lines, func(t *testing.T) {
			text := "AGENDA\n\nCORPORATE PARENTING PANEL\n\n" + tt.lines + "\n\nVenue:  Darent Room, Sessions House, County Hall, Maidstone\n\n" +
				"1.  Apologies\n\n2.  Minutes of the meeting held on 1 December 2024  1 - 6\n\nIssued on Monday, 24 February 2025"
			a := agenda.Analyse([]docs.Page{{Number: 1, Text: text}}, "")
			if a.Date != tt.date || a.Time != tt.clock || a.Committee != "Corporate Parenting Panel" || a.Kind != docs.KindAgenda {
				t.Errorf("got %q %q %q %q, want %q %q", a.Date, a.Time, a.Committee, a.Kind, tt.date, tt.clock)
			}
			if len(a.Items) != 2 || a.Items[1].PrintedFirst != 1 || a.Items[1].PrintedLast != 6 {
				t.Errorf("items %+v", a.Items)
			}
		})
	}
}

// TestAnalyseAgendaVariants covers front sheets of other ModernGov
// templates than the Dyfed-Powys and Kent ones.
func TestAnalyseAgendaVariants(t *testing.T) {
	allText := map[string]docs.Source{"kind": docs.SourceText, "committee": docs.SourceText, "date": docs.SourceText,
		"time": docs.SourceText, "venue": docs.SourceText, "officer": docs.SourceText}
	tests := []struct {
		name, text string
		want       docs.Agenda
	}{
		{
			"public document pack, labels, sub-items, descriptions",
			"Public Document Pack\n\nMeeting:  Health and Wellbeing Board\nDate:  Tuesday, 4th February 2025\nTime:  6.30 pm\n" +
				"Venue:  Committee Room 2, Civic Offices, Gloucester Square, Woking\n\n" +
				"Contact: Joe Bloggs, Democratic Services, 01483 743012, joe.bloggs@woking.gov.uk\n\n" +
				"1.  Apologies for Absence\nTo receive any apologies for absence.\n\n" +
				"2.  Reports of the Director of Public Health (Pages 5 - 20)\nTo consider the reports set out below.\n\n" +
				"2a  Pharmaceutical Needs Assessment  5 - 12\n\n2b  Better Care Fund Plan  13 - 20\n\n" +
				"3.  Date of the next meeting: 1 April 2025",
			docs.Agenda{Title: "Agenda frontsheet", Kind: docs.KindAgenda, Committee: "Health and Wellbeing Board", Date: "2025-02-04", Time: "18:30",
				Sources: allText,
				Venue:   "Committee Room 2, Civic Offices, Gloucester Square, Woking",
				Officer: &docs.Officer{Name: "Joe Bloggs", Phone: "01483 743012", Email: "joe.bloggs@woking.gov.uk"},
				Items: []docs.AgendaItem{{Number: "1", Title: "Apologies for Absence"},
					{Number: "2", Title: "Reports of the Director of Public Health", PrintedFirst: 5, PrintedLast: 20, Sub: []docs.AgendaItem{
						{Number: "2a", Title: "Pharmaceutical Needs Assessment", PrintedFirst: 5, PrintedLast: 12},
						{Number: "2b", Title: "Better Care Fund Plan", PrintedFirst: 13, PrintedLast: 20}}},
					{Number: "3", Title: "Date of the next meeting: 1 April 2025"}}},
		},
		{
			"supplementary agenda with decimal items and a virtual venue",
			"SUPPLEMENTARY AGENDA\n\nPLANNING COMMITTEE\n\nWednesday, 12 March 2025 at 10.00 a.m.\n\nVirtual / Multi-Location Meeting\n\n" +
				"Enquiries to:  Mary Jones  Tel: 01267 224029  Email: mjones@example.gov.uk\n\n" +
				"4.1 Application PL/01234 - Land at Heol y Gwyns, Llanelli  (Pages 1 - 8)\n\n4.2 Application PL/05678 - Tŷ Newydd, Cross Hands (Page 9)",
			docs.Agenda{Title: "Supplement: items 4.1, 4.2", Kind: docs.KindSupplement, Committee: "Planning Committee", Date: "2025-03-12", Time: "10:00",
				Sources: allText,
				Venue:   "Virtual / Multi-Location Meeting",
				Officer: &docs.Officer{Name: "Mary Jones", Phone: "01267 224029", Email: "mjones@example.gov.uk"},
				Items: []docs.AgendaItem{{Number: "4.1", Title: "Application PL/01234 - Land at Heol y Gwyns, Llanelli", PrintedFirst: 1, PrintedLast: 8},
					{Number: "4.2", Title: "Application PL/05678 - Tŷ Newydd, Cross Hands", PrintedFirst: 9, PrintedLast: 9}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := agenda.Analyse([]docs.Page{{Number: 1, Text: tt.text}}, "")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Analyse:\n%s", agendaDiff(got, tt.want))
			}
		})
	}
}

// TestAnalysePageMarks covers stamps and blank pages on their own.
func TestAnalysePageMarks(t *testing.T) {
	tests := []struct {
		name  string
		texts []string
		want  string
	}{
		{"bottom stamps", []string{"Report\n\nPage 5", "More\n\nPage 6"}, "5/false 6/false"},
		{"top stamps", []string{"Page 5\n\nReport", "Page 6\nMore"}, "5/false 6/false"},
		{"report's own footer ignored", []string{"Text\n\nPage 1 of 3", "Text\n\nPage 2 of 3"}, "/false /false"},
		{"lost stamp between two", []string{"A\nPage 9", "This page is intentionally left blank", "B\nPage 11"}, "9/false 10/true 11/false"},
		{"stamped blank page", []string{"This page is intentionally left blank\n\nPage 4"}, "4/true"},
		{"empty page is blank", []string{"Text\nPage 1", ""}, "1/false 2/true"},
		{"no stamps", []string{"Some text", "This page has been intentionally left blank."}, "/false /true"},
		{"stamp in a cell", []string{"Body text\n\nAuthor: A Person      Page 12"}, "12/false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pages []docs.Page
			for i, s := range tt.texts {
				pages = append(pages, docs.Page{Number: i + 1, Text: s})
			}
			agenda.Analyse(pages, "")
			var got []string
			for _, p := range pages {
				got = append(got, p.Printed+"/"+strconv.FormatBool(p.Blank))
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("got %q, want %q", g, tt.want)
			}
		})
	}
}

func FuzzAnalyse(f *testing.F) {
	for _, spec := range []packgen.Spec{packgen.SamplePack(), packgen.SampleMinutes(), packgen.SampleSupplement(), packgen.SampleReport()} {
		p, err := packgen.Build(spec)
		if err != nil {
			f.Skip(err)
		}
		// The first pages: a whole pack makes each run of the fuzzer slow.
		f.Add(strings.Join(p.Texts()[:min(3, len(p.Pages))], "\f"), "")
	}
	f.Add("AGENDA\n\nCABINET\n\n1.\n\n(Item 3)\n(Pages 9 - 2)\nQuestion from :\nResponse:", "Item 3 Supplement 31st-Feb-2025 99.99 .pdf")
	f.Add("Page 99999999999999999999\n\fAgenda Item 4a.\n\f\f", "")
	f.Fuzz(func(t *testing.T, text, fileName string) {
		var pages []docs.Page
		for i, s := range strings.Split(text, "\f") {
			pages = append(pages, docs.Page{Number: i + 1, Text: s})
		}
		a := agenda.Analyse(pages, fileName)
		for _, it := range a.Items {
			if it.First < 0 || it.Last > len(pages) || (it.First > 0 && it.Last < it.First) {
				t.Errorf("item %+v outside %d pages", it, len(pages))
			}
		}
		for _, q := range a.Questions {
			if q.Page < 1 || q.Page > len(pages) {
				t.Errorf("question on page %d of %d", q.Page, len(pages))
			}
		}
		if a.Date != "" {
			if _, err := time.Parse("2006-01-02", a.Date); err != nil {
				t.Errorf("date %q", a.Date)
			}
		}
		if a.Time != "" {
			if _, err := time.Parse("15:04", a.Time); err != nil {
				t.Errorf("time %q", a.Time)
			}
		}
	})
}

func BenchmarkAnalyse200(b *testing.B) {
	p := doctest.Generated(b, packgen.LargePack(200, 5))
	for b.Loop() {
		agenda.Analyse(unmarked(p.Pages), "")
	}
}

// TestVenueFromJustifiedFrontSheet: a front sheet whose venue words are
// spread as wide as a column gap, beside the contact column.
func TestVenueFromJustifiedFrontSheet(t *testing.T) {
	page := "AGENDA\n\nCABINET\n\nThursday, 13th March, 2025, at 3.00 pm Ask for:      Georgina Little\n" +
		"Council   Chamber,   Sessions   House, Telephone:   Tel: 03000 414043\n" +
		"County Hall, Maidstone                                 Email:\n\n1.   Apologies\n"
	a := agenda.Analyse([]docs.Page{{Number: 1, Text: page}}, "")
	if a.Venue != "Council Chamber, Sessions House, County Hall, Maidstone" {
		t.Errorf("venue %q", a.Venue)
	}
}
