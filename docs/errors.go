package docs

import (
	"errors"
)

// Sentinel errors for what can go wrong with a file or the library. Callers
// check them with errors.Is and turn them into sentences for the member.
var (
	ErrEmptyFile   = errors.New("the file is empty")
	ErrNotPDF      = errors.New("not a PDF")
	ErrLooksHTML   = errors.New("a web page, not a PDF")
	ErrDamaged     = errors.New("the PDF is damaged or incomplete")
	ErrEncrypted   = errors.New("the PDF needs a password to open")
	ErrBadPassword = errors.New("the password does not open the PDF")
	ErrNoPages     = errors.New("the PDF has no pages")
	// ErrFileTooLarge refuses a file or download bigger than a council paper
	// can be; ErrPageTooLarge a page too big to draw at the size asked.
	ErrFileTooLarge = errors.New("the file is too large")
	ErrPageTooLarge = errors.New("the page is too large to draw at this size")
	ErrLocked       = errors.New("the library is in use by another copy of Panel Papers")
	ErrNotFound     = errors.New("no such paper in the library")
	ErrAmbiguous    = errors.New("more than one paper matches")
)

// ErrIndexBehind means the library changed but the search index could not be
// brought up to date; it will be on its next rebuild.
var ErrIndexBehind = errors.New("the paper was added but search could not be updated yet")

// ErrAlreadyOpen means a window of Panel Papers already has this library open.
var ErrAlreadyOpen = errors.New("Panel Papers is already open")

// ErrBusy means another copy of Panel Papers (or another task of this one)
// is writing the same file, downloading the same paper or adding the same
// PDF, and did not finish within a short wait. What is busy is said in the
// error that wraps it.
var ErrBusy = errors.New("another copy of Panel Papers is busy with the same paper")

// ErrPageTimeout and ErrPageOutOfMemory are a page the PDF engine gave up
// on: it took longer to read or draw than any page should, or needed more
// memory than one page is allowed. The rest of the paper can still be read
// and drawn.
var (
	ErrPageTimeout     = errors.New("the page took too long to read or draw")
	ErrPageOutOfMemory = errors.New("the page needs more memory than one page is allowed")
)
