package rest

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/internal/fastproto"
)

// protobufMagic starts every Kubernetes protobuf message (the runtime.Unknown envelope).
var protobufMagic = []byte(fastproto.Magic)

// maxErrorMessage bounds how much of a non-Status error body ends up in an error message.
const maxErrorMessage = 512

// statusError turns a non-2xx answer into an *apierrors.StatusError: the server's metav1.Status when
// the body is one (JSON or protobuf), otherwise a Status synthesized from the code, the verb, the
// resource and a trimmed copy of the body.
func (r *Request) statusError(code int, contentType string, body []byte, retryAfter int) *apierrors.StatusError {
	if st, ok := DecodeStatus(contentType, body); ok {
		if st.Code < 400 || st.Code > 599 { // absent or nonsense: the HTTP status is the truth
			st.Code = int32(code)
		}
		st.Status = metav1.StatusFailure
		return &apierrors.StatusError{ErrStatus: *st}
	}
	gr := schema.GroupResource{Group: r.c.gv.Group, Resource: r.resource}
	return apierrors.NewGenericServerResponse(code, r.verb, gr, r.name, trimBody(body), retryAfter, true)
}

// DecodeStatus decodes body as a metav1.Status in JSON or Kubernetes protobuf, choosing by the
// Content-Type and the body's first bytes. It reports false for anything that is not a Status.
func DecodeStatus(contentType string, body []byte) (*metav1.Status, bool) {
	if bytes.HasPrefix(body, protobufMagic) {
		return decodeProtobufStatus(body[len(protobufMagic):])
	}
	mt := mediaTypeOnly(contentType)
	if mt != "" && mt != ContentTypeJSON && !strings.HasSuffix(mt, "+json") {
		return nil, false
	}
	return decodeJSONStatus(body)
}

func decodeJSONStatus(body []byte) (*metav1.Status, bool) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, false
	}
	var st metav1.Status
	if err := json.Unmarshal(trimmed, &st); err != nil || st.Kind != "Status" {
		return nil, false
	}
	return &st, true
}

func decodeProtobufStatus(envelope []byte) (*metav1.Status, bool) {
	var unk runtime.Unknown
	if err := unk.Unmarshal(envelope); err != nil || unk.Kind != "Status" {
		return nil, false
	}
	var st metav1.Status
	if err := st.Unmarshal(unk.Raw); err != nil {
		return nil, false
	}
	st.TypeMeta = metav1.TypeMeta{APIVersion: unk.APIVersion, Kind: unk.Kind}
	return &st, true
}

// trimBody makes an error body fit for a message: valid UTF-8, trimmed, and bounded.
func trimBody(body []byte) string {
	if len(body) == 0 {
		return ""
	}
	if bytes.IndexByte(body[:min(len(body), maxErrorMessage)], 0) >= 0 {
		return "(" + strconv.Itoa(len(body)) + " bytes of binary data)"
	}
	s := strings.TrimSpace(strings.ToValidUTF8(string(body[:min(len(body), 4*maxErrorMessage)]), "\uFFFD"))
	if len(s) > maxErrorMessage {
		cut := maxErrorMessage
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}
