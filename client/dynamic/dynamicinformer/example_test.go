package dynamicinformer_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"

	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/cache"
	"github.com/kubegen/kubegen/client/dynamic"
	"github.com/kubegen/kubegen/client/dynamic/dynamicinformer"
	"github.com/kubegen/kubegen/client/rest"
)

// Cache the CronTabs of a namespace and read them with a label selector.
func Example() {
	// A stand-in for a cluster serving the CronTab CRD: a list of two, and a watch with no events.
	// It serves no streaming watch-list, which the informer tries first, and says so.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("sendInitialEvents") == "true" {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"BadRequest","code":400}`)
			return
		}
		if r.URL.Query().Get("watch") == "true" {
			w.(http.Flusher).Flush()
			<-r.Context().Done()
			return
		}
		fmt.Fprint(w, `{"apiVersion":"stable.example.com/v1","kind":"CronTabList","metadata":{"resourceVersion":"7"},"items":[
			{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"nightly","namespace":"default","resourceVersion":"5","labels":{"team":"a"}}},
			{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"hourly","namespace":"default","resourceVersion":"6","labels":{"team":"b"}}}]}`)
	}))
	defer srv.Close()

	client, err := dynamic.NewForConfig(&rest.Config{Host: srv.URL})
	if err != nil {
		panic(err)
	}
	gvr := schema.GroupVersionResource{Group: "stable.example.com", Version: "v1", Resource: "crontabs"}
	inf := dynamicinformer.New(client, gvr, "default", cache.InformerOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		inf.RunWithContext(ctx)
	}()
	defer func() { cancel(); <-done }()
	if err := cache.WaitForCacheSync(ctx, inf); err != nil {
		panic(err)
	}

	all, _ := inf.Lister().Namespace("default").List(labels.Everything())
	var names []string
	for _, obj := range all {
		names = append(names, obj.GetName())
	}
	slices.Sort(names)
	teamA, _ := inf.Lister().Namespace("default").List(labels.SelectorFromSet(labels.Set{"team": "a"}))
	_, err = inf.Lister().Namespace("default").Get("weekly")
	fmt.Println(names, len(teamA), teamA[0].GetName())
	fmt.Println(err)
	// Output:
	// [hourly nightly] 1 nightly
	// crontabs.stable.example.com "weekly" not found
}
