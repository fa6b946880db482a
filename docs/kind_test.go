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

func TestCompareMeetings(t *testing.T) {
	for _, tc := range []struct {
		a, b [2]string
		want int
	}{
		{[2]string{"2023-10-27", "Panel"}, [2]string{"2023-07-14", "Panel"}, -1},
		{[2]string{"", "Panel"}, [2]string{"2023-07-14", "Panel"}, 1},
		{[2]string{"2023-07-14", "Audit"}, [2]string{"2023-07-14", "Panel"}, -1},
		{[2]string{"2023-07-14", "Panel"}, [2]string{"2023-07-14", "Panel"}, 0},
	} {
		if got := CompareMeetings(tc.a[0], tc.a[1], tc.b[0], tc.b[1]); got != tc.want {
			t.Errorf("CompareMeetings(%v, %v) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
