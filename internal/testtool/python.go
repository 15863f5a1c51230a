package testtool

import (
	"os/exec"
	"testing"
)

// PythonWith returns a python3 that imports module: Debian's own first,
// where apt-get installs python3-<module>, as a python3 earlier on PATH
// (a virtual environment, pyenv) does not see Debian's packages.
func PythonWith(t testing.TB, module, debianPackage string) string {
	t.Helper()
	for _, name := range []string{"/usr/bin/python3", "python3"} {
		path, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import "+module).Run() == nil {
			return path
		}
	}
	Missing(t, "python3 with "+module, "apt-get install "+debianPackage+" (.ci/run does)")
	return ""
}
