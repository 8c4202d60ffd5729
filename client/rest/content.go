package rest

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/internal/fastjson"
	"github.com/kubegen/kubegen/client/internal/fastpaths"
	"github.com/kubegen/kubegen/client/internal/fastproto"
)

// Media types the client negotiates.
const (
	ContentTypeJSON     = "application/json"
	ContentTypeProtobuf = "application/vnd.kubernetes.protobuf"
)

// codecs holds a client's encoder and its decoders, one per media type its serializer supports,
// resolved once when the client is built so that requests do no negotiation work.
type codecs struct {
	contentType string // media type of request bodies
	accept      string // Accept header
	encoder     runtime.Encoder
	encoderErr  error
	jsonEncoder runtime.Encoder    // for object bodies of JSON and YAML patches; nil without JSON support
	decoders    []mediaDecoder     // decoders[0] serves responses that name no Content-Type
	direct      *fastproto.Decoder // nil unless the protobuf decoder allows direct decoding
	jsonDirect  *fastjson.Decoder  // nil unless the JSON decoder allows direct decoding
	slow        bool               // fast paths off: the serializers decode everything
}

type mediaDecoder struct {
	mediaType string
	decoder   runtime.Decoder
}

func newCodecs(cc ContentConfig, gv schema.GroupVersion) *codecs {
	c := &codecs{contentType: mediaTypeOnly(cc.ContentType), accept: cc.AcceptContentTypes,
		slow: cc.DisableFastPaths || fastpaths.Off()}
	if c.contentType == "" {
		c.contentType = ContentTypeJSON
	}
	if c.accept == "" {
		c.accept = defaultAccept(c.contentType)
	}
	ns := cc.NegotiatedSerializer
	if ns == nil {
		c.encoderErr = fmt.Errorf("rest: client has no NegotiatedSerializer to encode objects")
		return c
	}
	c.resolve(ns, gv)
	if c.encoder == nil {
		c.encoderErr = fmt.Errorf("rest: serializer does not support content type %q", c.contentType)
	}
	return c
}

// defaultAccept prefers the client's content type and falls back to JSON, which every type has.
func defaultAccept(contentType string) string {
	if contentType == ContentTypeJSON {
		return contentType
	}
	return contentType + ", " + ContentTypeJSON
}

// resolve picks the encoders and decoders of ns; the decoder of the client's own content type comes
// first.
func (c *codecs) resolve(ns runtime.NegotiatedSerializer, gv schema.GroupVersion) {
	infos := ns.SupportedMediaTypes()
	for _, own := range []bool{true, false} {
		for _, info := range infos {
			if (info.MediaType == c.contentType) != own {
				continue
			}
			dec := ns.DecoderToVersion(info.Serializer, nil)
			c.decoders = append(c.decoders, mediaDecoder{info.MediaType, dec})
			if own {
				c.encoder = ns.EncoderForVersion(info.Serializer, gv)
			}
			if info.MediaType == ContentTypeJSON {
				c.jsonEncoder = ns.EncoderForVersion(info.Serializer, gv)
				if !c.slow {
					c.jsonDirect = fastjson.New(dec)
				}
			}
			if info.MediaType == ContentTypeProtobuf && !c.slow {
				c.direct = fastproto.New(dec)
			}
		}
	}
}

// encoderFor returns the encoder for an object body sent with Content-Type header value set (empty:
// none set yet): the client's encoder, or JSON for patch types that are JSON or YAML.
func (c *codecs) encoderFor(set string) (runtime.Encoder, string, error) {
	mt := mediaTypeOnly(set)
	if mt != "" && mt != c.contentType && (strings.Contains(mt, "json") || strings.Contains(mt, "yaml")) {
		if c.jsonEncoder == nil {
			return nil, "", fmt.Errorf("rest: serializer cannot encode JSON for %q bodies", mt)
		}
		return c.jsonEncoder, ContentTypeJSON, nil
	}
	if c.encoderErr != nil {
		return nil, "", c.encoderErr
	}
	return c.encoder, c.contentType, nil
}

// decoderFor returns the decoder for a response's Content-Type header value.
func (c *codecs) decoderFor(contentType string) (runtime.Decoder, error) {
	mt := mediaTypeOnly(contentType)
	if mt == "" && len(c.decoders) > 0 {
		return c.decoders[0].decoder, nil
	}
	for i := range c.decoders {
		if strings.EqualFold(c.decoders[i].mediaType, mt) {
			return c.decoders[i].decoder, nil
		}
	}
	if len(c.decoders) == 0 {
		return nil, fmt.Errorf("rest: client has no NegotiatedSerializer to decode %q", mt)
	}
	return nil, fmt.Errorf("rest: no decoder for response content type %q", mt)
}

// responseMediaType returns the media type whose decoder decoderFor picks for a response's
// Content-Type header value, in the spelling of the constants above for JSON and protobuf.
func (c *codecs) responseMediaType(contentType string) string {
	mt := mediaTypeOnly(contentType)
	if mt == "" && len(c.decoders) > 0 {
		mt = c.decoders[0].mediaType
	}
	switch {
	case strings.EqualFold(mt, ContentTypeJSON):
		return ContentTypeJSON
	case strings.EqualFold(mt, ContentTypeProtobuf):
		return ContentTypeProtobuf
	}
	return mt
}

// mediaTypeOnly strips parameters and spaces from a Content-Type value without allocating.
func mediaTypeOnly(v string) string {
	if i := strings.IndexByte(v, ';'); i >= 0 {
		v = v[:i]
	}
	return strings.TrimSpace(v)
}
