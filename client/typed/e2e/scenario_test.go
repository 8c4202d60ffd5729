//go:build e2e

package e2e_test

import (
	"context"
	"testing"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed/typedtest"
)

var contentTypes = map[string]string{"json": rest.ContentTypeJSON, "protobuf": rest.ContentTypeProtobuf}

// The ConfigMaps scenario gives the same transcript on the real apiserver (JSON and protobuf) and on
// the fake.
func TestConfigMapsScenarioMatchesFake(t *testing.T) {
	want, err := typedtest.ConfigMaps(context.Background(), fakeConfigMaps(newTracker(t), "scenario"))
	if err != nil {
		t.Fatalf("fake: %v", err)
	}
	for name, ct := range contentTypes {
		t.Run(name, func(t *testing.T) {
			got, err := typedtest.ConfigMaps(context.Background(), configMaps(t, namespace(t), ct))
			if err != nil {
				t.Fatalf("real apiserver: %v\ntranscript so far:\n%v", err, got)
			}
			if diff := typedtest.Diff(got, want); diff != "" {
				t.Errorf("real apiserver (-) and fake (+) differ:\n%s", diff)
			}
		})
	}
}

// The Deployments scenario (status subresource, generation, scale) gives the same transcript on the real
// apiserver and on the fake.
func TestDeploymentsScenarioMatchesFake(t *testing.T) {
	want, err := typedtest.Deployments(context.Background(), fakeDeployments(newTracker(t), "scenario"))
	if err != nil {
		t.Fatalf("fake: %v", err)
	}
	for name, ct := range contentTypes {
		t.Run(name, func(t *testing.T) {
			got, err := typedtest.Deployments(context.Background(), deployments(t, namespace(t), ct))
			if err != nil {
				t.Fatalf("real apiserver: %v\ntranscript so far:\n%v", err, got)
			}
			if diff := typedtest.Diff(got, want); diff != "" {
				t.Errorf("real apiserver (-) and fake (+) differ:\n%s", diff)
			}
		})
	}
}
