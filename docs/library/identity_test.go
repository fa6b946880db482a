package library

import (
	"strings"
	"testing"
	"time"

	"panelpapers/docs"
)

// record files a version the way an import does, leaving its paper to the
// library (documentFor).
func fileVersion(t *testing.T, l *Library, digit, source string, pages []docs.Page, a docs.Agenda) *docs.Version {
	t.Helper()
	v := &docs.Version{SHA256: strings.Repeat(digit, 64), Title: a.Title, Committee: a.Committee, Date: a.Date,
		Kind: a.Kind, Pages: len(pages), SourceName: source, Agenda: a, Added: time.Now().UTC()}
	if _, err := l.record(v, pages, nil); err != nil {
		t.Fatal(err)
	}
	return v
}

// A new file is a new version only on evidence: the same address, the same
// known facts, or the same file name and mostly the same words; never on
// unknown facts (two undated "Minutes" joined into one paper, the older
// hidden, was the fault of keying papers by their facts alone).
func TestNewFileIsAVersionOnlyOnEvidence(t *testing.T) {
	minutes := docs.Agenda{Title: "Minutes", Kind: docs.KindMinutes}
	pack := testAgenda()
	edited := append([]docs.Page(nil), testPages()...)
	edited[3].Text += "\nA late correction to the report."
	for _, tc := range []struct {
		name             string
		first, second    func(l *Library) *docs.Version
		sameDoc, current bool
	}{
		{"two undated papers both called Minutes",
			func(l *Library) *docs.Version {
				return fileVersion(t, l, "1", "minutes.pdf", collidedMinutesA(), minutes)
			},
			func(l *Library) *docs.Version {
				return fileVersion(t, l, "2", "minutes (1).pdf", collidedMinutesB(), minutes)
			},
			false, true},
		{"undated, same file name, other words",
			func(l *Library) *docs.Version {
				return fileVersion(t, l, "1", "minutes.pdf", collidedMinutesA(), minutes)
			},
			func(l *Library) *docs.Version {
				return fileVersion(t, l, "2", "Downloads/Minutes.PDF", collidedMinutesB(), minutes)
			},
			false, true},
		{"undated, same file name, mostly the same words",
			func(l *Library) *docs.Version {
				return fileVersion(t, l, "1", "pack.pdf", testPages(), docs.Agenda{Title: "Agenda"})
			},
			func(l *Library) *docs.Version {
				return fileVersion(t, l, "2", "pack.pdf", edited, docs.Agenda{Title: "Agenda"})
			},
			true, false},
		{"the same address",
			func(l *Library) *docs.Version {
				return fileVersion(t, l, "1", "https://x.gov.uk/pack.pdf", testPages(), docs.Agenda{Title: "Agenda"})
			},
			func(l *Library) *docs.Version {
				return fileVersion(t, l, "2", "https://x.gov.uk/pack.pdf", edited, pack)
			},
			true, false},
		{"the same known facts, another address",
			func(l *Library) *docs.Version {
				return fileVersion(t, l, "1", "https://x.gov.uk/pack.pdf?T=1", testPages(), pack)
			},
			func(l *Library) *docs.Version {
				return fileVersion(t, l, "2", "https://x.gov.uk/pack.pdf?T=10", edited, pack)
			},
			true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := openTestLibrary(t)
			a, b := tc.first(l), tc.second(l)
			a, err := l.Version(a.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			if (a.Document == b.Document) != tc.sameDoc || a.Current() != tc.current {
				t.Errorf("first on %q (current %v), second on %q", a.Document, a.Current(), b.Document)
			}
		})
	}
}
