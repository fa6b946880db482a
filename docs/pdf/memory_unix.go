//go:build unix

package pdf

import "syscall"

// mappedMemory is address space mapped at once and left to the kernel to
// back with pages as they are first touched.
type mappedMemory struct {
	buf []byte
}

// reserve maps limit bytes of address space, which costs no memory until
// used; nil if it cannot.
func reserve(limit uint64) reservation {
	buf, err := syscall.Mmap(-1, 0, int(limit), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON|mapNoReserve)
	if err != nil {
		return nil
	}
	return &mappedMemory{buf: buf}
}

func (m *mappedMemory) grow(size uint64) []byte { return m.buf[:size:size] }

func (m *mappedMemory) free() { _ = syscall.Munmap(m.buf) }
