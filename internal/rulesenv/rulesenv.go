// Package rulesenv gives the rules suite (client/typed/typedtest) the clients of kubegen's blessed
// clientset, real or fake: client/typed/e2e compares the fake with kube-apiserver through it, and
// test/bench compares kubegen's fake and client-go's fakes with kube-apiserver.
package rulesenv

import (
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/kubegen/kubegen/client/typed/typedtest"
	"github.com/kubegen/kubegen/kubernetes"
)

// Env returns the clients of a rules scenario run in namespace ns over cs.
func Env(cs kubernetes.Interface, ns string) *typedtest.Env {
	return &typedtest.Env{
		Namespace:  ns,
		Namespaces: cs.CoreV1().Namespaces(),
		ConfigMaps: func(ns string) typedtest.RWC[*corev1.ConfigMap, *corev1.ConfigMapList] {
			return cs.CoreV1().ConfigMaps(ns)
		},
		Secrets:  func(ns string) typedtest.RW[*corev1.Secret, *corev1.SecretList] { return cs.CoreV1().Secrets(ns) },
		Pods:     func(ns string) typedtest.RW[*corev1.Pod, *corev1.PodList] { return cs.CoreV1().Pods(ns) },
		Services: func(ns string) typedtest.RW[*corev1.Service, *corev1.ServiceList] { return cs.CoreV1().Services(ns) },
		Deployments: func(ns string) typedtest.RW[*appsv1.Deployment, *appsv1.DeploymentList] {
			return cs.AppsV1().Deployments(ns)
		},
		StatefulSets: func(ns string) typedtest.RW[*appsv1.StatefulSet, *appsv1.StatefulSetList] {
			return cs.AppsV1().StatefulSets(ns)
		},
		DaemonSets: func(ns string) typedtest.RW[*appsv1.DaemonSet, *appsv1.DaemonSetList] {
			return cs.AppsV1().DaemonSets(ns)
		},
		Jobs: func(ns string) typedtest.RW[*batchv1.Job, *batchv1.JobList] { return cs.BatchV1().Jobs(ns) },
		Leases: func(ns string) typedtest.RW[*coordinationv1.Lease, *coordinationv1.LeaseList] {
			return cs.CoordinationV1().Leases(ns)
		},
	}
}
