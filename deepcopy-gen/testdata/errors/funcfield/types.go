package funcfield

// T holds a func.
type T struct {
	Name string
	Hook func() error
}
