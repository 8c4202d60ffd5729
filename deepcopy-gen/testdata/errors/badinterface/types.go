package badinterface

// T names an interface without its package.
// +k8s:deepcopy-gen:interfaces=Object
type T struct{ P *int }
