import os

import requests

STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dcQ2"


def charge(amount: int):
    return requests.post("https://api.example.com/charge", json={"amount": amount}, auth=(STRIPE_KEY, ""))
