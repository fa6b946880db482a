package library

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"panelpapers/docs"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite the golden files in testdata/backup")

// golden compares got with testdata/backup/name, or rewrites the file with
// -update-golden.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "backup", name)
	if *updateGolden {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update-golden to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update-golden after checking):\n%s", name, got)
	}
}

// sampleLibrary is a library with a meeting's agenda, five notes on it and
// two question drafts.
func sampleLibrary(t *testing.T) (*Library, *docs.Version) {
	t.Helper()
	lib := openTestLibrary(t)
	v := addTestVersion(t, lib, "a", 0, testPages(), testAgenda())
	for _, n := range []docs.Note{
		{Kind: docs.NoteItem, Item: "5", Colour: docs.Green, Comment: "Declare an interest: my wife works for the fire service."},
		{Page: 3, Quote: "The reserves strategy sets aside £2.1m for the estate.", Colour: docs.Yellow, Tags: []string{"finance"},
			Comment: "Which buildings? Ask for the list *before* the meeting.", Boxes: []docs.Rect{{Left: 72, Bottom: 700, Right: 410, Top: 712}}},
		{Page: 3, Quote: "collaboration agreement with the fire service", Colour: docs.Pink},
		{Kind: docs.NotePin, Page: 1, Spot: &docs.Point{X: 500, Y: 800}, Comment: "Venue changed? Check with Siân."},
		{Page: 2, Quote: "What steps is the Commissioner taking", Colour: docs.Blue, Comment: "Follow up on Ceredigion\nand Powys.", Tags: []string{"101", "rural"}},
	} {
		n.Version = v.SHA256
		if _, err := lib.AddNote(n); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []docs.Draft{
		{Meeting: "2023-10-27", Committee: testPanel, Title: "Rural crime", Body: "How many officers patrol Powys at night?"},
		{Title: "Estate", Body: "Which stations will close?", Status: docs.DraftReady},
	} {
		if _, err := lib.SaveDraft(d); err != nil {
			t.Fatal(err)
		}
	}
	return lib, v
}

// steady gives a backup fixed ids and times, so that it can be compared
// with a golden file.
func steady(b *Backup) {
	at := time.Date(2023, 10, 26, 18, 0, 0, 0, time.UTC)
	b.Created = at
	for i := range b.Notes {
		n := &b.Notes[i]
		n.ID = fmt.Sprintf("%012d", i+1)
		n.Created, n.Updated = at.Add(time.Duration(i)*time.Minute), at.Add(time.Duration(i)*time.Minute)
	}
	for i := range b.Drafts {
		d := &b.Drafts[i]
		d.Created, d.Updated = at.Add(time.Duration(i)*time.Minute), at.Add(time.Duration(i)*time.Minute)
		for j := range d.History {
			d.History[j].At = d.Created
		}
	}
}

func TestBackupGolden(t *testing.T) {
	lib, _ := sampleLibrary(t)
	b, err := lib.Backup()
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Notes) != 5 || len(b.Drafts) != 2 || len(b.Papers) != 1 {
		t.Fatalf("backup holds %d notes, %d drafts, %d papers", len(b.Notes), len(b.Drafts), len(b.Papers))
	}
	steady(b)
	raw, err := b.Encode()
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "backup-v1.json", raw)

	// The golden file is itself a backup that restores.
	empty := openTestLibrary(t)
	res, err := empty.Restore(filepath.Join("testdata", "backup", "backup-v1.json"))
	if err != nil || res.NotesAdded != 5 || res.DraftsAdded != 2 {
		t.Errorf("restoring the golden file: %+v, %v", res, err)
	}
}

