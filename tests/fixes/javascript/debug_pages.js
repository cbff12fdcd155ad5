const express = require("express");
const errorhandler = require("errorhandler");
const { ApolloServer } = require("@apollo/server");

const app = express();
const typeDefs = "type Query { ok: Boolean }";
const resolvers = { Query: { ok: () => true } };
app.use(errorhandler());

const server = new ApolloServer({ typeDefs, resolvers, includeStacktraceInErrorResponses: true });
