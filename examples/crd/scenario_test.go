//go:build e2e

package crd_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"

	stablev1 "github.com/kubegen/kubegen/examples/crd/apis/stable/v1"
	stableac "github.com/kubegen/kubegen/examples/crd/generated/applyconfiguration/stable/v1"
	"github.com/kubegen/kubegen/examples/crd/generated/clientset"
)

// scenario exercises every verb of the generated CronTab and Calendar clients and returns what it
// observed, as lines that hold no server-specific values (names, outcomes, comparisons), so that a run
// against the fake clientset and a run against a real API server can be compared line by line.
func scenario(t *testing.T, cs clientset.Interface, ns string) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var log []string
	note := func(format string, args ...any) { log = append(log, fmt.Sprintf(format, args...)) }
	must := func(what string, err error) {
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	crontabs := cs.StableV1().CronTabs(ns)

	a, err := crontabs.Create(ctx, cronTab("a", "x", 1), metav1.CreateOptions{})
	must("create a", err)
	_, err = crontabs.Create(ctx, cronTab("b", "y", 1), metav1.CreateOptions{})
	must("create b", err)
	_, err = crontabs.Create(ctx, cronTab("a", "x", 1), metav1.CreateOptions{})
	note("create a again: already exists=%v", apierrors.IsAlreadyExists(err))

	a.Spec.Image = "busybox:2"
	a2, err := crontabs.Update(ctx, a, metav1.UpdateOptions{})
	must("update a", err)
	note("update: resourceVersion increased=%v image=%s", rv(a2) > rv(a), a2.Spec.Image)
	_, err = crontabs.Update(ctx, a, metav1.UpdateOptions{})
	note("update with stale resourceVersion: conflict=%v", apierrors.IsConflict(err))

	a2.Status.Replicas = 1
	a2.Spec.Image = "ignored-by-status-update"
	a3, err := crontabs.UpdateStatus(ctx, a2, metav1.UpdateOptions{})
	must("update status", err)
	note("update status: status.replicas=%d spec.image=%s", a3.Status.Replicas, a3.Spec.Image)
	a3.Status.Replicas = 9
	a4, err := crontabs.Update(ctx, a3, metav1.UpdateOptions{})
	must("update with status change", err)
	note("update keeps status: status.replicas=%d", a4.Status.Replicas)

	a5, err := crontabs.Patch(ctx, "a", types.MergePatchType, []byte(`{"spec":{"cronSpec":"*/5 * * * *"}}`), metav1.PatchOptions{})
	must("merge patch", err)
	note("merge patch: cronSpec=%s resourceVersion increased=%v", a5.Spec.CronSpec, rv(a5) > rv(a4))

	applied := stableac.CronTab("c", ns).WithLabels(map[string]string{"app": "x"}).
		WithSpec(stableac.CronTabSpec().WithCronSpec("* * * * *").WithImage("busybox:1").WithReplicas(2))
	c, err := crontabs.Apply(ctx, applied, metav1.ApplyOptions{FieldManager: "scenario", Force: true})
	must("apply c", err)
	note("apply creates: name=%s image=%s", c.Name, c.Spec.Image)
	c, err = crontabs.ApplyStatus(ctx, stableac.CronTab("c", ns).WithStatus(stableac.CronTabStatus().WithReplicas(2)),
		metav1.ApplyOptions{FieldManager: "controller"})
	must("apply status of c", err)
	note("apply status: status.replicas=%d spec.image=%s", c.Status.Replicas, c.Spec.Image)
	status, err := stableac.ExtractCronTabStatus(c, "controller")
	must("extract status of c", err)
	spec, err := stableac.ExtractCronTab(c, "scenario")
	must("extract c", err)
	note("extract: controller's status.replicas=%d, scenario's image=%s, scenario's status set=%v",
		*status.Status.Replicas, *spec.Spec.Image, spec.Status != nil)
	_, err = crontabs.ApplyStatus(ctx, stableac.CronTab("c", ns).WithStatus(stableac.CronTabStatus().WithReplicas(3)),
		metav1.ApplyOptions{FieldManager: "other"})
	note("apply status owned by another manager: conflict=%v", apierrors.IsConflict(err))
	_, err = crontabs.Apply(ctx, nil, metav1.ApplyOptions{FieldManager: "scenario"})
	note("apply nil: %v", err)

	list, err := crontabs.List(ctx, metav1.ListOptions{LabelSelector: "app=x"})
	must("list", err)
	note("list app=x: %s", names(list.Items))

	w, err := crontabs.Watch(ctx, metav1.ListOptions{ResourceVersion: list.ResourceVersion})
	must("watch", err)
	b, err := crontabs.Get(ctx, "b", metav1.GetOptions{})
	must("get b", err)
	b.Spec.Image = "busybox:3"
	_, err = crontabs.Update(ctx, b, metav1.UpdateOptions{})
	must("update b", err)
	note("watch from list: %s", nextEvent(ctx, w))
	w.Stop()

	scale, err := crontabs.GetScale(ctx, "a", metav1.GetOptions{})
	must("get scale", err)
	note("scale: spec.replicas=%d", scale.Spec.Replicas)
	_, err = crontabs.UpdateScale(ctx, "a", &autoscalingv1.Scale{ObjectMeta: metav1.ObjectMeta{Name: "a", Namespace: ns},
		Spec: autoscalingv1.ScaleSpec{Replicas: 3}}, metav1.UpdateOptions{})
	must("update scale", err)
	a6, err := crontabs.Get(ctx, "a", metav1.GetOptions{})
	must("get a", err)
	note("after scale: spec.replicas=%d", *a6.Spec.Replicas)

	must("delete a", crontabs.Delete(ctx, "a", metav1.DeleteOptions{}))
	_, err = crontabs.Get(ctx, "a", metav1.GetOptions{})
	note("get deleted: not found=%v", apierrors.IsNotFound(err))

	calendars := cs.StableV1().Calendars()
	cal := &stablev1.Calendar{ObjectMeta: metav1.ObjectMeta{Name: "holidays-" + ns}, Spec: stablev1.CalendarSpec{Holidays: []string{"2026-12-25"}}}
	cal, err = calendars.Create(ctx, cal, metav1.CreateOptions{})
	must("create calendar", err)
	note("calendar: namespace=%q holidays=%v", cal.Namespace, cal.Spec.Holidays)
	must("delete calendar", calendars.Delete(ctx, cal.Name, metav1.DeleteOptions{}))
	return log
}

func cronTab(name, app string, replicas int32) *stablev1.CronTab {
	return &stablev1.CronTab{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"app": app}},
		Spec:       stablev1.CronTabSpec{CronSpec: "* * * * *", Image: "busybox:1", Replicas: &replicas},
	}
}

func rv(obj metav1.Object) uint64 {
	n, _ := strconv.ParseUint(obj.GetResourceVersion(), 10, 64)
	return n
}

func names(items []stablev1.CronTab) string {
	var out []string
	for _, it := range items {
		out = append(out, it.Name)
	}
	return fmt.Sprint(out)
}

// nextEvent describes the first event of w that is not a bookmark.
func nextEvent(ctx context.Context, w watch.Interface) string {
	for {
		select {
		case ev, ok := <-w.ResultChan():
			if !ok {
				return "watch closed"
			}
			if ev.Type == watch.Bookmark {
				continue
			}
			if ct, isCronTab := ev.Object.(*stablev1.CronTab); isCronTab {
				return fmt.Sprintf("%s %s image=%s", ev.Type, ct.Name, ct.Spec.Image)
			}
			return fmt.Sprintf("%s %T", ev.Type, ev.Object)
		case <-ctx.Done():
			return "no event"
		}
	}
}
