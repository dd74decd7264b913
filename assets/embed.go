// Package assets holds the admin's static files — vendored htmx and Pico
// CSS, the embedded fonts, the admin stylesheet — compiled into the binary so
// that `go build` needs nothing else, not even Node.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed static
var files embed.FS

// Static is the tree served under /admin/assets/.
var Static, _ = fs.Sub(files, "static")
