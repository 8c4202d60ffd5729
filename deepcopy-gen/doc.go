// Package deepcopygen generates DeepCopyInto, DeepCopy and DeepCopy<Interface> methods (such as
// DeepCopyObject for runtime.Object) for Go API types, as k8s.io/code-generator's deepcopy-gen
// does, on kubegen's shared generator driver.
//
// Layer: generator. It may import internal/codegen/output, k8s.io/gengo/v2 and spf13/pflag; it
// never imports the client runtime or another generator.
//
// Which types: every struct, array, named slice and named map of a package whose doc.go says
// +k8s:deepcopy-gen=package, unless the type says +k8s:deepcopy-gen=false, and any such type
// tagged +k8s:deepcopy-gen=true. +k8s:deepcopy-gen:interfaces=<path>.<Interface> adds
// DeepCopy<Interface>() <Interface>; +k8s:deepcopy-gen:nonpointer-interfaces=true gives that
// method a value receiver. A method the type already declares by hand is not generated; methods in
// the previous output file are ignored, since that file is being replaced.
//
// How values are copied: assignment for values without pointers, slices, maps or interfaces;
// an existing DeepCopyInto or DeepCopy method (resource.Quantity, metav1.Time); the generated
// method for types of this run or of packages under --bounding-dirs; element-wise copies for
// pointers, slices, maps and arrays (nil and empty are kept apart); DeepCopy<Interface>() for
// interface values (DeepCopyObject for runtime.Object). Anything else (funcs, channels, empty
// interfaces, foreign types with references and no method) is an error naming file:line, and
// nothing is written.
package deepcopygen
