// Package rest is kubegen's REST client: a Config, a RESTClient bound to one group/version, and a
// Request builder that produces, sends and decodes Kubernetes API calls.
//
//	err := c.Get().Namespace(ns).Resource("pods").Name(name).Do(ctx).Into(&pod)
//
// It sits on package transport and imports nothing above it. Request building is pure: a Request can
// produce its *http.Request without sending it. Server errors come back as apimachinery's
// *errors.StatusError, so apierrors.IsNotFound and friends work on every failure.
package rest
