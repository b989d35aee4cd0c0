// The workspace page's script: polls /ui/frame for what changed (server-rendered HTML), and turns
// clicks, choices, typing and submits into /ui/* calls. No framework: the server renders, this
// only swaps parts and forwards events.

const body = document.body;
// scrolled: the person scrolled this conversation themselves (until then it follows the newest message).
const state = { as: body.dataset.as, at: body.dataset.at, version: "", modalKey: "", emoji: null, pickerFor: null, scrolled: false };

// [text after "/stretch ", what it does]: the app's own help list, from /ui/commands.
let COMMANDS = [["neck", "A routine for an area"], ["help", "Every sub-command with examples"]];
fetch("/ui/commands")
  .then((r) => r.json())
  .then((list) => {
    if (Array.isArray(list) && list.length > 0) COMMANDS = list;
  })
  .catch(() => undefined);

async function post(path, payload) {
  const res = await fetch(`/ui/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ as: state.as, ...payload }) });
  const result = await res.json().catch(() => ({}));
  refresh();
  return result;
}

// ---------- live updates ----------
let refreshing = false;
let again = false;
async function refresh() {
  if (refreshing) {
    again = true;
    return;
  }
  refreshing = true;
  try {
    const res = await fetch(`/ui/frame?as=${encodeURIComponent(state.as)}&at=${encodeURIComponent(state.at)}&since=${encodeURIComponent(state.version)}`);
    if (res.status === 200) apply(await res.json());
  } catch {
    // The workspace restarted or is busy: the next poll tries again.
  } finally {
    refreshing = false;
    if (again) {
      again = false;
      refresh();
    }
  }
}

function apply(frame) {
  state.version = frame.version;
  document.getElementById("sidebar").innerHTML = frame.sidebar;
  replaceConversation(frame.conversation);
  document.getElementById("panel").innerHTML = keepOutput(frame.panel);
  const key = frame.modal ? frame.modal.key : "";
  if (key !== state.modalKey) {
    state.modalKey = key;
    document.getElementById("modal-root").innerHTML = frame.modal ? frame.modal.html : "";
    const first = document.querySelector("#modal-root input, #modal-root select, #modal-root textarea");
    if (first) first.focus();
  }
}

let dueSummary = "";
let statusSummary = "";
/** The panel is redrawn on every change: keep its outputs and what is being typed in the status form. */
function keepOutput(html) {
  const holder = document.createElement("div");
  holder.innerHTML = html;
  const out = holder.querySelector(".due-output");
  if (out) out.textContent = dueSummary;
  const statusOut = holder.querySelector(".status-output");
  if (statusOut) statusOut.textContent = statusSummary;
  const oldForm = document.querySelector("#panel .status-custom");
  const newForm = holder.querySelector(".status-custom");
  if (oldForm && newForm) {
    for (const field of oldForm.elements) {
      if (!field.name) continue;
      const copy = newForm.elements.namedItem(field.name);
      if (copy && copy.tagName === "SELECT") {
        for (const option of copy.options) option.toggleAttribute("selected", option.value === field.value);
      } else if (copy) copy.setAttribute("value", field.value);
    }
  }
  const oldDnd = document.querySelector("#panel .dnd-minutes");
  const newDnd = holder.querySelector(".dnd-minutes");
  if (oldDnd && newDnd) for (const option of newDnd.options) option.toggleAttribute("selected", option.value === oldDnd.value);
  return holder.innerHTML;
}

async function changeStatus(change) {
  statusSummary = "Saving…";
  const out = document.querySelector(".status-output");
  if (out) out.textContent = statusSummary;
  const result = await post("status", { change });
  statusSummary = result.summary || "";
  const after = document.querySelector(".status-output");
  if (after) after.textContent = statusSummary;
}

/** Swap the conversation but keep the composer (what is being typed) and the scroll position. */
function replaceConversation(html) {
  const main = document.getElementById("conversation");
  const oldList = main.querySelector(".messages");
  const stickToBottom = !oldList || !state.scrolled;
  const scrollTop = oldList ? oldList.scrollTop : 0;
  const oldComposer = main.querySelector(".composer");
  const typed = oldComposer ? oldComposer.querySelector("textarea").value : "";
  const focused = oldComposer && oldComposer.contains(document.activeElement);
  const openOverflow = [...main.querySelectorAll("details.bk-overflow[open]")].length > 0;
  if (openOverflow) return; // do not close a menu under the pointer; the next poll redraws
  main.innerHTML = html;
  const composer = main.querySelector(".composer");
  if (composer && oldComposer && oldComposer.dataset.channel === composer.dataset.channel) {
    const area = composer.querySelector("textarea");
    area.value = typed;
    if (focused) area.focus();
  }
  const list = main.querySelector(".messages");
  if (list) list.scrollTop = stickToBottom ? list.scrollHeight : scrollTop;
  if (state.at === "app-home" && main.querySelector(".home-loading")) openApp("home");
}

setInterval(refresh, 1000);

// Follow the newest message unless the person scrolled up to read.
document.addEventListener(
  "scroll",
  (e) => {
    const list = e.target instanceof Element && e.target.classList.contains("messages") ? e.target : null;
    if (list) state.scrolled = list.scrollHeight - list.scrollTop - list.clientHeight >= 40;
  },
  true,
);

// ---------- navigation ----------
function go(at) {
  state.at = at;
  state.scrolled = false;
  state.version = "";
  history.replaceState(null, "", `?as=${encodeURIComponent(state.as)}&at=${encodeURIComponent(at)}`);
  if (at === "app-home") openApp("home");
  else if (at === "app-messages") openApp("messages");
  refresh();
}

function openApp(tab) {
  post("open-app", { tab });
}

document.getElementById("as").addEventListener("change", (e) => {
  state.as = e.target.value;
  state.modalKey = "\u0000";
  go(state.at);
});

// ---------- clicks ----------
document.addEventListener("click", async (e) => {
  const target = e.target instanceof Element ? e.target : null;
  if (!target) return;
  const nav = target.closest("a[data-at]");
  if (nav) {
    e.preventDefault();
    go(nav.dataset.at);
    return;
  }
  if (!target.closest("#emoji-picker") && !target.closest(".add-reaction")) hidePicker();

  const element = target.closest("[data-kind='button'], [data-kind='overflow']");
  if (element && !(element.tagName === "A" && element.getAttribute("href"))) {
    e.preventDefault();
    const details = element.closest("details");
    if (details) details.open = false;
    await press(element, element.dataset.value);
    return;
  }
  if (element) {
    press(element, element.dataset.value); // a link button opens its URL and still tells the app
    return;
  }
  const reaction = target.closest(".reaction");
  if (reaction) {
    const msg = reaction.closest("[data-container='message']");
    await post("react", { channel: msg.dataset.channel, ts: msg.dataset.ts, name: reaction.dataset.reaction });
    return;
  }
  const add = target.closest(".add-reaction");
  if (add) {
    showPicker(add);
    return;
  }
  const pick = target.closest(".emoji-option");
  if (pick && state.pickerFor) {
    const { channel, ts } = state.pickerFor;
    hidePicker();
    await post("react", { channel, ts, name: pick.dataset.name });
    return;
  }
  const dismiss = target.closest("[data-dismiss]");
  if (dismiss) {
    const msg = dismiss.closest("[data-container='message']");
    await post("dismiss", { channel: msg.dataset.channel, ts: msg.dataset.ts });
    return;
  }
  if (target.closest(".modal-x, .modal-cancel")) {
    const modal = target.closest(".modal");
    await post("close", { viewId: modal.dataset.viewId });
    return;
  }
  if (target.closest(".modal-submit")) {
    await submitModal(target.closest(".modal"));
    return;
  }
  const statusButton = target.closest("[data-status-change]");
  if (statusButton) {
    await changeStatus(JSON.parse(statusButton.dataset.statusChange));
    return;
  }
  if (target.closest(".dnd-pause")) {
    await changeStatus({ kind: "dnd", minutes: Number(document.querySelector(".dnd-minutes").value) });
    return;
  }
  if (target.closest(".send-due")) {
    const button = target.closest(".send-due");
    button.disabled = true;
    dueSummary = "Sending…";
    document.querySelector(".due-output").textContent = dueSummary;
    const result = await post("due", {});
    dueSummary = result.summary || "";
    const out = document.querySelector(".due-output");
    if (out) out.textContent = dueSummary;
    button.disabled = false;
  }
});

document.addEventListener("change", (e) => {
  const select = e.target instanceof Element ? e.target.closest("select[data-kind='select']") : null;
  if (select) press(select, select.value);
});

function containerOf(element) {
  const c = element.closest("[data-container]");
  if (!c) return null;
  if (c.dataset.container === "message") return { type: "message", channel: c.dataset.channel, ts: c.dataset.ts };
  return { type: "view", viewId: c.dataset.viewId };
}

async function press(element, value) {
  const container = containerOf(element);
  if (!container) return;
  const pressed = { actionId: element.dataset.actionId, blockId: element.dataset.blockId, value };
  const modal = element.closest(".modal");
  if (element.tagName === "BUTTON") element.setAttribute("aria-busy", "true");
  await post("action", { container, pressed, form: modal ? formValues(modal) : {} });
}

// ---------- modals ----------
function formValues(root) {
  const values = {};
  for (const input of root.querySelectorAll("[data-input-block]")) {
    const block = input.dataset.inputBlock;
    const action = input.dataset.inputAction;
    let value;
    switch (input.dataset.inputKind) {
      case "checkboxes":
        value = [...input.querySelectorAll("input:checked")].map((i) => i.value);
        break;
      case "multi":
        value = [...input.selectedOptions].map((o) => o.value);
        break;
      case "radio": {
        const checked = input.querySelector("input:checked");
        value = checked ? checked.value : null;
        break;
      }
      default:
        value = input.value === "" ? null : input.value;
    }
    (values[block] ||= {})[action] = value;
  }
  return values;
}

async function submitModal(modal) {
  for (const e of modal.querySelectorAll(".bk-error")) e.textContent = "";
  modal.querySelector(".modal-failure").textContent = "";
  const submit = modal.querySelector(".modal-submit");
  submit.disabled = true;
  const result = await post("submit", { viewId: modal.dataset.viewId, form: formValues(modal) });
  submit.disabled = false;
  if (result.outcome === "errors") {
    for (const [blockId, message] of Object.entries(result.errors || {})) {
      const slot = modal.querySelector(`.bk-error[data-error-for="${CSS.escape(blockId)}"]`);
      if (slot) slot.textContent = message;
      const block = modal.querySelector(`.bk-input[data-block-id="${CSS.escape(blockId)}"]`);
      if (block) block.classList.add("has-error");
    }
  } else if (result.outcome === "failed") {
    modal.querySelector(".modal-failure").textContent = result.message;
  }
}

// ---------- composer ----------
document.addEventListener("keydown", (e) => {
  const area = e.target instanceof Element ? e.target.closest(".composer-input") : null;
  if (area && e.key === "Enter" && !e.shiftKey) {
    e.preventDefault();
    const chosen = document.querySelector(".suggestions [aria-selected='true']");
    if (chosen && !area.value.trim().includes(" ") && area.value.trim() !== `/stretch ${chosen.dataset.sub}`) {
      area.value = `/stretch ${chosen.dataset.sub}`;
      suggest(area);
      return;
    }
    sendComposer(area.closest(".composer"));
  } else if (area && e.key === "Tab" && !area.closest(".composer").querySelector(".suggestions").hidden) {
    // Tab takes the highlighted suggestion, as in Slack's command menu.
    const chosen = document.querySelector(".suggestions [aria-selected='true']");
    if (!chosen) return;
    e.preventDefault();
    area.value = `/stretch ${chosen.dataset.sub}`;
    suggest(area);
  } else if (area && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
    const items = [...document.querySelectorAll(".suggestions li")];
    if (items.length === 0) return;
    e.preventDefault();
    const current = items.findIndex((i) => i.getAttribute("aria-selected") === "true");
    const next = (current + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === next)));
  } else if (e.key === "Escape") {
    const modal = document.querySelector("#modal-root .modal");
    if (modal && document.getElementById("emoji-picker").hidden) post("close", { viewId: modal.dataset.viewId });
    hidePicker();
    const list = document.querySelector(".suggestions");
    if (list) list.hidden = true;
  }
});

document.addEventListener("input", (e) => {
  const area = e.target instanceof Element ? e.target.closest(".composer-input") : null;
  if (area) suggest(area);
  const search = e.target instanceof Element ? e.target.closest(".emoji-search") : null;
  if (search) fillPicker(search.value);
});

document.addEventListener("submit", (e) => {
  const statusForm = e.target.closest(".status-custom");
  if (statusForm) {
    e.preventDefault();
    const field = (name) => statusForm.elements.namedItem(name).value;
    changeStatus({ kind: "status", emoji: field("emoji"), text: field("text"), expires: field("expires") }).then(() => statusForm.reset());
    return;
  }
  const form = e.target.closest(".composer");
  if (!form) return;
  e.preventDefault();
  sendComposer(form);
});

function suggest(area) {
  const list = area.closest(".composer").querySelector(".suggestions");
  const text = area.value;
  const [word, ...rest] = text.split(" ");
  // Suggest while the first word could still become "/stretch" and nothing past the sub-command is typed.
  if (!text.startsWith("/") || !"/stretch".startsWith(word) || (word !== "/stretch" && rest.length > 0)) {
    list.hidden = true;
    return;
  }
  const typed = rest.join(" ").toLowerCase();
  const items = COMMANDS.filter(([sub]) => sub.toLowerCase().startsWith(typed) && sub.toLowerCase() !== typed.trim()).slice(0, 8);
  if (items.length === 0) {
    list.hidden = true;
    return;
  }
  list.innerHTML = items
    .map(([sub, help], i) => `<li role="option" aria-selected="${i === 0}" data-sub="${escapeText(sub)}"><strong>/stretch ${escapeText(sub)}</strong><span>${escapeText(help)}</span></li>`)
    .join("");
  list.hidden = false;
}

function escapeText(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

document.addEventListener("mousedown", (e) => {
  const option = e.target instanceof Element ? e.target.closest(".suggestions li") : null;
  if (!option) return;
  e.preventDefault();
  const area = option.closest(".composer").querySelector("textarea");
  area.value = `/stretch ${option.dataset.sub}`;
  area.focus();
  option.closest(".suggestions").hidden = true;
});

async function sendComposer(form) {
  const area = form.querySelector("textarea");
  const text = area.value;
  if (!text.trim()) return;
  area.value = "";
  form.querySelector(".suggestions").hidden = true;
  await post("send", { channel: form.dataset.channel, text });
}

// ---------- emoji picker ----------
async function showPicker(button) {
  const msg = button.closest("[data-container='message']");
  state.pickerFor = { channel: msg.dataset.channel, ts: msg.dataset.ts };
  if (!state.emoji) state.emoji = await (await fetch("/ui/emoji")).json();
  const picker = document.getElementById("emoji-picker");
  const rect = button.getBoundingClientRect();
  picker.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - 340))}px`;
  picker.style.top = `${Math.max(8, rect.top - 330)}px`;
  picker.hidden = false;
  const search = picker.querySelector(".emoji-search");
  search.value = "";
  fillPicker("");
  search.focus();
}

function fillPicker(query) {
  const grid = document.querySelector("#emoji-picker .emoji-grid");
  const q = query.trim().toLowerCase().replace(/:/g, "");
  const list = q ? state.emoji.all.filter(([name]) => name.includes(q)).slice(0, 96) : state.emoji.frequent.concat(state.emoji.all.slice(0, 80));
  grid.innerHTML = list
    .filter(([, char]) => char)
    .map(([name, char]) => `<button type="button" role="option" class="emoji-option" data-name="${name}" aria-label=":${name}:" title=":${name}:">${char}</button>`)
    .join("");
}

function hidePicker() {
  const picker = document.getElementById("emoji-picker");
  if (picker) picker.hidden = true;
  state.pickerFor = null;
}

// First paint came from the server: start at the newest message, catch up, and open the Home tab
// if we start there.
const firstList = document.querySelector(".messages");
if (firstList) firstList.scrollTop = firstList.scrollHeight;
if (state.at === "app-home") openApp("home");
refresh();
