package interfacesdisabled

// T asks for DeepCopyObject but opts out.
// +k8s:deepcopy-gen=false
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object
type T struct{ P *int }
