package fetchtest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"testing"

	"panelpapers/docs/packgen"
)

// Paper names: the short names of the papers the site serves, which PDF
// takes and Label gives back.
const (
	PaperFront      = "front"      // the agenda without its papers
	PaperPack       = "pack"       // the reports pack
	PaperSupplement = "supplement" // the supplementary agenda
	PaperMinutes    = "minutes"    // the printed minutes
	PaperItem1      = "item1"      // item 1's document (minutes of the last meeting)
	PaperItem9      = "item9"      // item 9's document (a report)
)

// paperNames are the papers by the address the fixtures link them from.
var paperNames = map[string]string{
	URIFront: PaperFront, URIPack: PaperPack, URISupp: PaperSupplement, URIMinutes: PaperMinutes,
	URIItem1: PaperItem1, URIItem9: PaperItem9,
}

// paperSpecs are the packgen documents behind each paper.
var paperSpecs = map[string]func() packgen.Spec{
	PaperFront: func() packgen.Spec {
		s := packgen.SamplePack()
		s.Items = append([]packgen.Item(nil), s.Items...)
		for i := range s.Items {
			s.Items[i].Pages, s.Items[i].Questions, s.Items[i].Minutes = nil, nil, nil
		}
		return s
	},
	PaperPack:       packgen.SamplePack,
	PaperSupplement: packgen.SampleSupplement,
	PaperMinutes:    packgen.SampleMinutes,
	PaperItem1:      packgen.SampleMinutes,
	PaperItem9:      packgen.SampleReport,
}

var (
	// pdfCache keeps the PDFs by label ("pack, version 2"): generating them
	// is the slow part of a test.
	pdfCache sync.Map
	// pdfLabels names each PDF made by its SHA-256, so that tests can say
	// which version a library holds.
	pdfLabels sync.Map
)

// PDF returns a realistic paper (made by packgen) under its short name (see
// PaperPack and the like), republished version-1 times. Item documents reuse
// the minutes' and report's specs, so every PDF ends with a line after %%EOF
// naming it ("% item1, version 1"), which tells them apart. The same name and
// version always give the same bytes.
func PDF(t testing.TB, name string, version int) []byte {
	t.Helper()
	label := fmt.Sprintf("%s, version %d", name, version)
	if b, ok := pdfCache.Load(label); ok {
		return b.([]byte)
	}
	spec, ok := paperSpecs[name]
	if !ok {
		t.Fatalf("fetchtest: no paper called %q", name)
	}
	s := spec()
	for i := 1; i < version; i++ {
		s = packgen.Republish(s)
	}
	p, err := packgen.Build(s)
	if err != nil {
		t.Fatal(err)
	}
	b := append(p.PDF, "\n% "+label+"\n"...)
	pdfCache.Store(label, b)
	pdfLabels.Store(SHA256(b), label)
	return b
}

// Label says which PDF made by PDF has this SHA-256 ("pack, version 2"), or
// "unknown".
func Label(sha256 string) string {
	if l, ok := pdfLabels.Load(sha256); ok {
		return l.(string)
	}
	return "unknown"
}

// SHA256 is the hex SHA-256 of b, as the library names versions.
func SHA256(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
