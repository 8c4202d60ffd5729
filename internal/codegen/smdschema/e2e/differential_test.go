//go:build e2e

package e2e_test

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"k8s.io/gengo/v2/types"
	"k8s.io/kube-openapi/pkg/schemaconv"
	"k8s.io/kube-openapi/pkg/validation/spec"

	"github.com/kubegen/kubegen/internal/codegen/output"
	"github.com/kubegen/kubegen/internal/codegen/smdschema"
	"github.com/kubegen/kubegen/test/cluster"
)

var testCluster *cluster.Cluster

func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }

// exceptions are the disagreements the differential finds that are justified: the path (as
// smdschema.Compare writes it, after the root type's name) and what differs, with the reason. A
// disagreement not listed fails the test, and so does an exception that no longer occurs.
var exceptions = map[string]string{
	"maxSurge: " + intOrStringDiff:       intOrStringReason, // apps/v1 and extensions rolling updates
	"maxUnavailable: " + intOrStringDiff: intOrStringReason, // the same, and PodDisruptionBudget
	"port: " + intOrStringDiff:           intOrStringReason, // probes' and hooks' httpGet and tcpSocket
	"targetPort: " + intOrStringDiff:     intOrStringReason, // Service ports
}

// The fields above are all of type intstr.IntOrString, which publishes OpenAPI v3 as oneOf
// integer/string without a "type"; the apiserver's converter reads a schema without a type as any
// value (a scalar, a list or a map). An IntOrString is only ever a scalar (decoding and validation
// refuse anything else), so both schemas merge it as a scalar owned whole; smdschema keeps the
// scalar the Go type declares (as client-go's generated schema does).
const (
	intOrStringDiff   = "scalar untyped vs scalar untyped+list+map"
	intOrStringReason = "intstr.IntOrString: v3's oneOf without a type reads as any value; its values are always scalars"
)

func exceptionKey(d smdschema.Difference) string {
	path := d.Path
	if i := strings.LastIndex(path, "."); i >= 0 {
		path = path[i+1:]
	}
	return path + ": " + d.What
}

// TestSchemaMatchesAPIServer derives the schema of every kind the apiserver serves from k8s.io/api
// (and apimachinery) Go types and compares it with the schema the apiserver derives from its
// /openapi/v3 documents, by the same conversion it uses for server-side apply.
func TestSchemaMatchesAPIServer(t *testing.T) {
	models := serverModels(t)
	server, err := schemaconv.ToSchemaFromOpenAPI(models, false)
	if err != nil {
		t.Fatalf("converting the apiserver's OpenAPI: %v", err)
	}
	kinds := servedKinds(models)
	if len(kinds) < 50 {
		t.Fatalf("only %d kinds in the apiserver's OpenAPI", len(kinds))
	}

	loaded, err := output.Load([]string{"k8s.io/api/..."}, output.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b := smdschema.NewBuilder(loaded.Universe)
	var compared, notGo []string
	for _, name := range kinds {
		pkg, typeName := goName(name)
		typ := loaded.LookupType(pkg, typeName)
		if typ == nil || typ.Kind != types.Struct {
			notGo = append(notGo, name)
			continue
		}
		if got := b.Add(typ); got != name {
			t.Errorf("%s.%s is named %s in the derived schema, %s by the apiserver", pkg, typeName, got, name)
		}
		compared = append(compared, name)
	}
	derived, err := b.Schema()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range notGo {
		if !strings.HasPrefix(name, "io.k8s.apiextensions-apiserver.") && !strings.HasPrefix(name, "io.k8s.kube-aggregator.") {
			t.Errorf("the apiserver serves %s, which is not a Go type of k8s.io/api or apimachinery", name)
		}
	}
	t.Logf("compared %d kinds; %d served kinds are not in k8s.io/api (apiextensions, aggregator): %v", len(compared), len(notGo), notGo)

	seen := map[string][]string{}
	for _, name := range compared {
		for _, d := range smdschema.Compare(derived, server, name) {
			k := exceptionKey(d)
			seen[k] = append(seen[k], d.Path)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(seen)) {
		paths := seen[k]
		if reason, ok := exceptions[k]; ok {
			t.Logf("justified (%d places, e.g. %s): %s — %s", len(paths), paths[0], k, reason)
			continue
		}
		t.Errorf("derived vs apiserver: %s (%d places, e.g. %s)", k, len(paths), paths[0])
	}
	for k := range exceptions {
		if _, ok := seen[k]; !ok {
			t.Errorf("exception %q no longer occurs: remove it", k)
		}
	}
}

// goName maps an OpenAPI name back to a Go package and type: io.k8s.api.apps.v1.Deployment →
// k8s.io/api/apps/v1, Deployment.
func goName(name string) (pkg, typ string) {
	i := strings.LastIndex(name, ".")
	parts := strings.Split(name[:i], ".")
	if len(parts) < 2 {
		return "", name[i+1:]
	}
	return parts[1] + "." + parts[0] + "/" + strings.Join(parts[2:], "/"), name[i+1:]
}

// servedKinds lists the models that carry x-kubernetes-group-version-kind: the kinds served.
func servedKinds(models map[string]*spec.Schema) []string {
	var out []string
	for name, m := range models {
		if _, ok := m.Extensions["x-kubernetes-group-version-kind"]; ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// serverModels reads every /openapi/v3 document of the apiserver and collects their schemas.
func serverModels(t *testing.T) map[string]*spec.Schema {
	t.Helper()
	hc, err := testCluster.AdminHTTPClient()
	if err != nil {
		t.Fatal(err)
	}
	var index struct {
		Paths map[string]struct {
			ServerRelativeURL string `json:"serverRelativeURL"`
		} `json:"paths"`
	}
	getJSON(t, hc, "/openapi/v3", &index)
	models := map[string]*spec.Schema{}
	for _, p := range slices.Sorted(maps.Keys(index.Paths)) {
		if !strings.HasPrefix(p, "api/") && !strings.HasPrefix(p, "apis/") {
			continue
		}
		var doc struct {
			Components struct {
				Schemas map[string]*spec.Schema `json:"schemas"`
			} `json:"components"`
		}
		getJSON(t, hc, index.Paths[p].ServerRelativeURL, &doc)
		for name, s := range doc.Components.Schemas {
			models[name] = s
		}
	}
	return models
}

func getJSON(t *testing.T, hc *http.Client, path string, into any) {
	t.Helper()
	resp, err := hc.Get(testCluster.Host() + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v %.200s", path, resp.StatusCode, err, body)
	}
	if err := json.Unmarshal(body, into); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}
