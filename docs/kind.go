package docs

import "strings"

// Kinds lists the kinds of paper in the order Rank gives them.
var Kinds = []Kind{KindAgenda, KindSupplement, KindQuestions, KindMinutes, KindDecisions, KindReport, KindOther}

// Rank orders a meeting's papers as the council publishes them and a member
// reads them: the agenda (or the whole pack), its supplements, the questions
// and answers, the minutes and decisions, then reports and anything else.
// Every list of papers, notes and briefings sorts kinds by it.
func (k Kind) Rank() int {
	for i, x := range Kinds {
		if x == k {
			return i
		}
	}
	return len(Kinds)
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
