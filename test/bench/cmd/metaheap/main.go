// Command metaheap measures the heap an informer holds per cached object (issue 14 item 2): 4 KiB
// Secrets cached whole by a typed informer and as metadata only (PartialObjectMetadata) by a metadata
// informer, kubegen beside client-go, against a real kube-apiserver (test/cluster, binaries from
// hack/testbin.sh).
//
//	go run ./cmd/metaheap [-n 20000]
//
// The parent creates n Secrets (a 4 KiB data value each, distinct, with a label and an annotation)
// spread over 20 namespaces, then runs each client in a child process of its own, so that its heap
// holds nothing but the client and its cache. A child reports the live heap after its informer has
// synced (after a GC) less the live heap before the informer was made; the table divides it by the
// number of cached objects. Typed informers sync over protobuf; metadata informers use each library's
// default media types (both ask for protobuf first).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	cginformers "k8s.io/client-go/informers"
	cgkubernetes "k8s.io/client-go/kubernetes"
	cgmetadata "k8s.io/client-go/metadata"
	cgmetadatainformer "k8s.io/client-go/metadata/metadatainformer"
	cgrest "k8s.io/client-go/rest"
	cgcache "k8s.io/client-go/tools/cache"

	"github.com/kubegen/kubegen/client/cache"
	"github.com/kubegen/kubegen/client/metadata"
	"github.com/kubegen/kubegen/client/metadata/metadatainformer"
	kgrest "github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/kubernetes"
	corev1informers "github.com/kubegen/kubegen/kubernetes/informers/core/v1"
	"github.com/kubegen/kubegen/test/bench/internal/fixture"
	"github.com/kubegen/kubegen/test/cluster"
)

// clients are the measured variants, in the order of the table.
var clients = []string{"kubegen-typed", "kubegen-metadata", "client-go-typed", "client-go-metadata"}

const (
	namespaces = 20
	secretSize = 4 << 10
)

var secrets = corev1.SchemeGroupVersion.WithResource("secrets")

func main() {
	n := flag.Int("n", 20000, "number of Secrets")
	role := flag.String("client", "", "internal: run one client and report")
	var t target
	flag.StringVar(&t.host, "host", "", "internal: server URL")
	flag.StringVar(&t.caFile, "ca", "", "internal: CA file")
	flag.StringVar(&t.certFile, "cert", "", "internal: client certificate file")
	flag.StringVar(&t.keyFile, "key", "", "internal: client key file")
	count := flag.Int("count", 0, "internal: Secrets expected")
	flag.Parse()
	if *role != "" {
		runClient(*role, t, *count)
		return
	}
	if *n <= 0 {
		fail(fmt.Errorf("-n must be positive"))
	}
	run(*n)
}

// target is how a child reaches the server.
type target struct{ host, caFile, certFile, keyFile string }

func run(n int) {
	c, err := cluster.Start(cluster.Options{})
	if err != nil {
		fail(err)
	}
	defer c.Stop()
	certFile, keyFile := c.ClientCertFiles(cluster.Admin)
	t := target{host: c.Host(), caFile: c.CAFile(), certFile: certFile, keyFile: keyFile}
	cfg := c.AdminConfig()
	cfg.QPS = -1
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		fail(err)
	}
	start := time.Now()
	if err := createSecrets(cs, n); err != nil {
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "created %d Secrets in %s\n", n, time.Since(start).Round(time.Millisecond))
	all, err := cs.CoreV1().Secrets("").List(context.Background(), metav1.ListOptions{})
	if err != nil {
		fail(err)
	}
	total := len(all.Items) // n and the apiserver's own, if any
	all = nil

	fmt.Printf("informer heap per cached object: %d Secrets (4 KiB data each) from kube-apiserver (test/cluster), %s/%s, %s\n\n",
		total, runtime.GOOS, runtime.GOARCH, runtime.Version())
	fmt.Printf("%-20s %10s %14s %8s\n", "client", "heap MB", "bytes/object", "×cg-typed")
	heaps := map[string]float64{}
	for _, client := range clients {
		args := []string{"-client", client, "-host", t.host, "-ca", t.caFile, "-cert", t.certFile, "-key", t.keyFile, "-count", strconv.Itoa(total)}
		out, err := exec.Command(os.Args[0], args...).CombinedOutput()
		if err != nil {
			fail(fmt.Errorf("%s: %v\n%s", client, err, out))
		}
		heap, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
		if err != nil {
			fail(fmt.Errorf("%s: %v in %q", client, err, out))
		}
		heaps[client] = heap
	}
	for _, client := range clients {
		h := heaps[client]
		fmt.Printf("%-20s %10.1f %14.0f %8.3f\n", client, h/(1<<20), h/float64(total), h/heaps["client-go-typed"])
	}
}

