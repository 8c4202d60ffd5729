package clientgen_test

import (
	"fmt"

	clientgen "github.com/kubegen/kubegen/client-gen"
)

// Args.Validate checks the flags and parses --plural-exceptions.
func ExampleArgs_Validate() {
	a := clientgen.DefaultArgs()
	a.OutputDir, a.OutputPkg = "pkg/generated", "example.com/me/pkg/generated"
	a.PluralExceptions = []string{"Fish:Fish"}
	exceptions, err := a.Validate()
	fmt.Println(exceptions, err)

	a.ClientsetName = "My-Clientset"
	_, err = a.Validate()
	fmt.Println(err)
	// Output:
	// map[Fish:Fish] <nil>
	// --clientset-name "My-Clientset" must be a lower-case Go package name
}
