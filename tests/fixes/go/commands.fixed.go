package tools

import (
	"fmt"
	"html/template"
	"os/exec"
)

func Archive(name string, dir string) ([]byte, error) {
	return exec.Command("tar", "-czf", name + ".tar.gz", dir).Output()
}

func Head(path string, lines int) ([]byte, error) {
	return exec.Command("head", "-n", fmt.Sprint(lines), path).Output()
}

func Greeting(name string) template.HTML {
	return template.HTML(template.HTMLEscapeString(name))
}
