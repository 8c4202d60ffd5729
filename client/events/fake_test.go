package events

import (
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// TestFakeRecorder checks the lines of the fake, plain and verbose, as client-go's writes them.
func TestFakeRecorder(t *testing.T) {
	typed := &corev1.Pod{TypeMeta: metav1.TypeMeta{Kind: "Pod", APIVersion: "v1"}}
	untyped := &corev1.Node{}
	f := NewFakeRecorder(4)
	f.Eventf(typed, nil, corev1.EventTypeNormal, "Synced", "Sync", "synced %d", 2)
	f.Verbose = true
	f.Eventf(typed, untyped, corev1.EventTypeWarning, "Failed", "Sync", "failed %s", "x")
	f.AnnotatedEventf(typed, typed, map[string]string{"b": "2", "a": "1"}, corev1.EventTypeNormal, "Synced", "Sync", "n")
	for _, want := range []string{
		"Normal Synced synced 2",
		"Warning Failed Sync failed x {kind=Pod,apiVersion=v1}",
		"Normal Synced Sync n {kind=Pod,apiVersion=v1} {kind=Pod,apiVersion=v1} map[a:1 b:2]",
	} {
		if got := <-f.Events; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	(&FakeRecorder{}).Eventf(typed, nil, corev1.EventTypeNormal, "Synced", "Sync", "dropped without a channel")
}

// TestGetFieldSelector checks the selectors of each events API and the refusal of another.
func TestGetFieldSelector(t *testing.T) {
	pod := schema.GroupVersionKind{Version: "v1", Kind: "Pod"}
	for _, tc := range []struct {
		gv   schema.GroupVersion
		want string
	}{
		{eventsv1.SchemeGroupVersion, "regarding.apiVersion=v1,regarding.kind=Pod,regarding.name=web,regarding.uid=u1"},
		{corev1.SchemeGroupVersion, "involvedObject.apiVersion=v1,involvedObject.kind=Pod,involvedObject.name=web,involvedObject.uid=u1"},
	} {
		sel, err := GetFieldSelector(tc.gv, pod, "web", "u1")
		if err != nil || sorted(sel.String()) != tc.want {
			t.Errorf("%v: %v %v, want %s", tc.gv, sel, err, tc.want)
		}
	}
	if sel, err := GetFieldSelector(eventsv1.SchemeGroupVersion, schema.GroupVersionKind{}, "web", ""); err != nil || sel.String() != "regarding.name=web" {
		t.Errorf("name only: %v %v", sel, err)
	}
	if _, err := GetFieldSelector(schema.GroupVersion{Group: "apps", Version: "v1"}, pod, "web", ""); err == nil {
		t.Error("apps/v1 events: no error")
	}
}

// sorted sorts the terms of a field selector, which a fields.Set writes in map order.
func sorted(selector string) string {
	terms := strings.Split(selector, ",")
	slices.Sort(terms)
	return strings.Join(terms, ",")
}
