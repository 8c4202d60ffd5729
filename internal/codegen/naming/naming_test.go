package naming

import "testing"

func TestPlural(t *testing.T) {
	p := NewPluralizer(map[string]string{"Fish": "Fish"})
	tests := []struct{ kind, plural, resource string }{
		{"Pod", "Pods", "pods"},
		{"Endpoints", "Endpoints", "endpoints"},
		{"NetworkPolicy", "NetworkPolicies", "networkpolicies"},
		{"Gateway", "Gateways", "gateways"},
		{"Ingress", "Ingresses", "ingresses"},
		{"Box", "Boxes", "boxes"},
		{"Batch", "Batches", "batches"},
		{"Leaf", "Leaves", "leaves"},
		{"Knife", "Knives", "knives"},
		{"SalesPerson", "SalesPeople", "salespeople"},
		{"Personal", "Personals", "personals"},
		{"Series", "Series", "series"},
		{"Fish", "Fish", "fish"},
		{"CSIDriver", "CSIDrivers", "csidrivers"},
		{"APIService", "APIServices", "apiservices"},
		{"Status", "Statuses", "statuses"},
		{"A", "As", "as"},
	}
	for _, tt := range tests {
		if got := p.Plural(tt.kind); got != tt.plural {
			t.Errorf("Plural(%s) = %s, want %s", tt.kind, got, tt.plural)
		}
		if got := p.Resource(tt.kind); got != tt.resource {
			t.Errorf("Resource(%s) = %s, want %s", tt.kind, got, tt.resource)
		}
	}
}

func TestParsePluralExceptions(t *testing.T) {
	got, err := ParsePluralExceptions([]string{"Endpoints:Endpoints", " Fish : Fish ", ""})
	if err != nil || len(got) != 2 || got["Fish"] != "Fish" {
		t.Fatalf("got %v, %v", got, err)
	}
	for _, bad := range []string{"Fish", "fish:fish", "Fish:", ":Fish", "Fi sh:Fish"} {
		if _, err := ParsePluralExceptions([]string{bad}); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestNames(t *testing.T) {
	tests := []struct{ in, got, want string }{
		{"apps", GroupGoName("apps"), "Apps"},
		{"core", GroupGoName(""), "Core"},
		{"rbac", GroupGoName("rbac.authorization.k8s.io"), "Rbac"},
		{"dash", GroupGoName("my-group.example.com"), "Mygroup"},
		{"version", VersionGoName("v1beta1"), "V1beta1"},
		{"param acronym", ParamName("CSIDriver"), "csiDriver"},
		{"param word", ParamName("Pod"), "pod"},
		{"param all caps", ParamName("API"), "api"},
		{"param keyword", ParamName("Type"), "typeObj"},
		{"package", PackageName("Flow-Control"), "flowcontrol"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.in, tt.got, tt.want)
		}
	}
}
