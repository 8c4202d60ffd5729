package pointerkey

// T has pointer map keys.
type T struct {
	ByPtr map[*int]string
}
