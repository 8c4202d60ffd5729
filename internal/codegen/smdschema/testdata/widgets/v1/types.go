package v1

import (
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Widget is a kind.
type Widget struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   WidgetSpec   `json:"spec"`
	Status WidgetStatus `json:"status,omitempty"`
}

// Protocol is a named string.
type Protocol string

// ProtocolTCP is the default protocol.
const ProtocolTCP Protocol = "TCP"

// WidgetSpec holds one member per marker.
type WidgetSpec struct {
	// +listType=map
	// +listMapKey=name
	Items []Item `json:"items,omitempty"`
	// +listType=map
	// +listMapKey=port
	// +listMapKey=protocol
	Ports []Port `json:"ports,omitempty"`
	// +listType=set
	Tags []string `json:"tags,omitempty"`
	// +listType=atomic
	Atomic []Item `json:"atomic,omitempty"`
	Plain  []Item `json:"plain,omitempty"`
	// +listType=set
	// +patchStrategy=merge
	// +patchMergeKey=name
	ListTypeWins []string `json:"listTypeWins,omitempty" patchStrategy:"merge" patchMergeKey:"name"`

	Merged    []Item   `json:"merged,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	MergedSet []string `json:"mergedSet,omitempty" patchStrategy:"merge"`
	Retained  []Item   `json:"retained,omitempty" patchStrategy:"retainKeys"`

	// +mapType=atomic
	AtomicMap  map[string]string            `json:"atomicMap,omitempty"`
	Granular   map[string]string            `json:"granular,omitempty"`
	Quantities map[string]resource.Quantity `json:"quantities,omitempty"`

	// +structType=atomic
	AtomicRef *Ref                    `json:"atomicRef,omitempty"`
	Ref       Ref                     `json:"ref"`
	WholeRef  *WholeRef               `json:"wholeRef,omitempty"`
	Selector  *metav1.LabelSelector   `json:"selector,omitempty"`
	Owners    []metav1.OwnerReference `json:"owners,omitempty"`

	Inlined `json:",inline"`
	Untagged

	Skipped string `json:"-"`
	// +k8s:openapi-gen=false
	Hidden     string `json:"hidden,omitempty"`
	unexported string

	Quantity    resource.Quantity    `json:"quantity,omitempty"`
	Time        metav1.Time          `json:"time,omitempty"`
	MicroTime   metav1.MicroTime     `json:"microTime,omitempty"`
	Duration    metav1.Duration      `json:"duration,omitempty"`
	IntOrString intstr.IntOrString   `json:"intOrString,omitempty"`
	Raw         runtime.RawExtension `json:"raw,omitempty"`
	Fields      *metav1.FieldsV1     `json:"fields,omitempty"`
	Bytes       []byte               `json:"bytes,omitempty"`
	AsString    int64                `json:"asString,omitempty,string"`
	Anything    interface{}          `json:"anything,omitempty"`
	Nested      [][]string           `json:"nested,omitempty"`
	Count       int32                `json:"count"`
	Enabled     bool                 `json:"enabled"`
	Ratio       *float64             `json:"ratio,omitempty"`
	Next        *WidgetSpec          `json:"next,omitempty"`
}

// Item is keyed by name.
type Item struct {
	Name  string `json:"name"`
	Value string `json:"value,omitempty"`
}

// Port is keyed by port and protocol.
type Port struct {
	Port int32 `json:"port"`
	// +default=ref(ProtocolTCP)
	Protocol Protocol `json:"protocol,omitempty"`
	// +default="x"
	Name string `json:"name,omitempty"`
}

// Ref is a reference.
type Ref struct {
	Name string `json:"name,omitempty"`
}

// WholeRef is owned whole wherever it is used.
// +structType=atomic
type WholeRef struct {
	Name string `json:"name,omitempty"`
}

// Inlined is embedded with an inline json tag.
type Inlined struct {
	InlinedField string `json:"inlinedField,omitempty"`
}

// Untagged is embedded without a json tag: encoding/json inlines it.
type Untagged struct {
	UntaggedField string `json:"untaggedField,omitempty"`
}

// WidgetStatus is the status.
type WidgetStatus struct {
	// +listType=map
	// +listMapKey=type
	Conditions []metav1.Condition `json:"conditions,omitempty"`
	// +listType=atomic
	Misplaced *string `json:"misplaced,omitempty"`
}
