package notinterface

import "k8s.io/apimachinery/pkg/runtime"

// S refers to runtime.Scheme.
var S *runtime.Scheme

// T names a struct as an interface.
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Scheme
type T struct{ P *int }
