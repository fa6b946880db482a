package words

import (
	"slices"
	"strings"
	"testing"
)

// Sources of the Welsh pairs below, in ../shared/corpus, with the words as
// the app's own extractor (`panelpapers text`) and pdftotext -layout both
// give them:
const (
	mscc  = "mscc_minutes_2015-12_cy.pdf"     // Cyngor Cymuned Manordeilo a Salem, cofnodion 9 Rhagfyr 2015
	plaid = "plaid_being_a_councillor_cy.pdf" // Plaid Cymru, "Bod yn Gynghorydd"
)

// welshPairs are real pairs from the Welsh papers: what a member types and
// a form of it printed in the paper, with the words around it there.
var welshPairs = []struct {
	typed, printed, how, source, context string
}{
	// Plurals and agents.
	{"cynghorydd", "Cynghorwyr", "plural -ydd/-wyr", mscc, "gan y Cynghorwyr Doris Jones ac Andrew Thomas a'r Cynghorydd Sir Joseph Davies"},
	{"cynghorwyr", "Cynghorydd", "plural -ydd/-wyr", mscc, "a'r Cynghorydd Sir Joseph Davies"},
	{"cynghorydd", "cynghorwyr", "plural -ydd/-wyr", plaid, "yn annog holl cynghorwyr presennol"},
	{"cynrychiolwyr", "gynrychiolydd", "soft c→g, plural -wyr/-ydd", plaid, "Mae gennym gynrychiolydd ar y Pwyllgor Gwaith (mscc: eu cynrychiolwyr yn gwerthu tocynnau)"},
	{"mater", "materion", "plural -ion", mscc, "4. MATERION YN CODI (and: y mater sydd ar waith)"},
	{"adran", "Adrannau", "plural -au, n doubled", plaid, "yn un o Adrannau swyddogol Plaid Cymru (mscc: Adran Gwybodaeth i Deuluoedd)"},
	{"man", "Mannau", "plural -au, n doubled", mscc, "Gorchymyn Amddiffyn Mannau Cyhoeddus (plaid: man geni)"},
	{"ymgynghoriad", "ymgynghoriadau", "plural -iadau", mscc, "apwyntiadau ac ymgynghoriadau (and: Ymgynghoriad ar y Bil Drafft)"},
	{"ymgynghoriadau", "Ymgynghoriad", "plural -iadau", mscc, "Llywodraeth Cymru, Ymgynghoriad ar y Bil Drafft"},
	{"dyfynbris", "ddyfynbrisiau", "soft d→dd, plural -iau", mscc, "Daethpwyd o hyd i ddyfynbrisiau (and: dderbyn y dyfynbris o £237)"},
	{"cynghorau", "Chynghorau", "aspirate c→ch", plaid, "Cyngorau Sir a Chynghorau Tref a Chymuned (mscc: cynghorau tref a chymuned)"},
	// Soft mutation.
	{"cyngor", "Gyngor", "soft c→g", mscc, "Cynhaliwyd cyfarfod o Gyngor Cymuned Manordeilo a Salem"},
	{"cynghorydd", "Gynghorydd", "soft c→g", plaid, "Os ydych yn Gynghorydd yna mae’r Gymdeithas"},
	{"cynghorydd", "Gynghorwyr", "soft c→g, plural -wyr", mscc, "rhai pryderon wedi'u mynegi i Gynghorwyr"},
	{"caerfyrddin", "Gaerfyrddin", "soft c→g", mscc, "Mannau Cyhoeddus Sir Gaerfyrddin (and: Llyfrgell Caerfyrddin)"},
	{"cymdeithas", "Gymdeithas", "soft c→g", plaid, "mae’r Gymdeithas hon (mscc: Cymdeithas yr Iaith)"},
	{"cymru", "Gymru", "soft c→g", plaid, "fel darpar Gynghorwyr ymhob rhan o Gymru"},
	{"cyfarfod", "gyfarfod", "soft c→g", mscc, "Adroddodd y Cyng. O. Williams ar gyfarfod Fforwm Blynyddol"},
	{"cynhaliwyd", "gynhaliwyd", "soft c→g", mscc, "cofnodion y cyfarfod diwethaf a gynhaliwyd ar yr 11eg Tachwedd"},
	{"cynnwys", "gynnwys", "soft c→g", plaid, "gan gynnwys Cyngorau Sir (mscc: yn cynnwys hyfforddiant)"},
	{"cefnogi", "gefnogi'r", "soft c→g, clitic 'r", mscc, "wedi'i gyflwyno i C.S.C. i gefnogi'r cynigion"},
	{"pawb", "bawb", "soft p→b", mscc, "a chroesawodd bawb i'r cyfarfod"},
	{"plant", "blant", "soft p→b", mscc, "digon o gyfleoedd chwarae i blant (and: Gofal Plant)"},
	{"planhigion", "blanhigion", "soft p→b", mscc, "i waredu unrhyw blanhigion mwy o faint"},
	{"priffyrdd", "Briffyrdd", "soft p→b", mscc, "Dywedodd yr Adran Briffyrdd (and: yr Arolygydd Priffyrdd)"},
	{"plaid", "blaid", "soft p→b", plaid, "er mwyn cynorthwyo’r blaid"},
	{"talu", "dalu'r", "soft t→d, clitic 'r", mscc, "Cytunwyd i dalu'r canlynol (and: CYFRIFON I’W TALU)"},
	{"trafodaeth", "drafodaeth", "soft t→d", mscc, "ddatgan diddordeb ar y drafodaeth ar Hysbysfwrdd Capel Isaac"},
	{"diddordeb", "DDIDDORDEB", "soft d→dd", mscc, "3. DATGANIADAU O DDIDDORDEB"},
	{"mater", "FATER", "soft m→f", mscc, "10. UNRHYW FATER ARALL"},
	{"maint", "faint", "soft m→f", mscc, "unrhyw blanhigion mwy o faint (and: Nid yw maint y sied)"},
	{"lleol", "Leol", "soft ll→l", mscc, "Ymgynghoriad ar y Bil Drafft Llywodraeth Leol (Cymru)"},
	{"llywodraeth", "lywodraeth", "soft ll→l", plaid, "ymhob haenen o lywodraeth"},
	{"gohebiaeth", "ohebiaeth", "soft, g lost", mscc, "Copi o'r ohebiaeth rhwng Mr S. Thomas (and: 5. GOHEBIAETH)"},
	{"gorchymyn", "Orchymyn", "soft, g lost", mscc, "i gefnogi'r cynigion am Orchymyn Amddiffyn (and: Y gorchymyn sy'n ymdrin)"},
	{"gwaith", "waith", "soft, g lost", mscc, "mewn perthynas â'r mater sydd ar waith"},
	{"gwrthwynebiad", "wrthwynebiad", "soft, g lost", mscc, "mewn perthynas â'i wrthwynebiad i'r tyrbin gwynt"},
	{"gwybodaeth", "wybodaeth", "soft, g lost", plaid, "Am fwy o wybodaeth ewch i’n gwefan"},
	// Nasal mutation.
	{"capel", "Nghapel", "nasal c→ngh", mscc, "yr Hysbysfwrdd yng Nghapel Isaac wedi torri"},
	// Aspirate mutation.
	{"coed", "choed", "aspirate c→ch", mscc, "canghennau rhydd a choed yn pwyso dros y ffordd"},
	{"cymuned", "chymuned", "aspirate c→ch", mscc, "cydweithio rhwng cynghorau tref a chymuned cyfagos"},
	{"cwn", "chŵn", "aspirate c→ch", mscc, "Y gorchymyn sy'n ymdrin â chŵn yn baeddu"},
	{"pawb", "phawb", "aspirate p→ph", mscc, "gyda phawb yn gytûn"},
	{"pryderon", "phryderon", "aspirate p→ph", plaid, "rhannu syniadau a phryderon (mscc: rhai pryderon)"},
	// Rules the papers above show only one side of: the radical is from the
	// dictionary.
	{"cyngor", "nghyngor", "nasal c→ngh", "", "yn fy nghyngor"},
	{"tref", "nhref", "nasal t→nh", "", "yn nhref Llandeilo"},
	{"plant", "mhlant", "nasal p→mh", "", "fy mhlant"},
	{"gardd", "ngardd", "nasal g→ng", "", "yn ngardd"},
	{"tref", "thref", "aspirate t→th", "", "a thref"},
	{"aelodaeth", "haelodaeth", "h before a vowel", plaid, "o fudd i’n haelodaeth"},
	{"ethol", "hethol", "h before a vowel", plaid, "sydd wedi eu hethol ar rhan Plaid Cymru"},
}

