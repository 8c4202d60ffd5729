package smdschema

import (
	"k8s.io/gengo/v2/types"
	"sigs.k8s.io/structured-merge-diff/v6/schema"
)

// The two free-form types every schema ends with, named as kube-apiserver names them.
const (
	// UntypedAtomic is any value, owned whole: lists and maps inside it are atomic.
	UntypedAtomic = "__untyped_atomic_"
	// UntypedDeduced is any value whose maps merge key by key (their lists are atomic).
	UntypedDeduced = "__untyped_deduced_"
)

func scalar(s schema.Scalar) *schema.Scalar { return &s }

func named(name string) schema.TypeRef { return schema.TypeRef{NamedType: &name} }

// untypedDefs are the definitions of UntypedAtomic and UntypedDeduced.
func untypedDefs() []schema.TypeDef {
	return []schema.TypeDef{
		{Name: UntypedAtomic, Atom: anyAtomic()},
		{Name: UntypedDeduced, Atom: schema.Atom{
			Scalar: scalar(schema.Untyped),
			List:   &schema.List{ElementType: named(UntypedAtomic), ElementRelationship: schema.Atomic},
			Map:    &schema.Map{ElementType: named(UntypedDeduced), ElementRelationship: schema.Separable},
		}},
	}
}

// anyAtomic is any JSON value, owned whole.
func anyAtomic() schema.Atom {
	return schema.Atom{
		Scalar: scalar(schema.Untyped),
		List:   &schema.List{ElementType: named(UntypedAtomic), ElementRelationship: schema.Atomic},
		Map:    &schema.Map{ElementType: named(UntypedAtomic), ElementRelationship: schema.Atomic},
	}
}

const (
	metaV1       = "k8s.io/apimachinery/pkg/apis/meta/v1"
	resourcePkg  = "k8s.io/apimachinery/pkg/api/resource"
	intstrPkg    = "k8s.io/apimachinery/pkg/util/intstr"
	runtimePkg   = "k8s.io/apimachinery/pkg/runtime"
	untypedValue = schema.Untyped
)

// specialTypes are apimachinery's types whose JSON form is not their Go shape: they marshal
// themselves and declare their OpenAPI type by methods. Their atoms are the ones kube-apiserver
// derives from the OpenAPI those methods declare (and, for Quantity and RawExtension, the ones its
// schema converter hard-codes).
var specialTypes = map[types.Name]schema.Atom{
	{Package: resourcePkg, Name: "Quantity"}:    {Scalar: scalar(untypedValue)},
	{Package: metaV1, Name: "Time"}:             {Scalar: scalar(untypedValue)}, // string, date-time
	{Package: metaV1, Name: "MicroTime"}:        {Scalar: scalar(untypedValue)}, // string, date-time
	{Package: metaV1, Name: "Duration"}:         {Scalar: scalar(schema.String)},
	{Package: intstrPkg, Name: "IntOrString"}:   {Scalar: scalar(untypedValue)}, // string, int-or-string
	{Package: runtimePkg, Name: "RawExtension"}: anyAtomic(),
}

// freeFormMap is a JSON object of any keys and values, merged key by key.
func freeFormMap() schema.Atom {
	return schema.Atom{Map: &schema.Map{ElementType: named(UntypedDeduced)}}
}

// declaresOwnSchema reports whether t says what its OpenAPI type is through methods, whose results
// cannot be read from the Go type.
func declaresOwnSchema(t *types.Type) bool {
	_, ok := t.Methods["OpenAPISchemaType"]
	if !ok {
		_, ok = t.Methods["OpenAPIDefinition"]
	}
	return ok
}

// unmarshalsItself reports whether values of t decode through their own UnmarshalJSON, which makes
// their zero value null rather than {} (kube-openapi gives them no enforced default).
func unmarshalsItself(t *types.Type) bool {
	switch t.Kind {
	case types.Pointer:
		m, ok := t.Elem.Methods["UnmarshalJSON"]
		return ok && m.Signature != nil && m.Signature.Receiver != nil && m.Signature.Receiver.Kind == types.Pointer
	case types.Struct:
		_, ok := t.Methods["UnmarshalJSON"]
		return ok
	}
	return false
}
