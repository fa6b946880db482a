//go:build linux && cgo

package ui

/*
#include <malloc.h>
#include <stdlib.h>

// A fixed threshold: glibc otherwise raises it to the largest block freed
// so far, so that after the first page texture is freed every later one
// comes from the heap, which is not given back to the system.
static void return_large_frees(void) {
#ifdef M_MMAP_THRESHOLD
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

// large_block_mapped allocates an 8 MB block, frees it, allocates it again
// and says whether the second is mapped on its own (so that freeing it
// gives it back), as a page texture's would be: 1 yes, 0 no, -1 cannot
// tell. Meaningful in a fresh process, whose heap has no 8 MB free.
static int large_block_mapped(void) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
	char *volatile p = malloc(8 << 20);
	p[0] = 1;
	free(p);
	p = malloc(8 << 20);
	p[0] = 1;
	size_t mapped = mallinfo2().hblkhd;
	free(p);
	return mapped >= (8 << 20);
#else
	return -1;
#endif
}
*/
import "C"

// returnLargeFrees has C blocks of 1 MB or more mapped on their own, so
// that freeing one returns its memory to the system at once.
func returnLargeFrees() { C.return_large_frees() }

// largeBlocksMapped reports whether a large C block freed and allocated
// again is mapped on its own, as returnLargeFrees makes it; ok is false
// where the C library cannot tell. For a test, in a fresh process.
func largeBlocksMapped() (mapped, ok bool) {
	switch C.large_block_mapped() {
	case 1:
		return true, true
	case 0:
		return false, true
	}
	return false, false
}
