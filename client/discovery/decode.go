package discovery

import (
	"k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	utiljson "k8s.io/apimachinery/pkg/util/json"
)

// codecs decodes the metav1 kinds of discovery documents and Status errors.
var codecs = func() runtime.NegotiatedSerializer {
	s := runtime.NewScheme()
	v1.AddToGroupVersion(s, schema.GroupVersion{Version: "v1"})
	return serializer.NewCodecFactory(s).WithoutConversion()
}()

// decodeJSON decodes a discovery document; numbers into interface fields stay int64/float64.
func decodeJSON(body []byte, into any) error { return utiljson.Unmarshal(body, into) }
