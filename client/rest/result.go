package rest

import (
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
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
// *apierrors.StatusError; an answer of another kind than obj's is an error.
func (r Result) Into(obj runtime.Object) error {
	if err := r.decodable(); err != nil {
		return err
	}
	mt := r.codecs.responseMediaType(r.contentType)
	if done, err := r.decodeDirect(mt, obj); done {
		return r.decodeError(obj, err)
	}
	dec, err := r.codecs.decoderFor(r.contentType)
	if err != nil {
		return err
	}
	out, gvk, err := dec.Decode(r.body, nil, obj)
	if err != nil {
		return r.decodeError(obj, err)
	}
	if out != obj {
		return otherKind(out, gvk, obj)
	}
	if mt == ContentTypeProtobuf && r.codecs.direct != nil {
		r.codecs.direct.Learn(r.body, obj)
	}
	return nil
}

// decodable returns the request's error, or an error for an empty body.
func (r Result) decodable() error {
	if r.err != nil {
		return r.err
	}
	if len(r.body) == 0 {
		return fmt.Errorf("rest: empty response (status %d, content type %q)", r.statusCode, r.contentType)
	}
	return nil
}

// decodeDirect decodes the body into obj without the serializer where that gives the same result.
func (r Result) decodeDirect(mt string, obj runtime.Object) (bool, error) {
	switch {
	case mt == ContentTypeProtobuf && r.codecs.direct != nil:
		return r.codecs.direct.Decode(r.body, obj)
	case mt == ContentTypeJSON && r.codecs.jsonDirect != nil:
		return r.codecs.jsonDirect.DecodeInto(r.body, obj)
	}
	return false, nil
}

func (r Result) decodeError(obj runtime.Object, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("rest: decoding %s response into %T: %w", mediaTypeOnly(r.contentType), obj, err)
}

// otherKind is the error of Into for an answer decoded as out instead of into obj: the server's
// error for a failed Status, nil for a successful one (as some calls answer), an error otherwise.
func otherKind(out runtime.Object, gvk *schema.GroupVersionKind, obj runtime.Object) error {
	if _, ok := out.(*metav1.Status); ok {
		return failedStatus(out)
	}
	kind := fmt.Sprintf("%T", out)
	if gvk != nil {
		kind = gvk.String()
	}
	return fmt.Errorf("rest: response holds %s, not the kind of %T", kind, obj)
}

// Get decodes the response into a new object of the type the response names.
func (r Result) Get() (runtime.Object, error) {
	if err := r.decodable(); err != nil {
		return nil, err
	}
	mt := r.codecs.responseMediaType(r.contentType)
	if mt == ContentTypeJSON && r.codecs.jsonDirect != nil {
		if out, ok := r.codecs.jsonDirect.DecodeNew(r.body, false); ok {
			if err := failedStatus(out); err != nil {
				return nil, err
			}
			return out, nil
		}
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
