// Command informers compares informer sync against a real kube-apiserver (test/cluster, binaries from
// hack/testbin.sh): kubegen with default options, with watch-list forced on and off, and client-go with
// its defaults, syncing the same ConfigMaps over protobuf.
//
//	go run ./cmd/informers [-n 1000,10000] [-runs 1]
//
// For each size the parent creates the ConfigMaps (~1 KiB each, with labels and annotations), then runs
// every client in a child process of its own, so that its heap holds nothing but the client and its
// cache. Each child reports:
//
//   - sync: wall time from creating the informer until it has synced;
//   - CPU: user+system CPU of the child over the same span;
//   - heap: live heap after sync (after a GC), less the heap before the informer was made;
//   - peak: the most memory the heap held at any moment of the sync, less the same base, divided by
//     heap. "Held" counts every heap object not yet freed, the garbage that decoding leaves between
//     collections as much as the live cache, because that is what a container's memory limit sees:
//     runtime/metrics' /memory/classes/heap/objects:bytes, read every millisecond by a goroutine of
//     the child (its peaks come at the end of each collection's mark phase, before sweeping frees
//     the garbage). Both libraries run with the same (default) GOGC, under which a collection starts
//     when the heap reaches about twice what the previous one left live, so the figure lies between
//     1.0 (decoding leaves no garbage) and about 2.0 (it leaves much more than it keeps), and it moves
//     with where in a GC cycle the sync ends: read it over several runs. The live heap as of the last
//     collection (/gc/heap/live:bytes, what this program sampled before) never sees that garbage and
//     reads 1.0 whatever the decoder does. Printed on stderr for reference: the child's peak RSS
//     (VmHWM), which also counts the runtime, the binary and freed pages not yet returned, and the
//     bytes allocated during the sync divided by heap (/gc/heap/allocs:bytes), which does not move
//     with the GC's phase: 1.0 plus the garbage left per byte cached, g, bounds the peak at about
//     2(1+g)/(2+g) (the heap at each collection is twice what the previous one left live).
//
// The parent adds the CPU kube-apiserver and etcd used during each child's run (server CPU), runs the
// clients in a rotating order, and prints medians with ratios to client-go: a block per size on
// stderr as each size is done, then one markdown table of every size on stdout. With -binsize the
// table also has the stripped size and cold build CPU of a list-pods program (internal/binsize;
// -cold sets the cold builds), so that issue 16's figures come from one run:
//
//	go run ./cmd/informers -n 1000,10000,50000,100000 -binsize
//
// With -fixture the clients sync from an in-process loopback server instead (a single unpaginated page;
// no watch-list), as the first version of this program did.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	cginformers "k8s.io/client-go/informers"
	cgkubernetes "k8s.io/client-go/kubernetes"
	cgrest "k8s.io/client-go/rest"
	cgcache "k8s.io/client-go/tools/cache"

	"github.com/kubegen/kubegen/client/cache"
	kgrest "github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/kubernetes"
	corev1informers "github.com/kubegen/kubegen/kubernetes/informers/core/v1"
	"github.com/kubegen/kubegen/test/bench/internal/binsize"
	"github.com/kubegen/kubegen/test/bench/internal/fixture"
	"github.com/kubegen/kubegen/test/bench/internal/measure"
	"github.com/kubegen/kubegen/test/cluster"
)

// clients are the measured variants, in the order of the table.
var clients = []string{"kubegen", "kubegen-watchlist", "kubegen-list", "client-go"}

// profileDir, when set, is where children write CPU profiles.
var profileDir string

// target is how a child reaches the server.
type target struct{ host, caFile, certFile, keyFile string }

