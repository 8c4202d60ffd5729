package fake

// daemonSetTemplateGeneration is the annotation in which apps/v1 daemon sets carry the generation of
// their pod template.
const daemonSetTemplateGeneration = "deprecated.daemonset.template.generation"

// admitDaemonSetCreate starts a new daemon set's template generation at 1.
func admitDaemonSetCreate(obj map[string]any) {
	annotations := child(child(obj, "metadata", true), "annotations", true)
	setIfEmpty(annotations, daemonSetTemplateGeneration, "1")
}

// Labels kube-apiserver gives a job's pods (and its selector) unless the job sets manualSelector.
const (
	jobControllerUID       = "batch.kubernetes.io/controller-uid"
	jobName                = "batch.kubernetes.io/job-name"
	legacyJobControllerUID = "controller-uid"
	legacyJobName          = "job-name"
)

// prepareJobCreate generates a new job's selector, as kube-apiserver does: its pod template gets the
// job-name and controller-uid labels (each in its current and legacy form), its selector matches the
// uid; and the job takes its template's labels when it has none (the defaulting that runs again when
// the apiserver reads the stored job).
func prepareJobCreate(obj map[string]any) {
	spec := child(obj, "spec", true)
	meta := child(obj, "metadata", true)
	if manual, _ := spec["manualSelector"].(bool); !manual {
		name, _ := meta["name"].(string)
		uid, _ := meta["uid"].(string)
		labels := child(child(child(spec, "template", true), "metadata", true), "labels", true)
		for k, v := range map[string]string{legacyJobName: name, jobName: name, legacyJobControllerUID: uid, jobControllerUID: uid} {
			setDefault(labels, k, v)
		}
		setDefault(child(child(spec, "selector", true), "matchLabels", true), jobControllerUID, uid)
	}
	if labels := child(child(child(spec, "template", false), "metadata", false), "labels", false); len(labels) > 0 {
		if len(child(meta, "labels", false)) == 0 {
			meta["labels"] = copyMap(labels)
		}
	}
}
