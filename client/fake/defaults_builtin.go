package fake

import (
	"strings"

	"k8s.io/apimachinery/pkg/runtime/schema"
)

// builtinDefaults are the defaults kube-apiserver gives the common kinds (its pkg/apis/*/v1 defaulting,
// rewritten here over serialized objects).
var builtinDefaults = map[schema.GroupVersionKind]DefaultFunc{
	{Version: "v1", Kind: "Pod"}:                        defaultPod,
	{Version: "v1", Kind: "PodTemplate"}:                func(o map[string]any) { defaultTemplate(child(o, "template", false)) },
	{Version: "v1", Kind: "ReplicationController"}:      defaultReplicationController,
	{Version: "v1", Kind: "Service"}:                    defaultService,
	{Group: "apps", Version: "v1", Kind: "Deployment"}:  defaultDeployment,
	{Group: "apps", Version: "v1", Kind: "ReplicaSet"}:  defaultReplicaSet,
	{Group: "apps", Version: "v1", Kind: "StatefulSet"}: defaultStatefulSet,
	{Group: "apps", Version: "v1", Kind: "DaemonSet"}:   defaultDaemonSet,
	{Group: "batch", Version: "v1", Kind: "Job"}:        defaultJob,
	{Group: "batch", Version: "v1", Kind: "CronJob"}:    defaultCronJob,
}

func defaultPod(o map[string]any) {
	spec := child(o, "spec", true)
	if g, ok := spec["terminationGracePeriodSeconds"].(int64); ok && g < 0 {
		spec["terminationGracePeriodSeconds"] = int64(1)
	}
	for _, list := range []string{"initContainers", "containers"} {
		for _, c := range items(spec, list) {
			requestsFromLimits(c)
		}
	}
	setDefault(spec, "enableServiceLinks", true)
	defaultPodSpec(spec)
}

// requestsFromLimits gives a pod's container the requests of the resources it only limits.
func requestsFromLimits(c map[string]any) {
	res := child(c, "resources", false)
	limits := child(res, "limits", false)
	if len(limits) == 0 {
		return
	}
	requests := child(res, "requests", true)
	for k, v := range limits {
		setDefault(requests, k, v)
	}
}

// defaultTemplate defaults the pod template of a workload (its spec, not the pod-only defaults).
func defaultTemplate(template map[string]any) {
	if template != nil {
		defaultPodSpec(child(template, "spec", true))
	}
}

func defaultPodSpec(spec map[string]any) {
	if sa := strField(spec, "serviceAccountName"); sa == "" {
		if old := strField(spec, "serviceAccount"); old != "" {
			spec["serviceAccountName"] = old
		}
	}
	if sa := strField(spec, "serviceAccountName"); sa != "" {
		spec["serviceAccount"] = sa
	}
	setIfEmpty(spec, "dnsPolicy", "ClusterFirst")
	setIfEmpty(spec, "restartPolicy", "Always")
	setDefault(spec, "securityContext", map[string]any{})
	setDefault(spec, "terminationGracePeriodSeconds", int64(30))
	setIfEmpty(spec, "schedulerName", "default-scheduler")
	for _, list := range []string{"initContainers", "containers", "ephemeralContainers"} {
		for _, c := range items(spec, list) {
			defaultContainer(c)
		}
	}
	for _, v := range items(spec, "volumes") {
		defaultVolume(v)
	}
}

func defaultContainer(c map[string]any) {
	if strField(c, "imagePullPolicy") == "" {
		policy := "IfNotPresent"
		if imageTag(strField(c, "image")) == "latest" {
			policy = "Always"
		}
		c["imagePullPolicy"] = policy
	}
	setIfEmpty(c, "terminationMessagePath", "/dev/termination-log")
	setIfEmpty(c, "terminationMessagePolicy", "File")
	setDefault(c, "resources", map[string]any{})
	for _, p := range items(c, "ports") {
		setIfEmpty(p, "protocol", "TCP")
	}
	for _, e := range items(c, "env") {
		if ref := child(child(e, "valueFrom", false), "fieldRef", false); ref != nil {
			setIfEmpty(ref, "apiVersion", "v1")
		}
	}
	for _, k := range []string{"livenessProbe", "readinessProbe", "startupProbe"} {
		if p := child(c, k, false); p != nil {
			setIfEmpty(p, "timeoutSeconds", int64(1))
			setIfEmpty(p, "periodSeconds", int64(10))
			setIfEmpty(p, "successThreshold", int64(1))
			setIfEmpty(p, "failureThreshold", int64(3))
			defaultHandler(p)
			if g := child(p, "grpc", false); g != nil {
				setDefault(g, "service", "")
			}
		}
	}
	if l := child(c, "lifecycle", false); l != nil {
		defaultHandler(child(l, "postStart", false))
		defaultHandler(child(l, "preStop", false))
	}
}

