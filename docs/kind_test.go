package docs

import "testing"

// One order of kinds for the papers list, the notes and the briefing: the
// library once sorted kinds alphabetically, the notes put reports before
// minutes.
func TestKindRank(t *testing.T) {
	order := []Kind{KindAgenda, KindSupplement, KindMinutes, KindReport, KindOther}
	for i := 1; i < len(order); i++ {
		if order[i-1].Rank() >= order[i].Rank() {
			t.Errorf("%s ranks %d, not before %s (%d)", order[i-1], order[i-1].Rank(), order[i], order[i].Rank())
		}
	}
}
