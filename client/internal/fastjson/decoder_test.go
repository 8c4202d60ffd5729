package fastjson

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/intstr"
	kjson "sigs.k8s.io/json"

	"github.com/kubegen/kubegen/client/internal/testobjects"
)

// widget exercises decoding rules that core/v1 types use little or not at all: interface{} values,
// floats, small and unsigned integers, untagged and ignored fields, promoted fields of an embedded
// struct, byte slices, a recursive type.
type widget struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              widgetSpec `json:"spec"`
}

type widgetSpec struct {
	WidgetExtra `json:",inline"`
	Values      map[string]any                            `json:"values,omitempty"`
	Any         any                                       `json:"any,omitempty"`
	List        []any                                     `json:"list"`
	Ratio       float64                                   `json:"ratio"`
	Small       float32                                   `json:"small"`
	Count       uint16                                    `json:"count"`
	Tiny        int8                                      `json:"tiny"`
	Untagged    string                                    //nolint:tagliatelle // matched by its Go name
	Ignored     string                                    `json:"-"`
	Blob        []byte                                    `json:"blob"`
	Flag        *bool                                     `json:"flag"`
	Quantities  map[corev1.ResourceName]resource.Quantity `json:"quantities"`
	Port        intstr.IntOrString                        `json:"port"`
	Nested      *widgetSpec                               `json:"nested,omitempty"`
	Raw         runtime.RawExtension                      `json:"raw"`
	Stamps      []metav1.Time                             `json:"stamps"`
	Names       []string                                  `json:"names"`
	ByName      map[string]widgetPart                     `json:"byName"`
	hidden      string
}

// WidgetExtra is embedded in widgetSpec; its fields are promoted.
type WidgetExtra struct {
	Note string `json:"note"`
}

type widgetPart struct {
	Size  int64  `json:"size"`
	Label string `json:"label"`
}

// textOnly implements encoding.TextUnmarshaler but not json.Unmarshaler.
type textOnly struct{ s string }

func (x *textOnly) UnmarshalText(b []byte) error { x.s = string(b); return nil }

func (w *widget) DeepCopyObject() runtime.Object { c := *w; return &c }

var (
	widgetGV     = schema.GroupVersion{Group: "test.kubegen.io", Version: "v1"}
	widgetCodecs = func() serializer.CodecFactory {
		s := runtime.NewScheme()
		if err := corev1.AddToScheme(s); err != nil {
			panic(err)
		}
		metav1.AddToGroupVersion(s, schema.GroupVersion{Version: "v1"})
		s.AddKnownTypes(widgetGV, &widget{})
		return serializer.NewCodecFactory(s)
	}()
)

// jsonDecoder returns the JSON decoder a client built on codecs uses.
func jsonDecoder(t testing.TB, codecs serializer.CodecFactory) runtime.Decoder {
	t.Helper()
	info, ok := runtime.SerializerInfoForMediaType(codecs.SupportedMediaTypes(), contentTypeJSON)
	if !ok {
		t.Fatal("no JSON serializer")
	}
	return codecs.WithoutConversion().DecoderToVersion(info.Serializer, nil)
}

const widgetJSON = `{"apiVersion":"test.kubegen.io/v1","kind":"widget","metadata":{"name":"w","labels":{"a":"b"}},
 "spec":{"note":"promoted","values":{"int":7,"big":12345678901234567890,"float":1.5,"exp":1e3,"neg":-0,
 "list":[1,"two",null,true,{"x":[]}],"obj":{}},"any":[{"deep":{"deeper":[1.0]}}],"list":[],"ratio":2.5e-3,
 "small":3.25,"count":65535,"tiny":-128,"Untagged":"by Go name","Ignored":"dropped","hidden":"x",
 "blob":"AAEC/w==","flag":false,"quantities":{"cpu":"500m","memory":"1Gi"},"port":"http",
 "nested":{"port":8080,"nested":null,"names":null},"raw":{"any":"json"},"stamps":["2026-01-02T03:04:05Z"],
 "names":["a","b\u00e9\n"],"byName":{"p":{"size":3,"label":"x"},"q":{}},"unknown":{"a":[1,2,{"b":null}]}}}`

