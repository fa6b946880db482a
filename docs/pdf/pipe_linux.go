package pdf

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// widenPipe makes the pipe r reads from hold a megabyte, so that a drawing
// crosses it in a few writes rather than seventy (Linux's default is 64 KB).
// It does nothing if the pipe cannot be widened.
func widenPipe(r io.Reader) {
	f, ok := r.(*os.File)
	if !ok {
		return
	}
	if rc, err := f.SyscallConn(); err == nil {
		_ = rc.Control(func(fd uintptr) {
			_, _ = unix.FcntlInt(fd, unix.F_SETPIPE_SZ, 1<<20)
		})
	}
}
