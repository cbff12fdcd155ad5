package com.example.shop.legacy

import java.io.File
import javax.servlet.http.HttpServletResponse
import javax.xml.xpath.XPath
import org.springframework.web.bind.annotation.RequestParam
import org.w3c.dom.Node

// Spots where a mechanical rewrite would not compile or would change behaviour: guidance only.
class Unfixable(private val xpath: XPath, private val feed: Node) {
    // The value sits in the expression without quotes, so as a variable it would change type.
    fun stock(sku: String): String = xpath.evaluate("/feed/item[@id=$sku]/stock", feed)

    // The target may be null.
    fun bounce(@RequestParam(required = false) next: String?, response: HttpServletResponse) {
        response.sendRedirect(next)
    }

    // A seeded generator reproduces its sequence on purpose.
    fun sample(): Int {
        val sessionToken = java.util.Random(42).nextInt()
        return sessionToken
    }

    // The same /tmp path is read back elsewhere: a fresh name would split writer and reader.
    fun save(text: String) = File("/tmp/shop-cache.txt").writeText(text)

    fun load(): String = File("/tmp/shop-cache.txt").readText()
}
