// Package cluster starts a real test cluster — etcd and kube-apiserver on free loopback ports — and hands
// tests ready client configurations and kubeconfig files for every authentication mode.
//
// Layer: test support. It may import the client runtime's lowest layers (client/rest, client/transport)
// and the standard library; it never imports the packages it is used to test above rest.
//
// The binaries come from hack/testbin.sh, which builds them into a cache outside the repository. Start
// looks in $KUBEGEN_TESTBIN, then in ${XDG_CACHE_HOME:-~/.cache}/kubegen/testbin/<version>; when they are
// missing it returns an error saying to run hack/testbin.sh, and the tests fail (they never skip).
//
// One cluster serves one test package: start it in TestMain with Run, share it, and give each test its
// own namespace so tests can run in parallel.
//
//	var testCluster *cluster.Cluster
//
//	func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }
//
// The cluster knows these identities:
//
//   - Admin: client certificate CN=kubegen-admin, O=system:masters, and the bearer token AdminToken
//     (group system:masters). Allowed everything.
//   - Limited: client certificate CN=kubegen-limited and the bearer token LimitedToken, both without
//     groups. RBAC grants them nothing beyond what every authenticated user may do (discovery, self
//     reviews); tests bind roles to the user names LimitedCertUser or LimitedTokenUser as they need.
//
// Processes are started with a parent-death signal (Linux), so a test binary that panics or is killed
// leaves no etcd or kube-apiserver behind.
package cluster
