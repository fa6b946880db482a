package docs

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
