//go:build e2e

package e2e_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubegen/kubegen/client/fake"
	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed"
)

// selections creates objects, then lists them with each field selector, describing the outcome.
func selections[T typed.Object, L runtime.Object](t *testing.T, c typed.Interface[T, L], objects []T, selectors []string) []string {
	t.Helper()
	ctx := context.Background()
	for _, obj := range objects {
		if _, err := c.Create(ctx, obj, metav1.CreateOptions{}); err != nil {
			t.Fatalf("create %s: %v", obj.GetName(), err)
		}
	}
	var out []string
	for _, sel := range selectors {
		list, err := c.List(ctx, metav1.ListOptions{FieldSelector: sel})
		if err != nil {
			out = append(out, fmt.Sprintf("%s: %s", sel, reasonOf(err)))
			continue
		}
		items, err := meta.ExtractList(list)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, item := range items {
			m, _ := meta.Accessor(item)
			names = append(names, m.GetName())
		}
		slices.Sort(names)
		out = append(out, fmt.Sprintf("%s: %v", sel, names))
	}
	return out
}

func reasonOf(err error) string {
	if s, ok := err.(interface{ Status() metav1.Status }); ok {
		return string(s.Status().Reason)
	}
	return err.Error()
}

func compareSelections(t *testing.T, real, fake []string) {
	t.Helper()
	if !slices.Equal(real, fake) {
		t.Errorf("real apiserver:\n%v\nfake:\n%v", real, fake)
	}
}

// Field selectors of built-in kinds select the same objects on the real apiserver and on the fake.
func TestBuiltinFieldSelectorsMatchFake(t *testing.T) {
	t.Run("secrets", func(t *testing.T) {
		secrets := func() []*corev1.Secret {
			return []*corev1.Secret{
				{ObjectMeta: metav1.ObjectMeta{Name: "opaque"}, Type: corev1.SecretTypeOpaque},
				{ObjectMeta: metav1.ObjectMeta{Name: "basic"}, Type: corev1.SecretTypeBasicAuth, StringData: nil,
					Data: map[string][]byte{"username": []byte("u")}},
			}
		}
		selectors := []string{"type=Opaque", "type!=Opaque", "type=kubernetes.io/basic-auth,metadata.name=basic", "data.x=y"}
		newSecret := func() *corev1.Secret { return &corev1.Secret{} }
		newList := func() *corev1.SecretList { return &corev1.SecretList{} }
		real := selections(t, typed.NewClient("secrets", restClient(t, corev1.SchemeGroupVersion, rest.ContentTypeJSON), nil,
			namespace(t), newSecret, newList), secrets(), selectors)
		fakeOut := selections(t, fake.NewClient(newTracker(t), corev1.SchemeGroupVersion.WithResource("secrets"),
			corev1.SchemeGroupVersion.WithKind("Secret"), "ns", newSecret, newList), secrets(), selectors)
		compareSelections(t, real, fakeOut)
	})
	t.Run("events", func(t *testing.T) {
		ns := namespace(t)
		events := func(ns string) []*corev1.Event {
			ref := func(name string) corev1.ObjectReference {
				return corev1.ObjectReference{Kind: "Pod", Namespace: ns, Name: name, APIVersion: "v1"}
			}
			return []*corev1.Event{
				{ObjectMeta: metav1.ObjectMeta{Name: "e1"}, InvolvedObject: ref("web"), Reason: "Started", Type: "Normal",
					Source: corev1.EventSource{Component: "kubelet"}},
				{ObjectMeta: metav1.ObjectMeta{Name: "e2"}, InvolvedObject: ref("db"), Reason: "Failed", Type: "Warning",
					ReportingController: "example.com/ctl", ReportingInstance: "ctl-1", Action: "Check",
					EventTime: metav1.NowMicro()},
			}
		}
		selectors := []string{"involvedObject.name=web", "involvedObject.kind=Pod", "reason=Failed", "type=Warning",
			"source=kubelet", "source=example.com/ctl", "reportingComponent=example.com/ctl", "involvedObject.namespace=" + ns,
			"message=x"}
		newEvent := func() *corev1.Event { return &corev1.Event{} }
		newList := func() *corev1.EventList { return &corev1.EventList{} }
		real := selections(t, typed.NewClient("events", restClient(t, corev1.SchemeGroupVersion, rest.ContentTypeJSON), nil,
			ns, newEvent, newList), events(ns), selectors)
		fakeOut := selections(t, fake.NewClient(newTracker(t), corev1.SchemeGroupVersion.WithResource("events"),
			corev1.SchemeGroupVersion.WithKind("Event"), ns, newEvent, newList), events(ns), selectors)
		compareSelections(t, real, fakeOut)
	})
}
