// Package clientset is a fixture shaped like a generated clientset.
package clientset

import thingsv1 "example.com/clientset/typed/things/v1"

// Interface gives access to each group's client.
type Interface interface {
	ThingsV1() thingsv1.ThingsV1Interface
}
