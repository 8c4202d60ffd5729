package discovery

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/kubegen/kubegen/client/rest"
)

// DefaultDiskTTL is how long a disk cache entry is trusted, as kubectl does.
const DefaultDiskTTL = 6 * time.Hour

// NewDisk returns a cache that keeps discovery answers in memory and in a per-host directory under dir
// (e.g. ~/.kube/cache/discovery), trusting files younger than ttl. A file that is missing, too old or
// unreadable is replaced by a fresh discovery pass. Invalidate forgets both.
func NewDisk(c *Client, host, dir string, ttl time.Duration) *Memory {
	if ttl <= 0 {
		ttl = DefaultDiskTTL
	}
	file := filepath.Join(dir, hostDir(host), "discovery.json")
	return &Memory{
		client: c,
		load: func(ctx context.Context) (*snapshot, bool, error) {
			if s, ok := readSnapshot(file, ttl); ok {
				return s, false, nil
			}
			s, err := c.fetch(ctx, true)
			return s, err == nil, err
		},
		save:   func(s *snapshot) { writeSnapshot(file, s) },
		forget: func() { _ = os.Remove(file) },
	}
}

// NewDiskForConfig is NewDisk for the server of c.
func NewDiskForConfig(c *rest.Config, dir string, ttl time.Duration) (*Memory, error) {
	client, err := NewForConfig(c)
	if err != nil {
		return nil, err
	}
	return NewDisk(client, c.Host, dir, ttl), nil
}

var unsafeChars = regexp.MustCompile(`[^a-zA-Z0-9._-]`)

// hostDir turns a server address into a directory name: "https://10.0.0.1:6443" → "10.0.0.1_6443".
func hostDir(host string) string {
	if u, err := url.Parse(host); err == nil && u.Host != "" {
		host = u.Host + u.Path
	}
	return unsafeChars.ReplaceAllString(host, "_")
}

func readSnapshot(file string, ttl time.Duration) (*snapshot, bool) {
	info, err := os.Stat(file)
	if err != nil || time.Since(info.ModTime()) > ttl {
		return nil, false
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, false
	}
	s := newSnapshot()
	if err := json.Unmarshal(b, s); err != nil || s.rebuild() != nil {
		return nil, false
	}
	return s, true
}

// writeSnapshot stores s atomically; a failure only costs the next process a discovery pass.
func writeSnapshot(file string, s *snapshot) {
	b, err := json.Marshal(s)
	if err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o750); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".discovery-*")
	if err != nil {
		return
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return
	}
	if tmp.Close() == nil {
		_ = os.Rename(tmp.Name(), file)
	}
}
