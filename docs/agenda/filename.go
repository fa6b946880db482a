package agenda

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"panelpapers/docs"
)

// fileFacts is what a ModernGov file name says.
type fileFacts struct {
	label           string // "Public reports pack", "Item 3 Supplement - …"
	kind            docs.Kind
	title           string
	item            string // "3" of "Item 3 Supplement"
	date, time      string
	committee       string
	modernGovSuffix bool
}

var (
	nameTail = lazy(`(?i)^(.*?)\s*\b(\d{1,2})(?:st|nd|rd|th)?-([a-z]{3})-(\d{4})\s+(\d{1,2})[.:](\d{2})\s+(.+)$`)
	nameItem = lazy(`(?i)^item\s+(\d{1,3}[a-z]?)\b`)
)

func parseFileName(fileName string) fileFacts {
	base := filepath.Base(strings.ReplaceAll(fileName, `\`, "/"))
	base = strings.TrimSuffix(base, filepath.Ext(base))
	base = strings.Join(strings.Fields(strings.ReplaceAll(base, "_", " ")), " ")
	var n fileFacts
	n.label = base
	if m := nameTail.FindStringSubmatch(base); m != nil {
		if t, err := time.Parse("2 Jan 2006", m[2]+" "+m[3]+" "+m[4]); err == nil {
			n.label, n.date, n.committee, n.modernGovSuffix = m[1], t.Format("2006-01-02"), m[7], true
			if h, mm := atoi(m[5]), atoi(m[6]); h < 24 && mm < 60 {
				n.time = fmt.Sprintf("%02d:%02d", h, mm)
			}
		}
	}
	low := strings.ToLower(n.label)
	if m := nameItem.FindStringSubmatch(n.label); m != nil {
		n.item = strings.ToLower(m[1])
	}
	switch {
	case strings.Contains(low, "supplement"):
		n.kind = docs.KindSupplement
	case strings.Contains(low, "printed minutes"), strings.HasPrefix(low, "minutes"), n.modernGovSuffix && strings.Contains(low, "minutes"):
		n.kind, n.title = docs.KindMinutes, "Minutes"
	case strings.Contains(low, "reports pack"):
		n.kind, n.title = docs.KindAgenda, "Reports pack"
	case strings.Contains(low, "agenda frontsheet"), strings.Contains(low, "agenda front sheet"):
		n.kind, n.title = docs.KindAgenda, "Agenda frontsheet"
	case n.modernGovSuffix && strings.HasPrefix(low, "decision"):
		n.kind, n.title = docs.KindOther, "Decisions"
	}
	return n
}

// titleFacts is what a PDF's Title metadata says of its meeting.
type titleFacts struct {
	committee, date string
}

// parseTitle reads the Title metadata: a ModernGov-style title, or a
// committee's name with one date ("Dyfed-Powys Police and Crime Panel
// 27/10/2023"). A Title that names no committee says nothing: "Report
// Template", "20190919".
func parseTitle(title string) titleFacts {
	title = strings.Join(strings.Fields(title), " ")
	if title == "" {
		return titleFacts{}
	}
	if n := parseFileName(title + ".pdf"); n.modernGovSuffix && isCommitteeLine(n.committee) {
		return titleFacts{committee: committeeName(n.committee), date: n.date}
	}
	ds := findDates(title)
	if len(ds) != 1 {
		return titleFacts{}
	}
	rest := strings.TrimSpace(title[:ds[0].at] + " " + title[ds[0].end:])
	if ts := findTimes(rest); len(ts) > 0 {
		rest = strings.TrimSpace(rest[:ts[0].at] + rest[ts[0].end:])
	}
	rest = strings.Trim(rest, " -–,")
	if !isCommitteeLine(rest) {
		return titleFacts{}
	}
	return titleFacts{committee: committeeName(rest), date: ds[0].iso}
}
