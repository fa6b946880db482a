// Package pdf reads and draws PDFs: PDFium (compiled to WebAssembly, run by
// wazero, no cgo) opens, draws and measures pages; text comes from the
// dslipak walker in killable worker processes, with PDFium as referee and
// fallback (Extractor). Nothing here knows about the library or the index.
package pdf
