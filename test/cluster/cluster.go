package cluster

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options adjust how a cluster starts. The zero value is what most test packages want.
type Options struct {
	// BinDir holds etcd and kube-apiserver; empty means FindBinaries.
	BinDir string
	// APIServerFlags are appended to the kube-apiserver command line (later flags win).
	APIServerFlags []string
	// EtcdFlags are appended to the etcd command line.
	EtcdFlags []string
	// ReadyTimeout bounds how long Start waits for /readyz; 90 seconds when zero.
	ReadyTimeout time.Duration
}

// Cluster is a running etcd and kube-apiserver pair on loopback. Its methods are safe for concurrent
// use; the returned configurations are fresh copies each time.
type Cluster struct {
	opts    Options
	binDir  string
	dir     string
	pki     *pki
	etcdURL string
	port    int // kube-apiserver secure port

	mu        sync.Mutex
	etcd      *process
	apiserver *process
	stopped   bool

	plugin pluginBuild
}

// Start creates a cluster: it generates credentials in a fresh temporary directory, starts etcd and
// kube-apiserver on free loopback ports and waits until the apiserver reports ready. Stop it when done.
func Start(opts Options) (*Cluster, error) {
	binDir := opts.BinDir
	if binDir == "" {
		var err error
		if binDir, err = FindBinaries(); err != nil {
			return nil, err
		}
	}
	if opts.ReadyTimeout == 0 {
		opts.ReadyTimeout = 90 * time.Second
	}
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var c *Cluster
		if c, err = start(opts, binDir); err == nil {
			return c, nil
		}
		if !errors.Is(err, errPortTaken) {
			break
		}
	}
	return nil, err
}

// errPortTaken marks a start that failed because another process grabbed a port we picked.
var errPortTaken = errors.New("port taken")

func start(opts Options, binDir string) (_ *Cluster, err error) {
	removeStaleDirs()
	dir, err := os.MkdirTemp("", dirPattern)
	if err != nil {
		return nil, fmt.Errorf("creating cluster directory: %w", err)
	}
	c := &Cluster{opts: opts, binDir: binDir, dir: dir}
	defer func() {
		if err != nil {
			c.Stop()
		}
	}()
	if err := claimDir(dir); err != nil {
		return nil, err
	}
	if err := os.Mkdir(c.path("pki"), 0o700); err != nil {
		return nil, err
	}
	if c.pki, err = newPKI(c.path("pki")); err != nil {
		return nil, err
	}
	ports, err := freePorts(3)
	if err != nil {
		return nil, err
	}
	c.etcdURL = "http://127.0.0.1:" + strconv.Itoa(ports[0])
	c.port = ports[2]
	if err := c.startEtcd(ports[0], ports[1]); err != nil {
		return nil, err
	}
	if err := c.StartAPIServer(); err != nil {
		return nil, err
	}
	return c, nil
}

// Stop ends kube-apiserver and etcd and removes the cluster's temporary directory. It is safe to call
// more than once.
func (c *Cluster) Stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.apiserver != nil {
		c.apiserver.kill()
		c.apiserver = nil
	}
	if c.etcd != nil {
		c.etcd.stop(5 * time.Second)
		c.etcd = nil
	}
	if !c.stopped {
		c.stopped = true
		_ = os.RemoveAll(c.dir)
	}
}

// Dir is the cluster's temporary directory (credentials, etcd data, logs). It is removed by Stop.
func (c *Cluster) Dir() string { return c.dir }

func (c *Cluster) path(elem ...string) string {
	return filepath.Join(append([]string{c.dir}, elem...)...)
}

// Host is the apiserver's URL, https://127.0.0.1:<port>.
func (c *Cluster) Host() string { return "https://" + c.HostPort() }

// HostPort is the apiserver's address, 127.0.0.1:<port>.
func (c *Cluster) HostPort() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(c.port)) }

// Port is the apiserver's secure port.
func (c *Cluster) Port() int { return c.port }

// EtcdURL is the URL of etcd's client endpoint (plain HTTP on loopback).
func (c *Cluster) EtcdURL() string { return c.etcdURL }

// APIServerLog returns the last n bytes of kube-apiserver's log, for failure messages.
func (c *Cluster) APIServerLog(n int) string { return tailFile(c.path("kube-apiserver.log"), n) }

// EtcdLog returns the last n bytes of etcd's log.
func (c *Cluster) EtcdLog(n int) string { return tailFile(c.path("etcd.log"), n) }

// freePorts asks the kernel for n distinct free loopback ports. Another process may take one before
// the servers bind it; start then retries with new ports.
func freePorts(n int) ([]int, error) {
	var ports []int
	var listeners []net.Listener
	defer func() {
		for _, l := range listeners {
			l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("finding a free port: %w", err)
		}
		listeners = append(listeners, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// waitReady polls check until it succeeds, the process exits, or timeout passes.
func waitReady(p *process, timeout time.Duration, check func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var last error
	for {
		if done, _ := p.exited(); done {
			err := p.exitError()
			if strings.Contains(err.Error(), "address already in use") {
				return fmt.Errorf("%w: %v", errPortTaken, err)
			}
			return err
		}
		reqCtx, reqCancel := context.WithTimeout(ctx, 2*time.Second)
		last = check(reqCtx)
		reqCancel()
		if last == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s not ready after %v: %v\n--- last lines of %s ---\n%s",
				p.name, timeout, last, p.logPath, p.logTail(4000))
		case <-time.After(100 * time.Millisecond):
		}
	}
}
