package badnonpointer

// T has a non-boolean nonpointer-interfaces.
// +k8s:deepcopy-gen:nonpointer-interfaces=yes
type T struct{ P *int }
