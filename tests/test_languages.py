"""Language detection on realistic snippets, and a clear refusal for code vsguard cannot parse."""

from __future__ import annotations

from pathlib import Path

import pytest

from vsguard.engine.languages import (
    GRAMMARS,
    UnsupportedLanguage,
    detect,
    from_content,
    from_filename,
    normalize,
    require_language,
)
from vsguard.engine.scanner import scan_source

SNIPPETS: dict[str, list[str]] = {
    "python": [
        """import sqlite3

def find_user(conn, name):
    cur = conn.cursor()
    cur.execute("SELECT * FROM users WHERE name = ?", (name,))
    return cur.fetchone()
""",
        """from flask import Flask, request

app = Flask(__name__)

@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    return f"Hello {name}"
""",
        """class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("amount must be positive")
        self.balance += amount
""",
    ],
    "javascript": [
        """const express = require("express");
const app = express();

app.get("/users/:id", async (req, res) => {
  const user = await db.query("SELECT * FROM users WHERE id = $1", [req.params.id]);
  res.json(user.rows[0]);
});

module.exports = app;
""",
        """document.querySelector("#go").addEventListener("click", function () {
  const name = document.getElementById("name").value;
  console.log("hello", name);
});
""",
        """import { readFile } from "node:fs/promises";

export default async function loadConfig(path) {
  const text = await readFile(path, "utf8");
  return JSON.parse(text);
}
""",
    ],
    "typescript": [
        """import express, { Request, Response } from "express";

interface User {
  id: number;
  name: string;
}

export async function getUser(req: Request, res: Response): Promise<void> {
  const id: number = Number(req.params.id);
  res.json({ id });
}
""",
        """export type Role = "admin" | "user";

export class Session {
  constructor(private readonly token: string, public role: Role) {}

  isAdmin(): boolean {
    return this.role === "admin";
  }
}
""",
    ],
    "tsx": [
        """import React from "react";

interface Props {
  name: string;
  count: number;
}

export function Greeting({ name, count }: Props): JSX.Element {
  return (
    <div className="greeting">
      Hello {name}, you have {count} messages
    </div>
  );
}
""",
    ],
    "java": [
        """package com.example.users;

import java.sql.Connection;
import java.sql.PreparedStatement;

public class UserDao {
    private final Connection conn;

    public UserDao(Connection conn) {
        this.conn = conn;
    }

    public void delete(long id) throws Exception {
        PreparedStatement ps = conn.prepareStatement("DELETE FROM users WHERE id = ?");
        ps.setLong(1, id);
        ps.executeUpdate();
    }
}
""",
        """public class Main {
    public static void main(String[] args) {
        System.out.println("Hello " + args[0]);
    }
}
""",
    ],
    "kotlin": [
        """package com.example

import java.sql.Connection

data class User(val id: Long, val name: String)

class UserRepository(private val conn: Connection) {
    fun find(id: Long): User? {
        val st = conn.prepareStatement("SELECT name FROM users WHERE id = ?")
        st.setLong(1, id)
        val rs = st.executeQuery()
        return if (rs.next()) User(id, rs.getString(1)) else null
    }
}
""",
        """fun main() {
    val names = listOf("ada", "grace")
    names.forEach { println("hello $it") }
}
""",
    ],
    "go": [
        """package main

import (
	"database/sql"
	"fmt"
)

func findUser(db *sql.DB, name string) error {
	row := db.QueryRow("SELECT id FROM users WHERE name = $1", name)
	var id int
	if err := row.Scan(&id); err != nil {
		return err
	}
	fmt.Println(id)
	return nil
}
""",
        """func handler(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	if name == "" {
		http.Error(w, "missing name", http.StatusBadRequest)
		return
	}
	fmt.Fprintf(w, "hello %s", name)
}
""",
    ],
    "php": [
        """<?php
$id = $_GET['id'];
$stmt = $pdo->prepare("SELECT * FROM users WHERE id = ?");
$stmt->execute([$id]);
echo htmlspecialchars($stmt->fetch()['name']);
""",
        """class UserController extends Controller
{
    public function show($id)
    {
        $user = $this->users->find($id);
        return view('user', ['user' => $user]);
    }
}
""",
    ],
    "ruby": [
        """require 'sinatra'

get '/hello' do
  name = params[:name]
  "Hello #{name}"
end
""",
        """class User < ApplicationRecord
  has_many :posts
  attr_accessor :nickname

  def display_name
    if nickname
      nickname
    elsif name
      name
    else
      email
    end
  end
end
""",
    ],
    "csharp": [
        """using System;
using Microsoft.AspNetCore.Mvc;

namespace Shop.Controllers
{
    [ApiController]
    [Route("api/[controller]")]
    public class OrdersController : ControllerBase
    {
        [HttpGet("{id}")]
        public async Task<IActionResult> Get(int id)
        {
            var order = await _db.Orders.FindAsync(id);
            return Ok(order);
        }
    }
}
""",
        """public class Order
{
    public int Id { get; set; }
    public string Customer { get; set; }
    public decimal Total { get; init; }
}
""",
    ],
    "c": [
        """#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    char buf[64];
    if (argc < 2)
        return 1;
    strncpy(buf, argv[1], sizeof buf - 1);
    buf[sizeof buf - 1] = '\\0';
    printf("%s\\n", buf);
    return 0;
}
""",
    ],
    "cpp": [
        """#include <iostream>
#include <string>
#include <vector>

int main() {
    std::vector<std::string> names{"ada", "grace"};
    for (const auto& n : names) {
        std::cout << "hello " << n << std::endl;
    }
    return 0;
}
""",
        """class Buffer {
public:
    explicit Buffer(std::size_t n) : data_(new char[n]), size_(n) {}
    ~Buffer() { delete[] data_; }
private:
    char* data_ = nullptr;
    std::size_t size_;
};
""",
    ],
    "rust": [
        """use std::fs;
use std::io::Result;

fn read_config(path: &str) -> Result<String> {
    let mut text = fs::read_to_string(path)?;
    text.push('\\n');
    Ok(text)
}

fn main() {
    println!("{}", read_config("app.toml").unwrap());
}
""",
        """#[derive(Debug, Clone)]
pub struct User {
    pub id: u64,
    pub name: String,
}

impl User {
    pub fn new(id: u64, name: &str) -> Self {
        User { id, name: name.to_string() }
    }
}
""",
    ],
    "dockerfile": [
        """FROM node:20-alpine AS deps
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev

FROM node:20-alpine
COPY --from=deps /app/node_modules ./node_modules
USER node
CMD ["node", "server.js"]
""",
        """FROM python:3.12-slim
RUN pip install --no-cache-dir flask
EXPOSE 8000
""",
    ],
    "github-actions": [
        """name: test
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
""",
        """on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-22.04
    environment: production
    steps:
      - run: ./deploy.sh ${{ github.sha }}
""",
    ],
}


