package deepcheck_test

import (
	"fmt"
	"math/rand"
	"reflect"

	"github.com/kubegen/kubegen/deepcopy-gen/internal/deepcheck"
)

// Shared finds what a shallow copy still shares with its original.
func ExampleShared() {
	type config struct {
		Name   string
		Labels map[string]string
		Ports  []int
	}
	orig := config{Name: "a", Labels: map[string]string{"k": "v"}, Ports: []int{80}}
	shallow := orig
	shallow.Ports = append([]int(nil), orig.Ports...)
	fmt.Println(deepcheck.Shared(reflect.ValueOf(orig), reflect.ValueOf(shallow)))
	// Output: [Labels]
}

// Filler is deterministic for a seed.
func ExampleFiller() {
	fill := func() []string {
		var v []string
		f := &deepcheck.Filler{Rand: rand.New(rand.NewSource(1)), MaxDepth: 2}
		f.Fill(reflect.ValueOf(&v).Elem())
		return v
	}
	fmt.Println(reflect.DeepEqual(fill(), fill()))
	// Output: true
}
