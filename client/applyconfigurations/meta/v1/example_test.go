package v1_test

import (
	"encoding/json"
	"fmt"

	metav1ac "github.com/kubegen/kubegen/client/applyconfigurations/meta/v1"
)

// An apply configuration encodes only the fields set on it: here the metadata a field manager owns
// (a label and an owner), none of the server's fields.
func ExampleObjectMetaApplyConfiguration() {
	meta := metav1ac.ObjectMeta().
		WithName("web").
		WithLabels(map[string]string{"app": "web"}).
		WithOwnerReferences(metav1ac.OwnerReference().
			WithAPIVersion("apps/v1").WithKind("ReplicaSet").WithName("web-7d9").WithUID("1f2e").WithController(true))
	out, err := json.Marshal(meta)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(out))
	fmt.Println(*meta.GetName(), meta.GetNamespace() == nil)
	// Output:
	// {"name":"web","labels":{"app":"web"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7d9","uid":"1f2e","controller":true}]}
	// web true
}
