package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme is Fyne's default theme with the colours that fail WCAG AA
// replaced (TestContrast measures every pair the window draws): Fyne's blue
// is 4.47:1 as text on white and 4.01:1 on the dark background, its amber
// and red 2.16:1 and 3.68:1 as text on white, its placeholder grey 3.19:1,
// its focus tint 1.26:1 against an unfocused button, and its field borders
// 1.28:1. The replacements keep the look: a deeper blue in the light
// variant, a lighter one (with dark text on it) in the dark, darker
// text, and a focus tint strong enough to see (3:1) with text still
// readable on it (4.5:1). Sizes and fonts are Fyne's, so text follows the
// member's scale setting. main sets it: a.Settings().SetTheme(ui.Theme()).
func Theme() fyne.Theme { return accessibleTheme{fyne.Theme(theme.DefaultTheme())} }

type accessibleTheme struct{ fyne.Theme }

// themeColours are the colours replaced, by variant.
var themeColours = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.NRGBA{
	theme.VariantLight: {
		theme.ColorNameForeground:          {R: 31, G: 31, B: 31, A: 255},
		theme.ColorNamePrimary:             {R: 30, G: 90, B: 210, A: 255},
		theme.ColorNameHyperlink:           {R: 30, G: 90, B: 210, A: 255},
		theme.ColorNameForegroundOnPrimary: {R: 255, G: 255, B: 255, A: 255},
		theme.ColorNameFocus:               {R: 30, G: 90, B: 210, A: 179},
		theme.ColorNameWarning:             {R: 158, G: 86, B: 0, A: 255},
		theme.ColorNameForegroundOnWarning: {R: 255, G: 255, B: 255, A: 255},
		theme.ColorNameError:               {R: 198, G: 40, B: 40, A: 255},
		theme.ColorNameForegroundOnError:   {R: 255, G: 255, B: 255, A: 255},
		theme.ColorNameSuccess:             {R: 30, G: 120, B: 50, A: 255},
		theme.ColorNameForegroundOnSuccess: {R: 255, G: 255, B: 255, A: 255},
		theme.ColorNamePlaceHolder:         {R: 106, G: 106, B: 106, A: 255},
		theme.ColorNameInputBorder:         {R: 118, G: 118, B: 118, A: 255},
	},
	theme.VariantDark: {
		theme.ColorNameForeground:          {R: 255, G: 255, B: 255, A: 255},
		theme.ColorNamePrimary:             {R: 110, G: 160, B: 255, A: 255},
		theme.ColorNameHyperlink:           {R: 110, G: 160, B: 255, A: 255},
		theme.ColorNameForegroundOnPrimary: {R: 12, G: 12, B: 14, A: 255},
		theme.ColorNameFocus:               {R: 80, G: 140, B: 255, A: 189},
		theme.ColorNameForegroundOnWarning: {R: 12, G: 12, B: 14, A: 255},
		theme.ColorNameForegroundOnError:   {R: 12, G: 12, B: 14, A: 255},
		theme.ColorNameForegroundOnSuccess: {R: 12, G: 12, B: 14, A: 255},
		theme.ColorNameInputBorder:         {R: 130, G: 130, B: 136, A: 255},
	},
}

// Color is the replacement where there is one, else Fyne's colour.
func (t accessibleTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := themeColours[v][n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}
