package rest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"

	"k8s.io/klog/v2"
)

type recordedWarning struct {
	code        int
	agent, text string
}

type warningRecorder struct {
	mu  sync.Mutex
	got []recordedWarning
}

func (w *warningRecorder) HandleWarningHeader(code int, agent, text string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.got = append(w.got, recordedWarning{code, agent, text})
}

func TestWarningHeadersReachHandlerAndResult(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Warning", `299 - "v1beta1 Widget is deprecated; use v1"`)
		w.Header().Add("Warning", `299 kube-apiserver "unknown field \"spec.x\"", 299 - "second"`)
		w.Header().Add("Warning", `not a valid warning`)
		if r.URL.Path == "/stream" {
			_, _ = w.Write([]byte("log"))
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	rec := &warningRecorder{}
	cfg := testConfig(srv.URL, "")
	cfg.WarningHandler = rec
	c, err := RESTClientFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	res := c.Get().AbsPath("/").Do(context.Background())
	want := []string{"v1beta1 Widget is deprecated; use v1", `unknown field "spec.x"`, "second"}
	if !reflect.DeepEqual(res.Warnings(), want) {
		t.Errorf("Warnings() = %q, want %q", res.Warnings(), want)
	}
	wantRec := []recordedWarning{{299, "-", want[0]}, {299, "kube-apiserver", want[1]}, {299, "-", want[2]}}
	if !reflect.DeepEqual(rec.got, wantRec) {
		t.Errorf("handler got %v, want %v", rec.got, wantRec)
	}
	rec.got = nil
	body, err := c.Get().AbsPath("/stream").Stream(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	body.Close()
	if len(rec.got) != 3 {
		t.Errorf("Stream passed %d warnings to the handler, want 3", len(rec.got))
	}
}

func TestWarningLoggerLogsEachTextOnce(t *testing.T) {
	var out bytes.Buffer
	klog.LogToStderr(false)
	klog.SetOutput(io.Discard)
	klog.SetOutputBySeverity("WARNING", &out)
	defer func() {
		klog.SetOutput(io.Discard)
		klog.LogToStderr(true)
	}()
	w := NewWarningLogger()
	w.HandleWarningHeader(299, "-", "widget v1beta1 is deprecated")
	w.HandleWarningHeader(299, "-", "widget v1beta1 is deprecated")
	w.HandleWarningHeader(299, "-", "unknown field spec.x")
	w.HandleWarningHeader(199, "-", "miscellaneous")
	klog.Flush()
	logged := out.String()
	if n := strings.Count(logged, "widget v1beta1 is deprecated"); n != 1 {
		t.Errorf("repeated warning logged %d times, want once:\n%s", n, logged)
	}
	if !strings.Contains(logged, "unknown field spec.x") || strings.Contains(logged, "miscellaneous") {
		t.Errorf("log = %q, want the 299 warnings only", logged)
	}
}
