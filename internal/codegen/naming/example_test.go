package naming_test

import (
	"fmt"

	"github.com/kubegen/kubegen/internal/codegen/naming"
)

func ExamplePluralizer() {
	p := naming.NewPluralizer(map[string]string{"Fish": "Fish"})
	for _, kind := range []string{"Deployment", "NetworkPolicy", "Endpoints", "Ingress", "Fish"} {
		fmt.Println(kind, p.Plural(kind), p.Resource(kind))
	}
	// Output:
	// Deployment Deployments deployments
	// NetworkPolicy NetworkPolicies networkpolicies
	// Endpoints Endpoints endpoints
	// Ingress Ingresses ingresses
	// Fish Fish fish
}

func ExampleParsePluralExceptions() {
	exceptions, err := naming.ParsePluralExceptions([]string{"Endpoints:Endpoints", "Fish:Fish"})
	fmt.Println(exceptions, err)
	_, err = naming.ParsePluralExceptions([]string{"fish"})
	fmt.Println(err)
	// Output:
	// map[Endpoints:Endpoints Fish:Fish] <nil>
	// plural exception "fish": want Kind:Plural, both exported Go identifiers
}
