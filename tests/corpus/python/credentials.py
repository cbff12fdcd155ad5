"""Hardcoded passwords in client calls and literal signing keys; placeholders and env reads stay clean."""

import os

import smtplib
import boto3
import jwt
import hmac
import ldap3
import psycopg2
import pymysql
import mysql.connector
from sqlalchemy import create_engine
from pymongo import MongoClient

def f(payload, token, host):
    a = psycopg2.connect(host="db", user="app", password="root")  # expect: py-hardcoded-password
    b = pymysql.connect(host=host, user="root", passwd="toor", db="x")  # expect: py-hardcoded-password
    c = mysql.connector.connect(user="u", password="s3cret!", host=host)  # expect: py-hardcoded-password
    d = create_engine("postgresql://app:hunter2@db:5432/app")  # expect: py-hardcoded-password, hardcoded-secret
    e = psycopg2.connect("dbname=app user=app password=hunter2 host=db")  # expect: py-hardcoded-password
    s = smtplib.SMTP("smtp.x.com", 587)
    s.login("me@x.com", "mailpass")  # expect: py-hardcoded-password
    l = ldap3.Connection(server, user="cn=admin,dc=x", password="adminpw")  # expect: py-hardcoded-password
    l2 = ldap3.Connection(server, "cn=admin,dc=x", "adminpw")  # expect: py-hardcoded-password
    k = boto3.client("s3", aws_access_key_id="AKIAXXXX", aws_secret_access_key="wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY")  # expect: py-hardcoded-password
    m = MongoClient("mongodb://admin:pass123@mongo:27017/")  # expect: py-hardcoded-password
    t = jwt.encode(payload, "secret", algorithm="HS256")  # expect: py-hardcoded-signing-key
    t2 = jwt.decode(token, "secret", algorithms=["HS256"])  # expect: py-hardcoded-signing-key
    h = hmac.new(b"static-key", payload, "sha256")  # expect: py-hardcoded-signing-key
    o1 = psycopg2.connect(host="db", user="app", password=os.environ["DB_PASSWORD"])  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o2 = psycopg2.connect(host="db", user="app", password="")  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o3 = pymysql.connect(host=host, user="root", passwd="changeme")  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o4 = create_engine("postgresql://app:<password>@db/app")  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o5 = create_engine(f"postgresql://app:{os.environ['PW']}@db/app")  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o6 = create_engine("sqlite:///app.db")  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o7 = jwt.encode(payload, os.environ["JWT_SECRET"], algorithm="HS256")  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o8 = jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"])  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o9 = create_engine("postgresql://app:${DB_PASSWORD}@db/app")  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o10 = s.login(user, password)  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o11 = MongoClient("mongodb://mongo:27017/")  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o12 = boto3.client("s3")  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o13 = create_engine("postgresql://app@db/app")  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o14 = mysql.connector.connect(user="u", password=settings.DB_PASSWORD)  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o15 = jwt.encode(payload, key=config["secret"])  # ok: py-hardcoded-password, py-hardcoded-signing-key
    o16 = requests.post(url, data={"password": "x"})  # ok: py-hardcoded-password, py-hardcoded-signing-key


def routing_is_not_a_login(url_map):
    # Werkzeug's Map.bind(server_name, script_name) binds a URL map, not a directory login
    return url_map.bind("example.org", "/")  # ok: py-hardcoded-password
