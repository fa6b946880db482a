package library

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/questions"
)

func openTestLibrary(t *testing.T) *Library {
	t.Helper()
	lib, err := OpenLibrary(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func TestDraftLifecycle(t *testing.T) {
	lib := openTestLibrary(t)
	if ds, err := lib.Drafts(); err != nil || len(ds) != 0 {
		t.Fatalf("Drafts() of a new library = %v, %v; want none", ds, err)
	}

	first, err := lib.SaveDraft(docs.Draft{
		Meeting:   "2023-10-27",
		Committee: "Dyfed-Powys Police and Crime Panel",
		Title:     "Rural crime",
		Body:      "How many officers",
		Citations: []docs.Citation{{Pack: strings.Repeat("ab", 32), Page: 23, Text: "rural crime team"}},
		History:   []docs.DraftChange{{Status: docs.DraftAnswered}}, // ignored: the library keeps the history
	})
	if err != nil {
		t.Fatal(err)
	}
	if first.ID == "" || first.Status != docs.DraftWriting || first.Addressee != docs.DefaultAddressee {
		t.Fatalf("new draft = %+v; want an id, status draft and the default addressee", first)
	}
	if first.Created.IsZero() || !first.Updated.Equal(first.Created) {
		t.Errorf("new draft created %v, updated %v", first.Created, first.Updated)
	}
	if len(first.History) != 1 || first.History[0].Status != docs.DraftWriting {
		t.Errorf("new draft's history = %+v, want one change to draft", first.History)
	}

	// Autosave with nothing changed writes nothing.
	again, err := lib.SaveDraft(first)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Updated.Equal(first.Updated) || len(again.History) != 1 {
		t.Errorf("saving an unchanged draft changed it: %+v", again)
	}

	// Typing changes the body but not the history.
	edited := first
	edited.Body += " patrol Powys?"
	edited, err = lib.SaveDraft(edited)
	if err != nil {
		t.Fatal(err)
	}
	if edited.Body != "How many officers patrol Powys?" || len(edited.History) != 1 || !edited.Created.Equal(first.Created) {
		t.Errorf("edited draft = %+v", edited)
	}

	// Sending it records the status change and the day it was sent.
	edited.Status = docs.DraftSent
	sent, err := lib.SaveDraft(edited)
	if err != nil {
		t.Fatal(err)
	}
	if len(sent.History) != 2 || sent.History[1].Status != docs.DraftSent || sent.SentOn == "" {
		t.Errorf("sent draft = %+v; want a second change and SentOn", sent)
	}
	if _, err := time.Parse(time.DateOnly, sent.SentOn); err != nil {
		t.Errorf("SentOn = %q: %v", sent.SentOn, err)
	}

	second, err := lib.SaveDraft(docs.Draft{Title: "No meeting yet", Addressee: "the Chief Constable"})
	if err != nil {
		t.Fatal(err)
	}
	third, err := lib.SaveDraft(docs.Draft{Title: "Later meeting", Meeting: "2024-01-26"})
	if err != nil {
		t.Fatal(err)
	}
	if second.ID == first.ID || third.ID == second.ID || second.Addressee != "the Chief Constable" {
		t.Errorf("ids %s %s %s, addressee %q", first.ID, second.ID, third.ID, second.Addressee)
	}

	got, err := lib.Draft(first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !sameDraft(got, sent) || !got.Updated.Equal(sent.Updated) || len(got.History) != 2 {
		t.Errorf("Draft(%s) = %+v\nwant %+v", first.ID, got, sent)
	}
	if !reflect.DeepEqual(got.Citations, sent.Citations) {
		t.Errorf("citations = %+v, want %+v", got.Citations, sent.Citations)
	}

	all, err := lib.Drafts()
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, d := range all {
		order = append(order, d.Title)
	}
	if want := []string{"Later meeting", "Rural crime", "No meeting yet"}; !reflect.DeepEqual(order, want) {
		t.Errorf("Drafts() order = %q, want %q", order, want)
	}

	if err := lib.DeleteDraft(first.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Draft(first.ID); !errors.Is(err, docs.ErrNotFound) {
		t.Errorf("Draft of a deleted draft = %v, want ErrNotFound", err)
	}
	if err := lib.DeleteDraft(first.ID); !errors.Is(err, docs.ErrNotFound) {
		t.Errorf("deleting twice = %v, want ErrNotFound", err)
	}
	// An autosave arriving after the draft was deleted elsewhere does not
	// bring it back under its old id.
	if _, err := lib.SaveDraft(sent); !errors.Is(err, docs.ErrNotFound) {
		t.Errorf("saving a deleted draft = %v, want ErrNotFound", err)
	}
	if all, _ := lib.Drafts(); len(all) != 2 {
		t.Errorf("%d drafts left, want 2", len(all))
	}
}

func TestSaveDraftRefuses(t *testing.T) {
	lib := openTestLibrary(t)
	tests := []struct {
		name  string
		draft docs.Draft
	}{
		{"unknown status", docs.Draft{Status: "posted"}},
		{"meeting not a date", docs.Draft{Meeting: "27/10/2023"}},
		{"sent date not a date", docs.Draft{Status: docs.DraftSent, SentOn: "yesterday"}},
		{"unknown id", docs.Draft{ID: "999"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d, err := lib.SaveDraft(tt.draft); err == nil {
				t.Errorf("SaveDraft(%+v) = %+v, want an error", tt.draft, d)
			}
		})
	}
	if all, err := lib.Drafts(); err != nil || len(all) != 0 {
		t.Errorf("after refused saves: %d drafts, %v", len(all), err)
	}
}

func TestRuleFor(t *testing.T) {
	lib := openTestLibrary(t)
	const panel = "Dyfed-Powys Police and Crime Panel"
	got, err := lib.RuleFor(panel)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, questions.DeadlineRule{ClearDays: questions.DefaultClearDays}) {
		t.Errorf("unset rule = %+v, want the default", got)
	}
	if _, own, err := lib.OwnRule(panel); own || err != nil {
		t.Errorf("unset rule is the panel's own (%v)", err)
	}

	want := questions.DeadlineRule{ClearDays: 5, Cutoff: "12:00", Closed: []string{"2023-12-27"}}
	if err := lib.SetRule(panel, want); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{panel, "dyfed-powys  police and crime panel "} {
		got, err := lib.RuleFor(name)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("RuleFor(%q) = %+v, want %+v", name, got, want)
		}
		if own, set, _ := lib.OwnRule(name); !set || !reflect.DeepEqual(own, want) {
			t.Errorf("OwnRule(%q) = %+v, %v; want the rule set", name, own, set)
		}
	}
	if other, _ := lib.RuleFor("North Wales Police and Crime Panel"); other.ClearDays != questions.DefaultClearDays {
		t.Errorf("another panel's rule = %+v, want the default", other)
	}

	if err := lib.SetRule(panel, questions.DeadlineRule{ClearDays: -2}); !errors.Is(err, questions.ErrBadRule) {
		t.Errorf("SetRule with a bad rule = %v, want ErrBadRule", err)
	}
	if got, _ := lib.RuleFor(panel); !reflect.DeepEqual(got, want) {
		t.Errorf("a refused rule replaced the stored one: %+v", got)
	}
}

// draftWriterEnv names the library folder the draft-writing child process
// of TestDraftsSurviveKill writes to.
const draftWriterEnv = "PANELPAPERS_DRAFT_WRITER"

// writerBody is the body of the writer's i-th save: sizes from a line to
// several bbolt pages, each recognisable from i alone.
func writerBody(i int) string {
	return strings.Repeat(fmt.Sprintf("question %d body. ", i), 1+(i%40)*60)
}

// TestDraftWriterProcess is the child process of TestDraftsSurviveKill, not
// a test of its own: it saves drafts as fast as it can, new ones and edits
// of earlier ones, and prints "ack ID I" after each save returns.
func TestDraftWriterProcess(t *testing.T) {
	dir := os.Getenv(draftWriterEnv)
	if dir == "" {
		t.Skip("the child process of TestDraftsSurviveKill")
	}
	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := 0; i < 100000; i++ {
		d := docs.Draft{Title: strconv.Itoa(i), Body: writerBody(i), Meeting: "2023-10-27"}
		if i%3 == 2 {
			d.ID = ids[i%len(ids)]
		}
		saved, err := lib.SaveDraft(d)
		if err != nil {
			t.Fatal(err)
		}
		if d.ID == "" {
			ids = append(ids, saved.ID)
		}
		fmt.Printf("ack %s %d\n", saved.ID, i)
	}
}

func TestDraftsSurviveKill(t *testing.T) {
	dir := t.TempDir()
	acked := killWriter(t, "TestDraftWriterProcess", draftWriterEnv, dir, 150)

	lib, err := OpenLibrary(dir)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	all, err := lib.Drafts()
	if err != nil {
		t.Fatalf("list after kill: %v", err)
	}
	stored := map[string]docs.Draft{}
	for _, d := range all {
		stored[d.ID] = d
	}
	for id, i := range acked {
		d, ok := stored[id]
		if !ok {
			t.Errorf("acknowledged draft %s (save %d) is gone", id, i)
			continue
		}
		// The save after the last acknowledged one may have committed too.
		j, err := strconv.Atoi(d.Title)
		if err != nil || j < i {
			t.Errorf("draft %s holds save %q, older than acknowledged save %d", id, d.Title, i)
			continue
		}
		if d.Body != writerBody(j) {
			t.Errorf("draft %s: body of save %d is damaged (%d bytes)", id, j, len(d.Body))
		}
	}
	if _, err := lib.SaveDraft(docs.Draft{Title: "after the crash"}); err != nil {
		t.Errorf("save after kill: %v", err)
	}
	t.Logf("%d drafts acknowledged before the kill, %d stored", len(acked), len(all))
}
