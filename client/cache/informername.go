package cache

import (
	"errors"
	"fmt"
	"sync"
)

// InformerName names a group of informers, client-go's type for a factory's WithInformerName. In
// kubegen the name prefixes the informers' names in logs and sync errors; client-go also labels
// its informer metrics with it, and kubegen's informers export no metrics.
type InformerName struct {
	name string
}

var (
	namesMu   sync.Mutex
	namesUsed = map[string]bool{}
)

// NewInformerName returns the InformerName name. As in client-go, names are unique in a process
// while in use: a name in use, or an empty one, is an error. Release frees it.
func NewInformerName(name string) (*InformerName, error) {
	if name == "" {
		return nil, errors.New("cache: empty informer name")
	}
	namesMu.Lock()
	defer namesMu.Unlock()
	if namesUsed[name] {
		return nil, fmt.Errorf("cache: informer name %q is already in use", name)
	}
	namesUsed[name] = true
	return &InformerName{name: name}, nil
}

// Name returns the name ("" for a nil InformerName).
func (n *InformerName) Name() string {
	if n == nil {
		return ""
	}
	return n.name
}

// Release frees the name for another NewInformerName; a nil InformerName is ignored.
func (n *InformerName) Release() {
	if n == nil {
		return
	}
	namesMu.Lock()
	delete(namesUsed, n.name)
	namesMu.Unlock()
}
