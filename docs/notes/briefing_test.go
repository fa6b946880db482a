package notes

import (
	"testing"
)

func TestLatin1(t *testing.T) {
	tests := map[string]string{
		"Siân – “dŵr” and Tŷ Ddewi": "Siân – “dwr” and Ty Ddewi",
		"plain":                     "plain",
	}
	for in, want := range tests {
		if got := latin1(in); got != want {
			t.Errorf("latin1(%q) = %q, want %q", in, got, want)
		}
	}
}
