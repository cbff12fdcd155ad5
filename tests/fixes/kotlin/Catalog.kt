package com.example.shop.catalog

import com.mongodb.client.FindIterable
import com.mongodb.client.MongoCollection
import javax.xml.xpath.XPathFactory
import org.bson.Document
import org.w3c.dom.Node

class Catalog(private val products: MongoCollection<Document>, private val feed: Node) {
    fun inCategory(category: String, brand: String): FindIterable<Document> =
        products.find(Document.parse("{category: '$category', brand: '$brand', active: 'yes'}"))

    fun priceOf(sku: String): String {
        val xpath = XPathFactory.newInstance().newXPath()
        val price = xpath.evaluate("/feed/item[@sku='$sku']/price", feed)
        return price.trim()
    }
}
