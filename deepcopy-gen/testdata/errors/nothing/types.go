// Package nothing is a deepcopy-gen error fixture.
package nothing

// T has no tags at all.
type T struct{ P *int }
