package agenda

import (
	"strconv"
	"strings"
)

var (
	pageStamp = lazy(`(?i)^page\s+(\d{1,4})$`)
	itemStamp = lazy(`(?i)^agenda\s+item\s+(\d{1,3}(?:\.\d{1,2}|[a-z])?)\.?$`)
	letterRun = lazy(`[^\p{L}]+`)
	blankText = lazy(`^(?:this page (?:is |has been )?)?(?:intentionally (?:been )?left|left intentionally) blank$`)
)

// markPages finds the stamps, fills Printed (interpolating pages whose stamp
// the extractor missed) and Blank.
func (d *reading) markPages() {
	printed := make([]int, len(d.pages))
	for i := range d.pages {
		d.printedAt[i], d.itemAt[i] = -1, -1
		lines := d.lines[i]
		d.printedAt[i], printed[i] = findPageStamp(lines)
		for j, l := range lines {
			if m := itemStamp.FindStringSubmatch(l.text); m != nil {
				d.itemAt[i], d.itemStamp[i] = j, strings.ToLower(m[1])
				break
			}
		}
		var rest []string
		size := 0
		for j, l := range lines {
			if j != d.printedAt[i] && j != d.itemAt[i] && l.text != "" {
				rest = append(rest, l.text)
				size += len(l.text)
			}
		}
		if len(rest) == 0 && !d.pages[i].Scanned {
			d.pages[i].Blank = true
		} else if size < 80 {
			body := strings.TrimSpace(letterRun.ReplaceAllString(strings.ToLower(strings.Join(rest, " ")), " "))
			d.pages[i].Blank = d.pages[i].Blank || blankText.MatchString(body)
		}
	}
	interpolate(printed)
	for i, n := range printed {
		d.pages[i].Printed = ""
		if n > 0 {
			d.pages[i].Printed = strconv.Itoa(n)
		}
	}
}

// findPageStamp looks for a "Page N" line: first among the last and first
// few lines, where ModernGov puts it, then anywhere (a stamp on a landscape
// page comes out part-way down). "Page 3 of 10" is a report's own footer,
// not the pack's stamp, and is ignored.
func findPageStamp(lines []textLine) (at, n int) {
	var nonEmpty []int
	for j, l := range lines {
		if l.text != "" {
			nonEmpty = append(nonEmpty, j)
		}
	}
	try := func(j int, cells bool) bool {
		l := lines[j]
		cand := []string{l.text}
		if cells && len(l.cells) > 1 {
			cand = append(cand, l.cells[0], l.cells[len(l.cells)-1])
		}
		for _, c := range cand {
			if m := pageStamp.FindStringSubmatch(c); m != nil {
				at, n = j, atoi(m[1])
				return n > 0
			}
		}
		return false
	}
	for k := len(nonEmpty) - 1; k >= 0 && k >= len(nonEmpty)-3; k-- {
		if try(nonEmpty[k], true) {
			return at, n
		}
	}
	for k := 0; k < len(nonEmpty) && k < 3; k++ {
		if try(nonEmpty[k], true) {
			return at, n
		}
	}
	for _, j := range nonEmpty {
		if try(j, false) {
			return at, n
		}
	}
	return -1, 0
}

// interpolate fills the pages between two stamps when the numbers agree
// with the distance between them, and the pages after the last stamp: the
// stamp of a blank or landscape page is often lost, never skipped.
func interpolate(printed []int) {
	last := -1
	for i, n := range printed {
		if n == 0 {
			continue
		}
		if last >= 0 && n-printed[last] == i-last {
			for k := last + 1; k < i; k++ {
				printed[k] = printed[last] + k - last
			}
		}
		last = i
	}
	if last >= 0 {
		for k := last + 1; k < len(printed); k++ {
			printed[k] = printed[last] + k - last
		}
	}
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}
