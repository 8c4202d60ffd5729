//go:build e2e

package main

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/yaml"

	"github.com/kubegen/kubegen/client/rest"
	samplev1alpha1 "github.com/kubegen/kubegen/examples/sample-controller/pkg/apis/samplecontroller/v1alpha1"
	clientset "github.com/kubegen/kubegen/examples/sample-controller/pkg/generated/clientset/versioned"
	informers "github.com/kubegen/kubegen/examples/sample-controller/pkg/generated/informers/externalversions"
	"github.com/kubegen/kubegen/kubernetes"
	kubeinformers "github.com/kubegen/kubegen/kubernetes/informers"
	"github.com/kubegen/kubegen/kubernetes/scheme"
	"github.com/kubegen/kubegen/test/cluster"
)

// testCluster is a real etcd + kube-apiserver shared by the package's tests.
var testCluster *cluster.Cluster

func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }

// TestSampleController runs upstream's controller (controller.go, ported by changing imports) with
// clients kubegen generated from upstream's types, against the real API server with upstream's CRD:
// a Foo gets its Deployment, the Foo's status follows the Deployment's, scaling the Foo scales the
// Deployment, the controller records events, and it carries on after the API server restarts.
// (Deleting a Foo deletes its Deployment through the garbage collector of kube-controller-manager,
// which the test cluster does not run; the controller itself does nothing on delete.)
func TestSampleController(t *testing.T) {
	config := testCluster.AdminConfig()
	installCRD(t, config, "artifacts/examples/crd-status-subresource.yaml")
	kubeClient, err := kubernetes.NewForConfig(config)
	if err != nil {
		t.Fatal(err)
	}
	exampleClient, err := clientset.NewForConfig(config)
	if err != nil {
		t.Fatal(err)
	}
	ns, err := kubeClient.CoreV1().Namespaces().Create(context.Background(),
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "sample-"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	namespace := ns.Name

	// What main does, with the test's context.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	kubeInformerFactory := kubeinformers.NewSharedInformerFactory(kubeClient, 30*time.Second)
	exampleInformerFactory := informers.NewSharedInformerFactory(exampleClient, 30*time.Second)
	controller := NewController(ctx, kubeClient, exampleClient,
		kubeInformerFactory.Apps().V1().Deployments(),
		exampleInformerFactory.Samplecontroller().V1alpha1().Foos())
	kubeInformerFactory.Start(ctx.Done())
	exampleInformerFactory.Start(ctx.Done())
	ran := make(chan error, 1)
	go func() { ran <- controller.Run(ctx, 2) }()

	foos := exampleClient.SamplecontrollerV1alpha1().Foos(namespace)
	deployments := kubeClient.AppsV1().Deployments(namespace)
	replicas := int32(1)
	foo, err := foos.Create(ctx, &samplev1alpha1.Foo{
		ObjectMeta: metav1.ObjectMeta{Name: "example-foo"},
		Spec:       samplev1alpha1.FooSpec{DeploymentName: "example-foo", Replicas: &replicas},
	}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}

	// The Foo gets its Deployment, controlled by the Foo.
	dep := waitFor(t, "the Foo's Deployment", func() (*appsv1.Deployment, error) {
		d, err := deployments.Get(ctx, "example-foo", metav1.GetOptions{})
		if err != nil {
			return nil, err
		}
		if !metav1.IsControlledBy(d, foo) || *d.Spec.Replicas != 1 {
			return nil, fmt.Errorf("deployment %s: controller %v, replicas %d", d.Name, metav1.GetControllerOf(d), *d.Spec.Replicas)
		}
		return d, nil
	})

	// No kube-controller-manager runs: play the deployment controller and report a replica
	// available. The Foo's status follows.
	dep.Status.Replicas, dep.Status.AvailableReplicas, dep.Status.ReadyReplicas = 1, 1, 1
	if _, err := deployments.UpdateStatus(ctx, dep, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the Foo's status.availableReplicas = 1", func() (*samplev1alpha1.Foo, error) {
		f, err := foos.Get(ctx, "example-foo", metav1.GetOptions{})
		if err == nil && f.Status.AvailableReplicas != 1 {
			err = fmt.Errorf("status.availableReplicas = %d", f.Status.AvailableReplicas)
		}
		return f, err
	})

	// The controller records events about the Foo in its namespace.
	waitFor(t, "a Synced event about the Foo", func() (*corev1.Event, error) {
		list, err := kubeClient.CoreV1().Events(namespace).Search(scheme.Scheme, foo)
		if err != nil {
			return nil, err
		}
		for i, e := range list.Items {
			if e.Reason == SuccessSynced && e.Source.Component == controllerAgentName && e.Type == corev1.EventTypeNormal {
				return &list.Items[i], nil
			}
		}
		return nil, fmt.Errorf("events about the Foo: %d, none Synced", len(list.Items))
	})

	scale(t, ctx, foos, deployments, 3)

	// The API server restarts; the informers resume and the controller carries on.
	if err := testCluster.Restart(); err != nil {
		t.Fatal(err)
	}
	scale(t, ctx, foos, deployments, 2)

	cancel()
	select {
	case err := <-ran:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Error("Run did not return 30s after its context ended")
	}
}