func main() {
	sizes := flag.String("n", "1000,10000", "comma-separated numbers of ConfigMaps to sync")
	runs := flag.Int("runs", 1, "runs of each client at each size (the median is shown)")
	useFixture := flag.Bool("fixture", false, "sync from an in-process fixture server instead of kube-apiserver")
	role := flag.String("client", "", "internal: run one client and report")
	var t target
	flag.StringVar(&t.host, "host", "", "internal: server URL")
	flag.StringVar(&t.caFile, "ca", "", "internal: CA file")
	flag.StringVar(&t.certFile, "cert", "", "internal: client certificate file")
	flag.StringVar(&t.keyFile, "key", "", "internal: client key file")
	n := flag.Int("count", 0, "internal: ConfigMaps expected")
	cpuProfile := flag.String("cpuprofile", "", "internal: write the child's CPU profile here")
	heapProfile := flag.String("heapprofile", "", "internal: write the child's heap profile after sync here")
	flag.StringVar(&profileDir, "profile", "", "write each child's CPU profile to DIR/<client>-<N>-<run>.pprof and heap profile after sync to DIR/<client>-<N>-<run>.heap.pprof")
	only := flag.String("clients", "", "comma-separated clients to run (default: all)")
	withBinsize := flag.Bool("binsize", false, "add the list-pods program's binary sizes and cold build CPU to the table")
	cold := flag.Int("cold", 1, "with -binsize: cold builds of each program (0: sizes only)")
	flag.Parse()
	if *only != "" {
		clients = strings.Split(*only, ",")
	}
	if *role != "" {
		runClient(*role, t, *n, *cpuProfile, *heapProfile)
		return
	}
	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || v <= 0 {
			fail(fmt.Errorf("-n: bad size %q", s))
		}
		ns = append(ns, v)
	}
	slices.Sort(ns)
	var tab table
	if *useFixture {
		tab = runFixture(ns, *runs)
	} else {
		tab = runCluster(ns, *runs)
	}
	if *withBinsize {
		fmt.Fprintf(os.Stderr, "building the list-pods programs (%d cold build(s) each)\n", *cold)
		var err error
		if tab.bins, err = binsize.Measure(*cold); err != nil {
			fail(err)
		}
	}
	tab.print(*cold)
}

func runCluster(sizes []int, runs int) table {
	c, err := cluster.Start(cluster.Options{})
	if err != nil {
		fail(err)
	}
	defer c.Stop()
	certFile, keyFile := c.ClientCertFiles(cluster.Admin)
	tgt := target{host: c.Host(), caFile: c.CAFile(), certFile: certFile, keyFile: keyFile}
	cs, err := kubernetes.NewForConfig(c.AdminConfig())
	if err != nil {
		fail(err)
	}
	t := table{title: fmt.Sprintf("informer sync of N ConfigMaps (~1 KiB each) from kube-apiserver (test/cluster), protobuf, %s, %s/%s, %d CPU, %d run(s), median",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runs)}
	fmt.Fprintf(os.Stderr, "%s\n\n", t.title)
	pre, err := cs.CoreV1().ConfigMaps("").List(context.Background(), metav1.ListOptions{})
	if err != nil {
		fail(err)
	}
	extra := len(pre.Items) // the apiserver's own, e.g. kube-system/extension-apiserver-authentication
	created := 0
	for _, n := range sizes {
		start := time.Now()
		if err := createConfigMaps(cs, created, n); err != nil {
			fail(err)
		}
		fmt.Fprintf(os.Stderr, "created ConfigMaps %d..%d in %s\n", created, n, time.Since(start).Round(time.Millisecond))
		created = n
		t.add(n, measureSize(n, runs, func(client string) []string { return tgt.args(client, n+extra) }))
	}
	return t
}

func (t target) args(client string, n int) []string {
	return []string{"-client", client, "-host", t.host, "-ca", t.caFile, "-cert", t.certFile, "-key", t.keyFile, "-count", strconv.Itoa(n)}
}

