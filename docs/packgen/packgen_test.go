package packgen

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"panelpapers/docs"
)

// build generates s, skipping the test on a machine without a usable font
// (CI installs fonts-dejavu-core, so there it fails instead).
func build(t testing.TB, s Spec) *Pack {
	t.Helper()
	p, err := Build(s)
	if errors.Is(err, ErrNoFont) && os.Getenv("CI") != "true" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func samples() map[string]Spec {
	return map[string]Spec{
		"pack":        SamplePack(),
		"minutes":     SampleMinutes(),
		"supplement":  SampleSupplement(),
		"report":      SampleReport(),
		"republished": Republish(SamplePack()),
		"large":       LargePack(60, 7),
		"dyfed-powys": DyfedPowysPack(),
	}
}

func TestDeterministic(t *testing.T) {
	for name, s := range samples() {
		t.Run(name, func(t *testing.T) {
			a, b := build(t, s), build(t, s)
			if !bytes.Equal(a.PDF, b.PDF) {
				t.Fatal("two builds of the same spec differ")
			}
			if !bytes.HasPrefix(a.PDF, []byte("%PDF-")) {
				t.Fatalf("not a PDF: %q", a.PDF[:8])
			}
		})
	}
}

// TestGroundTruth checks that what Build says is on the pages agrees with
// itself: stamps, item stamps, blank pages, ranges and questions.
func TestGroundTruth(t *testing.T) {
	for name, s := range samples() {
		t.Run(name, func(t *testing.T) {
			p := build(t, s)
			a := p.Agenda
			if a.Kind != s.kind() || a.Committee != "Dyfed-Powys Police and Crime Panel" || a.Date != s.Date.Format("2006-01-02") {
				t.Errorf("agenda facts %q %q %q", a.Kind, a.Committee, a.Date)
			}
			for _, pg := range p.Pages {
				if pg.Printed != "" && !strings.HasSuffix(pg.Text, "Page "+pg.Printed) {
					t.Errorf("page %d: printed %q but text ends %q", pg.Number, pg.Printed, tail(pg.Text))
				}
				if pg.Blank != strings.Contains(pg.Text, blankText) {
					t.Errorf("page %d: blank %v, text %q", pg.Number, pg.Blank, pg.Text)
				}
			}
			for _, it := range a.Items {
				if it.First == 0 {
					continue
				}
				first := p.Pages[it.First-1]
				if a.Kind != docs.KindMinutes && !strings.HasPrefix(first.Text, "Agenda Item "+it.Number+"\n") {
					t.Errorf("item %s: first page %d starts %q", it.Number, it.First, head(first.Text))
				}
				if it.PrintedFirst > 0 && first.Printed != fmt.Sprint(it.PrintedFirst) {
					t.Errorf("item %s: printed first %d, page %d is printed %q", it.Number, it.PrintedFirst, it.First, first.Printed)
				}
				if it.Last < it.First || it.Last > len(p.Pages) {
					t.Errorf("item %s: pages %d-%d of %d", it.Number, it.First, it.Last, len(p.Pages))
				}
			}
			for _, q := range a.Questions {
				if !strings.Contains(p.Pages[q.Page-1].Text, "Question from "+q.Asker+":") {
					t.Errorf("question of %s not on page %d", q.Asker, q.Page)
				}
				// Minutes share pages between items; a page belongs to the first.
				if a.Kind != docs.KindMinutes && p.Pages[q.Page-1].Item != q.Item {
					t.Errorf("question of %s: item %q, page item %q", q.Asker, q.Item, p.Pages[q.Page-1].Item)
				}
			}
		})
	}
}

func TestSamplePack(t *testing.T) {
	p := build(t, SamplePack())
	if n := len(p.Pages); n < 18 || n > 24 {
		t.Errorf("%d pages, want about 20", n)
	}
	if len(p.Agenda.Questions) != 5 { // three on notice, two in the minutes of 14 July
		t.Errorf("%d questions", len(p.Agenda.Questions))
	}
	if p.Pages[0].Printed != "1" || p.Pages[0].Item != "" {
		t.Errorf("front sheet printed %q item %q", p.Pages[0].Printed, p.Pages[0].Item)
	}
	for _, w := range []string{"Neuadd y Sir", "Dydd Gwener, 27 Hydref 2023", "Ŵyn", "Gâr", "01267 224029"} {
		if !strings.Contains(strings.Join(p.Texts(), "\n"), w) {
			t.Errorf("no %q in the pack", w)
		}
	}
}

// TestDyfedPowysPack checks the summons-first pack: the summons, signed a
// week before, names the venue, time and date in one sentence; the
// membership numbers each council's members from 1; the minutes of 14 July
// carry three questions with responses, the agenda four on notice.
func TestDyfedPowysPack(t *testing.T) {
	p := build(t, DyfedPowysPack())
	first := p.Pages[0].Text
	for _, w := range []string{"FRIDAY, 20 OCTOBER 2023", "TO: ALL MEMBERS OF THE DYFED-POWYS POLICE AND CRIME PANEL",
		"I HEREBY SUMMON YOU TO ATTEND", "HELD IN THE CHAMBER - CEREDIGION COUNTY", "AT 10.30 AM, ON", "FRIDAY, 27TH OCTOBER, 2023", "CHIEF EXECUTIVE"} {
		if !strings.Contains(strings.Join(strings.Fields(first), " "), w) {
			t.Errorf("no %q on the first page:\n%s", w, first)
		}
	}
	if !strings.Contains(p.Pages[1].Text, "MEMBERSHIP") || strings.Count(p.Pages[1].Text, "\n1.  ") != 5 {
		t.Errorf("membership page:\n%s", p.Pages[1].Text)
	}
	a := p.Agenda
	if a.Date != "2023-10-27" || a.Time != "10:30" || !strings.HasPrefix(a.Venue, "The Chamber") || len(a.Items) != 7 {
		t.Errorf("facts: %+v", a)
	}
	var inMinutes, onNotice int
	for _, q := range a.Questions {
		switch {
		case q.Item == "3" && q.Response != "":
			inMinutes++
		case q.Item == "4" && q.Response == "":
			onNotice++
		default:
			t.Errorf("question %+v", q)
		}
	}
	if inMinutes != 3 || onNotice != 4 {
		t.Errorf("%d questions in the minutes, %d on notice; want 3 and 4", inMinutes, onNotice)
	}
}

func TestRepublish(t *testing.T) {
	old, neu := build(t, SamplePack()), build(t, Republish(SamplePack()))
	if len(neu.Pages) <= len(old.Pages) {
		t.Errorf("republished pack has %d pages, the first %d", len(neu.Pages), len(old.Pages))
	}
	if len(neu.Agenda.Items) != len(old.Agenda.Items) || neu.Agenda.Title != old.Agenda.Title {
		t.Errorf("republished agenda differs: %+v", neu.Agenda.Items)
	}
	if !strings.Contains(strings.Join(neu.Texts(), "\n"), "amended on republication") {
		t.Error("no changed paragraph")
	}
	// Republish must not change the spec it was given.
	if strings.Contains(strings.Join(build(t, SamplePack()).Texts(), "\n"), "amended") {
		t.Error("Republish changed its argument")
	}
}

func TestLargePack(t *testing.T) {
	p := build(t, LargePack(200, 3))
	if len(p.Pages) < 200 || len(p.Pages) > 260 {
		t.Errorf("%d pages for 200", len(p.Pages))
	}
	q := build(t, LargePack(200, 4))
	if p.Pages[10].Text == q.Pages[10].Text {
		t.Error("different seeds gave the same text")
	}
}

// TestPDFText checks the ground truth against what poppler reads from the
// PDF, when pdftotext is installed.
func TestPDFText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	for name, s := range samples() {
		t.Run(name, func(t *testing.T) {
			p := build(t, s)
			f := t.TempDir() + "/p.pdf"
			if err := os.WriteFile(f, p.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("pdftotext", "-layout", f, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Split(string(out), "\f")
			if len(got) < len(p.Pages) {
				t.Fatalf("pdftotext found %d pages, want %d", len(got), len(p.Pages))
			}
			for i, pg := range p.Pages {
				if norm(got[i]) != norm(pg.Text) {
					t.Errorf("page %d:\npdftotext %q\nwant      %q", i+1, norm(got[i]), norm(pg.Text))
				}
			}
		})
	}
}

// norm drops layout: pdftotext and the ground truth differ only in spacing.
func norm(s string) string { return strings.ReplaceAll(strings.Join(strings.Fields(s), ""), "-", "") }

func head(s string) string { return s[:min(len(s), 40)] }
func tail(s string) string { return s[max(0, len(s)-40):] }

func BenchmarkBuild200(b *testing.B) {
	s := LargePack(200, 1)
	for b.Loop() {
		build(b, s)
	}
}
