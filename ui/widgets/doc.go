// Package widgets holds the window's reusable widgets and layouts: a row
// the member can choose by mouse or keyboard (FocusRow), a list that Enter
// chooses from and whose rows know which has the keyboard (List), entries
// that let their view see keys first (KeyEntry), know when they are left
// (EditEntry) or let Tab leave though they have several lines
// (ProseEntry), a toolbar whose buttons fold into a "More" menu when it is
// narrow (Bar), a background in a theme colour (ThemedRect), the focus
// outline (FocusRing), and four layouts (Border, InsetLayout, TightVBox,
// and Flow, a row that wraps).
//
// They know nothing of papers, notes or questions: the package imports only
// Fyne and the standard library, and its widgets take their data as plain
// values and callbacks. Panel Papers' own rows (an agenda item, a search
// result, a draft) are built in package ui around these.
package widgets
