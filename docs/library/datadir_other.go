//go:build !(linux || darwin)

package library

// freeSpace cannot tell the free space here: a move then finds out from
// the copy itself, which fails cleanly on a full disk.
func freeSpace(string) int64 { return -1 }
