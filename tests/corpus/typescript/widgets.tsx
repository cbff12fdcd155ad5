import React, { useEffect, useRef } from "react";
import DOMPurify from "dompurify";
import { marked } from "marked";

type Props = { bio: string; comment: string; title: string };

export function Profile({ bio, comment, title }: Props) {
  const hash = window.location.hash.slice(1);
  return (
    <section>
      <div dangerouslySetInnerHTML={{ __html: bio }} /> {/* expect: js-innerhtml-xss */}
      <div dangerouslySetInnerHTML={{ __html: marked.parse(comment) }} /> {/* expect: js-innerhtml-xss */}
      <p dangerouslySetInnerHTML={{ __html: decodeURIComponent(hash) }} /> {/* expect: js-innerhtml-xss */}
      <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(bio) }} /> {/* ok: js-innerhtml-xss */}
      <div dangerouslySetInnerHTML={{ __html: "<hr/>" }} /> {/* ok: js-innerhtml-xss */}
      <h1>{title}</h1> {/* ok: js-innerhtml-xss */}
      <p>{comment}</p> {/* ok: js-innerhtml-xss */}
    </section>
  );
}

export function Preview({ html }: { html: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current) {
      ref.current.innerHTML = html; // ok: js-innerhtml-xss
      ref.current.innerHTML = `<article>${html}</article>`; // expect: js-innerhtml-xss
      ref.current.textContent = html; // ok: js-innerhtml-xss
    }
  }, [html]);
  return <div ref={ref} />;
}