def _cases() -> list[tuple[str, str]]:
    return [(lang, code) for lang, codes in SNIPPETS.items() for code in codes]


def test_every_supported_language_has_snippets() -> None:
    assert set(SNIPPETS) == set(GRAMMARS)


@pytest.mark.parametrize(("expected", "code"), _cases(), ids=lambda v: v if v in SNIPPETS else "")
def test_content_detection(expected: str, code: str) -> None:
    assert from_content(code) == expected


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("app.py", "python"),
        ("types.pyi", "python"),
        ("server.mjs", "javascript"),
        ("view.tsx", "tsx"),
        ("Main.java", "java"),
        ("build.gradle.kts", "kotlin"),
        ("main.go", "go"),
        ("index.phtml", "php"),
        ("Rakefile", "ruby"),
        ("Program.cs", "csharp"),
        ("lib.rs", "rust"),
        ("vector.hpp", "cpp"),
    ],
)
def test_filename_detection(filename: str, expected: str) -> None:
    assert from_filename(filename) == expected


def test_filename_wins_over_content() -> None:
    assert detect(SNIPPETS["python"][0], "script.rb") == "ruby"


def test_header_file_is_cpp_when_its_content_is() -> None:
    assert detect(SNIPPETS["cpp"][1], "buffer.h") == "cpp"
    assert detect("#include <stdio.h>\nint add(int a, int b);\n", "add.h") == "c"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("#!/usr/bin/env python3\nprint('hi')\n", "python"),
        ("#!/usr/bin/env node\nconsole.log('hi')\n", "javascript"),
        ("#!/usr/bin/env -S deno run\nconst x: number = 1\n", "typescript"),
        ("#!/usr/bin/ruby\nputs 'hi'\n", "ruby"),
        ("#!/usr/bin/env php\n<?php echo 1;\n", "php"),
        ("#!/bin/bash\necho hi\n", None),
    ],
)
def test_shebang(code: str, expected: str | None) -> None:
    assert from_content(code) == expected


@pytest.mark.parametrize(
    "code",
    [
        "",
        "hello world, this is plain prose and not a program.\n",
        "x = 1\n",
        "SELECT id, name FROM users WHERE id = 42;\n",
        '<!DOCTYPE html>\n<html><body><div id="app"></div></body></html>\n',
        'import SwiftUI\n\nstruct ContentView: View {\n    var body: some View { Text("hi") }\n}\n'
        "guard let x = y else { return }\n",
    ],
)
def test_unclear_or_foreign_code_is_not_guessed(code: str) -> None:
    assert from_content(code) is None


def test_foreign_language_gets_a_clear_refusal() -> None:
    with pytest.raises(UnsupportedLanguage, match="looks like SQL, which vsguard cannot parse"):
        require_language("SELECT * FROM users WHERE name = 'x';\n")
    with pytest.raises(UnsupportedLanguage, match="looks like shell script"):
        require_language("echo hi\n", "deploy.sh")
    with pytest.raises(UnsupportedLanguage, match="could not tell the language"):
        require_language("hello world\n")


def test_scan_without_language_argument_detects_or_refuses() -> None:
    result = scan_source('package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi")\n}\n')
    assert result.language == "go"
    with pytest.raises(UnsupportedLanguage, match="cannot parse"):
        scan_source("SELECT * FROM users;\n")


def test_normalize_aliases_and_refusal() -> None:
    assert normalize("C#") == "csharp"
    assert normalize("golang") == "go"
    with pytest.raises(UnsupportedLanguage, match="supported:"):
        normalize("cobol")


def _real_files() -> list[Path]:
    root = Path(__file__).parent.parent
    found = [p for folder in ("tests/corpus", "examples") for p in (root / folder).rglob("*") if p.is_file()]
    return sorted(
        p for p in found if from_filename(p.name) and len(p.read_text(encoding="utf-8").splitlines()) >= 5
    )


@pytest.mark.parametrize("path", _real_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_content_detection_agrees_with_the_extension_on_real_files(path) -> None:
    assert from_content(path.read_text(encoding="utf-8")) == from_filename(path.name)


def test_language_from_free_text_context() -> None:
    from vsguard.engine.languages import from_context

    assert from_context("Flask login form with remember-me") == "python"
    assert from_context("Express route, ready to go") == "javascript"
    assert from_context("an endpoint written in TypeScript") == "typescript"
    assert from_context("a Go service") == "go"
    assert from_context("C# controller") == "csharp"
    assert from_context("we go to c level") is None
    assert from_context(None) is None
