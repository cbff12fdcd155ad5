import jwt


def claims(token: str) -> dict:
    # Verification is switched off and no key is at hand: guidance only.
    return jwt.decode(token, options={"verify_signature": False})
