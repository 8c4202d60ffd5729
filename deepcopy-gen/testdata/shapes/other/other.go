package other

// Ref points at something by name, with optional labels.
type Ref struct {
	Name   string
	Labels map[string]string
}

// Flat has no references: assignment copies it.
type Flat struct {
	A int
	B string
}
