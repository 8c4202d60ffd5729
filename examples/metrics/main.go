// Command metrics shows kubegen's client metrics in Prometheus' text format, with an adapter written
// with the standard library only (promtext.go). It lists the cluster's namespaces every few seconds
// and serves what the client measured on /metrics:
//
//	go run ./examples/metrics -kubeconfig ~/.kube/config -listen 127.0.0.1:9090
//	curl -s 127.0.0.1:9090/metrics | grep rest_client_requests_total
package main

import (
	"context"
	"flag"
	"log"
	"net/http"
	"os"
	"os/signal"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/kubeconfig"
	"github.com/kubegen/kubegen/client/metrics"
	"github.com/kubegen/kubegen/kubernetes"
)

func main() {
	path := flag.String("kubeconfig", os.Getenv("KUBECONFIG"), "kubeconfig file; in-cluster configuration when empty")
	listen := flag.String("listen", "127.0.0.1:9090", "address to serve /metrics on")
	every := flag.Duration("every", 5*time.Second, "interval between two lists of namespaces")
	flag.Parse()

	reg := newRegistry()
	metrics.Register(reg.opts()) // once, before making clients

	cfg, err := kubeconfig.BuildConfigFromFlags("", *path)
	if err != nil {
		log.Fatal(err)
	}
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("/metrics", reg)
	go func() { log.Fatal(http.ListenAndServe(*listen, nil)) }()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	tick := time.NewTicker(*every)
	defer tick.Stop()
	for {
		if list, err := cs.CoreV1().Namespaces().List(ctx, metav1.ListOptions{}); err != nil {
			log.Print(err)
		} else {
			log.Printf("%d namespaces", len(list.Items))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
