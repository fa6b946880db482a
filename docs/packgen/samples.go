package packgen

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"panelpapers/docs"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// sampleOfficer is the panel's (fictional) democratic services officer.
var sampleOfficer = docs.Officer{Name: "Sian Rees", Phone: "01267 224029", Email: "SRees@carmarthenshire.gov.uk"}

// base is what every Dyfed-Powys sample shares.
func base(date time.Time, kind docs.Kind) Spec {
	return Spec{
		Council:        "Carmarthenshire County Council",
		CouncilWelsh:   "Cyngor Sir Gâr",
		Committee:      "Dyfed-Powys Police and Crime Panel",
		CommitteeWelsh: "Panel Heddlu a Throseddu Dyfed-Powys",
		Date:           date,
		Time:           "10.00 am",
		Venue:          "Council Chamber, County Hall, Carmarthen SA31 1JP",
		VenueWelsh:     "Siambr y Cyngor, Neuadd y Sir, Caerfyrddin SA31 1JP",
		Officer:        sampleOfficer,
		Kind:           kind,
		Welsh:          true,
		Signatory:      "Wendy Walters",
		SignatoryRole:  "Chief Executive / Prif Weithredwr",
		Responder:      "the Police and Crime Commissioner",
	}
}

// SampleQuestions are three questions on notice with the Commissioner's
// recorded responses.
func SampleQuestions() []Question {
	return []Question{
		{
			Asker: "Councillor Jane Roberts-Jones",
			Text: "What steps is the Commissioner taking to reduce the time callers wait for an answer on the 101 non-emergency " +
				"number, particularly in rural parts of Ceredigion and Powys where residents tell me they have given up calling?",
			Response: "The average wait on 101 fell from 9 minutes in April to 4 minutes in September. Twelve additional call " +
				"handlers started in July and the online reporting service now takes one in five non-emergency reports.",
		},
		{
			Asker: "Councillor Dafydd Llŷr Thomas",
			Text: "Will the Commissioner publish the number of officers and staff able to work through the medium of Welsh, " +
				"and say how the Force will meet the Welsh Language Standards in Gwasanaethau'r Heddlu by 2025?",
			Response: "The Force publishes its Welsh language skills each year; 41% of officers can hold a conversation in Welsh. " +
				"Every new recruit now reaches level 1 before the end of probation.",
		},
		{
			Asker: "Mr Ieuan Ŵyn Hughes",
			Text: "Following the pollution of dŵr in the afon Tywi last summer, what has the Force done with Natural Resources " +
				"Wales to investigate environmental crime and to keep the public informed?",
			Response: "A joint rural and wildlife crime team was formed in May; two investigations are under way and a " +
				"public update will be published on the Commissioner's website each quarter.",
		},
	}
}

// SampleMinutes returns the printed minutes of the panel's meeting of
// 14 July 2023, with two questions and the Commissioner's responses.
func SampleMinutes() Spec {
	s := base(day(2023, time.July, 14), docs.KindMinutes)
	s.EndTime = "12.30 pm"
	s.Welsh = false
	s.Stamps = StampPlain
	s.Present = []string{
		"Councillor Keith Evans (Chair)", "Councillor Ann Davies", "Councillor Jane Roberts-Jones",
		"Councillor Gwilym Jones", "Councillor Dafydd Llŷr Thomas", "Mr Ieuan Ŵyn Hughes", "Professor Ian Roffe",
	}
	p := NewProse(714)
	qs := SampleQuestions()[:2]
	s.Items = []Item{
		{Number: "1", Title: "Apologies for absence", Pages: [][]string{{"Apologies for absence were received from Councillor Rob Summers and Mrs Judith Hardisty."}}},
		{Number: "2", Title: "Declarations of personal interest", Pages: [][]string{{"There were no declarations of personal interest."}}},
		{Number: "3", Title: "Minutes of the meeting held on 21 April 2023", Pages: [][]string{{"RESOLVED that the minutes of the meeting of the Panel held on 21 April 2023 be signed as a correct record."}}},
		{Number: "4", Title: "Members' questions to the Police and Crime Commissioner", Questions: qs},
		{Number: "5", Title: "Police and Crime Commissioner's draft annual report 2022/23", Pages: [][]string{append(p.Page(), "RESOLVED that the draft annual report be received.")}},
		{Number: "6", Title: "Complaints against the Police and Crime Commissioner", Pages: [][]string{{p.Paragraph(), "RESOLVED that the report be noted."}}},
		{Number: "7", Title: "Panel forward work programme", Pages: [][]string{{p.Paragraph(), "RESOLVED that the forward work programme be approved."}}},
	}
	return s
}

