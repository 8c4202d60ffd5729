// Command informers compares informer sync time and heap in use after sync, kubegen against client-go,
// for the same ConfigMaps served as JSON and as protobuf by the same loopback server.
//
//	go run ./cmd/informers [-n 20000]
//
// The server runs in this process; each client runs in a child process of its own, so its heap holds
// nothing but the client and its cache. Heap in use is measured after a GC, once the cache has synced.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	cginformers "k8s.io/client-go/informers"
	cgkubernetes "k8s.io/client-go/kubernetes"
	cgrest "k8s.io/client-go/rest"
	cgcache "k8s.io/client-go/tools/cache"

	"github.com/kubegen/kubegen/client/cache"
	kgrest "github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed"
	"github.com/kubegen/kubegen/test/bench/internal/fixture"
)

const protobufType = "application/vnd.kubernetes.protobuf"

func main() {
	n := flag.Int("n", 20000, "ConfigMaps to sync")
	role := flag.String("client", "", "internal: run one client against -url and report")
	url := flag.String("url", "", "internal: server URL")
	enc := flag.String("encoding", "json", "internal: json or protobuf")
	flag.Parse()
	if *role != "" {
		runClient(*role, *url, *enc, *n)
		return
	}
	srv := httptest.NewServer(fixture.ConfigMapServer(*n))
	defer srv.Close()
	fmt.Printf("informer sync of %d ConfigMaps (~1 KiB each, with managedFields), %s/%s, %d CPU\n\n",
		*n, runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	fmt.Printf("%-10s %-10s %12s %16s\n", "encoding", "client", "sync time", "heap in use")
	for _, e := range []string{"json", "protobuf"} {
		for _, c := range []string{"kubegen", "client-go"} {
			out, err := exec.Command(os.Args[0], "-client", c, "-url", srv.URL, "-encoding", e, "-n", fmt.Sprint(*n)).CombinedOutput()
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s %s: %v\n%s", c, e, err, out)
				os.Exit(1)
			}
			fmt.Printf("%-10s %-10s %s\n", e, c, strings.TrimSpace(string(out)))
		}
	}
}

// runClient syncs one informer and prints its sync time and heap in use.
func runClient(which, url, enc string, n int) {
	contentType := "application/json"
	if enc == "protobuf" {
		contentType = protobufType
	}
	base := heapInUse()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start := time.Now()
	var count func() int
	var keep any
	switch which {
	case "kubegen":
		inf := kubegenInformer(url, contentType)
		go inf.Run(ctx)
		if err := cache.WaitForCacheSync(ctx, inf); err != nil {
			fail(err)
		}
		count = func() int { return len(inf.Store().List()) }
		keep = inf
	case "client-go":
		inf := clientGoInformer(url, contentType)
		go inf.Run(ctx.Done())
		if !cgcache.WaitForCacheSync(ctx.Done(), inf.HasSynced) {
			fail(fmt.Errorf("client-go informer did not sync"))
		}
		count = func() int { return len(inf.GetStore().List()) }
		keep = inf
	default:
		fail(fmt.Errorf("unknown client %q", which))
	}
	took := time.Since(start)
	if got := count(); got != n {
		fail(fmt.Errorf("%s cached %d objects, want %d", which, got, n))
	}
	heap := heapInUse() - base
	runtime.KeepAlive(keep)
	fmt.Printf("%12s %13.1f MB\n", took.Round(time.Millisecond), float64(heap)/(1<<20))
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func kubegenInformer(url, contentType string) *cache.SharedIndexInformer[*corev1.ConfigMap] {
	cfg := &kgrest.Config{Host: url, QPS: -1, APIPath: "/api"}
	cfg.GroupVersion = &schema.GroupVersion{Version: "v1"}
	cfg.NegotiatedSerializer = serializer.NewCodecFactory(fixture.Scheme).WithoutConversion()
	cfg.ContentType = contentType
	rc, err := kgrest.RESTClientFor(cfg)
	if err != nil {
		fail(err)
	}
	c := typed.NewClient[*corev1.ConfigMap, *corev1.ConfigMapList]("configmaps", rc, kgrest.ParameterCodec, "",
		func() *corev1.ConfigMap { return &corev1.ConfigMap{} }, func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })
	return cache.NewSharedIndexInformerWithOptions[*corev1.ConfigMap](c, cache.InformerOptions{})
}

func clientGoInformer(url, contentType string) cgcache.SharedIndexInformer {
	cs, err := cgkubernetes.NewForConfig(&cgrest.Config{Host: url, QPS: -1, ContentConfig: cgrest.ContentConfig{ContentType: contentType}})
	if err != nil {
		fail(err)
	}
	f := cginformers.NewSharedInformerFactory(cs, 0)
	inf := f.Core().V1().ConfigMaps().Informer()
	_ = metav1.ListOptions{}
	_ = http.MethodGet
	return inf
}
