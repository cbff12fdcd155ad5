package views

import "html/template"

// template.JS content is code; escaping it as HTML would break it: guidance only.
func Handler(code string) template.JS {
	return template.JS(code)
}
