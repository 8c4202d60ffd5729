//go:build golden

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
)

// apiCase is an API package that kubegen must either generate working code for or refuse.
type apiCase struct {
	name  string
	kinds []string            // kinds of the package, each with a List type
	tags  map[string][]string // extra comment lines above a kind
	extra string              // more declarations
}

// TestNeverExitZeroWithUnbuildableCode (issue 10 item 9): over inputs whose names collide with
// each other or with generated identifiers, or whose method tags name types that do not exist,
// kubegen (all generators) either exits non-zero naming file:line and writing nothing, or writes
// code that builds with go vet clean.
func TestNeverExitZeroWithUnbuildableCode(t *testing.T) {
	cases := []apiCase{
		{name: "caseonly", kinds: []string{"DNSZone", "DnsZone"}},
		{name: "sameplural", kinds: []string{"Serie", "Series"}},
		{name: "typekind", kinds: []string{"Type"}},
		{name: "interfacekind", kinds: []string{"Interface"}},
		{name: "dockind", kinds: []string{"Doc"}},
		{name: "platformkinds", kinds: []string{"Test", "Linux", "Arm64", "Windows"}},
		{name: "gvkind", kinds: []string{"GvkindV1"}},
		{name: "nslister", kinds: []string{"Widget", "WidgetNamespace"}},
		{name: "newprefix", kinds: []string{"Widget", "NewWidget"}},
		{name: "generatednames", kinds: []string{"Client", "Clientset", "Scheme", "Version", "Group", "Informer", "Lister",
			"New", "Fake", "Context", "Watch", "Options", "Expansion", "Resource", "Factory", "Getter", "Rest", "Http"}},
		{name: "missingresult", kinds: []string{"Widget"}, tags: map[string][]string{"Widget": {"+genclient:method=GetScale,verb=get,subresource=scale,result=Nope"}}},
		{name: "missingexternal", kinds: []string{"Widget"}, tags: map[string][]string{"Widget": {"+genclient:method=GetScale,verb=get,subresource=scale,result=k8s.io/api/autoscaling/v1.Nope"}}},
		{name: "missingpackage", kinds: []string{"Widget"}, tags: map[string][]string{"Widget": {"+genclient:method=GetScale,verb=get,subresource=scale,result=example.com/nowhere/v1.Scale"}}},
		{name: "notobject", kinds: []string{"Widget"}, tags: map[string][]string{"Widget": {"+genclient:method=UpdateSpec,verb=update,subresource=spec,input=Spec,result=Spec"}},
			extra: "// Spec is not an API object.\ntype Spec struct {\n\tSize int `json:\"size\"`\n}\n"},
		{name: "externalscale", kinds: []string{"Widget"}, tags: map[string][]string{"Widget": {
			"+genclient:method=GetScale,verb=get,subresource=scale,result=k8s.io/api/autoscaling/v1.Scale",
			"+genclient:method=UpdateScale,verb=update,subresource=scale,input=k8s.io/api/autoscaling/v1.Scale,result=k8s.io/api/autoscaling/v1.Scale",
		}}},
	}
	bin := golden.BuildCommand(t, "kubegen")
	mod := tempModule(t)
	atFileLine := regexp.MustCompile(`apis/[a-z]+/v1/types\.go:\d+`)
	var generated []string
	for _, c := range cases {
		writeCase(t, mod, c)
		cmd := exec.Command(bin, "--output-dir", "out/"+c.name, "--output-pkg", "example.com/m/out/"+c.name, "./apis/"+c.name+"/...")
		cmd.Dir, cmd.Env = mod, moduleEnv()
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		switch {
		case err == nil:
			generated = append(generated, c.name)
		case errors.As(err, &exit):
			if !atFileLine.Match(out) {
				t.Errorf("%s: exit %d without file:line:\n%s", c.name, exit.ExitCode(), out)
			}
			if _, serr := os.Stat(filepath.Join(mod, "out", c.name)); serr == nil {
				t.Errorf("%s: failed but wrote out/%s", c.name, c.name)
			}
			if _, serr := os.Stat(filepath.Join(mod, "apis", c.name, "v1", "zz_generated.deepcopy.go")); serr == nil {
				t.Errorf("%s: failed but wrote its deep copies", c.name)
			}
			t.Logf("%s: refused:\n%s", c.name, out)
		default:
			t.Fatalf("%s: %v", c.name, err)
		}
	}
	if len(generated) == 0 {
		return
	}
	var pkgs []string
	for _, name := range generated {
		pkgs = append(pkgs, "./out/"+name+"/...", "./apis/"+name+"/...")
	}
	vet := exec.Command("go", append([]string{"vet"}, pkgs...)...)
	vet.Dir, vet.Env = mod, moduleEnv()
	if out, err := vet.CombinedOutput(); err != nil {
		t.Errorf("exit 0, but the output of %v does not vet: %v\n%s", casesIn(string(out), generated), err, out)
	}
	t.Logf("generated and vetted: %v", generated)
}

// casesIn names the cases whose output directories a go vet report mentions.
func casesIn(report string, names []string) []string {
	var out []string
	for _, n := range names {
		if strings.Contains(report, "out/"+n+"/") || strings.Contains(report, "apis/"+n+"/") {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// tempModule makes module example.com/m that requires this repository (through a replace) with
// its go.sum.
func tempModule(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gomod := "module example.com/m\n\ngo 1.26.0\n\nrequire github.com/kubegen/kubegen v0.0.0\n\nreplace github.com/kubegen/kubegen => " + root + "\n"
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "go.mod"), gomod)
	writeFile(t, filepath.Join(dir, "go.sum"), string(sum))
	return dir
}

func moduleEnv() []string { return append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod") }

// writeCase writes the API package of c: doc.go and types.go under apis/<name>/v1.
func writeCase(t *testing.T, mod string, c apiCase) {
	t.Helper()
	dir := filepath.Join(mod, "apis", c.name, "v1")
	writeFile(t, filepath.Join(dir, "doc.go"), fmt.Sprintf("// Package v1 is a test API.\n//\n// +k8s:deepcopy-gen=package\n// +groupName=%s.example.com\npackage v1\n", c.name))
	var b strings.Builder
	b.WriteString("package v1\n\nimport metav1 \"k8s.io/apimachinery/pkg/apis/meta/v1\"\n")
	for _, k := range c.kinds {
		fmt.Fprintf(&b, "\n// +genclient\n")
		for _, tag := range c.tags[k] {
			fmt.Fprintf(&b, "// %s\n", tag)
		}
		fmt.Fprintf(&b, `// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// %[1]s is a test kind.
type %[1]s struct {
	metav1.TypeMeta   `+"`json:\",inline\"`"+`
	metav1.ObjectMeta `+"`json:\"metadata,omitempty\"`"+`
	Status            string `+"`json:\"status,omitempty\"`"+`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// %[1]sList is a list of %[1]s.
type %[1]sList struct {
	metav1.TypeMeta `+"`json:\",inline\"`"+`
	metav1.ListMeta `+"`json:\"metadata,omitempty\"`"+`
	Items           []%[1]s `+"`json:\"items\"`"+`
}
`, k)
	}
	b.WriteString("\n" + c.extra)
	writeFile(t, filepath.Join(dir, "types.go"), b.String())
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
