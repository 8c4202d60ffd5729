package applyconfig_test

import (
	"fmt"

	"github.com/kubegen/kubegen/internal/codegen/applyconfig"
)

// Types of other modules take their apply configurations from --external-applyconfigurations, with
// defaults for meta/v1 (kubegen's runtime package) and k8s.io/api (kubegen's blessed tree).
func ExampleParseExternal() {
	external, err := applyconfig.ParseExternal([]string{"example.com/lib/v1.Widget:example.com/lib/applyconfiguration/lib/v1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for n, pkg := range external {
		fmt.Println(n, "→", pkg)
	}
	_, err = applyconfig.ParseExternal([]string{"Widget"})
	fmt.Println(err != nil)
	// Output:
	// example.com/lib/v1.Widget → example.com/lib/applyconfiguration/lib/v1
	// true
}
