package ui

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"panelpapers/docs"
)

// WCAG 2.1 AA: text 4.5:1 (1.4.3); the parts of controls and graphics
// needed to see them, and their states such as focus, 3:1 (1.4.11).
const (
	textContrast  = 4.5
	graphContrast = 3.0
)

// linear is an sRGB channel as light (WCAG's relative luminance formula).
func linear(c uint8) float64 {
	v := float64(c) / 255
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

func luminance(c color.NRGBA) float64 {
	return 0.2126*linear(c.R) + 0.7152*linear(c.G) + 0.0722*linear(c.B)
}

// over paints fg over an opaque bg, as the screen shows a translucent colour.
func over(fg, bg color.Color) color.NRGBA {
	f := color.NRGBAModel.Convert(fg).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	a := float64(f.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{R: mix(f.R, b.R), G: mix(f.G, b.G), B: mix(f.B, b.B), A: 255}
}

// contrast is the WCAG contrast ratio of two opaque colours, from 1 to 21.
func contrast(a, b color.NRGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// colourPair is something the window draws: fg on the layers of bg (each
// painted over the one before, the first over the window's background).
type colourPair struct {
	name string
	min  float64 // what WCAG AA asks of it; 0: measured, not asserted
	fg   color.Color
	bg   []color.Color
}

func (p colourPair) ratio(base color.Color) float64 {
	b := over(base, color.White)
	for _, layer := range p.bg {
		b = over(layer, b)
	}
	return contrast(over(p.fg, b), b)
}

// themePairs are the theme's colours as the window uses them.
func themePairs(th fyne.Theme, v fyne.ThemeVariant) []colourPair {
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
	fg, bg := c(theme.ColorNameForeground), c(theme.ColorNameBackground)
	return []colourPair{
		{"text on the window", textContrast, fg, nil},
		{"text in a field", textContrast, fg, []color.Color{c(theme.ColorNameInputBackground)}},
		{"text in a dialog", textContrast, fg, []color.Color{c(theme.ColorNameOverlayBackground)}},
		{"text in a menu", textContrast, fg, []color.Color{c(theme.ColorNameMenuBackground)}},
		{"text on a button", textContrast, fg, []color.Color{c(theme.ColorNameButton)}},
		{"text on a hovered row", textContrast, fg, []color.Color{c(theme.ColorNameHover)}},
		{"text on a selected row", textContrast, fg, []color.Color{c(theme.ColorNameSelection)}},
		{"text on a focused button", textContrast, fg, []color.Color{c(theme.ColorNameButton), c(theme.ColorNameFocus)}},
		{"text on a focused menu item or list", textContrast, fg, []color.Color{c(theme.ColorNameFocus)}},
		{"primary text (New, search hits)", textContrast, c(theme.ColorNamePrimary), nil},
		{"primary text on a hovered row", textContrast, c(theme.ColorNamePrimary), []color.Color{c(theme.ColorNameHover)}},
		{"focus outline round a row", graphContrast, c(theme.ColorNamePrimary), []color.Color{c(theme.ColorNameHover)}},
		// The papers list's row with the keyboard: Fyne's faint hover tint,
		// and the ring libRowView draws round it (widgets.FocusRing).
		{"focus ring round a papers-list row", graphContrast, c(theme.ColorNamePrimary), []color.Color{c(theme.ColorNameHover)}},
		{"focus ring against the window", graphContrast, c(theme.ColorNamePrimary), nil},
		{"focus outline round a selected row", graphContrast, c(theme.ColorNamePrimary), []color.Color{c(theme.ColorNameSelection)}},
		{"text on a primary button", textContrast, c(theme.ColorNameForegroundOnPrimary), []color.Color{c(theme.ColorNamePrimary)}},
		{"text on a focused primary button", textContrast, c(theme.ColorNameForegroundOnPrimary), []color.Color{c(theme.ColorNamePrimary), c(theme.ColorNameFocus)}},
		{"deadline amber (warning)", textContrast, c(theme.ColorNameWarning), nil},
		{"deadline red, errors (error)", textContrast, c(theme.ColorNameError), nil},
		{"success text", textContrast, c(theme.ColorNameSuccess), nil},
		{"placeholder in a field", textContrast, c(theme.ColorNamePlaceHolder), []color.Color{c(theme.ColorNameInputBackground)}},
		{"link", textContrast, c(theme.ColorNameHyperlink), nil},
		{"focused button against unfocused", graphContrast, over(c(theme.ColorNameFocus), over(c(theme.ColorNameButton), over(bg, color.White))), []color.Color{c(theme.ColorNameButton)}},
		{"focus mark against the window", graphContrast, c(theme.ColorNameFocus), nil},
		{"focused field's border", graphContrast, c(theme.ColorNamePrimary), []color.Color{c(theme.ColorNameInputBackground)}},
		{"field border", graphContrast, c(theme.ColorNameInputBorder), nil},
		{"disabled text (exempt in WCAG)", 0, c(theme.ColorNameDisabled), nil},
	}
}

// TestContrast measures the contrast of every colour pair the window
// draws, in Fyne's default theme (logged, for comparison) and in the
// window's Theme, light and dark (asserted: WCAG AA), and of the window's
// own colours on the page. Run with -v for the table.
func TestContrast(t *testing.T) {
	test.NewTempApp(t)
	variants := []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}}
	for _, vr := range variants {
		fyneBG := theme.DefaultTheme().Color(theme.ColorNameBackground, vr.v)
		ours := Theme()
		ourBG := ours.Color(theme.ColorNameBackground, vr.v)
		fynePairs := themePairs(theme.DefaultTheme(), vr.v)
		for i, p := range themePairs(ours, vr.v) {
			t.Run(vr.name+"/"+p.name, func(t *testing.T) {
				got, was := p.ratio(ourBG), fynePairs[i].ratio(fyneBG)
				t.Logf("%-6s %-40s %5.2f:1 (Fyne default %5.2f:1, needs %.1f)", vr.name, p.name, got, was, p.min)
				if got < p.min {
					t.Errorf("%.2f:1, WCAG AA needs %.1f:1", got, p.min)
				}
			})
		}
	}

	// The window's own colours, on the white page (whatever the theme).
	black := color.NRGBA{A: 255}
	page := []colourPair{
		{"page number on a page not drawn yet", textContrast, pageLabelColour, nil},
		{"scan notice", textContrast, color.White, []color.Color{noticeColour}},
		{"page text under a search match", textContrast, black, []color.Color{markColour}},
		{"page text under the current match", textContrast, black, []color.Color{currentColour}},
		{"page text under words being selected", textContrast, black, []color.Color{selectColour}},
		{"a note's pin outline", graphContrast, pinOutline, nil},
		{"page edge (decoration)", 0, edgeColour, nil},
	}
	for _, c := range docs.Colours {
		page = append(page,
			colourPair{"page text under a " + string(c) + " highlight", textContrast, black, []color.Color{noteColour(c)}},
			colourPair{"pin fill, " + string(c) + " (outlined)", 0, opaque(noteColour(c)), nil})
	}
	for _, p := range page {
		t.Run("page/"+p.name, func(t *testing.T) {
			got := p.ratio(paperColour)
			t.Logf("page   %-40s %5.2f:1 (needs %.1f)", p.name, got, p.min)
			if got < p.min {
				t.Errorf("%.2f:1, WCAG AA needs %.1f:1", got, p.min)
			}
		})
	}
}

func TestContrastRatio(t *testing.T) {
	cases := []struct {
		a, b color.NRGBA
		want float64
	}{
		{color.NRGBA{A: 255}, color.NRGBA{R: 255, G: 255, B: 255, A: 255}, 21},
		{color.NRGBA{R: 118, G: 118, B: 118, A: 255}, color.NRGBA{R: 255, G: 255, B: 255, A: 255}, 4.54},
		{color.NRGBA{R: 255, G: 255, B: 255, A: 255}, color.NRGBA{R: 255, G: 255, B: 255, A: 255}, 1},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.a), func(t *testing.T) {
			if got := contrast(tc.a, tc.b); math.Abs(got-tc.want) > 0.01 {
				t.Errorf("got %.3f, want %.2f", got, tc.want)
			}
		})
	}
}
