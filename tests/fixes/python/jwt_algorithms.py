import jwt

SIGNING_KEY = open("/run/secrets/jwt_key").read()


def claims(token: str) -> dict:
    return jwt.decode(token, SIGNING_KEY, algorithms=["HS256", "none"])
