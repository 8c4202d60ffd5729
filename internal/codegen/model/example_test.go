package model_test

import (
	"errors"
	"fmt"

	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/model"
)

// Build reads the +genclient kinds of the input packages of a gengo universe (here a universe with
// an input package that holds none).
func ExampleBuild() {
	u := types.Universe{}
	u.Package("example.com/apis/empty/v1")
	_, err := model.Build(u, []string{"example.com/apis/empty/v1"}, model.Options{})
	fmt.Println(errors.Is(err, model.ErrNoClientTypes))
	// Output:
	// true
}

func ExamplePosition() {
	fmt.Println(model.Position{File: "apis/v1/types.go", Line: 12})
	// Output:
	// apis/v1/types.go:12
}
