package v1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// +genclient
// +genclient:method=GetScale,verb=get,subresource=scale,result=k8s.io/api/autoscaling/v1.Scale
// +genclient:method=UpdateScale,verb=update,subresource=scale,input=k8s.io/api/autoscaling/v1.Scale,result=k8s.io/api/autoscaling/v1.Scale
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// CronTab runs an image on a cron schedule. Its status and scale are subresources.
type CronTab struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   CronTabSpec   `json:"spec,omitempty"`
	Status CronTabStatus `json:"status,omitempty"`
}

// CronTabSpec is the desired state of a CronTab.
type CronTabSpec struct {
	// CronSpec is the schedule, in cron format.
	CronSpec string `json:"cronSpec"`
	// Image is the container image to run.
	Image string `json:"image"`
	// Replicas is how many copies run at each tick; the scale subresource reads and writes it.
	Replicas *int32 `json:"replicas,omitempty"`
}

// CronTabStatus is the observed state of a CronTab.
type CronTabStatus struct {
	// Replicas is how many copies ran at the last tick.
	Replicas int32 `json:"replicas,omitempty"`
	// LabelSelector selects the pods of the CronTab, for the scale subresource.
	LabelSelector string `json:"labelSelector,omitempty"`
	// LastScheduleTime is when the CronTab last ran.
	LastScheduleTime *metav1.Time `json:"lastScheduleTime,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// CronTabList is a list of CronTabs.
type CronTabList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`

	Items []CronTab `json:"items"`
}

// +genclient
// +genclient:nonNamespaced
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// Calendar lists the days CronTabs do not run, for the whole cluster.
type Calendar struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec CalendarSpec `json:"spec,omitempty"`
}

// CalendarSpec holds the days off.
type CalendarSpec struct {
	// TimeZone is an IANA time zone name, e.g. "Europe/Paris".
	TimeZone string `json:"timeZone,omitempty"`
	// Holidays are dates (YYYY-MM-DD) on which no CronTab runs.
	Holidays []string `json:"holidays,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// CalendarList is a list of Calendars.
type CalendarList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`

	Items []Calendar `json:"items"`
}
