package agenda_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"panelpapers/docs/agenda"
	"panelpapers/docs/internal/doctest"
	"panelpapers/docs/packgen"
)

// TestAnalyseGeneratedExtracted parses what the app's own extractor reads
// from the generated PDFs, whose spacing differs from the generator's page
// texts: it must find the same agenda.
func TestAnalyseGeneratedExtracted(t *testing.T) {
	for name, s := range map[string]packgen.Spec{
		"pack": packgen.SamplePack(), "minutes": packgen.SampleMinutes(),
		"supplement": packgen.SampleSupplement(), "report": packgen.SampleReport(),
	} {
		t.Run(name, func(t *testing.T) {
			p := doctest.Generated(t, s)
			f := filepath.Join(t.TempDir(), name+".pdf")
			if err := os.WriteFile(f, p.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			pages := extractPDF(t, f)
			got := agenda.Analyse(pages, "")
			if !reflect.DeepEqual(got, p.Agenda) {
				t.Errorf("Analyse:\n%s", agendaDiff(got, p.Agenda))
			}
			for i := range pages {
				if g, w := pages[i], p.Pages[i]; g.Printed != w.Printed || g.Item != w.Item || g.Blank != w.Blank {
					t.Errorf("page %d: %q/%q/%v, want %q/%q/%v", i+1, g.Printed, g.Item, g.Blank, w.Printed, w.Item, w.Blank)
				}
			}
		})
	}
}
