package binsize

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestInvocation(t *testing.T) {
	for _, tc := range []struct {
		args      string
		tool, pkg string
	}{
		{"/go/pkg/tool/linux_amd64/compile -o /tmp/b001/_pkg_.a -trimpath x -p k8s.io/api/core/v1 -lang=go1.24 -complete ./a.go", "compile", "k8s.io/api/core/v1"},
		{"/go/pkg/tool/linux_amd64/asm -p runtime -trimpath x -o /tmp/b002/asm.o ./asm_amd64.s", "asm", "runtime"},
		{"/go/pkg/tool/linux_amd64/cgo -objdir /tmp/b003/ -importpath net -- -I /tmp ./cgo_resnew.go", "cgo", "net"},
		{"/go/pkg/tool/linux_amd64/link -o /tmp/b001/exe/a.out -s -w -buildmode=exe /tmp/b001/_pkg_.a", "link", "main"},
		{"/go/pkg/tool/linux_amd64/compile -V=full", "compile", ""},
		{"/go/pkg/tool/linux_amd64/link -V=full", "link", ""},
		{"/go/pkg/tool/windows_amd64/compile.exe -p main x.go", "compile", "main"},
		{"/go/pkg/tool/linux_amd64/compile -o x.a -p", "compile", ""}, // -p with no value
	} {
		tool, pkg := Invocation(strings.Fields(tc.args))
		if tool != tc.tool || pkg != tc.pkg {
			t.Errorf("Invocation(%s) = %q, %q; want %q, %q", tc.args, tool, pkg, tc.tool, tc.pkg)
		}
	}
}

func TestCategorize(t *testing.T) {
	for _, tc := range []struct {
		tool, pkg string
		want      Category
	}{
		{"compile", "runtime", CatStd},
		{"compile", "net/http", CatStd},
		{"compile", "vendor/golang.org/x/net/http2/hpack", CatStd},
		{"asm", "crypto/internal/fips140/aes", CatStd},
		{"compile", "k8s.io/api/core/v1", CatAPI},
		{"compile", "k8s.io/apimachinery/pkg/runtime", CatMachinery},
		{"compile", "k8s.io/apiextensions-apiserver/pkg/apis", CatThird},
		{"compile", "k8s.io/apis", CatThird},
		{"compile", "github.com/kubegen/kubegen/kubernetes/typed/core/v1", CatTyped},
		{"compile", "k8s.io/client-go/kubernetes/typed/apps/v1", CatTyped},
		{"compile", "github.com/kubegen/kubegen/kubernetes/applyconfigurations/core/v1", CatApply},
		{"compile", "github.com/kubegen/kubegen/client/applyconfigurations/meta/v1", CatApply},
		{"compile", "k8s.io/client-go/applyconfigurations/core/v1", CatApply},
		{"compile", "github.com/kubegen/kubegen/kubernetes", CatRuntime},
		{"compile", "github.com/kubegen/kubegen/client/rest", CatRuntime},
		{"compile", "k8s.io/client-go/tools/clientcmd", CatRuntime},
		{"compile", "google.golang.org/protobuf/proto", CatThird},
		{"compile", "sigs.k8s.io/structured-merge-diff/v6/value", CatThird},
		{"compile", "main", CatMain},
		{"link", "main", CatLink},
		{"compile", "", CatToolIDs},
	} {
		if got := Categorize(tc.tool, tc.pkg); got != tc.want {
			t.Errorf("Categorize(%s, %q) = %q, want %q", tc.tool, tc.pkg, got, tc.want)
		}
	}
}

func TestParseLog(t *testing.T) {
	log := strings.Join([]string{
		"compile\tk8s.io/api/core/v1\t3000000000",
		"toolexec\t\t10000000",
		"compile\truntime\t1000000000",
		"asm\truntime\t200000000",
		"toolexec\t\t10000000",
		"compile\t\t50000000",
		"link\tmain\t2000000000",
		"toolexec\t\t10000000",
	}, "\n") + "\n"
	b, err := ParseLog(strings.NewReader(log), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct{ got, want time.Duration }{
		"tools":      {b.Tools, 6250 * time.Millisecond},
		"toolexec":   {b.Toolexec, 30 * time.Millisecond},
		"build":      {b.Build(), 9970 * time.Millisecond},
		"go command": {b.GoCommand(), 3720 * time.Millisecond},
		"std":        {b.ByCat[CatStd], 1200 * time.Millisecond},
		"api":        {b.ByCat[CatAPI], 3 * time.Second},
		"link":       {b.ByCat[CatLink], 2 * time.Second},
		"tool IDs":   {b.ByCat[CatToolIDs], 50 * time.Millisecond},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", name, c.got, c.want)
		}
	}
	top := b.Top(2)
	if len(top) != 2 || top[0] != (PkgCPU{"k8s.io/api/core/v1", 3 * time.Second}) || top[1] != (PkgCPU{"link", 2 * time.Second}) {
		t.Errorf("Top(2) = %v", top)
	}
	if got := b.Top(10); len(got) != 3 {
		t.Errorf("Top(10) = %v, want the 3 packages", got)
	}

	for _, bad := range []string{
		"compile\truntime\n",
		"compile\truntime\tlots\n",
		"compile\truntime\t-5\n",
		"compile\truntime\t20000000000\n", // more than the build's total
	} {
		if _, err := ParseLog(strings.NewReader(bad), 10*time.Second); err == nil {
			t.Errorf("ParseLog(%q): no error", bad)
		}
	}
}

// TestToolexec runs a real tool through Toolexec: its exit code comes back and the log gets its
// record and the recorder's own.
func TestToolexec(t *testing.T) {
	log := filepath.Join(t.TempDir(), "log")
	t.Setenv(ToolexecEnv, log)
	for _, tc := range []struct {
		tool string
		code int
	}{{"true", 0}, {"false", 1}} {
		path, err := exec.LookPath(tc.tool)
		if err != nil {
			t.Fatal(err)
		}
		if code := Toolexec([]string{path}); code != tc.code {
			t.Errorf("Toolexec(%s) = %d, want %d", tc.tool, code, tc.code)
		}
	}
	content, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(content), "\n"), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "true\t\t") || !strings.HasPrefix(lines[1], "toolexec\t\t") ||
		!strings.HasPrefix(lines[2], "false\t\t") || !strings.HasPrefix(lines[3], "toolexec\t\t") {
		t.Errorf("log:\n%s", content)
	}
	if _, err := ParseLog(strings.NewReader(string(content)), time.Hour); err != nil {
		t.Errorf("ParseLog of a real log: %v", err)
	}
}
