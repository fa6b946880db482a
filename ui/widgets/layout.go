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
