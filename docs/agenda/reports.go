package agenda

import (
	"panelpapers/docs"
)

// reportFacts reads what a single report says of its meeting: "To: Cabinet -
// 30 January 2025", or the committee and date lines at its head.
func (d *reading) reportFacts(a *docs.Agenda) {
	first := d.firstContentPage()
	lines := d.linesOf(first, 30)
	for _, l := range lines {
		if m := toLine.FindStringSubmatch(l.text); m != nil {
			a.Committee = committeeName(m[1])
			if ds := findDates(l.text); len(ds) > 0 {
				a.Date = ds[0].iso
			}
			return
		}
	}
	for k, l := range lines {
		if k > 8 {
			break
		}
		if a.Committee == "" && isCommitteeLine(l.text) {
			a.Committee = committeeName(l.text)
		}
		if a.Date == "" && dateOnly(l.text) {
			a.Date = findDates(l.text)[0].iso
		}
	}
}