// fastVsSigs decodes data into new values of type t with fastDecoder and with sigs.k8s.io/json. It
// fails when fastDecoder succeeds where sigs.k8s.io/json fails or with a different result, and
// reports whether fastDecoder succeeded.
func fastVsSigs(t *testing.T, typ reflect.Type, data []byte) bool {
	t.Helper()
	plan, _ := planFor(typ)
	if plan == nil {
		t.Fatalf("no plan for %v", typ)
	}
	fast, sigs := reflect.New(typ), reflect.New(typ)
	fastErr := fastDecode(data, plan, fast.Elem())
	sigsErr := kjson.UnmarshalCaseSensitivePreserveInts(data, sigs.Interface())
	if fastErr != nil {
		return false
	}
	if sigsErr != nil {
		t.Fatalf("%v: fast decoding accepted %q, sigs.k8s.io/json says %v", typ, data, sigsErr)
	}
	if !reflect.DeepEqual(fast.Interface(), sigs.Interface()) {
		t.Fatalf("%v: %q decodes differently:\nfast %#v\nsigs %#v", typ, data, fast.Interface(), sigs.Interface())
	}
	return true
}

func TestFastDecoderMatchesSigsJSON(t *testing.T) {
	cm, pod, list, secret, wt := reflect.TypeFor[corev1.ConfigMap](), reflect.TypeFor[corev1.Pod](),
		reflect.TypeFor[corev1.ConfigMapList](), reflect.TypeFor[corev1.Secret](), reflect.TypeFor[widget]()
	tests := []struct {
		name string
		typ  reflect.Type
		data string
		fast bool // the fast decoder must accept it
	}{
		{"configmap", cm, string(encodeWith(t, widgetCodecs, realisticConfigMap())), true},
		{"pod", pod, string(encodeWith(t, widgetCodecs, samplePod())), true},
		{"list", list, string(encodeWith(t, widgetCodecs, &corev1.ConfigMapList{Items: []corev1.ConfigMap{*realisticConfigMap(), *sampleConfigMap()}})), true},
		{"secret", secret, `{"data":{"k":"AAEC","e":""},"stringData":{"s":"v"},"type":"Opaque","immutable":true}`, true},
		{"widget", wt, widgetJSON, true},
		{"case-sensitive keys", cm, `{"Data":{"a":"b"},"METADATA":{"name":"x"},"metadata":{"Name":"y","name":"z"}}`, true},
		{"escapes and unicode", cm, `{"data":{"q\"uote":"a\\b\/c\b\f\n\r\t\u0041\u00e9\ud83d\ude00","lone":"\ud800x\udc00","pair-bad":"\ud83d\u0041","raw":"é€😀"}}`, true},
		{"invalid utf-8", cm, "{\"data\":{\"k\":\"a\xffb\xc3\",\"\xfe\":\"v\"}}", true},
		{"escaped key", cm, `{"d\u0061ta":{"a":"b"}}`, true},
		{"nulls", pod, `{"metadata":null,"spec":{"containers":null,"nodeSelector":null,"activeDeadlineSeconds":null,"hostNetwork":null},"status":{"startTime":null}}`, true},
		{"times", cm, `{"metadata":{"creationTimestamp":"2026-01-02T03:04:05+02:00","deletionTimestamp":"2026-01-02T03:04:05.123456789Z"}}`, true},
		{"escaped time", cm, `{"metadata":{"creationTimestamp":"2026-01-02T03:04:05\u005a"}}`, true},
		{"bad time", cm, `{"metadata":{"creationTimestamp":"2026-13-02T03:04:05Z"}}`, false},
		{"time as number", cm, `{"metadata":{"creationTimestamp":5}}`, false},
		{"null into unmarshaler", cm, `{"metadata":{"creationTimestamp":null,"deletionTimestamp":null}}`, true},
		{"empty containers", pod, `{"metadata":{"labels":{},"finalizers":[]},"spec":{"containers":[],"volumes":[]}}`, true},
		{"white space", cm, " \t\r\n{ \"data\" : { \"a\" : \"b\" } , \"immutable\" : true } \n", true},
		{"unknown fields", cm, `{"x":{"y":[1,2.5e10,-3,true,false,null,"s",{"z":{}}]},"data":{"a":"b"},"y":[]}`, true},
		{"duplicate map keys", cm, `{"data":{"a":"1","a":"2"}}`, true},
		{"duplicate struct member", cm, `{"data":{"a":"1"},"data":{"b":"2"}}`, false},
		{"int overflow", wt, `{"spec":{"tiny":128}}`, false},
		{"negative uint", wt, `{"spec":{"count":-1}}`, false},
		{"float into int", pod, `{"spec":{"activeDeadlineSeconds":1.5}}`, false},
		{"exponent into int", pod, `{"spec":{"activeDeadlineSeconds":1e3}}`, false},
		{"string into int", pod, `{"spec":{"activeDeadlineSeconds":"5"}}`, false},
		{"number into string", cm, `{"data":{"a":1}}`, false},
		{"bad quantity", pod, `{"spec":{"containers":[{"resources":{"limits":{"cpu":"lots"}}}]}}`, false},
		{"bad base64", secret, `{"data":{"k":"!!"}}`, false},
		{"trailing garbage", cm, `{"data":{}} x`, false},
		{"truncated", cm, `{"data":{"a":"b"`, false},
		{"bad literal", cm, `{"immutable":tru}`, false},
		{"leading zero", wt, `{"spec":{"ratio":01}}`, false},
		{"control character", cm, "{\"data\":{\"a\":\"\x01\"}}", false},
		{"bad escape", cm, `{"data":{"a":"\x"}}`, false},
		{"not an object", cm, `["data"]`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ok := fastVsSigs(t, tt.typ, []byte(tt.data)); ok != tt.fast {
				t.Errorf("fast decoding succeeded = %v, want %v", ok, tt.fast)
			}
		})
	}
}