// defaultHandler defaults the HTTP action of a probe or lifecycle hook.
func defaultHandler(h map[string]any) {
	if get := child(h, "httpGet", false); get != nil {
		setIfEmpty(get, "path", "/")
		setIfEmpty(get, "scheme", "HTTP")
	}
}

// imageTag returns the tag of an image reference: "latest" when it has neither tag nor digest, ""
// when it has only a digest.
func imageTag(image string) string {
	name, _, digested := strings.Cut(image, "@")
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		return name[i+1:]
	}
	if digested {
		return ""
	}
	return "latest"
}

// volumeModeDefault is 0644, the default file mode of secret, config map, downward API and projected
// volumes.
const volumeModeDefault = int64(0o644)

func defaultVolume(v map[string]any) {
	sources := 0
	for k := range v {
		if k != "name" {
			sources++
		}
	}
	if sources == 0 {
		v["emptyDir"] = map[string]any{}
	}
	if hp := child(v, "hostPath", false); hp != nil {
		setDefault(hp, "type", "")
	}
	for _, k := range []string{"secret", "configMap", "downwardAPI", "projected"} {
		if src := child(v, k, false); src != nil {
			setDefault(src, "defaultMode", volumeModeDefault)
		}
	}
	for _, item := range items(child(v, "downwardAPI", false), "items") {
		if ref := child(item, "fieldRef", false); ref != nil {
			setIfEmpty(ref, "apiVersion", "v1")
		}
	}
	for _, src := range items(child(v, "projected", false), "sources") {
		if tok := child(src, "serviceAccountToken", false); tok != nil {
			setDefault(tok, "expirationSeconds", int64(3600))
		}
		for _, item := range items(child(src, "downwardAPI", false), "items") {
			if ref := child(item, "fieldRef", false); ref != nil {
				setIfEmpty(ref, "apiVersion", "v1")
			}
		}
	}
}

func defaultService(o map[string]any) {
	spec := child(o, "spec", true)
	setIfEmpty(spec, "sessionAffinity", "None")
	switch strField(spec, "sessionAffinity") {
	case "None":
		delete(spec, "sessionAffinityConfig")
	case "ClientIP":
		cfg := child(child(spec, "sessionAffinityConfig", true), "clientIP", true)
		setDefault(cfg, "timeoutSeconds", int64(10800))
	}
	setIfEmpty(spec, "type", "ClusterIP")
	for _, p := range items(spec, "ports") {
		setIfEmpty(p, "protocol", "TCP")
		setIfEmpty(p, "targetPort", p["port"])
	}
	typ := strField(spec, "type")
	external := typ == "LoadBalancer" || typ == "NodePort"
	if _, ok := spec["externalIPs"].([]any); ok && len(spec["externalIPs"].([]any)) > 0 {
		external = true
	}
	if external {
		setIfEmpty(spec, "externalTrafficPolicy", "Cluster")
	}
	if typ == "ClusterIP" || typ == "NodePort" || typ == "LoadBalancer" {
		setDefault(spec, "internalTrafficPolicy", "Cluster")
	}
	if typ == "LoadBalancer" {
		setDefault(spec, "allocateLoadBalancerNodePorts", true)
	}
}

