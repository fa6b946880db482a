//go:build !nowindow && wayland

package main

// canPlace: Wayland keeps a window's place to the compositor (GLFW reports
// an error, which go-gl turns into a panic), so the size alone is kept.
const canPlace = false
