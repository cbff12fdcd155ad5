package tools

import (
	"fmt"
	"html/template"
	"os/exec"
)

func Archive(name string, dir string) ([]byte, error) {
	return exec.Command("sh", "-c", "tar -czf '"+name+".tar.gz' "+dir).Output()
}

func Head(path string, lines int) ([]byte, error) {
	return exec.Command("bash", "-c", fmt.Sprintf("head -n %d %s", lines, path)).Output()
}

func Greeting(name string) template.HTML {
	return template.HTML(name)
}
