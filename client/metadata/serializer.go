package metadata

import (
	"fmt"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	runtimeserializer "k8s.io/apimachinery/pkg/runtime/serializer"
	sigsjson "sigs.k8s.io/json"

	"github.com/kubegen/kubegen/client/rest"
)

// scheme knows the metadata kinds (meta.k8s.io/v1) and Status.
var scheme = func() *runtime.Scheme {
	s := runtime.NewScheme()
	metav1.AddToGroupVersion(s, schema.GroupVersion{Version: "v1"})
	if err := metav1.AddMetaToScheme(s); err != nil {
		panic(err)
	}
	return s
}()

// serializer decodes protobuf with the scheme, and JSON of any kind into the metadata kinds.
var serializer = metadataSerializer{runtimeserializer.NewCodecFactory(scheme).WithoutConversion()}

type metadataSerializer struct{ runtime.NegotiatedSerializer }

func (m metadataSerializer) SupportedMediaTypes() []runtime.SerializerInfo {
	var out []runtime.SerializerInfo
	for _, info := range m.NegotiatedSerializer.SupportedMediaTypes() {
		switch info.MediaType {
		case rest.ContentTypeJSON:
			info.Serializer = jsonMetadata{info.Serializer}
			info.StreamSerializer = nil
			out = append(out, info)
		case rest.ContentTypeProtobuf:
			out = append(out, info)
		}
	}
	return out
}

func (m metadataSerializer) DecoderToVersion(d runtime.Decoder, gv runtime.GroupVersioner) runtime.Decoder {
	if _, ok := d.(jsonMetadata); ok {
		return d
	}
	return m.NegotiatedSerializer.DecoderToVersion(d, gv)
}

// jsonMetadata decodes a JSON object as what the metadata client returns: a Status as a Status,
// a list (kind ending in "List") as a PartialObjectMetadataList, anything
// else as a PartialObjectMetadata keeping the object's own apiVersion and kind.
type jsonMetadata struct{ runtime.Serializer }

func (j jsonMetadata) Decode(data []byte, _ *schema.GroupVersionKind, into runtime.Object) (runtime.Object, *schema.GroupVersionKind, error) {
	var head metav1.TypeMeta
	if err := sigsjson.UnmarshalCaseSensitivePreserveInts(data, &head); err != nil {
		return nil, nil, fmt.Errorf("metadata: decoding JSON: %w", err)
	}
	gvk := head.GroupVersionKind()
	var out runtime.Object
	switch {
	case head.Kind == "Status" && (head.APIVersion == "v1" || head.APIVersion == ""):
		out = &metav1.Status{}
	case strings.HasSuffix(head.Kind, "List") || isList(into):
		out = &metav1.PartialObjectMetadataList{}
	default:
		out = &metav1.PartialObjectMetadata{}
	}
	if into != nil && sameType(into, out) {
		out = into
	}
	if err := sigsjson.UnmarshalCaseSensitivePreserveInts(data, out); err != nil {
		return nil, nil, fmt.Errorf("metadata: decoding %s: %w", gvk.Kind, err)
	}
	if _, ok := out.(*metav1.Status); ok {
		out.GetObjectKind().SetGroupVersionKind(schema.GroupVersionKind{Version: "v1", Kind: "Status"})
	}
	return out, &gvk, nil
}

func isList(obj runtime.Object) bool {
	_, ok := obj.(*metav1.PartialObjectMetadataList)
	return ok
}

func sameType(a, b runtime.Object) bool { return fmt.Sprintf("%T", a) == fmt.Sprintf("%T", b) }
