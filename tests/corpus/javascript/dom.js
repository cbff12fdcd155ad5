function render(el, userInput, comment) {
  el.innerHTML = userInput; // ok: js-innerhtml-xss
  el.innerHTML = `<p>${userInput}</p>`; // expect: js-innerhtml-xss
  document.getElementById("c").outerHTML = "<p>" + comment + "</p>"; // expect: js-innerhtml-xss
  el.insertAdjacentHTML("beforeend", `<li>${userInput}</li>`); // expect: js-innerhtml-xss
  document.write(location.hash.slice(1)); // expect: js-innerhtml-xss
  el.innerHTML = "<b>static</b>"; // ok: js-innerhtml-xss
  el.innerHTML = DOMPurify.sanitize(userInput); // ok: js-innerhtml-xss
  el.textContent = userInput; // ok: js-innerhtml-xss
  const label = "<i>fixed</i>";
  el.innerHTML = label; // ok: js-innerhtml-xss
}
