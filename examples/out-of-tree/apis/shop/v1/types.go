package v1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// +genclient
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// Order is a customer's order; its status is a subresource.
type Order struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   OrderSpec   `json:"spec,omitempty"`
	Status OrderStatus `json:"status,omitempty"`
}

// OrderSpec is what was ordered.
type OrderSpec struct {
	// Items maps article numbers to quantities.
	Items map[string]int32 `json:"items,omitempty"`
	// Warehouse names the cluster-scoped Warehouse that ships the order.
	Warehouse string `json:"warehouse,omitempty"`
}

// OrderStatus is how far the order got.
type OrderStatus struct {
	// Phase is Pending, Shipped or Delivered.
	Phase string `json:"phase,omitempty"`
	// ShippedAt is when the order left the warehouse.
	ShippedAt *metav1.Time `json:"shippedAt,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// OrderList is a list of Orders.
type OrderList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`

	Items []Order `json:"items"`
}

// +genclient
// +genclient:nonNamespaced
// +genclient:noStatus
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// Warehouse is a cluster-scoped place orders ship from.
type Warehouse struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Address is where the warehouse is.
	Address string `json:"address,omitempty"`
}

// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object

// WarehouseList is a list of Warehouses.
type WarehouseList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`

	Items []Warehouse `json:"items"`
}
