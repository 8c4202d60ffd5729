//go:build golden

package model

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/naming"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

const fixtures = "github.com/kubegen/kubegen/client-gen/testdata"

var (
	loadOnce sync.Once
	universe types.Universe
	loadErr  error
)

// fixtureUniverse loads every client-gen fixture package once for all tests.
func fixtureUniverse(t *testing.T) types.Universe {
	t.Helper()
	loadOnce.Do(func() {
		var l *output.Loaded
		l, loadErr = output.Load([]string{"../../../client-gen/testdata/apis/...", "../../../client-gen/testdata/errors/...", "../../../client-gen/testdata/resourcename/..."}, output.LoadOptions{})
		if loadErr == nil {
			universe = l.Universe
		}
	})
	if loadErr != nil {
		t.Fatalf("loading fixtures: %v", loadErr)
	}
	return universe
}

func buildFixture(t *testing.T) *API {
	t.Helper()
	u := fixtureUniverse(t)
	api, err := Build(u, []string{fixtures + "/apis/example/v1", fixtures + "/apis/example/v1beta1", fixtures + "/apis/core/v1"}, Options{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return api
}

func TestBuildGroupsAndVersions(t *testing.T) {
	api := buildFixture(t)
	var got []string
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			got = append(got, g.GoName+"/"+g.PackageName+"/"+v.String()+"/"+v.GroupVersionGoName())
		}
	}
	want := []string{"Core/core/core/v1/CoreV1", "Example/example/example.kubegen.io/v1/ExampleV1", "Example/example/example.kubegen.io/v1beta1/ExampleV1beta1"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("groups:\n got %v\nwant %v", got, want)
	}
	if !api.Groups[1].Versions[0].HasAddToScheme || api.Groups[1].Versions[1].HasAddToScheme {
		t.Errorf("HasAddToScheme: v1 has register.go, v1beta1 has not")
	}
}

func TestBuildKinds(t *testing.T) {
	api := buildFixture(t)
	kinds := map[string]*Kind{}
	for _, k := range api.Groups[1].Versions[0].Kinds {
		kinds[k.Name] = k
	}
	all := strings.Join(Verbs, ",")
	tests := []struct {
		kind, resource, verbs string
		namespaced, status    bool
		statusSubresource     bool
		methods               string
	}{
		{"Widget", "widgets", all, true, true, true, "GetScale:get:scale:" + fixtures + "/apis/example/v1.Widget->k8s.io/api/autoscaling/v1.Scale UpdateScale:update:scale:k8s.io/api/autoscaling/v1.Scale->k8s.io/api/autoscaling/v1.Scale " +
			"ApplyScale:apply:scale:k8s.io/api/autoscaling/v1.Scale->k8s.io/api/autoscaling/v1.Scale"},
		{"Policy", "policies", "create,update,delete,deleteCollection,get,list,watch,patch,apply", false, true, false, ""},
		{"Review", "reviews", "create", false, false, false, ""},
		{"Gauge", "gauges", "get,list,watch", true, false, false, ""},
		{"Nudge", "nudges", "", true, false, false, ""},
		{"Sprocket", "sprockets", "create,update,updateStatus,delete,get,list,watch,patch", true, true, true,
			"UpdateApproval:update:approval:" + fixtures + "/apis/example/v1.Sprocket->" + fixtures + "/apis/example/v1.Sprocket " +
				"CreateToken:create:token:" + fixtures + "/apis/example/v1.Token->" + fixtures + "/apis/example/v1.Token"},
	}
	if len(kinds) != len(tests) {
		t.Errorf("got %d kinds, want %d", len(kinds), len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			k := kinds[tt.kind]
			if k == nil {
				t.Fatalf("kind %s missing", tt.kind)
			}
			if k.Resource != tt.resource || strings.Join(k.Verbs, ",") != tt.verbs || k.Namespaced != tt.namespaced || k.HasStatus != tt.status ||
				k.StatusSubresource != tt.statusSubresource {
				t.Errorf("got resource=%s verbs=%s namespaced=%v status=%v statusSubresource=%v",
					k.Resource, strings.Join(k.Verbs, ","), k.Namespaced, k.HasStatus, k.StatusSubresource)
			}
			var ms []string
			for _, m := range k.Methods {
				ms = append(ms, m.Name+":"+m.Verb+":"+m.Subresource+":"+m.Input.String()+"->"+m.Result.String())
			}
			if strings.Join(ms, " ") != tt.methods {
				t.Errorf("methods:\n got %s\nwant %s", strings.Join(ms, " "), tt.methods)
			}
		})
	}
}

