//go:build darwin && cgo

package filedialog

// openFiles asks for one file: sqweek/dialog's Cocoa panel takes one.
func openFiles(o Open) ([]string, error) {
	path, err := builder(o.Title, o.Dir, o.Filters).Load()
	if err = cancelled(err); err != nil || path == "" {
		return nil, err
	}
	return []string{path}, nil
}
