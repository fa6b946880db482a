package questions

import "testing"

// A member who types "dwr" asks the question the minutes record with "dŵr":
// matching answers compares words as search does (it once kept accents).
func TestContentWordsFold(t *testing.T) {
	got := contentWords("Will Dŵr Cymru’s ﬁnes be published?")
	for _, w := range []string{"dwr", "cymru", "fine", "published"} {
		if !got[w] {
			t.Errorf("contentWords lacks %q: %v", w, got)
		}
	}
}
