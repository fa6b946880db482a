//go:build !linux || !cgo

package ui

// returnLargeFrees has nothing to set here: Windows and macOS give large
// freed blocks back to the system themselves.
func returnLargeFrees() {}

// largeBlocksMapped cannot tell here.
func largeBlocksMapped() (mapped, ok bool) { return false, false }
