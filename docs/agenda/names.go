package agenda

import (
	"strings"
	"unicode"

	"panelpapers/docs"
)

// Names of committees and bodies, as papers print them: "Transport &
// Connectivity Policy Committee", "DYFED-POWYS POLICE AND CRIME PANEL",
// "Burton-cum-Walden Parish Council", "Cyngor Cymuned Manordeilo a Salem".

var (
	committeeWord = lazy(`(?i)\b(?:panel|committee|sub-committee|cabinet|board|forum|commission|partnership|scrutiny|council|executive|assembly|authority|working group|task group|(?:annual\s+)?(?:parish|town|community)\s+meeting|pwyllgor)$`)
	welshWords    = lazy(`(?i)\b(?:heddlu|throseddu|pwyllgor|cyngor|dydd|cyfarfod|gwasanaethau|siambr|neuadd|lleoliad|swyddog|rhaglen|cofnodion|ffôn|e-bost|atodol|pecyn|gweithredwr|caerfyrddin|sir)\b`)
	smallWords    = map[string]bool{"and": true, "of": true, "the": true, "for": true, "on": true, "in": true, "a": true, "an": true,
		"to": true, "with": true, "at": true, "by": true, "y": true, "yr": true, "ac": true, "de": true, "du": true, "la": true, "le": true, "cum": true}
	// jobTitle is a signatory's or officer's title, never a committee:
	// "CHIEF EXECUTIVE", "Executive Director of Transport".
	jobTitle = lazy(`(?i)\b(?:chief executive|executive director|director|officer|manager|clerk|secretary|counsel|solicitor|head of|prif weithredwr)\b`)
)

// frenchCommittee is a committee named in French, its type first:
// "Comité de démolition", "Conseil municipal".
var frenchCommittee = lazy(`(?i)^(?:comité|commission|conseil)\s+(?:de|du|des|d['’]|consultatif|municipal|exécutif)\b`)

// welshCommittee is a committee named in Welsh, its type first: "Pwyllgor
// Cynllunio", "Panel Heddlu a Throseddu Dyfed-Powys". Read only when no
// English name is printed: a bilingual paper's English name is the one
// filed under.
var welshCommittee = lazy(`(?i)^(?:pwyllgor|is-bwyllgor|panel|bwrdd|fforwm|cabinet|comisiwn|gweithgor)\s+\p{L}`)

// boroughOf is a borough's name in the form "London Borough of X".
var boroughOf = lazy(`^(?i:london|royal)\s+(?i:borough)\s+(?i:of)\s+\p{Lu}[\p{L}'’-]*(?:\s+(?:upon|on|and|&)\s+\p{Lu}[\p{L}'’-]*|\s+\p{Lu}[\p{L}'’-]*){0,3}$`)

// numbered is a name that holds an item's number: "2486. Public Forum".
var numbered = lazy(`^\d|\s\d+[.)]\s`)

// looksWelsh reports whether a line is the Welsh twin of a bilingual heading.
func looksWelsh(s string) bool { return welshWords.MatchString(s) }

var englishWord = lazy(`(?i)\b(?:the|and|of|to|for|report|meeting|council|committee|panel|minutes|agenda)\b`)

// welshTwin reports whether a line is in Welsh alone: a Welsh place name
// in an English title ("The Neuadd y Sir Car Park Lease") is not.
func welshTwin(s string) bool { return looksWelsh(s) && !englishWord.MatchString(s) }

// isCommitteeLine reports whether a line looks like a committee's name:
// short, ending in Panel, Committee, Cabinet…, not a council's name, not an
// officer's title.
func isCommitteeLine(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(strings.Fields(s)) > 14 || looksWelsh(s) || strings.ContainsAny(s, ":@") {
		return false
	}
	if frenchCommittee.MatchString(s) && nameWords(s) {
		return true
	}
	if !committeeWord.MatchString(s) || jobTitle.MatchString(s) || numbered.MatchString(s) {
		return false
	}
	switch strings.ToLower(s) {
	case "committee", "panel", "board", "forum", "council", "authority", "commission", "partnership", "sub-committee", "assembly",
		"public forum", "open forum", "public participation":
		return false // a kind of committee, or an agenda item, not a committee
	}
	switch strings.ToLower(strings.Fields(s)[0]) {
	case "at", "to", "of", "for", "by", "with", "from", "on", "in", "and", "or", "a", "an", "as":
		return false // the end of a sentence, not a name: "AT TRANSPORT & CONNECTIVITY POLICY COMMITTEE"
	}
	return !hostCouncil(s) && !orgName(s) && nameWords(s)
}

