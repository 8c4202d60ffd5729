package shapes

import (
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kubegen/kubegen/deepcopy-gen/testdata/shapes/other"
)

// Phase is a named string: assignment copies it, so it gets no methods.
type Phase string

// Count is a named integer.
type Count int64

// Labels is a named map.
type Labels map[string]string

// Items is a named slice of structs with references.
type Items []Item

// Matrix is a named slice of slices.
type Matrix [][]int

// ByName is a named map of slices of pointers.
type ByName map[string][]*Item

// Grid is a named array of pointers.
type Grid [2]*Item

// Plain is a named array without references.
type Plain [3]int

// ItemRef is a named pointer type; it has no methods of its own.
type ItemRef *Item

// ItemAlias is an alias: it is Item.
type ItemAlias = Item

// MetaAlias is an alias of a type from another package.
type MetaAlias = metav1.ObjectMeta

// Item is a small struct with references.
type Item struct {
	Name  string
	Tags  []string
	Phase *Phase
}

// Base is embedded by value.
type Base struct {
	ID    string
	Notes []string
}

// Extra is embedded by pointer.
type Extra struct {
	Weight *int
}

// Node is recursive through a pointer and a slice.
type Node struct {
	Value    int
	Next     *Node
	Children []Node
}

// Everything has one field per shape deepcopy-gen handles.
type Everything struct {
	Base
	*Extra

	// Builtins and named builtins: copied by the initial assignment.
	Name  string
	Count Count
	Phase Phase
	Flag  bool
	Ratio float64

	// Pointers.
	IntPtr       *int
	PhasePtr     *Phase
	StringPtrPtr **string
	ItemPtr      *Item
	ItemPtrPtr   **Item
	SlicePtr     *[]string
	MapPtr       *map[string]int
	FlatPtr      *other.Flat

	// Slices.
	Strings     []string
	Bytes       []byte
	ItemList    []Item
	ItemPtrs    []*Item
	Nested      [][]string
	SliceOfMaps []map[string]string
	NamedSlices []Labels
	Flats       []other.Flat

	// Maps.
	Labels      map[string]string
	MapOfSlices map[string][]string
	MapOfItems  map[string]Item
	MapOfPtrs   map[string]*Item
	MapOfMaps   map[string]map[string]int
	IntKeys     map[int32]string
	PhaseKeys   map[Phase]Count
	Quantities  map[string]resource.Quantity
	ArrayKeys   map[[2]int]string

	// Arrays.
	Fixed     [4]int
	FixedPtrs [2]*int
	FixedRefs [2]Node
	Grid      Grid
	Plain     Plain

	// Named slices and maps.
	NamedMap    Labels
	NamedSlice  Items
	NamedMatrix Matrix
	NamedByName ByName

	// Aliases and named pointers.
	NamedPtr   ItemRef
	Aliased    ItemAlias
	AliasedPtr *ItemAlias
	Meta       MetaAlias

	// Types with their own deep-copy methods.
	Size     resource.Quantity
	MaxSize  *resource.Quantity
	Sizes    []resource.Quantity
	Created  metav1.Time
	Deleted  *metav1.Time
	Opaque   Opaque
	Token    Token
	TokenPtr *Token

	// Structs without references, from other packages.
	Port    intstr.IntOrString
	PortPtr *intstr.IntOrString
	Flat    other.Flat

	// Types from another package of this run.
	Ref    other.Ref
	RefPtr *other.Ref
	Refs   []other.Ref

	// Interfaces.
	Main   Shape
	Shapes []Shape
	ByKey  map[string]Shape

	// Anonymous and recursive structs, unexported types.
	Inline struct {
		A *int
		B []string
		C int
	}
	Tree   Node
	hidden hidden
}

// hidden is unexported; it still gets methods because Everything needs them.
type hidden struct {
	keys []string
}

// Opaque has a hand-written DeepCopyInto; deepcopy-gen uses it and generates only DeepCopy.
type Opaque struct {
	data []byte
}

// DeepCopyInto copies the opaque bytes.
func (in *Opaque) DeepCopyInto(out *Opaque) {
	out.data = append([]byte(nil), in.data...)
}

// Token has only a hand-written DeepCopy returning a value; DeepCopyInto is generated from it.
type Token struct {
	Parts []string
}

// DeepCopy copies the parts.
func (t Token) DeepCopy() Token {
	if t.Parts == nil {
		return Token{}
	}
	return Token{Parts: append([]string{}, t.Parts...)}
}

// Skipped opts out of generation.
// +k8s:deepcopy-gen=false
type Skipped struct {
	Data []byte
}
