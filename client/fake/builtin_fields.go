package fake

import (
	"fmt"
	"strconv"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// fieldFunc reads a field selector value from an object in its unstructured form.
type fieldFunc func(content map[string]any) string

// builtinFields are the field selector labels the apiserver supports beyond metadata.name and
// metadata.namespace, for the built-in resources that have any, with how each value is read.
var builtinFields = map[schema.GroupVersionResource]map[string]fieldFunc{
	{Version: "v1", Resource: "pods"}: {
		"spec.nodeName":            str("spec", "nodeName"),
		"spec.host":                str("spec", "nodeName"), // the old name, still accepted
		"spec.restartPolicy":       str("spec", "restartPolicy"),
		"spec.schedulerName":       str("spec", "schedulerName"),
		"spec.serviceAccountName":  str("spec", "serviceAccountName"),
		"spec.hostNetwork":         boolean("spec", "hostNetwork"),
		"status.phase":             str("status", "phase"),
		"status.podIP":             firstPodIP,
		"status.podIPs":            func(map[string]any) string { return "" }, // accepted, never set
		"status.nominatedNodeName": str("status", "nominatedNodeName"),
	},
	{Version: "v1", Resource: "nodes"}:                  {"spec.unschedulable": boolean("spec", "unschedulable")},
	{Version: "v1", Resource: "replicationcontrollers"}: {"status.replicas": integer("status", "replicas")},
	{Version: "v1", Resource: "namespaces"}:             {"status.phase": str("status", "phase")},
	{Version: "v1", Resource: "secrets"}:                {"type": str("type")},
	{Version: "v1", Resource: "services"}:               {"spec.clusterIP": str("spec", "clusterIP"), "spec.type": str("spec", "type")},
	{Version: "v1", Resource: "events"}: {
		"involvedObject.kind":            str("involvedObject", "kind"),
		"involvedObject.namespace":       str("involvedObject", "namespace"),
		"involvedObject.name":            str("involvedObject", "name"),
		"involvedObject.uid":             str("involvedObject", "uid"),
		"involvedObject.apiVersion":      str("involvedObject", "apiVersion"),
		"involvedObject.resourceVersion": str("involvedObject", "resourceVersion"),
		"involvedObject.fieldPath":       str("involvedObject", "fieldPath"),
		"reason":                         str("reason"),
		"reportingComponent":             str("reportingComponent"),
		"source":                         eventSource,
		"type":                           str("type"),
	},
	{Group: "events.k8s.io", Version: "v1", Resource: "events"}: {
		"regarding.kind":            str("regarding", "kind"),
		"regarding.namespace":       str("regarding", "namespace"),
		"regarding.name":            str("regarding", "name"),
		"regarding.uid":             str("regarding", "uid"),
		"regarding.apiVersion":      str("regarding", "apiVersion"),
		"regarding.resourceVersion": str("regarding", "resourceVersion"),
		"regarding.fieldPath":       str("regarding", "fieldPath"),
		"reason":                    str("reason"),
		"reportingController":       str("reportingController"),
		"type":                      str("type"),
	},
	{Group: "batch", Version: "v1", Resource: "jobs"}: {"status.successful": integer("status", "succeeded")},
	{Group: "certificates.k8s.io", Version: "v1", Resource: "certificatesigningrequests"}: {
		"spec.signerName": str("spec", "signerName"),
	},
	{Group: "resource.k8s.io", Version: "v1", Resource: "resourceslices"}: {
		"spec.nodeName":  str("spec", "nodeName"),
		"spec.driver":    str("spec", "driver"),
		"spec.pool.name": str("spec", "pool", "name"),
	},
}

func str(path ...string) fieldFunc {
	return func(content map[string]any) string {
		v, _, _ := unstructured.NestedFieldNoCopy(content, path...)
		if s, ok := v.(string); ok {
			return s
		}
		return ""
	}
}

func boolean(path ...string) fieldFunc {
	return func(content map[string]any) string {
		v, _, _ := unstructured.NestedFieldNoCopy(content, path...)
		b, _ := v.(bool)
		return strconv.FormatBool(b)
	}
}

func integer(path ...string) fieldFunc {
	return func(content map[string]any) string {
		v, _, _ := unstructured.NestedFieldNoCopy(content, path...)
		switch n := v.(type) {
		case int64:
			return strconv.FormatInt(n, 10)
		case float64:
			return strconv.FormatInt(int64(n), 10)
		case nil:
			return "0"
		}
		return fmt.Sprint(v)
	}
}

// firstPodIP is the first of status.podIPs, as the apiserver selects status.podIP.
func firstPodIP(content map[string]any) string {
	ips, _, _ := unstructured.NestedSlice(content, "status", "podIPs")
	if len(ips) == 0 {
		return ""
	}
	first, _ := ips[0].(map[string]any)
	ip, _ := first["ip"].(string)
	return ip
}

// eventSource is the source component of a core/v1 Event, else its reporting component.
func eventSource(content map[string]any) string {
	if s := str("source", "component")(content); s != "" {
		return s
	}
	return str("reportingComponent")(content)
}

// contentOf returns obj in unstructured form, for reading field selector values.
func contentOf(obj runtime.Object) map[string]any {
	if u, ok := obj.(*unstructured.Unstructured); ok {
		return u.Object
	}
	content, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
	if err != nil {
		return nil
	}
	return content
}
