package rest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/internal/allocgate"
)

// fixedResponse answers every request with the same body, in process: what is measured is the
// client's work (building the request, sending it through the transport chain, decoding), plus the
// few allocations of the response built here.
type fixedResponse struct {
	contentType string
	body        []byte
}

func (f fixedResponse) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: http.StatusOK, Proto: "HTTP/2.0", ProtoMajor: 2, Request: req,
		Header:        http.Header{"Content-Type": {f.contentType}},
		Body:          io.NopCloser(bytes.NewReader(f.body)),
		ContentLength: int64(len(f.body)),
	}, nil
}

// TestAllocGate (issue 16 item 4) fails when allocations or bytes per GET or per watch event grow more
// than 10% over the figures recorded in testdata/allocgate.txt.
func TestAllocGate(t *testing.T) {
	figures := map[string]float64{}
	for _, mediaType := range []string{ContentTypeJSON, ContentTypeProtobuf} {
		short := map[string]string{ContentTypeJSON: "json", ContentTypeProtobuf: "protobuf"}[mediaType]

		cfg := testConfig("https://kube.example:6443", mediaType)
		cfg.Transport = fixedResponse{mediaType, encodeAs(t, mediaType, realisticConfigMap())}
		c, err := RESTClientFor(cfg)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		var getErr error
		allocs, size := allocgate.PerOp(200, func() {
			cm := &corev1.ConfigMap{}
			getErr = c.Get().Namespace("team-a").Resource("configmaps").Name("settings").
				VersionedParams(&metav1.GetOptions{}, ParameterCodec).Do(ctx).Into(cm)
			if getErr == nil && cm.Name != "settings" {
				getErr = io.ErrUnexpectedEOF
			}
		})
		if getErr != nil {
			t.Fatalf("GET %s: %v", short, getErr)
		}
		figures["get-"+short+"/allocs"] = allocs
		figures["get-"+short+"/bytes"] = size

		const events = 100
		evs := make([]watch.Event, events)
		for i := range evs {
			evs[i] = watch.Event{Type: watch.Modified, Object: realisticConfigMap()}
		}
		stream := watchStream(t, mediaType, evs...)
		objects, err := c.codecs.decoderFor(mediaType)
		if err != nil {
			t.Fatal(err)
		}
		var decodeErr error
		allocs, size = allocgate.PerOp(10, func() {
			dec, err := NewWatchDecoder(bytes.NewReader(stream), mediaType, objects)
			if err != nil {
				decodeErr = err
				return
			}
			for range events {
				if ev, err := dec.Decode(); err != nil || ev.Type != watch.Modified {
					decodeErr = err
					return
				}
			}
		})
		if decodeErr != nil {
			t.Fatalf("watch decode %s: %v", short, decodeErr)
		}
		figures["watch-event-"+short+"/allocs"] = allocs / events
		figures["watch-event-"+short+"/bytes"] = size / events
	}
	allocgate.Check(t, "testdata/allocgate.txt", figures)
}
