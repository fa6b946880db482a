package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
)

// Border is container.NewBorder with its parts in reading order (top,
// left, centre, right, bottom): the order Tab moves through them. Fyne's
// own puts the centre first, so Tab would skip the bar above a view.
func Border(top, bottom, left, right fyne.CanvasObject, centre ...fyne.CanvasObject) *fyne.Container {
	var all []fyne.CanvasObject
	for _, o := range []fyne.CanvasObject{top, left} {
		if o != nil {
			all = append(all, o)
		}
	}
	for _, o := range centre {
		if o != nil {
			all = append(all, o)
		}
	}
	for _, o := range []fyne.CanvasObject{right, bottom} {
		if o != nil {
			all = append(all, o)
		}
	}
	return container.New(layout.NewBorderLayout(top, bottom, left, right), all...)
}

// InsetLayout fills its space with every object but for strips on the right
// and bottom (where a scroll container below draws its bars).
type InsetLayout struct{ Right, Bottom float32 }

// MinSize is none: the objects take what space there is.
func (i *InsetLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

// Layout gives each object the space less the strips.
func (i *InsetLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(fyne.NewSize(max(size.Width-i.Right, 0), max(size.Height-i.Bottom, 0)))
	}
}

// NewTightVBox stacks a title and the line under it closer than a VBox
// would, as one item.
func NewTightVBox() fyne.Layout { return layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()) }

// NewFlow lays objects out left to right at their minimum sizes, starting
// a new row when the next does not fit: a toolbar of boxes and choices
// that wraps rather than being cut off. Its minimum height is that of its
// rows at the width it last had (as wrapped text's is: Fyne lays the
// window out again when it changes).
func NewFlow() fyne.Layout { return &flowLayout{} }

type flowLayout struct{ width float32 }

// rows places objs in rows within width (one row when width is 0), and
// returns each object's position and the height taken.
func (f *flowLayout) rows(objs []fyne.CanvasObject, width float32) ([]fyne.Position, float32) {
	pad := theme.Padding()
	pos := make([]fyne.Position, len(objs))
	var x, y, rowH float32
	for i, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && width > 0 && x+m.Width > width {
			x, y, rowH = 0, y+rowH+pad, 0
		}
		pos[i] = fyne.NewPos(x, y)
		x += m.Width + pad
		rowH = max(rowH, m.Height)
	}
	return pos, y + rowH
}

// MinSize is the widest object across, and the rows' height at the last
// width.
func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objs {
		if o.Visible() {
			w = max(w, o.MinSize().Width)
		}
	}
	_, h := f.rows(objs, f.width) // one row until laid out
	return fyne.NewSize(w, h)
}

// Layout places the objects in rows, each at its minimum size, as tall as
// its row's tallest.
func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	pos, _ := f.rows(objs, size.Width)
	heights := map[float32]float32{}
	for i, o := range objs {
		if o.Visible() {
			heights[pos[i].Y] = max(heights[pos[i].Y], o.MinSize().Height)
		}
	}
	for i, o := range objs {
		if o.Visible() {
			o.Move(pos[i])
			o.Resize(fyne.NewSize(o.MinSize().Width, heights[pos[i].Y]))
		}
	}
}
