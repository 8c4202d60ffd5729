package shapes

import (
	corev1 "k8s.io/api/core/v1"

	"github.com/kubegen/kubegen/deepcopy-gen/testdata/shapes/other"
)

// Quota holds named maps and slices whose DeepCopyInto methods turn nil into empty (code-generator's
// corev1.ResourceList, and other's hand-written Amounts and Steps), in every position a field can
// hold them: a nil one must stay nil in the copy.
type Quota struct {
	Hard      corev1.ResourceList
	Used      *corev1.ResourceList
	Amounts   other.Amounts
	Steps     other.Steps
	PerScope  map[string]other.Amounts
	History   []other.Steps
	Fixed     [2]other.Amounts
	Anonymous struct{ Limits corev1.ResourceList }
}
