package fake

import (
	"k8s.io/apimachinery/pkg/api/resource"
)

// preparePodCreate is what kube-apiserver does to a new pod after decoding it: its default admission
// plugins give it priority 0 with the PreemptLowerPriority policy (Priority, without a priority
// class) and tolerations of 300 seconds for not-ready and unreachable nodes (DefaultTolerationSeconds);
// its strategy starts the status at phase Pending with the pod's QoS class.
func preparePodCreate(obj map[string]any) {
	spec := child(obj, "spec", true)
	if spec["priorityClassName"] == nil {
		setDefault(spec, "priority", int64(0))
		setDefault(spec, "preemptionPolicy", "PreemptLowerPriority")
	}
	for _, taint := range []string{"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"} {
		if !toleratesNoExecute(spec, taint) {
			list, _ := spec["tolerations"].([]any)
			spec["tolerations"] = append(list, map[string]any{
				"key": taint, "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": int64(300),
			})
		}
	}
	// Pods registered with the status subresource arrive here without a status; others (a tracker
	// seeded with running pods) keep theirs.
	status := child(obj, "status", true)
	setIfEmpty(status, "phase", "Pending")
	setIfEmpty(status, "qosClass", podQOS(spec))
}

// toleratesNoExecute reports whether a pod spec already tolerates the NoExecute taint key.
func toleratesNoExecute(spec map[string]any, key string) bool {
	for _, t := range items(spec, "tolerations") {
		effect := strField(t, "effect")
		if effect != "" && effect != "NoExecute" {
			continue
		}
		if k := strField(t, "key"); k == key || (k == "" && strField(t, "operator") == "Exists") {
			return true
		}
	}
	return false
}

// podQOS is the pod's quality of service class from its containers' cpu and memory requests and
// limits: BestEffort without any, Guaranteed when every container limits both and requests what it
// limits, Burstable otherwise.
func podQOS(spec map[string]any) string {
	some, guaranteed := false, true
	for _, list := range []string{"initContainers", "containers"} {
		for _, c := range items(spec, list) {
			res := child(c, "resources", false)
			requests, limits := child(res, "requests", false), child(res, "limits", false)
			for _, name := range []string{"cpu", "memory"} {
				req, hasReq := quantity(requests, name)
				lim, hasLim := quantity(limits, name)
				if (hasReq && !req.IsZero()) || (hasLim && !lim.IsZero()) {
					some = true
				}
				if !hasLim || (hasReq && req.Cmp(lim) != 0) {
					guaranteed = false
				}
			}
		}
	}
	switch {
	case !some:
		return "BestEffort"
	case guaranteed:
		return "Guaranteed"
	}
	return "Burstable"
}

func quantity(m map[string]any, name string) (resource.Quantity, bool) {
	s, ok := m[name].(string)
	if !ok {
		return resource.Quantity{}, false
	}
	q, err := resource.ParseQuantity(s)
	return q, err == nil
}
