// Command crontab-controller runs the CronTab controller of package
// github.com/kubegen/kubegen/examples/crd/controller against any cluster that has the CronTab CRD
// (examples/crd/manifests) installed:
//
//	go run ./examples/crd/controller/cmd --kubeconfig ~/.kube/config [--context NAME] [-n NAMESPACE | -A]
//
// It takes kubectl's connection flags (--kubeconfig, --context, -n, --server, --token, ...) and
// klog's logging flags (-v). It watches the namespace of -n, else of the selected context, or all
// namespaces with -A, and stops gracefully on SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	goflag "flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/pflag"
	"k8s.io/klog/v2"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:])
	if errors.Is(err, pflag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "crontab-controller:", err)
		stop()
		os.Exit(1)
	}
}

// run parses args and runs the controller until ctx ends.
func run(ctx context.Context, args []string) error {
	fs := pflag.NewFlagSet("crontab-controller", pflag.ContinueOnError)
	var o options
	o.bindFlags(fs)
	bindLogFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	defer klog.Flush()
	return o.run(ctx)
}

// bindLogFlags adds klog's verbosity flags (-v, --vmodule) to fs.
func bindLogFlags(fs *pflag.FlagSet) {
	klogFlags := goflag.NewFlagSet("klog", goflag.ContinueOnError)
	klog.InitFlags(klogFlags)
	for _, name := range []string{"v", "vmodule"} {
		fs.AddGoFlag(klogFlags.Lookup(name))
	}
	fs.Lookup("v").Shorthand = "v"
}
