package truepackage

// T is fine; the package tag is not.
type T struct{ P *int }
