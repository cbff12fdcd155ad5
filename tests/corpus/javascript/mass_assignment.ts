// Mass assignment: every key of the request body becomes a model field (TypeScript).
import express, { Request, Response } from "express";
import _ from "lodash";
import { PrismaClient } from "@prisma/client";
import { User, Order } from "./models";

const app = express();
const prisma = new PrismaClient();

interface ProfileInput {
  name: string;
  email: string;
}
type Handler = (req: Request, res: Response) => Promise<void>;

app.post("/users", async (req: Request, res: Response) => {
  const created = await User.create(req.body); // expect: js-mass-assignment
  const doc = new User(req.body); // expect: js-mass-assignment
  await User.findByIdAndUpdate(req.params.id, req.body); // expect: js-mass-assignment
  await Order.update(req.body, { where: { id: req.params.id } }); // expect: js-mass-assignment
  await prisma.user.update({ where: { id: req.params.id }, data: req.body }); // expect: js-mass-assignment
  const user = await User.findById(req.params.id);
  user.set(req.body); // expect: js-mass-assignment
  res.json({ created, doc });
});

app.post("/users/safe", async (req: Request, res: Response) => {
  const { name, email } = req.body;
  const created = await User.create({ name, email }); // ok: js-mass-assignment
  const doc = new User({ name: req.body.name, email: req.body.email }); // ok: js-mass-assignment
  await User.findByIdAndUpdate(req.params.id, { $set: { name: req.body.name } }); // ok: js-mass-assignment
  await User.findByIdAndUpdate(req.params.id, _.pick(req.body, ["name", "email"])); // ok: js-mass-assignment
  await prisma.user.update({ where: { id: req.params.id }, data: { name: String(req.body.name) } }); // ok: js-mass-assignment
  const user = await User.findById(req.params.id);
  user.set("name", req.body.name); // ok: js-mass-assignment
  const err = new ValidationError(req.body); // ok: js-mass-assignment
  res.json({ created, doc, err });
});

app.post("/drafts", async (req: Request, res: Response) => {
  const copy = Object.create(req.body); // ok: js-mass-assignment
  const message = new Notice(`Draft: ${req.body.text}`); // ok: js-mass-assignment
  const parsed = new URLSearchParams(req.body); // ok: js-mass-assignment
  res.json({ copy, message, parsed });
});
