package cache

import (
	"errors"
	"fmt"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// errWatchListUnsupported marks a watch-list the server did not honour.
var errWatchListUnsupported = errors.New("watch-list not supported by the server")

// isExpired reports whether err says the requested resourceVersion is too old (410 Gone).
func isExpired(err error) bool {
	if err == nil {
		return false
	}
	if apierrors.IsResourceExpired(err) || apierrors.IsGone(err) {
		return true
	}
	var status apierrors.APIStatus
	if errors.As(err, &status) && status.Status().Code == 410 {
		return true
	}
	return strings.Contains(err.Error(), "too old resource version")
}

// errorsIsUnsupported reports whether a watch-list failed because the server cannot do it.
func errorsIsUnsupported(err error) bool {
	if err == nil {
		return false
	}
	return errors.Is(err, errWatchListUnsupported) || apierrors.IsBadRequest(err) ||
		apierrors.IsInvalid(err) || apierrors.IsMethodNotSupported(err) || apierrors.IsNotAcceptable(err)
}

// eventError turns the object of an ERROR watch event into an error.
func eventError(obj runtime.Object) error {
	if status, ok := obj.(*metav1.Status); ok {
		return apierrors.FromObject(status)
	}
	return fmt.Errorf("watch error event with %T", obj)
}
