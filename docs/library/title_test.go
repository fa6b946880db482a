package library

import (
	"context"
	"testing"

	"panelpapers/docs"
)

// fakeTitles gives every PDF the same Title metadata.
type fakeTitles string

func (f fakeTitles) Title(context.Context, string, string) (string, error) { return string(f), nil }

// TestTitleMetadataFillsWhatTheTextLacks: a paper whose text names its
// committee and date only in passing gets them from its Title metadata,
// marked as such, and keeps them when the papers are read again, which
// opens no PDF (drop the Titles call from Import, or PDFTitle from the
// re-reading, and this fails).
func TestTitleMetadataFillsWhatTheTextLacks(t *testing.T) {
	ctx := context.Background()
	pages := []docs.Page{{Number: 1, Text: "1.  Apologies\n\n2.  Declarations of Interest\n\n3.  Budget\n\nPrinted for the Dyfed-Powys Police and Crime Panel, 27/10/2023"}}
	p, _ := newPapers(t, fakeExtractor{pages: pages})
	p.Titles = fakeTitles("Dyfed-Powys  Police and Crime Panel 27/10/2023")
	res, err := p.Import(ctx, tempFileWith(t, "agenda.pdf", "%PDF-1.4 titled"), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string, v *docs.Version) {
		t.Helper()
		if v.Committee != "Dyfed-Powys Police and Crime Panel" || v.Date != "2023-10-27" {
			t.Errorf("%s: committee %q date %q", when, v.Committee, v.Date)
		}
		if s := v.Agenda.Sources; s[docs.FactCommittee] != docs.SourceMetadata || s[docs.FactDate] != docs.SourceMetadata {
			t.Errorf("%s: sources %v", when, s)
		}
	}
	v := res.Version
	if v.PDFTitle != "Dyfed-Powys Police and Crime Panel 27/10/2023" {
		t.Errorf("Title kept as %q", v.PDFTitle)
	}
	check("added", v)
	if err := p.Lib.SetSetting(settingReading, "1"); err != nil {
		t.Fatal(err)
	}
	if err := (&Papers{Lib: p.Lib}).Reread(ctx, nil); err != nil {
		t.Fatal(err)
	}
	again, err := p.Lib.Version(v.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	check("read again", again)

	// A paper added before Titles were kept has its Title read when the
	// papers are read again on upgrade (drop the title call from Reread
	// and this fails).
	q, _ := newPapers(t, fakeExtractor{pages: pages})
	res, err = q.Import(ctx, tempFileWith(t, "agenda.pdf", "%PDF-1.4 older"), ImportOptions{})
	if err != nil || res.Version.Committee != "" {
		t.Fatalf("added without Titles: %+v, %v", res.Version, err)
	}
	if err := q.Lib.SetSetting(settingReading, "2"); err != nil {
		t.Fatal(err)
	}
	q.Titles = fakeTitles("Dyfed-Powys Police and Crime Panel 27/10/2023")
	if err := q.Reread(ctx, nil); err != nil {
		t.Fatal(err)
	}
	older, err := q.Lib.Version(res.Version.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	check("read again on upgrade", older)
}
