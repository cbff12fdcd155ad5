package org.bson.conversions;

/** Present so the Catalog case compiles. */
public interface Bson {}
