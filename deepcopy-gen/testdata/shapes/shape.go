package shapes

// Shape is an interface with its own deep-copy method; fields of this type are copied with it.
type Shape interface {
	Area() int
	DeepCopyShape() Shape
}

// Square implements Shape with a pointer receiver.
// +k8s:deepcopy-gen:interfaces=github.com/kubegen/kubegen/deepcopy-gen/testdata/shapes.Shape
type Square struct {
	Side  int
	Label *string
}

// Area is the square's area.
func (s *Square) Area() int { return s.Side * s.Side }

// Circle implements Shape with value receivers.
// +k8s:deepcopy-gen:interfaces=github.com/kubegen/kubegen/deepcopy-gen/testdata/shapes.Shape
// +k8s:deepcopy-gen:nonpointer-interfaces=true
type Circle struct {
	Radius int
	Tags   []string
}

// Area is roughly the circle's area.
func (c Circle) Area() int { return 3 * c.Radius * c.Radius }

// Polygon is a named slice that is a Shape too.
// +k8s:deepcopy-gen:interfaces=github.com/kubegen/kubegen/deepcopy-gen/testdata/shapes.Shape
type Polygon []Square

// Area sums the squares.
func (p Polygon) Area() int {
	total := 0
	for i := range p {
		total += p[i].Area()
	}
	return total
}
