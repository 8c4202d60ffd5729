package multi

// A holds a func.
type A struct {
	F func()
}

// B holds a channel and an empty interface.
type B struct {
	C chan int
	V any
}