func TestBuiltInKindsHavePlans(t *testing.T) {
	s := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{corev1.AddToScheme, appsv1.AddToScheme, batchv1.AddToScheme} {
		if err := add(s); err != nil {
			t.Fatal(err)
		}
	}
	for gvk, typ := range s.AllKnownTypes() {
		if gvk.Version == runtime.APIVersionInternal {
			continue
		}
		if plan, _ := planFor(typ); plan == nil {
			t.Errorf("%v (%v) has no plan: decoded by sigs.k8s.io/json, more slowly", gvk, typ)
		}
	}
}

func TestPlansRefuseRulesTheyDoNotImplement(t *testing.T) {
	type withString struct {
		N int `json:"n,string"`
	}
	type withPointerEmbed struct {
		*WidgetExtra
	}
	type withConflict struct {
		WidgetExtra
		Note string `json:"note"`
	}
	type withIntKeys struct {
		M map[int]string `json:"m"`
	}
	type withArray struct {
		A [2]int `json:"a"`
	}
	type withText struct {
		T textOnly `json:"t"`
	}
	type withPromotedUnmarshaler struct {
		P *struct{ metav1.Time } `json:"p"`
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[withString](), reflect.TypeFor[withPromotedUnmarshaler](), reflect.TypeFor[withPointerEmbed](),
		reflect.TypeFor[withConflict](), reflect.TypeFor[withIntKeys](), reflect.TypeFor[withArray](), reflect.TypeFor[withText]()} {
		if plan, _ := planFor(typ); plan != nil {
			t.Errorf("%v has a plan; sigs.k8s.io/json must decode it", typ)
		}
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[corev1.Pod](), reflect.TypeFor[corev1.ConfigMapList](), reflect.TypeFor[widget]()} {
		if plan, _ := planFor(typ); plan == nil {
			t.Errorf("%v has no plan", typ)
		}
	}
	if _, foreign := planFor(reflect.TypeFor[corev1.Pod]()); foreign {
		t.Errorf("a Pod's UnmarshalJSON methods are all known to copy their input")
	}
}

// learnedDirect returns a Decoder for dec whose probes have run for the given objects.
func learnedDirect(t testing.TB, dec runtime.Decoder, objs ...runtime.Object) *Decoder {
	t.Helper()
	j := New(dec)
	if j == nil {
		t.Fatal("direct JSON decoding not enabled for a WithoutConversion codec factory")
	}
	for _, obj := range objs {
		body := encodeWith(t, widgetCodecs, obj)
		if _, ok := j.DecodeNew(body, false); !ok {
			t.Fatalf("%T not decoded directly", obj)
		}
		into := reflect.New(reflect.TypeOf(obj).Elem()).Interface().(runtime.Object)
		if done, err := j.DecodeInto(body, into); !done || err != nil {
			t.Fatalf("%T not decoded directly into its type: %v", obj, err)
		}
	}
	return j
}

