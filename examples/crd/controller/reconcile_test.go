package controller_test

import (
	"context"
	"errors"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/cache"
	clientfake "github.com/kubegen/kubegen/client/fake"
	stablev1 "github.com/kubegen/kubegen/examples/crd/apis/stable/v1"
	"github.com/kubegen/kubegen/examples/crd/controller"
	listersstablev1 "github.com/kubegen/kubegen/examples/crd/generated/listers/stable/v1"
)

func TestDesiredStatus(t *testing.T) {
	earlier := metav1.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	now := time.Date(2026, 11, 21, 8, 0, 0, 999, time.UTC)
	nowSeconds := metav1.NewTime(now.Truncate(time.Second))
	cases := []struct {
		name     string
		replicas int32 // < 0: unset
		status   stablev1.CronTabStatus
		want     stablev1.CronTabStatus
	}{
		{"new, replicas unset", -1, stablev1.CronTabStatus{},
			stablev1.CronTabStatus{Replicas: 1, LabelSelector: "stable.example.com/crontab=ct", LastScheduleTime: &nowSeconds}},
		{"new, zero replicas", 0, stablev1.CronTabStatus{},
			stablev1.CronTabStatus{Replicas: 0, LabelSelector: "stable.example.com/crontab=ct", LastScheduleTime: &nowSeconds}},
		{"replicas changed", 3, stablev1.CronTabStatus{Replicas: 2, LabelSelector: "stable.example.com/crontab=ct", LastScheduleTime: &earlier},
			stablev1.CronTabStatus{Replicas: 3, LabelSelector: "stable.example.com/crontab=ct", LastScheduleTime: &nowSeconds}},
		{"up to date keeps its time", 2, stablev1.CronTabStatus{Replicas: 2, LabelSelector: "stable.example.com/crontab=ct", LastScheduleTime: &earlier},
			stablev1.CronTabStatus{Replicas: 2, LabelSelector: "stable.example.com/crontab=ct", LastScheduleTime: &earlier}},
		{"wrong selector is fixed, time kept", 2, stablev1.CronTabStatus{Replicas: 2, LabelSelector: "app=x", LastScheduleTime: &earlier},
			stablev1.CronTabStatus{Replicas: 2, LabelSelector: "stable.example.com/crontab=ct", LastScheduleTime: &earlier}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ct := newCronTab("ns", "ct", tc.replicas)
			ct.Status = tc.status
			before := ct.DeepCopy()
			got := controller.DesiredStatus(ct, now)
			if !equalStatus(got, tc.want) {
				t.Errorf("DesiredStatus = %+v, want %+v", got, tc.want)
			}
			if !equalStatus(ct.Status, before.Status) {
				t.Errorf("DesiredStatus changed its input: %+v, was %+v", ct.Status, before.Status)
			}
			if got.LastScheduleTime == ct.Status.LastScheduleTime && got.LastScheduleTime != nil {
				t.Error("DesiredStatus shares lastScheduleTime with its input")
			}
		})
	}
}

func TestUpToDate(t *testing.T) {
	earlier := metav1.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		name     string
		replicas int32
		status   stablev1.CronTabStatus
		want     bool
	}{
		{"never reconciled", 1, stablev1.CronTabStatus{}, false},
		{"no time", 1, stablev1.CronTabStatus{Replicas: 1, LabelSelector: "stable.example.com/crontab=ct"}, false},
		{"replicas behind", 2, stablev1.CronTabStatus{Replicas: 1, LabelSelector: "stable.example.com/crontab=ct", LastScheduleTime: &earlier}, false},
		{"selector wrong", 1, stablev1.CronTabStatus{Replicas: 1, LabelSelector: "a=b", LastScheduleTime: &earlier}, false},
		{"up to date", 1, stablev1.CronTabStatus{Replicas: 1, LabelSelector: "stable.example.com/crontab=ct", LastScheduleTime: &earlier}, true},
		{"unset replicas mean one", -1, stablev1.CronTabStatus{Replicas: 1, LabelSelector: "stable.example.com/crontab=ct", LastScheduleTime: &earlier}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ct := newCronTab("ns", "ct", tc.replicas)
			ct.Status = tc.status
			if got := controller.UpToDate(ct); got != tc.want {
				t.Errorf("UpToDate = %v, want %v", got, tc.want)
			}
		})
	}
}

