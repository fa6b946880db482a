//go:build unix && !linux

package pdf

// mapNoReserve is Linux's alone.
const mapNoReserve = 0