// SamplePack returns a realistic agenda pack of the panel's meeting of
// Friday 27 October 2023, about 20 pages: front sheet, agenda, the minutes of
// 14 July 2023, three questions on notice, the Commissioner's annual report
// and two short reports, with "Page N" stamps from the front sheet and blank
// filler pages.
func SamplePack() Spec {
	s := base(day(2023, time.October, 27), docs.KindAgenda)
	s.Published = day(2023, time.October, 19)
	s.NumberFrontSheet = true
	s.Duplex = true
	p := NewProse(1027)
	minutes := SampleMinutes()
	qs := SampleQuestions()
	for i := range qs {
		qs[i].Response = ""
	}
	s.Items = []Item{
		{Number: "1", Title: "APOLOGIES FOR ABSENCE"},
		{Number: "2", Title: "DECLARATIONS OF PERSONAL INTEREST"},
		{Number: "3", Title: "TO CONFIRM AS A CORRECT RECORD THE MINUTES OF THE MEETING OF THE PANEL HELD ON 14 JULY 2023", Minutes: &minutes},
		{Number: "4", Title: "MEMBERS' QUESTIONS TO THE POLICE AND CRIME COMMISSIONER", Questions: qs},
		{Number: "5", Title: "POLICE AND CRIME COMMISSIONER'S ANNUAL REPORT 2022/23", Pages: p.Pages(6)},
		{Number: "6", Title: "COMPLAINTS AGAINST THE POLICE AND CRIME COMMISSIONER", Pages: p.Pages(2)},
		{Number: "7", Title: "PANEL FORWARD WORK PROGRAMME 2023/24", Pages: [][]string{p.Page()[:2]}},
	}
	return s
}

// SampleSupplement returns a supplementary pack for the same meeting carrying
// a late report for item 6, numbered from "Page 1" after an unnumbered front
// sheet, with ranges printed "(Pages 1 - 3)".
func SampleSupplement() Spec {
	s := base(day(2023, time.October, 27), docs.KindSupplement)
	s.Published = day(2023, time.October, 25)
	s.RangeStyle = RangeParen
	s.Duplex = true
	p := NewProse(1025)
	pack := SamplePack()
	s.Items = append([]Item(nil), pack.Items...)
	for i := range s.Items {
		s.Items[i].Pages, s.Items[i].Questions, s.Items[i].Minutes = nil, nil, nil
	}
	s.Items[5].Pages = p.Pages(3)
	return s
}

// SampleReport returns the Commissioner's annual report as published on its
// own: an "Agenda Item 5" stamp and no page stamps.
func SampleReport() Spec {
	s := base(day(2023, time.October, 27), docs.KindReport)
	s.Stamps = StampNone
	pack := SamplePack()
	s.Items = []Item{pack.Items[4]}
	s.Items[0].Heading = "Police and Crime Commissioner's Annual Report 2022/23"
	return s
}

// Republish returns the spec of a republished edition of s: a page of
// addendum inserted after the first page of the first item with two or more
// pages, one paragraph of the last item with papers changed, a note on the
// front sheet and a later publication date. Committee, date, kind and items
// stay the same, so a parser must give it the same identity.
func Republish(s Spec) Spec {
	r := s
	r.Items = make([]Item, len(s.Items))
	for i, it := range s.Items {
		it.Pages = clonePages(it.Pages)
		r.Items[i] = it
	}
	for i := range r.Items {
		if it := &r.Items[i]; len(it.Pages) >= 2 {
			add := []string{
				"ADDENDUM",
				"This page was added when the agenda was republished. The figures in the table on the previous page have been " +
					"corrected following the meeting of the Joint Audit Committee in Llandrindod Wells.",
			}
			it.Pages = append(it.Pages[:1], append([][]string{add}, it.Pages[1:]...)...)
			break
		}
	}
	for i := len(r.Items) - 1; i >= 0; i-- {
		if it := &r.Items[i]; len(it.Pages) > 0 && len(it.Pages[0]) > 0 {
			it.Pages[0][0] = "This paragraph was amended on republication: the Panel will now meet in Neuadd y Sir, Aberaeron, on the date shown."
			break
		}
	}
	r.Published = s.published().AddDate(0, 0, 3)
	r.Note = "Republished on " + plainDate(r.Published) + " with an addendum and an amended report."
	return r
}

func clonePages(p [][]string) [][]string {
	if p == nil {
		return nil
	}
	out := make([][]string, len(p))
	for i, pg := range p {
		out[i] = append([]string(nil), pg...)
	}
	return out
}

