//go:build e2e

package e2e_test

import (
	"os"
	"testing"

	"github.com/kubegen/kubegen/test/cluster"
)

var testCluster *cluster.Cluster

func TestMain(m *testing.M) {
	if os.Getenv(envIdentity) != "" {
		os.Exit(runCandidate())
	}
	os.Exit(cluster.Run(m, &testCluster))
}
