import assert from "node:assert/strict";
import { test } from "node:test";
import { html, raw } from "./html.ts";

test("interpolations are escaped by default", () => {
  const hostile = `<script>alert("x")</script>&'`;
  assert.equal(
    html`<p>${hostile}</p>`.value,
    "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>",
  );
});

test("nested templates and arrays are not double-escaped; raw passes through", () => {
  const items = ["a<b", "c"].map((x) => html`<li>${x}</li>`);
  assert.equal(html`<ul>${items}</ul>${raw("<hr>")}`.value, "<ul><li>a&lt;b</li><li>c</li></ul><hr>");
});

test("attribute context: quotes cannot break out", () => {
  const v = `" onmouseover="x`;
  assert.equal(html`<a title="${v}">`.value, `<a title="&quot; onmouseover=&quot;x">`);
});

test("null, undefined and false render nothing; numbers render", () => {
  assert.equal(html`${null}${undefined}${false}${0}`.value, "0");
});
