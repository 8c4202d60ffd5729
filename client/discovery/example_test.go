package discovery_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/kubegen/kubegen/client/discovery"
	"github.com/kubegen/kubegen/client/rest"
)

// Discover the groups a server serves, through an in-memory cache.
func Example() {
	// A stand-in server with the legacy discovery documents; a real cluster answers the same paths.
	docs := map[string]string{
		"/api":          `{"kind":"APIVersions","versions":["v1"]}`,
		"/apis":         `{"kind":"APIGroupList","groups":[{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}]}`,
		"/api/v1":       `{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"pods","namespaced":true,"kind":"Pod","verbs":["get","list"],"shortNames":["po"]}]}`,
		"/apis/apps/v1": `{"kind":"APIResourceList","groupVersion":"apps/v1","resources":[{"name":"deployments","namespaced":true,"kind":"Deployment","verbs":["get"]}]}`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, docs[r.URL.Path])
	}))
	defer srv.Close()

	client, err := discovery.NewForConfig(&rest.Config{Host: srv.URL})
	if err != nil {
		panic(err)
	}
	cached := discovery.NewMemory(client)
	lists, err := cached.ServerPreferredResources(context.Background())
	if err != nil {
		panic(err)
	}
	for _, l := range lists {
		for _, r := range l.APIResources {
			fmt.Printf("%s %s (%s) namespaced=%v\n", l.GroupVersion, r.Name, r.Kind, r.Namespaced)
		}
	}
	// Output:
	// v1 pods (Pod) namespaced=true
	// apps/v1 deployments (Deployment) namespaced=true
}
