package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run is `go test -json` output of one minor: a passing informer test that notes the fallback it
// saw, a failing and a passing leader-election test, and a package that did not build.
const run = `{"Action":"run","Package":"github.com/kubegen/kubegen/client/cache/e2e","Test":"TestInformerAgainstAPIServer"}
{"Action":"output","Package":"github.com/kubegen/kubegen/client/cache/e2e","Test":"TestInformerAgainstAPIServer/sub","Output":"    informer_test.go:10: matrix: paged list (watch-list not served)\n"}
{"Action":"pass","Package":"github.com/kubegen/kubegen/client/cache/e2e","Test":"TestInformerAgainstAPIServer/sub"}
{"Action":"pass","Package":"github.com/kubegen/kubegen/client/cache/e2e","Test":"TestInformerAgainstAPIServer"}
{"Action":"pass","Package":"github.com/kubegen/kubegen/client/cache/e2e"}
{"Action":"fail","Package":"github.com/kubegen/kubegen/client/leaderelection/e2e","Test":"TestFailover"}
{"Action":"pass","Package":"github.com/kubegen/kubegen/client/leaderelection/e2e","Test":"TestRelease"}
{"Action":"fail","Package":"github.com/kubegen/kubegen/client/leaderelection/e2e"}
# github.com/kubegen/kubegen/client/metadata/e2e
{"Action":"fail","Package":"github.com/kubegen/kubegen/client/metadata/e2e"}
`

func TestTable(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "v1.36.3.json")
	if err := os.WriteFile(path, []byte(run), 0o644); err != nil {
		t.Fatal(err)
	}
	got, ok, err := table([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	if ok {
		t.Error("a failed test and a broken package gave ok")
	}
	for _, want := range []string{
		"| feature | v1.36.3 |",
		"| Informers: initial sync (watch-list or paged list), relist, RBAC errors | ✓ 1/1; paged list (watch-list not served) |",
		"| Leader election failover | ✗ 1/2: TestFailover (fail) |",
		"| Metadata-only client and informers | ✗ package failed |",
		"| Port-forward | — no test ran |",
	} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("table lacks %q:\n%s", want, got)
		}
	}

	readme := filepath.Join(dir, "README.md")
	if err := os.WriteFile(readme, []byte("# x\n"+begin+"old\n"+end+"after\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := write(readme, got); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(readme)
	if want := "# x\n" + begin + got + end + "after\n"; string(b) != want {
		t.Errorf("README after write:\n%s\nwant:\n%s", b, want)
	}
}

// TestLaterRunCounts: a package re-run after its failure (runs concatenated in one file) counts.
func TestLaterRunCounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.37.1.json")
	rerun := `{"Action":"pass","Package":"github.com/kubegen/kubegen/client/leaderelection/e2e","Test":"TestFailover"}
{"Action":"pass","Package":"github.com/kubegen/kubegen/client/leaderelection/e2e"}
`
	if err := os.WriteFile(path, []byte(run+rerun), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _, err := table([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	if want := "| Leader election failover | ✓ 2/2 |\n"; !strings.Contains(got, want) {
		t.Errorf("table lacks %q:\n%s", want, got)
	}
}