func defaultReplicationController(o map[string]any) {
	spec := child(o, "spec", true)
	template := child(spec, "template", false)
	if labels := child(child(template, "metadata", false), "labels", false); len(labels) > 0 {
		if len(child(spec, "selector", false)) == 0 {
			spec["selector"] = copyMap(labels)
		}
		if len(child(child(o, "metadata", false), "labels", false)) == 0 {
			child(o, "metadata", true)["labels"] = copyMap(labels)
		}
	}
	setDefault(spec, "replicas", int64(1))
	defaultTemplate(template)
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func defaultDeployment(o map[string]any) {
	spec := child(o, "spec", true)
	setDefault(spec, "replicas", int64(1))
	defaultRollingUpdate(spec, "strategy", "25%", "25%")
	setDefault(spec, "revisionHistoryLimit", int64(10))
	setDefault(spec, "progressDeadlineSeconds", int64(600))
	defaultTemplate(child(spec, "template", false))
}

// defaultRollingUpdate defaults a deployment's or daemon set's strategy to RollingUpdate with the
// given limits.
func defaultRollingUpdate(spec map[string]any, key string, maxUnavailable, maxSurge any) {
	strategy := child(spec, key, true)
	setIfEmpty(strategy, "type", "RollingUpdate")
	if strField(strategy, "type") == "RollingUpdate" {
		ru := child(strategy, "rollingUpdate", true)
		setDefault(ru, "maxUnavailable", maxUnavailable)
		setDefault(ru, "maxSurge", maxSurge)
	}
}

func defaultReplicaSet(o map[string]any) {
	spec := child(o, "spec", true)
	setDefault(spec, "replicas", int64(1))
	defaultTemplate(child(spec, "template", false))
}

func defaultDaemonSet(o map[string]any) {
	spec := child(o, "spec", true)
	defaultRollingUpdate(spec, "updateStrategy", int64(1), int64(0))
	setDefault(spec, "revisionHistoryLimit", int64(10))
	defaultTemplate(child(spec, "template", false))
}

func defaultStatefulSet(o map[string]any) {
	spec := child(o, "spec", true)
	setIfEmpty(spec, "podManagementPolicy", "OrderedReady")
	strategy := child(spec, "updateStrategy", true)
	if strField(strategy, "type") == "" {
		strategy["type"] = "RollingUpdate"
		child(strategy, "rollingUpdate", true)
	}
	if ru := child(strategy, "rollingUpdate", false); ru != nil && strField(strategy, "type") == "RollingUpdate" {
		setDefault(ru, "partition", int64(0))
		setDefault(ru, "maxUnavailable", int64(1))
	}
	retention := child(spec, "persistentVolumeClaimRetentionPolicy", true)
	setIfEmpty(retention, "whenDeleted", "Retain")
	setIfEmpty(retention, "whenScaled", "Retain")
	setDefault(spec, "replicas", int64(1))
	setDefault(spec, "revisionHistoryLimit", int64(10))
	defaultTemplate(child(spec, "template", false))
}

func defaultJob(o map[string]any) {
	spec := child(o, "spec", true)
	defaultJobSpec(spec)
	template := child(spec, "template", false)
	if labels := child(child(template, "metadata", false), "labels", false); labels != nil {
		if len(child(child(o, "metadata", false), "labels", false)) == 0 {
			child(o, "metadata", true)["labels"] = copyMap(labels)
		}
	}
}

func defaultJobSpec(spec map[string]any) {
	if spec["completions"] == nil && spec["parallelism"] == nil {
		spec["completions"] = int64(1)
	}
	setDefault(spec, "parallelism", int64(1))
	if spec["backoffLimitPerIndex"] != nil {
		setDefault(spec, "backoffLimit", int64(1<<31-1))
	} else {
		setDefault(spec, "backoffLimit", int64(6))
	}
	setDefault(spec, "completionMode", "NonIndexed")
	setDefault(spec, "suspend", false)
	if spec["podFailurePolicy"] != nil {
		setDefault(spec, "podReplacementPolicy", "Failed")
	} else {
		setDefault(spec, "podReplacementPolicy", "TerminatingOrFailed")
	}
	setDefault(spec, "manualSelector", false)
	defaultTemplate(child(spec, "template", false))
}

func defaultCronJob(o map[string]any) {
	spec := child(o, "spec", true)
	setIfEmpty(spec, "concurrencyPolicy", "Allow")
	setDefault(spec, "suspend", false)
	setDefault(spec, "successfulJobsHistoryLimit", int64(3))
	setDefault(spec, "failedJobsHistoryLimit", int64(1))
	// The job template gets the pod template defaults only, not those of a job.
	defaultTemplate(child(child(child(spec, "jobTemplate", false), "spec", false), "template", false))
}
