package transport_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/kubegen/kubegen/client/transport"
)

// New turns a Config into a round tripper that adds credentials and the user agent to every request.
func ExampleNew() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%s | %s | %s", r.Header.Get("Authorization"), r.Header.Get("User-Agent"), r.Header.Get("Impersonate-User"))
	}))
	defer srv.Close()

	rt, err := transport.New(&transport.Config{
		UserAgent:   "example/1.0",
		BearerToken: "my-token",
		Impersonate: transport.ImpersonationConfig{UserName: "jane"},
	})
	if err != nil {
		log.Fatal(err)
	}
	client := &http.Client{Transport: rt}
	resp, err := client.Get(srv.URL)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(string(body))
	// Output: Bearer my-token | example/1.0 | jane
}

// Formatting a Config never shows its secrets.
func ExampleConfig_String() {
	c := transport.Config{
		Username: "admin",
		Password: "hunter2",
		TLS:      transport.TLSConfig{ServerName: "kubernetes", KeyData: []byte("-----BEGIN EC PRIVATE KEY-----...")},
	}
	fmt.Printf("%+v\n", c.TLS)
	fmt.Println(strings.Contains(c.String(), "admin"), strings.Contains(fmt.Sprintf("%#v", c), "hunter2"))
	// Output:
	// {Insecure:false ServerName:kubernetes CAFile: CAData: CertFile: CertData: KeyFile: KeyData:--- REDACTED --- NextProtos:[]}
	// true false
}

// TLSConfigFor gives code that dials by hand (WebSockets, SPDY) the same TLS settings New uses.
func ExampleTLSConfigFor() {
	tc, err := transport.TLSConfigFor(&transport.Config{TLS: transport.TLSConfig{ServerName: "kubernetes.default.svc"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tc.ServerName, tc.RootCAs == nil)
	// Output: kubernetes.default.svc true
}

// An exec plugin runs when a credential is first needed; a missing binary is reported with its
// install hint.
func ExampleExecConfig() {
	rt, err := transport.New(&transport.Config{Exec: &transport.ExecConfig{
		Command:         "kubegen-example-missing-plugin",
		APIVersion:      "client.authentication.k8s.io/v1",
		InteractiveMode: transport.InteractiveNever,
		InstallHint:     "See https://example.com/install-plugin",
	}})
	if err != nil {
		log.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1:1/api", nil)
	_, err = rt.RoundTrip(req)
	fmt.Println(err)
	// Output:
	// transport: exec plugin: executable kubegen-example-missing-plugin not found
	//
	// See https://example.com/install-plugin
}
