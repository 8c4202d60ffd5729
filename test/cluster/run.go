package cluster

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
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
	stopOnSignal(cluster)
	*c = cluster
	code := m.Run()
	if code != 0 {
		fmt.Fprintf(os.Stderr, "--- end of kube-apiserver log (%s) ---\n%s\n", cluster.path("kube-apiserver.log"),
			cluster.APIServerLog(8000))
	}
	return code
}

// stopOnSignal stops the cluster and exits when the test binary is interrupted (Ctrl-C) or terminated,
// so that its temporary directory does not outlive it.
func stopOnSignal(c *Cluster) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-ch
		fmt.Fprintf(os.Stderr, "test cluster: %v: stopping\n", sig)
		c.Stop()
		os.Exit(1)
	}()
}
