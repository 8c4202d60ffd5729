package cache

// informerStore is how the informer's Reflector writes to the cache: every write also queues the
// matching notification to the handlers, under the informer's lock so that handlers see changes
// in the order the cache applied them.
type informerStore[T Object] struct {
	i *TypedInformer[T]
}

// Add stores obj; an object already cached is reported as an update, never as a second add, and
// not at all if its resourceVersion did not change.
func (s informerStore[T]) Add(obj T) error { return s.put(obj) }

// Update stores obj; an object not yet cached is reported as an add.
func (s informerStore[T]) Update(obj T) error { return s.put(obj) }

func (s informerStore[T]) put(obj T) error {
	i := s.i
	i.mu.Lock()
	defer i.mu.Unlock()
	old, exists := i.store.get(obj.GetNamespace(), obj.GetName())
	if err := i.store.put(obj); err != nil {
		return err
	}
	switch {
	case !exists:
		i.notify(notification[T]{kind: notifyAdd, obj: obj})
	case !sameVersion(old, obj):
		i.notify(notification[T]{kind: notifyUpdate, old: old, obj: obj})
	}
	return nil
}

// sameVersion reports whether two states of an object carry the same, non-empty resourceVersion:
// the second is then a repetition (as the ADDED events of a watch from resourceVersion "" are)
// rather than a change.
func sameVersion[T Object](a, b T) bool {
	rv := a.GetResourceVersion()
	return rv != "" && rv == b.GetResourceVersion()
}

// Delete removes obj; handlers hear about it only if it was cached.
func (s informerStore[T]) Delete(obj T) error {
	i := s.i
	i.mu.Lock()
	defer i.mu.Unlock()
	if _, exists := i.store.get(obj.GetNamespace(), obj.GetName()); !exists {
		return nil
	}
	if err := i.store.Delete(obj); err != nil {
		return err
	}
	i.notify(notification[T]{kind: notifyDelete, obj: obj})
	return nil
}

// Replace makes objs the cache's content and tells handlers the difference: adds for new objects,
// updates for objects whose resourceVersion changed (or is empty), deletes for objects that are
// gone. Objects that did not change produce no notification.
func (s informerStore[T]) Replace(objs []T, _ string) error {
	i := s.i
	i.mu.Lock()
	defer i.mu.Unlock()
	first := !i.synced.Load()
	var ns []notification[T]
	for _, obj := range objs {
		if len(i.handlers) == 0 {
			break // nobody to tell
		}
		old, exists := i.store.get(obj.GetNamespace(), obj.GetName())
		switch {
		case !exists:
			ns = append(ns, notification[T]{kind: notifyAdd, obj: obj, initial: first})
		case !sameVersion(old, obj):
			ns = append(ns, notification[T]{kind: notifyUpdate, old: old, obj: obj})
		}
	}
	removed, err := i.store.swap(objs)
	if err != nil {
		return err
	}
	for _, obj := range removed {
		ns = append(ns, notification[T]{kind: notifyDelete, obj: obj})
	}
	if first {
		ns = append(ns, notification[T]{kind: notifySynced})
	}
	i.notify(ns...)
	if first {
		i.synced.Store(true)
		close(i.syncedCh)
	}
	return nil
}
