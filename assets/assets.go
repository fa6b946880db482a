// Package assets holds the files the app ships inside its binary: the icon
// and the generated sample pack (a made-up meeting; never a real council's
// PDF). Regenerate the pack with `make sample`.
package assets

import _ "embed"

// Icon is the app's icon, a 512 px PNG.
//
//go:embed icon.png
var Icon []byte

// SamplePack is a generated agenda pack for trying the app.
//
//go:embed sample-pack.pdf
var SamplePack []byte
