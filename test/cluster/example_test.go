package cluster_test

import (
	"fmt"
	"log"

	"github.com/kubegen/kubegen/test/cluster"
)

// A test package starts one cluster in TestMain (os.Exit(cluster.Run(m, &testCluster))) and asks it for
// configurations; this example does the same by hand. It needs the binaries of hack/testbin.sh, so it is
// compiled but not run.
func Example() {
	c, err := cluster.Start(cluster.Options{})
	if err != nil {
		log.Fatal(err) // says to run hack/testbin.sh when the binaries are missing
	}
	defer c.Stop()

	admin := c.AdminConfig() // client certificate of group system:masters, CA inline
	fmt.Println(admin.Host == c.Host())

	// A kubeconfig file for the limited user's bearer token, trusting the CA from its file.
	path, err := c.Kubeconfig(cluster.Auth{User: cluster.Limited, Credential: cluster.TokenInline, Trust: cluster.CAFile})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(path != "")
}

// Every authentication mode, for table tests.
func ExampleAuth() {
	for _, cred := range cluster.Credentials {
		for _, trust := range cluster.Trusts {
			fmt.Println(cluster.Auth{Credential: cred, Trust: trust})
		}
	}
	// Output:
	// admin/cert-inline/ca-inline
	// admin/cert-inline/ca-file
	// admin/cert-inline/insecure
	// admin/cert-files/ca-inline
	// admin/cert-files/ca-file
	// admin/cert-files/insecure
	// admin/token-inline/ca-inline
	// admin/token-inline/ca-file
	// admin/token-inline/insecure
	// admin/token-file/ca-inline
	// admin/token-file/ca-file
	// admin/token-file/insecure
	// admin/exec-plugin/ca-inline
	// admin/exec-plugin/ca-file
	// admin/exec-plugin/insecure
}
