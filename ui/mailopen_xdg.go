//go:build !windows && !darwin

package ui

// linkOpener is the desktop's opener of links (freedesktop.org's xdg-open).
const linkOpener = "xdg-open"
