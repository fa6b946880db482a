//go:build !nowindow && !wayland

package main

// canPlace: X11, Windows and macOS let a window know and set its place.
const canPlace = true
