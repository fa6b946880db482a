package ui

import (
	"fmt"
	"net/url"

	"golang.org/x/sys/windows"
)

// openMailLink opens a mailto: link with the program Windows has for such
// links; ShellExecute fails (SE_ERR_NOASSOC) when there is none.
func openMailLink(u *url.URL) error {
	verb, err := windows.UTF16PtrFromString("open")
	if err != nil {
		return err
	}
	file, err := windows.UTF16PtrFromString(u.String())
	if err != nil {
		return fmt.Errorf("%w: %v", errNoMailProgram, err)
	}
	if err := windows.ShellExecute(0, verb, file, nil, nil, windows.SW_SHOWNORMAL); err != nil {
		return fmt.Errorf("%w: %v", errNoMailProgram, err)
	}
	return nil
}