// TestTagPositions checks that every tag's file:line points at a source line that spells the tag.
func TestTagPositions(t *testing.T) {
	api := buildFixture(t)
	n := 0
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			tags := append([]Tag(nil), v.Tags...)
			for _, k := range v.Kinds {
				tags = append(tags, k.Tags...)
				if line := sourceLine(t, k.Pos); !strings.HasPrefix(line, "type "+k.Name+" ") {
					t.Errorf("%s: declaration position %s holds %q", k.Name, k.Pos, line)
				}
			}
			for _, tag := range tags {
				n++
				if line := sourceLine(t, tag.Pos); line != "// "+tag.String() {
					t.Errorf("tag %s at %s: source line is %q", tag, tag.Pos, line)
				}
			}
		}
	}
	if n < 15 {
		t.Errorf("only %d tags checked", n)
	}
}

func sourceLine(t *testing.T, p Position) string {
	t.Helper()
	data, err := os.ReadFile(p.File)
	if err != nil {
		t.Fatalf("position %s: %v", p, err)
	}
	lines := strings.Split(string(data), "\n")
	if p.Line < 1 || p.Line > len(lines) {
		t.Fatalf("position %s out of range", p)
	}
	return strings.TrimSpace(lines[p.Line-1])
}

func TestBuildErrors(t *testing.T) {
	u := fixtureUniverse(t)
	tests := []struct {
		fixture string
		want    []string // substrings of the error, the first with file:line
	}{
		{"unknowntag", []string{"types.go:6: unknown tag +genclient:frobnicate"}},
		{"malformedmethod", []string{"types.go:6: malformed tag +genclient:method=GetScale,subresource=scale: verb= is required"}},
		{"malformedflag", []string{"types.go:6: malformed tag +genclient:nonNamespaced=true: +genclient:nonNamespaced takes no value"}},
		{"noobjectmeta", []string{"types.go:8: Thing has +genclient but does not embed metav1.ObjectMeta"}},
		{"bothverbs", []string{"types.go:7: verb \"list\" is in both +genclient:onlyVerbs", "types.go:6"}},
		{"unknownverb", []string{"types.go:6: unknown verb \"fly\""}},
		{"strayflag", []string{"types.go:5: +genclient:nonNamespaced on Thing without +genclient"}},
		{"notagged", []string{"no +genclient types found in " + fixtures + "/errors/notagged/v1"}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			api, err := Build(u, []string{fixtures + "/errors/" + tt.fixture + "/v1"}, Options{})
			if err == nil {
				t.Fatalf("no error; got %d groups", len(api.Groups))
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
			if tt.fixture == "notagged" && !errors.Is(err, ErrNoClientTypes) {
				t.Errorf("error is not ErrNoClientTypes: %v", err)
			}
			var pe *Error
			if tt.fixture != "notagged" && (!errors.As(err, &pe) || filepath.Base(pe.Pos.File) != "types.go") {
				t.Errorf("error carries no types.go position: %#v", err)
			}
		})
	}
}

func TestPluralExceptionsReachModel(t *testing.T) {
	u := fixtureUniverse(t)
	api, err := Build(u, []string{fixtures + "/apis/example/v1"}, Options{Plurals: naming.NewPluralizer(map[string]string{"Gauge": "Gaugen"})})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range api.Groups[0].Versions[0].Kinds {
		if k.Name == "Gauge" && (k.Plural != "Gaugen" || k.Resource != "gaugen") {
			t.Errorf("Gauge plural %s resource %s, want Gaugen gaugen", k.Plural, k.Resource)
		}
	}
}

// TestResourceNameTag: +resourceName changes the resource a kind is served as, not its Go names;
// a value that is no resource name is an error at its line.
func TestResourceNameTag(t *testing.T) {
	u := fixtureUniverse(t)
	api, err := Build(u, []string{fixtures + "/resourcename/v1"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	k := api.Groups[0].Versions[0].Kinds[0]
	if k.Name != "Widget" || k.Resource != "gadgets" || k.Plural != "Widgets" {
		t.Errorf("kind %s resource %q plural %q, want Widget gadgets Widgets", k.Name, k.Resource, k.Plural)
	}
	_, err = Build(u, []string{fixtures + "/resourcename/bad/v1"}, Options{})
	if err == nil || !strings.Contains(err.Error(), "types.go:6: malformed tag +resourceName=Gadgets") {
		t.Errorf("error %v, want types.go:6: malformed tag +resourceName=Gadgets", err)
	}
}
