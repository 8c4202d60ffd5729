// Package fastjson decodes Kubernetes JSON documents and watch events in one pass, straight into
// typed objects, for client/rest. It is a fast path beside apimachinery's JSON serializer, never a
// second meaning.
//
// The contract of every entry point ([New], [Decoder.DecodeNew], [Decoder.DecodeInto],
// [ParseWatchEvent]): the same result as the serializer (or encoding/json, for the watch envelope)
// would give for the same bytes, or it declines by returning false, and the caller then uses the
// serializer, which gives the authoritative object or error.
//
// What it may never do:
//   - return an object that differs in any field from the serializer's, or an error the serializer
//     would not give for the same document (a decoding error is always a decline: the serializer
//     reports it);
//   - keep a reference to a document it was told lies in a shared buffer;
//   - panic on any input: a decline is a return value. A panic inside the decoder would be a bug; the
//     one guard in the decoder turns it into a decline so that the serializer answers.
//
// client/rest turns it off with rest.Config.DisableFastPaths or the environment variable
// KUBEGEN_FAST_PATHS=off (for debugging in the field: every document then takes the serializer).
// The differential tests beside it decode the same documents both ways (the built-in kinds, random
// documents, fuzzed ones) and require identical results.
//
// Layer: 1, internal to client/rest; it imports only client/internal/cowmap, apimachinery and
// sigs.k8s.io/json.
package fastjson
