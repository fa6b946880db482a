//go:build linux && cgo

package ui

/*
#include <malloc.h>

// A fixed threshold: glibc otherwise raises it to the largest block freed
// so far, so that after the first page texture is freed every later one
// comes from the heap, which is not given back to the system.
static void return_large_frees(void) {
#ifdef M_MMAP_THRESHOLD
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}
*/
import "C"

// returnLargeFrees has C blocks of 1 MB or more mapped on their own, so
// that freeing one returns its memory to the system at once.
func returnLargeFrees() { C.return_large_frees() }