// secret returns Secret number i: a distinct 4 KiB value, a label and an annotation.
func secret(i int) *corev1.Secret {
	payload := make([]byte, secretSize)
	for j := range payload {
		payload[j] = byte('a' + (i*7+j*13)%26)
	}
	copy(payload, strconv.Itoa(i))
	return &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{
			Name: fmt.Sprintf("secret-%05d", i), Namespace: fmt.Sprintf("ns-%02d", i%namespaces),
			Labels:      map[string]string{"app": "web"},
			Annotations: map[string]string{"owner": "team-a"},
		},
		Type: corev1.SecretTypeOpaque,
		Data: map[string][]byte{"payload": payload},
	}
}

// createSecrets creates the namespaces and Secrets 0..n-1 with 16 writers.
func createSecrets(cs *kubernetes.Clientset, n int) error {
	ctx := context.Background()
	for i := range namespaces {
		ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("ns-%02d", i)}}
		if _, err := cs.CoreV1().Namespaces().Create(ctx, ns, metav1.CreateOptions{}); err != nil {
			return err
		}
	}
	next := make(chan int)
	errs := make(chan error, 16)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for i := range next {
				s := secret(i)
				if _, err := cs.CoreV1().Secrets(s.Namespace).Create(ctx, s, metav1.CreateOptions{FieldManager: "bench"}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	var err error
feed:
	for i := range n {
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

// runClient syncs one informer and prints the heap it holds, in bytes.
func runClient(which string, t target, n int) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	base := liveHeap()
	var count func() int
	var keep any
	switch which {
	case "kubegen-typed", "kubegen-metadata":
		cfg := &kgrest.Config{Host: t.host, QPS: -1}
		cfg.TLSClientConfig.CAFile, cfg.TLSClientConfig.CertFile, cfg.TLSClientConfig.KeyFile = t.caFile, t.certFile, t.keyFile
		if which == "kubegen-typed" {
			cfg.ContentType = fixture.ProtobufType
			cs, err := kubernetes.NewForConfig(cfg)
			if err != nil {
				fail(err)
			}
			inf := corev1informers.NewSecretInformerWithOptions(cs.CoreV1(), "", cache.InformerOptions{})
			go inf.Run(ctx.Done())
			if err := cache.WaitForCacheSync(ctx, inf); err != nil {
				fail(err)
			}
			count, keep = func() int { return len(inf.Store().List()) }, inf
			break
		}
		mc, err := metadata.NewForConfig(cfg)
		if err != nil {
			fail(err)
		}
		inf := metadatainformer.New(mc, secrets, "", cache.InformerOptions{})
		go inf.Run(ctx.Done())
		if err := cache.WaitForCacheSync(ctx, inf); err != nil {
			fail(err)
		}
		count, keep = func() int { return len(inf.Store().List()) }, inf
	case "client-go-typed", "client-go-metadata":
		cfg := &cgrest.Config{Host: t.host, QPS: -1}
		cfg.TLSClientConfig.CAFile, cfg.TLSClientConfig.CertFile, cfg.TLSClientConfig.KeyFile = t.caFile, t.certFile, t.keyFile
		var inf cgcache.SharedIndexInformer
		if which == "client-go-typed" {
			cfg.ContentType = fixture.ProtobufType
			cs, err := cgkubernetes.NewForConfig(cfg)
			if err != nil {
				fail(err)
			}
			inf = cginformers.NewSharedInformerFactory(cs, 0).Core().V1().Secrets().Informer()
		} else {
			mc, err := cgmetadata.NewForConfig(cfg)
			if err != nil {
				fail(err)
			}
			inf = cgmetadatainformer.NewSharedInformerFactory(mc, 0).ForResource(secrets).Informer()
		}
		go inf.Run(ctx.Done())
		if !cgcache.WaitForCacheSync(ctx.Done(), inf.HasSynced) {
			fail(fmt.Errorf("%s: informer did not sync", which))
		}
		count, keep = func() int { return len(inf.GetStore().List()) }, inf
	default:
		fail(fmt.Errorf("unknown client %q", which))
	}
	if got := count(); got != n {
		fail(fmt.Errorf("%s cached %d objects, want %d", which, got, n))
	}
	heap := liveHeap()
	runtime.KeepAlive(keep)
	fmt.Println(int64(heap) - int64(base))
}

// liveHeap returns the live heap after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
