package kubeconfig

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// maxFileSize bounds how much of a kubeconfig file is read; real ones are a few kilobytes.
const maxFileSize = 16 << 20

// LoadFile reads and parses one kubeconfig file. Relative paths in it (certificate-authority,
// client-certificate, client-key, tokenFile, and an exec command containing a slash) are resolved
// against the file's directory, and every cluster, user and context records the file in
// LocationOfOrigin. Errors are *Error values naming the file and the key.
func LoadFile(path string) (*Config, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	cfg, err := parse(data, path)
	if err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, &Error{File: path, Err: err}
	}
	resolvePaths(cfg, dir)
	return cfg, nil
}

func readFile(path string) ([]byte, error) {
	data, err := readBounded(path)
	if err != nil {
		return nil, &Error{File: path, Err: unwrapPathError(err)}
	}
	return data, nil
}

// readBounded reads a file of at most maxFileSize bytes, so a path such as /dev/zero fails instead
// of exhausting memory.
func readBounded(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, maxFileSize)
	}
	return data, nil
}

// unwrapPathError drops the *os.PathError wrapper, whose path the surrounding Error already names.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// resolvePaths makes the relative paths in cfg absolute against dir.
func resolvePaths(cfg *Config, dir string) {
	for i := range cfg.Clusters {
		c := &cfg.Clusters[i].Cluster
		c.CertificateAuthority = resolve(dir, c.CertificateAuthority)
	}
	for i := range cfg.AuthInfos {
		a := &cfg.AuthInfos[i].AuthInfo
		a.ClientCertificate = resolve(dir, a.ClientCertificate)
		a.ClientKey = resolve(dir, a.ClientKey)
		a.TokenFile = resolve(dir, a.TokenFile)
		if a.Exec != nil && strings.ContainsRune(a.Exec.Command, '/') {
			a.Exec.Command = resolve(dir, a.Exec.Command)
		}
	}
}

func resolve(dir, path string) string {
	if path == "" || filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(dir, path)
}
