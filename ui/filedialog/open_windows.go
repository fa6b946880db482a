package filedialog

import (
	"fmt"
	"syscall"
	"unicode/utf16"
	"unsafe"

	"github.com/TheTitanrain/w32"
)

// openBufferChars holds the names of many files chosen at once.
const openBufferChars = 1 << 16

// openFiles is the Windows open dialog (GetOpenFileName, as sqweek/dialog
// calls it), with OFN_ALLOWMULTISELECT when several files may be chosen.
// With several chosen, the buffer holds the folder, then each file's name,
// each ended by a NUL, and a second NUL at the end.
func openFiles(o Open) ([]string, error) {
	buf := make([]uint16, openBufferChars)
	ofn := &w32.OPENFILENAME{
		File:    &buf[0],
		MaxFile: uint32(len(buf)),
		Flags:   w32.OFN_FILEMUSTEXIST | w32.OFN_PATHMUSTEXIST | w32.OFN_NOCHANGEDIR | w32.OFN_EXPLORER,
	}
	ofn.StructSize = uint32(unsafe.Sizeof(*ofn))
	if o.Multiple {
		ofn.Flags |= w32.OFN_ALLOWMULTISELECT
	}
	if o.Title != "" {
		ofn.Title, _ = syscall.UTF16PtrFromString(o.Title)
	}
	if o.Dir != "" {
		ofn.InitialDir, _ = syscall.UTF16PtrFromString(o.Dir)
	}
	var filters []uint16
	for _, f := range o.Filters {
		// "PDF files\0*.pdf;\0"
		filters = append(filters, utf16.Encode([]rune(f.Name))...)
		filters = append(filters, 0)
		for _, e := range f.Extensions {
			filters = append(filters, utf16.Encode([]rune("*."+e+";"))...)
		}
		filters = append(filters, 0)
	}
	if filters != nil {
		filters = append(filters, 0, 0)
		ofn.Filter = &filters[0]
	}
	if !w32.GetOpenFileName(ofn) {
		if e := w32.CommDlgExtendedError(); e != 0 {
			return nil, fmt.Errorf("open dialog: CommDlgExtendedError %#x", e)
		}
		return nil, nil // cancelled
	}
	return splitOpenBuffer(buf), nil
}
