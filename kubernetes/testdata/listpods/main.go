// Command listpods lists the pods of every namespace through the clientset's CoreV1 alone.
// TestListPodsLinksOnlyCore builds it and reads its symbol table.
package main

import (
	"context"
	"fmt"
	"os"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/kubeconfig"
	"github.com/kubegen/kubegen/kubernetes"
)

func main() {
	cfg, err := kubeconfig.BuildConfigFromFlags("", os.Getenv("KUBECONFIG"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pods, err := cs.CoreV1().Pods("").List(context.Background(), metav1.ListOptions{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, p := range pods.Items {
		fmt.Println(p.Namespace, p.Name)
	}
}
