use sxd_xpath::evaluate_xpath;

fn lookup(doc: &sxd_document::dom::Document, sku: &str, name: &str) {
    // each quote in the value is split out as "'" inside concat(): the value stays one string
    let _ = evaluate_xpath(doc, &format!("//product[@sku=concat('{}', '')]", sku.replace('\'', "', \"'\", '"))); // ok: rust-xpath-injection
    // quotes removed instead of split out: still spliced into the expression text
    let _ = evaluate_xpath(doc, &format!("//product[@sku='{}']", sku.replace('\'', ""))); // expect: rust-xpath-injection
    // a second value that is not split out
    let _ = evaluate_xpath(doc, &format!("//product[@sku=concat('{}', '') and @name='{}']", sku.replace('\'', "', \"'\", '"), name)); // expect: rust-xpath-injection
}
