package library_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"panelpapers/docs"
	"panelpapers/docs/internal/doctest"
	"panelpapers/docs/library"
)

func TestMarkSentAndMeetingDrafts(t *testing.T) {
	lib := openLibrary(t)
	var ids []string
	for _, d := range append(doctest.DraftsFor27October(), docs.Draft{Meeting: "2024-02-02", Body: "Another meeting"}) {
		d.ID = ""
		saved, err := lib.SaveDraft(d)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, saved.ID)
	}
	ds, err := lib.MeetingDrafts("2023-10-27")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].ID != ids[0] || ds[1].ID != ids[1] {
		t.Fatalf("MeetingDrafts = %+v; want the two drafts for 27 October, in order", ds)
	}
	// 23:30 UTC on 10 October is 00:30 on the 11th in London (BST).
	at := time.Date(2023, time.October, 10, 23, 30, 0, 0, time.UTC)
	sent, err := lib.MarkSent(ids[:2], at)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range sent {
		if d.Status != docs.DraftSent || d.SentOn != "2023-10-11" {
			t.Errorf("draft %s: status %s sent on %q, want sent on 2023-10-11", d.ID, d.Status, d.SentOn)
		}
	}
	if _, err := lib.MarkSent([]string{"999"}, at); !errors.Is(err, docs.ErrNotFound) {
		t.Errorf("MarkSent of no draft: %v, want ErrNotFound", err)
	}
}

func TestLinkAnswers(t *testing.T) {
	lib := openLibrary(t)
	minutes := doctest.SamplePaper(t, "minutes")
	var ids []string
	for _, d := range []docs.Draft{
		doctest.SentDraft("", "2023-07-14", "Jane Roberts-Jones", doctest.My101),
		doctest.SentDraft("", "2023-07-14", "Dafydd Llŷr Thomas", doctest.MyWelsh),
		doctest.SentDraft("", "2023-07-14", "Jane Roberts-Jones", "What is the Force doing about flooding at Lampeter?"),
	} {
		saved, err := lib.SaveDraft(d)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, saved.ID)
	}
	answers, err := lib.LinkAnswers(minutes.V, minutes.Pages)
	if err != nil {
		t.Fatal(err)
	}
	if len(answers) != 2 {
		t.Fatalf("%d answers linked, want 2: %+v", len(answers), answers)
	}
	for i, page := range []int{1, 2} {
		d, err := lib.Draft(ids[i])
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != docs.DraftAnswered || d.SentOn != "2023-06-20" {
			t.Errorf("draft %s: status %s sent on %s, want answered and the sent date kept", d.ID, d.Status, d.SentOn)
		}
		a, err := lib.Answer(ids[i])
		if err != nil {
			t.Fatal(err)
		}
		if a.Page != page || a.Pack != minutes.V.SHA256 || !strings.HasPrefix(a.Response, minutes.V.Agenda.Questions[i].Response[:20]) || a.Linked.IsZero() {
			t.Errorf("answer to draft %s: %+v; want page %d of the minutes", ids[i], a, page)
		}
	}
	if d, _ := lib.Draft(ids[2]); d.Status != docs.DraftSent {
		t.Errorf("the unanswered draft is %s", d.Status)
	}
	if _, err := lib.Answer(ids[2]); !errors.Is(err, docs.ErrNotFound) {
		t.Errorf("Answer of an unanswered draft: %v, want ErrNotFound", err)
	}
	// The same minutes again (a republished copy) link nothing new.
	again, err := lib.LinkAnswers(minutes.V, minutes.Pages)
	if err != nil || len(again) != 0 {
		t.Errorf("linking again: %v, %v", again, err)
	}
	if err := lib.DeleteDraft(ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Answer(ids[0]); !errors.Is(err, docs.ErrNotFound) {
		t.Errorf("Answer of a deleted draft: %v, want ErrNotFound", err)
	}
}

func openLibrary(t *testing.T) *library.Library {
	t.Helper()
	lib, err := library.OpenLibrary(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return lib
}
