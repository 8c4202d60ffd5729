package rest

import (
	"strconv"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
)

// optionsScheme knows the metav1 option types (ListOptions, GetOptions, …) as unversioned kinds, so
// they encode to query parameters for every group/version, and the common metav1 kinds (Status,
// WatchEvent, discovery lists) for decoding.
var optionsScheme = newOptionsScheme()

func newOptionsScheme() *runtime.Scheme {
	s := runtime.NewScheme()
	s.AddUnversionedTypes(metav1.SchemeGroupVersion,
		&metav1.ListOptions{},
		&metav1.GetOptions{},
		&metav1.DeleteOptions{},
		&metav1.CreateOptions{},
		&metav1.UpdateOptions{},
		&metav1.PatchOptions{},
		&metav1.Status{},
		&metav1.APIVersions{},
		&metav1.APIGroupList{},
		&metav1.APIGroup{},
		&metav1.APIResourceList{},
	)
	s.AddKnownTypes(metav1.SchemeGroupVersion, &metav1.WatchEvent{})
	utilruntime.Must(metav1.RegisterConversions(s))
	utilruntime.Must(metav1.RegisterDefaults(s))
	return s
}

// ParameterCodec encodes the metav1 option types (ListOptions, GetOptions, DeleteOptions,
// CreateOptions, UpdateOptions, PatchOptions) to query parameters for any group/version. Pass it to
// Request.VersionedParams; a nil codec there means this one.
var ParameterCodec runtime.ParameterCodec = runtime.NewParameterCodec(optionsScheme)

// encodeCommonOptions adds the query parameters of the option types every typed call passes, without
// the reflection the generic codec uses. It reports false for any other type. Its output matches
// ParameterCodec's (tested).
func encodeCommonOptions(obj runtime.Object, add func(k, v string)) bool {
	switch o := obj.(type) {
	case *metav1.GetOptions:
		addIf(add, "resourceVersion", o.ResourceVersion)
	case *metav1.CreateOptions:
		addWriteOptions(add, o.DryRun, o.FieldManager, o.FieldValidation)
	case *metav1.UpdateOptions:
		addWriteOptions(add, o.DryRun, o.FieldManager, o.FieldValidation)
	case *metav1.PatchOptions:
		addWriteOptions(add, o.DryRun, "", "")
		if o.Force != nil {
			add("force", strconv.FormatBool(*o.Force))
		}
		addIf(add, "fieldManager", o.FieldManager)
		addIf(add, "fieldValidation", o.FieldValidation)
	case *metav1.ListOptions:
		addListOptions(add, o)
	default:
		return false
	}
	return true
}

func addListOptions(add func(k, v string), o *metav1.ListOptions) {
	addIf(add, "labelSelector", o.LabelSelector)
	addIf(add, "fieldSelector", o.FieldSelector)
	if o.Watch {
		add("watch", "true")
	}
	if o.AllowWatchBookmarks {
		add("allowWatchBookmarks", "true")
	}
	addIf(add, "resourceVersion", o.ResourceVersion)
	addIf(add, "resourceVersionMatch", string(o.ResourceVersionMatch))
	if o.TimeoutSeconds != nil {
		add("timeoutSeconds", strconv.FormatInt(*o.TimeoutSeconds, 10))
	}
	if o.Limit != 0 {
		add("limit", strconv.FormatInt(o.Limit, 10))
	}
	addIf(add, "continue", o.Continue)
	if o.SendInitialEvents != nil {
		add("sendInitialEvents", strconv.FormatBool(*o.SendInitialEvents))
	}
	addIf(add, "shardSelector", o.ShardSelector)
}

func addWriteOptions(add func(k, v string), dryRun []string, fieldManager, fieldValidation string) {
	for _, d := range dryRun {
		add("dryRun", d)
	}
	addIf(add, "fieldManager", fieldManager)
	addIf(add, "fieldValidation", fieldValidation)
}

func addIf(add func(k, v string), k, v string) {
	if v != "" {
		add(k, v)
	}
}
