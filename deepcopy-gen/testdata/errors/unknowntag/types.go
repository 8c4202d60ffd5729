package unknowntag

// T has an unknown deepcopy-gen tag.
// +k8s:deepcopy-gen:foo=bar
type T struct{ P *int }
