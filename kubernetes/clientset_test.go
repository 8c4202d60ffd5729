package kubernetes_test

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"

	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/kubernetes"
)

// sharedGV and errUnused make the REST client these tests hand to New: its requests are never sent.
var (
	sharedGV  = schema.GroupVersion{Group: "shared.example.com", Version: "v0"}
	errUnused = errors.New("not sent")
)

// TestGroupClientIsBuiltOnce runs with -race: goroutines asking a new clientset for the same group
// at once all get the one client, and so does a later call.
func TestGroupClientIsBuiltOnce(t *testing.T) {
	for name, cs := range map[string]*kubernetes.Clientset{
		"NewForConfig": mustClientset(t, &rest.Config{Host: "http://127.0.0.1:1"}),
		"New":          kubernetes.New(rest.ErrorClient(sharedGV, errUnused)),
	} {
		t.Run(name, func(t *testing.T) {
			got := make([]any, 4)
			var wg sync.WaitGroup
			for i := range got {
				wg.Go(func() { got[i] = cs.AppsV1() })
			}
			wg.Wait()
			for i, c := range got {
				if reflect.ValueOf(c).IsNil() || c != got[0] {
					t.Fatalf("caller %d got %v, caller 0 %v: want the same non-nil client", i, c, got[0])
				}
			}
			if cs.AppsV1() != got[0] {
				t.Error("a later AppsV1() returned another client")
			}
		})
	}
}

// TestEveryGroupClientAddressesItsGroup builds each group client of a clientset made from a config
// and checks that it is a working client of its own group/version: its requests build (a group
// client whose construction had failed would fail them) and go to the group's path.
func TestEveryGroupClientAddressesItsGroup(t *testing.T) {
	cs := mustClientset(t, &rest.Config{Host: "https://example.com:6443/prefix"})
	shared := kubernetes.New(rest.ErrorClient(sharedGV, errUnused))
	for _, m := range groupMethods(t) {
		client := reflect.ValueOf(cs).MethodByName(m).Call(nil)[0].Interface().(interface{ RESTClient() rest.Interface })
		rc := client.RESTClient()
		gv := rc.APIVersion()
		req, err := rc.Get().Resource("things").HTTPRequest(t.Context())
		if err != nil {
			t.Errorf("%s: request: %v", m, err)
			continue
		}
		want := "/prefix/apis/" + gv.Group + "/" + gv.Version + "/things"
		if gv.Group == "" {
			want = "/prefix/api/" + gv.Version + "/things"
		}
		if req.URL.Path != want || gv.Version == "" {
			t.Errorf("%s: request to %s (group/version %v), want %s", m, req.URL.Path, gv, want)
		}
		viaNew := reflect.ValueOf(shared).MethodByName(m).Call(nil)[0].Interface().(interface{ RESTClient() rest.Interface })
		if viaNew.RESTClient() == nil || viaNew.RESTClient().APIVersion() != sharedGV {
			t.Errorf("%s of New(c): REST client %v, want c", m, viaNew.RESTClient())
		}
	}
}

// TestNewForConfigAndClientFailsEarly: whatever can stop a group client from being built is
// reported by NewForConfigAndClient, not left for the first AppsV1() to meet.
func TestNewForConfigAndClientFailsEarly(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  *rest.Config
		h    *http.Client
		want string
	}{
		{"no host", &rest.Config{}, &http.Client{}, "Host must be set"},
		{"bad scheme", &rest.Config{Host: "ftp://example.com"}, &http.Client{}, "scheme must be http or https"},
		{"query in host", &rest.Config{Host: "https://example.com?x=1"}, &http.Client{}, "must not have a query"},
		{"no host name", &rest.Config{Host: "https://"}, &http.Client{}, "no host"},
		{"nil HTTP client", &rest.Config{Host: "https://example.com"}, nil, "http.Client must not be nil"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs, err := kubernetes.NewForConfigAndClient(tc.cfg, tc.h)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("NewForConfigAndClient = %v, %v; want an error containing %q", cs, err, tc.want)
			}
		})
	}
}

// TestZeroClientsetFailsRequests: a Clientset not made by a constructor gives group clients whose
// requests say so, rather than nil clients or panics.
func TestZeroClientsetFailsRequests(t *testing.T) {
	var cs kubernetes.Clientset
	err := cs.CoreV1().RESTClient().Get().Resource("pods").Do(t.Context()).Error()
	if err == nil || !strings.Contains(err.Error(), "not built by NewForConfig") {
		t.Errorf("request error %v, want one saying how to build a clientset", err)
	}
}

func mustClientset(t *testing.T, cfg *rest.Config) *kubernetes.Clientset {
	t.Helper()
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// groupMethods are the names of Interface's group client getters (all but Discovery).
func groupMethods(t *testing.T) []string {
	it := reflect.TypeFor[kubernetes.Interface]()
	var out []string
	for i := range it.NumMethod() {
		if name := it.Method(i).Name; name != "Discovery" {
			out = append(out, name)
		}
	}
	if len(out) < 20 {
		t.Fatalf("Interface has %d group getters, want every group's", len(out))
	}
	return out
}