// scale sets the Foo's spec.replicas and waits until the Deployment has as many.
func scale(t *testing.T, ctx context.Context, foos interface {
	Get(context.Context, string, metav1.GetOptions) (*samplev1alpha1.Foo, error)
	Update(context.Context, *samplev1alpha1.Foo, metav1.UpdateOptions) (*samplev1alpha1.Foo, error)
}, deployments interface {
	Get(context.Context, string, metav1.GetOptions) (*appsv1.Deployment, error)
}, n int32) {
	t.Helper()
	waitFor(t, fmt.Sprintf("the Foo's spec.replicas = %d", n), func() (*samplev1alpha1.Foo, error) {
		f, err := foos.Get(ctx, "example-foo", metav1.GetOptions{})
		if err != nil {
			return nil, err
		}
		f.Spec.Replicas = &n
		return foos.Update(ctx, f, metav1.UpdateOptions{})
	})
	waitFor(t, fmt.Sprintf("the Deployment scaled to %d", n), func() (*appsv1.Deployment, error) {
		d, err := deployments.Get(ctx, "example-foo", metav1.GetOptions{})
		if err == nil && *d.Spec.Replicas != n {
			err = fmt.Errorf("spec.replicas = %d", *d.Spec.Replicas)
		}
		return d, err
	})
}

// waitFor calls f until it succeeds, failing the test after a minute with f's last error.
func waitFor[T any](t *testing.T, what string, f func() (T, error)) T {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		v, err := f()
		if err == nil {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %v", what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// installCRD creates the CRD of manifest and waits until the API server serves Foos.
func installCRD(t *testing.T, config *rest.Config, manifest string) {
	t.Helper()
	c := *rest.CopyConfig(config)
	c.GroupVersion = &schema.GroupVersion{Group: "apiextensions.k8s.io", Version: "v1"}
	c.APIPath = "/apis"
	c.NegotiatedSerializer = scheme.Codecs.WithoutConversion()
	client, err := rest.RESTClientFor(&c)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	body, err := yaml.YAMLToJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := client.Post().Resource("customresourcedefinitions").SetHeader("Content-Type", "application/json").Body(body).DoRaw(ctx); err != nil && !apierrors.IsAlreadyExists(err) {
		t.Fatalf("creating the CRD of %s: %v", manifest, err)
	}
	cs, err := clientset.NewForConfig(config)
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "Foos served", func() (*samplev1alpha1.FooList, error) {
		return cs.SamplecontrollerV1alpha1().Foos("default").List(ctx, metav1.ListOptions{})
	})
}
