// Command corev1 lists the pods of every namespace with only the core/v1 typed client of the
// blessed kubegen clientset. It is one of the programs whose size binsize measures.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/kubegen/kubegen/client/kubeconfig"
	corev1 "github.com/kubegen/kubegen/kubernetes/typed/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func main() {
	cfg, err := kubeconfig.BuildConfigFromFlags("", os.Getenv("KUBECONFIG"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	c, err := corev1.NewForConfig(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pods, err := c.Pods("").List(context.Background(), metav1.ListOptions{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, p := range pods.Items {
		fmt.Println(p.Namespace, p.Name)
	}
}
