// Package wat holds the domain of wat, a self-hosted Well-Architected Tool:
// workloads, lens reviews, answers, risks, milestones and tags, and the small
// error taxonomy every layer speaks. It imports no I/O: the wire API
// (package api), the storage adapters (package sqlstore) and the use cases
// (package service) are built around these types.
package wat
