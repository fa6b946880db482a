// Package doctest is test support shared by the domain's packages: generated
// packs, and the sample papers as the library would hold them.
package doctest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"sync"
	"testing"

	"panelpapers/docs"
	"panelpapers/docs/packgen"
)

// Generated builds the pack s describes. Without a font to draw with it
// skips the test, except under CI, where a missing font is a failure.
func Generated(t testing.TB, s packgen.Spec) *packgen.Pack {
	t.Helper()
	p, err := packgen.Build(s)
	if errors.Is(err, packgen.ErrNoFont) && os.Getenv("CI") != "true" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Paper is a generated paper as the library would hold it.
type Paper struct {
	V     *docs.Version
	Pages []docs.Page
}

// samplePapers are the minutes of 14 July 2023 and the pack of 27 October
// 2023, built once.
var samplePapers = sync.OnceValues(func() (map[string]Paper, error) {
	out := map[string]Paper{}
	for name, s := range map[string]packgen.Spec{"minutes": packgen.SampleMinutes(), "pack": packgen.SamplePack()} {
		p, err := packgen.Build(s)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(p.PDF)
		v := &docs.Version{SHA256: hex.EncodeToString(sum[:]), Title: p.Agenda.Title, Committee: p.Agenda.Committee,
			Date: p.Agenda.Date, Kind: p.Agenda.Kind, Pages: len(p.Pages), Agenda: p.Agenda}
		out[name] = Paper{v, p.Pages}
	}
	return out, nil
})

// SamplePaper is "minutes" (14 July 2023) or "pack" (27 October 2023).
func SamplePaper(t *testing.T, name string) Paper {
	t.Helper()
	ps, err := samplePapers()
	if err != nil {
		t.Fatal(err)
	}
	return ps[name]
}
