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

# Precision: values that name, describe, hash or mimic a credential without being one.
RESET_SESSION_KEY = "_reset_flow_token"  # ok: hardcoded-secret
login_password = "not a real password"  # ok: hardcoded-secret
owner_password_hash = "pbkdf2_sha256$600000$Qm9ndXNTYWx0$Zm9vYmFyYmF6cXV4cXV1eHh5eg=="  # ok: hardcoded-secret
stored_password = "$2b$12$abcdEFGHijklMNOPqrstuOv1w2x3y4z5A6B7C8D9E0F1G2H3I4J5K"  # ok: hardcoded-secret
auth_token = "Bearer 42"  # ok: hardcoded-secret
CSRF_TOKEN = "7mnopqrstu8mnopqrstu9mnopqrstu0mnopqrstu"  # ok: hardcoded-secret
admin_password = "contraseña"  # ok: hardcoded-secret
user_password = "password42"  # ok: hardcoded-secret
ORDER_TOKEN = "Lemon-7"  # ok: hardcoded-secret
fallbackPass = "mergeWith"  # ok: hardcoded-secret
home_token = "%USERPROFILE%\\cache"  # ok: hardcoded-secret
DEMO_DB = "oracle://scott:tiger@dbhost/orcl"  # ok: hardcoded-secret
service_token = "Bearer 9fQ2xLw7Zk3RtB8mVn4cYp6HsJd1"  # expect: hardcoded-secret
smtp_password = "Gr4nite!Lake"  # expect: hardcoded-secret
REPORTS_CONN_STRING = "Driver={ODBC Driver 18};Server=reports;Uid=app;Pwd=password"  # ok: hardcoded-secret
LEDGER_CONN_STRING = "Driver={ODBC Driver 18};Server=ledger;Uid=app;Pwd=Qz7!vR2mWk9p"  # expect: hardcoded-secret
LOCK_TOKEN = "urn:uuid:3f2b8c1e-77aa-4d1c-9e0f-5b6a7c8d9e0f"  # ok: hardcoded-secret
