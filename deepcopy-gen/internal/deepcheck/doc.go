// Package deepcheck checks generated deep-copy methods by property: Filler puts seeded random
// content into values of any type (nil, empty and filled slices and maps, nil and set pointers),
// Shared finds memory two values share, and CheckDeepCopy runs DeepCopy, DeepCopyInto (over a
// differently filled target) and DeepCopyObject and reports any copy that differs from or shares
// memory with its original.
//
// Layer: test support for deepcopy-gen. It imports only the standard library.
package deepcheck
