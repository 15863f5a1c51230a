//go:build !unix

package journal

// LockDir does nothing where flock is missing: two policyc commands writing
// one policy tree at once are not supported there.
func LockDir(dir string) (unlock func(), err error) { return func() {}, nil }

// syncDir does nothing where folders cannot be synced.
func syncDir(dir string) error { return nil }
