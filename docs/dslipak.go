package docs

// STUB — replaced by the dslipak helper. Signatures are the contract.

import (
	"fmt"
	"io"
	"strings"

	"github.com/dslipak/pdf"
)

// dslipakDoc is a PDF opened with dslipak/pdf, the text engine the user chose.
type dslipakDoc struct {
	r *pdf.Reader
}

// openDslipak opens a PDF held in f. It never panics.
func openDslipak(f io.ReaderAt, size int64, password string) (d *dslipakDoc, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %v", ErrDamaged, p)
		}
	}()
	r, err := pdf.NewReaderEncrypted(f, size, func() string { return password })
	if err != nil {
		return nil, err
	}
	return &dslipakDoc{r: r}, nil
}

// NumPages is the number of pages.
func (d *dslipakDoc) NumPages() int { return d.r.NumPage() }

// PageText lays out page n (from 1) as lines of text. It never panics, but it
// may hang on hostile input: call it only where it can be stopped.
func (d *dslipakDoc) PageText(n int) (text string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("page %d: %v", n, p)
		}
	}()
	var b strings.Builder
	for _, t := range d.r.Page(n).Content().Text {
		b.WriteString(t.S)
	}
	return b.String(), nil
}
