const express = require("express");
const errorhandler = require("errorhandler");
const { ApolloServer } = require("@apollo/server");

const app = express();
app.use(errorhandler());

const server = new ApolloServer({ typeDefs, resolvers, includeStacktraceInErrorResponses: true });
