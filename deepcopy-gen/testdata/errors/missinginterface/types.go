package missinginterface

// T names an interface that is not loaded.
// +k8s:deepcopy-gen:interfaces=example.com/nope.Object
type T struct{ P *int }
