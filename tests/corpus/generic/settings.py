import os

AWS_ACCESS_KEY_ID = "AKIAZ3MNO4PQRSTUVWX1"  # expect: hardcoded-secret
STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dcQ2"  # expect: hardcoded-secret
db_password = "Tr0ub4dor&3-horse"  # expect: hardcoded-secret
DATABASE_URL = "postgres://app:Sup3rS3cr3tPw@db.internal:5432/app"  # expect: hardcoded-secret
EXAMPLE_KEY = "AKIAIOSFODNN7EXAMPLE"  # ok: hardcoded-secret
password = os.environ["DB_PASSWORD"]  # ok: hardcoded-secret
api_key = "your-api-key-here"  # ok: hardcoded-secret
token = "<TOKEN>"  # ok: hardcoded-secret
LOCAL_DB = "postgres://app:changeme@localhost/app"  # ok: hardcoded-secret
password_field = "password"  # ok: hardcoded-secret