// nameWords reports whether every word of s could be part of a name:
// capitalised, in capitals, a number, or a small joining word.
func nameWords(s string) bool {
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, "(),'’\"")
		if w == "" || w == "&" || w == "-" || w == "–" || smallWords[strings.ToLower(w)] {
			continue
		}
		r := []rune(w)
		if !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) {
			return false
		}
	}
	return true
}

// hostCouncil tells "Kent County Council" (the host) from "County Council"
// (the full council as a committee).
func hostCouncil(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 || !strings.EqualFold(f[len(f)-1], "council") {
		return false
	}
	switch strings.ToLower(f[0]) {
	case "county", "full", "the", "borough", "city", "district", "town", "community", "parish":
		return false
	}
	return true
}

// councilTypes are the kinds of council, as the last words of a council's
// name; the first that fits names the council's own meetings.
var councilTypes = []string{"county borough council", "metropolitan borough council", "parish council", "town council",
	"community council", "city council", "county council", "borough council", "district council", "village council", "council"}

// welshCouncil reads a Welsh council's name, its type first: "Cyngor
// Cymuned Manordeilo a Salem", "Cyngor Sir Gâr"; soft mutation ("o Gyngor
// Cymuned…") undone.
var welshCouncil = lazy(`^(?:C|G)yngor\s+((?:Cymuned|Tref|Sir|Dinas|Bwrdeistref\s+Sirol|Bro)\b)\s*(.*)$`)

// orgName reports whether s is the name of a council or authority: a place
// followed by its type ("Burton-cum-Walden Parish Council", "KENT COUNTY
// COUNCIL", "West of England Combined Authority"), or a Welsh council's.
func orgName(s string) bool {
	s = strings.Join(strings.Fields(s), " ")
	if m := welshCouncil.FindStringSubmatch(titleCase(s)); m != nil {
		return m[2] != "" && nameWords(m[2])
	}
	if boroughOf.MatchString(s) {
		return true // "London Borough of Camden", "Royal Borough of Kingston upon Thames"
	}
	low := strings.ToLower(s)
	var place string
	for _, t := range append([]string{"mayoral combined authority", "combined authority", "fire and rescue authority", "national park authority"}, councilTypes...) {
		if strings.HasSuffix(low, " "+t) {
			place = s[:len(s)-len(t)-1]
			break
		}
	}
	place = strings.TrimSpace(place)
	if place == "" || !nameWords(place) || committeeWord.MatchString(place) {
		return false
	}
	f := strings.Fields(strings.ToLower(place))
	if len(f) >= 3 && f[1] == "of" && (f[0] == "city" || f[0] == "county" || f[0] == "borough") {
		return nameWords(place) // "City of York Council", "County of Herefordshire District Council"
	}
	switch f[0] {
	case "the", "full", "this", "our", "your", "above", "said", "each", "every", "all", "a", "an", "any", "other", "local", "county",
		"city", "borough", "district", "parish", "town", "community", "special", "extraordinary", "annual", "ordinary":
		return false
	}
	for _, w := range f {
		if w == "members" || w == "member" || w == "meeting" || w == "of" && len(f) == 1 {
			return false
		}
	}
	return len(f) <= 6
}

// councilType is what a council calls its own meetings: "Parish Council"
// for "Burton-cum-Walden Parish Council", "Cyngor Cymuned" for "Cyngor
// Cymuned Manordeilo a Salem"; "" for a body that is not a council.
func councilType(body string) string {
	if m := welshCouncil.FindStringSubmatch(body); m != nil {
		return "Cyngor " + m[1]
	}
	low := strings.ToLower(body)
	for _, t := range councilTypes {
		if strings.HasSuffix(low, " "+t) {
			return titleCase(body[len(body)-len(t):])
		}
	}
	return ""
}

// committeeName tidies a committee name: "the" dropped, a heading set in
// capitals brought to title case.
func committeeName(s string) string {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), ".,:;–-"))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "the "), "The ")
	s = strings.TrimPrefix(s, "THE ")
	return titleCase(strings.Join(strings.Fields(s), " "))
}

// titleCase brings a name set in capitals to title case ("DYFED-POWYS
// POLICE AND CRIME PANEL" → "Dyfed-Powys Police and Crime Panel"), leaving
// small words, and words with digits (a postcode), as they should be; a
// name in mixed case is kept as printed.
func titleCase(s string) string {
	if !MostlyUpper(s) || strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if strings.ContainsAny(w, "0123456789") {
			words[i] = strings.ToUpper(w)
			continue
		}
		if i > 0 && smallWords[w] {
			continue
		}
		parts := strings.Split(w, "-")
		for k, p := range parts {
			if k == 0 || !smallWords[p] {
				parts[k] = upperFirst(p)
			}
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// SameCommittee reports whether two names name one committee (see
// docs.CommitteeKey).
func SameCommittee(a, b string) bool { return docs.SameCommittee(a, b) }
