// Package fastproto decodes a Kubernetes protobuf response straight into the caller's typed object,
// for client/rest, without copying the object's bytes out of the envelope. It is a fast path beside
// apimachinery's protobuf serializer, never a second meaning.
//
// The contract of every entry point: the same result as the serializer gives for the same bytes, or
// a decline (false), and the caller then uses the serializer. [Decoder.Decode] decodes a response only
// into a type and envelope kind the serializer has already decoded into that very type
// ([Decoder.Learn]), for which the serializer's path is exactly: reset the object, unmarshal the
// envelope's raw bytes into it, leave TypeMeta empty. [Decoder.DecodeNew] decodes a watch event's
// object into a new object of the type the serializer creates for its kind (found once per kind by a
// probe). [ParseWatchEvent] reads only the plain shape of a watch event and declines anything else.
//
// What it may never do: return an object that differs from the serializer's; decode a kind it has
// not seen the serializer decode into that type; panic on any input (a malformed envelope is a
// decline).
//
// client/rest turns it off with rest.Config.DisableFastPaths or the environment variable
// KUBEGEN_FAST_PATHS=off.
//
// Layer: 1, internal to client/rest; it imports only client/internal/cowmap and apimachinery.
package fastproto
