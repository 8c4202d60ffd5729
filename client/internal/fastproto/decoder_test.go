package fastproto

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
)

const contentTypeProtobuf = "application/vnd.kubernetes.protobuf"

var codecs = func() serializer.CodecFactory {
	s := runtime.NewScheme()
	if err := corev1.AddToScheme(s); err != nil {
		panic(err)
	}
	return serializer.NewCodecFactory(s)
}()

// protobufDecoder returns the decoder a client built on codecs uses for protobuf responses.
func protobufDecoder(t testing.TB) runtime.Decoder {
	t.Helper()
	info, ok := runtime.SerializerInfoForMediaType(codecs.SupportedMediaTypes(), contentTypeProtobuf)
	if !ok {
		t.Fatal("no protobuf serializer")
	}
	return codecs.WithoutConversion().DecoderToVersion(info.Serializer, nil)
}

func encode(t testing.TB, obj runtime.Object) []byte {
	t.Helper()
	info, _ := runtime.SerializerInfoForMediaType(codecs.SupportedMediaTypes(), contentTypeProtobuf)
	var buf bytes.Buffer
	if err := codecs.EncoderForVersion(info.Serializer, corev1.SchemeGroupVersion).Encode(obj, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func configMap() *corev1.ConfigMap {
	return &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "settings", Namespace: "team-a", Labels: map[string]string{"app": "web"}},
		Data: map[string]string{"mode": "fast"}, BinaryData: map[string][]byte{"b": {0, 1, 2}}}
}

// learned returns a Decoder that has seen the serializer decode a ConfigMap into *corev1.ConfigMap.
func learned(t testing.TB) (*Decoder, runtime.Decoder) {
	t.Helper()
	dec := protobufDecoder(t)
	d := New(dec)
	if d == nil {
		t.Fatal("New declined the protobuf serializer of a WithoutConversion codec factory")
	}
	body := encode(t, configMap())
	into := &corev1.ConfigMap{}
	if _, _, err := dec.Decode(body, nil, into); err != nil {
		t.Fatal(err)
	}
	d.Learn(body, into)
	return d, dec
}

func TestDecodeMatchesSerializerOnlyAfterLearning(t *testing.T) {
	dec := protobufDecoder(t)
	d := New(dec)
	body := encode(t, configMap())
	if done, _ := d.Decode(body, &corev1.ConfigMap{}); done {
		t.Fatal("decoded a type it had not learned")
	}
	d, dec = learned(t)
	got, want := &corev1.ConfigMap{}, &corev1.ConfigMap{}
	if done, err := d.Decode(body, got); !done || err != nil {
		t.Fatalf("Decode after learning: done %v, %v", done, err)
	}
	if _, _, err := dec.Decode(body, nil, want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Decode gives %#v, the serializer %#v", got, want)
	}
	// Another kind in the envelope, or another target type: declined.
	secret := encode(t, &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "s"}})
	if done, _ := d.Decode(secret, &corev1.ConfigMap{}); done {
		t.Error("decoded a Secret envelope into a ConfigMap")
	}
	if done, _ := d.Decode(body, &corev1.Secret{}); done {
		t.Error("decoded into a type it had not learned")
	}
}

func TestNewOnlyForTheProtobufSerializer(t *testing.T) {
	info, _ := runtime.SerializerInfoForMediaType(codecs.SupportedMediaTypes(), "application/json")
	for name, dec := range map[string]runtime.Decoder{
		"json":       codecs.WithoutConversion().DecoderToVersion(info.Serializer, nil),
		"converting": codecs.DecoderToVersion(protobufDecoder(t), corev1.SchemeGroupVersion),
	} {
		if New(dec) != nil {
			t.Errorf("%s: New accepted a decoder it does not mirror", name)
		}
	}
}

// FuzzDecode: on any body Decode declines, or gives what the serializer gives (object or failure).
func FuzzDecode(f *testing.F) {
	body := encode(f, configMap())
	f.Add(body)
	f.Add(body[:len(body)/2])
	f.Add([]byte(Magic))
	f.Add(append([]byte(Magic), 0x0a, 0x05, 0x0a, 0x02, 'v', '1'))
	d, dec := learned(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		got := &corev1.ConfigMap{}
		done, err := d.Decode(bytes.Clone(data), got)
		if !done {
			return
		}
		want := &corev1.ConfigMap{}
		_, _, wantErr := dec.Decode(bytes.Clone(data), nil, want)
		if (err == nil) != (wantErr == nil) || (err == nil && !reflect.DeepEqual(got, want)) {
			t.Fatalf("%q: Decode %#v (%v), serializer %#v (%v)", data, got, err, want, wantErr)
		}
	})
}

// TestDecodeListPresizesItems decodes a learned list type: the result equals the serializer's, and
// Items has exactly the capacity of its items, so that decoding a page grows no array (the
// generated Unmarshal appends item by item).
func TestDecodeListPresizesItems(t *testing.T) {
	dec := protobufDecoder(t)
	d := New(dec)
	for _, n := range []int{0, 1, 1000} {
		list := &corev1.ConfigMapList{ListMeta: metav1.ListMeta{ResourceVersion: "42", Continue: "next"}}
		for i := range n {
			cm := configMap()
			cm.Name = fmt.Sprintf("cm-%d", i)
			list.Items = append(list.Items, *cm)
		}
		body := encode(t, list)
		want := &corev1.ConfigMapList{}
		if _, _, err := dec.Decode(body, nil, want); err != nil {
			t.Fatal(err)
		}
		d.Learn(body, want)
		got := &corev1.ConfigMapList{Items: make([]corev1.ConfigMap, 3, 5)} // reset first
		if done, err := d.Decode(body, got); !done || err != nil {
			t.Fatalf("%d items: Decode: done %v, %v", n, done, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%d items: Decode gives another list than the serializer", n)
		}
		if len(got.Items) != n || cap(got.Items) != n {
			t.Errorf("%d items: len %d, cap %d; want both %d", n, len(got.Items), cap(got.Items), n)
		}
	}
	if i := itemsField(reflect.TypeOf(&corev1.ConfigMap{})); i != -1 {
		t.Errorf("itemsField of a ConfigMap = %d, want -1", i)
	}
}
