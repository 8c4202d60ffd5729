// Command kubegen lists the pods of every namespace with the blessed kubegen clientset. It is one
// of the programs whose size binsize measures.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/kubegen/kubegen/client/kubeconfig"
	"github.com/kubegen/kubegen/kubernetes"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
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
