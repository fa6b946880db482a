//go:build !unix

package pdf

import "time"

// processCPU is not measured here.
func processCPU() (time.Duration, bool) { return 0, false }

// pidCPU is not measured here.
func pidCPU(int) (time.Duration, bool) { return 0, false }
