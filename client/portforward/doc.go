// Package portforward forwards connections to a pod's ports through the API server's pods/portforward
// subresource — kubectl port-forward as a Go API, plus a net.Conn per connection for programs that
// talk to a pod in-process.
//
//	// kubectl port-forward web-0 8080:80, until ctx is cancelled:
//	err := portforward.Forward(ctx, cfg, portforward.Options{Namespace: "default", Pod: "web-0"}, "8080:80")
//
//	// In-process: one session, any number of connections.
//	s, err := portforward.Open(ctx, cfg, portforward.Options{Namespace: "default", Pod: "db-0"})
//	defer s.Close()
//	conn, err := s.Dial(ctx, 5432) // a net.Conn to the pod's port 5432
//
// # Protocol
//
// A session is one SPDY/3.1 connection; every forwarded connection is a pair of SPDY streams, data
// and error, sharing a requestID header and naming the pod's port. The kubelet dials the port for
// each pair; when it cannot (nothing listens), it writes the reason on the error stream and that
// connection fails with a *RemoteError — from Dial or from Read, as the kubelet answers
// asynchronously — while the session and its other connections go on.
//
// SPDY has no per-stream flow control: a connection whose data nobody reads holds up the whole
// session once buffers fill (as with kubectl). Read what you dial, or Close it.
//
// The session's connection is first opened as a WebSocket with the subprotocol
// SPDY/3.1+portforward.k8s.io, inside which the SPDY frames travel as binary messages (kube-apiserver
// 1.31+ with PortForwardWebsockets, on by default, turns it into SPDY towards the kubelet). When the
// server refuses the WebSocket upgrade the session uses a plain SPDY upgrade (portforward.k8s.io), as
// kubectl does. Options.Transport forces either; Session.Transport tells which one is in use.
//
// Cancelling the context given to Open (or calling Session.Close) ends the session and every
// connection on it: blocked reads return, listeners close, new dials fail with ErrSessionClosed. So
// does a broken connection to the API server; a peer that vanishes silently is noticed by TCP
// keep-alive. WebSocket and SPDY pings keep idle sessions alive through proxies.
//
// Authentication is that of every other kubegen request: the upgrade goes through client/transport's
// round tripper (tokens, exec plugins, client certificates, impersonation).
//
// # Layer
//
// portforward sits beside the typed clients, on client/rest and client/transport (through
// client/internal/upgrade); it imports apimachinery, gorilla/websocket, klog (log lines for the
// fallback from WebSocket to SPDY and for failed forwarded connections) and nothing above rest.
// Generated pod clients can wrap it.
package portforward
