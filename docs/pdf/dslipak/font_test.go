package dslipak

import "testing"

func TestDslipakGlyphNames(t *testing.T) {
	tests := map[string]string{
		"uni0174":      "Ŵ",
		"uni00660069":  "fi",
		"u1F600":       "😀",
		"f_f_i":        "ffi",
		"one.oldstyle": "1",
		"A.sc":         "A",
		"g123":         "",
	}
	for name, want := range tests {
		t.Run(name, func(t *testing.T) {
			if got := glyphName(name); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}
