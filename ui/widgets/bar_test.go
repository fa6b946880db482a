package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// shownIn lists the tools a bar draws, by their text.
func shownIn(b *Bar) []string {
	var out []string
	for _, o := range test.WidgetRenderer(b).Objects() {
		if !o.Visible() {
			continue
		}
		switch o := o.(type) {
		case *widget.Button:
			out = append(out, o.Text)
		case *widget.Label:
			out = append(out, o.Text)
		case *widget.Separator:
			out = append(out, "|")
		}
	}
	return out
}

func TestBarFoldsButtonsIntoMore(t *testing.T) {
	test.NewTempApp(t)
	tapped := ""
	btn := func(s string) *widget.Button { return widget.NewButton(s, func() { tapped = s }) }
	agenda, fitW, fitP, copyB := btn("Agenda"), btn("Fit width"), btn("Fit page"), btn("Copy")
	info := widget.NewLabel("Page 9 of 20")
	hidden := btn("Back to results")
	hidden.Hide()
	fitP.Disable()
	b := NewBar("More", hidden, agenda, widget.NewSeparator(), fitW, fitP, widget.NewSeparator(), info, copyB)
	w := test.NewTempWindow(t, b)
	w.SetPadded(false)

	w.Resize(fyne.NewSize(1000, 60))
	if got := shownIn(b); len(got) != 7 || b.MoreButton().Visible() {
		t.Errorf("wide: shown %q, More shown %v; want every tool and no More", got, b.MoreButton().Visible())
	}

	// Narrow: the last buttons fold, the label stays, and More holds them
	// in order.
	narrow := agenda.MinSize().Width + fitW.MinSize().Width + info.MinSize().Width + b.MoreButton().MinSize().Width + 40
	w.Resize(fyne.NewSize(narrow, 60))
	got := shownIn(b)
	want := []string{"Agenda", "|", "Fit width", "|", "Page 9 of 20", "More"}
	if len(got) != len(want) {
		t.Fatalf("narrow: shown %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("narrow: shown %q, want %q", got, want)
		}
	}
	m := b.Menu()
	if len(m.Items) != 2 || m.Items[0].Label != "Fit page" || !m.Items[0].Disabled || m.Items[1].Label != "Copy" {
		t.Fatalf("menu %v", m.Items)
	}
	m.Items[1].Action()
	if tapped != "Copy" {
		t.Error("the menu item does not do what its button does")
	}
	if b.MinSize().Width > narrow {
		t.Errorf("min width %v: the bar cannot be as narrow as its fixed tools and More", b.MinSize().Width)
	}

	// Narrower still: a separator between buttons gone goes too.
	w.Resize(fyne.NewSize(agenda.MinSize().Width+info.MinSize().Width+b.MoreButton().MinSize().Width+20, 60))
	if got := shownIn(b); len(got) != 4 || got[1] != "|" || got[2] != "Page 9 of 20" {
		t.Errorf("narrower: shown %q, want Agenda | Page 9 of 20 More", got)
	}

	// A hidden tool shown again takes its place once the bar is refreshed.
	w.Resize(fyne.NewSize(1000, 60))
	hidden.Show()
	b.Refresh()
	if got := shownIn(b); got[0] != "Back to results" {
		t.Errorf("shown %q, want Back to results first", got)
	}
}

func TestFlowWraps(t *testing.T) {
	test.NewTempApp(t)
	a, b, c := widget.NewButton("Any committee", nil), widget.NewButton("Meetings from", nil), widget.NewButton("Clear filters", nil)
	flow := container.New(NewFlow(), a, b, c)
	one := a.MinSize().Height
	flow.Resize(fyne.NewSize(1000, one))
	if b.Position().Y != 0 || c.Position().Y != 0 {
		t.Error("wide: not one row")
	}
	w := a.MinSize().Width + b.MinSize().Width + 10
	flow.Resize(fyne.NewSize(w, one))
	if c.Position().Y <= 0 || c.Position().X != 0 || b.Position().Y != 0 {
		t.Errorf("narrow: c at %v, b at %v; want c alone on a second row", c.Position(), b.Position())
	}
	if h := flow.MinSize().Height; h < 2*one {
		t.Errorf("min height %v for two rows of %v", h, one)
	}
	if flow.MinSize().Width > w {
		t.Error("min width wider than the widest tool")
	}
}
