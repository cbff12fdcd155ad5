package com.mongodb.client;

/** Present so the Catalog case compiles. */
public interface FindIterable<T> {}
