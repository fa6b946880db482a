// Package pdf reads and draws PDFs: PDFium (compiled to WebAssembly, run by
// wazero, no cgo) opens, draws and measures pages; text comes from the
// dslipak walker in killable worker processes, with PDFium as referee and
// fallback (Extractor). Nothing here knows about the library or the index.
//
// # Every engine is bounded
//
// Both engines run in worker processes of the program's own binary, and a
// process is the bound: one that overruns is killed, which stops its CPU at
// once and gives its memory back. dslipak's workers have a second a page
// and four seconds a file (Extractor). PDFium's (PDFium, pfworker.go) have
// a deadline a call (Limits: 2 s to read a page, 5 s to draw one) and a cap
// on PDFium's WebAssembly memory (1 GiB), which a page that wants more fills
// to be told apart from a damaged one (docs.ErrPageTimeout,
// docs.ErrPageOutOfMemory). PDFium has two workers: one for the reader and
// one for imports, so that drawing never waits behind an import. An import
// as a whole is bounded by a budget of engine time across all its workers
// (DefaultImportBudget), which keeps it under 10 s of CPU; a page no engine
// could read in time comes back docs.Page.Unread, and the rest of the paper
// is read.
//
// PDFium in processes rather than in this one: go-pdfium's WebAssembly
// instances could be stopped in place, by a wazero runtime built to close
// on context cancellation (WithCloseOnContextDone), but that setting
// compiles a check into every loop and every call of PDFium, and measured
// here it makes drawing 2–3 times slower, text 5–8 times and character
// boxes 10 times. A worker process runs PDFium at full speed; the price is
// the pipe (a drawing's pixels cross it once) and a worker's start, ~0.3 s
// with wazero's compilation cache, when one has been killed.
package pdf