// found reports whether searching for typed finds printed: the query's
// stem is among the printed word's forms.
func found(typed, printed string) bool {
	return slices.Contains(WelshForms(Fold(printed)), WelshStem(Fold(typed)))
}

func TestWelshPairs(t *testing.T) {
	for _, p := range welshPairs {
		t.Run(p.typed+"→"+p.printed, func(t *testing.T) {
			if !found(p.typed, p.printed) {
				t.Errorf("%q does not find %q (%s; %s: %q): forms %v, query stem %q", p.typed, p.printed, p.how,
					p.source, p.context, WelshForms(Fold(p.printed)), WelshStem(Fold(p.typed)))
			}
			if p.source != "" && !strings.Contains(Fold(p.context), Fold(p.printed)) {
				t.Errorf("the context %q does not hold %q", p.context, p.printed)
			}
		})
	}
}

// TestWelshApart lists words that must not find each other: a function
// word and its look-alike, a radical and a word whose own radical is
// something else. (English words that look mutated, "then" as "ten", are
// kept apart by WelshContext: search makes Welsh forms of Welsh text only;
// search's tests check English controls.)
func TestWelshApart(t *testing.T) {
	for _, p := range [][2]string{
		{"gwaith", "chwaith"}, // work, either: ch←c gives "cwaith"
		{"bae", "mae"},        // bay, is: mae is a function word
		{"tim", "dim"},        // tîm (team), dim (nothing)
		{"can", "gan"},        // gan (by) is a function word
		{"call", "gall"},      // gall (can) is a function word
		{"tan", "dan"},
		{"pod", "bod"},
		{"did", "nid"},
		{"mel", "fel"},
		{"cyngor", "cynghorau"}, // council, councils: the ng→ngh of the plural is not undone
		{"new", "newydd"},       // -ydd leaves too short a stem to be an ending
		{"ty", "dy"},            // too short to say
		{"one", "gone"},
	} {
		if found(p[0], p[1]) {
			t.Errorf("%q finds %q: forms %v", p[0], p[1], WelshForms(Fold(p[1])))
		}
	}
}

