//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/kubeconfig"
	"github.com/kubegen/kubegen/test/cluster"
)

// commandPackage is the runnable controller, as users start it with go run.
const commandPackage = "github.com/kubegen/kubegen/examples/crd/controller/cmd"

// TestCommandRunsFromAKubeconfig builds the controller command and runs it as a user would, with
// --kubeconfig, --context and -n: it reconciles the CronTabs of that namespace only, and exits 0
// on SIGTERM.
func TestCommandRunsFromAKubeconfig(t *testing.T) {
	installCRD(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "crontab-controller")
	if out, err := exec.Command("go", "build", "-o", bin, commandPackage).CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", commandPackage, err, out)
	}
	path := filepath.Join(dir, "kubeconfig")
	if err := testCluster.WriteKubeconfig(path, cluster.Auth{User: cluster.Admin, Credential: cluster.CertFiles}); err != nil {
		t.Fatal(err)
	}
	file, err := kubeconfig.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	ns, elsewhere := createNamespace(t, "crontab-command"), createNamespace(t, "crontab-elsewhere")
	cs := adminClient(t)
	ctx := context.Background()
	for _, where := range []string{ns, elsewhere} {
		if _, err := cs.StableV1().CronTabs(where).Create(ctx, newCronTab("before", 2), metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}

	var stderr syncBuffer
	cmd := exec.Command(bin, "--kubeconfig", path, "--context", file.CurrentContext, "-n", ns, "--workers", "1")
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := false
	t.Cleanup(func() {
		if !exited {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	if _, err := cs.StableV1().CronTabs(ns).Create(ctx, newCronTab("after", 3), metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	checkReplicas(t, waitConverged(t, cs, ns, 2), map[string]int32{"before": 2, "after": 3})

	other, err := cs.StableV1().CronTabs(elsewhere).Get(ctx, "before", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if other.Status.LastScheduleTime != nil {
		t.Errorf("the controller of namespace %s wrote the status of a CronTab in %s: %+v", ns, elsewhere, other.Status)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	exited = true
	if err != nil {
		t.Errorf("the command did not exit cleanly on SIGTERM: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "Shutting down") {
		t.Errorf("the command's log does not show a graceful shutdown:\n%s", stderr.String())
	}
}

// syncBuffer is a bytes.Buffer safe for a process writing while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