func TestBriefingGolden(t *testing.T) {
	lib, _ := sampleLibrary(t)
	// A note that lost its place is listed at the end.
	lost := docs.Note{ID: "0123456789ab", Kind: docs.NoteHighlight, Document: DocumentKey(testPanel, "2023-10-27", docs.KindSupplement, "Supplement"),
		Version: strings.Repeat("e", 64), Page: 3, Quote: "late report on estates", Colour: docs.Yellow, Status: docs.NotePlaced, Created: time.Now()}
	if _, err := lib.Restore(writeBackup(t, &Backup{Format: BackupFormat, Version: BackupVersion, Notes: []docs.Note{lost}})); err != nil {
		t.Fatal(err)
	}
	b, err := lib.MeetingNotes("DYFED-POWYS police and crime panel", "2023-10-27")
	if err != nil {
		t.Fatal(err)
	}
	if b.Count() != 6 || len(b.Attention) != 1 {
		t.Errorf("briefing holds %d notes, %d needing attention", b.Count(), len(b.Attention))
	}
	golden(t, "briefing.md", []byte(b.Markdown()))

	var pdf bytes.Buffer
	if err := b.WritePDF(&pdf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf.Bytes()[:min(8, pdf.Len())])
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	path := filepath.Join(t.TempDir(), "notes.pdf")
	if err := os.WriteFile(path, pdf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"Notes for Dyfed-Powys Police and Crime Panel, Friday 27 October 2023",
		"Item 5: Annual report 2022/23", "sets aside £2.1m", "Check with Siân", "Needs attention"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
}

// writeBackup writes b to a file and returns its path.
func writeBackup(t *testing.T, b *Backup) string {
	t.Helper()
	raw, err := b.Encode()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "backup.json")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRestoreOnANewMachine(t *testing.T) {
	lib, v := sampleLibrary(t)
	path := filepath.Join(t.TempDir(), "notes backup.json")
	if _, err := lib.BackupTo(path); err != nil {
		t.Fatal(err)
	}

	// The new machine has a draft of its own and none of the papers yet.
	fresh := openTestLibrary(t)
	mine, err := fresh.SaveDraft(docs.Draft{Title: "Written on the new laptop"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := fresh.Restore(path)
	if err != nil {
		t.Fatal(err)
	}
	if res.NotesAdded != 5 || res.DraftsAdded != 2 || res.NotesKept+res.DraftsKept != 0 {
		t.Errorf("first restore: %+v", res)
	}
	again, err := fresh.Restore(path)
	if err != nil {
		t.Fatal(err)
	}
	if again.NotesAdded+again.DraftsAdded+again.NotesUpdated+again.DraftsUpdated != 0 || again.NotesKept != 5 || again.DraftsKept != 2 {
		t.Errorf("second restore: %+v, want everything kept", again)
	}
	drafts, _ := fresh.Drafts()
	if len(drafts) != 3 {
		t.Errorf("%d drafts after restoring twice, want 3", len(drafts))
	}
	if d, err := fresh.Draft(mine.ID); err != nil || d.Title != mine.Title {
		t.Errorf("the new machine's own draft: %+v, %v", d, err)
	}
	waiting, _ := fresh.Notes(docs.NoteFilter{Status: docs.NoteNeedsAttention})
	if len(waiting) != 5 {
		t.Errorf("%d notes wait for their paper, want 5", len(waiting))
	}

	// Sync brings a republished edition; the notes move onto it.
	pages := testPages()
	pages[2].Text = "Agenda Item 5\nAMENDED\n" + pages[2].Text[len("Agenda Item 5\n"):]
	addTestVersion(t, fresh, "b", 5, pages, testAgenda())
	if _, err := fresh.CatchUpNotes(); err != nil {
		t.Fatal(err)
	}
	all, _ := fresh.Notes(docs.NoteFilter{})
	for _, n := range all {
		// A pin without words has only its page's text to follow, and this
		// machine never had the page it was dropped on.
		want := docs.NotePlaced
		if n.Kind == docs.NotePin {
			want = docs.NoteNeedsAttention
		}
		if n.Status != want || n.Version != strings.Repeat("b", 64) {
			t.Errorf("%s %q: %s (%s) on %.12s", n.Kind, n.Quote, n.Status, n.Reason, n.Version)
		}
	}

	// An edit made on the old machine after the backup wins over the copy.
	notes, _ := lib.Notes(docs.NoteFilter{Colour: docs.Pink})
	edited := notes[0].Note
	edited.Comment = "Ask the Chief Fire Officer too"
	if _, err := lib.SaveNote(edited); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.BackupTo(path); err != nil {
		t.Fatal(err)
	}
	third, err := fresh.Restore(path)
	if err != nil || third.NotesUpdated != 1 {
		t.Fatalf("restoring a later backup: %+v, %v", third, err)
	}
	if n, _ := fresh.Note(edited.ID); n.Comment != edited.Comment || n.Version != strings.Repeat("b", 64) || n.Status != docs.NotePlaced {
		t.Errorf("updated note = %+v", n)
	}
	_ = v
}

func TestRestoreRefuses(t *testing.T) {
	tests := []struct {
		file string
		want error
		says string
	}{
		{"not-json.txt", ErrBadBackup, "not a Panel Papers backup"},
		{"other-format.json", ErrBadBackup, "does not say it is one"},
		{"no-version.json", ErrBadBackup, "no valid version"},
		{"future-version.json", ErrBackupTooNew, "version 2 backup"},
		{"bad-note.json", ErrBadBackup, "note 2 has an unknown colour"},
		{"bad-draft.json", ErrBadBackup, "question draft 1 has an unknown status"},
		{"unknown-field.json", ErrBadBackup, "unknown field"},
		{"truncated.json", ErrBadBackup, "unexpected end"},
	}
	lib, _ := sampleLibrary(t)
	before, err := lib.Backup()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := lib.Restore(filepath.Join("testdata", "backup", tt.file))
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("restore %s: %v; want %v saying %q", tt.file, err, tt.want, tt.says)
			}
			after, err := lib.Backup()
			if err != nil {
				t.Fatal(err)
			}
			after.Created = before.Created
			x, _ := before.Encode()
			y, _ := after.Encode()
			if !bytes.Equal(x, y) {
				t.Errorf("a refused restore changed the library")
			}
		})
	}
}

func TestAutoBackup(t *testing.T) {
	lib := openTestLibrary(t)
	if path, err := lib.AutoBackup(); err != nil || path != "" {
		t.Fatalf("backing up an empty library: %q, %v", path, err)
	}
	var paths []string
	for i := 0; i < BackupsKept+2; i++ {
		if _, err := lib.SaveDraft(docs.Draft{Title: fmt.Sprint("draft ", i)}); err != nil {
			t.Fatal(err)
		}
		path, err := lib.AutoBackup()
		if err != nil || path == "" {
			t.Fatalf("backup %d: %q, %v", i, path, err)
		}
		paths = append(paths, path)
		if again, err := lib.AutoBackup(); err != nil || again != "" {
			t.Errorf("backup with nothing changed wrote %q, %v", again, err)
		}
	}
	names, err := autoBackups(lib.BackupDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != BackupsKept {
		t.Fatalf("%d backups kept, want %d", len(names), BackupsKept)
	}
	if newest := filepath.Join(lib.BackupDir(), names[len(names)-1]); newest != paths[len(paths)-1] {
		t.Errorf("newest kept is %s, want %s", newest, paths[len(paths)-1])
	}
	f, err := os.Open(paths[len(paths)-1])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := ReadBackup(f)
	if err != nil || len(b.Drafts) != BackupsKept+2 {
		t.Errorf("newest backup: %v drafts, %v", len(b.Drafts), err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(lib.BackupDir(), ".tmp-*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}
