package library

import (
	"os"

	"golang.org/x/sys/unix"
)

// fsImmutableFL is FS_IMMUTABLE_FL of linux/fs.h (chattr +i).
const fsImmutableFL = 0x00000010

// makeImmutable sets the immutable flag on the folder dir, as chattr +i
// does: nothing can be created in it, even by root, until undo clears the
// flag. It needs CAP_LINUX_IMMUTABLE and a file system that keeps the flag
// (ext4, xfs, btrfs; tmpfs since Linux 6.0).
func makeImmutable(dir string) (undo func() error, err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	flags, err := unix.IoctlGetUint32(int(f.Fd()), unix.FS_IOC_GETFLAGS)
	if err != nil {
		return nil, err
	}
	if err := unix.IoctlSetPointerInt(int(f.Fd()), unix.FS_IOC_SETFLAGS, int(flags|fsImmutableFL)); err != nil {
		return nil, err
	}
	return func() error {
		f, err := os.Open(dir)
		if err != nil {
			return err
		}
		defer f.Close()
		return unix.IoctlSetPointerInt(int(f.Fd()), unix.FS_IOC_SETFLAGS, int(flags))
	}, nil
}
