package ui

import (
	"runtime/debug"
	"sync/atomic"
)

// gcPercent is the window's garbage-collection target: a new collection
// once the heap has grown by a quarter (Go's default is by all of it). The
// window's heap is mostly page drawings, which hold no pointers, so
// marking it is quick and collecting sooner costs little; it keeps tens
// of megabytes of drawings already let go from staying resident (see
// bench/MEMORY.md).
const gcPercent = 25

// giveBack returns the heap's unused memory to the system; a variable, for
// a test to see it done.
var giveBack = debug.FreeOSMemory

// saving is set by SaveMemory: the window's process, not a test's.
var (
	saving    atomic.Bool
	releasing atomic.Bool // a release is running
)

// SaveMemory sets how the window's process uses memory: the collector's
// target above; memory given back to the system when a paper is closed;
// and on Linux, C allocations of a megabyte or more (the graphics
// driver's copies of page drawings) given back as soon as they are freed.
// Call it once, before the window opens.
func SaveMemory() {
	debug.SetGCPercent(gcPercent)
	returnLargeFrees()
	saving.Store(true)
}

// releaseAfter is how many bytes of drawings let go at once (as when
// zooming back out) are worth giving back to the system straight away.
const releaseAfter = 32 << 20

// releaseMemory gives the memory the heap no longer uses back to the
// system, in the background: Go would otherwise return it over minutes.
// Called when a paper is closed, whose drawings have just been let go, and
// when zooming out lets go of releaseAfter or more.
func releaseMemory() {
	if !saving.Load() || !releasing.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer releasing.Store(false)
		giveBack()
	}()
}