// createConfigMaps creates ConfigMaps from..to-1 (and their namespaces) with 16 writers.
func createConfigMaps(cs *kubernetes.Clientset, from, to int) error {
	ctx := context.Background()
	for i := from; i < min(to, from+50); i++ {
		ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: fixture.ConfigMap(i).Namespace}}
		if _, err := cs.CoreV1().Namespaces().Create(ctx, ns, metav1.CreateOptions{}); err != nil && from == 0 {
			return err
		}
	}
	next := make(chan int)
	errs := make(chan error, 16)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for i := range next {
				cm := fixture.ConfigMap(i)
				cm.ResourceVersion, cm.UID, cm.ManagedFields, cm.CreationTimestamp = "", "", nil, metav1.Time{}
				if _, err := cs.CoreV1().ConfigMaps(cm.Namespace).Create(ctx, cm, metav1.CreateOptions{FieldManager: "bench"}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	var err error
feed:
	for i := from; i < to; i++ {
		select {
		case next <- i:
		case err = <-errs:
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err == nil && len(errs) > 0 {
		err = <-errs
	}
	return err
}

// result is what a child reports.
type result struct {
	sync, cpu  time.Duration
	server     time.Duration // CPU of kube-apiserver and etcd during the child's run (set by the parent)
	heap, peak float64       // MB
	rss        float64       // the child's peak RSS (VmHWM), MB
	alloc      float64       // bytes allocated during the sync, MB
}

func parseResult(out string) (result, error) {
	var r result
	var syncMs, cpuMs float64
	_, err := fmt.Sscanf(strings.TrimSpace(out), "%f %f %f %f %f %f", &syncMs, &cpuMs, &r.heap, &r.peak, &r.rss, &r.alloc)
	r.sync, r.cpu = time.Duration(syncMs*1e6), time.Duration(cpuMs*1e6)
	return r, err
}

// measureSize runs every client runs times (alternating), prints one block for size n on stderr and
// returns each client's medians.
func measureSize(n, runs int, args func(client string) []string) map[string]result {
	all := map[string][]result{}
	for run := range runs {
		// Each run starts with another client, so that none always runs first after the creates.
		for k := range clients {
			c := clients[(k+run)%len(clients)]
			a := args(c)
			if profileDir != "" {
				a = append(a, "-cpuprofile", fmt.Sprintf("%s/%s-%d-%d.pprof", profileDir, c, n, run),
					"-heapprofile", fmt.Sprintf("%s/%s-%d-%d.heap.pprof", profileDir, c, n, run))
			}
			server0 := serverCPU()
			out, err := exec.Command(os.Args[0], a...).CombinedOutput()
			server := serverCPU() - server0
			if err != nil {
				fail(fmt.Errorf("%s at %d: %v\n%s", c, n, err, out))
			}
			r, err := parseResult(string(out))
			if err != nil {
				fail(fmt.Errorf("%s at %d: %v in %q", c, n, err, out))
			}
			r.server = server
			all[c] = append(all[c], r)
		}
	}
	med := map[string]result{}
	for c, rs := range all {
		med[c] = median(rs)
	}
	cg := med["client-go"]
	fmt.Fprintf(os.Stderr, "%8s %-18s %9s %7s %9s %7s %9s %7s %10s %11s %12s %11s\n", "N", "client", "sync", "×cg", "CPU", "×cg", "heap MB", "×cg", "peak/heap", "server CPU", "peak RSS MB", "alloc/heap")
	for _, c := range clients {
		r := med[c]
		fmt.Fprintf(os.Stderr, "%8d %-18s %9s %7.2f %9s %7.2f %9.1f %7.2f %10.2f %11s %12.1f %11.2f\n", n, c,
			r.sync.Round(time.Millisecond), ratio(r.sync.Seconds(), cg.sync.Seconds()),
			r.cpu.Round(time.Millisecond), ratio(r.cpu.Seconds(), cg.cpu.Seconds()),
			r.heap, ratio(r.heap, cg.heap), ratio(r.peak, r.heap), r.server.Round(10*time.Millisecond), r.rss, ratio(r.alloc, r.heap))
	}
	if runs > 1 {
		// The peak moves with where in a GC cycle each sync ends: show the spread behind the median.
		for _, c := range clients {
			fmt.Fprintf(os.Stderr, "%8s %-18s peak/heap of each run:", "", c)
			for _, r := range all[c] {
				fmt.Fprintf(os.Stderr, " %.2f", ratio(r.peak, r.heap))
			}
			fmt.Fprintln(os.Stderr)
		}
	}
	fmt.Fprintln(os.Stderr)
	return med
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// median takes the median of each figure on its own.
func median(rs []result) result {
	pick := func(f func(result) float64) float64 {
		v := make([]float64, len(rs))
		for i, r := range rs {
			v[i] = f(r)
		}
		return measure.Median(v)
	}
	return result{
		sync:   time.Duration(pick(func(r result) float64 { return float64(r.sync) })),
		cpu:    time.Duration(pick(func(r result) float64 { return float64(r.cpu) })),
		heap:   pick(func(r result) float64 { return r.heap }),
		peak:   pick(func(r result) float64 { return r.peak }),
		server: time.Duration(pick(func(r result) float64 { return float64(r.server) })),
		rss:    pick(func(r result) float64 { return r.rss }),
		alloc:  pick(func(r result) float64 { return r.alloc }),
	}
}

func runFixture(sizes []int, runs int) table {
	t := table{title: fmt.Sprintf("informer sync of N ConfigMaps (~1 KiB each, with managedFields) from an in-process fixture server, protobuf, %s, %d run(s), median",
		runtime.Version(), runs)}
	fmt.Fprintf(os.Stderr, "%s\n\n", t.title)
	for _, n := range sizes {
		srv := httptest.NewServer(fixture.ConfigMapServer(n))
		t.add(n, measureSize(n, runs, func(client string) []string {
			return []string{"-client", client, "-host", srv.URL, "-count", strconv.Itoa(n)}
		}))
		srv.Close()
	}
	return t
}

// runClient syncs one informer and prints sync ms, CPU ms, heap MB, peak MB, the process's peak
// RSS in MB and the MB allocated during the sync.
func runClient(which string, t target, n int, cpuProfile, heapProfile string) {
	if heapProfile != "" {
		runtime.MemProfileRate = 64 // fine enough to attribute bytes per object; it costs CPU
	}
	base := liveHeap()
	peak := newPeakSampler()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fail(err)
		}
		defer pprof.StopCPUProfile()
	}
	cpu0, alloc0, start := cpuTime(), readMetric("/gc/heap/allocs:bytes"), time.Now()
	var count func() int
	var keep any
	switch which {
	case "kubegen", "kubegen-watchlist", "kubegen-list":
		inf := kubegenInformer(t, which)
		go inf.RunWithContext(ctx)
		if err := cache.WaitForCacheSync(ctx, inf); err != nil {
			fail(err)
		}
		count, keep = func() int { return len(inf.Store().List()) }, inf
	case "client-go":
		inf := clientGoInformer(t)
		go inf.Run(ctx.Done())
		if !cgcache.WaitForCacheSync(ctx.Done(), inf.HasSynced) {
			fail(fmt.Errorf("client-go informer did not sync"))
		}
		count, keep = func() int { return len(inf.GetStore().List()) }, inf
	default:
		fail(fmt.Errorf("unknown client %q", which))
	}
	took, cpu, alloc := time.Since(start), cpuTime()-cpu0, readMetric("/gc/heap/allocs:bytes")-alloc0
	maxHeap := peak.stop()
	if got := count(); got != n {
		fail(fmt.Errorf("%s cached %d objects, want %d", which, got, n))
	}
	heap := liveHeap()
	if heapProfile != "" {
		writeHeapProfile(heapProfile)
	}
	runtime.KeepAlive(keep)
	const mb = 1 << 20
	fmt.Printf("%.1f %.1f %.2f %.2f %.1f %.2f\n", float64(took)/1e6, float64(cpu)/1e6, float64(heap-base)/mb, float64(max(maxHeap, heap)-base)/mb, float64(peakRSS())/mb, float64(alloc)/mb)
}

// writeHeapProfile writes the heap profile (its inuse figures are those of the last collection).
func writeHeapProfile(path string) {
	f, err := os.Create(path)
	if err != nil {
		fail(err)
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
}

// liveHeap returns the live heap after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	return readLive()
}

func readLive() uint64 { return readMetric("/gc/heap/live:bytes") }

func readMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// heapObjects returns the bytes of heap objects not yet freed: the live ones and the garbage the
// next sweep frees.
func heapObjects() uint64 { return readMetric("/memory/classes/heap/objects:bytes") }

// peakSampler records the largest heap (heapObjects) it reads while it runs, every millisecond.
type peakSampler struct {
	done chan struct{}
	max  chan uint64
}

func newPeakSampler() *peakSampler {
	p := &peakSampler{done: make(chan struct{}), max: make(chan uint64)}
	go func() {
		var m uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			m = max(m, heapObjects())
			select {
			case <-p.done:
				p.max <- m
				return
			case <-tick.C:
			}
		}
	}()
	return p
}

func (p *peakSampler) stop() uint64 {
	close(p.done)
	return <-p.max
}

// peakRSS returns the process's peak resident set (VmHWM in /proc/self/status), 0 where there is none.
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		fail(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func kubegenInformer(t target, which string) *cache.TypedInformer[*corev1.ConfigMap] {
	cfg := &kgrest.Config{Host: t.host, QPS: -1}
	cfg.TLSClientConfig.CAFile, cfg.TLSClientConfig.CertFile, cfg.TLSClientConfig.KeyFile = t.caFile, t.certFile, t.keyFile
	cfg.ContentType = fixture.ProtobufType
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		fail(err)
	}
	opts := cache.InformerOptions{}
	switch which {
	case "kubegen-watchlist":
		opts.NoWatchList = false // the typed client supports it, so this is the default
	case "kubegen-list":
		opts.NoWatchList = true
	}
	return corev1informers.NewConfigMapInformerWithOptions(cs.CoreV1(), "", opts)
}

func clientGoInformer(t target) cgcache.SharedIndexInformer {
	cfg := &cgrest.Config{Host: t.host, QPS: -1, ContentConfig: cgrest.ContentConfig{ContentType: fixture.ProtobufType}}
	cfg.TLSClientConfig.CAFile, cfg.TLSClientConfig.CertFile, cfg.TLSClientConfig.KeyFile = t.caFile, t.certFile, t.keyFile
	cs, err := cgkubernetes.NewForConfig(cfg)
	if err != nil {
		fail(err)
	}
	return cginformers.NewSharedInformerFactory(cs, 0).Core().V1().ConfigMaps().Informer()
}
