package agenda_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
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
				t.Errorf("Analyse:\n got %+v\nwant %+v", got, p.Agenda)
				if len(got.Items) == len(p.Agenda.Items) {
					for i := range got.Items {
						if got.Items[i] != p.Agenda.Items[i] {
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

// TestAnalyseGeneratedPDFText parses what poppler reads from the generated
// PDFs, whose spacing differs from the generator's own page texts.
func TestAnalyseGeneratedPDFText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	for name, s := range map[string]packgen.Spec{
		"pack": packgen.SamplePack(), "minutes": packgen.SampleMinutes(),
		"supplement": packgen.SampleSupplement(), "report": packgen.SampleReport(),
	} {
		t.Run(name, func(t *testing.T) {
			p := doctest.Generated(t, s)
			f := filepath.Join(t.TempDir(), "pack.pdf")
			if err := os.WriteFile(f, p.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("pdftotext", "-layout", f, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			var pages []docs.Page
			for i, text := range strings.Split(strings.TrimSuffix(string(out), "\f"), "\f") {
				pages = append(pages, docs.Page{Number: i + 1, Text: text})
			}
			got := agenda.Analyse(pages, "")
			if !reflect.DeepEqual(got, p.Agenda) {
				t.Errorf("Analyse:\n got %+v\nwant %+v", got, p.Agenda)
			}
			for i := range pages {
				if g, w := pages[i], p.Pages[i]; g.Printed != w.Printed || g.Item != w.Item || g.Blank != w.Blank {
					t.Errorf("page %d: %q/%q/%v, want %q/%q/%v", i+1, g.Printed, g.Item, g.Blank, w.Printed, w.Item, w.Blank)
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

// fixture reads pages of text separated by form feeds. extractorLike makes
// it look like the extractor's output: no indentation, single blank lines.
func fixture(t *testing.T, name string, extractorLike bool) []docs.Page {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "agenda", name))
	if err != nil {
		t.Fatal(err)
	}
	var pages []docs.Page
	for i, text := range strings.Split(strings.TrimRight(string(b), "\n"), "\f") {
		if extractorLike {
			lines := strings.Split(text, "\n")
			for k := range lines {
				lines[k] = strings.TrimSpace(lines[k])
			}
			text = regexp.MustCompile(`\n{3,}`).ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
			text = strings.Trim(text, "\n")
		}
		pages = append(pages, docs.Page{Number: i + 1, Text: text})
	}
	return pages
}

func TestAnalyseKent(t *testing.T) {
	georgina := &docs.Officer{Name: "Georgina Little", Phone: "03000 414043", Email: "georgina.little@kent.gov.uk"}
	tests := []struct {
		fixture, fileName string
		want              docs.Agenda
		pages             string // "printed/item/blank" per page, space-separated; "" to skip
	}{
		{
			"cabinet_agenda_2025-03-13.txt", "Public reports pack 13th-Mar-2025 15.00 Cabinet.pdf",
			docs.Agenda{Title: "Reports pack", Kind: docs.KindAgenda, Committee: "Cabinet", Date: "2025-03-13", Time: "15:00",
				Venue: "Council Chamber, Sessions House, County Hall, Maidstone", Officer: georgina,
				Items: []docs.AgendaItem{{Number: "1", Title: "Apologies"}, {Number: "2", Title: "Declarations of Interest"},
					{Number: "3", Title: "Consideration of Decision 24/00093 (if required)"}}},
			"//false //true",
		},
		{
			"cabinet_agenda_2025-03-13.txt", "",
			docs.Agenda{Title: "Agenda frontsheet", Kind: docs.KindAgenda, Committee: "Cabinet", Date: "2025-03-13", Time: "15:00",
				Venue: "Council Chamber, Sessions House, County Hall, Maidstone", Officer: georgina,
				Items: []docs.AgendaItem{{Number: "1", Title: "Apologies"}, {Number: "2", Title: "Declarations of Interest"},
					{Number: "3", Title: "Consideration of Decision 24/00093 (if required)"}}},
			"",
		},
		{
			"cabinet_item7_supplement_2025-01-30.txt", "Item 7 - Supplementary - 2400109 - Transfer the 18-25 section of the Strengthening Independence Ser.pdf",
			docs.Agenda{Title: "Supplement: item 7", Kind: docs.KindSupplement, Committee: "Cabinet", Date: "2025-01-30",
				Officer: &docs.Officer{Name: "Georgina Little", Phone: "03000414043", Email: "Georgina.little@kent.gov.uk"},
				Items: []docs.AgendaItem{{Number: "7", Title: "24/00109 - Transfer the 18-25 section of the Strengthening Independence Service from the Children Young People and Education Directorate to the Adult Social Care and Health Directorate",
					PrintedFirst: 1, PrintedLast: 20, First: 3, Last: 4}}},
			"//false //true 1/7/false 2/7/false",
		},
		{
			"council_item3_supplement_2025-01-09.txt", "Item 3 Supplement - English Devolution White Paper report 09th-Jan-2025 10.00 County Council.pdf",
			docs.Agenda{Title: "Supplement: item 3", Kind: docs.KindSupplement, Committee: "County Council", Date: "2025-01-09", Time: "10:00",
				Officer: &docs.Officer{Phone: "03000416892", Email: "joel.cook@kent.gov.uk"},
				Items:   []docs.AgendaItem{{Number: "3", Title: "English Devolution White Paper", PrintedFirst: 1, PrintedLast: 18, First: 3, Last: 4}}},
			"//false //true 1/3/false 2/3/false",
		},
		{
			"council_budget_amendments_2025-02-13.txt", "Budget Amendments 13th-Feb-2025 09.30 County Council.pdf",
			docs.Agenda{Title: "Supplement: item 6", Kind: docs.KindSupplement, Committee: "County Council", Date: "2025-02-13", Time: "09:30",
				Officer: &docs.Officer{Name: "Joel Cook", Phone: "03000416892", Email: "joel.cook@kent.gov.uk"},
				Items:   []docs.AgendaItem{{Number: "6", First: 3, Last: 4}}},
			"//false //true 1/6/false 2/6/true",
		},
		{
			"cabinet_minutes_2025-01-30.txt", "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf",
			docs.Agenda{Title: "Minutes", Kind: docs.KindMinutes, Committee: "Cabinet", Date: "2025-01-30", Time: "10:00",
				Venue: "Council Chamber, Sessions House, County Hall, Maidstone",
				Items: []docs.AgendaItem{{Number: "1", Title: "Apologies", First: 1, Last: 1}, {Number: "2", Title: "Declarations of Interest", First: 1, Last: 1},
					{Number: "3", Title: "Minutes of the Meeting held on 9th January 2025", First: 1, Last: 1},
					{Number: "4", Title: "Cabinet Member Updates", First: 1, Last: 2}}},
			"/1/false /4/false",
		},
		{
			"cpp_minutes_2024-12-10.txt", "CPP Minutes 10.12.24.pdf",
			docs.Agenda{Title: "Minutes", Kind: docs.KindMinutes, Committee: "Corporate Parenting Panel", Date: "2024-12-10",
				Venue: "Darent Room, Sessions House, County Hall, Maidstone",
				Items: []docs.AgendaItem{{Number: "1", Title: "Apologies and Substitutes", First: 1, Last: 1},
					{Number: "2", Title: "Chairman’s Announcements", First: 1, Last: 1},
					{Number: "3", Title: "Minutes of the meeting held on 29 October 2024", First: 1, Last: 1},
					{Number: "4", Title: "Participation Team Update", First: 1, Last: 2},
					{Number: "5", Title: "Challenge Cards Update", First: 2, Last: 2}}},
			"/1/false /4/false",
		},
		{
			"council_tor_appendix.txt", "Appendix B - Proposed Updated Terms of Reference with Tracked Changes.pdf",
			docs.Agenda{Title: "Appendix B: Proposed Updated Terms of Reference with Tracked Changes", Kind: docs.KindReport},
			"//false",
		},
		{
			"cabinet_qpr_appendix.txt", "QPR Q3 Cabinet appendix 1.pdf",
			docs.Agenda{Title: "Quarterly Performance Report", Kind: docs.KindOther},
			"//false",
		},
	}
	for _, tt := range tests {
		for _, extractorLike := range []bool{false, true} {
			t.Run(tt.fixture+"/"+tt.fileName+"/"+strconv.FormatBool(extractorLike), func(t *testing.T) {
				pages := fixture(t, tt.fixture, extractorLike)
				got := agenda.Analyse(pages, tt.fileName)
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("Analyse:\n got %+v (officer %+v)\nwant %+v", got, got.Officer, tt.want)
				}
				if tt.pages == "" {
					return
				}
				var marks []string
				for _, p := range pages {
					marks = append(marks, p.Printed+"/"+p.Item+"/"+strconv.FormatBool(p.Blank))
				}
				if m := strings.Join(marks, " "); m != tt.pages {
					t.Errorf("pages %q, want %q", m, tt.pages)
				}
			})
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
				Venue:   "Committee Room 2, Civic Offices, Gloucester Square, Woking",
				Officer: &docs.Officer{Name: "Joe Bloggs", Phone: "01483 743012", Email: "joe.bloggs@woking.gov.uk"},
				Items: []docs.AgendaItem{{Number: "1", Title: "Apologies for Absence"},
					{Number: "2", Title: "Reports of the Director of Public Health", PrintedFirst: 5, PrintedLast: 20},
					{Number: "2a", Title: "Pharmaceutical Needs Assessment", PrintedFirst: 5, PrintedLast: 12},
					{Number: "2b", Title: "Better Care Fund Plan", PrintedFirst: 13, PrintedLast: 20},
					{Number: "3", Title: "Date of the next meeting: 1 April 2025"}}},
		},
		{
			"supplementary agenda with decimal items and a virtual venue",
			"SUPPLEMENTARY AGENDA\n\nPLANNING COMMITTEE\n\nWednesday, 12 March 2025 at 10.00 a.m.\n\nVirtual / Multi-Location Meeting\n\n" +
				"Enquiries to:  Mary Jones  Tel: 01267 224029  Email: mjones@example.gov.uk\n\n" +
				"4.1 Application PL/01234 - Land at Heol y Gwyns, Llanelli  (Pages 1 - 8)\n\n4.2 Application PL/05678 - Tŷ Newydd, Cross Hands (Page 9)",
			docs.Agenda{Title: "Supplement: items 4.1, 4.2", Kind: docs.KindSupplement, Committee: "Planning Committee", Date: "2025-03-12", Time: "10:00",
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
				t.Errorf("Analyse:\n got %+v (officer %+v)\nwant %+v", got, got.Officer, tt.want)
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
	files, _ := filepath.Glob(filepath.Join("testdata", "agenda", "*.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), filepath.Base(name))
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
