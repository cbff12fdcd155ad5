package com.mongodb.client;

/** Present so the Catalog case compiles; the driver runs its XPath lookup only. */
public interface MongoCollection<T> {
    FindIterable<T> find(org.bson.conversions.Bson filter);
}
