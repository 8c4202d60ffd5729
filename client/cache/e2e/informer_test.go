//go:build e2e

package e2e_test

import (
	"context"
	"testing"

	"github.com/kubegen/kubegen/client/rest"
)

// The acceptance scenario against the real apiserver: 5,000 ConfigMaps, 1,000 updates all
// seen in order, an apiserver kill and restart, then a compaction that forces a relist.
func TestInformerAgainstAPIServer(t *testing.T) {
	cases := []struct {
		name        string
		contentType string
		s           scenario
	}{
		{"list", rest.ContentTypeJSON, scenario{objects: 5000, updated: 200, updatesEach: 5}},
		{"watch-list", rest.ContentTypeJSON, scenario{objects: 500, updated: 100, updatesEach: 3, useWatchList: true}},
		{"protobuf", rest.ContentTypeProtobuf, scenario{objects: 500, updated: 100, updatesEach: 3}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ns := namespace(t)
			runScenario(t, backend{
				client: clusterConfigMaps(t, ns, tc.contentType),
				restart: func(t *testing.T) {
					if err := testCluster.Restart(); err != nil {
						t.Fatalf("restart kube-apiserver: %v", err)
					}
				},
				expire: func(t *testing.T) {
					// A write the informer does not watch moves etcd's revision past the informer's,
					// so the restarted apiserver's watch cache starts after it; compacting etcd makes
					// the same true for requests served from etcd.
					outside := clusterConfigMaps(t, namespace(t), rest.ContentTypeJSON)
					if err := create(context.Background(), outside, "outside", 0); err != nil {
						t.Fatal(err)
					}
					if err := testCluster.Restart(); err != nil {
						t.Fatalf("restart kube-apiserver: %v", err)
					}
					if _, err := testCluster.CompactEtcd(context.Background()); err != nil {
						t.Fatalf("compact etcd: %v", err)
					}
				},
			}, tc.s)
		})
	}
}

// The same scenario against the fake clientset's tracker.
func TestInformerAgainstFake(t *testing.T) {
	for _, useWatchList := range []bool{false, true} {
		t.Run(map[bool]string{false: "list", true: "watch-list"}[useWatchList], func(t *testing.T) {
			tracker := newTracker(t)
			runScenario(t, backend{
				client:  fakeConfigMaps(tracker, "default"),
				restart: func(*testing.T) { tracker.CloseWatches() },
				expire: func(t *testing.T) {
					// As against the apiserver: a write the informer does not see, then compaction.
					tracker.CloseWatches()
					if err := create(context.Background(), fakeConfigMaps(tracker, "outside"), "outside", 0); err != nil {
						t.Fatal(err)
					}
					tracker.Compact()
				},
			}, scenario{objects: 1000, updated: 200, updatesEach: 5, useWatchList: useWatchList})
		})
	}
}
