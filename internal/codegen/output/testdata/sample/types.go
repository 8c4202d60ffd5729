package sample

import (
	"io"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Phase is a named string.
type Phase string

// Labels is a named map.
type Labels map[string]string

// Items is a named slice.
type Items []Item

// Grid is a named array.
type Grid [2][3]int

// Callback is a named func.
type Callback func(int) error

// +genclient
// +genclient:method=Scale,verb=get,subresource=scale

// Widget has a detached tag block and a doc comment.
type Widget struct {
	metav1.TypeMeta `json:",inline"`
	// Standard object metadata.
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the desired state.
	Spec WidgetSpec `json:"spec"`
	Any  any
	R    io.Reader
	Anon struct {
		A *int
		B map[string][]string
	}
}

// WidgetSpec refers back to Widget through a pointer.
type WidgetSpec struct {
	Parent   *Widget
	Items    Items
	Labels   Labels
	PP       **string
	Children map[string]*Widget
}

// Item is small.
type Item struct{ Name string }

// Alias is an alias of Item.
type Alias = Item

// Size is a constant.
const Size = 3

// Greeting is a string constant.
const Greeting = "hello"

// Default is a variable.
var Default = Item{Name: "x"}

// New makes an Item.
func New(name string) *Item { return &Item{Name: name} }

// Describe is a method with a body the loader drops.
func (w *Widget) Describe() string { return w.Name }
