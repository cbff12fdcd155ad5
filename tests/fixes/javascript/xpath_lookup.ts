import express, { Request, Response } from "express";
import * as xpath from "xpath";
import { DOMParser } from "@xmldom/xmldom";

const app = express();
const doc = new DOMParser().parseFromString("<users/>", "text/xml");

app.get("/user", (req: Request, res: Response) => {
  const name = req.query.name as string;
  const found = xpath.select("//user[name='" + name + "']", doc);
  const admin = xpath.select1(`//user[@role="admin" and email="${req.query.email}"]`, doc);
  res.json({ found, admin });
});
