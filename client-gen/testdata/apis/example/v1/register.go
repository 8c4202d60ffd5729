package v1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// SchemeGroupVersion is the group/version of this package.
var SchemeGroupVersion = schema.GroupVersion{Group: "example.kubegen.io", Version: "v1"}

var (
	// SchemeBuilder registers this package's types.
	SchemeBuilder = runtime.NewSchemeBuilder(addKnownTypes)
	// AddToScheme adds this package's types to a scheme.
	AddToScheme = SchemeBuilder.AddToScheme
)

func addKnownTypes(scheme *runtime.Scheme) error {
	scheme.AddKnownTypes(SchemeGroupVersion,
		&Widget{}, &WidgetList{}, &Policy{}, &PolicyList{}, &Review{}, &Gauge{}, &GaugeList{},
		&Nudge{}, &Sprocket{}, &SprocketList{}, &Token{})
	metav1.AddToGroupVersion(scheme, SchemeGroupVersion)
	return nil
}
