package v1

import metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

// +genclient

// Thing embeds TypeMeta but not ObjectMeta.
type Thing struct {
	metav1.TypeMeta `json:",inline"`
	Name            string `json:"name"`
}
