package docs

import "strings"

// Rank orders a meeting's papers as the council publishes them and a member
// reads them: the agenda (or the whole pack), its supplements, the minutes,
// then reports and anything else. Every list of papers, notes and
// briefings sorts kinds by it.
func (k Kind) Rank() int {
	switch k {
	case KindAgenda:
		return 0
	case KindSupplement:
		return 1
	case KindMinutes:
		return 2
	case KindReport:
		return 3
	}
	return 4
}

// CompareMeetings orders meetings as a calendar of papers reads: newest date
// first, undated last, then by committee. It returns a negative number when
// meeting a comes first, positive when b does, 0 when they are one meeting.
func CompareMeetings(aDate, aCommittee, bDate, bCommittee string) int {
	switch {
	case aDate != bDate && (aDate == "" || bDate == ""):
		if aDate == "" {
			return 1
		}
		return -1
	case aDate != bDate:
		return strings.Compare(bDate, aDate)
	}
	return strings.Compare(aCommittee, bCommittee)
}
