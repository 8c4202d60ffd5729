package nocopyinterface

import "io"

// T holds an interface without a deep-copy method.
type T struct {
	Body io.Reader
}