func TestWelshStem(t *testing.T) {
	for in, want := range map[string]string{
		"cynghorwyr": "cynghor", "cynghorydd": "cynghor", "adrannau": "adran", "testunnau": "testun",
		"dyfynbrisiau": "dyfynbris", "ardaloedd": "ardal", "cyfarwyddwr": "cyfarwydd", "cyfarwyddwyr": "cyfarwydd",
		"gweithiwr": "gweith", "gweithwyr": "gweith", "adroddiadau": "adrodd", "adroddiad": "adrodd",
		"cerbydau'n": "cerbyd", "mae'r": "mae", "newydd": "newydd", "dau": "dau", "oedd": "oedd", "swyddogion": "swyddog",
		"council": "council", "nation": "nation",
	} {
		if got := WelshStem(in); got != want {
			t.Errorf("WelshStem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWelshRadicals(t *testing.T) {
	for in, want := range map[string][]string{
		"nghyngor": {"cyngor"}, "gyngor": {"cyngor"}, "chyngor": {"cyngor"}, "mhlant": {"plant"},
		"fater": {"bater", "mater"}, "leol": {"lleol", "gleol"}, "ras": {"rhas", "gras"}, "ddim": nil,
		"waith": {"gwaith"}, "haelodaeth": {"aelodaeth"}, "llan": nil, "rhan": nil, "ffordd": nil,
		"mae": nil, "yn": nil, "dy": nil,
	} {
		if got := WelshRadicals(in); !slices.Equal(got, want) {
			t.Errorf("WelshRadicals(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWelshContext(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		welsh      bool // every word, or none
	}{
		{"Welsh", "Cynhaliwyd cyfarfod o Gyngor Cymuned Manordeilo a Salem am 7.30pm ar y 9fed Rhagfyr 2015 yn Ystafell Ddarllen", true},
		{"Welsh, curly apostrophes", "Os ydych yn Gynghorydd yna mae’r Gymdeithas hon yn un o Adrannau swyddogol", true},
		{"English", "The Association will help and encourage all present Councillors who are elected as Plaid Cymru Councillors", false},
		{"English with a Welsh name", "The meeting was held at Neuadd y Sir, Carmarthen, on the 9th of December and the panel agreed", false},
		{"English list with no function words", "Capital programme Fleet replacement Body-worn video Mental health triage", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := Texts(tc.text)
			for i, got := range WelshContext(ws) {
				if got != tc.welsh {
					t.Errorf("%q: Welsh = %v, want %v", ws[i], got, tc.welsh)
				}
			}
			if tc.welsh && !MayBeWelsh(tc.text) {
				t.Error("MayBeWelsh is false for Welsh")
			}
		})
	}
	// A bilingual page, Welsh then English (plaid_being_a_councillor_cy.pdf):
	// each half is judged on its own.
	cy := "Rydym yn cwrdd sawl gwaith y flwyddyn, gan gynnwys Cyfarfod Blynyddol. Rydym yn cynnal stondin yn y Cynadleddau, i gwrdd a sgwrsio a chyfnewid profiadau."
	en := "We meet several times a year including our AGM. We have a stand in the Conferences where we met, chat and exchange experiences."
	ws := Texts(cy + "\n" + en)
	ctx := WelshContext(ws)
	n := len(Texts(cy))
	for i := range ws {
		// The last Welsh words and the first English ones see both.
		if i >= n-8 && i < n+8 {
			continue
		}
		if ctx[i] != (i < n) {
			t.Errorf("%q (word %d): Welsh = %v", ws[i], i, ctx[i])
		}
	}
}
