package shapes

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// Widget is an API kind: a runtime.Object with metadata, spec and status.
type Widget struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   Everything `json:"spec"`
	Status Status     `json:"status,omitempty"`
}

// WidgetList is a list of widgets.
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object
type WidgetList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`

	Items []Widget `json:"items"`
}

// Status has conditions and an embedded object.
type Status struct {
	Conditions []metav1.Condition
	Raw        runtime.RawExtension
	Object     runtime.Object
	Named      NamedObject
}

// NamedObject is a runtime.Object with a name; values are copied through DeepCopyObject.
type NamedObject interface {
	runtime.Object
	GetName() string
}
