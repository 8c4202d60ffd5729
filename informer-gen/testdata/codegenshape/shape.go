// Package codegenshape is written as a controller written against k8s.io/client-go v0.37's
// informer-gen output would be, with kubegen's import paths: it must compile against the golden
// informers (TestCodeGeneratorShapesCompile). It reaches a group's second version through the
// factory, and uses v0.37's typed informer shapes.
package codegenshape

import (
	"time"

	"k8s.io/apimachinery/pkg/labels"

	examplev1 "github.com/kubegen/kubegen/client-gen/testdata/apis/example/v1"
	examplev1beta1 "github.com/kubegen/kubegen/client-gen/testdata/apis/example/v1beta1"
	"github.com/kubegen/kubegen/client-gen/testdata/golden/versioned"
	"github.com/kubegen/kubegen/client/cache"
	informers "github.com/kubegen/kubegen/informer-gen/testdata/golden/informers"
	informersv1 "github.com/kubegen/kubegen/informer-gen/testdata/golden/informers/example/v1"
	informersv1beta1 "github.com/kubegen/kubegen/informer-gen/testdata/golden/informers/example/v1beta1"
	listersv1beta1 "github.com/kubegen/kubegen/lister-gen/testdata/golden/listers/example/v1beta1"
)

// Run starts informers of both versions of the example group and lists v1beta1 Widgets.
func Run(client versioned.Interface, stopCh <-chan struct{}) ([]*examplev1beta1.Widget, error) {
	factory := informers.NewSharedInformerFactory(client, 10*time.Minute)

	var beta informersv1beta1.TypedWidgetInformer = factory.Example().V1beta1().Widgets()
	var ga informersv1.TypedWidgetInformer = factory.Example().V1().Widgets()
	var lister listersv1beta1.WidgetLister = beta.Lister()

	if _, err := beta.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj interface{}) {},
	}); err != nil {
		return nil, err
	}
	var typed informersv1.WidgetIndexInformer = ga.TypedInformer()
	if _, err := typed.AddTypedEventHandler(informersv1.WidgetHandlerFuncs{
		AddFunc: func(w *examplev1.Widget) {},
	}); err != nil {
		return nil, err
	}
	if _, err := informersv1.ToWidgetIndexInformer(ga.Informer()).AddTypedEventHandler(informersv1.WidgetHandlerFuncs{}); err != nil {
		return nil, err
	}
	if _, err := typed.AddTypedEventHandler(informersv1.WidgetFilteringHandler{
		FilterFunc: func(w *examplev1.Widget) bool { return w.Namespace == "default" },
		Handler:    informersv1.WidgetHandlerFuncs{},
	}); err != nil {
		return nil, err
	}
	if _, err := typed.GetTypedIndexer().ByTypedIndex(cache.NamespaceIndex, "default"); err != nil {
		return nil, err
	}
	_ = informersv1.ToTypedWidgetInformer(ga)

	var single informersv1beta1.WidgetIndexInformer = informersv1beta1.NewTypedWidgetInformer(client, "default", time.Minute, informersv1beta1.WidgetIndexers{})
	_ = informersv1beta1.NewTypedFilteredWidgetInformer(client, "default", time.Minute, nil, nil)
	_ = informersv1beta1.NewWidgetInformer(client, "default", time.Minute, cache.Indexers{})
	_ = single

	factory.Start(stopCh)
	for typ, ok := range factory.WaitForCacheSync(stopCh) {
		_, _ = typ, ok
	}
	return lister.Widgets("default").List(labels.Everything())
}
