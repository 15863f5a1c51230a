//go:build !unix

package render

// lockDir does nothing where flock is missing: concurrent builds into one
// folder are not supported there.
func lockDir(dir string) (unlock func(), err error) { return func() {}, nil }
