package kubelet

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/cri-streaming/pkg/streaming/portforward"
	"k8s.io/cri-streaming/pkg/streaming/remotecommand"
)

// APIOptions shape the handler of APIHandler.
type APIOptions struct {
	// RefuseWebSocket answers WebSocket upgrades with 400 and a Status, as a server without WebSocket
	// support would, so clients must fall back to SPDY.
	RefuseWebSocket bool
	// ExecProtocols are the SPDY protocols exec and attach accept; empty means all of
	// v4.channel.k8s.io to channel.k8s.io.
	ExecProtocols []string
	// Authorization, when set, is the Authorization header every request must carry; others get 401.
	Authorization string
}

// APIHandler serves the API server's URLs for pods/exec, pods/attach and pods/portforward
// (/api/v1/namespaces/{ns}/pods/{pod}/...) with the kubelet handlers directly, translating the
// query parameters as kube-apiserver does. It lets client unit tests exercise SPDY and fallback
// paths without an API server; the end-to-end tests go through a real one instead.
func (s *Server) APIHandler(opts APIOptions) http.Handler {
	protocols := opts.ExecProtocols
	if len(protocols) == 0 {
		protocols = remotecommand.SupportedStreamingProtocols
	}
	mux := http.NewServeMux()
	const prefix = "/api/v1/namespaces/{ns}/pods/{pod}/"
	mux.HandleFunc(prefix+"exec", func(w http.ResponseWriter, req *http.Request) {
		o, ok := apiStreamOptions(w, req)
		if ok {
			remotecommand.ServeExec(w, req, executor{}, podName(req), "", req.URL.Query().Get("container"),
				req.URL.Query()["command"], o, idleTimeout, streamCreationTimeout, protocols)
		}
	})
	mux.HandleFunc(prefix+"attach", func(w http.ResponseWriter, req *http.Request) {
		o, ok := apiStreamOptions(w, req)
		if ok {
			remotecommand.ServeAttach(w, req, s.attach, podName(req), "", req.URL.Query().Get("container"), o,
				idleTimeout, streamCreationTimeout, protocols)
		}
	})
	mux.HandleFunc(prefix+"portforward", func(w http.ResponseWriter, req *http.Request) {
		portforward.ServePortForward(w, req, forwarder{}, podName(req), "", &portforward.V4Options{},
			idleTimeout, streamCreationTimeout, portforward.SupportedProtocols)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		switch {
		case opts.Authorization != "" && req.Header.Get("Authorization") != opts.Authorization:
			writeStatus(w, http.StatusUnauthorized, metav1.StatusReasonUnauthorized, "Unauthorized")
		case opts.RefuseWebSocket && isWebSocket(req):
			writeStatus(w, http.StatusBadRequest, metav1.StatusReasonBadRequest, "WebSocket is not supported here")
		default:
			mux.ServeHTTP(w, req)
		}
	})
}

// apiStreamOptions reads the API server's stdin/stdout/stderr/tty parameters.
func apiStreamOptions(w http.ResponseWriter, req *http.Request) (*remotecommand.Options, bool) {
	q := req.URL.Query()
	kubelet := url.Values{}
	for api, param := range map[string]string{"stdin": remotecommand.ExecStdinParam,
		"stdout": remotecommand.ExecStdoutParam, "stderr": remotecommand.ExecStderrParam, "tty": remotecommand.ExecTTYParam} {
		if q.Get(api) == "true" {
			kubelet.Set(param, "1")
		}
	}
	translated := req.Clone(req.Context())
	translated.URL.RawQuery = kubelet.Encode()
	o, err := remotecommand.NewOptions(translated)
	if err != nil {
		writeStatus(w, http.StatusBadRequest, metav1.StatusReasonBadRequest, err.Error())
		return nil, false
	}
	return o, true
}

func writeStatus(w http.ResponseWriter, code int, reason metav1.StatusReason, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(&metav1.Status{
		TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status:   metav1.StatusFailure, Code: int32(code), Reason: reason, Message: msg,
	})
}

// isWebSocket reports whether req asks for a WebSocket upgrade.
func isWebSocket(req *http.Request) bool {
	return strings.EqualFold(req.Header.Get("Upgrade"), "websocket")
}
