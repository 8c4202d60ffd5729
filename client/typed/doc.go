// Package typed is the generic typed client every generated client is a thin shell over: Client[T, L]
// implements Get, List, Watch, Create, Update, UpdateStatus, Delete, DeleteCollection, Patch, Apply,
// ApplyStatus and the subresource calls for one resource, namespaced or cluster-scoped, so all of that
// behaviour lives (and is tested) here once.
//
//	pods := typed.NewClient("pods", restClient, nil, "default",
//		func() *corev1.Pod { return &corev1.Pod{} }, func() *corev1.PodList { return &corev1.PodList{} })
//	pod, err := pods.Get(ctx, "web-0", metav1.GetOptions{})
//
// Interface (and its parts Reader, Writer, StatusWriter, SubresourceClient) is the method set shared by
// Client and the fake in package fake, so code and tests can be written once against either.
//
// Layer: above package rest, which it imports (with apimachinery); below generated clientsets, caches
// and fakes. It imports nothing else of kubegen.
package typed
