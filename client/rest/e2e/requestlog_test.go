//go:build e2e

package e2e_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/klog/v2"
	"k8s.io/klog/v2/textlogger"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/test/cluster"
)

// TestIssue10_RequestLoggingAgainstTheAPIServer (issue 10 item 5): at -v=8 against kube-apiserver, with a
// bearer token, each request is logged with its status and latency, the Authorization header masked,
// and neither the token nor a Secret's data appears anywhere in the log.
func TestIssue10_RequestLoggingAgainstTheAPIServer(t *testing.T) {
	auth := cluster.Auth{User: cluster.Admin, Credential: cluster.TokenInline, Trust: cluster.CAInline}
	cfg, err := testCluster.Config(auth)
	if err != nil {
		t.Fatal(err)
	}
	token := cfg.BearerToken
	cfg.APIPath = "/api"
	cfg.GroupVersion = &corev1.SchemeGroupVersion
	cfg.NegotiatedSerializer = codecs.WithoutConversion()
	c, err := rest.RESTClientFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	ctx := klog.NewContext(context.Background(),
		textlogger.NewLogger(textlogger.NewConfig(textlogger.Output(&buf), textlogger.Verbosity(8))))

	const secretValue = "e2e-request-log-SECRET"
	secret := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "request-log"}, Data: map[string][]byte{"k": []byte(secretValue)}}
	if err := c.Post().Namespace("default").Resource("secrets").Body(secret).Do(ctx).Into(&corev1.Secret{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = c.Delete().Namespace("default").Resource("secrets").Name("request-log").Do(context.Background()).Error()
	})
	if err := c.Get().Namespace("default").Resource("secrets").Name("request-log").Do(ctx).Into(&corev1.Secret{}); err != nil {
		t.Fatal(err)
	}
	if err := c.Get().Resource("namespaces").Name("default").Do(ctx).Into(&corev1.Namespace{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, never := range []string{token, secretValue, base64.StdEncoding.EncodeToString([]byte(secretValue))} {
		if strings.Contains(out, never) {
			t.Errorf("the log shows %q:\n%s", never, out)
		}
	}
	host := testCluster.Host()
	for _, want := range []string{
		`"HTTP response" verb="POST" url="` + host + `/api/v1/namespaces/default/secrets" status="201 Created" latency="`,
		`"HTTP response" verb="GET" url="` + host + `/api/v1/namespaces/default/secrets/request-log" status="200 OK" latency="`,
		`"HTTP response" verb="GET" url="` + host + `/api/v1/namespaces/default" status="200 OK" latency="`,
		`"Authorization":["Bearer [masked]"]`,
		`"HTTP request body" verb="POST" url="` + host + `/api/v1/namespaces/default/secrets" body="<not logged: may hold credentials>"`,
		`"HTTP response body" verb="GET" url="` + host + `/api/v1/namespaces/default" body=`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %s:\n%s", want, out)
		}
	}
	if n := strings.Count(out, `"HTTP response body"`); n != 1 {
		t.Errorf("%d response bodies logged, want 1 (the namespace's, not the secret's):\n%s", n, out)
	}
}
