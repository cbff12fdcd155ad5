const express = require("express");
const lusca = require("lusca");
const csurf = require("csurf");

const app = express();
app.use(lusca({ csrf: true, xframe: "SAMEORIGIN" }));
app.use(csurf({ ignoreMethods: ["GET", "HEAD", "OPTIONS"] }));
