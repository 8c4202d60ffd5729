package rest

import (
	"net/http"
	"sync"

	utilnet "k8s.io/apimachinery/pkg/util/net"
	"k8s.io/klog/v2"
)

// NoWarnings is a WarningHandler that discards warnings.
type NoWarnings struct{}

// HandleWarningHeader does nothing.
func (NoWarnings) HandleWarningHeader(code int, agent string, text string) {}

// NewWarningLogger returns a WarningHandler that logs each distinct warning text once, through klog.
// It is the default handler.
func NewWarningLogger() WarningHandler { return &warningLogger{seen: map[string]struct{}{}} }

type warningLogger struct {
	mu   sync.Mutex
	seen map[string]struct{}
}

// HandleWarningHeader logs text the first time it is seen. Only code 299 (miscellaneous persistent
// warning, the code kube-apiserver uses) is logged.
func (w *warningLogger) HandleWarningHeader(code int, agent string, text string) {
	if code != 299 || text == "" {
		return
	}
	w.mu.Lock()
	_, dup := w.seen[text]
	if !dup {
		w.seen[text] = struct{}{}
	}
	w.mu.Unlock()
	if !dup {
		klog.Warning(text)
	}
}

var defaultWarningHandler = NewWarningLogger()

// handleWarnings parses the response's Warning headers, hands each to h and returns their texts.
func handleWarnings(h WarningHandler, header http.Header) []string {
	values := header["Warning"]
	if len(values) == 0 {
		return nil
	}
	parsed, _ := utilnet.ParseWarningHeaders(values)
	if len(parsed) == 0 {
		return nil
	}
	texts := make([]string, 0, len(parsed))
	for _, w := range parsed {
		h.HandleWarningHeader(w.Code, w.Agent, w.Text)
		texts = append(texts, w.Text)
	}
	return texts
}
