// The kiosk page. Plain JavaScript, no build step.
//
// Privacy: the conversation lives only in this page's memory (the log and the
// opaque context token). Nothing goes to cookies or web storage; after
// `idle_seconds` without input, or on "Start over", all of it is wiped.
// Safety: every text is set with textContent, never parsed as HTML. After an
// emergency or crisis reply the numbers stay pinned in view, and the screen is
// kept at least `hold_seconds` unless "Start over" is pressed. The region's
// numbers are kept from /api/config at load, so every error can show them.
// Wording: the page holds none. Every word it shows, its labels included, comes
// from the content (knowledge/ui.yaml, sent as `ui` by /api/config); index.html
// marks where each goes: data-ui (the text), data-ui-label (aria-label) and
// data-ui-placeholder. Until the wording has arrived the page stays hidden.
"use strict";

(() => {
  const byId = (id) => document.getElementById(id);
  const log = byId("log");
  const form = byId("ask");
  const input = byId("text");
  const sendButton = byId("send");
  const topicList = byId("topics");
  const topicsToggle = byId("topics-toggle");
  const restartButton = byId("restart");
  const languageButtons = byId("languages");
  const urgentBar = byId("urgent");
  const urgentNumbers = byId("urgent-numbers");
  const idleButton = byId("idle");
  const announcer = byId("announce");

  const KINDS = ["crisis", "emergency", "refusal", "answer", "clarify", "smalltalk", "fallback"];
  const URGENT = ["emergency", "crisis"];
  // Phone numbers in a banner headline: "911", "988", "1-800-222-1222", "116 123".
  const PHONE = /(\+?\d[\d -]{1,14}\d|\b\d{3}\b)/g;
  // Topics sit in a side column here, so they need not fold away.
  const WIDE = window.matchMedia("(orientation: landscape) and (min-width: 900px)");

  const RETRY_MS = 3000; // until /api/config answers: without it the page has no words
  let config = {
    idle_seconds: 120,
    countdown_seconds: 20,
    hold_seconds: 600,
    featured: [],
    contacts: null,
  };
  let ui = null; // config.ui: { banners, reply, kiosk }
  let lang = null; // the language chosen on this page (config.lang until a button is pressed)
  let context = null; // the token from the last reply: memory only
  let generation = 0; // bumped on every reset, so a late reply is dropped
  let busy = false;
  let started = false; // a question has been asked since the last reset
  let urgentKinds = []; // emergency/crisis replies seen since the last reset
  let lastInput = Date.now();
  let holdUntil = 0; // an urgent screen is not wiped before this
  let idleTimer = null;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
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

  // --- the numbers to call, from /api/config --------------------------------------------
  function numberChip(name, number) {
    const chip = el("span", "chip");
    chip.append(el("span", "chip-name", name), document.createTextNode(" "), el("strong", "number", number));
    return chip;
  }

  function numberChips(kinds) {
    const c = config.contacts;
    if (!c) return [];
    const chips = [];
    const add = (name, number) => {
      if (name && number && !chips.some((x) => x[1] === number && x[0] === name)) chips.push([name, number]);
    };
    for (const kind of kinds) {
      if (kind === "crisis") add(c.crisis && c.crisis.name, c.crisis && c.crisis.number);
      add(ui.kiosk.emergency_chip, c.emergency_number);
      if (kind === "emergency") add(c.poison && c.poison.name, c.poison && c.poison.number);
    }
    return chips.map(([name, number]) => numberChip(name, number));
  }

  function showUrgentBar(kind) {
    if (!urgentKinds.includes(kind)) urgentKinds.push(kind);
    const chips = numberChips([kind, ...urgentKinds.filter((k) => k !== kind)]);
    if (!chips.length) return; // no numbers from the server: the reply's own headline stays
    urgentNumbers.replaceChildren(...chips);
    urgentBar.dataset.kind = kind;
    urgentBar.hidden = false;
    document.body.classList.add("urgent-shown");
  }

  // --- the conversation --------------------------------------------------------------------
  function scrollTo(node) {
    log.scrollTop = Math.max(0, node.offsetTop - 12);
  }

  function announce(text) {
    announcer.textContent = "";
    // a fresh node after a pause, so the same words twice are still read twice
    setTimeout(() => (announcer.textContent = text), 100);
  }

  function addUser(text) {
    const msg = el("article", "msg user");
    msg.append(el("p", "who", ui.kiosk.you_asked), el("p", "said", text));
    log.append(msg);
    scrollTo(msg);
  }

  function addNotice(text) {
    const msg = el("div", "msg notice");
    msg.setAttribute("role", "alert");
    msg.append(el("p", "", text));
    const chips = numberChips(["emergency", "crisis"]);
    if (chips.length) {
      const numbers = el("p", "numbers");
      numbers.append(...chips);
      msg.append(el("p", "call-if-urgent", ui.kiosk.call_if_urgent), numbers);
    }
    log.append(msg);
    scrollTo(msg);
  }

  function followups(kind, reply) {
    const labels = [];
    for (const c of Array.isArray(reply.choices) ? reply.choices : []) labels.push(String(c.title));
    for (const s of Array.isArray(reply.suggestions) ? reply.suggestions : []) {
      if (!labels.includes(String(s))) labels.push(String(s));
    }
    if (!labels.length) return null;
    const box = el("div", "followups");
    box.append(el("p", "followups-title", kind === "clarify" ? ui.kiosk.choose : ui.reply.suggestions));
    const row = el("div", "button-row");
    for (const label of labels) row.append(askButton(label, "followup"));
    box.append(row);
    return box;
  }

  function takeHome(reply) {
    const t = reply.take_home;
    if (!t || typeof t.qr !== "string" || !t.qr.startsWith("/api/qr/")) return null;
    const box = el("details", "takehome");
    box.append(el("summary", "", ui.kiosk.take_home));
    const figure = el("figure");
    const img = el("img", "qr");
    img.alt = fill(ui.kiosk.qr_alt, { title: String(t.title) });
    img.src = t.qr; // same origin, drawn by the server: nothing leaves the kiosk
    img.width = 240;
    img.height = 240;
    const caption = el("figcaption");
    caption.append(
      el("span", "", ui.kiosk.scan_to_open + " "),
      el("span", "takehome-title", String(t.title)),
      el("span", "print-only url", String(t.url)),
    );
    figure.append(img, caption);
    box.append(figure);
    return box;
  }

  function sourceList(reply) {
    const sources = Array.isArray(reply.sources) ? reply.sources : [];
    if (!sources.length) return null;
    const box = el("details", "sources");
    box.append(el("summary", "", ui.reply.sources));
    const list = el("ul");
    for (const s of sources) {
      const item = el("li");
      // offline kiosk: titles only; the address is for the printed page (and the QR code)
      item.append(el("span", "source-name", String(s.title)), el("span", "print-only url", String(s.url)));
      list.append(item);
    }
    box.append(list);
    if (typeof reply.reviewed === "string") {
      box.append(el("p", "sources-reviewed", fill(ui.reply.reviewed, { date: reply.reviewed })));
    }
    return box;
  }

  function addReply(reply, anchor, quiet) {
    const kind = KINDS.includes(reply.kind) ? reply.kind : "fallback";
    const msg = el("article", "msg bot kind-" + kind);
    msg.setAttribute("aria-label", ui.kiosk.helper_said);
    msg.dataset.kind = kind;
    if (typeof reply.topic === "string") msg.dataset.topic = reply.topic;
    // a reply in another language (a Spanish safety reply) is read aloud in that language
    if (typeof reply.lang === "string" && /^[a-z]{2}$/.test(reply.lang)) {
      msg.setAttribute("lang", reply.lang);
    }
    const text = String(reply.text);
    if (URGENT.includes(kind)) {
      msg.classList.add("banner");
      const alert = el("div", "banner-text");
      alert.setAttribute("role", "alert"); // inserted whole, so read once
      const [first, ...rest] = text.split("\n");
      alert.append(el("p", "banner-label", ui.banners[kind]), headline(first));
      renderText(alert, rest.join("\n"));
      msg.append(alert);
    } else {
      renderText(msg, text);
    }
    // follow-ups first, where they are seen; then what to take home and the sources
    for (const part of [followups(kind, reply), takeHome(reply), sourceList(reply)]) {
      if (part) msg.append(part);
    }
    log.append(msg); // complete before it is shown or read
    if (URGENT.includes(kind)) {
      showUrgentBar(kind);
      holdUntil = Date.now() + Math.max(0, Number(config.hold_seconds) || 0) * 1000;
      scrollTo(msg);
    } else {
      if (!quiet) announce(ui.kiosk.helper_said + ": " + text.replace(/\s*\n\s*/g, " "));
      scrollTo(anchor && anchor.isConnected ? anchor : msg);
    }
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
  }

  function setTopicsOpen(open) {
    topicsToggle.setAttribute("aria-expanded", open ? "true" : "false");
    topicList.hidden = !open;
  }

  async function ask(rawText) {
    const text = rawText.trim();
    if (!text || busy) return;
    touch();
    const gen = generation;
    started = true;
    document.body.classList.add("started");
    if (!WIDE.matches) setTopicsOpen(false);
    addUser(text);
    const anchor = log.lastElementChild;
    input.value = "";
    setBusy(true);
    try {
      const body = context ? { text, context, lang } : { text, lang };
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
      } else {
        addNotice(response.status === 413 ? ui.kiosk.too_long : ui.kiosk.failed);
      }
    } catch (err) {
      if (gen === generation) addNotice(ui.kiosk.unreachable);
    } finally {
      if (gen === generation) setBusy(false);
    }
  }

  function showWelcome() {
    addReply({ kind: "smalltalk", text: config.welcome }, null, true);
    log.scrollTop = 0;
  }

  // Wipe everything the page holds about the conversation.
  function reset() {
    generation += 1;
    clearTimeout(idleTimer);
    idleTimer = null;
    context = null;
    started = false;
    urgentKinds = [];
    holdUntil = 0;
    input.value = "";
    log.replaceChildren();
    urgentBar.hidden = true;
    urgentNumbers.replaceChildren();
    idleButton.hidden = true;
    document.body.classList.remove("started", "urgent-shown");
    setTopicsOpen(true);
    setBusy(false);
    if (document.activeElement && document.activeElement !== document.body) {
      document.activeElement.blur();
    }
    showWelcome();
  }

  // --- idle: a countdown, then the wipe; never before an urgent screen's hold ends ----------
  function touch() {
    lastInput = Date.now();
    idleButton.hidden = true;
    schedule();
  }

  function schedule() {
    clearTimeout(idleTimer);
    idleTimer = null;
    if (!started && !input.value) return; // nothing to wipe
    const idle = Math.max(1, Number(config.idle_seconds) || 120) * 1000;
    const countdown = Math.min(idle, Math.max(0, Number(config.countdown_seconds) || 0) * 1000);
    const left = Math.max(lastInput + idle, holdUntil) - Date.now();
    if (left <= 0) {
      reset();
    } else if (left > countdown) {
      idleTimer = setTimeout(schedule, left - countdown);
    } else {
      const seconds = Math.ceil(left / 1000);
      idleButton.textContent = fill(ui.kiosk.still_there, { seconds });
      if (idleButton.hidden) {
        idleButton.hidden = false;
        announce(idleButton.textContent);
      }
      idleTimer = setTimeout(schedule, left - (seconds - 1) * 1000);
    }
  }

  async function getJSON(url) {
    const response = await fetch(url, { cache: "no-store", credentials: "omit" });
    if (!response.ok) throw new Error(url + ": " + response.status);
    return response.json();
  }

  // The page's own words, where index.html marks them.
  function showWording() {
    const k = ui.kiosk;
    document.documentElement.lang = k.lang;
    for (const node of document.querySelectorAll("[data-ui]")) node.textContent = k[node.dataset.ui];
    for (const node of document.querySelectorAll("[data-ui-label]")) {
      node.setAttribute("aria-label", k[node.dataset.uiLabel]);
    }
    for (const node of document.querySelectorAll("[data-ui-placeholder]")) {
      node.placeholder = k[node.dataset.uiPlaceholder];
    }
  }

  async function loadConfig(code) {
    const url = code ? "/api/config?lang=" + encodeURIComponent(code) : "/api/config";
    for (;;) {
      const cfg = await getJSON(url).catch(() => null);
      if (cfg && cfg.ui && cfg.ui.kiosk) return cfg;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  // A button for each other language, named in that language and marked with its lang, so
  // a screen reader says "Español" in Spanish.
  function showLanguages() {
    const others = (config.languages || []).filter((l) => l.code !== lang);
    languageButtons.replaceChildren(
      ...others.map((l) => {
        const button = el("button", "language", l.name);
        button.type = "button";
        button.lang = l.code;
        button.addEventListener("click", () => switchLanguage(l.code));
        return button;
      }),
    );
  }

  async function showTopics() {
    const topics = await getJSON("/api/topics?lang=" + encodeURIComponent(lang)).catch(() => []);
    const byTopic = new Map(topics.map((t) => [t.id, t.title]));
    let featured = (config.featured || []).filter((id) => byTopic.has(id));
    if (!featured.length) featured = topics.slice(0, 8).map((t) => t.id);
    topicList.replaceChildren(...featured.map((id) => askButton(byTopic.get(id), "topic")));
  }

  // The page's words, the topics and the replies from now on in `code`. A conversation
  // under way stays on screen (its numbers too); an empty one starts again in `code`.
  async function switchLanguage(code) {
    touch();
    config = { ...config, ...(await loadConfig(code)) };
    ui = config.ui;
    lang = config.lang;
    showWording();
    showLanguages();
    // the welcome turns with the page's words, in the same step: never a Spanish page
    // with an English welcome while the topics load
    if (!started) {
      log.replaceChildren();
      showWelcome();
    }
    await showTopics();
    const first = languageButtons.querySelector("button") || restartButton;
    first.focus();
  }

  async function start() {
    config = { ...config, ...(await loadConfig()) };
    ui = config.ui;
    lang = config.lang;
    showWording();
    showLanguages();
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      ask(input.value);
    });
    restartButton.addEventListener("click", reset);
    idleButton.addEventListener("click", touch);
    topicsToggle.addEventListener("click", () => {
      setTopicsOpen(topicsToggle.getAttribute("aria-expanded") !== "true");
    });
    WIDE.addEventListener("change", () => {
      if (WIDE.matches) setTopicsOpen(true);
    });
    for (const type of ["pointerdown", "keydown", "input", "touchstart", "wheel"]) {
      document.addEventListener(type, touch, { capture: true, passive: true });
    }
    // print every source and take-home address, then put the page back as it was
    let opened = [];
    window.addEventListener("beforeprint", () => {
      opened = [...log.querySelectorAll("details:not([open])")];
      for (const d of opened) d.open = true;
    });
    window.addEventListener("afterprint", () => {
      for (const d of opened) d.open = false;
    });

    await showTopics();
    reset();
    document.body.dataset.ready = "true";
  }

  start();
})();
