package com.example.shop.catalog;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.w3c.dom.Node;

public class Catalog {
    private final MongoCollection<Document> products;
    private final Node feed;

    Catalog(MongoCollection<Document> products, Node feed) {
        this.products = products;
        this.feed = feed;
    }

    FindIterable<Document> inCategory(String category, String brand) {
        return products.find(new Document("category", String.valueOf(category)).append("brand", String.valueOf(brand)).append("active", "yes"));
    }

    String priceOf(String sku) throws XPathExpressionException {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setXPathVariableResolver(name -> "sku".equals(name.getLocalPart()) ? String.valueOf(sku) : null);
        String price = xpath.evaluate("/feed/item[@sku=$sku]/price", feed);
        return price.trim();
    }
}