func equalStatus(a, b stablev1.CronTabStatus) bool {
	if a.Replicas != b.Replicas || a.LabelSelector != b.LabelSelector {
		return false
	}
	if a.LastScheduleTime == nil || b.LastScheduleTime == nil {
		return a.LastScheduleTime == b.LastScheduleTime
	}
	return a.LastScheduleTime.Equal(b.LastScheduleTime)
}

func TestReconcile(t *testing.T) {
	now := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	earlier := metav1.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	upToDate := newCronTab("ns", "done", 2)
	upToDate.Status = stablev1.CronTabStatus{Replicas: 2, LabelSelector: "stable.example.com/crontab=done", LastScheduleTime: &earlier}
	deleting := newCronTab("ns", "deleting", 2)
	deleting.DeletionTimestamp = &earlier
	deleting.Finalizers = []string{"example.com/hold"}
	cases := []struct {
		name       string
		key        string
		wantErr    error // nil: no error
		wantWrites int
	}{
		{"new CronTab gets its status", "ns/new", nil, 1},
		{"up to date: no write", "ns/done", nil, 0},
		{"not in the cache: nothing to do", "ns/gone", nil, 0},
		{"being deleted: left alone", "ns/deleting", nil, 0},
		{"deleted on the server meanwhile", "ns/vanished", nil, 1},
		{"key with too many parts", "a/b/c", controller.ErrInvalidKey, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// The cache holds "vanished", which the server no longer has.
			cs := newFake(t, newCronTab("ns", "new", 3), upToDate.DeepCopy(), deleting.DeepCopy())
			cached := cache.NewIndexer(cache.MetaNamespaceKeyFunc, nil)
			for _, ct := range []*stablev1.CronTab{newCronTab("ns", "new", 3), upToDate, deleting, newCronTab("ns", "vanished", 1)} {
				if err := cached.Add(ct); err != nil {
					t.Fatal(err)
				}
			}
			r := &controller.Reconciler{
				Client: cs.StableV1(),
				Lister: listersstablev1.NewCronTabLister(cached),
				Now:    func() time.Time { return now },
			}
			err := r.Reconcile(context.Background(), tc.key)
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil) != (err == nil) {
				t.Fatalf("Reconcile(%q) = %v, want %v", tc.key, err, tc.wantErr)
			}
			if got := statusWrites(cs.Tracker().Actions()); got != tc.wantWrites {
				t.Errorf("%d status writes, want %d", got, tc.wantWrites)
			}
		})
	}
}

func TestReconcileWritesTheDesiredStatus(t *testing.T) {
	now := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	cs := newFake(t, newCronTab("ns", "a", 4))
	ct, err := cs.StableV1().CronTabs("ns").Get(context.Background(), "a", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cached := cache.NewIndexer(cache.MetaNamespaceKeyFunc, nil)
	if err := cached.Add(ct); err != nil {
		t.Fatal(err)
	}
	r := &controller.Reconciler{Client: cs.StableV1(), Lister: listersstablev1.NewCronTabLister(cached), Now: func() time.Time { return now }}
	if err := r.Reconcile(context.Background(), "ns/a"); err != nil {
		t.Fatal(err)
	}
	got, err := cs.StableV1().CronTabs("ns").Get(context.Background(), "a", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := stablev1.CronTabStatus{Replicas: 4, LabelSelector: "stable.example.com/crontab=a", LastScheduleTime: &metav1.Time{Time: now}}
	if !equalStatus(got.Status, want) {
		t.Errorf("status on the server = %+v, want %+v", got.Status, want)
	}
	if got.Generation != ct.Generation || *got.Spec.Replicas != 4 {
		t.Errorf("the status write changed the spec: generation %d→%d, spec %+v", ct.Generation, got.Generation, got.Spec)
	}
}

// statusWrites counts the updates of the status subresource among actions.
func statusWrites(actions []clientfake.Action) int {
	n := 0
	for _, a := range actions {
		if a.Matches("update", "crontabs/status") {
			n++
		}
	}
	return n
}
