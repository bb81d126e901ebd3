// The kiosk page. Plain JavaScript, no build step.
//
// Privacy: the conversation lives only in this page's memory (the log and the
// opaque context token). Nothing goes to cookies or web storage; after
// `idle_seconds` without input, or on "Start over", all of it is wiped.
// Safety: every text is set with textContent, never parsed as HTML.
"use strict";

(() => {
  const byId = (id) => document.getElementById(id);
  const log = byId("log");
  const form = byId("ask");
  const input = byId("text");
  const sendButton = byId("send");
  const topicList = byId("topics");
  const restartButton = byId("restart");

  const KINDS = ["crisis", "emergency", "refusal", "answer", "clarify", "smalltalk", "fallback"];
  const BANNER_LABELS = {
    emergency: "Emergency",
    crisis: "You are not alone. Help is available now.",
  };
  // Phone numbers in a banner headline: "911", "988", "1-800-222-1222", "116 123".
  const PHONE = /(\+?\d[\d -]{1,14}\d|\b\d{3}\b)/g;

  let config = { idle_seconds: 120, welcome: "Ask me a question about baclofen.", featured: [] };
  let context = null; // the token from the last reply: memory only
  let generation = 0; // bumped on every reset, so a late reply is dropped
  let busy = false;
  let idleTimer = null;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Lines become paragraphs; lines starting "- " become a list.
  function renderText(parent, text) {
    let list = null;
    for (const raw of text.split("\n")) {
      const line = raw.trim();
      if (!line) {
        list = null;
      } else if (line.startsWith("- ")) {
        if (!list) parent.append((list = el("ul")));
        list.append(el("li", "", line.slice(2)));
      } else {
        list = null;
        parent.append(el("p", "", line));
      }
    }
  }

  // The headline, with phone numbers in larger type (text nodes only).
  function headline(text) {
    const node = el("p", "headline");
    let last = 0;
    for (const match of text.matchAll(PHONE)) {
      node.append(document.createTextNode(text.slice(last, match.index)));
      node.append(el("strong", "number", match[0]));
      last = match.index + match[0].length;
    }
    node.append(document.createTextNode(text.slice(last)));
    return node;
  }

  function scrollTo(node) {
    log.scrollTop = Math.max(0, node.offsetTop - 12);
  }

  function addUser(text) {
    const msg = el("div", "msg user");
    msg.append(el("p", "who", "You asked"), el("p", "said", text));
    log.append(msg);
    scrollTo(msg);
  }

  function addNotice(text) {
    const msg = el("div", "msg notice");
    msg.append(el("p", "", text));
    log.append(msg);
    scrollTo(msg);
  }

  function addReply(reply, anchor) {
    const kind = KINDS.includes(reply.kind) ? reply.kind : "fallback";
    const msg = el("div", "msg bot kind-" + kind);
    msg.dataset.kind = kind;
    if (typeof reply.topic === "string") msg.dataset.topic = reply.topic;
    if (BANNER_LABELS[kind]) {
      msg.classList.add("banner");
      msg.setAttribute("role", "alert");
      const [first, ...rest] = String(reply.text).split("\n");
      msg.append(el("p", "banner-label", BANNER_LABELS[kind]), headline(first));
      renderText(msg, rest.join("\n"));
    } else {
      renderText(msg, String(reply.text));
    }

    const sources = Array.isArray(reply.sources) ? reply.sources : [];
    if (sources.length) {
      const box = el("div", "sources");
      box.append(el("p", "sources-title", "Sources"));
      const list = el("ul");
      for (const s of sources) {
        const item = el("li");
        // offline kiosk: the address is shown as text, not a link that would leave the page
        item.append(el("span", "source-name", String(s.title)), el("span", "source-url", String(s.url)));
        list.append(item);
      }
      box.append(list);
      if (typeof reply.reviewed === "string") {
        box.append(el("p", "sources-reviewed", "Last checked against these sources: " + reply.reviewed + "."));
      }
      msg.append(box);
    }

    const labels = [];
    for (const c of Array.isArray(reply.choices) ? reply.choices : []) labels.push(String(c.title));
    for (const s of Array.isArray(reply.suggestions) ? reply.suggestions : []) {
      if (!labels.includes(String(s))) labels.push(String(s));
    }
    if (labels.length) {
      const box = el("div", "followups");
      box.append(el("p", "followups-title", kind === "clarify" ? "Choose one:" : "You could also ask about:"));
      const row = el("div", "button-row");
      for (const label of labels) row.append(askButton(label, "followup"));
      box.append(row);
      msg.append(box);
    }
    log.append(msg);
    scrollTo(anchor && anchor.isConnected ? anchor : msg);
  }

  function askButton(label, className) {
    const button = el("button", className, label);
    button.type = "button";
    button.addEventListener("click", () => ask(label));
    return button;
  }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    log.setAttribute("aria-busy", value ? "true" : "false");
  }

  async function ask(rawText) {
    const text = rawText.trim();
    if (!text || busy) return;
    touch();
    const gen = generation;
    addUser(text);
    const anchor = log.lastElementChild;
    input.value = "";
    setBusy(true);
    try {
      const body = context ? { text, context } : { text };
      const response = await fetch("/api/message", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        cache: "no-store",
        credentials: "omit",
      });
      const data = await response.json().catch(() => null);
      if (gen !== generation) return;
      if (response.ok && data && typeof data.text === "string") {
        context = typeof data.context === "string" ? data.context : null;
        addReply(data, anchor);
      } else if (response.status === 413) {
        addNotice("That message is too long. Please ask a shorter question.");
      } else {
        addNotice("Sorry, something went wrong. Please try again.");
      }
    } catch (err) {
      if (gen === generation) {
        addNotice("Sorry, the helper is not answering right now. Please ask a member of staff.");
      }
    } finally {
      if (gen === generation) setBusy(false);
    }
  }

  function showWelcome() {
    addReply({ kind: "smalltalk", text: config.welcome });
    log.scrollTop = 0;
  }

  // Wipe everything the page holds about the conversation.
  function reset() {
    generation += 1;
    clearTimeout(idleTimer);
    idleTimer = null;
    context = null;
    input.value = "";
    log.replaceChildren();
    setBusy(false);
    if (document.activeElement && document.activeElement !== document.body) {
      document.activeElement.blur();
    }
    showWelcome();
  }

  function touch() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(reset, Math.max(1, Number(config.idle_seconds) || 120) * 1000);
  }

  async function getJSON(url) {
    const response = await fetch(url, { cache: "no-store", credentials: "omit" });
    if (!response.ok) throw new Error(url + ": " + response.status);
    return response.json();
  }

  async function start() {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      ask(input.value);
    });
    restartButton.addEventListener("click", reset);
    for (const type of ["pointerdown", "keydown", "input", "touchstart", "wheel"]) {
      document.addEventListener(type, touch, { capture: true, passive: true });
    }

    const [cfg, topics] = await Promise.all([
      getJSON("/api/config").catch(() => null),
      getJSON("/api/topics").catch(() => []),
    ]);
    if (cfg) config = cfg;
    const byTopic = new Map(topics.map((t) => [t.id, t.title]));
    let featured = (config.featured || []).filter((id) => byTopic.has(id));
    if (!featured.length) featured = topics.slice(0, 8).map((t) => t.id);
    topicList.replaceChildren(...featured.map((id) => askButton(byTopic.get(id), "topic")));
    reset();
    document.body.dataset.ready = "true";
  }

  start();
})();
