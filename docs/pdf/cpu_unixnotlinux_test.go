//go:build unix && !linux

package pdf

import "time"

// pidCPU is measured on Linux only.
func pidCPU(int) (time.Duration, bool) { return 0, false }
