package apply_test

import (
	"fmt"

	"github.com/kubegen/kubegen/client/apply"
)

// Extract what the manager "scaler" applied, ready to change and apply again.
func ExampleExtract() {
	obj := widget() // read from the apiserver; its managedFields say who owns what
	cfg, err := apply.Extract[map[string]any](obj, parser.Type("Widget"), gvk, "scaler", "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println((*cfg)["spec"], (*cfg)["metadata"])
	// Output:
	// map[replicas:3] map[name:w namespace:ns]
}
