import express, { Request, Response } from "express";
import * as xpath from "xpath";
import { DOMParser } from "@xmldom/xmldom";

const app = express();
const doc = new DOMParser().parseFromString("<users/>", "text/xml");

app.get("/user", (req: Request, res: Response) => {
  const name = req.query.name as string;
  const found = xpath.parse("//user[name=$name]").evaluate({ node: doc, variables: { name: name } });
  const admin = xpath.parse(`//user[@role="admin" and email=$email]`).select1({ node: doc, variables: { email: req.query.email } });
  res.json({ found, admin });
});
