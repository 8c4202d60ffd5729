package events

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	eventsv1beta1 "k8s.io/api/events/v1beta1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
)

// GetFieldSelector returns the field selector that lists or watches the events about one object
// in the events API eventsGroupVersion (events.k8s.io/v1 or v1beta1: "regarding.…"; core/v1:
// "involvedObject.…"). Empty parts of the object (name, kind, group/version, uid) select nothing.
func GetFieldSelector(eventsGroupVersion schema.GroupVersion, regardingGroupVersionKind schema.GroupVersionKind, regardingName string, regardingUID types.UID) (fields.Selector, error) {
	var prefix string
	switch eventsGroupVersion {
	case eventsv1.SchemeGroupVersion, eventsv1beta1.SchemeGroupVersion:
		prefix = "regarding."
	case corev1.SchemeGroupVersion:
		prefix = "involvedObject."
	default:
		return nil, fmt.Errorf("events: no field selector for events of %v: want events.k8s.io/v1, events.k8s.io/v1beta1 or v1", eventsGroupVersion)
	}
	set := fields.Set{}
	if regardingName != "" {
		set[prefix+"name"] = regardingName
	}
	if regardingGroupVersionKind.Kind != "" {
		set[prefix+"kind"] = regardingGroupVersionKind.Kind
	}
	if gv := regardingGroupVersionKind.GroupVersion(); !gv.Empty() {
		set[prefix+"apiVersion"] = gv.String()
	}
	if regardingUID != "" {
		set[prefix+"uid"] = string(regardingUID)
	}
	return set.AsSelector(), nil
}
