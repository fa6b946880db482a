package words

import (
	"reflect"
	"testing"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Dŵr Cymru":                 "dwr cymru",
		"ﬁnance – “Siân’s”":         "finance - \"sian's\"",
		"Ærø, Straße, Łódź":         "aero, strasse, lodz",
		"re\u00adport":              "report",
		"CAERFYRDDIN\u00a0Hall":     "caerfyrddin hall",
		"Ymddiriedolaeth GIG Hywel": "ymddiriedolaeth gig hywel",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTokens(t *testing.T) {
	got := Tokens("The recom-\nmendation, dŵr’s ﬁnal 2025-26 年度")
	want := []Token{{"the", 0, 3}, {"recommendation", 4, 20}, {"dwr", 22, 25}, {"s", 26, 27}, {"final", 28, 32},
		{"2025", 33, 37}, {"26", 38, 40}, {"年", 41, 42}, {"度", 42, 43}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tokens = %v\nwant     %v", got, want)
	}
	if f := F1(Bag("a b c d"), Bag("A b c é")); f != 0.75 {
		t.Errorf("F1 = %v, want 0.75", f)
	}
}

func TestFind(t *testing.T) {
	page := "Llywodraeth Cymru: cyflenwad dŵr\nyn Nhywi. Crime\n   Commissioner’s report on the recom-\nmendation; re-port."
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"dwr", []string{"dŵr"}},
		{"DŴR yn", []string{"dŵr\nyn"}},
		{"crime commissioner's", []string{"Crime\n   Commissioner’s"}},
		{"recommendation", []string{"recom-\nmendation"}},
		{"port", []string{"port", "port"}},
		{"cymru", []string{"Cymru"}},
		{"nowhere", nil},
		{"  ", nil},
	} {
		var got []string
		for _, r := range Find(page, tc.query) {
			got = append(got, page[r[0]:r[1]])
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Find(%q) = %q, want %q", tc.query, got, tc.want)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add("Dŵr\nCymru ﬁnance re-\nport", "dwr cymru")
	f.Fuzz(func(t *testing.T, s, q string) {
		for _, r := range Find(s, q) {
			if r[0] < 0 || r[1] > len(s) || r[0] >= r[1] {
				t.Fatalf("Find(%q, %q) gave range %v", s, q, r)
			}
		}
	})
}

// The word bags that check one text engine against another (and pdftotext)
// see words as search does.
func TestBag(t *testing.T) {
	got := Bag("The ﬁnal report’s 2025-26 figures: £1,234. 年度报告")
	want := map[string]int{"the": 1, "final": 1, "report": 1, "s": 1, "2025": 1, "26": 1, "figures": 1, "1": 1, "234": 1, "年": 1, "度": 1, "报": 1, "告": 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Bag = %v, want %v", got, want)
	}
	if f := F1(nil, nil); f != 1 {
		t.Errorf("F1 of nothing = %v, want 1", f)
	}
}
