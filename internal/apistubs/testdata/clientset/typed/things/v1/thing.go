// Package v1 is a fixture shaped like a generated typed client package.
package v1

import "context"

// Thing is an API object.
type Thing struct{ Name string }

// ThingList is a list of Things.
type ThingList struct{ Items []Thing }

// GetOptions are options of Get.
type GetOptions struct{ ResourceVersion string }

// ThingsV1Interface is the group/version client.
type ThingsV1Interface interface {
	ThingsGetter
}

// ThingsGetter returns a ThingInterface.
type ThingsGetter interface {
	Things(namespace string) ThingInterface
}

// ThingInterface has the verbs of Things.
type ThingInterface interface {
	Create(ctx context.Context, thing *Thing) (*Thing, error)
	Get(ctx context.Context, name string, opts GetOptions) (*Thing, error)
	List(ctx context.Context, selectors ...string) (*ThingList, error)
	Delete(ctx context.Context, name string) error
	ThingExpansion
}

// ThingExpansion holds hand-written methods.
type ThingExpansion interface {
	Rename(ctx context.Context, from, to string) error
}
