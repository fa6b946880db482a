// Package widgets holds the window's reusable widgets and layouts: a row
// the member can choose by mouse or keyboard (FocusRow), entries that let
// their view see keys first (KeyEntry) or know when they are left
// (EditEntry), a multi-line entry that Tab leaves (ProseEntry), a background in a theme colour (ThemedRect), the focus
// outline (FocusRing), and three layouts (Border, InsetLayout, TightVBox).
//
// They know nothing of papers, notes or questions: the package imports only
// Fyne and the standard library, and its widgets take their data as plain
// values and callbacks. Panel Papers' own rows (an agenda item, a search
// result, a draft) are built in package ui around these.
package widgets
