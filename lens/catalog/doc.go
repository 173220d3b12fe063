// Package catalog holds lenses ready to install: the specialty lenses
// embedded in wat (Builtin) and the folders of lenses a team adds with
// `wat serve --lens-catalog DIR` (Load).
//
// A catalog is a folder of lens documents in the AWS custom-lens format
// with an optional index, catalog.yaml, which names, describes, categorises
// and versions each entry and records where it comes from. A document is
// kept exactly as its authors published it; when it does not pass the
// format, the index lists the smallest repairs that make it pass (a
// missing default risk rule, a bare NaN), each with why, and they are
// applied when the catalog is read. So the upstream file stays comparable
// with its source byte for byte, and every change wat made to it is data a
// user can read and a test can check. Pillars and question counts are
// worked out from the document, never typed.
//
// Every document is validated by lens.Validate, the rules and messages of
// ImportLens: a team's folder with a bad file is refused as a whole, with
// each file and problem named, so that an operator learns of it when the
// server starts rather than a user when installing.
//
// Installing an entry into an account is a use case (service's
// InstallCatalogLens); this package does no I/O beyond the fs.FS it is
// given and keeps no state but the embedded catalog, read once.
package catalog
