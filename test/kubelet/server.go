package kubelet

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/cri-streaming/pkg/streaming/portforward"
	"k8s.io/cri-streaming/pkg/streaming/remotecommand"
)

// Timeouts handed to the cri-streaming handlers.
const (
	idleTimeout           = 5 * time.Minute
	streamCreationTimeout = 30 * time.Second
)

// Options adjust a Server. The zero value is ready to use.
type Options struct {
	// AttachCommand is the main process of every container, the one attach connects to. Empty means
	// "cat": what an attached client writes comes back on its stdout.
	AttachCommand []string
}

// Server is a running fake kubelet. Its methods are safe for concurrent use.
type Server struct {
	listener net.Listener
	http     *http.Server
	attach   *attacher
	ctx      context.Context
	cancel   context.CancelFunc
	wg       sync.WaitGroup

	logStreams atomic.Int32 // container log requests being answered
}

// Start listens on a free port of 127.0.0.1 with a fresh self-signed certificate and serves the
// streaming endpoints until Close.
func Start(opts Options) (*Server, error) {
	cert, err := selfSignedCertificate()
	if err != nil {
		return nil, err
	}
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{
		Certificates: []tls.Certificate{cert},
		NextProtos:   []string{"http/1.1"}, // the streaming upgrades need HTTP/1.1
	})
	if err != nil {
		return nil, fmt.Errorf("kubelet: listening: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	command := opts.AttachCommand
	if len(command) == 0 {
		command = []string{"cat"}
	}
	s := &Server{listener: l, ctx: ctx, cancel: cancel, attach: newAttacher(ctx, command)}
	s.http = &http.Server{Handler: s.routes(), ReadHeaderTimeout: 30 * time.Second,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = s.http.Serve(l)
	}()
	return s, nil
}

// routes serves the kubelet's streaming paths with cri-streaming's handlers.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/exec/{ns}/{pod}/{container}", s.serveExec)
	mux.HandleFunc("/attach/{ns}/{pod}/{container}", s.serveAttach)
	mux.HandleFunc("/portForward/{ns}/{pod}", s.servePortForward)
	mux.HandleFunc("/containerLogs/{ns}/{pod}/{container}", s.serveContainerLogs)
	return mux
}

func (s *Server) serveExec(w http.ResponseWriter, req *http.Request) {
	opts, err := remotecommand.NewOptions(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	command := req.URL.Query()["command"]
	if len(command) == 0 {
		http.Error(w, "no command", http.StatusBadRequest)
		return
	}
	remotecommand.ServeExec(w, req, executor{}, podName(req), "", req.PathValue("container"), command, opts,
		idleTimeout, streamCreationTimeout, remotecommand.SupportedStreamingProtocols)
}

func (s *Server) serveAttach(w http.ResponseWriter, req *http.Request) {
	opts, err := remotecommand.NewOptions(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	remotecommand.ServeAttach(w, req, s.attach, podName(req), "", req.PathValue("container"), opts,
		idleTimeout, streamCreationTimeout, remotecommand.SupportedStreamingProtocols)
}

func (s *Server) servePortForward(w http.ResponseWriter, req *http.Request) {
	opts, err := portforward.NewV4Options(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	portforward.ServePortForward(w, req, forwarder{}, podName(req), "", opts, idleTimeout,
		streamCreationTimeout, portforward.SupportedProtocols)
}

// podName is "<namespace>/<pod>", the name the handlers pass on.
func podName(req *http.Request) string { return req.PathValue("ns") + "/" + req.PathValue("pod") }

// Port is the TCP port the server listens on.
func (s *Server) Port() int { return s.listener.Addr().(*net.TCPAddr).Port }

// Addr is the server's address, 127.0.0.1:<port>.
func (s *Server) Addr() string { return s.listener.Addr().String() }

// Close stops the server: open sessions are cut and the attach processes are killed.
func (s *Server) Close() {
	s.cancel()
	_ = s.http.Close()
	s.wg.Wait()
	s.attach.wait()
}

// Node returns a Node named name that points the apiserver at this server: InternalIP 127.0.0.1 and
// the kubelet port. Create it, then set its status through the status subresource (create ignores
// status).
func (s *Server) Node(name string) *corev1.Node {
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Status: corev1.NodeStatus{
			Addresses: []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: "127.0.0.1"}},
			DaemonEndpoints: corev1.NodeDaemonEndpoints{
				KubeletEndpoint: corev1.DaemonEndpoint{Port: int32(s.Port())},
			},
			Conditions: []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionTrue}},
		},
	}
}

// errNoPort is returned for port-forward requests to a port number outside 1..65535.
var errNoPort = errors.New("port out of range")

func portAddr(port int32) (string, error) {
	if port < 1 || port > 65535 {
		return "", errNoPort
	}
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(int(port))), nil
}
