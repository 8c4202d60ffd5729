package applyconfigurations_test

import (
	"encoding/json"
	"fmt"

	appsv1ac "github.com/kubegen/kubegen/kubernetes/applyconfigurations/apps/v1"
	corev1ac "github.com/kubegen/kubegen/kubernetes/applyconfigurations/core/v1"
)

// A field manager that owns a Deployment's replicas and one container's image applies just those:
// the configuration encodes the fields set and nothing else (no selector, no empty template).
func Example() {
	deployment := appsv1ac.Deployment("web", "default").
		WithSpec(appsv1ac.DeploymentSpec().
			WithReplicas(3).
			WithTemplate(corev1ac.PodTemplateSpec().
				WithSpec(corev1ac.PodSpec().
					WithContainers(corev1ac.Container().WithName("app").WithImage("nginx:1.29")))))
	out, err := json.MarshalIndent(deployment, "", "  ")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(out))
	// Output:
	// {
	//   "kind": "Deployment",
	//   "apiVersion": "apps/v1",
	//   "metadata": {
	//     "name": "web",
	//     "namespace": "default"
	//   },
	//   "spec": {
	//     "replicas": 3,
	//     "template": {
	//       "spec": {
	//         "containers": [
	//           {
	//             "name": "app",
	//             "image": "nginx:1.29"
	//           }
	//         ]
	//       }
	//     }
	//   }
	// }
}
