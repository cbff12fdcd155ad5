package catalog

import (
	"strings"

	"github.com/antchfx/xmlquery"
)

func Lookup(doc *xmlquery.Node, sku, name string) {
	// each quote in the value is split out as "'" inside concat(): the value stays one string
	xmlquery.Find(doc, "//product[@sku=concat('"+strings.ReplaceAll(sku, "'", "', \"'\", '")+"', '')]") // ok: go-xpath-injection
	// quotes removed instead of split out: still concatenated into the expression text
	xmlquery.Find(doc, "//product[@sku='"+strings.ReplaceAll(sku, "'", "")+"']") // expect: go-xpath-injection
	// the first value is split out, the second is not
	xmlquery.Find(doc, "//product[@sku=concat('"+strings.ReplaceAll(sku, "'", "', \"'\", '")+"', '') and @name='"+name+"']") // expect: go-xpath-injection
}
