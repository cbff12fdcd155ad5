import os

import requests

STRIPE_KEY = os.environ["STRIPE_KEY"]


def charge(amount: int):
    return requests.post("https://api.example.com/charge", json={"amount": amount}, auth=(STRIPE_KEY, ""))
