package ui

import (
	"context"
	"errors"
	"fmt"
	"os"

	"panelpapers/docs/pdf"
)

// PDFiumPages draws pages with PDFium: Open waits for engine (which starts
// in the background at launch, see docs.StartPDFiumInBackground) and opens
// the file in it.
func PDFiumPages(engine func(context.Context) (*pdf.PDFium, error)) PageSource {
	return pdfiumPages{engine: engine}
}

type pdfiumPages struct {
	engine func(context.Context) (*pdf.PDFium, error)
}

// Ready reports whether the engine has started, so that the reader can say
// it is starting rather than leave the member looking at "Opening…".
func (p pdfiumPages) Ready() bool {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := p.engine(ctx)
	return !errors.Is(err, context.Canceled)
}

// Open reads the file and opens it in the engine.
func (p pdfiumPages) Open(ctx context.Context, path, password string) (PageDoc, error) {
	eng, err := p.engine(ctx)
	if err != nil {
		return nil, fmt.Errorf("start the PDF engine: %w", err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("open paper: %w", err)
	}
	d, err := eng.Open(data, password)
	if err != nil {
		return nil, err
	}
	return d, nil
}
