// Package rest is kubegen's REST client: a Config, a RESTClient bound to one group/version, and a
// Request builder that produces, sends and decodes Kubernetes API calls.
//
//	err := c.Get().Namespace(ns).Resource("pods").Name(name).Do(ctx).Into(&pod)
//
// Layer: it sits on package transport (which turns the Config's TLS and credentials into an
// http.RoundTripper) and may import only transport, the leaf packages metrics, internal/fastjson,
// internal/fastproto and internal/fastpaths, apimachinery, klog, golang.org/x packages and
// sigs.k8s.io/json; nothing above it (kubeconfig, typed, discovery, dynamic, cache). It is the
// request layer only: the one-pass decoders live in client/internal/fastjson and
// client/internal/fastproto, each behind one entry point whose contract is "the serializer's
// result, or it declines".
//
// Request building is pure: a Request can produce its *http.Request (HTTPRequest) and URL without
// sending it, and errors made while building (an empty name, a name with '/') are returned by Do.
//
// Content: request bodies are encoded in ContentConfig.ContentType, JSON by default or
// "application/vnd.kubernetes.protobuf"; protobuf clients accept JSON as a fallback. Responses are
// decoded by their own Content-Type. With a CodecFactory's WithoutConversion serializer, typed
// objects are decoded without the serializer's extra passes: protobuf straight into the caller's
// object, and a protobuf watch event's object from the frame into a new object without the two
// copies the envelopes cost; JSON (responses and watch events) in one validating pass straight into
// the typed object, giving exactly what the serializer gives (sigs.k8s.io/json's case-sensitive,
// int-preserving rules); whatever that path cannot prove the same goes to the serializer.
// ContentConfig.DisableFastPaths (or KUBEGEN_FAST_PATHS=off in the environment) sends everything
// through the serializer.
//
// Errors: every non-2xx answer is an *apierrors.StatusError, so apierrors.IsNotFound and friends work:
// the server's metav1.Status when the body is one (JSON or protobuf), otherwise a Status built from the
// code, verb, resource and a trimmed copy of the body (an HTML page from a proxy, an empty body).
//
// Credentials: a Config with a bearer token, token file, basic auth or exec plugin whose Host is plain
// HTTP to anything but a loopback address is refused with ErrCleartextCredentials (see CheckCleartext)
// instead of sending the secret in clear text. A Host without a scheme is https when the Config has a
// CA, a client certificate or Insecure set, plain HTTP otherwise (IsConfigTransportTLS).
//
// Sending: a client-side token bucket (Config.QPS and Burst; off when QPS < 0) throttles every attempt.
// Answers 429 and 5xx with Retry-After are retried after the wait the server asks for, up to
// DefaultMaxRetries times, for idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE) and, after 429,
// for any request; idempotent requests are also retried, with backoff, when the connection drops
// before an answer. Bodies given as io.Reader are never replayed. Context cancellation and deadlines
// end throttling, waits and transfers.
// Warning headers go to Config.WarningHandler (by default logged once per text) and Result.Warnings.
//
// Logging: requests are logged like client-go's: at -v=6 one line per request (verb, URL, status,
// latency), at -v=7 also the request headers, at -v=8 also the response headers and the request and
// response bodies, cut at 1 KiB. Authorization and Proxy-Authorization keep only their scheme
// ("Bearer [masked]"), cookies are masked, and bodies of secrets and token requests and of streams are
// never logged. The logger is the request context's (klog.FromContext), klog's own otherwise; with
// logging off a request costs one verbosity check and no allocation.
//
// Metrics: requests report their latency, the answer of each attempt, rate-limiter waits, retries and
// body sizes to what the program gave package metrics' Register; before that, a request pays one
// pointer load for them.
//
// Streams: Stream returns a body to read as it arrives (logs); Watch decodes JSON and protobuf watch
// streams into apimachinery's watch.Interface, ending with an ERROR event on a broken stream.
package rest
