package v1_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	authenticationv1 "k8s.io/api/authentication/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	policyv1 "k8s.io/api/policy/v1"
	policyv1beta1 "k8s.io/api/policy/v1beta1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/kubernetes/scheme"
	typedcorev1 "github.com/kubegen/kubegen/kubernetes/typed/core/v1"
)

// TestBodiesOfOtherGroups: core/v1's typed package registers in its own scheme the types of other
// groups that it sends, those of its generated methods (autoscaling/v1 Scale, authentication/v1
// TokenRequest) and those of its hand-written expansions (policy Evictions), so it encodes each as
// protobuf with its group, version and kind.
func TestBodiesOfOtherGroups(t *testing.T) {
	var got []schema.GroupVersionKind
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if ct := r.Header.Get("Content-Type"); ct != "application/vnd.kubernetes.protobuf" {
			t.Errorf("%s %s: Content-Type %q", r.Method, r.URL.Path, ct)
		}
		obj, gvk, err := scheme.Codecs.UniversalDeserializer().Decode(body, nil, nil)
		if err != nil {
			t.Errorf("%s %s: the body does not decode: %v", r.Method, r.URL.Path, err)
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		got = append(got, *gvk)
		w.Header().Set("Content-Type", "application/json")
		if _, ok := obj.(*authenticationv1.TokenRequest); ok {
			io.WriteString(w, `{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","status":{"token":"t"}}`)
			return
		}
		if _, ok := obj.(*autoscalingv1.Scale); ok {
			io.WriteString(w, `{"apiVersion":"autoscaling/v1","kind":"Scale","spec":{"replicas":3}}`)
			return
		}
		io.WriteString(w, `{"apiVersion":"v1","kind":"Status","status":"Success"}`)
	}))
	defer srv.Close()
	c, err := typedcorev1.NewForConfig(&rest.Config{Host: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	meta := metav1.ObjectMeta{Name: "web", Namespace: "ns"}
	if err := c.Pods("ns").EvictV1(ctx, &policyv1.Eviction{ObjectMeta: meta}); err != nil {
		t.Errorf("EvictV1: %v", err)
	}
	if err := c.Pods("ns").EvictV1beta1(ctx, &policyv1beta1.Eviction{ObjectMeta: meta}); err != nil {
		t.Errorf("EvictV1beta1: %v", err)
	}
	if _, err := c.ServiceAccounts("ns").CreateToken(ctx, "sa", &authenticationv1.TokenRequest{}, metav1.CreateOptions{}); err != nil {
		t.Errorf("CreateToken: %v", err)
	}
	if _, err := c.ReplicationControllers("ns").UpdateScale(ctx, "rc", &autoscalingv1.Scale{ObjectMeta: metav1.ObjectMeta{Name: "rc"}}, metav1.UpdateOptions{}); err != nil {
		t.Errorf("UpdateScale: %v", err)
	}
	want := []schema.GroupVersionKind{
		{Group: "policy", Version: "v1", Kind: "Eviction"},
		{Group: "policy", Version: "v1beta1", Kind: "Eviction"},
		{Group: "authentication.k8s.io", Version: "v1", Kind: "TokenRequest"},
		{Group: "autoscaling", Version: "v1", Kind: "Scale"},
	}
	if len(got) != len(want) {
		t.Fatalf("bodies of kinds %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("body %d is a %v, want %v", i, got[i], want[i])
		}
	}
}
