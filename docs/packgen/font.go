package packgen

import "panelpapers/docs/internal/fonts"

// ErrNoFont reports that no TrueType font with Welsh letters (ŵ, ŷ, â) was
// found. Installing Debian's fonts-dejavu-core (or fonts-liberation) fixes it.
var ErrNoFont = fonts.ErrNone
