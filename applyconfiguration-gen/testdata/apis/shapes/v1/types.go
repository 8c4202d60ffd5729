package v1

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// +genclient
// +genclient:method=ApplyResize,verb=apply,subresource=resize,input=Resize,result=Resize

// Gadget is namespaced, with a status, and an apply method whose input is another type of the
// package.
type Gadget struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   GadgetSpec   `json:"spec,omitempty"`
	Status GadgetStatus `json:"status,omitempty"`
}

// GadgetSpec has every shape of field.
type GadgetSpec struct {
	// Size is a scalar.
	Size int32 `json:"size"`
	// Mode is a named string.
	Mode Mode `json:"mode,omitempty"`
	// Parts is a slice of structs: its builder appends apply configurations.
	// +listType=map
	// +listMapKey=name
	Parts []Part `json:"parts,omitempty"`
	// Tags is a slice of strings.
	Tags []string `json:"tags,omitempty"`
	// Labels is a map.
	Labels map[string]string `json:"labels,omitempty"`
	// PartsByName is a map of structs.
	PartsByName map[string]Part `json:"partsByName,omitempty"`
	// Primary is a pointer to a struct.
	Primary *Part `json:"primary,omitempty"`
	// Optional is a pointer to a slice.
	Optional *[]string `json:"optional,omitempty"`
	// Limits is a named map, kept as it is.
	Limits corev1.ResourceList `json:"limits,omitempty"`
	// Raw is bytes.
	Raw []byte `json:"raw,omitempty"`
	// Matrix is a slice of slices.
	Matrix [][]string `json:"matrix,omitempty"`
	// Template is a struct of another module, whose apply configuration is kubegen's blessed one.
	Template *corev1.PodTemplateSpec `json:"template,omitempty"`
	// Quantity, Time, Port and Extension are apimachinery's special types: kept as they are.
	Quantity  resource.Quantity    `json:"quantity,omitempty"`
	Time      metav1.Time          `json:"time,omitempty"`
	Port      intstr.IntOrString   `json:"port,omitempty"`
	Extension runtime.RawExtension `json:"extension,omitempty"`
	// Selector is a meta/v1 struct, whose apply configuration is kubegen's runtime one.
	Selector *metav1.LabelSelector `json:"selector,omitempty"`
	// Ignored is not encoded.
	Ignored string `json:"-"`
	// Untagged has no json tag and is not encoded by apply either.
	Untagged string
	// Inlined is an embedded struct whose fields are promoted, with one of its own embedded.
	Inlined `json:",inline"`
	// ZZZ_Deprecated is on its way out.
	ZZZ_Deprecated string `json:"deprecated,omitempty"`
}

// Mode is a named string.
type Mode string

// Part is an element of lists and maps.
type Part struct {
	Name  string `json:"name"`
	Count *int64 `json:"count,omitempty"`
}

// Inlined is embedded in GadgetSpec.
type Inlined struct {
	Color string `json:"color,omitempty"`
	// Size is shadowed by GadgetSpec's own Size.
	Size   string `json:"innerSize,omitempty"`
	Deeper `json:",inline"`
}

// Deeper is embedded in Inlined.
type Deeper struct {
	Depth int32 `json:"depth,omitempty"`
}

// GadgetStatus is the observed state of a Gadget.
type GadgetStatus struct {
	Conditions []metav1.Condition `json:"conditions,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// Resize is the body of Gadget's resize subresource: a whole object of its own kind.
type Resize struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Size              int32 `json:"size"`
}

// Unreached is in the package but no kind refers to it: it gets no apply configuration.
type Unreached struct {
	Value string `json:"value"`
}

// +genclient
// +genclient:nonNamespaced
// +genclient:readonly

// Meter is read-only: it cannot be applied, so it gets no apply configuration.
type Meter struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
}

// +genclient
// +genclient:nonNamespaced

// Frame is cluster-scoped.
type Frame struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Width             int32 `json:"width"`
}

// GadgetList is a list of Gadgets.
type GadgetList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Gadget `json:"items"`
}

// MeterList is a list of Meters.
type MeterList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Meter `json:"items"`
}

// FrameList is a list of Frames.
type FrameList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Frame `json:"items"`
}
