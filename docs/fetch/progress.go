package fetch

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// ProgressLine describes a download in progress for a status line:
// "12.3 MB of 40.1 MB  1.2 MB/s  23 s left". Parts it cannot know yet are
// left out: the total when the server does not send one (total < 0), the
// speed in the first half second, the time left without a total or a speed.
func ProgressLine(done, total int64, elapsed time.Duration) string {
	parts := []string{FormatBytes(done)}
	if total > 0 {
		parts[0] += " of " + FormatBytes(total)
	}
	if elapsed < 500*time.Millisecond || done <= 0 {
		return parts[0]
	}
	rate := float64(done) / elapsed.Seconds()
	parts = append(parts, FormatBytes(int64(rate))+"/s")
	if total > 0 && total >= done {
		parts = append(parts, formatLeft(time.Duration(float64(total-done)/rate*float64(time.Second))))
	}
	return strings.Join(parts, "  ")
}

// FormatBytes gives a size the way file managers do, in powers of 1000:
// "812 B", "45 KB", "12.3 MB", "1.25 GB".
func FormatBytes(n int64) string {
	f := float64(n)
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 100_000:
		return fmt.Sprintf("%.1f KB", f/1e3)
	case n < 1_000_000:
		return fmt.Sprintf("%.0f KB", f/1e3)
	case n < 1_000_000_000:
		return fmt.Sprintf("%.1f MB", f/1e6)
	default:
		return fmt.Sprintf("%.2f GB", f/1e9)
	}
}

// formatLeft rounds up: "1 s left" rather than "0 s left" just before the end.
func formatLeft(d time.Duration) string {
	s := int64(math.Ceil(d.Seconds()))
	switch {
	case s < 60:
		return fmt.Sprintf("%d s left", s)
	case s < 3600:
		return fmt.Sprintf("%d min left", (s+59)/60)
	default:
		m := (s + 59) / 60
		return fmt.Sprintf("%d h %d min left", m/60, m%60)
	}
}
