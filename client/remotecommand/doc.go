// Package remotecommand runs commands in containers and attaches to them — kubectl exec and kubectl
// attach as a Go API — through the API server's pods/exec and pods/attach subresources.
//
//	var stdout, stderr bytes.Buffer
//	err := remotecommand.Exec(ctx, cfg, remotecommand.Options{
//		Namespace: "default", Pod: "web-0", Container: "nginx",
//		Command: []string{"nginx", "-t"},
//		Stdout:  &stdout, Stderr: &stderr,
//	})
//	var exit *remotecommand.ExitError
//	if errors.As(err, &exit) {
//		fmt.Println("exit code", exit.Code)
//	}
//
// Options mirror kubectl's flags: Container is -c, Stdin is -i, TTY is -t; Resize carries terminal
// sizes for a TTY (send the first size up front, then one per SIGWINCH).
//
// # Protocols
//
// A session first tries WebSocket with the v5.channel.k8s.io subprotocol: one connection whose
// messages start with a channel byte (0 stdin, 1 stdout, 2 stderr, 3 error, 4 resize), where v5
// adds a close signal (255 followed by the channel) that ends stdin without ending the session.
// When the server refuses the WebSocket upgrade — an older API server, a proxy that does not pass
// WebSockets — the session falls back to SPDY/3.1 with v4.channel.k8s.io (or v3, v2 for old
// kubelets), one SPDY stream per channel, as kubectl does. Options.Transport forces either protocol.
//
// # Results
//
// Exec returns nil when the command exits with 0, an *ExitError carrying any other exit code (parsed
// from the error channel's metav1.Status, reason NonZeroExitCode), an *apierrors.StatusError for
// what the API server or kubelet refuse (pod or container not found, forbidden), an error wrapping
// ErrConnectionLost when the connection ends before the status arrives, and an error wrapping the
// context's error when ctx is cancelled, which closes the session. A connection that breaks (the API
// server goes away, a proxy resets it) ends the session at once; a peer that vanishes silently is
// noticed by TCP keep-alive. Both protocols send pings so that idle sessions survive proxies.
//
// Authentication is that of every other kubegen request: the upgrade requests go through
// client/transport's round tripper (tokens, exec plugins, client certificates, impersonation).
//
// # Layer
//
// remotecommand sits beside the typed clients, on client/rest and client/transport (through
// client/internal/upgrade); it imports apimachinery, gorilla/websocket, klog (a log line when it falls
// back from WebSocket to SPDY) and nothing above rest.
// Generated pod clients can wrap it.
package remotecommand
