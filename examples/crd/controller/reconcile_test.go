package controller_test

import (
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	stablev1 "github.com/kubegen/kubegen/examples/crd/apis/stable/v1"
	"github.com/kubegen/kubegen/examples/crd/controller"
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
