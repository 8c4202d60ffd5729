package cluster

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"time"
)

func (c *Cluster) startEtcd(clientPort, peerPort int) error {
	peerURL := "http://127.0.0.1:" + strconv.Itoa(peerPort)
	args := append([]string{
		"--name=kubegen",
		"--data-dir=" + c.path("etcd-data"),
		"--listen-client-urls=" + c.etcdURL,
		"--advertise-client-urls=" + c.etcdURL,
		"--listen-peer-urls=" + peerURL,
		"--initial-advertise-peer-urls=" + peerURL,
		"--initial-cluster=kubegen=" + peerURL,
		"--unsafe-no-fsync",
		"--log-level=warn",
	}, c.opts.EtcdFlags...)
	p, err := startProcess("etcd", filepath.Join(c.binDir, "etcd"), c.path("etcd.log"), args)
	if err != nil {
		return err
	}
	c.etcd = p
	return waitReady(p, c.opts.ReadyTimeout, c.etcdHealthy)
}

func (c *Cluster) etcdHealthy(ctx context.Context) error {
	var health struct {
		Health string `json:"health"`
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.etcdURL+"/health", nil)
	if err != nil {
		return err
	}
	if err := doJSON(req, &health); err != nil {
		return err
	}
	if health.Health != "true" {
		return fmt.Errorf("etcd health is %q", health.Health)
	}
	return nil
}

// EtcdRevision returns etcd's current revision: the resourceVersion of the latest write.
func (c *Cluster) EtcdRevision(ctx context.Context) (int64, error) {
	var status struct {
		Header struct {
			Revision string `json:"revision"`
		} `json:"header"`
	}
	if err := c.etcdCall(ctx, "/v3/maintenance/status", map[string]any{}, &status); err != nil {
		return 0, err
	}
	rev, err := strconv.ParseInt(status.Header.Revision, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("etcd status: bad revision %q", status.Header.Revision)
	}
	return rev, nil
}

// CompactEtcd compacts etcd's history up to its current revision, as kube-apiserver's own compactor
// does (it also records the revision under etcd's "compact_rev_key", which the apiserver watches), and
// returns that revision. Reads of an older resourceVersion that reach etcd then fail with 410 Gone.
//
// The apiserver's watch cache answers most watches and lists from memory and learns about a compaction
// only by polling (every 15 s in v1.37). For an immediate, deterministic 410 on watches and lists from an
// old resourceVersion, start the cluster with Options.APIServerFlags "--watch-cache=false".
func (c *Cluster) CompactEtcd(ctx context.Context) (int64, error) {
	rev, err := c.EtcdRevision(ctx)
	if err != nil {
		return 0, err
	}
	return rev, c.CompactEtcdTo(ctx, rev)
}

// CompactEtcdTo compacts etcd's history up to revision (see CompactEtcd).
func (c *Cluster) CompactEtcdTo(ctx context.Context, revision int64) error {
	rev := strconv.FormatInt(revision, 10)
	put := map[string]any{"key": b64([]byte("compact_rev_key")), "value": b64([]byte(rev))}
	if err := c.etcdCall(ctx, "/v3/kv/put", put, nil); err != nil {
		return err
	}
	return c.etcdCall(ctx, "/v3/kv/compaction", map[string]any{"revision": rev, "physical": true}, nil)
}

// etcdCall posts a JSON request to etcd's gRPC gateway.
func (c *Cluster) etcdCall(ctx context.Context, path string, in, out any) error {
	data, err := json.Marshal(in)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.etcdURL+path, bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if err := doJSON(req, out); err != nil {
		return fmt.Errorf("etcd %s: %w", path, err)
	}
	return nil
}

// doJSON sends req and decodes a 200 response's JSON body into out (when out is not nil).
func doJSON(req *http.Request, out any) error {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s: %s", resp.Status, bytes.TrimSpace(body))
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(body, out)
}
