// Package optin is a deepcopy-gen fixture without a package tag: only tagged types get methods.
package optin

// Chosen asks for deep-copy methods.
// +k8s:deepcopy-gen=true
type Chosen struct {
	Names []string
	Next  *Chosen
}

// Ignored is not tagged and gets nothing.
type Ignored struct {
	P *int
}

// ChosenMap is a tagged named map.
// +k8s:deepcopy-gen=true
type ChosenMap map[string]*Chosen
