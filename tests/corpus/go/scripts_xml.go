package scripts

import (
	"encoding/xml"
	"net/http"

	"github.com/dop251/goja"
	"github.com/lestrrat-go/libxml2"
	"github.com/lestrrat-go/libxml2/parser"
	"github.com/robertkrimen/otto"
)

const scoring = "score = points * 2"

func Eval(r *http.Request, rule string) {
	vm := goja.New()
	vm.RunString(r.FormValue("expr")) // expect: go-script-eval
	vm.RunString("var total = " + rule) // expect: go-script-eval
	vm.RunString(scoring) // ok: go-script-eval
	vm.Set("input", rule)
	vm.RunString("input.trim()") // ok: go-script-eval
	goja.Compile("rule.js", "1 + 1", true) // ok: go-script-eval
	o := otto.New()
	o.Run(rule) // expect: go-script-eval
	o.Run("1 + 2") // ok: go-script-eval
}

func Parse(body []byte) {
	p := parser.New(parser.XMLParseNoEnt) // expect: go-libxml2-entities
	p.Parse(body)
	libxml2.Parse(body, parser.XMLParseDTDLoad|parser.XMLParseNoNet) // expect: go-libxml2-entities
	parser.New(parser.XMLParseNoNet) // ok: go-libxml2-entities
	parser.New(parser.XMLParseNoBlanks) // ok: go-libxml2-entities
	var v struct{ Name string }
	xml.Unmarshal(body, &v) // ok: go-libxml2-entities
	libxml2.Parse(body, parser.XMLParseRecover, parser.XMLParseNoEnt) // expect: go-libxml2-entities
}
