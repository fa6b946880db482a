package pdf

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// virtualMemory is address space reserved at once and committed as the
// memory grows.
type virtualMemory struct {
	base      uintptr
	limit     uint64
	committed uint64
}

// reserve reserves limit bytes of address space; nil if it cannot.
func reserve(limit uint64) reservation {
	base, err := windows.VirtualAlloc(0, uintptr(limit), windows.MEM_RESERVE, windows.PAGE_NOACCESS)
	if err != nil {
		return nil
	}
	return &virtualMemory{base: base, limit: limit}
}

func (m *virtualMemory) grow(size uint64) []byte {
	if size > m.committed {
		if _, err := windows.VirtualAlloc(m.base, uintptr(size), windows.MEM_COMMIT, windows.PAGE_READWRITE); err != nil {
			return nil
		}
		m.committed = size
	}
	// The address comes from VirtualAlloc, not from Go: read it as a
	// pointer without the uintptr conversion vet cannot see through.
	p := *(*unsafe.Pointer)(unsafe.Pointer(&m.base))
	return unsafe.Slice((*byte)(p), m.limit)[:size:size]
}

func (m *virtualMemory) free() { _ = windows.VirtualFree(m.base, 0, windows.MEM_RELEASE) }
