package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/pflag"
	"k8s.io/klog/v2"

	"github.com/kubegen/kubegen/client/kubeconfig"
	"github.com/kubegen/kubegen/examples/crd/controller"
	"github.com/kubegen/kubegen/examples/crd/generated/clientset"
	"github.com/kubegen/kubegen/examples/crd/generated/informers"
)

// options are the command's flags.
type options struct {
	kubeconfig    kubeconfig.LoadOptions
	allNamespaces bool
	workers       int
	resync        time.Duration
	syncTimeout   time.Duration
}

// bindFlags registers the flags on fs.
func (o *options) bindFlags(fs *pflag.FlagSet) {
	o.kubeconfig.BindFlags(fs, "")
	fs.BoolVarP(&o.allNamespaces, "all-namespaces", "A", false, "watch CronTabs in every namespace instead of one")
	fs.IntVar(&o.workers, "workers", controller.DefaultWorkers, "how many CronTabs are reconciled at once")
	fs.DurationVar(&o.resync, "resync", 10*time.Minute, "how often every CronTab is reconciled again even without changes (0: never)")
	fs.DurationVar(&o.syncTimeout, "sync-timeout", time.Minute, "how long to wait for the first list of CronTabs before giving up (0: forever)")
}

// run connects to the cluster and runs the controller until ctx ends.
func (o *options) run(ctx context.Context) error {
	cc, err := kubeconfig.Load(o.kubeconfig)
	if err != nil {
		return err
	}
	config, err := cc.RESTConfig()
	if err != nil {
		return err
	}
	namespace := "" // all
	if !o.allNamespaces {
		if namespace, _, err = cc.Namespace(); err != nil {
			return err
		}
	}
	client, err := clientset.NewForConfig(config)
	if err != nil {
		return err
	}
	factory := informers.NewSharedInformerFactoryWithOptions(client, o.resync, informers.WithNamespace(namespace))
	c, err := controller.New(client.StableV1(), factory.Stable().V1().CronTabs(),
		controller.Options{Workers: o.workers, SyncTimeout: o.syncTimeout})
	if err != nil {
		return err
	}
	klog.FromContext(ctx).Info("Connecting", "server", config.Host, "namespace", describeNamespace(namespace))
	factory.Start(ctx.Done())
	defer factory.Shutdown()
	if err := c.Run(ctx); err != nil {
		return fmt.Errorf("%w (is the CronTab CRD of examples/crd/manifests installed?)", err)
	}
	return nil
}

func describeNamespace(namespace string) string {
	if namespace == "" {
		return "(all)"
	}
	return namespace
}
