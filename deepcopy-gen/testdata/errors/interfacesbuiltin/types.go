package interfacesbuiltin

import "k8s.io/apimachinery/pkg/runtime"

// O refers to runtime.Object.
var O runtime.Object

// T is a named string asking for DeepCopyObject.
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object
type T string
