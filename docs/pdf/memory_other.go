//go:build !unix && !windows

package pdf

// reserve has no way here to set address space aside: memory grows as Go
// slices.
func reserve(uint64) reservation { return nil }
