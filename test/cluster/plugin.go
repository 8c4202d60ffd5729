package cluster

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
)

// ExecPluginPackage is the import path of the test exec credential plugin.
const ExecPluginPackage = "github.com/kubegen/kubegen/test/cluster/execplugin"

// pluginBuild builds the exec plugin once per cluster.
type pluginBuild struct {
	once sync.Once
	path string
	err  error
}

// ExecPlugin returns the path of the test exec credential plugin (see package execplugin), building it
// with `go build` into the cluster's directory on first use. The test's working directory must be inside
// this module (true for `go test` of any of its packages).
func (c *Cluster) ExecPlugin() (string, error) {
	c.plugin.once.Do(func() {
		c.plugin.path, c.plugin.err = buildExecPlugin(c.path("bin"))
	})
	return c.plugin.path, c.plugin.err
}

func buildExecPlugin(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	out := filepath.Join(dir, "kubegen-exec-plugin")
	if runtime.GOOS == "windows" {
		out += ".exe"
	}
	cmd := exec.Command(goTool(), "build", "-o", out, ExecPluginPackage)
	if output, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building exec plugin %s: %v\n%s", ExecPluginPackage, err, output)
	}
	return out, nil
}

// goTool finds the go command: the toolchain running the test first, then PATH.
func goTool() string {
	if root := runtime.GOROOT(); root != "" {
		candidate := filepath.Join(root, "bin", "go")
		if _, err := os.Stat(candidate); err == nil {
			return candidate
		}
	}
	return "go"
}
