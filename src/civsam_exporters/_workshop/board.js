// The workshop board: post-its moved by mouse, touch or keyboard; Save downloads the moves.
// civsam writes this script into the page as it is and allows it by its hash alone. It
// reads the board's data from the page's JSON block and sets text with textContent and
// attributes with setAttribute only, so no name from the data can become markup.
(() => {
  "use strict";
  const root = document.documentElement;
  const data = JSON.parse(document.getElementById("wb-data").textContent);
  const T = data.texts;
  const Q = data.quadrants;
  const P = data.partners;
  const [IMPORTANCE, EASE] = data.thresholds;
  const MIDDLE = [3, 3];
  const DRAG_DISTANCE = 6;
  const STORE = "civsam-workshop:" + data.board + ":" + data.project;
  const byId = (id) => document.getElementById(id);

  // -- words ------------------------------------------------------------------------------

  const fill = (text, values) =>
    text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  const say = (key, values = {}) => fill(T[key], values);
  const sayCount = (key, count, values = {}) =>
    fill(T[key][count === 1 ? 0 : 1], Object.assign({ count }, values));

  const same = (a, b) => (a === null || b === null ? a === b : a[0] === b[0] && a[1] === b[1]);
  const quadrant = (at) =>
    at[0] >= IMPORTANCE ? (at[1] >= EASE ? "start_here" : "discuss")
      : at[1] >= EASE ? "not_now" : "not_worth_it";
  const position = (at) =>
    at === null ? T.unplaced : say("position", { importance: at[0], ease: at[1] });
  const where = (at) => (at === null ? T.unplaced : Q[quadrant(at)].short);
  const ARROWS = { "1,0": "↑", "-1,0": "↓", "0,1": "→", "0,-1": "←",
    "1,1": "↗", "1,-1": "↖", "-1,1": "↘", "-1,-1": "↙" };
  const arrow = (from, to) =>
    from === null || to === null ? ""
      : ARROWS[[Math.sign(to[0] - from[0]), Math.sign(to[1] - from[1])].join()] || "";

  // -- the state: where each post-it is, the moves that put it there ----------------------

  const now = P.map((partner) => partner.start);
  let moves = [];
  const notes = new Map();
  let selected = -1;
  const rater = byId("wb-rater");
  const day = byId("wb-date");
  const note = byId("wb-note");
  const status = byId("wb-status");

  function describe(k) {
    const at = now[k];
    const name = P[k].name;
    let text = at === null ? say("postit_unplaced", { name })
      : say("postit", { name, position: position(at), quadrant: Q[quadrant(at)].name });
    if (!same(at, P[k].start)) text += " (" + say("was", { quadrant: where(P[k].start) }) + ")";
    if (P[k].flag) text += " " + T.disagreement;
    return text;
  }

  function announce(text) {
    // A fresh text node each time: a screen reader repeats a message said twice.
    status.textContent = "";
    status.append(document.createTextNode(text));
  }

  function keep() {
    try {
      const kept = {
        moves: moves.map((m) => ({ id: P[m.k].id, from: m.from, to: m.to, rater: m.rater })),
        notes: Object.fromEntries(notes),
        rater: rater.value,
        date: day.value,
      };
      localStorage.setItem(STORE, JSON.stringify(kept));
    } catch (error) {
      // No storage (a private window, a full disk): the board works without it.
    }
  }

  // -- the elements ------------------------------------------------------------------------

  const cells = new Map();
  for (const cell of document.querySelectorAll(".cell")) {
    cells.set(cell.dataset.importance + "," + cell.dataset.ease, cell.querySelector("ul"));
  }
  const tray = byId("wb-tray");
  const lists = new Map();
  const postits = [];
  const items = [];
  const selects = [];

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  function insert(list, li) {
    const order = Number(li.dataset.order);
    for (const other of list.children) {
      if (Number(other.dataset.order) > order) {
        list.insertBefore(li, other);
        return;
      }
    }
    list.append(li);
  }

  function makePostit(k) {
    const li = element("li", "slot");
    li.dataset.order = String(k);
    const button = element("button", "postit");
    button.type = "button";
    button.dataset.index = String(k);
    button.setAttribute("aria-describedby", "wb-keys");
    // The name is the post-it's text; the rest of what a screen reader says is hidden
    // text after it, so the accessible name holds the visible one (no aria-label).
    button.append(element("span", "name", P[k].shown), element("span", "visually-hidden said"));
    if (P[k].flag) {
      const flag = element("span", "flag", "!");
      flag.setAttribute("aria-hidden", "true");
      button.append(flag);
    }
    const was = element("span", "was");
    was.setAttribute("aria-hidden", "true");
    button.append(was);
    li.append(button);
    postits.push(button);
    return li;
  }

  function makeSelect(k, axis) {
    const select = element("select");
    select.setAttribute("aria-label", (axis ? T.ease : T.importance) + ": " + P[k].name);
    if (P[k].start === null) select.append(new Option("–", ""));
    for (let score = 1; score <= 5; score += 1) select.append(new Option(String(score), String(score)));
    select.addEventListener("change", () => chooseScore(k, axis, select));
    return select;
  }

  function makeItem(k) {
    const li = element("li", "item");
    li.dataset.order = String(k);
    li.append(element("span", "name", P[k].name));
    const was = element("span", "was");
    li.append(was);
    const scores = element("span", "scores");
    const pair = [makeSelect(k, 0), makeSelect(k, 1)];
    [T.importance, T.ease].forEach((word, axis) => {
      const label = element("label", "score-choice");
      label.append(element("span", "", word), pair[axis]);
      scores.append(label);
    });
    li.append(scores);
    items.push(li);
    selects.push(pair);
    return li;
  }

  function makeList() {
    const holder = byId("wb-list");
    const keys = Object.keys(Q);
    if (P.some((partner) => partner.start === null)) keys.push("unplaced");
    for (const key of keys) {
      const section = element("section", "quadrant-list q-" + key);
      const heading = element("h3", "", key === "unplaced" ? T.tray : Q[key].name);
      heading.id = "wb-list-" + key;
      const list = element("ul", "items");
      list.setAttribute("aria-labelledby", heading.id);
      section.append(heading, list);
      holder.append(section);
      lists.set(key, list);
    }
  }

  function update(k) {
    const at = now[k];
    const moved = !same(at, P[k].start);
    const key = at === null ? "unplaced" : quadrant(at);
    const wasText = moved ? arrow(P[k].start, at) + " " + say("was", { quadrant: where(P[k].start) }) : "";
    const button = postits[k];
    const focused = document.activeElement;
    button.className = "postit q-" + key + (moved ? " moved" : "") + (P[k].flag ? " disagreement" : "");
    const said = describe(k);
    const name = button.querySelector(".name");
    if (said.startsWith(P[k].name)) {
      name.removeAttribute("aria-hidden");
      button.querySelector(".said").textContent = said.slice(P[k].name.length);
    } else {
      name.setAttribute("aria-hidden", "true");
      button.querySelector(".said").textContent = said;
    }
    button.querySelector(".was").textContent = wasText;
    const target = at === null ? tray : cells.get(at.join());
    if (button.parentElement.parentElement !== target) insert(target, button.parentElement);
    const item = items[k];
    item.className = "item q-" + key + (moved ? " moved" : "");
    item.querySelector(".was").textContent = wasText;
    const pair = selects[k];
    pair[0].value = at === null ? "" : String(at[0]);
    pair[1].value = at === null ? "" : String(at[1]);
    const list = lists.get(key);
    if (item.parentElement !== list) insert(list, item);
    if (focused && focused !== document.activeElement && focused.isConnected) {
      focused.focus({ preventScroll: true });
    }
    if (k === selected) showSelected();
  }

  // -- the panel ---------------------------------------------------------------------------

  function showSelected() {
    const holder = byId("wb-selected");
    holder.textContent = "";
    if (selected < 0) {
      holder.append(element("p", "", T.none_selected));
      note.disabled = true;
      note.value = "";
      return;
    }
    const partner = P[selected];
    holder.append(element("p", "selected-name", partner.name));
    const at = now[selected];
    let state = at === null ? T.tray
      : say("cell", { importance: at[0], ease: at[1], quadrant: Q[quadrant(at)].name });
    if (!same(at, partner.start)) state += " (" + say("was", { quadrant: where(partner.start) }) + ")";
    holder.append(element("p", "", state));
    if (partner.details.length) {
      const list = element("dl");
      for (const [term, text] of partner.details) list.append(element("dt", "", term), element("dd", "", text));
      holder.append(list);
    }
    note.disabled = false;
    note.value = notes.get(partner.id) || "";
  }

  function select(k) {
    if (selected >= 0) postits[selected].removeAttribute("aria-current");
    selected = k;
    postits[k].setAttribute("aria-current", "true");
    showSelected();
  }

  function showMoves() {
    const list = byId("wb-moves");
    list.textContent = "";
    byId("wb-no-moves").hidden = moves.length > 0;
    for (let index = moves.length - 1; index >= 0; index -= 1) {
      const m = moves[index];
      const name = P[m.k].name;
      const li = element("li");
      let text = say("move", { name, before: position(m.from), after: position(m.to) });
      if (m.rater) text += " " + say("by", { rater: m.rater });
      li.append(element("span", "", text + " "));
      const undo = element("button", "undo", T.undo);
      undo.type = "button";
      undo.dataset.move = String(index);
      undo.setAttribute("aria-label", say("undo_label", { name }));
      li.append(undo);
      list.append(li);
    }
  }

  // -- moving ------------------------------------------------------------------------------

  function move(k, to) {
    const from = now[k];
    if (same(from, to)) return false;
    moves.push({ k, from, to, rater: rater.value.trim() });
    now[k] = to;
    update(k);
    showMoves();
    keep();
    announce(describe(k));
    return true;
  }

  function undo(index) {
    const undone = moves[index];
    const shown = moves.length - 1 - index;
    // Later moves of the same post-it started where this one ended: they go too.
    moves = moves.filter((m, j) => j < index || (j > index && m.k !== undone.k));
    now[undone.k] = undone.from;
    update(undone.k);
    showMoves();
    keep();
    announce(say("undone", { name: P[undone.k].name, position: position(undone.from) }));
    const left = byId("wb-moves").querySelectorAll("button");
    (left[Math.min(shown, left.length - 1)] || byId("wb-moves-title")).focus();
  }

  function step(k, key) {
    const by = { ArrowUp: [1, 0], ArrowDown: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1] }[key];
    const at = now[k];
    if (at === null) return move(k, MIDDLE);
    const to = [at[0] + by[0], at[1] + by[1]];
    if (to[0] < 1 || to[0] > 5 || to[1] < 1 || to[1] > 5) {
      announce(say("edge", { name: P[k].name }));
      return false;
    }
    return move(k, to);
  }

  function chooseScore(k, axis, select) {
    const at = now[k] === null ? MIDDLE.slice() : now[k].slice();
    if (select.value === "") {
      if (P[k].start === null) move(k, null);
    } else {
      at[axis] = Number(select.value);
      move(k, at);
    }
    choose(k);
    if (document.activeElement !== select) select.focus();
  }

  function choose(k) {
    if (k !== selected) select(k);
  }

  function drop(k, target) {
    if (!target) return;
    if (target.classList.contains("cell")) {
      move(k, [Number(target.dataset.importance), Number(target.dataset.ease)]);
    } else if (P[k].start === null) {
      move(k, null);
    } else if (now[k] !== null) {
      announce(say("no_unplacing", { name: P[k].name }));
    }
  }

  // Pointer Events: one code path for mouse, pen and touch. The post-it captures the
  // pointer; a copy follows it; the cell under the pointer when it is let go is the drop.
  let drag = null;

  function targetAt(x, y) {
    const hit = document.elementFromPoint(x, y);
    return hit ? hit.closest(".cell, .tray") : null;
  }

  function highlight(target) {
    if (drag.over === target) return;
    if (drag.over) drag.over.classList.remove("over");
    drag.over = target;
    if (target) target.classList.add("over");
  }

  function endDrag() {
    if (!drag) return;
    if (drag.ghost) drag.ghost.remove();
    if (drag.over) drag.over.classList.remove("over");
    drag.button.classList.remove("lifted");
    drag = null;
  }

  function onPointerDown(event) {
    const button = event.target.closest(".postit");
    if (!button || event.button !== 0 || drag) return;
    drag = { button, k: Number(button.dataset.index), pointer: event.pointerId,
      x: event.clientX, y: event.clientY, ghost: null, over: null, dx: 0, dy: 0 };
    button.setPointerCapture(event.pointerId);
  }

  function onPointerMove(event) {
    if (!drag || event.pointerId !== drag.pointer) return;
    if (!drag.ghost) {
      if (Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < DRAG_DISTANCE) return;
      const box = drag.button.getBoundingClientRect();
      const ghost = drag.button.cloneNode(true);
      ghost.classList.add("ghost");
      ghost.setAttribute("aria-hidden", "true");
      ghost.tabIndex = -1;
      ghost.style.width = box.width + "px";
      drag.dx = drag.x - box.left;
      drag.dy = drag.y - box.top;
      document.body.append(ghost);
      drag.ghost = ghost;
      drag.button.classList.add("lifted");
    }
    drag.ghost.style.left = event.clientX - drag.dx + "px";
    drag.ghost.style.top = event.clientY - drag.dy + "px";
    highlight(targetAt(event.clientX, event.clientY));
  }

  function onPointerUp(event) {
    if (!drag || event.pointerId !== drag.pointer) return;
    const { k, button, ghost } = drag;
    const target = ghost ? targetAt(event.clientX, event.clientY) : null;
    endDrag();
    if (ghost) {
      drop(k, target);
      button.focus({ preventScroll: true });
      choose(k);
    }
  }

  function onKey(event) {
    const button = event.target.closest(".postit");
    if (!button || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (!["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"].includes(event.key)) return;
    event.preventDefault();
    const k = Number(button.dataset.index);
    step(k, event.key);
    choose(k);
    button.focus({ preventScroll: true });
    button.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  // -- saving ------------------------------------------------------------------------------

  function changes() {
    const found = [];
    P.forEach((partner, k) => {
      const at = now[k];
      if (at === null || same(at, partner.start)) return;
      const change = { partner: partner.id, base: partner.base, importance: at[0], ease: at[1],
        was: partner.start === null ? null
          : { importance: partner.start[0], ease: partner.start[1] } };
      const last = moves.filter((m) => m.k === k).pop();
      if (last && last.rater) change.rater = last.rater;
      const words = (notes.get(partner.id) || "").trim();
      if (words) change.note = words;
      found.push(change);
    });
    return found;
  }

  function download() {
    const date = day.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      announce(T.no_date);
      day.focus();
      return;
    }
    const found = changes();
    if (!found.length) {
      announce(T.nothing);
      return;
    }
    const file = { format: data.format, version: data.version, project: data.project,
      board: data.board, made: data.made, date, changes: found };
    const name = data.slug + "-changes-" + date + ".json";
    const url = URL.createObjectURL(
      new Blob([JSON.stringify(file, null, 2) + "\n"], { type: "application/json" }));
    const link = element("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    announce(sayCount("saved", found.length, { file: name }));
  }

  // -- starting ----------------------------------------------------------------------------

  function today() {
    const d = new Date();
    const two = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function restore() {
    let kept = null;
    try {
      kept = JSON.parse(localStorage.getItem(STORE) || "null");
    } catch (error) {
      kept = null;
    }
    if (!kept || typeof kept !== "object") return 0;
    const index = new Map(P.map((partner, k) => [partner.id, k]));
    const valid = (at) => at === null || (Array.isArray(at) && at.length === 2
      && at.every((n) => Number.isInteger(n) && n >= 1 && n <= 5));
    for (const m of Array.isArray(kept.moves) ? kept.moves : []) {
      const k = index.get(m && m.id);
      if (k === undefined || !valid(m.from) || !valid(m.to) || !same(m.from, now[k])) break;
      if (m.to === null && P[k].start !== null) break;
      moves.push({ k, from: m.from, to: m.to, rater: typeof m.rater === "string" ? m.rater : "" });
      now[k] = m.to;
    }
    for (const [id, words] of Object.entries(kept.notes || {})) {
      if (index.has(id) && typeof words === "string") notes.set(id, words);
    }
    if (typeof kept.rater === "string") rater.value = kept.rater;
    if (typeof kept.date === "string" && kept.date) day.value = kept.date;
    return moves.length;
  }

  makeList();
  P.forEach((partner, k) => {
    makePostit(k);
    makeItem(k);
  });
  day.value = today();
  const restored = restore();
  P.forEach((partner, k) => update(k));
  showMoves();
  showSelected();

  const board = byId("wb-board-view");
  board.addEventListener("pointerdown", onPointerDown);
  board.addEventListener("pointermove", onPointerMove);
  board.addEventListener("pointerup", onPointerUp);
  board.addEventListener("pointercancel", endDrag);
  board.addEventListener("lostpointercapture", (event) => {
    if (drag && event.pointerId === drag.pointer) endDrag();
  });
  board.addEventListener("keydown", onKey);
  board.addEventListener("click", (event) => {
    const button = event.target.closest(".postit");
    if (button) choose(Number(button.dataset.index));
  });
  byId("wb-moves").addEventListener("click", (event) => {
    const button = event.target.closest("button.undo");
    if (button) undo(Number(button.dataset.move));
  });
  note.addEventListener("input", () => {
    if (selected < 0) return;
    if (note.value) notes.set(P[selected].id, note.value);
    else notes.delete(P[selected].id);
    keep();
  });
  rater.addEventListener("input", keep);
  day.addEventListener("input", keep);
  byId("wb-save").addEventListener("click", download);
  byId("wb-skip").addEventListener("click", () => day.focus());
  if (restored) announce(sayCount("restored", restored));
  root.setAttribute("data-ready", "true");
  performance.mark("civsam-board-ready");
})();
