package docs

// Rect is a box on a page in points, in PDF's page space: the origin is the
// bottom-left corner and y grows upwards.
type Rect struct {
	Left, Bottom, Right, Top float64
}

// CharBox is one character PDFium found on a page and the box it occupies.
type CharBox struct {
	Rune rune
	Box  Rect
}
