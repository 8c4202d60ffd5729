package rest

import (
	"net/url"
	"testing"
)

func TestQueryEncodeMatchesURLValues(t *testing.T) {
	tests := [][]queryParam{
		nil,
		{{"watch", "true"}},
		{{"a b", "c&d=e"}},
		{{"limit", "5"}, {"labelSelector", "app in (a,b)"}, {"dryRun", "All"}, {"dryRun", "Other"}, {"continue", "x/y+z"}},
		{{"b", "1"}, {"a", "2"}, {"b", "0"}, {"a", "1"}},
		{{"", ""}, {"ünï", "cödé"}},
	}
	for _, params := range tests {
		var q query
		vs := url.Values{}
		for _, p := range params {
			q.add(p.key, p.value)
			vs.Add(p.key, p.value)
		}
		if got, want := q.encode(), vs.Encode(); got != want {
			t.Errorf("encode(%v) = %q, url.Values says %q", params, got, want)
		}
	}
}

func TestQuerySetReplaces(t *testing.T) {
	var q query
	q.add("timeout", "1s")
	q.add("a", "1")
	q.add("timeout", "2s")
	q.set("timeout", "3s")
	if got := q.encode(); got != "a=1&timeout=3s" {
		t.Errorf("after set: %q", got)
	}
	q.set("timeout", "")
	if got := q.encode(); got != "a=1" {
		t.Errorf("after removing: %q", got)
	}
}
