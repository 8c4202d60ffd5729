package cluster

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// KubernetesVersion is the version of kube-apiserver the harness expects; hack/testbin.sh builds it.
const KubernetesVersion = "v1.37.1"

// BinDirEnv names the environment variable that points at the directory holding etcd and
// kube-apiserver. hack/test.sh e2e sets it.
const BinDirEnv = "KUBEGEN_TESTBIN"

// ErrBinariesMissing is wrapped by the error Start returns when etcd or kube-apiserver cannot be found.
var ErrBinariesMissing = errors.New("test cluster binaries missing")

// FindBinaries returns the directory holding etcd and kube-apiserver: $KUBEGEN_TESTBIN when set, else the
// default cache directory. When a binary is missing the error says how to build it.
func FindBinaries() (string, error) {
	dir := os.Getenv(BinDirEnv)
	source := "$" + BinDirEnv
	if dir == "" {
		var err error
		if dir, err = defaultBinDir(); err != nil {
			return "", fmt.Errorf("%w: %v; run hack/testbin.sh", ErrBinariesMissing, err)
		}
		source = "the default cache"
	}
	for _, name := range []string{"etcd", "kube-apiserver"} {
		path := filepath.Join(dir, name)
		info, err := os.Stat(path)
		if err != nil || info.IsDir() || info.Mode()&0o111 == 0 {
			return "", fmt.Errorf("%w: no executable %s in %s (%s); run hack/testbin.sh to build etcd "+
				"and kube-apiserver %s, or use hack/test.sh e2e which does it for you",
				ErrBinariesMissing, name, dir, source, KubernetesVersion)
		}
	}
	return dir, nil
}

func defaultBinDir() (string, error) {
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no cache directory: %w", err)
		}
		cache = filepath.Join(home, ".cache")
	}
	return filepath.Join(cache, "kubegen", "testbin", KubernetesVersion), nil
}
