"""Starlette/FastAPI responses default to SameSite=Lax; Django and Flask send no SameSite at all."""

from fastapi import FastAPI, Response

app = FastAPI()


@app.post("/login")
def login(response: Response) -> dict[str, bool]:
    response.set_cookie("sid", "opaque", secure=True, httponly=True)  # ok: py-cookie-missing-samesite
    response.set_cookie("pref", "dark", secure=True, httponly=True, samesite="strict")  # ok: py-cookie-missing-samesite
    return {"ok": True}
