package kubeconfig

import (
	"fmt"
	"os"
	"path/filepath"

	"sigs.k8s.io/yaml"
)

// Marshal encodes c as a v1 kubeconfig in YAML, filling in apiVersion and kind when empty. Paths are
// written as they are in c (LoadFile made them absolute).
func Marshal(c *Config) ([]byte, error) {
	out := *c
	if out.APIVersion == "" {
		out.APIVersion = "v1"
	}
	if out.Kind == "" {
		out.Kind = "Config"
	}
	b, err := yaml.Marshal(&out)
	if err != nil {
		return nil, fmt.Errorf("kubeconfig: encoding: %w", err)
	}
	return b, nil
}

// WriteFile writes c to path as YAML with mode 0600, replacing the file atomically: the data is
// written to a temporary file in the same directory, then renamed over path. Missing parent
// directories are created.
func WriteFile(path string, c *Config) error {
	data, err := Marshal(c)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return &Error{File: path, Err: err}
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return &Error{File: path, Err: err}
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return &Error{File: path, Err: err}
	}
	if err := tmp.Close(); err != nil {
		return &Error{File: path, Err: err}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return &Error{File: path, Err: err}
	}
	return nil
}
