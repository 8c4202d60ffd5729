//go:build golden

package deepcopygen_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	deepcopygen "github.com/kubegen/kubegen/deepcopy-gen"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

// TestAllOfKubernetesAPI generates deep-copy methods for every package of k8s.io/api (a copy of
// the module with its own generated files removed) but core/v1, builds the module with them, and
// runs a property test over every generated type: the zero value (nil fields stay nil) and random
// content, DeepCopy, DeepCopyInto over a filled target and DeepCopyObject must give equal values
// sharing no memory with the original.
//
// core/v1 keeps code-generator's deep copies, as a user's project that imports k8s.io/api does:
// the generated code of the other packages calls them (corev1.ResourceList's DeepCopyInto makes
// an empty map of a nil one, so a nil ResourceList field must not be handed to it).
func TestAllOfKubernetesAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds all of k8s.io/api; runs without -short (as hack/test.sh does)")
	}
	goCmd(t, ".", "mod", "download", "k8s.io/api") // a no-op when the module cache has it
	src := goCmd(t, ".", "list", "-m", "-f", "{{.Dir}}", "k8s.io/api")
	dir := t.TempDir()
	originals := copyModule(t, src, dir, referencePkg)
	if len(originals) < 50 {
		t.Fatalf("k8s.io/api at %s has only %d generated deepcopy files", src, len(originals))
	}

	var inputs []string
	for _, pkg := range strings.Fields(goCmd(t, dir, "list", "./...")) {
		if pkg != "k8s.io/api/"+referencePkg {
			inputs = append(inputs, pkg)
		}
	}
	written, err := deepcopygen.Run(inputs, output.LoadOptions{Dir: dir}, deepcopygen.DefaultArgs())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range written {
		rel, _ := filepath.Rel(dir, w)
		got = append(got, filepath.ToSlash(rel))
	}
	slices.Sort(got)
	if !slices.Equal(got, originals) {
		t.Fatalf("generated %d files, k8s.io/api has %d:\ngot  %v\nwant %v", len(got), len(originals), got, originals)
	}

	types := generatedTypes(t, dir, got)
	writePropertyTest(t, dir, types)
	goCmd(t, dir, "build", "./...")
	out := goCmd(t, dir, "test", "-count=1", "-v", "./zzkubegenproperty/")
	if !strings.Contains(out, fmt.Sprintf("checked %d types", countTypes(types))) {
		t.Errorf("the property test did not report checking every type:\n%s", out)
	}
	t.Logf("%d packages generated, built, and %d types property-checked", len(got), countTypes(types))
}

// goCmd runs the go command in dir (outside any workspace) and returns its output.
func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go %s in %s: %v\n%s%s", strings.Join(args, " "), dir, err, stdout.String(), stderr.String())
	}
	return strings.TrimSpace(stdout.String())
}

// referencePkg is the package of k8s.io/api whose code-generator deep copies TestAllOfKubernetesAPI
// keeps.
const referencePkg = "core/v1"

// copyModule copies the module at src into dst without its zz_generated.deepcopy.go files, except
// keep's; it returns the paths (relative, sorted) of those it left out.
func copyModule(t *testing.T, src, dst, keep string) []string {
	t.Helper()
	var generated []string
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if d.Name() == "zz_generated.deepcopy.go" && filepath.ToSlash(filepath.Dir(rel)) != keep {
			generated = append(generated, filepath.ToSlash(rel))
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(generated)
	return generated
}

var deepCopyFunc = regexp.MustCompile(`(?m)^func \(in \*?([A-Z]\w*)\) DeepCopy\(\) `)

// generatedTypes maps each generated file's package directory to its exported types with a
// DeepCopy method.
func generatedTypes(t *testing.T, dir string, files []string) map[string][]string {
	t.Helper()
	types := map[string][]string{}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range deepCopyFunc.FindAllStringSubmatch(string(b), -1) {
			types[filepath.Dir(f)] = append(types[filepath.Dir(f)], m[1])
		}
	}
	return types
}

func countTypes(types map[string][]string) int {
	n := 0
	for _, list := range types {
		n += len(list)
	}
	return n
}

// writePropertyTest writes package zzkubegenproperty into the module: deepcheck (copied from this
// repository) and a test calling deepcheck.CheckDeepCopy on every type.
func writePropertyTest(t *testing.T, dir string, types map[string][]string) {
	t.Helper()
	kit, err := os.ReadFile("internal/deepcheck/deepcheck.go")
	if err != nil {
		t.Fatal(err)
	}
	pkgDir := filepath.Join(dir, "zzkubegenproperty")
	must(t, os.MkdirAll(filepath.Join(pkgDir, "deepcheck"), 0o755))
	must(t, os.WriteFile(filepath.Join(pkgDir, "deepcheck", "deepcheck.go"), kit, 0o644))

	var imports, values strings.Builder
	for i, pkg := range slices.Sorted(maps.Keys(types)) {
		fmt.Fprintf(&imports, "\tp%d %q\n", i, "k8s.io/api/"+pkg)
		for _, name := range types[pkg] {
			fmt.Fprintf(&values, "\t\tfunc() any { return new(p%d.%s) },\n", i, name)
		}
	}
	src := strings.Replace(propertyTestTemplate, "//IMPORTS\n", imports.String(), 1)
	src = strings.Replace(src, "//VALUES\n", values.String(), 1)
	must(t, os.WriteFile(filepath.Join(pkgDir, "property_test.go"), []byte(src), 0o644))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

const propertyTestTemplate = `package zzkubegenproperty

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"k8s.io/api/zzkubegenproperty/deepcheck"
//IMPORTS
)

var values = []func() any{
//VALUES
}

func filler(seed int64) *deepcheck.Filler {
	return &deepcheck.Filler{
		Rand:     rand.New(rand.NewSource(seed)),
		MaxDepth: 3,
		Custom: map[reflect.Type]func(*rand.Rand) reflect.Value{
			reflect.TypeFor[resource.Quantity](): func(r *rand.Rand) reflect.Value {
				return reflect.ValueOf(resource.MustParse(fmt.Sprintf("%dm", r.Intn(100000))))
			},
			reflect.TypeFor[metav1.Time](): func(r *rand.Rand) reflect.Value {
				return reflect.ValueOf(metav1.NewTime(time.Unix(r.Int63n(1<<32), 0).UTC()))
			},
			reflect.TypeFor[metav1.MicroTime](): func(r *rand.Rand) reflect.Value {
				return reflect.ValueOf(metav1.NewMicroTime(time.Unix(r.Int63n(1<<32), 1000).UTC()))
			},
			reflect.TypeFor[runtime.Object](): func(r *rand.Rand) reflect.Value {
				obj := runtime.Object(&metav1.Status{Message: fmt.Sprint(r.Intn(100)), Details: &metav1.StatusDetails{Name: "n"}})
				return reflect.ValueOf(&obj).Elem()
			},
		},
	}
}

func TestDeepCopyProperties(t *testing.T) {
	for _, newValue := range values {
		for seed := int64(0); seed < 8; seed++ {
			if err := deepcheck.CheckDeepCopy(filler(seed), newValue()); err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
		}
	}
	t.Logf("checked %d types", len(values))
}
`
