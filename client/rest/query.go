package rest

import (
	"net/url"
	"slices"
	"strings"
)

// query holds a request's parameters in the order they were added. Most requests have none or one,
// for which a slice is much cheaper than url.Values.
type query []queryParam

type queryParam struct{ key, value string }

func (q *query) add(k, v string) { *q = append(*q, queryParam{k, v}) }

// set replaces every value of k with v, or removes k when v is empty.
func (q *query) set(k, v string) {
	*q = slices.DeleteFunc(*q, func(p queryParam) bool { return p.key == k })
	if v != "" {
		q.add(k, v)
	}
}

// addValues adds every value of vs, keys sorted so the order is deterministic.
func (q *query) addValues(vs url.Values) {
	keys := make([]string, 0, len(vs))
	for k := range vs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range vs[k] {
			q.add(k, v)
		}
	}
}

// encode returns the query string as url.Values.Encode would: keys sorted, the values of one key in
// the order they were added.
func (q query) encode() string {
	switch len(q) {
	case 0:
		return ""
	case 1:
		return url.QueryEscape(q[0].key) + "=" + url.QueryEscape(q[0].value)
	}
	sorted := slices.Clone(q)
	slices.SortStableFunc(sorted, func(a, b queryParam) int { return strings.Compare(a.key, b.key) })
	var b strings.Builder
	for i, p := range sorted {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.key))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p.value))
	}
	return b.String()
}
