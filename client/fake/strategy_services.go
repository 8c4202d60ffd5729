package fake

import (
	"fmt"
	"net/netip"
	"reflect"
	"strings"
	"sync/atomic"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// serviceIPs hands out cluster IPs from 10.96.0.0/12, kube-apiserver's default service range, in
// order; the fake keeps no allocation table, so addresses repeat only after a million services.
var serviceIPs atomic.Uint32

// needsClusterIP reports whether a service gets a cluster IP allocated: not an ExternalName service
// and no cluster IP (nor "None") given.
func needsClusterIP(spec map[string]any) bool {
	return strField(spec, "type") != "ExternalName" && strField(spec, "clusterIP") == ""
}

func nextServiceIP() string {
	n := serviceIPs.Add(1) % (1 << 20)
	base := netip.MustParseAddr("10.96.0.0").As4()
	v := uint32(base[0])<<24 | uint32(base[1])<<16 | uint32(base[2])<<8 | uint32(base[3]) | n
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}).String()
}

// serviceAllocationError is the error kube-apiserver answers a service create with when it cannot
// record the IP it allocated, which it does before validating the service: the IPAddress object
// naming the service as its parent refuses names that are not path segments.
func serviceAllocationError(r *Resource, obj runtime.Object) error {
	if r.CustomResource || r.Resource.GroupResource() != servicesResource {
		return nil
	}
	m := toMap(obj)
	if !needsClusterIP(child(m, "spec", false)) {
		return nil
	}
	name, _ := child(m, "metadata", false)["name"].(string)
	var msg string
	for _, bad := range []string{"/", "%"} {
		if strings.Contains(name, bad) {
			msg = fmt.Sprintf("may not contain '%s'", bad)
			break
		}
	}
	if name == "." || name == ".." {
		msg = fmt.Sprintf("may not be '%s'", name)
	}
	if msg == "" {
		return nil
	}
	cause := fmt.Sprintf("failed to allocate IP: IPAddress.networking.k8s.io %q is invalid: spec.parentRef.name: Invalid value: %q: %s",
		nextServiceIP(), name, msg)
	return apierrors.NewInvalid(r.Kind.GroupKind(), name, field.ErrorList{
		field.Invalid(field.NewPath("spec", "clusterIPs"), []string{""}, cause)})
}

// prepareServiceCreate allocates the service's cluster IP, as kube-apiserver does after decoding it:
// clusterIP and clusterIPs, with a single-stack IPv4 family (the test cluster's), unless it is an
// ExternalName service.
func prepareServiceCreate(obj map[string]any) {
	spec := child(obj, "spec", true)
	if strField(spec, "type") == "ExternalName" {
		return
	}
	if needsClusterIP(spec) {
		spec["clusterIP"] = nextServiceIP()
	}
	setDefault(spec, "clusterIPs", []any{spec["clusterIP"]})
	family := "IPv4"
	if ip, err := netip.ParseAddr(strField(spec, "clusterIP")); err == nil && ip.Is6() {
		family = "IPv6"
	}
	setDefault(spec, "ipFamilies", []any{family})
	setDefault(spec, "ipFamilyPolicy", "SingleStack")
}

// prepareServiceUpdate keeps the allocated cluster IPs and families when the update leaves them
// out, as kube-apiserver does.
func prepareServiceUpdate(obj, old map[string]any) {
	spec, oldSpec := child(obj, "spec", true), child(old, "spec", false)
	if strField(oldSpec, "type") == "ExternalName" || strField(spec, "type") == "ExternalName" {
		return
	}
	if needsClusterIP(spec) && spec["clusterIPs"] == nil {
		for _, k := range []string{"clusterIP", "clusterIPs"} {
			if v, ok := oldSpec[k]; ok {
				spec[k] = runtime.DeepCopyJSONValue(v)
			}
		}
	}
	for _, k := range []string{"ipFamilies", "ipFamilyPolicy"} {
		if v, ok := oldSpec[k]; ok && spec[k] == nil {
			spec[k] = runtime.DeepCopyJSONValue(v)
		}
	}
}

// validateServiceUpdate refuses a change of an allocated cluster IP.
func validateServiceUpdate(obj, old map[string]any) field.ErrorList {
	spec, oldSpec := child(obj, "spec", false), child(old, "spec", false)
	oldIPs, _ := oldSpec["clusterIPs"].([]any)
	ips, _ := spec["clusterIPs"].([]any)
	if strField(oldSpec, "type") == "ExternalName" || strField(spec, "type") == "ExternalName" {
		return nil
	}
	var errs field.ErrorList
	for i := range oldIPs {
		if i >= len(ips) || !reflect.DeepEqual(ips[i], oldIPs[i]) {
			value := make([]string, len(ips))
			for j, ip := range ips {
				value[j], _ = ip.(string)
			}
			errs = append(errs, field.Invalid(field.NewPath("spec", "clusterIPs").Index(i), value, "may not change once set"))
		}
	}
	return errs
}
