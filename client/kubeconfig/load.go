package kubeconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// EnvVar is the environment variable holding a list of kubeconfig files, separated by
// os.PathListSeparator.
const EnvVar = "KUBECONFIG"

// LoadOptions say where Load looks for configuration and what it overrides. The zero value follows
// kubectl: $KUBECONFIG, else ~/.kube/config, else in-cluster.
type LoadOptions struct {
	// ExplicitPath, when set, is the only kubeconfig read, and it must exist (--kubeconfig).
	ExplicitPath string
	// Paths, when non-nil, replaces the list from $KUBECONFIG: files merged in precedence order,
	// missing ones skipped.
	Paths []string
	// HomeDir replaces the user's home directory when looking for ~/.kube/config.
	HomeDir string
	// InClusterDir replaces DefaultServiceAccountDir for the in-cluster fallback.
	InClusterDir string
	// DisableInCluster turns off the in-cluster fallback.
	DisableInCluster bool
	// LookupEnv replaces os.LookupEnv (for KUBECONFIG and the in-cluster variables).
	LookupEnv func(key string) (string, bool)
	// Overrides replace parts of the selected context, cluster and user.
	Overrides Overrides
}

// Load finds, reads and merges configuration following opts:
//
//  1. ExplicitPath, if set: that file alone; a missing file is an error.
//  2. Otherwise the files of Paths, or of $KUBECONFIG, or ~/.kube/config: every existing one is read
//     and merged (see Merge); missing ones are skipped.
//  3. If none exists: an empty config when Overrides.Server is set, else the in-cluster
//     configuration, else an error wrapping ErrNoConfig and ErrNotInCluster that lists the paths tried.
//
// A file that exists but cannot be parsed is always an error naming the file and key.
func Load(opts LoadOptions) (*ClientConfig, error) {
	if opts.ExplicitPath != "" {
		cfg, err := LoadFile(opts.ExplicitPath)
		if err != nil {
			return nil, err
		}
		return newClientConfig(cfg, []string{opts.ExplicitPath}, opts.Overrides), nil
	}
	paths := opts.precedence()
	var configs []*Config
	var loaded []string
	for _, p := range paths {
		cfg, err := LoadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		configs, loaded = append(configs, cfg), append(loaded, p)
	}
	if len(configs) > 0 {
		cc := newClientConfig(Merge(configs...), loaded, opts.Overrides)
		cc.currentFrom = firstCurrentContext(configs, loaded)
		return cc, nil
	}
	return opts.fallback(paths)
}

// fallback is used when no kubeconfig file exists.
func (o *LoadOptions) fallback(tried []string) (*ClientConfig, error) {
	if o.Overrides.Server != "" {
		return newClientConfig(&Config{}, nil, o.Overrides), nil
	}
	tries := "no paths"
	if len(tried) > 0 {
		tries = strings.Join(tried, ", ")
	}
	if o.DisableInCluster {
		return nil, fmt.Errorf("kubeconfig: %w (tried %s)", ErrNoConfig, tries)
	}
	cfg, err := inClusterKubeconfig(o.inClusterDir(), o.lookupEnv)
	if errors.Is(err, ErrNotInCluster) {
		return nil, fmt.Errorf("kubeconfig: %w (tried %s), and %w", ErrNoConfig, tries, err)
	}
	if err != nil {
		return nil, err
	}
	cc := newClientConfig(cfg, nil, o.Overrides)
	cc.inCluster = true
	return cc, nil
}

// firstCurrentContext returns the file of the first config that sets current-context.
func firstCurrentContext(configs []*Config, files []string) string {
	for i, c := range configs {
		if c.CurrentContext != "" {
			return files[i]
		}
	}
	return ""
}

// precedence returns the files to merge when no explicit path is given.
func (o *LoadOptions) precedence() []string {
	if o.Paths != nil {
		return dedupe(o.Paths)
	}
	if v, ok := o.lookupEnv(EnvVar); ok && v != "" {
		return dedupe(filepath.SplitList(v))
	}
	home := o.HomeDir
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return nil
		}
		home = h
	}
	return []string{filepath.Join(home, ".kube", "config")}
}

func (o *LoadOptions) lookupEnv(key string) (string, bool) {
	if o.LookupEnv != nil {
		return o.LookupEnv(key)
	}
	return os.LookupEnv(key)
}

func (o *LoadOptions) inClusterDir() string {
	if o.InClusterDir != "" {
		return o.InClusterDir
	}
	return DefaultServiceAccountDir
}

// dedupe drops empty and repeated paths, keeping the first occurrence.
func dedupe(paths []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, p := range paths {
		if p != "" && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}
