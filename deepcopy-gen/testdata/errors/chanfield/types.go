package chanfield

// T holds a channel.
type T struct {
	Done chan struct{}
}