// LargePack returns an agenda pack of about pages pages of varied text (a
// little more, for the front matter and filler pages), split into reports of
// 2 to 20 pages, for search and extraction benchmarks. Different seeds give
// different text and meeting dates.
func LargePack(pages int, seed uint64) Spec {
	p := NewProse(seed)
	s := base(day(2023, time.January, 6).AddDate(0, 0, 7*int(seed%400)), docs.KindAgenda)
	s.Duplex = true
	s.Items = []Item{{Number: "1", Title: "APOLOGIES FOR ABSENCE"}, {Number: "2", Title: "DECLARATIONS OF PERSONAL INTEREST"}}
	for n := 3; pages > 0; n++ {
		k := min(pages, 2+p.r.IntN(19))
		pages -= k
		s.Items = append(s.Items, Item{
			Number: strconv.Itoa(n),
			Title:  fmt.Sprintf("REPORT %d: %s", n, upperTitle(p.fill(p.pick(objects)))),
			Pages:  p.Pages(k),
		})
	}
	return s
}

func upperTitle(s string) string {
	w := strings.Fields(s)
	for i := range w {
		w[i] = upperFirst(w[i])
	}
	return strings.Join(w, " ")
}

// DyfedPowysPack returns an agenda pack shaped like the Dyfed-Powys Police
// and Crime Panel's own pack for Friday 27 October 2023: it opens with the
// host council's summons signed a week before ("FRIDAY, 20 OCTOBER 2023 /
// TO: ALL MEMBERS OF THE … / I HEREBY SUMMON YOU TO ATTEND A MEETING OF THE
// … WHICH WILL BE HELD IN THE CHAMBER - … AT 10.30 AM, ON FRIDAY, 27TH
// OCTOBER, 2023 …", signed by the Chief Executive), then the membership
// (each council's members numbered 1–3), the agenda with page ranges, the
// minutes of 14 July 2023 with their own three questions and the
// Commissioner's responses, and four questions on notice for this meeting.
func DyfedPowysPack() Spec {
	s := base(day(2023, time.October, 27), docs.KindAgenda)
	s.Summons = true
	s.Welsh = false
	s.Published = day(2023, time.October, 20)
	s.Time = "10.30 am"
	s.Venue = "The Chamber - Ceredigion County Council - Neuadd y Sir, Penmorfa, Aberaeron SA46 0PA"
	s.VenueWelsh = ""
	s.SignatoryRole = "Chief Executive"
	s.NumberFrontSheet = true
	s.Membership = []Members{
		{"Carmarthenshire County Council", []string{"Councillor Keith Evans", "Councillor Ann Davies", "Councillor Gwilym Jones"}},
		{"Ceredigion County Council", []string{"Councillor Jane Roberts-Jones", "Councillor Gareth Lloyd", "Councillor Elizabeth Evans"}},
		{"Pembrokeshire County Council", []string{"Councillor Dafydd Llŷr Thomas", "Councillor Rob Summers", "Councillor Di Clements"}},
		{"Powys County Council", []string{"Councillor Gareth Ratcliffe", "Councillor Les George", "Councillor Karen Laurie-Parry"}},
		{"Co-opted Members", []string{"Mr Ieuan Ŵyn Hughes", "Professor Ian Roffe"}},
	}
	p := NewProse(2710)
	minutes := SampleMinutes()
	minutes.Items[3].Questions = SampleQuestions()
	onNotice := SampleQuestions()
	onNotice = append(onNotice, Question{
		Asker: "Councillor Gareth Lloyd",
		Text: "How many of the Force's rural police stations were open to the public for their advertised hours in the " +
			"last quarter, and what will the Commissioner do where a front desk was closed without notice?",
	})
	for i := range onNotice {
		onNotice[i].Response = ""
	}
	onNotice[0].Text = "Further to my question of July, has the average wait on 101 kept falling since September, and how many " +
		"callers in Ceredigion and Powys abandoned their call before it was answered?"
	s.Items = []Item{
		{Number: "1", Title: "APOLOGIES FOR ABSENCE"},
		{Number: "2", Title: "DECLARATIONS OF PERSONAL INTEREST"},
		{Number: "3", Title: "TO CONFIRM AS A CORRECT RECORD THE MINUTES OF THE MEETING OF THE PANEL HELD ON 14TH JULY 2023", Minutes: &minutes},
		{Number: "4", Title: "QUESTIONS ON NOTICE BY MEMBERS OF THE PANEL TO THE POLICE AND CRIME COMMISSIONER", Questions: onNotice},
		{Number: "5", Title: "POLICE AND CRIME COMMISSIONER'S ANNUAL REPORT 2022/23", Pages: p.Pages(4)},
		{Number: "6", Title: "COMPLAINTS AGAINST THE POLICE AND CRIME COMMISSIONER", Pages: p.Pages(2)},
		{Number: "7", Title: "PANEL FORWARD WORK PROGRAMME 2023/24", Pages: [][]string{p.Page()[:2]}},
	}
	return s
}
