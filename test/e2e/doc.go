// Package e2e holds kubegen's end-to-end tests: they start a real etcd and kube-apiserver (package
// test/cluster) once for the package and drive them through client/kubeconfig and client/rest.
//
// Layer: tests only; it may import any kubegen package. Its test files carry the e2e build tag: run
// them with `go test -tags e2e ./test/e2e/` after hack/testbin.sh has built the cluster binaries
// (`hack/test.sh e2e` does both); without them the package fails.
//
// Which test proves what:
//
//   - client certificate inline / from files, bearer token inline / from a file, exec plugin, each with
//     CA inline, CA file and insecure: TestEveryAuthMode (kubeconfig → rest; list pods, ConfigMap
//     create/get/update/merge, JSON and strategic merge patch/server-side apply/delete; formatted configs
//     show no secret)
//   - bearer token file rewritten under a running client: TestTokenFileRotation
//   - client certificate files rotated: TestClientCertFileRotation
//   - exec plugin: re-run after 401, credential cached until expiry: TestExecPluginRerunAfterUnauthorized;
//     client certificate from the plugin: TestExecPluginClientCertificate
//   - in-cluster configuration with a TokenRequest token and RBAC (list allowed, delete Forbidden):
//     TestInClusterServiceAccount (through the loading chain's fallback), TestInClusterConfigFrom
//   - basic auth (httptest TLS server; kube-apiserver dropped basic auth): TestBasicAuth
//   - proxy-url over HTTP CONNECT and SOCKS5: TestProxyURL
//   - impersonation: TestImpersonation; RBAC-less users Forbidden: TestLimitedUserIsForbidden
//   - CA verification and tls-server-name: TestUntrustedServerIsRejected, TestKubectlFlags
//   - $KUBECONFIG lists and relative paths: TestKubeconfigListWithRelativePaths
//   - watch (JSON and protobuf): TestWatchConfigMap; dead apiserver ends a watch:
//     TestWatchEndsWhenTheAPIServerDies
//   - NotFound, AlreadyExists, Conflict as *StatusError: TestTypedErrors
//   - protobuf negotiated and answered: TestProtobufNegotiated, TestJSONByDefault
//   - option structs as query parameters (selectors, paging, dry run): TestListOptionsAsQueryParameters
//
// BenchmarkGetConfigMapProtobuf, BenchmarkGetConfigMapJSON and BenchmarkGetConfigMapRawHTTPProtobuf
// measure a typed GET round trip; client-cpu-ns/op is this process's CPU time per request.
package e2e
