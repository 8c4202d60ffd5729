// Package basics holds fields whose builtin types gengo's own table misnames.
package basics

// Numbers uses builtins beyond gengo's table.
type Numbers struct {
	Small int8
	Runes []rune
	Bytes []byte
	Raw   []uint8
	C     complex128
}
