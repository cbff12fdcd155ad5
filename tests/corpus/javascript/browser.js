import DOMPurify from "dompurify";

const out = document.getElementById("out");
const params = new URLSearchParams(window.location.search);

function showHash() {
  const fragment = decodeURIComponent(location.hash.slice(1));
  out.innerHTML = fragment; // expect: js-innerhtml-xss
  out.insertAdjacentHTML("beforeend", "<li>" + params.get("q") + "</li>"); // expect: js-innerhtml-xss
  document.write("<p>" + document.referrer + "</p>"); // expect: js-innerhtml-xss
  out.textContent = fragment; // ok: js-innerhtml-xss
  out.innerHTML = DOMPurify.sanitize(fragment); // ok: js-innerhtml-xss
  out.innerHTML = "<em>loading</em>"; // ok: js-innerhtml-xss
  out.innerHTML = document.getElementById("tpl").innerHTML; // ok: js-innerhtml-xss
  out.innerText = params.get("q"); // ok: js-innerhtml-xss
}

window.addEventListener("message", (event) => {
  eval(event.data); // expect: js-eval
  setTimeout("render('" + event.data + "')", 10); // expect: js-eval
  new Function("return " + event.data.expr)(); // expect: js-eval
  const parsed = JSON.parse(event.data); // ok: js-eval
  setTimeout(() => render(parsed), 10); // ok: js-eval
  eval("1 + 1"); // ok: js-eval
});

function navigate() {
  const next = params.get("next");
  window.location.href = next; // expect: js-open-redirect
  location.assign(location.hash.slice(1)); // expect: js-open-redirect
  window.location = params.get("return"); // expect: js-open-redirect
  window.location.href = "/home"; // ok: js-open-redirect
  location.assign("/search?q=" + encodeURIComponent(params.get("q"))); // ok: js-open-redirect
  location.replace("https://example.com/"); // ok: js-open-redirect
}

function restore() {
  const state = serialize.unserialize(localStorage.getItem("state")); // expect: js-unsafe-deserialization
  return state;
}
