// Package v1 is a fixture of API types with every marker the schema honours.
//
// +groupName=widgets.example.com
// +k8s:openapi-model-package=com.example.widgets.v1
package v1
