package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// KeyEntry is an entry that lets its view handle some keys first (Escape,
// arrows, F3) before the entry does.
type KeyEntry struct {
	widget.Entry
	// OnKey, when set, sees each key first; true means it handled it.
	OnKey func(*fyne.KeyEvent) bool
}

// NewKeyEntry makes an empty single-line KeyEntry.
func NewKeyEntry() *KeyEntry {
	e := &KeyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey offers the key to OnKey, then to the entry.
func (e *KeyEntry) TypedKey(k *fyne.KeyEvent) {
	if e.OnKey != nil && e.OnKey(k) {
		return
	}
	e.Entry.TypedKey(k)
}

// EditEntry is an entry that tells its view when the member leaves it, so
// that what was typed is saved at once.
type EditEntry struct {
	widget.Entry
	// OnFocusLost, when set, is called after the entry loses the keyboard.
	OnFocusLost func()
}

// NewEditEntry makes an empty single-line EditEntry calling onFocusLost.
func NewEditEntry(onFocusLost func()) *EditEntry {
	e := &EditEntry{OnFocusLost: onFocusLost}
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false: an EditEntry holds words, not code, so Tab moves
// to the next field even when it has several lines.
func (e *EditEntry) AcceptsTab() bool { return false }

// FocusLost tells the view the entry was left.
func (e *EditEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.OnFocusLost != nil {
		e.OnFocusLost()
	}
}

// ProseEntry is a multi-line entry for words (a comment, a list of dates):
// Tab moves to the next field instead of typing a tab character, as in a
// form on the web. Fyne's multi-line entry keeps Tab, as a code editor does.
type ProseEntry struct {
	widget.Entry
}

// NewProseEntry makes an empty multi-line ProseEntry that wraps its words.
func NewProseEntry() *ProseEntry {
	e := &ProseEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab is false: Tab leaves the entry.
func (e *ProseEntry) AcceptsTab() bool { return false }
