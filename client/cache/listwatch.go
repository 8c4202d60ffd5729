package cache

import (
	"context"
	"fmt"
	"math/rand/v2"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
)

// listWatch is a ListerWatcher with the list type erased: list returns the items as []T.
type listWatch[T Object] struct {
	list  func(ctx context.Context, opts metav1.ListOptions) (page[T], error)
	watch func(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
}

// page is one list response.
type page[T Object] struct {
	items     []T
	rv        string
	cont      string
	remaining int64
}

func adaptListerWatcher[T Object, L runtime.Object](lw ListerWatcher[L]) listWatch[T] {
	return listWatch[T]{
		list: func(ctx context.Context, opts metav1.ListOptions) (page[T], error) {
			l, err := lw.List(ctx, opts)
			if err != nil {
				return page[T]{}, err
			}
			return extractPage[T](l)
		},
		watch: lw.Watch,
	}
}

// extractPage pulls the items out of a list. Items are copied out of the list's array, so that a
// long-lived object does not pin a whole page in memory.
func extractPage[T Object](list runtime.Object) (page[T], error) {
	var p page[T]
	var err error
	p.rv, p.cont, p.remaining, err = listMeta(list)
	if err != nil {
		return p, fmt.Errorf("list metadata of %T: %w", list, err)
	}
	objs, err := meta.ExtractListWithAlloc(list)
	if err != nil {
		return p, fmt.Errorf("items of %T: %w", list, err)
	}
	p.items = make([]T, len(objs))
	for i, o := range objs {
		obj, ok := o.(T)
		if !ok {
			var want T
			return p, fmt.Errorf("%T holds %T, want %T", list, o, want)
		}
		p.items[i] = obj
	}
	return p, nil
}

func randInt64N(n int64) int64 { return rand.Int64N(n) }
