package fetch

import (
	"fmt"
	"time"

	"panelpapers/docs"
)

// One writer per file, across processes (docs/internal/filelock): a
// download holds the lock of its address (pp-<hash>.lock beside the .part)
// from its first byte until the caller has imported the file
// (Downloaded.Close).

// lockWait is how long a download waits for another download of the same
// address before saying it is busy: long enough for one that is finishing,
// short enough not to keep the member waiting on a large pack.
const lockWait = 2 * time.Second

// busy says what is busy, for the member.
func busy(what string) error { return fmt.Errorf("%w: %s", docs.ErrBusy, what) }
