package kubelet

import (
	"fmt"
	"net/http"
	"time"
)

// logInterval is how often a followed log gets a line.
const logInterval = 50 * time.Millisecond

// serveContainerLogs answers the kubelet's /containerLogs/{ns}/{pod}/{container}: a first line
// echoing the query the API server passed on ("query: ..."), then numbered lines
// "<ns>/<pod>/<container> line N". Without follow=true it writes three lines; with it, a line every
// logInterval until the request ends (the API server closes it when its client goes away).
func (s *Server) serveContainerLogs(w http.ResponseWriter, req *http.Request) {
	s.logStreams.Add(1)
	defer s.logStreams.Add(-1)
	w.Header().Set("Content-Type", "text/plain")
	flusher, _ := w.(http.Flusher)
	follow := req.URL.Query().Get("follow") == "true"
	fmt.Fprintf(w, "query: %s\n", req.URL.RawQuery)
	for n := 1; ; n++ {
		fmt.Fprintf(w, "%s/%s line %d\n", podName(req), req.PathValue("container"), n)
		if flusher != nil {
			flusher.Flush()
		}
		if !follow && n == 3 {
			return
		}
		select {
		case <-req.Context().Done():
			return
		case <-s.ctx.Done():
			return
		case <-time.After(logInterval):
		}
	}
}

// LogStreams returns how many container log requests the server is answering now.
func (s *Server) LogStreams() int { return int(s.logStreams.Load()) }
