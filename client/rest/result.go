package rest

import (
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// Result is the outcome of Do: the response body and how to decode it, or an error.
type Result struct {
	body        []byte
	contentType string
	statusCode  int
	warnings    []string
	err         error
	codecs      *codecs
}

// Raw returns the response body and the error, if any. For a server error the body is the server's.
func (r Result) Raw() ([]byte, error) { return r.body, r.err }

// Error returns the request's error: nil, a transport or build error, or an *apierrors.StatusError
// for a non-2xx answer.
func (r Result) Error() error { return r.err }

// StatusCode stores the HTTP status code in *code (0 if no response arrived) and returns r.
func (r Result) StatusCode(code *int) Result {
	*code = r.statusCode
	return r
}

// Warnings returns the texts of the Warning headers of the response.
func (r Result) Warnings() []string { return r.warnings }

// ContentType returns the response's Content-Type header.
func (r Result) ContentType() string { return r.contentType }

// Into decodes the response into obj. A metav1.Status answer with status Failure becomes an
// *apierrors.StatusError.
func (r Result) Into(obj runtime.Object) error {
	if r.err != nil {
		return r.err
	}
	if len(r.body) == 0 {
		return fmt.Errorf("rest: empty response (status %d, content type %q)", r.statusCode, r.contentType)
	}
	direct := r.codecs.direct
	protobuf := direct != nil && mediaTypeOnly(r.contentType) == ContentTypeProtobuf
	if protobuf {
		if done, err := direct.decode(r.body, obj); done {
			return r.decodeError(obj, err)
		}
	}
	dec, err := r.codecs.decoderFor(r.contentType)
	if err != nil {
		return err
	}
	out, _, err := dec.Decode(r.body, nil, obj)
	if err != nil {
		return r.decodeError(obj, err)
	}
	if out != obj {
		return failedStatus(out)
	}
	if protobuf {
		direct.learn(r.body, obj)
	}
	return nil
}

func (r Result) decodeError(obj runtime.Object, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("rest: decoding %s response into %T: %w", mediaTypeOnly(r.contentType), obj, err)
}

// Get decodes the response into a new object of the type the response names.
func (r Result) Get() (runtime.Object, error) {
	if r.err != nil {
		return nil, r.err
	}
	if len(r.body) == 0 {
		return nil, fmt.Errorf("rest: empty response (status %d, content type %q)", r.statusCode, r.contentType)
	}
	dec, err := r.codecs.decoderFor(r.contentType)
	if err != nil {
		return nil, err
	}
	out, _, err := dec.Decode(r.body, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("rest: decoding %s response: %w", mediaTypeOnly(r.contentType), err)
	}
	if err := failedStatus(out); err != nil {
		return nil, err
	}
	return out, nil
}

// failedStatus turns a decoded metav1.Status with status Failure into a StatusError.
func failedStatus(obj runtime.Object) error {
	if st, ok := obj.(*metav1.Status); ok && st.Status == metav1.StatusFailure {
		return &apierrors.StatusError{ErrStatus: *st}
	}
	return nil
}
