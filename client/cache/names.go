package cache

import (
	"hash/maphash"
	"math/bits"
)

// nameTable holds the objects of one namespace by name: an open-addressing hash table (linear
// probing) of the objects alone, whose keys are the objects' own names. A slot takes 9 bytes (the
// object pointer and a tag byte) where a map[string]T takes 25 (the key string header too, and a
// control byte), and the store keeps one slot per cached object: about 16 bytes saved per object.
// Not safe for concurrent use; the store's lock guards it.
type nameTable[T Object] struct {
	tags  []uint8 // 0: empty; otherwise 0x80 | the top 7 bits of the name's hash
	objs  []T
	count int
}

// nameSeed seeds the hash of every nameTable.
var nameSeed = maphash.MakeSeed()

// maxLoad8 is the most eighths of its slots a table fills before it doubles.
const maxLoad8 = 7

func nameHash(name string) (home uint64, tag uint8) {
	h := maphash.String(nameSeed, name)
	return h, uint8(h>>57) | 0x80
}

// newNameTable returns a table sized for n objects.
func newNameTable[T Object](n int) *nameTable[T] {
	t := &nameTable[T]{}
	t.resize(slotsFor(n))
	return t
}

// slotsFor is the power of two of slots that holds n objects within maxLoad8.
func slotsFor(n int) int {
	need := max(8, (n*8+maxLoad8-1)/maxLoad8)
	return 1 << bits.Len(uint(need-1))
}

func (t *nameTable[T]) len() int {
	if t == nil {
		return 0
	}
	return t.count
}

// find returns the slot holding name, or -1.
func (t *nameTable[T]) find(name string) int {
	if t == nil || t.count == 0 {
		return -1
	}
	h, tag := nameHash(name)
	mask := len(t.tags) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		switch t.tags[i] {
		case 0:
			return -1
		case tag:
			if t.objs[i].GetName() == name {
				return i
			}
		}
	}
}

// get returns the object called name.
func (t *nameTable[T]) get(name string) (T, bool) {
	if i := t.find(name); i >= 0 {
		return t.objs[i], true
	}
	var zero T
	return zero, false
}

// put stores obj under its name and returns the object it replaced, if any.
func (t *nameTable[T]) put(obj T) (old T, replaced bool) {
	if (t.count+1)*8 > len(t.tags)*maxLoad8 {
		t.resize(slotsFor(t.count + 1))
	}
	name := obj.GetName()
	h, tag := nameHash(name)
	mask := len(t.tags) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		switch t.tags[i] {
		case 0:
			t.tags[i], t.objs[i] = tag, obj
			t.count++
			return old, false
		case tag:
			if t.objs[i].GetName() == name {
				old, t.objs[i] = t.objs[i], obj
				return old, true
			}
		}
	}
}

// remove deletes the object called name and returns it.
func (t *nameTable[T]) remove(name string) (T, bool) {
	var zero T
	i := t.find(name)
	if i < 0 {
		return zero, false
	}
	old := t.objs[i]
	// Backward shift: move later objects of the probe run into the hole, so that no probe for
	// them stops at it, until an empty slot ends the run.
	mask := len(t.tags) - 1
	for j := (i + 1) & mask; t.tags[j] != 0; j = (j + 1) & mask {
		h, _ := nameHash(t.objs[j].GetName())
		home := int(h) & mask
		// The object at j may fill the hole at i unless its home lies cyclically in (i, j].
		if (j > i && (home <= i || home > j)) || (j < i && home <= i && home > j) {
			t.tags[i], t.objs[i] = t.tags[j], t.objs[j]
			i = j
		}
	}
	t.tags[i], t.objs[i] = 0, zero
	t.count--
	if len(t.tags) > 8 && t.count*8 < len(t.tags) {
		t.resize(slotsFor(t.count)) // a table once large and now nearly empty gives memory back
	}
	return old, true
}

// resize moves the objects into a table of n slots.
func (t *nameTable[T]) resize(n int) {
	tags, objs := t.tags, t.objs
	t.tags, t.objs = make([]uint8, n), make([]T, n)
	mask := n - 1
	for k, tag := range tags {
		if tag == 0 {
			continue
		}
		h, _ := nameHash(objs[k].GetName())
		i := int(h) & mask
		for t.tags[i] != 0 {
			i = (i + 1) & mask
		}
		t.tags[i], t.objs[i] = tag, objs[k]
	}
}

// all yields every object.
func (t *nameTable[T]) all(yield func(T) bool) {
	if t == nil {
		return
	}
	for i, tag := range t.tags {
		if tag != 0 && !yield(t.objs[i]) {
			return
		}
	}
}
