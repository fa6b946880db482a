package assets

import "embed"

// Translations holds the window's words in each language it speaks, one
// file a language in Fyne's `lang` format (translations/en.json,
// translations/cy.json): a key, and its text or its plural forms. The
// command line does not use them: its words stay English for scripts.
//
//go:embed translations
var Translations embed.FS
