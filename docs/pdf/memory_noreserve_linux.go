package pdf

import "syscall"

// mapNoReserve keeps Linux from counting the whole mapping against its
// overcommit limit.
const mapNoReserve = syscall.MAP_NORESERVE
