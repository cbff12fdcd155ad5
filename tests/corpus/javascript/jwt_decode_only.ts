// Claims read from tokens that nothing in this file verifies (TypeScript).
import jwt from "jsonwebtoken";
import * as jose from "jose";
import { Request, Response, NextFunction } from "express";

interface Claims {
  sub: string;
  exp?: number;
}

export function currentUser(req: Request, res: Response, next: NextFunction) {
  const token = (req.headers.authorization || "").replace(/^Bearer /, "");
  const claims = jwt.decode(token) as Claims | null; // expect: js-jwt-decode-unverified
  const viaJose = jose.decodeJwt(token); // expect: js-jwt-decode-unverified
  const unsecured = jose.UnsecuredJWT.decode(token); // expect: js-jwt-decode-unverified
  const header = jose.decodeProtectedHeader(token); // ok: js-jwt-decode-unverified
  const parts = decodeURIComponent(token); // ok: js-jwt-decode-unverified
  (req as any).user = { claims, viaJose, unsecured, header, parts };
  next();
}
