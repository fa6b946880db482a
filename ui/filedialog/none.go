//go:build !(linux && cgo) && !windows && !(darwin && cgo)

package filedialog

// Here the computer's own dialogs are not built in: the window uses its own.

func openFiles(Open) ([]string, error)    { return nil, ErrUnavailable }
func saveFile(Save) (string, error)       { return "", ErrUnavailable }
func chooseFolder(Folder) (string, error) { return "", ErrUnavailable }
