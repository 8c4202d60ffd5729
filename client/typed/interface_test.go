package typed_test

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/kubegen/kubegen/client/fake"
	"github.com/kubegen/kubegen/client/typed"
)

// Both the real and the fake client have the whole method set, so tests and generated fakes can use
// either through typed.Interface.
var (
	_ typed.Interface[*corev1.ConfigMap, *corev1.ConfigMapList]   = (*typed.Client[*corev1.ConfigMap, *corev1.ConfigMapList])(nil)
	_ typed.Interface[*corev1.ConfigMap, *corev1.ConfigMapList]   = (*fake.Client[*corev1.ConfigMap, *corev1.ConfigMapList])(nil)
	_ typed.Interface[*appsv1.Deployment, *appsv1.DeploymentList] = (*fake.Client[*appsv1.Deployment, *appsv1.DeploymentList])(nil)
)
