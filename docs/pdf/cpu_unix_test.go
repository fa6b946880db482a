//go:build unix

package pdf

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process and its children that have ended
// (and been waited for) have used: an import's cost, once its workers are
// stopped.
func processCPU() (time.Duration, bool) {
	var self, children syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &self) != nil || syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children) != nil {
		return 0, false
	}
	total := func(r syscall.Rusage) time.Duration {
		return time.Duration(r.Utime.Nano() + r.Stime.Nano())
	}
	return total(self) + total(children), true
}
