package agenda

import (
	"strings"
)

// PaperName is one of the names ModernGov and Panel Papers give a council's
// standard papers, whatever language the paper's title is in: a pack titled
// "Pecyn adroddiadau" and one titled "Public reports pack" are both
// NameReportsPack. The front ends name each in their own language.
type PaperName int

// The standard names.
const (
	NameNone        PaperName = iota // an unusual title: shown as printed
	NameReportsPack                  // the agenda and every report in one PDF
	NameFrontsheet                   // the agenda's front sheet alone
	NameAgenda                       // "Agenda", not saying which
	NameSupplement                   // a supplementary pack, perhaps for some items
	NameMinutes                      // the minutes, printed or not
	NameDecisions                    // the decisions of a meeting
)

// Title is a paper's stored title, read for showing it.
type Title struct {
	Name PaperName
	// Printed is the title as stored, less the mark of a Welsh paper
	// (WelshTitleSuffix): what to show when Name is NameNone.
	Printed string
	// Items are the agenda items a supplement is for: "Supplement: items 3,
	// 4" has "3" and "4".
	Items []string
	// Welsh is true for a paper written in Welsh (its title ends in
	// WelshTitleSuffix), kept apart from its English twin.
	Welsh bool
}

// standardTitles are the titles of each standard paper, lower case with
// single spaces, in English (as ModernGov's links and this package's
// titles have them) and in Welsh (as councils' Welsh ModernGov sites do).
var standardTitles = map[string]PaperName{
	"reports pack": NameReportsPack, "public reports pack": NameReportsPack, "agenda reports pack": NameReportsPack,
	"agenda pack": NameReportsPack, "public pack": NameReportsPack, "document pack": NameReportsPack,
	"public document pack": NameReportsPack, "agenda and reports pack": NameReportsPack,
	"pecyn adroddiadau": NameReportsPack, "pecyn adroddiadau cyhoeddus": NameReportsPack,
	"pecyn dogfennau": NameReportsPack, "pecyn dogfennau cyhoeddus": NameReportsPack, "pecyn cyhoeddus": NameReportsPack,
	"pecyn rhaglen": NameReportsPack, "pecyn rhaglen ac adroddiadau": NameReportsPack,

	"agenda frontsheet": NameFrontsheet, "agenda front sheet": NameFrontsheet, "frontsheet": NameFrontsheet,
	"front sheet": NameFrontsheet, "taflen flaen y rhaglen": NameFrontsheet, "taflen flaen": NameFrontsheet,
	"blaenddalen y rhaglen": NameFrontsheet, "blaenddalen": NameFrontsheet,

	"agenda": NameAgenda, "rhaglen": NameAgenda,

	"supplement": NameSupplement, "supplementary agenda": NameSupplement, "supplementary pack": NameSupplement,
	"public supplementary pack": NameSupplement, "supplementary papers": NameSupplement,
	"supplementary information": NameSupplement, "supplementary reports pack": NameSupplement,
	"supplement pack": NameSupplement, "public supplement": NameSupplement, "supplementary document pack": NameSupplement,
	"atodiad": NameSupplement, "pecyn atodol": NameSupplement, "rhaglen atodol": NameSupplement,
	"atodiad i'r rhaglen": NameSupplement, "gwybodaeth atodol": NameSupplement, "pecyn dogfennau atodol": NameSupplement,

	"minutes": NameMinutes, "printed minutes": NameMinutes, "cofnodion": NameMinutes,
	"cofnodion printiedig": NameMinutes, "cofnodion wedi'u hargraffu": NameMinutes,

	"decisions": NameDecisions, "printed decisions": NameDecisions, "penderfyniadau": NameDecisions,
	"penderfyniadau printiedig": NameDecisions,
}

// supplementItems reads "Supplement: item 3", "Supplement: items 3, 4a",
// and the same in Welsh ("Atodiad: eitem 3", "Atodiad: eitemau 3, 4a").
var (
	supplementItems = lazy(`^(.*?)\s*:\s*(?:items?|eitem(?:au)?)\s+([0-9][0-9a-z().]*(?:\s*(?:,|and|a|ac)\s*[0-9][0-9a-z().]*)*)$`)
	itemSeparator   = lazy(`\s*(?:,|\band\b|\bac?\b)\s*`)
)

// ReadTitle reads a paper's stored title: which standard paper it names, if
// any, the items a supplement is for, and whether the paper is in Welsh.
func ReadTitle(stored string) Title {
	t := Title{Printed: strings.TrimSpace(stored)}
	if s, ok := strings.CutSuffix(t.Printed, strings.TrimSpace(WelshTitleSuffix)); ok && strings.HasSuffix(s, " ") {
		t.Printed, t.Welsh = strings.TrimSpace(s), true
	}
	key := strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(t.Printed, "’", "'"))), " ")
	key = strings.TrimRight(key, " .")
	if n, ok := standardTitles[key]; ok {
		t.Name = n
		return t
	}
	if m := supplementItems.FindStringSubmatch(key); m != nil && standardTitles[m[1]] == NameSupplement {
		t.Name = NameSupplement
		for _, it := range itemSeparator.Split(m[2], -1) {
			if it != "" {
				t.Items = append(t.Items, it)
			}
		}
	}
	return t
}