// encodeWith encodes obj as JSON in its own group/version.
func encodeWith(t testing.TB, codecs serializer.CodecFactory, obj runtime.Object) []byte {
	t.Helper()
	info, _ := runtime.SerializerInfoForMediaType(codecs.SupportedMediaTypes(), contentTypeJSON)
	gv := schema.GroupVersions{corev1.SchemeGroupVersion, widgetGV}
	var buf bytes.Buffer
	if err := codecs.EncoderForVersion(info.Serializer, gv).Encode(obj, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sampleWidget(t testing.TB) *widget {
	t.Helper()
	w := &widget{}
	if err := kjson.UnmarshalCaseSensitivePreserveInts([]byte(widgetJSON), w); err != nil {
		t.Fatal(err)
	}
	w.TypeMeta = metav1.TypeMeta{}
	return w
}

// sameAsSerializer checks that decoding data directly, into a new object and into an object of type
// into, gives what the serializer gives. It reports whether the direct path decoded data.
func sameAsSerializer(t *testing.T, j *Decoder, dec runtime.Decoder, data []byte, into reflect.Type) bool {
	t.Helper()
	want, _, wantErr := dec.Decode(bytes.Clone(data), nil, nil)
	got, direct := j.DecodeNew(data, true)
	if direct && (wantErr != nil || !reflect.DeepEqual(got, want)) {
		t.Fatalf("%q: direct decoding gives %#v, the serializer %#v (%v)", data, got, want, wantErr)
	}
	wantInto := reflect.New(into).Interface().(runtime.Object)
	gotInto := reflect.New(into).Interface().(runtime.Object)
	out, _, wantIntoErr := dec.Decode(bytes.Clone(data), nil, wantInto)
	handled, gotIntoErr := j.DecodeInto(data, gotInto)
	if !handled {
		return direct
	}
	if (wantIntoErr == nil && out != wantInto) || !reflect.DeepEqual(gotInto, wantInto) || errorText(gotIntoErr) != errorText(wantIntoErr) {
		t.Fatalf("%q: direct decoding into %v gives %#v (%v), the serializer %#v (%v)", data, into, gotInto, gotIntoErr, wantInto, wantIntoErr)
	}
	return direct
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestDirectJSONDecodingMatchesSerializer(t *testing.T) {
	dec := jsonDecoder(t, widgetCodecs)
	j := learnedDirect(t, dec, realisticConfigMap(), samplePod(), &corev1.ConfigMapList{}, sampleWidget(t), goneStatus())
	cmType, widgetType := reflect.TypeFor[corev1.ConfigMap](), reflect.TypeFor[widget]()
	tests := []struct {
		name   string
		data   []byte
		into   reflect.Type
		direct bool // the direct path must decode it
	}{
		{"configmap", encodeWith(t, widgetCodecs, realisticConfigMap()), cmType, true},
		{"pod", encodeWith(t, widgetCodecs, samplePod()), reflect.TypeFor[corev1.Pod](), true},
		{"list", encodeWith(t, widgetCodecs, &corev1.ConfigMapList{Items: []corev1.ConfigMap{*realisticConfigMap()}}), reflect.TypeFor[corev1.ConfigMapList](), true},
		{"widget", encodeWith(t, widgetCodecs, sampleWidget(t)), widgetType, true},
		{"widget with every rule", []byte(widgetJSON), widgetType, true},
		{"status", encodeWith(t, widgetCodecs, goneStatus()), reflect.TypeFor[metav1.Status](), true},
		{"kind last", []byte(`{"data":{"a":"b"},"apiVersion":"v1","kind":"ConfigMap"}`), cmType, true},
		{"repeated kind", []byte(`{"kind":"Secret","apiVersion":"v1","kind":"ConfigMap"}`), cmType, false},
		{"kind in other case", []byte(`{"kind":"ConfigMap","apiVersion":"v1","Kind":"Secret"}`), cmType, false},
		{"apiVersion in other case", []byte(`{"kind":"ConfigMap","apiVersion":"v1","APIVERSION":"v2"}`), cmType, false},
		{"escaped key", []byte(`{"kind":"ConfigMap","apiVersion":"v1","\u006bind":"Secret"}`), cmType, false},
		{"apiVersion with underscore", []byte(`{"kind":"ConfigMap","apiVersion":"v1","api_version":"v2"}`), cmType, false},
		{"key near kind", []byte(`{"kind":"ConfigMap","apiVersion":"v1","kinds":"x","apiVersions":"y"}`), cmType, true},
		{"escaped kind", []byte(`{"kind":"Config\u004dap","apiVersion":"v1"}`), cmType, false},
		{"secret, into a configmap", encodeWith(t, widgetCodecs, &corev1.Secret{}), cmType, true},
		{"kind unknown", []byte(`{"kind":"Gadget","apiVersion":"v1"}`), cmType, false},
		{"no kind", []byte(`{"apiVersion":"v1","data":{"a":"b"}}`), cmType, false},
		{"wrong type inside", []byte(`{"kind":"ConfigMap","apiVersion":"v1","data":{"a":1}}`), cmType, false},
		{"syntax error", []byte(`{"kind":"ConfigMap","apiVersion":"v1","data":{"a":}}`), cmType, false},
		{"duplicate member", []byte(`{"kind":"ConfigMap","apiVersion":"v1","data":{"a":"1"},"data":{"b":"2"}}`), cmType, false},
		{"null", []byte(`null`), cmType, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if direct := sameAsSerializer(t, j, dec, tt.data, tt.into); direct != tt.direct {
				t.Errorf("decoded directly = %v, want %v", direct, tt.direct)
			}
		})
	}
}

func TestDirectJSONDecodingOnlyForPlainSerializers(t *testing.T) {
	info, _ := runtime.SerializerInfoForMediaType(widgetCodecs.SupportedMediaTypes(), contentTypeJSON)
	yaml, _ := runtime.SerializerInfoForMediaType(widgetCodecs.SupportedMediaTypes(), "application/yaml")
	tests := []struct {
		name string
		dec  runtime.Decoder
		want bool
	}{
		{"without conversion", widgetCodecs.WithoutConversion().DecoderToVersion(info.Serializer, nil), true},
		{"strict", widgetCodecs.WithoutConversion().DecoderToVersion(info.StrictSerializer, nil), false},
		{"yaml", widgetCodecs.WithoutConversion().DecoderToVersion(yaml.Serializer, nil), false},
		{"converting", widgetCodecs.DecoderToVersion(info.Serializer, corev1.SchemeGroupVersion), false},
		{"bare serializer", info.Serializer, false},
	}
	for _, tt := range tests {
		if got := New(tt.dec) != nil; got != tt.want {
			t.Errorf("%s: direct decoding enabled = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// randomJSON writes a random JSON value: mostly shapes a widget or ConfigMap field could hold, with
// escapes, odd numbers, nulls and wrong types mixed in.
func randomJSON(r *rand.Rand, buf *bytes.Buffer, depth int) {
	keys := []string{"apiVersion", "kind", "metadata", "name", "labels", "spec", "values", "any", "list", "ratio",
		"small", "count", "tiny", "Untagged", "untagged", "blob", "flag", "quantities", "port", "nested", "raw",
		"stamps", "names", "byName", "size", "label", "data", "binaryData", "creationTimestamp", "note", "x"}
	scalars := []string{`0`, `-0`, `1`, `-1`, `127`, `128`, `-129`, `65535`, `65536`, `1.5`, `-2.5e-3`, `1e3`,
		`12345678901234567890`, `3.4e39`, `true`, `false`, `null`, `""`, `"a"`, `"500m"`, `"1Gi"`, `"http"`,
		`"AAEC/w=="`, `"!!"`, `"2026-01-02T03:04:05Z"`, `"\u00e9\ud83d\ude00"`, `"\ud800"`, `"a\"b\\c\n"`,
		`"\u0041"`, "\"\xff\"", `"é"`}
	switch n := r.IntN(10); {
	case depth > 4 || n < 5:
		buf.WriteString(scalars[r.IntN(len(scalars))])
	case n < 8:
		buf.WriteByte('{')
		for i := range r.IntN(5) {
			if i > 0 {
				buf.WriteByte(',')
			}
			fmt.Fprintf(buf, "%q:", keys[r.IntN(len(keys))])
			randomJSON(r, buf, depth+1)
		}
		buf.WriteByte('}')
	default:
		buf.WriteByte('[')
		for i := range r.IntN(4) {
			if i > 0 {
				buf.WriteString(" , ")
			}
			randomJSON(r, buf, depth+1)
		}
		buf.WriteByte(']')
	}
}

func TestFastDecoderRandomDocuments(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	types := []reflect.Type{reflect.TypeFor[widget](), reflect.TypeFor[corev1.ConfigMap](), reflect.TypeFor[corev1.Pod]()}
	decoded := 0
	for range 20000 {
		var buf bytes.Buffer
		buf.WriteByte('{')
		fmt.Fprintf(&buf, `"spec":`)
		randomJSON(r, &buf, 1)
		buf.WriteString(`,"metadata":`)
		randomJSON(r, &buf, 1)
		buf.WriteByte('}')
		for _, typ := range types {
			if fastVsSigs(t, typ, buf.Bytes()) {
				decoded++
			}
		}
	}
	if decoded == 0 {
		t.Fatal("the fast decoder accepted none of the documents")
	}
	t.Logf("fast decoder accepted %d of %d decodings", decoded, 3*20000)
}

// FuzzFastJSONDecoder checks the one-pass JSON decoder against sigs.k8s.io/json on several types:
// whenever it accepts a document, sigs.k8s.io/json must accept it too and decode the same value.
func FuzzFastJSONDecoder(f *testing.F) {
	f.Add([]byte(widgetJSON))
	f.Add(encodeWith(f, widgetCodecs, realisticConfigMap()))
	f.Add(encodeWith(f, widgetCodecs, samplePod()))
	f.Add([]byte(`{"data":{"q\"uote":"\ud83d\ude00\ud800","k":"a\u00e9"},"binaryData":{"b":"AAEC"}}`))
	f.Add([]byte(`{"spec":{"values":{"i":12345678901234567890,"f":-0.5e-3,"l":[{},[]]},"tiny":-128,"count":1e2}}`))
	f.Add([]byte(`{"items":[{"metadata":{"name":"a","creationTimestamp":null}},{"data":null}]}`))
	types := []reflect.Type{reflect.TypeFor[corev1.ConfigMap](), reflect.TypeFor[corev1.Pod](),
		reflect.TypeFor[corev1.ConfigMapList](), reflect.TypeFor[corev1.Secret](), reflect.TypeFor[widget]()}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, typ := range types {
			fastVsSigs(t, typ, data)
		}
	})
}

// FuzzDirectJSONDecode checks direct decoding, into new objects and into given ones, against the
// serializer on arbitrary documents.
func FuzzDirectJSONDecode(f *testing.F) {
	f.Add([]byte(widgetJSON), false)
	f.Add(encodeWith(f, widgetCodecs, realisticConfigMap()), true)
	f.Add([]byte(`{"kind":"ConfigMap","apiVersion":"v1","data":{"a":"b"},"kind":"Secret"}`), true)
	f.Add([]byte(`{"kind":"ConfigMap","apiVersion":"v1","KIND":"Secret"}`), true)
	f.Add([]byte(`{"apiVersion":"test.kubegen.io/v1","kind":"widget","spec":{"any":[1,2.0,"x"]}}`), false)
	dec := jsonDecoder(f, widgetCodecs)
	j := learnedDirect(f, dec, sampleConfigMap(), &corev1.Secret{}, sampleWidget(f), goneStatus())
	f.Fuzz(func(t *testing.T, data []byte, configMap bool) {
		into := reflect.TypeFor[widget]()
		if configMap {
			into = reflect.TypeFor[corev1.ConfigMap]()
		}
		sameAsSerializer(t, j, dec, data, into)
	})
}

const contentTypeJSON = "application/json"

func sampleConfigMap() *corev1.ConfigMap    { return testobjects.ConfigMap() }
func realisticConfigMap() *corev1.ConfigMap { return testobjects.RealisticConfigMap() }
func samplePod() *corev1.Pod                { return testobjects.Pod() }
func goneStatus() *metav1.Status            { return testobjects.GoneStatus() }
