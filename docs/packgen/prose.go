package packgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Prose makes deterministic, varied sentences of the sort police and crime
// panel papers are written in, so that a search benchmark can fill thousands
// of pages whose words are not all the same. The same seed gives the same
// text on every platform and Go version (PCG is specified exactly).
type Prose struct {
	r *rand.Rand
}

// NewProse returns a Prose seeded with seed.
func NewProse(seed uint64) *Prose {
	return &Prose{r: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
}

var (
	subjects = []string{
		"The Commissioner", "The Chief Constable", "The Panel", "Members", "The Force",
		"The Office of the Police and Crime Commissioner", "The Chief Executive", "Officers",
		"The Deputy Chief Constable", "The Chair", "The Victim Engagement Team", "The Youth Forum",
		"Neighbourhood policing teams", "The Joint Audit Committee", "The Head of Finance",
		"The Ethics Committee", "Partners in Ceredigion", "The Community Safety Partnership",
		"The Estates Manager", "The Independent Custody Visitors",
	}
	verbs = []string{
		"noted", "welcomed", "requested further information on", "expressed concern about",
		"reviewed", "considered", "asked for an update on", "challenged the assumptions behind",
		"scrutinised", "commended the progress on", "sought assurance about", "discussed",
		"agreed to monitor", "highlighted", "questioned the cost of", "reported on",
		"undertook to circulate figures on", "acknowledged", "raised", "supported",
	}
	objects = []string{
		"the precept proposal for %d/%02d", "response times in rural areas", "the Police and Crime Plan",
		"victim satisfaction rates", "rural crime in %s", "road safety on the A%d",
		"call handling performance for the 101 service", "the estate strategy", "domestic abuse referrals",
		"recruitment of police community support officers", "the use of stop and search powers",
		"compliance with the Welsh Language Standards", "the fleet replacement programme",
		"the capital programme for %d/%02d", "wildlife and heritage crime", "county lines activity in %s",
		"the custody suite at %s", "drink and drug driving during the summer campaign",
		"the out-of-court disposals scrutiny panel", "fraud against older people",
		"anti-social behaviour in %s town centre", "the mental health triage car",
		"the collaboration agreement with the fire and rescue service", "body-worn video footage",
		"the reserves strategy", "the independent review of complaints", "cybercrime awareness sessions",
		"the Safer Streets funding bid", "the pollution of dŵr in the afon Tywi", "flooding at %s",
		"the Gwasanaethau Cymorth i Ddioddefwyr contract", "the Neuadd y Sir car park lease",
		"the number of officers able to speak Welsh", "retention of student officers",
		"the rollout of mobile data terminals", "violence against women and girls",
		"the schools liaison programme", "hate crime reporting", "missing persons investigations",
		"the Tŷ Ddewi community hub", "the sale of the former station at %s",
	}
	places = []string{
		"Aberystwyth", "Carmarthen", "Llanelli", "Haverfordwest", "Brecon", "Newtown", "Welshpool",
		"Llandrindod Wells", "Cardigan", "Pembroke Dock", "Ammanford", "Lampeter", "Tenby", "Milford Haven",
		"Machynlleth", "Builth Wells", "Fishguard", "Llandovery", "Ystradgynlais", "Crickhowell",
		"Llanidloes", "Narberth", "Burry Port", "Aberaeron", "Knighton", "Rhayader", "Cwm Gwendraeth",
	}
	tails = []string{
		"", "", "", " and asked that a report be brought to the next meeting",
		", noting that performance had improved since the last quarter",
		" in the light of the feedback received from communities", " before the budget is set in February",
		", recognising the pressure on the force's finances", " as part of the forward work programme",
		", particularly in the north of the force area", " following the recent HMICFRS inspection",
		" and thanked the officers for their work", ", although the figures were provisional",
		" with reference to the recommendations of the Home Office", " and the results of the public survey",
	}
	openers = []string{
		"", "", "", "", "In response, ", "However, ", "Furthermore, ", "During the discussion, ",
		"It was reported that ", "Following a question, ", "As a result, ", "In addition, ",
	}
)

func (p *Prose) pick(list []string) string { return list[p.r.IntN(len(list))] }

// fill replaces the object's verbs with years, road numbers or place names.
func (p *Prose) fill(obj string) string {
	switch {
	case strings.Contains(obj, "%d/%02d"):
		y := 2019 + p.r.IntN(7)
		return fmt.Sprintf(obj, y, (y+1)%100)
	case strings.Contains(obj, "A%d"):
		return fmt.Sprintf(obj, []int{40, 44, 470, 477, 483, 484, 487, 48, 4066}[p.r.IntN(9)])
	case strings.Contains(obj, "%s"):
		return fmt.Sprintf(obj, p.pick(places))
	}
	return obj
}

// Sentence returns one sentence.
func (p *Prose) Sentence() string {
	opener := p.pick(openers)
	subj := p.pick(subjects)
	if opener != "" {
		subj = lowerFirst(subj)
	}
	s := opener + subj + " " + p.pick(verbs) + " " + p.fill(p.pick(objects)) + p.pick(tails)
	if p.r.IntN(5) == 0 {
		s += fmt.Sprintf(", with %d%% of cases resolved within %d days", 40+p.r.IntN(60), 5+p.r.IntN(50))
	}
	return upperFirst(s) + "."
}

// Paragraph returns three to six sentences.
func (p *Prose) Paragraph() string {
	n := 3 + p.r.IntN(4)
	s := make([]string, n)
	for i := range s {
		s[i] = p.Sentence()
	}
	return strings.Join(s, " ")
}

// Page returns paragraphs that about fill one A4 page of body text.
func (p *Prose) Page() []string {
	n := 3 + p.r.IntN(2)
	out := make([]string, n)
	for i := range out {
		out[i] = p.Paragraph()
	}
	return out
}

// Pages returns n pages of paragraphs.
func (p *Prose) Pages(n int) [][]string {
	out := make([][]string, n)
	for i := range out {
		out[i] = p.Page()
	}
	return out
}

func lowerFirst(s string) string {
	if strings.HasPrefix(s, "The ") || strings.HasPrefix(s, "Members") || strings.HasPrefix(s, "Officers") ||
		strings.HasPrefix(s, "Neighbourhood") || strings.HasPrefix(s, "Partners") {
		return strings.ToLower(s[:1]) + s[1:]
	}
	return s
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
