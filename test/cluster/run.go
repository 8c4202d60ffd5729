package cluster

import (
	"fmt"
	"os"
	"testing"
)

// Run is the body of a test package's TestMain: it starts a cluster, stores it in *c, runs the tests,
// stops the cluster and returns the exit code for os.Exit. When the cluster cannot start (binaries
// missing included) the package fails; when tests fail the end of kube-apiserver's log is printed.
func Run(m *testing.M, c **Cluster) int {
	return RunWith(m, Options{}, c)
}

// RunWith is Run with options.
func RunWith(m *testing.M, opts Options, c **Cluster) int {
	cluster, err := Start(opts)
	if err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: cannot start the test cluster: %v\n", err)
		return 1
	}
	defer cluster.Stop()
	*c = cluster
	code := m.Run()
	if code != 0 {
		fmt.Fprintf(os.Stderr, "--- end of kube-apiserver log (%s) ---\n%s\n", cluster.path("kube-apiserver.log"),
			cluster.APIServerLog(8000))
	}
	return code
}
