//go:build !linux

package library

import "errors"

// makeImmutable is Linux's chattr +i; elsewhere there is no such flag for
// a test to set.
func makeImmutable(dir string) (undo func() error, err error) {
	return nil, errors.ErrUnsupported
}
