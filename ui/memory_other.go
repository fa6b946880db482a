//go:build !linux || !cgo

package ui

// returnLargeFrees has nothing to set here: Windows and macOS give large
// freed blocks back to the system themselves.
func returnLargeFrees() {}
