package excluded

// T holds an excluded type.
type T struct {
	Secret Secret
}

// Secret opts out but has references.
// +k8s:deepcopy-gen=false
type Secret struct {
	Keys []string
}
