package cluster

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

const (
	// dirPattern names cluster directories under os.TempDir.
	dirPattern = "kubegen-cluster-*"
	// ownerFile in a cluster directory holds the process id of the test binary that owns it.
	ownerFile = "owner.pid"
)

// claimDir records the current process as the owner of dir.
func claimDir(dir string) error {
	return os.WriteFile(filepath.Join(dir, ownerFile), []byte(strconv.Itoa(os.Getpid())), 0o600)
}

// removeStaleDirs deletes cluster directories left behind by test binaries that died without Stop (a
// panic, a timeout, a kill). Their servers are already gone: they got the parent-death signal.
// Directories without an owner file, or whose owner still runs, are left alone.
func removeStaleDirs() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), dirPattern))
	for _, dir := range dirs {
		data, err := os.ReadFile(filepath.Join(dir, ownerFile))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
		if err != nil || pid <= 0 || pid == os.Getpid() || alive(pid) {
			continue
		}
		_ = os.RemoveAll(dir)
	}
}
