package portforward_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"

	"github.com/kubegen/kubegen/client/portforward"
	"github.com/kubegen/kubegen/client/rest"
)

// kubectl port-forward pod/web-0 8080:80 9090, until the context is cancelled.
func ExampleForward() {
	cfg := &rest.Config{Host: "https://127.0.0.1:6443"} // from kubeconfig.Load in a real program
	err := portforward.Forward(context.Background(), cfg,
		portforward.Options{Namespace: "default", Pod: "web-0"}, "8080:80", "9090")
	if err != nil {
		log.Fatal(err)
	}
}

// An HTTP client whose connections go straight to the pod's port 80, without a local listener.
func ExampleSession_Dial() {
	ctx := context.Background()
	s, err := portforward.Open(ctx, &rest.Config{Host: "https://127.0.0.1:6443"},
		portforward.Options{Namespace: "default", Pod: "web-0"})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) { return s.Dial(ctx, 80) },
	}}
	resp, err := client.Get("http://web-0/healthz")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Status, string(body))
}

// Local ports chosen by the system, as with kubectl port-forward :80.
func ExampleSession_Listen() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := portforward.Open(ctx, &rest.Config{Host: "https://127.0.0.1:6443"},
		portforward.Options{Namespace: "default", Pod: "web-0"})
	if err != nil {
		log.Fatal(err)
	}
	ports, err := s.Listen(ctx, ":80")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("Forwarding from 127.0.0.1:%d -> %d\n", ports[0].Local, ports[0].Remote)
	<-s.Done()
}

// The port specs kubectl port-forward takes.
func ExampleParsePort() {
	for _, spec := range []string{"8080:80", "5432", ":443", "0:443", "80:http"} {
		p, err := portforward.ParsePort(spec)
		fmt.Println(p, err)
	}
	// Output:
	// 8080:80 <nil>
	// 5432:5432 <nil>
	// 0:443 <nil>
	// 0:443 <nil>
	// 0:0 portforward: port spec "80:http": remote port "http" is not a number from 1 to 65535
}
