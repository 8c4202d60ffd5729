package emptyinterface

// T holds an empty interface.
type T struct {
	Value any
}
