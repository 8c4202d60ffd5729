package smdschema_test

import (
	"fmt"

	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/smdschema"
)

// A list of items keyed by name, as the generators' package load gives it (here written by hand).
func ExampleBuild() {
	u := types.Universe{}
	str := u.Type(types.Name{Name: "string"})
	str.Kind = types.Builtin
	item := u.Type(types.Name{Package: "example.com/apis/v1", Name: "Item"})
	item.Kind = types.Struct
	item.Members = []types.Member{{Name: "Name", Type: str, Tags: `json:"name"`}}
	list := &types.Type{Name: types.Name{Name: "[]example.com/apis/v1.Item"}, Kind: types.Slice, Elem: item}
	spec := u.Type(types.Name{Package: "example.com/apis/v1", Name: "Spec"})
	spec.Kind = types.Struct
	spec.Members = []types.Member{{
		Name: "Items", Type: list, Tags: `json:"items,omitempty"`,
		CommentLines: []string{"+listType=map", "+listMapKey=name"},
	}}

	s, err := smdschema.Build(u, spec)
	if err != nil {
		fmt.Println(err)
		return
	}
	yaml, _ := smdschema.YAML(s)
	fmt.Print(string(yaml))
	// Output:
	// types:
	// - name: com.example.apis.v1.Item
	//   map:
	//     fields:
	//     - name: name
	//       type:
	//         scalar: string
	//       default: ""
	// - name: com.example.apis.v1.Spec
	//   map:
	//     fields:
	//     - name: items
	//       type:
	//         list:
	//           elementType:
	//             namedType: com.example.apis.v1.Item
	//           elementRelationship: associative
	//           keys:
	//           - name
	// - name: __untyped_atomic_
	//   scalar: untyped
	//   list:
	//     elementType:
	//       namedType: __untyped_atomic_
	//     elementRelationship: atomic
	//   map:
	//     elementType:
	//       namedType: __untyped_atomic_
	//     elementRelationship: atomic
	// - name: __untyped_deduced_
	//   scalar: untyped
	//   list:
	//     elementType:
	//       namedType: __untyped_atomic_
	//     elementRelationship: atomic
	//   map:
	//     elementType:
	//       namedType: __untyped_deduced_
	//     elementRelationship: separable
}
